"""Quotas: for a unit on a date, the most who may be remote and the fewest who must be onsite.

One machinery serves every limit kind (share max/min, headcount max/min, forbid) and is shared by
``quota``, ``plan`` and ``fix``: a :class:`CellRules` is the set of rules that apply to one unit on one
date, and decides from per-mode counts (the counts :func:`wfrules._engine.tally` makes) how far each rule
is from holding (its ``excess``, exactly as ``check`` computes it). Nothing here knows a particular
circular; the strictest rule wins because every rule must hold at once.

How the quota of a cell is defined (see the README, *Quotas*):

* ``max_remote`` is the largest ``r`` (0 ≤ r ≤ listed) such that the day with ``r`` people remote and the
  rest of those working onsite passes every applicable rule. Absences and ``LIBUR`` stay as in the roster;
  when ``r`` exceeds the people working, absentees are counted as remote too (the quota is an allowance of
  the rules, not a count of who happens to be in). Remote is counted as WFH and onsite as WFO.
* ``min_onsite`` is the smallest ``o`` such that the day with ``o`` onsite and the rest of those working
  remote passes every rule (absentees counted as onsite when ``o`` exceeds the people working).
* ``min_remote`` and ``max_onsite`` are the other ends of the same scans: the fewest remote and the most
  onsite at which every rule holds (a cap on WFO, as the PPKM circulars set, makes them matter).
* A rule that the day's absences break wherever the line is drawn (``100% present`` with someone on leave)
  is judged as if everyone listed were at work, so it still says what it allows (none remote); a rule
  that cannot hold even then (a minimum of more people than the unit has) is taken where it comes closest.
  Either way ``feasible`` is false and ``unmet`` names the rules. If the rules contradict each other
  outright, the quota is taken where their total excess is least (``feasible`` false).

>>> import wfrules
>>> kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
>>> roster = wfrules.Roster.model_validate({
...     "units": [{"id": "bkd", "sector": "government_administration"}],
...     "employees": [{"id": f"e{i}", "unit": "bkd"} for i in range(7)],
...     "assignments": [{"employee": f"e{i}", "date": "2024-04-16", "mode": "WFO"} for i in range(7)],
... })
>>> entry = quota(roster, [kalbar]).quotas[0]
>>> entry.listed, entry.max_remote, entry.min_onsite, [r.rule for r in entry.rules]
(7, 3, 4, ['others-wfh-max-50'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from ._args import circulars_arg, context_arg, roster_arg
from ._circular import Circular, EmployeeFilter, Rule
from ._context import ContextTable
from ._engine import Cell, Tally, UnitInfo, _Compiled, tally
from ._errors import Problem, UsageError
from ._resolve import Resolver
from ._roster import Roster
from ._vocab import GROUPS, MODES, Mode

#: Position of each mode in a counts vector (the order of :data:`wfrules.MODES`, as in the engine's cells).
INDEX: dict[Mode, int] = {mode: i for i, mode in enumerate(MODES)}
WFO, DL, WFH, WFA = (INDEX[m] for m in (Mode.WFO, Mode.DL, Mode.WFH, Mode.WFA))
ONSITE = tuple(INDEX[m] for m in MODES if m in GROUPS["onsite"])
REMOTE = tuple(INDEX[m] for m in MODES if m in GROUPS["remote"])
ABSENT = tuple(INDEX[m] for m in MODES if m in GROUPS["absent"])
OFF = INDEX[Mode.LIBUR]
LISTED = tuple(INDEX[m] for m in MODES if m in GROUPS["listed"])

Counts = Sequence[int]


def counts_of(modes: Mapping[Mode, int] | Iterable[Mode]) -> list[int]:
    """A counts vector (one number per mode, in :data:`wfrules.MODES` order) from a mapping or a list of modes.

    >>> counts_of([Mode.WFO, Mode.WFH, Mode.WFO])[:4]
    [2, 0, 1, 0]
    """
    out = [0] * len(MODES)
    if isinstance(modes, Mapping):
        for mode, n in modes.items():
            out[INDEX[Mode(mode)]] += n
    else:
        for mode in modes:
            out[INDEX[Mode(mode)]] += 1
    return out


def excess(rule: _Compiled, counts: Counts, staff: int, bounds: dict[int, int] | None = None) -> int:
    """How many changes of mode ``rule`` still needs on a day with these ``counts`` (0: it holds).

    The same arithmetic as ``check``: the count of the rule's modes against its bound, the bound taken
    from the rule's denominator (``staff`` for ``of: staff``). ``bounds`` caches the bound per denominator.
    """
    count = sum(counts[i] for i in rule.counted)
    denominator = staff if rule.per_staff else sum(counts[i] for i in rule.denominator)
    if bounds is None:
        bound = rule.rule.limit.bound(denominator)
    else:
        bound = bounds.get(denominator, -1)
        if bound < 0:
            bound = bounds[denominator] = rule.rule.limit.bound(denominator)
    return max(0, count - bound) if rule.is_max else max(0, bound - count)


@dataclass(frozen=True, slots=True)
class CellRules:
    """The rules that apply to one unit on one date, with the unit's head count (for ``of: staff``)."""

    rules: tuple[_Compiled, ...]
    staff: int
    #: Each rule's bound per denominator, filled as needed (searches ask for the same ones many times).
    bounds: tuple[dict[int, int], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.bounds) != len(self.rules):
            object.__setattr__(self, "bounds", tuple({} for _ in self.rules))

    def excesses(self, counts: Counts) -> list[int]:
        """Each rule's excess on a day with ``counts`` (0 where the rule holds)."""
        return [excess(rule, counts, self.staff, cache) for rule, cache in zip(self.rules, self.bounds, strict=True)]

    def holds(self, counts: Counts) -> bool:
        """Whether every rule holds on a day with ``counts``."""
        return all(excess(rule, counts, self.staff, cache) == 0 for rule, cache in zip(self.rules, self.bounds,
                                                                                        strict=True))

    def worst(self, counts: Counts) -> int:
        """The largest excess (a lower bound on the changes of mode needed to make every rule hold)."""
        return max((excess(rule, counts, self.staff, cache) for rule, cache in zip(self.rules, self.bounds,
                                                                                    strict=True)), default=0)


