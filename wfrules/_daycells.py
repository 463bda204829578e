"""Per-unit, per-day counts for reports: who is onsite, remote, absent or off, and the bounds that apply.

The HTML report draws these as stacked bars against the cap; notebooks get them as a table. The bounds
combine every applicable rule the way the check does (the strictest wins): ``max_remote`` is the lowest cap
of any rule counting only remote modes, ``min_onsite`` the highest minimum of any rule counting only onsite
modes (``None`` where no such rule applies).

Not :func:`wfrules._quota.cell_quota`: that one solves the joint quota (mixed-mode rules, feasibility,
the binding rules) and reports the listed count, not ``None``, where nothing applies; here only the
single-group bounds are drawn, cached per (rule, denominator) over every cell of the roster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from ._report import CellCounts
from ._vocab import GROUPS, MODES

if TYPE_CHECKING:
    from ._engine import Tally, UnitInfo, _Compiled

_GROUP_INDEX = {group: frozenset(i for i, m in enumerate(MODES) if m in GROUPS[group])
                for group in ("onsite", "remote", "absent", "off")}
_ONSITE, _REMOTE, _ABSENT, _OFF = (tuple(sorted(_GROUP_INDEX[g])) for g in ("onsite", "remote", "absent", "off"))


def cells_later(
    counts: Tally,
    compiled: Sequence[_Compiled],
    dates: Sequence[dt.date],
    in_scope: Sequence[set[str]],
    in_window: Sequence[set[dt.date]],
) -> Callable[[], tuple[CellCounts, ...]]:
    """A function that builds the table on first use, keeping only the counts (not who has which mode)."""
    per_cell = {key: cell.counts for key, cell in counts.cells.items()}
    units = dict(counts.units)
    return lambda: cell_table(units, per_cell, compiled, dates, in_scope, in_window)


def cell_table(
    units: Mapping[str, UnitInfo],
    per_cell: Mapping[tuple[str, dt.date], Sequence[int]],
    compiled: Sequence[_Compiled],
    dates: Sequence[dt.date],
    in_scope: Sequence[set[str]],
    in_window: Sequence[set[dt.date]],
) -> tuple[CellCounts, ...]:
    """One row per unit and date of the roster (units in roster order, dates ascending)."""
    caps = [i for i, c in enumerate(compiled) if c.is_max and c.counted and set(c.counted) <= _GROUP_INDEX["remote"]]
    floors = [i for i, c in enumerate(compiled)
              if not c.is_max and c.counted and set(c.counted) <= _GROUP_INDEX["onsite"]]
    bounds: dict[tuple[int, int], int] = {}  # (rule, denominator) -> bound: the same few values recur

    def bound(index: int, staff: int, per_mode: Sequence[int]) -> int:
        item = compiled[index]
        denominator = staff if item.per_staff else sum(per_mode[i] for i in item.denominator)
        found = bounds.get((index, denominator))
        if found is None:
            found = bounds[index, denominator] = item.rule.limit.bound(denominator)
        return found

    rows: list[CellCounts] = []
    zero: Sequence[int] = [0] * len(MODES)
    build = CellCounts.model_construct  # the values are computed here, not read: no validation needed
    for unit_id, unit in units.items():
        # The rules that can bound this unit at all; then, per date, those whose window holds.
        unit_caps = [i for i in caps if unit_id in in_scope[i]]
        unit_floors = [i for i in floors if unit_id in in_scope[i]]
        for day in dates:
            per_mode = per_cell.get((unit_id, day), zero)
            onsite = sum(per_mode[i] for i in _ONSITE)
            remote = sum(per_mode[i] for i in _REMOTE)
            absent = sum(per_mode[i] for i in _ABSENT)
            applicable = [i for i in unit_caps if day in in_window[i]]
            required = [i for i in unit_floors if day in in_window[i]]
            rows.append(build(
                unit=unit_id, sector=unit.sector, date=day, onsite=onsite, remote=remote, absent=absent,
                off=sum(per_mode[i] for i in _OFF), listed=onsite + remote + absent,
                max_remote=min((bound(i, unit.staff, per_mode) for i in applicable), default=None),
                min_onsite=max((bound(i, unit.staff, per_mode) for i in required), default=None),
            ))
    return tuple(rows)

