"""The smallest fix: the fewest changes of mode that make a roster pass ``check``.

Rules judge one unit on one date from its per-mode counts, so each (unit, date) is fixed on its own: a
search over the day's counts (A*, one change of mode per step) finds the fewest changes after which every
applicable error-severity rule holds. The largest ``excess`` of the day's rules is a lower bound that never
overestimates (one change moves any rule's excess by at most one), so the first solution found is minimal.
Among minimal solutions the search prefers, in this order: remote → onsite (WFH/WFA → WFO), onsite →
remote, a change within a group, touching leave or absence, and last sending someone to an absent mode.
``LIBUR`` is never changed, and nobody is changed to ``LIBUR``.

Rules with an employee filter count only some people: the day's people are then split into the classes the
filters tell apart (:func:`wfrules._quota.split_classes`, as ``quota`` splits them) and the search runs over
per-class per-mode counts, one person of one class moved per step. The bound stays admissible: a step is, for
each rule, one change of mode of one of its people or none, so among rules that count no class in common it
lowers at most one excess; the bound is the largest sum of excesses over such sets of rules.

Whom to move: within the people whose modes no rule of the day tells apart (and of the class moved), the first
in roster order.
A violation no change of mode can fix (``fixable: false`` in ``check``) is left as it is and reported;
the other rules of that day are still fixed.

>>> import wfrules
>>> kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
>>> roster = wfrules.Roster.model_validate({
...     "units": [{"id": "bkd", "sector": "government_administration"}],
...     "employees": [{"id": f"e{i}", "unit": "bkd"} for i in range(4)],
...     "assignments": [{"employee": f"e{i}", "date": "2024-04-17", "mode": m}
...                     for i, m in enumerate(["WFH", "WFA", "WFH", "WFO"])],
... })
>>> result = fix(roster, [kalbar])
>>> result.ok, [(c.employee, c.from_mode.value, c.to_mode.value, c.rule) for c in result.changes]
(True, [('e0', 'WFH', 'WFO', 'others-wfh-max-50')])
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ._args import circulars_arg, context_arg, lang_arg, roster_arg
from ._circular import Circular
from ._context import ContextTable
from ._engine import Cell, check, tally
from ._messages import Lang
from ._quota import LISTED, CellRules, RuleSet, excess, split_classes
from ._report import Report, Violation
from ._resolve import Resolver
from ._roster import Roster
from ._vocab import MODE_GROUP, MODES, Mode

#: Where people are moved to, best first: within each set of modes the rules treat alike, the first of these.
_TARGET_ORDER = tuple(MODES.index(m) for m in (Mode.WFO, Mode.WFH, Mode.DL, Mode.WFA, Mode.CUTI, Mode.IZIN,
                                                Mode.SAKIT, Mode.TK))
#: Stop searching one day after this many expanded states and fall back to a greedy fix (flagged not minimal).
SEARCH_BUDGET = 20_000
#: Positions per class in a search state (one count per mode).
_WIDTH = len(MODES)

State = tuple[int, ...]
Moves = Callable[[State], Iterable[tuple[int, int]]]


class _Judge(Protocol):
    """What the search asks of a day's rules: each rule's excess in a state, and a lower bound on the changes
    still needed (``worst``: 0 exactly when every rule holds; it never overestimates)."""

    def excesses(self, counts: Sequence[int]) -> list[int]: ...

    def worst(self, counts: Sequence[int]) -> int: ...


def _preference(source: int, target: int) -> int:
    """The cost of a change among equally short fixes: lower is preferred (positions are taken per class,
    ``class * len(MODES) + mode``)."""
    src, dst = MODE_GROUP[MODES[source % _WIDTH]], MODE_GROUP[MODES[target % _WIDTH]]
    if src == "remote" and dst == "onsite":
        return 0
    if src == "onsite" and dst == "remote":
        return 1
    if dst == "absent":
        return 8
    if src == "absent":
        return 5 if dst == "onsite" else 6
    return 2


@dataclass(frozen=True, slots=True)
class Change:
    """One assignment whose mode the fix changes; ``rule`` is the rule the change serves."""

    employee: str
    unit: str
    date: dt.date
    from_mode: Mode
    to_mode: Mode
    rule: str
    circular: str
    index: int

    def to_json_dict(self) -> dict[str, Any]:
        """One entry of ``fix --format json`` (CONTRACT §3)."""
        return {"employee": self.employee, "date": self.date.isoformat(), "from": self.from_mode.value,
                "to": self.to_mode.value, "rule": self.rule, "circular": self.circular, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed roster, the changes made, and the checks before and after.

    ``unfixable`` are the error-severity violations the fixed roster still has (none when ``ok``);
    ``not_proven_minimal`` lists the (unit, date) pairs where the search ran out of budget and a greedy
    fix was used instead (empty in every case we know of).
    """

    roster: Roster
    changes: tuple[Change, ...]
    before: Report
    after: Report
    not_proven_minimal: tuple[tuple[str, dt.date], ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the fixed roster passes ``check``."""
        return self.after.ok

    @property
    def unfixable(self) -> tuple[Violation, ...]:
        """Error-severity violations left in the fixed roster."""
        return self.after.errors

    def to_json_dict(self) -> dict[str, Any]:
        """``{"ok", "changes": [{"employee", "date", "from", "to", "rule"}], "unfixable": [...]}``."""
        return {
            "ok": self.ok,
            "circulars": list(self.after.circulars),
            "changes": [c.to_json_dict() for c in self.changes],
            "unfixable": [v.model_dump(mode="json") for v in self.unfixable],
            "summary": {
                "changes": len(self.changes),
                "violations_before": len(self.before.errors),
                "violations_after": len(self.after.errors),
                "days_changed": len({(c.unit, c.date) for c in self.changes}),
                "not_proven_minimal": [[u, d.isoformat()] for u, d in self.not_proven_minimal],
            },
        }


# ----------------------------------------------------------------------------------------- one cell


@dataclass(frozen=True, slots=True)
class CellFix:
    """The changes of mode for one day, as (from mode index, to mode index, rule position) steps.

    ``solved``: every rule holds after them. ``minimal``: they are proven the fewest (or the day is proven
    impossible to fix); false only when the search ran out of budget and a greedy fix was used.
    """

    steps: tuple[tuple[int, int, int], ...]
    solved: bool
    minimal: bool


def _signatures(rules: CellRules, mask: Sequence[bool] | None = None) -> list[tuple[bool, ...]]:
    """For each mode, how the rules see it (counted? in the denominator?): modes with equal signatures
    are interchangeable for these rules. ``mask``: which rules count the class of people moved (default:
    every rule); a rule that does not count them sees none of their modes."""
    return [
        tuple(flag for k, r in enumerate(rules.rules)
              for flag in ((i in r.counted, i in r.denominator) if mask is None or mask[k] else (False, False)))
        for i in range(len(MODES))
    ]


def _targets(signatures: list[tuple[bool, ...]]) -> list[int]:
    seen: set[tuple[bool, ...]] = set()
    out = []
    for i in _TARGET_ORDER:
        if signatures[i] not in seen:
            seen.add(signatures[i])
            out.append(i)
    return out


def _moves(state: Sequence[int], targets: list[int], signatures: list[tuple[bool, ...]]) -> Iterable[tuple[int, int]]:
    # One source per set of modes the rules cannot tell apart and the preference treats alike (WFH and WFA
    # under the seed circular): moving from either leads to equivalent days.
    seen: set[tuple[tuple[bool, ...], str]] = set()
    for source in LISTED:
        kind = (signatures[source], MODE_GROUP[MODES[source]])
        if state[source] and kind not in seen:
            seen.add(kind)
            for target in targets:
                if signatures[target] != signatures[source]:
                    yield source, target


def _moves_of(kinds: Sequence[list[tuple[bool, ...]]]) -> Moves:
    """The moves of a state made of one block of counts per class of people (``kinds``: each class's mode
    signatures), class by class: a person moves within their class, never to another."""
    targets = [_targets(signatures) for signatures in kinds]
    if len(kinds) == 1:
        return lambda state: _moves(state, targets[0], kinds[0])

    def moves(state: State) -> Iterable[tuple[int, int]]:
        for c, signatures in enumerate(kinds):
            base = c * _WIDTH
            for source, target in _moves(state[base:base + _WIDTH], targets[c], signatures):
                yield base + source, base + target

    return moves


def _apply(state: State, source: int, target: int) -> State:
    out = list(state)
    out[source] -= 1
    out[target] += 1
    return tuple(out)


#: Rules of one day beyond this many are not combined into groups for the classed search's bound.
_MAX_GROUPED_RULES = 10


@dataclass(frozen=True, slots=True)
class ClassedRules:
    """A day's rules over people split into classes that employee filters tell apart (see
    :func:`wfrules._quota.split_classes`): a state is the classes' counts per mode one after another, and
    rule ``k`` is judged on the classes ``masks[k]`` keeps, with ``staffs[k]`` as its head count."""

    rules: CellRules
    masks: tuple[tuple[bool, ...], ...]
    staffs: tuple[int, ...]
    #: The sets of rules that count no class in common (each maximal), for :meth:`worst`.
    groups: tuple[tuple[int, ...], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        size = len(self.rules.rules)
        if size > _MAX_GROUPED_RULES:
            object.__setattr__(self, "groups", tuple((k,) for k in range(size)))
            return
        seen = [frozenset(c for c, kept in enumerate(mask) if kept) for mask in self.masks]
        disjoint = []
        for chosen in range(1, 1 << size):
            members = [k for k in range(size) if chosen >> k & 1]
            if all(not seen[a] & seen[b] for i, a in enumerate(members) for b in members[i + 1:]):
                disjoint.append(chosen)
        maximal = [c for c in disjoint if not any(o != c and o & c == c for o in disjoint)]
        object.__setattr__(self, "groups", tuple(tuple(k for k in range(size) if c >> k & 1) for c in maximal))

    def _view(self, k: int, state: Sequence[int]) -> list[int]:
        out = [0] * _WIDTH
        for c, kept in enumerate(self.masks[k]):
            if kept:
                base = c * _WIDTH
                for i in range(_WIDTH):
                    out[i] += state[base + i]
        return out

    def excesses(self, counts: Sequence[int]) -> list[int]:
        """Each rule's excess in the state ``counts`` (0 where the rule holds)."""
        return [excess(rule, self._view(k, counts), self.staffs[k], self.rules.bounds[k])
                for k, rule in enumerate(self.rules.rules)]

    def worst(self, counts: Sequence[int]) -> int:
        """A lower bound on the changes of mode still needed (0 exactly when every rule holds): the largest sum
        of the excesses of rules that count no class in common. A change moves one person of one class, so it
        changes the excess of at most one rule of such a set, by at most one (the largest excess alone when
        every rule counts every class, as without filters)."""
        found = self.excesses(counts)
        return max((sum(found[k] for k in group) for group in self.groups), default=0)