class RuleSet:
    """Every rule of some circulars, compiled once; answers which apply to a unit on a date, resolved as
    ``check`` resolves them (:class:`wfrules._resolve.Resolver`): region scopes, context conditions (from the
    context table), and the version in force that date when one given circular amends or revokes another's
    rule. A rule that counts only some employees (``employees``) is refused with a :class:`UsageError` (head counts
    alone cannot say *who* moves), unless ``filters`` is set: ``quota``, ``fix`` and ``plan`` set it and judge
    such rules on the cell's people (see :func:`split_classes`).

    >>> import wfrules
    >>> from wfrules._context import ContextTable
    >>> ppkm, amending = wfrules.load_circular("menpanrb-se-25-2021"), wfrules.load_circular("menpanrb-se-05-2022")
    >>> levels = ContextTable.from_rows([{"region": "32", "from": "2022-02-01", "to": "2022-02-28", "ppkm_level": 2}])
    >>> rules = RuleSet([ppkm, amending], context=levels)
    >>> unit = UnitInfo("bappeda", "government_administration", (), 8)
    >>> rules.resolver.region_of = lambda u: "32"   # (a roster would give the unit's region)
    >>> [(r.rule.id, r.rule.limit.max) for r in rules.for_cell(unit, dt.date(2022, 2, 15)).rules]
    [('nonessential-java-bali-l2', 0.5)]
    >>> [(r.rule.id, r.rule.limit.max) for r in rules.for_cell(unit, dt.date(2022, 2, 16)).rules]
    [('nonessential-java-bali-l2', 0.75)]
    """

    def __init__(self, circulars: Sequence[Circular], *, severities: Iterable[str] = ("error", "warning"),
                 context: ContextTable | None = None, roster: Roster | None = None,
                 resolver: Resolver | None = None, filters: bool = False) -> None:
        wanted = frozenset(severities)
        #: Whether rules with an employee filter are returned (``quota`` judges them on the cell's people).
        self.filters = filters
        circulars = list(circulars)
        self.resolver = resolver if resolver is not None else Resolver(circulars, context=context, roster=roster)
        self.compiled = tuple(
            _Compiled.of(c, r) for c in circulars for r in c.rules if r.severity in wanted
        )
        self._scope: dict[tuple[int, str], bool] = {}
        self._window: dict[dt.date, tuple[int, ...]] = {}
        self._amended: dict[int, _Compiled] = {}

    def _in_scope(self, index: int, unit: UnitInfo) -> bool:
        key = (index, unit.id)
        found = self._scope.get(key)
        if found is None:
            found = self._scope[key] = self.resolver.scope_matches(self.compiled[index].rule, unit)
        return found

    def for_cell(self, unit: UnitInfo, day: dt.date) -> CellRules:
        """The rules in force for the unit on the date (window, scope, context, version), in circular order."""
        in_window = self._window.get(day)
        if in_window is None:
            in_window = self._window[day] = tuple(
                i for i, item in enumerate(self.compiled) if item.rule.applies_on(day))
        found: list[_Compiled] = []
        for index in in_window:
            if not self._in_scope(index, unit):
                continue
            item = self.compiled[index]
            if self.resolver.has_versions(item.circular, item.rule):
                version = self.resolver.version(item.circular, item.rule, day)
                if version is None:
                    continue  # revoked by then
                if version.amendment is not None:
                    key = id(version.amendment)
                    if key not in self._amended:
                        self._amended[key] = _Compiled.of(item.circular, version.rule)
                    item = self._amended[key]
            if not self.resolver.context_holds(item.rule, unit, day):
                continue
            if item.rule.employees is not None and not self.filters:
                raise UsageError(Problem(
                    f"rule {item.rule.id!r} of {item.circular.id} counts only some employees (an employee filter); "
                    "this rule set works on head counts and cannot say who may be remote", item.circular.id,
                    hint="judge the rule on the cell's people: RuleSet(..., filters=True) and split_classes"))
            found.append(item)
        return CellRules(tuple(found), unit.staff)

    def any_window_holds(self, day: dt.date) -> bool:
        """Whether some rule with a stated window applies on ``day`` (a rule without a window does not count)."""
        return any(item.rule.window is not None and item.rule.applies_on(day) for item in self.compiled)


