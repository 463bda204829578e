"""The engine: count once per unit and date, then evaluate every applicable rule on the counts.

Pure functions: no I/O, no printing. Counting (:func:`tally`) is separate from evaluation
(:func:`evaluate`) so another counting backend (a columnar one for millions of rows) can feed the same
evaluation.

>>> from wfrules import Circular, Roster
>>> roster = Roster.model_validate({
...     "units": [{"id": "bkd", "sector": "government_administration"}],
...     "employees": [{"id": f"e{i}", "unit": "bkd"} for i in range(3)],
...     "assignments": [{"employee": f"e{i}", "date": "2024-04-16", "mode": m}
...                     for i, m in enumerate(["WFH", "WFH", "WFO"])],
... })
>>> circular = Circular.model_validate({
...     "id": "demo", "number": "1/2024", "title": "Demo", "issuer": "BKD", "jurisdiction": "demo",
...     "issued": "2024-04-13",
...     "rules": [{"id": "wfh-max-half", "limit": {"kind": "share", "modes": ["remote"], "max": 0.5,
...                "of": "listed", "rounding": "down"}}],
... })
>>> report = check(roster, [circular])
>>> report.ok, report.violations[0].excess, report.violations[0].message
(False, 1, 'WFH/WFA 2 of 3 listed = 66.7% > 50% cap (1); move 1 to WFO')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ._args import circulars_arg, context_arg, lang_arg, roster_arg
from ._circular import Circular, ForbidLimit, Rule, ShareLimit
from ._daycells import cells_later
from ._errors import ContextError, Problem
from ._gc import no_gc
from ._messages import Lang, text
from ._report import FIELDS_LOCATED, FIELDS_UNLOCATED, CircularInfo, Report, Violation, message_of
from ._resolve import InForce, Resolver
from ._roster import Roster
from ._vocab import GROUPS, MODES, Mode

if TYPE_CHECKING:
    from ._context import ContextTable

_INDEX: dict[Mode, int] = {mode: i for i, mode in enumerate(MODES)}
_LISTED = tuple(_INDEX[m] for m in MODES if m in GROUPS["listed"])


@dataclass(slots=True)
class Cell:
    """The assignments of one unit on one date: counts per mode and, in roster order, who has which mode
    (with the assignment's index in the roster, so a report can point at its line)."""

    counts: list[int] = field(default_factory=lambda: [0] * len(MODES))
    entries: list[tuple[str, Mode, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What the scopes look at, and the unit's head count for ``staff`` denominators."""

    id: str
    sector: str
    tags: tuple[str, ...]
    staff: int


#: Fills ``counts.cells[key].entries`` (who has which mode, in roster order) for each key asked for.
EntrySource = Callable[["Tally", set[tuple[str, dt.date]]], None]


@dataclass(slots=True)
class Tally:
    """Counts per (unit, date); built once, read by every rule."""

    units: dict[str, UnitInfo]
    cells: dict[tuple[str, dt.date], Cell]
    assignments: int = 0
    #: Where the roster came from, so violations can point at lines: its file and the line of an assignment.
    source_path: str | None = None
    line_of: Callable[[int], int | None] | None = None
    #: For a counting backend that leaves ``Cell.entries`` empty (a streamed CSV scan, the DuckDB fast path):
    #: fills the entries of the cells asked for. :func:`evaluate` calls it once, for the cells whose people
    #: it needs (where a rule is broken, or where a rule counts only some employees).
    entry_source: EntrySource | None = None


@no_gc()
def tally(roster: Roster) -> Tally:
    """Count the roster's assignments per unit, date and mode (one pass).

    A roster streamed from a CSV file was counted while it was read: its counts are used, and the people of
    every cell are read back from the scan (see :func:`_report_of` for the lean path a check takes).
    """
    source = roster._counts_source()
    if source is not None:
        counts: Tally = source.tally()
        source.fill_entries(counts)
        counts.source_path, counts.line_of = roster.source_path, _lines(roster)
        return counts
    unit_of = {e.id: e.unit for e in roster.employees}
    staff = roster.staff_counts
    units = {u.id: UnitInfo(u.id, u.sector, u.tags, staff.get(u.id, 0)) for u in roster.units}
    cells: dict[tuple[str, dt.date], Cell] = {}
    for index, assignment in enumerate(roster.assignments):
        key = (unit_of[assignment.employee], assignment.date)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell()
        cell.counts[_INDEX[assignment.mode]] += 1
        cell.entries.append((assignment.employee, assignment.mode, index))
    return Tally(units=units, cells=cells, assignments=len(roster.assignments),
                 source_path=roster.source_path, line_of=_lines(roster) if roster.source_path else None)


def _lines(roster: Roster) -> Callable[[int], int | None]:
    """The roster's line function itself (``Roster.line_of`` goes through pydantic's attribute look-up on
    every call, which a report naming tens of thousands of people would feel)."""
    return roster._line_of or roster.line_of


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A rule with its mode sets turned into count indexes (done once per check, not per cell)."""

    circular: Circular
    rule: Rule
    counted: tuple[int, ...]
    #: Modes summed for a share's denominator (empty for headcounts, and when ``per_staff``).
    denominator: tuple[int, ...]
    #: The denominator is the unit's head count (``of: staff``), not a sum of modes.
    per_staff: bool
    is_max: bool
    #: For a minimum: the listed modes whose people can be moved into the counted modes.
    movable: tuple[int, ...]
    #: For a cap: where to move people (the message's advice).
    move_to: str
    #: The bound per denominator, computed once each (cells share a few denominators; shares use fractions).
    bounds: dict[int, int] = field(default_factory=dict, compare=False, repr=False)
    # What every violation of the rule says alike, built once by :meth:`of` rather than per violation:
    #: the counted modes' names (``actual["modes"]``),
    modes: tuple[str, ...] = ()
    #: the modes of the people a violation names (for a cap: the counted modes but LIBUR, which is never
    #: changed; for a minimum: the movable modes),
    named: frozenset[Mode] = frozenset()
    #: the citation (the circular's, and the rule's clause),
    citation: str = ""
    #: and the fixed tail of ``required`` (a share's ``share``, ``of`` and ``rounding``; a cap's ``move_to``).
    required_tail: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    #: Messages rendered so far, by (language, count, denominator, bound, changeable when unfixable): a
    #: message is a function of these for a given rule, and thousands of violations repeat a few of them.
    messages: dict[tuple[str, int, int, int, int], str] = field(default_factory=dict, compare=False, repr=False)

    def bound(self, denominator: int) -> int:
        """The rule's bound in people for ``denominator`` (cached)."""
        found = self.bounds.get(denominator)
        if found is None:
            found = self.bounds[denominator] = self.rule.limit.bound(denominator)
        return found

    def breaks(self, staff: int, counts: Sequence[int]) -> bool:
        """Whether counts per mode (and the unit's head count ``staff``) break the rule: the test that
        :func:`_evaluate` starts with, so that the cells needing their people can be told from counts alone."""
        count = sum(map(counts.__getitem__, self.counted))
        bound = self.bound(staff if self.per_staff else sum(map(counts.__getitem__, self.denominator)))
        return count > bound if self.is_max else count < bound

    @classmethod
    def of(cls, circular: Circular, rule: Rule) -> _Compiled:
        limit = rule.limit
        counted = tuple(sorted(_INDEX[m] for m in limit.counted))
        per_staff = isinstance(limit, ShareLimit) and limit.of == "staff"
        denominator: tuple[int, ...] = ()
        if isinstance(limit, ShareLimit) and not per_staff:
            denominator = tuple(sorted(_INDEX[m] for m in limit.denominator_modes))
        is_max = isinstance(limit, ForbidLimit) or limit.max is not None
        movable = tuple(i for i in (denominator or _LISTED) if i in _LISTED and i not in counted)
        # Where to move people to meet a cap: a listed mode that is not counted, inside the denominator when
        # the denominator is a list of modes (moving out of it would shrink the bound too); WFO if it qualifies.
        others = [m for m in MODES if m in GROUPS["listed"] and m not in limit.counted]
        if denominator:
            others = [m for m in others if _INDEX[m] in denominator] or others
        # Else WFH: a cap on WFO itself (PPKM office caps) is met by working from home, not by DL.
        choices = [m for m in (Mode.WFO, Mode.WFH) if m in others] + others
        move_to = choices[0].value if choices else "-"
        tail: dict[str, object] = {}
        if isinstance(limit, ShareLimit):
            tail |= {"share": limit.value, "of": limit.of, "rounding": limit.rounding}
        if is_max:
            tail["move_to"] = move_to
        named = frozenset(MODES[i] for i in counted if MODES[i] is not Mode.LIBUR) if is_max else frozenset(
            MODES[i] for i in movable)
        citation = f"{circular.cited_as}, {rule.citation}" if rule.citation else circular.cited_as
        return cls(circular, rule, counted, denominator, per_staff, is_max, movable, move_to,
                   modes=tuple(MODES[i].value for i in counted), named=named, citation=citation, required_tail=tail)


_OFF = _INDEX[Mode.LIBUR]


def _evaluate(
    compiled: _Compiled,
    unit: UnitInfo,
    day: dt.date,
    cell: Cell,
    lang: Lang,
    source: Tally | None = None,
    counting: dict[str, object] | None = None,
    amended: tuple[str, dict[str, object]] | None = None,
) -> Violation | None:
    """The violation of ``compiled`` by ``unit`` on ``day``, or ``None`` when the cell's counts meet it.

    ``counting``: whom a rule with an employee filter counts (``required["employees"]``); ``amended``: the
    amendment in force, as :func:`_name_version` says it. The violation is built once, from values that
    have the right types by construction (see :meth:`Violation._trusted`), with its message in ``lang``.
    """
    counts = cell.counts
    count = sum(map(counts.__getitem__, compiled.counted))
    denominator = unit.staff if compiled.per_staff else sum(map(counts.__getitem__, compiled.denominator))
    bound = compiled.bound(denominator)
    if compiled.is_max:
        if count <= bound:
            return None
        excess = count - bound
        # LIBUR is never changed, so counted LIBUR assignments cannot be moved.
        changeable = count - counts[_OFF] if _OFF in compiled.counted else count
    else:
        if count >= bound:
            return None
        excess = bound - count
        changeable = sum(map(counts.__getitem__, compiled.movable))
    named = compiled.named
    # Who could be moved, in roster order, with the index of each one's assignment.
    involved = [entry for entry in cell.entries if entry[1] in named]
    employees: tuple[str, ...]
    indexes: tuple[int, ...]
    employees, _, indexes = zip(*involved, strict=True) if involved else ((), (), ())
    limit = compiled.rule.limit
    required: dict[str, object] = {"kind": limit.kind, ("max" if compiled.is_max else "min"): bound}
    if isinstance(limit, ShareLimit):
        share = round(count / denominator, 4) if denominator else 0.0
        actual: dict[str, object] = {
            "modes": list(compiled.modes), "count": count, "denominator": denominator, "share": share,
        }
    else:
        actual = {"modes": list(compiled.modes), "count": count}
    required.update(compiled.required_tail)
    fixable = changeable >= excess
    if not fixable:
        required["changeable"] = changeable
    key = (lang, count, denominator, bound, -1 if fixable else changeable)
    message = compiled.messages.get(key)
    if message is None:
        message = compiled.messages[key] = message_of(actual, required, excess, fixable, lang)
    if counting is not None:
        required["employees"] = counting
    citation = compiled.citation
    if amended is not None:
        citation = f"{citation}; {amended[0]}"
        required.update(amended[1])
    # Where to look: the roster file and, parallel to ``employees``, the line of each one's assignment.
    file, lines = _located(source, indexes)
    fields = {
        "rule": compiled.rule.id,
        "circular": compiled.circular.id,
        "citation": citation,
        "severity": compiled.rule.severity,
        "unit": unit.id,
        "sector": unit.sector,
        "date": day,
        "excess": excess,
        "employees": employees,
        "message": message,
        "actual": actual,
        "required": required,
        "fixable": fixable,
        "file": file,
        "lines": lines,
    }
    return Violation._trusted(fields, set(FIELDS_LOCATED if file is not None else FIELDS_UNLOCATED))


def _located(source: Tally | None, indexes: tuple[int, ...]) -> tuple[str | None, tuple[int, ...]]:
    """The roster file and the line of each assignment (0 where unknown); ``(None, ())`` for a roster built
    in Python."""
    if source is None or source.source_path is None or source.line_of is None:
        return None, ()
    lines = tuple(map(source.line_of, indexes))
    if None in lines:
        lines = tuple(n or 0 for n in lines)
    return source.source_path, lines  # type: ignore[return-value]


@no_gc()
def evaluate(
    counts: Tally, circulars: Sequence[Circular], *, lang: Lang = "en", resolver: Resolver | None = None
) -> Report:
    """Evaluate every rule of ``circulars`` on precomputed counts.

    ``resolver`` (built by :func:`check`) knows the units' regions, the context table, the employees'
    attributes and the amendments; without one, rules that need them raise an input error.

    The cost is one pass over the cells, each trying only the rules whose scope holds its unit and whose
    window holds its date (decided once per (rule, unit) and (rule, date)), so it grows with the rules that
    apply, not with every rule of every circular. When the tally has an ``entry_source``, the people of a
    cell are asked for once, for the cells where some rule is broken (or counts only some employees).
    """
    if resolver is None:
        resolver = Resolver(circulars)
    compiled = [_Compiled.of(c, r) for c in circulars for r in c.rules]
    # Scopes and windows are decided once per (rule, unit) and (rule, date), not per cell.
    dates = sorted({day for _, day in counts.cells})
    in_window = [{d for d in dates if item.rule.applies_on(d)} for item in compiled]
    # A rule whose window misses every date of the roster needs no scope decision (nor a unit's region).
    in_scope = [
        {u.id for u in counts.units.values() if resolver.scope_matches(item.rule, u)} if in_window[i] else set()
        for i, item in enumerate(compiled)
    ]
    # Amended or revoked rules: the version in force per date, compiled once per version.
    versions: list[dict[dt.date, tuple[_Compiled, InForce] | None] | None] = []
    for index, item in enumerate(compiled):
        if not resolver.has_versions(item.circular, item.rule):
            versions.append(None)
            continue
        by_date: dict[dt.date, tuple[_Compiled, InForce] | None] = {}
        seen: dict[int, _Compiled] = {}
        for day in in_window[index]:
            version = resolver.version(item.circular, item.rule, day)
            if version is None or version.amendment is None:
                by_date[day] = None if version is None else (item, version)
                continue
            key = id(version.amendment)
            if key not in seen:
                seen[key] = _Compiled.of(item.circular, version.rule)
            by_date[day] = (seen[key], version)
        versions.append(by_date)
    # The rules each cell tries: the rules in scope of its unit (one shared tuple per distinct list) that are
    # in window on its date, looked up per (list, date); rules of other scopes or windows cost nothing.
    on_date = {day: frozenset(i for i, dated in enumerate(in_window) if day in dated) for day in dates}
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}
    applicable: dict[tuple[int, dt.date], tuple[int, ...]] = {}
    missing: list[Problem] = []
    empty = Cell()
    checked = 0
    # First, what is judged where: every unit on every date of the roster (a unit left out of the roster on
    # a date has nobody there, which a minimum, such as picket duty or 100% of staff, must see), each with
    # the version of each rule in force and its context conditions decided. A rule the counts show to hold
    # is done here; what is kept is the rules broken (or counting only some employees) and their cells.
    judged: list[tuple[UnitInfo, dt.date, Cell, list[tuple[_Compiled, InForce | None]]]] = []
    for unit_id, unit in counts.units.items():
        scoped = tuple(i for i, units in enumerate(in_scope) if unit_id in units)
        if not scoped:
            continue
        scoped = shared.setdefault(scoped, scoped)
        for day in dates:
            rules = applicable.get((id(scoped), day))
            if rules is None:
                rules = applicable[id(scoped), day] = tuple(i for i in scoped if i in on_date[day])
            if not rules:
                continue
            items: list[tuple[_Compiled, InForce | None]] = []
            cell = counts.cells.get((unit_id, day), empty)
            for index in rules:
                item, current = compiled[index], None
                dated = versions[index]
                if dated is not None:
                    in_force = dated.get(day)
                    if in_force is None:
                        continue  # revoked by then
                    item, current = in_force
                if item.rule.context is not None:
                    try:
                        if not resolver.context_holds(item.rule, unit, day):
                            continue
                    except ContextError as exc:
                        missing.extend(exc.problems)
                        if len(missing) >= 50:
                            raise ContextError(missing) from None
                        continue
                if item.rule.employees is None and not item.breaks(unit.staff, cell.counts):
                    checked += 1  # holds: the same test _evaluate starts with
                    continue
                items.append((item, current))
            if items:
                judged.append((unit, day, cell, items))
    if counts.entry_source is not None:
        _fill_entries(counts, judged)
    violations: list[Violation] = []
    amended, checked = _collect(judged, resolver, lang, counts, violations, checked)
    if missing:
        raise ContextError(missing)
    errors = sum(v.severity == "error" for v in violations)
    summary: dict[str, object] = {
        "assignments": counts.assignments,
        "units": len(counts.units),
        "dates": len(dates),
        "rules": len(compiled),
        "checked": checked,
        "violations": len(violations),
        "errors": errors,
        "warnings": len(violations) - errors,
        "violating_pairs": len({(v.unit, v.date) for v in violations}),
    }
    if any(v is not None for v in versions):
        summary["amended_violations"] = amended
    if resolver.not_given:
        # Amendments of circulars that are not checked change nothing; say so rather than stay silent.
        summary["amended_circulars_not_checked"] = list(resolver.not_given)
    # Built without validation (the values have their types by construction; a check then builds no
    # validator for it: start-up). tests/test_trusted_models.py compares it with a validated report.
    return Report.model_construct(
        ok=errors == 0,
        circulars=tuple(c.id for c in circulars),
        violations=tuple(violations),
        summary=summary,
        lang=lang,
        sources=tuple(CircularInfo.of(c) for c in circulars),
    ).with_cells(cells_later(counts, compiled, dates, in_scope, in_window))


def _collect(
    judged: list[tuple[UnitInfo, dt.date, Cell, list[tuple[_Compiled, InForce | None]]]],
    resolver: Resolver,
    lang: Lang,
    counts: Tally,
    violations: list[Violation],
    checked: int,
) -> tuple[int, int]:
    """Evaluate the rules kept for each judged cell, appending the violations found to ``violations``;
    returns how many of them broke an amended version of their rule, and ``checked`` plus the rules tried."""
    amended = 0
    for unit, day, cell, items in judged:
        for item, current in items:
            judged_unit, judged_cell = unit, cell
            if item.rule.employees is not None:
                judged_unit, judged_cell = _kept_only(resolver, item.rule, unit, cell)
            checked += 1
            counting, version = None, None
            renamed = current is not None and current.amended_by is not None
            if item.rule.employees is not None or renamed:
                # What such a violation says besides its numbers is built only when there is one.
                if not item.breaks(judged_unit.staff, judged_cell.counts):
                    continue
                if item.rule.employees is not None:
                    # Say whom the counts cover: "1 of 3 listed" means 3 of the kept employees.
                    counting = item.rule.employees.model_dump(mode="json", exclude_none=True)
                if renamed:
                    assert current is not None
                    amended += 1
                    version = _name_version(current, resolver, lang)
            found = _evaluate(item, judged_unit, day, judged_cell, lang, counts, counting, version)
            if found is not None:
                violations.append(found)
    return amended, checked


def _fill_entries(
    counts: Tally, judged: list[tuple[UnitInfo, dt.date, Cell, list[tuple[_Compiled, InForce | None]]]]
) -> None:
    """Ask the tally's entry source, once, for the people of the cells that need them (``judged`` keeps only
    those): where some rule is broken (a violation names its people) or where a rule counts only some
    employees (its counts come from the people). A compliant roster without employee filters asks for
    nothing."""
    assert counts.entry_source is not None
    wanted = {(unit.id, day) for unit, day, _, _ in judged if (unit.id, day) in counts.cells}
    if wanted:
        counts.entry_source(counts, wanted)


def _kept_only(resolver: Resolver, rule: Rule, unit: UnitInfo, cell: Cell) -> tuple[UnitInfo, Cell]:
    """The unit and cell as the rule's employee filter sees them: only the employees it keeps."""
    assert rule.employees is not None
    kept = Cell()
    for entry in cell.entries:
        if resolver.keeps(rule.employees, entry[2]):
            kept.counts[_INDEX[entry[1]]] += 1
            kept.entries.append(entry)
    return replace(unit, staff=resolver.staff_kept(rule.employees, unit.id)), kept


def _name_version(current: InForce, resolver: Resolver, lang: Lang) -> tuple[str, dict[str, object]]:
    """Say which version of the rule was broken: what to add to the citation (the amending circular, its
    clause and the date) and to ``required`` (``amended_by``, ``in_force_from``)."""
    assert current.amendment is not None
    by = next(c for c in resolver.circulars if c.id == current.amended_by)
    clause = f", {current.amendment.citation}" if current.amendment.citation else ""
    amended = text("citation.amended", lang, by=by.cited_as, clause=clause, date=current.amendment.start.isoformat())
    return amended, {"amended_by": by.id, "in_force_from": current.amendment.start.isoformat()}


def check(
    roster: Roster,
    circulars: Circular | Iterable[Circular],
    *,
    lang: Lang = "en",
    context: ContextTable | None = None,
) -> Report:
    """Check ``roster`` against one or more circulars; one violation per (rule, unit, date).

    Pure: reads nothing, prints nothing. ``lang`` (``en`` or ``id``) is the language of the messages.
    ``context`` is the context table (PPKM levels, zones…) for rules that depend on one
    (``wfrules.load_context(path)``); amendments between the given circulars apply from their dates.
    """
    circulars = circulars_arg("check", circulars)
    roster_arg("check", roster)
    lang_arg(lang)
    context_arg("check", context)
    resolver = Resolver(circulars, context=context, roster=roster)
    return _report_of(roster, circulars, lang, resolver)


def _report_of(roster: Roster, circulars: Sequence[Circular], lang: Lang, resolver: Resolver | None = None) -> Report:
    """Evaluate on the counts. A streamed roster (a CSV scan, or the DuckDB fast path) is judged on the
    counts of its scan, and the people of a cell are read back only for the cells that need them (see
    :func:`evaluate`): memory never grows with rows, and a mostly compliant roster costs one evaluation."""
    source = roster._counts_source()
    if source is None:
        return evaluate(tally(roster), circulars, lang=lang, resolver=resolver)
    counts: Tally = source.tally()
    counts.source_path, counts.line_of = roster.source_path, _lines(roster)
    counts.entry_source = source.fill_entries
    return evaluate(counts, circulars, lang=lang, resolver=resolver)


__all__ = ["Cell", "Tally", "UnitInfo", "check", "evaluate", "tally"]