def fix_cell(counts: Sequence[int], rules: CellRules, *, budget: int = SEARCH_BUDGET) -> CellFix:
    """The fewest changes of mode (from, to) after which every rule of ``rules`` holds on a day with ``counts``.

    >>> import wfrules
    >>> from wfrules._quota import RuleSet, counts_of
    >>> from wfrules._engine import UnitInfo
    >>> kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
    >>> rules = RuleSet([kalbar]).for_cell(UnitInfo("u", "other", (), 4), dt.date(2024, 4, 16))
    >>> [(MODES[a].value, MODES[b].value) for a, b, _ in fix_cell(counts_of([Mode.WFH] * 4), rules).steps]
    [('WFH', 'WFO'), ('WFH', 'WFO')]
    """
    start = tuple(counts)
    if rules.worst(start) == 0:
        return CellFix((), True, True)
    return _solve(start, rules, _moves_of([_signatures(rules)]), budget)


def fix_classed_cell(parts: Sequence[Sequence[int]], rules: CellRules, masks: Sequence[Sequence[bool]],
                     staffs: Sequence[int], *, budget: int = SEARCH_BUDGET) -> CellFix:
    """:func:`fix_cell` for a day whose people fall into classes (``parts[c]``: the counts of class ``c``;
    ``masks[k][c]``: whether rule ``k`` counts class ``c``; ``staffs[k]``: rule ``k``'s head count for
    ``of: staff``). A step moves one person within a class: its from and to are positions
    ``c * len(MODES) + mode``.

    >>> import wfrules
    >>> from wfrules._quota import counts_of
    >>> from wfrules._engine import _Compiled
    >>> dki = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025")
    >>> rules = CellRules((_Compiled.of(dki, dki.rule("service-24h-staff-onsite")),), 3)
    >>> duty, others = counts_of([Mode.WFO, Mode.WFH]), counts_of([Mode.WFH])
    >>> [divmod(a, len(MODES)) + (MODES[b % len(MODES)].value,)
    ...  for a, b, _ in fix_classed_cell([duty, others], rules, [(True, False)], [2]).steps]
    [(0, 2, 'WFO')]
    """
    judge = ClassedRules(rules, tuple(tuple(m) for m in masks), tuple(staffs))
    start = tuple(n for part in parts for n in part)
    if judge.worst(start) == 0:
        return CellFix((), True, True)
    kinds = [_signatures(rules, [mask[c] for mask in masks]) for c in range(len(parts))]
    return _solve(start, judge, _moves_of(kinds), budget)