# ------------------------------------------------------------------------------------- the quota of a cell


def day_with_remote(counts: Counts, remote: int) -> list[int]:
    """The day of ``counts`` with ``remote`` people remote (WFH) and the rest of those working onsite (WFO).

    Absences and LIBUR stay; when ``remote`` exceeds the people working, absentees are counted as remote
    (in the order CUTI, SAKIT, IZIN, TK).

    >>> day_with_remote(counts_of([Mode.WFO, Mode.WFH, Mode.CUTI, Mode.LIBUR]), 3)
    [0, 0, 3, 0, 0, 0, 0, 0, 1]
    """
    return _day(counts, remote, WFH, WFO)


def day_with_onsite(counts: Counts, onsite: int) -> list[int]:
    """The day of ``counts`` with ``onsite`` people onsite (WFO) and the rest of those working remote (WFH).

    >>> day_with_onsite(counts_of([Mode.WFO, Mode.WFH, Mode.CUTI]), 3)
    [3, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    return _day(counts, onsite, WFO, WFH)


def _day(counts: Counts, chosen: int, chosen_mode: int, other_mode: int) -> list[int]:
    working = sum(counts[i] for i in ONSITE) + sum(counts[i] for i in REMOTE)
    out = [0] * len(MODES)
    for i in (*ABSENT, OFF):
        out[i] = counts[i]
    out[chosen_mode] = chosen
    out[other_mode] = max(0, working - chosen)
    extra = chosen - working
    for i in ABSENT:
        if extra <= 0:
            break
        taken = min(extra, out[i])
        out[i] -= taken
        extra -= taken
    return out


@dataclass(frozen=True, slots=True)
class RuleQuota:
    """What one rule alone allows on a cell: its own ``max_remote`` and ``min_onsite``, and whether it can
    hold at all (``met``)."""

    circular: str
    rule: str
    severity: str
    max_remote: int
    min_onsite: int
    met: bool

    def to_json_dict(self) -> dict[str, Any]:
        """As plain data."""
        return {"circular": self.circular, "rule": self.rule, "severity": self.severity,
                "max_remote": self.max_remote, "min_onsite": self.min_onsite, "met": self.met}


@dataclass(frozen=True, slots=True)
class CellQuota:
    """The quota of one unit on one date, combining every applicable rule (the strictest wins).

    ``rules`` are the rules that bind (whose own limit is the combined one); ``applicable`` every rule that
    applies, with what it alone allows; ``unmet`` the rules no choice of who is remote can satisfy.
    """

    listed: int
    working: int
    max_remote: int
    min_onsite: int
    feasible: bool
    rules: tuple[RuleQuota, ...]
    applicable: tuple[RuleQuota, ...]
    unmet: tuple[RuleQuota, ...]
    #: The fewest who must be remote and the most who may be onsite (caps on WFO, as PPKM circulars set).
    min_remote: int = 0
    max_onsite: int = 0


def _best(scores: list[list[int]], size: int) -> tuple[list[int], list[set[int]]]:
    """Per rule, its least excess over the scan and the positions where it is reached."""
    best = [min(row[k] for row in scores) for k in range(size)]
    where = [{n for n, row in enumerate(scores) if row[k] == best[k]} for k in range(size)]
    return best, where


def _present(counts: Counts) -> list[int]:
    """The day of ``counts`` with every absentee counted as onsite (WFO): everyone listed at work."""
    out = list(counts)
    for i in ABSENT:
        out[WFO] += out[i]
        out[i] = 0
    return out


def _scan(
    rules: CellRules, counts: Counts, listed: int, remote: bool
) -> tuple[list[int], list[set[int]], list[list[int]]]:
    """Per rule, the positions (numbers remote, or onsite) where it is as close to holding as it can be, and
    its excess there. A rule that the day's absences break wherever the line is drawn (e.g. "100% present"
    with someone on leave) is judged as if everyone listed were at work, so that it still says what it allows."""
    build = day_with_remote if remote else day_with_onsite
    scores = [rules.excesses(build(counts, n)) for n in range(listed + 1)]
    best, where = _best(scores, len(rules.rules))
    if any(best) and any(counts[i] for i in ABSENT):
        present = _present(counts)
        for k, rule in enumerate(rules.rules):
            if best[k]:
                alone = [excess(rule, build(present, n), rules.staff, rules.bounds[k]) for n in range(listed + 1)]
                if min(alone) == 0:
                    where[k] = {n for n, e in enumerate(alone) if e == 0}
    return best, where, scores


def _allowed(where: list[set[int]], scores: list[list[int]]) -> tuple[set[int], bool]:
    """The positions where every rule is as close to holding as it can be; if the rules contradict each
    other, those with the least total excess."""
    together = set(range(len(scores)))
    for positions in where:
        together &= positions
    if together:
        return together, True
    least = min(sum(row) for row in scores)
    return {n for n, row in enumerate(scores) if sum(row) == least}, False


def cell_quota_compiled(counts: Counts, rules: CellRules) -> CellQuota:
    """:func:`cell_quota` on compiled rules (what ``quota``, ``plan`` and ``explain`` share)."""
    listed = sum(counts[i] for i in LISTED)
    working = sum(counts[i] for i in ONSITE) + sum(counts[i] for i in REMOTE)
    best_r, where_r, scores_r = _scan(rules, counts, listed, remote=True)
    best_o, where_o, scores_o = _scan(rules, counts, listed, remote=False)
    allowed_r, joint_r = _allowed(where_r, scores_r)
    allowed_o, joint_o = _allowed(where_o, scores_o)
    max_remote, min_onsite = max(allowed_r), min(allowed_o)
    applicable = tuple(
        RuleQuota(item.circular.id, item.rule.id, item.rule.severity, max(where_r[k]), min(where_o[k]),
                  best_r[k] == 0 and best_o[k] == 0)
        for k, item in enumerate(rules.rules)
    )
    binding = tuple(
        q for q in applicable
        if (q.max_remote == max_remote and max_remote < listed) or (q.min_onsite == min_onsite and min_onsite > 0)
    )
    unmet = tuple(q for q in applicable if not q.met)
    feasible = joint_r and joint_o and not unmet
    return CellQuota(listed, working, max_remote, min_onsite, feasible, binding, applicable, unmet,
                     min(allowed_r), max(allowed_o))


#: Allocations of remote (or onsite) people over classes of employees beyond this many are not scanned.
MAX_ALLOCATIONS = 200_000


def allocations_within_limit(sizes: Sequence[int], command: str, hint: str) -> None:
    """A :class:`UsageError` (located at ``command``) when spreading places over classes of these sizes has
    more than :data:`MAX_ALLOCATIONS` ways to scan (``quota`` and ``plan`` scan every one)."""
    total = 1
    for size in sizes:
        total *= size + 1
    if total > MAX_ALLOCATIONS:
        raise UsageError(Problem(f"{total} ways to spread places over the employees that filters tell apart; "
                                 f"over the limit of {MAX_ALLOCATIONS}", command, hint=hint))


def classed_cell_quota(parts: Sequence[Counts], rules: CellRules, masks: Sequence[Sequence[bool]],
                       staffs: Sequence[int]) -> CellQuota:
    """The quota of a cell whose people fall into classes that employee filters tell apart: ``parts[c]`` are
    the counts of class ``c``, ``masks[k][c]`` whether rule ``k`` counts class ``c`` (every class for a rule
    without a filter), ``staffs[k]`` the head count rule ``k`` uses for ``of: staff``.

    A position is an allocation: how many of each class are remote (the rest of those working onsite), or
    onsite. ``max_remote`` is the largest total of an allocation at which every rule holds, and so on: the
    quota says how many, for the right people (a roster with more remote fails for any choice of whom).

    >>> from wfrules import load_circular
    >>> dki = load_circular("pemprov-dki-bkd-se-e-0021-2025")
    >>> rules = CellRules((_Compiled.of(dki, dki.rule("service-24h-staff-onsite")),), 5)
    >>> q = classed_cell_quota([counts_of({Mode.WFO: 2}), counts_of({Mode.WFO: 3})], rules, [(True, False)], [2])
    >>> q.max_remote, q.min_onsite    # the 2 with 24-hour duty stay; the 3 others may all work from home
    (3, 2)
    """
    sizes = [sum(part[i] for i in LISTED) for part in parts]
    allocations_within_limit(sizes, "quota", "check the roster with 'wfrules check' instead")
    allocations = list(product(*(range(size + 1) for size in sizes)))

    def scores(build: Callable[[Counts, int], list[int]], source: Sequence[Counts]) -> list[list[int]]:
        out = []
        for allocation in allocations:
            days = [build(part, n) for part, n in zip(source, allocation, strict=True)]
            row = []
            for k, rule in enumerate(rules.rules):
                counts = [sum(day[i] for day, kept in zip(days, masks[k], strict=True) if kept)
                          for i in range(len(MODES))]
                row.append(excess(rule, counts, staffs[k], rules.bounds[k]))
            out.append(row)
        return out

    def scan(build: Callable[[Counts, int], list[int]]) -> tuple[list[int], list[set[int]], list[list[int]]]:
        found = scores(build, parts)
        best, where = _best(found, len(rules.rules))
        if any(best) and any(part[i] for part in parts for i in ABSENT):
            present = scores(build, [_present(part) for part in parts])
            for k in range(len(rules.rules)):
                if best[k] and min(row[k] for row in present) == 0:
                    where[k] = {n for n, row in enumerate(present) if row[k] == 0}
        return best, where, found

    value = [sum(allocation) for allocation in allocations]
    best_r, where_r, scores_r = scan(day_with_remote)
    best_o, where_o, scores_o = scan(day_with_onsite)
    allowed_r, joint_r = _allowed(where_r, scores_r)
    allowed_o, joint_o = _allowed(where_o, scores_o)
    listed = sum(sizes)
    working = sum(part[i] for part in parts for i in (*ONSITE, *REMOTE))
    max_remote, min_onsite = max(value[n] for n in allowed_r), min(value[n] for n in allowed_o)
    applicable = tuple(
        RuleQuota(item.circular.id, item.rule.id, item.rule.severity, max(value[n] for n in where_r[k]),
                  min(value[n] for n in where_o[k]), best_r[k] == 0 and best_o[k] == 0)
        for k, item in enumerate(rules.rules)
    )
    binding = tuple(
        q for q in applicable
        if (q.max_remote == max_remote and max_remote < listed) or (q.min_onsite == min_onsite and min_onsite > 0)
    )
    unmet = tuple(q for q in applicable if not q.met)
    return CellQuota(listed, working, max_remote, min_onsite, joint_r and joint_o and not unmet, binding,
                     applicable, unmet, min(value[n] for n in allowed_r), max(value[n] for n in allowed_o))


def cell_quota(
    counts: Mapping[Mode, int] | Counts,
    rules: Iterable[tuple[Circular, Rule]],
    *,
    staff: int | None = None,
) -> CellQuota:
    """The quota of one unit on one date from its per-mode counts and the (circular, rule) pairs that apply.

    ``counts`` maps modes to numbers (or is a vector in :data:`wfrules.MODES` order); ``staff`` is the
    unit's head count for ``of: staff`` denominators (default: the listed and off assignments).

    >>> import wfrules
    >>> kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
    >>> rule = kalbar.rule("others-wfh-max-50")
    >>> q = cell_quota({Mode.WFO: 5, Mode.CUTI: 2}, [(kalbar, rule)])
    >>> q.listed, q.working, q.max_remote, q.min_onsite
    (7, 5, 3, 2)
    """
    vector = counts_of(counts) if isinstance(counts, Mapping) else list(counts)
    if len(vector) != len(MODES):
        raise UsageError(Problem(f"counts need one number per mode ({len(MODES)}), got {len(vector)}", "counts"))
    head = sum(vector) if staff is None else staff
    compiled = tuple(_Compiled.of(c, r) for c, r in rules)
    return cell_quota_compiled(vector, CellRules(compiled, head))


# --------------------------------------------------------------------------------------- roster quotas


@dataclass(frozen=True, slots=True)
class QuotaEntry:
    """The quota of one unit on one date of a roster."""

    unit: str
    sector: str
    tags: tuple[str, ...]
    date: dt.date
    quota: CellQuota

    @property
    def listed(self) -> int:
        """Assignments of the unit that date, except LIBUR."""
        return self.quota.listed

    @property
    def max_remote(self) -> int:
        """The most who may be remote (WFH/WFA)."""
        return self.quota.max_remote

    @property
    def min_onsite(self) -> int:
        """The fewest who must be onsite (WFO/DL)."""
        return self.quota.min_onsite

    @property
    def rules(self) -> tuple[RuleQuota, ...]:
        """The rules that bind."""
        return self.quota.rules

    def to_json_dict(self) -> dict[str, Any]:
        """One entry of ``quota --format json``."""
        q = self.quota
        return {
            "unit": self.unit, "sector": self.sector, "tags": list(self.tags), "date": self.date.isoformat(),
            "listed": q.listed, "working": q.working, "max_remote": q.max_remote, "min_onsite": q.min_onsite,
            "min_remote": q.min_remote, "max_onsite": q.max_onsite, "feasible": q.feasible,
            "rules": [r.rule for r in q.rules],
            "binding": [r.to_json_dict() for r in q.rules],
            "applicable": [r.to_json_dict() for r in q.applicable],
            "unmet": [r.to_json_dict() for r in q.unmet],
        }


@dataclass(frozen=True, slots=True)
class QuotaReport:
    """Quotas for every unit on every date of a roster (the units and dates ``check`` judges)."""

    circulars: tuple[str, ...]
    quotas: tuple[QuotaEntry, ...] = field(default=())

    def entry(self, unit: str, day: dt.date) -> QuotaEntry:
        """The entry of ``unit`` on ``day`` (``KeyError`` if the roster has none)."""
        for item in self.quotas:
            if item.unit == unit and item.date == day:
                return item
        raise KeyError((unit, day))

    def to_json_dict(self) -> dict[str, Any]:
        """``{"circulars": [...], "quotas": [...]}`` (CONTRACT §3)."""
        return {"circulars": list(self.circulars), "quotas": [q.to_json_dict() for q in self.quotas]}

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per unit and date (for CSV or a DataFrame)."""
        return [
            {"unit": q.unit, "sector": q.sector, "date": q.date.isoformat(), "listed": q.listed,
             "working": q.quota.working, "max_remote": q.max_remote, "min_onsite": q.min_onsite,
             "feasible": q.quota.feasible, "rules": ";".join(r.rule for r in q.rules)}
            for q in self.quotas
        ]


