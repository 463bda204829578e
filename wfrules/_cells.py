"""Per-unit, per-day counts for reports: who is onsite, remote, absent or off, and the bounds that apply.

The HTML report draws these as stacked bars against the cap; notebooks get them as a table. The bounds
combine every applicable rule the way the check does (the strictest wins): ``max_remote`` is the lowest cap
of any rule counting only remote modes, ``min_onsite`` the highest minimum of any rule counting only onsite
modes (``None`` where no such rule applies).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._report import CellCounts
from ._vocab import GROUPS, MODES

if TYPE_CHECKING:
    from ._engine import Tally, _Compiled

_GROUP_INDEX = {group: frozenset(i for i, m in enumerate(MODES) if m in GROUPS[group])
                for group in ("onsite", "remote", "absent", "off")}


def cell_table(
    counts: Tally,
    compiled: Sequence[_Compiled],
    dates: Sequence[dt.date],
    in_scope: Sequence[set[str]],
    in_window: Sequence[set[dt.date]],
) -> tuple[CellCounts, ...]:
    """One row per unit and date of the roster (units in roster order, dates ascending)."""
    remote, onsite = _GROUP_INDEX["remote"], _GROUP_INDEX["onsite"]
    caps = [i for i, c in enumerate(compiled) if c.is_max and c.counted and set(c.counted) <= remote]
    floors = [i for i, c in enumerate(compiled) if not c.is_max and c.counted and set(c.counted) <= onsite]
    rows: list[CellCounts] = []
    zero = [0] * len(MODES)
    for unit_id, unit in counts.units.items():
        for day in dates:
            cell = counts.cells.get((unit_id, day))
            per_mode = cell.counts if cell is not None else zero
            sums = {group: sum(per_mode[i] for i in indexes) for group, indexes in _GROUP_INDEX.items()}
            applicable = [i for i in caps if unit_id in in_scope[i] and day in in_window[i]]
            required = [i for i in floors if unit_id in in_scope[i] and day in in_window[i]]
            rows.append(CellCounts(
                unit=unit_id, sector=unit.sector, date=day, onsite=sums["onsite"], remote=sums["remote"],
                absent=sums["absent"], off=sums["off"], listed=sums["onsite"] + sums["remote"] + sums["absent"],
                max_remote=min((_bound(compiled[i], unit.staff, per_mode) for i in applicable), default=None),
                min_onsite=max((_bound(compiled[i], unit.staff, per_mode) for i in required), default=None),
            ))
    return tuple(rows)


def _bound(item: _Compiled, staff: int, per_mode: Sequence[int]) -> int:
    denominator = staff if item.per_staff else sum(per_mode[i] for i in item.denominator)
    return item.rule.limit.bound(denominator)