def _solve(start: State, rules: _Judge, moves: Moves, budget: int) -> CellFix:
    # First the fewest changes with the most preferred moves; if that search grows too large (many equally
    # short fixes of different preference), the fewest changes alone, diving towards a solution.
    exhausted = False
    for prefer, limit in ((True, budget // 10), (False, budget)):
        found, exhausted = _search(start, rules, moves, prefer=prefer, budget=limit)
        if found is not None:
            return CellFix(found, True, True)
        if exhausted:
            break  # no state satisfies every rule: the greedy pass brings the day as close as it can
    return _greedy(start, rules, moves, solved_hint=exhausted)


def _search(
    start: State, rules: _Judge, moves: Moves, *, prefer: bool, budget: int,
) -> tuple[tuple[tuple[int, int, int], ...] | None, bool]:
    """A* over the day's counts, one change of mode per step; the heuristic is the largest excess (it never
    overestimates, so the first solution has the fewest changes). ``prefer``: among those, the least
    preference cost; else the deepest state first. Returns the steps (or None) and whether the whole
    reachable space was searched."""
    best: dict[State, tuple[int, int]] = {start: (0, 0)}
    parent: dict[State, tuple[State, int, int]] = {}
    first = rules.worst(start)
    frontier: list[tuple[int, int, int, int, int, int, State]] = [(first, 0, 0, 0, 0, 0, start)]
    order = 0
    expanded = 0
    while frontier and expanded < budget:
        *_, changes, cost, state = heapq.heappop(frontier)
        if best[state] != (changes, cost):
            continue  # a better way to this state was found after this entry was queued
        if rules.worst(state) == 0:
            return _path(parent, state, rules, start), False
        expanded += 1
        for source, target in moves(state):
            nxt = _apply(state, source, target)
            step = (changes + 1, cost + _preference(source, target))
            known = best.get(nxt)
            if known is not None and known <= step:
                continue
            best[nxt] = step
            parent[nxt] = (state, source, target)
            order += 1
            f = step[0] + rules.worst(nxt)
            key = (f, step[1], 0) if prefer else (f, -step[0], step[1])
            heapq.heappush(frontier, (*key, order, step[0], step[1], nxt))
    return None, not frontier


def _path(
    parent: dict[State, tuple[State, int, int]], state: State, rules: _Judge, start: State,
) -> tuple[tuple[int, int, int], ...]:
    steps = []
    while state != start:
        previous, source, target = parent[state]
        steps.append((previous, source, target, state))
        state = previous
    steps.reverse()
    return tuple((s, t, _served(rules, before, after)) for before, s, t, after in steps)


def _served(rules: _Judge, before: Sequence[int], after: Sequence[int]) -> int:
    """The first rule whose excess the change lowers (else the first rule still broken)."""
    was, now = rules.excesses(before), rules.excesses(after)
    for k, (a, b) in enumerate(zip(was, now, strict=True)):
        if b < a:
            return k
    return next((k for k, a in enumerate(was) if a), 0)


def _greedy(start: State, rules: _Judge, moves: Moves, *, solved_hint: bool) -> CellFix:
    state = start
    steps: list[tuple[int, int, int]] = []
    total = sum(rules.excesses(state))
    while total:
        options = []
        for source, target in moves(state):
            nxt = _apply(state, source, target)
            options.append((sum(rules.excesses(nxt)), _preference(source, target), source, target, nxt))
        if not options:
            break
        value, _, source, target, nxt = min(options)
        if value >= total:
            break
        steps.append((source, target, _served(rules, state, nxt)))
        state, total = nxt, value
    # solved_hint: the exhaustive search proved that no state satisfies every rule, so the day stays broken
    # (and is reported so); the greedy steps only bring it closer. Otherwise the search ran out of budget and
    # the greedy result, though it may fix the day, is not proven minimal.
    return CellFix(tuple(steps), total == 0, solved_hint)


# ----------------------------------------------------------------------------------------- a roster


def _whom(cell: Cell, modes: list[Mode], changed: dict[int, Change], signatures: list[tuple[bool, ...]],
          source: int, of_entry: dict[int, int] | None = None, klass: int = 0) -> int:
    """Whom a step moves out of mode ``source``: the first in roster order, among the people not yet changed
    whose mode the rules cannot tell from ``source`` (same signature, same group); else someone changed
    already whose new mode is ``source``. ``of_entry``: the class of each assignment, when the day's rules
    tell classes of people apart; only people of class ``klass`` are then taken."""
    wanted = (signatures[source], MODE_GROUP[MODES[source]])
    for _, _, i in cell.entries:
        mode = modes[i]
        if of_entry is not None and of_entry[i] != klass:
            continue
        if i not in changed and mode is not Mode.LIBUR and (signatures[MODES.index(mode)], MODE_GROUP[mode]) == wanted:
            return i
    return next(i for _, _, i in cell.entries
                if i in changed and modes[i] is MODES[source] and (of_entry is None or of_entry[i] == klass))


def fix(roster: Roster, circulars: Circular | Iterable[Circular], *, lang: Lang = "en",
        context: ContextTable | None = None) -> FixResult:
    """The roster with the fewest changes of mode that make ``check`` pass (pure: no I/O).

    Only error-severity rules are fixed (warnings do not fail a check and are left as they are); a
    violation that no change of mode can fix is left and reported in ``FixResult.unfixable``. Rules are
    resolved as ``check`` resolves them (regions, ``context``, amendments between the given circulars).
    """
    circulars = circulars_arg("fix", circulars)
    roster_arg("fix", roster)
    lang_arg(lang)
    context_arg("fix", context)
    before = check(roster, circulars, lang=lang, context=context)
    if before.ok:
        return FixResult(roster, (), before, before)
    counts = tally(roster)
    # Rules with an employee filter are judged on the people they keep (the day's people split into classes).
    ruleset = RuleSet(circulars, severities=("error",), resolver=Resolver(circulars, context=context, roster=roster),
                      filters=True)
    # Rules no change of mode can satisfy on a day are left out of that day's fix (they stay reported).
    hopeless = {(v.unit, v.date, v.circular, v.rule) for v in before.errors if not v.fixable}
    days = sorted({(v.unit, v.date) for v in before.errors})
    modes = [a.mode for a in roster.assignments]
    changed: dict[int, Change] = {}
    not_minimal: list[tuple[str, dt.date]] = []
    for unit_id, day in days:
        unit = counts.units[unit_id]
        cell = counts.cells.get((unit_id, day), Cell())
        applicable = ruleset.for_cell(unit, day)
        rules = CellRules(
            tuple(r for r in applicable.rules if (unit_id, day, r.circular.id, r.rule.id) not in hopeless),
            applicable.staff,
        )
        of_entry: dict[int, int] | None = None
        if any(r.rule.employees is not None for r in rules.rules):
            classes = split_classes(ruleset.resolver, unit, cell, rules)
            result = fix_classed_cell(classes.parts, rules, classes.masks, classes.staffs)
            kinds = [_signatures(rules, [mask[c] for mask in classes.masks]) for c in range(len(classes.parts))]
            of_entry = classes.of_entry
        else:
            result = fix_cell(cell.counts, rules)
            kinds = [_signatures(rules)]
        if not result.minimal:
            not_minimal.append((unit_id, day))
        for position, to_position, served in result.steps:
            klass, source = divmod(position, _WIDTH)
            target = to_position % _WIDTH
            item = rules.rules[served]
            index = _whom(cell, modes, changed, kinds[klass], source, of_entry, klass)
            original = changed[index].from_mode if index in changed else modes[index]
            modes[index] = MODES[target]
            if original is MODES[target]:
                del changed[index]  # moved back (only a greedy fix does that)
            else:
                changed[index] = Change(roster.assignments[index].employee, unit_id, day, original, MODES[target],
                                        item.rule.id, item.circular.id, index)
    changes = sorted(changed.values(), key=lambda c: c.index)
    assignments = list(roster.assignments)
    for change in changes:
        assignments[change.index] = assignments[change.index].model_copy(
            update={"mode": change.to_mode, "leave_type": None})
    fixed = roster.model_copy(update={"assignments": tuple(assignments)})
    after = check(fixed, circulars, lang=lang, context=context)
    return FixResult(fixed, tuple(changes), before, after, tuple(not_minimal))


__all__ = ["CellFix", "Change", "ClassedRules", "FixResult", "fix", "fix_cell", "fix_classed_cell"]