def quota_of_tally(counts: Tally, circulars: Sequence[Circular], *, resolver: Resolver | None = None) -> QuotaReport:
    """:func:`quota` on precomputed counts (``resolver``: regions, context and versions, as ``check``; it
    needs the roster for rules with an employee filter, whose cells are judged on their people)."""
    ruleset = RuleSet(circulars, resolver=resolver, filters=True)
    dates = sorted({day for _, day in counts.cells})
    empty = Cell()
    entries = []
    for unit_id, unit in counts.units.items():
        for day in dates:
            cell = counts.cells.get((unit_id, day), empty)
            rules = ruleset.for_cell(unit, day)
            if any(r.rule.employees is not None for r in rules.rules):
                result = filtered_quota(ruleset.resolver, unit, cell, rules)
            else:
                result = cell_quota_compiled(cell.counts, rules)
            entries.append(QuotaEntry(unit_id, unit.sector, unit.tags, day, result))
    return QuotaReport(tuple(c.id for c in circulars), tuple(entries))


@dataclass(frozen=True, slots=True)
class Classes:
    """A cell's people split by which employee filters keep them (the classes the rules tell apart).

    ``parts[c]`` are the counts per mode of class ``c`` (classes in the order their first person appears
    in the cell); ``masks[k][c]`` whether rule ``k`` counts class ``c`` (every class for a rule without a
    filter); ``staffs[k]`` the head count rule ``k`` uses for ``of: staff``; ``of_entry`` the class of each
    of the cell's assignments (by its index in the roster).
    """

    parts: tuple[list[int], ...]
    masks: tuple[tuple[bool, ...], ...]
    staffs: tuple[int, ...]
    of_entry: dict[int, int]


def filters_of(rules: CellRules) -> dict[str, EmployeeFilter]:
    """The distinct employee filters of ``rules``, keyed by their JSON, in rule order: a person's class is
    which of them keep the person (see :func:`split_classes`; ``plan`` splits a staff list the same way)."""
    found: dict[str, EmployeeFilter] = {}
    for item in rules.rules:
        if item.rule.employees is not None:
            found.setdefault(item.rule.employees.model_dump_json(), item.rule.employees)
    return found


def masks_of(rules: CellRules, keys: Sequence[str], signatures: Sequence[tuple[bool, ...]]
             ) -> tuple[tuple[bool, ...], ...]:
    """For each rule, which classes it counts: every class for a rule without a filter, else those whose
    signature (kept or not by each filter of ``keys``) says its filter keeps them."""
    masks = []
    for item in rules.rules:
        selection = item.rule.employees
        if selection is None:
            masks.append((True,) * len(signatures))
        else:
            at = keys.index(selection.model_dump_json())
            masks.append(tuple(signature[at] for signature in signatures))
    return tuple(masks)


def split_classes(resolver: Resolver, unit: UnitInfo, cell: Cell, rules: CellRules) -> Classes:
    """The people of a roster's cell split by which of ``rules``' employee filters keep them (see
    :class:`Classes`); a cell whose rules have no filter is one class."""
    by_key = filters_of(rules)
    keys = list(by_key)
    parts: dict[tuple[bool, ...], list[int]] = {}
    position: dict[tuple[bool, ...], int] = {}
    of_entry: dict[int, int] = {}
    for _, mode, index in cell.entries:
        signature = tuple(resolver.keeps(by_key[k], index) for k in keys)
        parts.setdefault(signature, [0] * len(MODES))[INDEX[mode]] += 1
        of_entry[index] = position.setdefault(signature, len(position))
    signatures = list(parts)
    staffs = tuple(unit.staff if item.rule.employees is None else resolver.staff_kept(item.rule.employees, unit.id)
                   for item in rules.rules)
    return Classes(tuple(parts[s] for s in signatures), masks_of(rules, keys, signatures), staffs, of_entry)


def filtered_quota(resolver: Resolver, unit: UnitInfo, cell: Cell, rules: CellRules) -> CellQuota:
    """The quota of a roster's cell with rules that count only some employees: its people split by which
    filters keep them (see :func:`split_classes` and :func:`classed_cell_quota`)."""
    classes = split_classes(resolver, unit, cell, rules)
    return classed_cell_quota(classes.parts, rules, classes.masks, classes.staffs)


def quota(roster: Roster, circulars: Circular | Iterable[Circular], *, context: ContextTable | None = None
          ) -> QuotaReport:
    """For each unit and date of ``roster``: how many are listed, the most who may be remote and the fewest
    who must be onsite under every rule of ``circulars`` in force (the strictest wins), and which rules bind.

    Pure (no I/O). Rules of both severities count: a quota keeps warnings away too. Rules are resolved as
    ``check`` resolves them: the units' regions, ``context`` (the context table), and amendments and
    revocations between the given circulars.
    """
    circulars = circulars_arg("quota", circulars)
    roster_arg("quota", roster)
    context_arg("quota", context)
    return quota_of_tally(tally(roster), circulars, resolver=Resolver(circulars, context=context, roster=roster))


__all__ = [
    "CellQuota",
    "CellRules",
    "QuotaEntry",
    "QuotaReport",
    "RuleQuota",
    "RuleSet",
    "cell_quota",
    "counts_of",
    "day_with_onsite",
    "day_with_remote",
    "excess",
    "quota",
]
