"""Property tests of the rule language and the engine, on random valid circulars and rosters.

The strategies are in ``tests/rule_strategies.py``. Each test's docstring names its invariant. The
rule shapes these properties once caught giving a wrong ``excess`` or ``fixable`` (a cap over its whole
denominator, a minimum on ``off``, ``off`` in a list denominator) are now rejected by the validator, and the
tests of section 5 pin that down with the original minimal examples.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from fractions import Fraction
from itertools import combinations_with_replacement
from typing import Any

import pytest
import yaml
from hypothesis import assume, event, example, given
from hypothesis import strategies as st
from pydantic import ValidationError

import wfrules
from tests.rule_strategies import (
    LISTED,
    MODE_NAMES,
    ROSTER_DATES,
    circular_dicts,
    expand,
    recurrences,
    roster_dicts,
    rule_dicts,
    single_rule_circular,
)
from wfrules import Circular, ForbidLimit, HeadcountLimit, Mode, Report, Roster, Rule, ShareLimit, Violation

Json = dict[str, Any]
ViolationKey = tuple[str, str, str, dt.date, int, frozenset[str]]
CellKey = tuple[str, dt.date]

LISTED_MODES: tuple[Mode, ...] = tuple(m for m in Mode if m in LISTED)


# -------------------------------------------------------------------------------------------- helpers


def key(violation: Violation) -> ViolationKey:
    """What identifies a violation independently of the order of the roster."""
    v = violation
    return (v.circular, v.rule, v.unit, v.date, v.excess, frozenset(v.employees))


def keys(report: Report) -> set[ViolationKey]:
    """The report's violations as a set of keys."""
    found = [key(v) for v in report.violations]
    assert len(found) == len(set(found)), "one violation per (rule, unit, date)"
    return set(found)


def check(roster: Json | Roster, circulars: Iterable[Json | Circular]) -> Report:
    """``wfrules.check`` on plain data."""
    if not isinstance(roster, Roster):
        roster = Roster.model_validate(roster)
    return wfrules.check(roster, [c if isinstance(c, Circular) else Circular.model_validate(c) for c in circulars])


def is_cap(rule: Rule) -> bool:
    """A limit that bounds a count from above (share max, headcount max, forbid)."""
    limit = rule.limit
    return isinstance(limit, ForbidLimit) or limit.max is not None


def denominator_modes(limit: ShareLimit) -> frozenset[Mode] | None:
    """The modes of a share's denominator (``None`` for ``staff``)."""
    return None if limit.of == "staff" else expand([limit.of] if isinstance(limit.of, str) else limit.of)


def exact_bound(limit: ShareLimit | HeadcountLimit | ForbidLimit, denominator: int) -> int:
    """The bound in people, computed here from the rule's text (not with the library's ``bound``)."""
    if isinstance(limit, ForbidLimit):
        return 0
    if isinstance(limit, HeadcountLimit):
        value = limit.max if limit.max is not None else limit.min
        assert value is not None
        return value
    exact = Fraction(str(limit.value)) * denominator
    if exact.denominator == 1:
        return exact.numerator
    if limit.rounding == "down":
        return math.floor(exact)
    if limit.rounding == "up":
        return math.ceil(exact)
    assert limit.rounding == "nearest"
    return math.floor(exact + Fraction(1, 2))


def holds(rule: Rule, modes: Counter[Mode], staff: int) -> bool:
    """Whether ``rule`` holds for one unit on one date whose assignments have ``modes`` (an oracle
    written from the rule language's documentation, independent of the engine)."""
    limit = rule.limit
    count = sum(n for mode, n in modes.items() if mode in limit.counted)
    denominator = 0
    if isinstance(limit, ShareLimit):
        of = denominator_modes(limit)
        denominator = staff if of is None else sum(n for mode, n in modes.items() if mode in of)
    bound = exact_bound(limit, denominator)
    return count <= bound if is_cap(rule) else count >= bound


def cells_of(roster: Roster) -> dict[CellKey, list[tuple[str, Mode]]]:
    """Assignments per (unit, date), in roster order."""
    unit_of = {e.id: e.unit for e in roster.employees}
    out: dict[CellKey, list[tuple[str, Mode]]] = defaultdict(list)
    for a in roster.assignments:
        out[unit_of[a.employee], a.date].append((a.employee, a.mode))
    return out


def universe(roster: Roster) -> dict[CellKey, list[tuple[str, Mode]]]:
    """Assignments of every unit on every date of the roster (the engine checks them all: a unit
    without rows on a roster date has nobody listed there)."""
    cells = cells_of(roster)
    return {(u.id, day): cells.get((u.id, day), []) for u in roster.units for day in roster.dates}


def min_changes(rule: Rule, entries: list[tuple[str, Mode]], staff: int) -> tuple[int, dict[str, Mode]] | None:
    """Brute force: the fewest changes of non-LIBUR assignments (each to any non-LIBUR mode) after which
    ``rule`` holds, with one such change set (employee -> new mode); ``None`` if no change set works.

    Every outcome is tried: the result of changing some of the n changeable assignments is a multiset
    of n listed modes, and reaching a multiset M from the current one takes exactly n - |M ∩ current|
    changes (equal modes are interchangeable), so enumerating all multisets covers all change sets."""
    fixed: Counter[Mode] = Counter(mode for _, mode in entries if mode is Mode.LIBUR)
    changeable = [(employee, mode) for employee, mode in entries if mode is not Mode.LIBUR]
    current: Counter[Mode] = Counter(mode for _, mode in changeable)
    best: tuple[int, Counter[Mode]] | None = None
    for combo in combinations_with_replacement(LISTED_MODES, len(changeable)):
        target: Counter[Mode] = Counter(combo)
        if holds(rule, target + fixed, staff):
            changes = len(changeable) - sum((target & current).values())
            if best is None or changes < best[0]:
                best = (changes, target)
    if best is None:
        return None
    changes, target = best
    remaining = Counter(target)
    moved: list[str] = []
    for employee, mode in changeable:  # keep whoever can keep their mode
        if remaining[mode] > 0:
            remaining[mode] -= 1
        else:
            moved.append(employee)
    new_modes = dict(zip(moved, remaining.elements(), strict=True))
    assert len(new_modes) == changes
    return changes, new_modes


def assert_excess_is_minimal(rule_data: Json, roster_data: Json) -> None:
    """For every cell of the roster: the engine reports a violation iff the rule does not hold; its
    ``excess`` is the brute-force minimum number of changes when ``fixable``, and nothing fixes it
    when not; the brute-force change set really makes the engine's violation disappear."""
    circular = Circular.model_validate(single_rule_circular(rule_data))
    (rule,) = circular.rules
    roster = Roster.model_validate(roster_data)
    report = wfrules.check(roster, [circular])
    found = {(v.unit, v.date): v for v in report.violations}
    assert len(found) == len(report.violations)
    assert set(found) <= set(universe(roster))
    for (unit, day), entries in universe(roster).items():
        assert sum(mode is not Mode.LIBUR for _, mode in entries) <= 5, "keep the brute force small"
        staff = roster.staff_counts[unit]
        result = min_changes(rule, entries, staff)
        violation = found.get((unit, day))
        event("cell: " + ("holds" if violation is None else "fixable" if violation.fixable else "unfixable"))
        if violation is None:
            assert result is not None, (unit, day, "no violation reported, but the rule cannot hold")
            assert result[0] == 0, (unit, day, "no violation reported, but the rule does not hold")
            continue
        if not violation.fixable:
            assert result is None, (unit, day, f"reported unfixable, but {result[0]} change(s) fix it", result)
            continue
        assert result is not None, (unit, day, f"reported fixable (excess {violation.excess}); nothing fixes it")
        assert result[0] == violation.excess, (unit, day, "excess is not the least number of changes", result)
        # The brute force's change set, applied to the roster, satisfies the engine too.
        new_modes = result[1]
        fixed = {
            **roster_data,
            "assignments": [
                {**a, "mode": new_modes[a["employee"]].value}
                if a["employee"] in new_modes and a["date"] == day.isoformat() else a
                for a in roster_data["assignments"]
            ],
        }
        after = wfrules.check(Roster.model_validate(fixed), [circular])
        assert not [v for v in after.violations if (v.unit, v.date) == (unit, day)], (unit, day, new_modes)


def circular_lists(min_size: int, max_size: int) -> st.SearchStrategy[list[Json]]:
    """Lists of circulars (each with at least one rule) with distinct ids."""
    return st.lists(circular_dicts(min_rules=1), min_size=min_size, max_size=max_size, unique_by=lambda c: c["id"])


# ------------------------------------------------------------------------------------------ 1. round trip


@given(circular_dicts())
def test_round_trip_through_json_and_yaml(data: Json) -> None:
    """Round trip: a circular dumped to JSON or YAML (by alias, without nulls) parses back equal."""
    circular = Circular.model_validate(data)
    dumped = circular.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert wfrules.parse_circular(json.dumps(dumped), "x.json") == circular
    assert wfrules.parse_circular(json.dumps(dumped, ensure_ascii=False, indent=2), "x.json") == circular
    assert wfrules.parse_circular(wfrules.dump_circular(circular, "json"), "x.json") == circular
    if "\x85" not in json.dumps(dumped, ensure_ascii=False):
        # PyYAML's emitter, with allow_unicode, writes NEL (U+0085) raw into a quoted scalar, where YAML
        # reads it as a line break: its own round trip loses it ({'r': '\x85'} comes back ' ').
        assert wfrules.parse_circular(wfrules.dump_circular(circular, "yaml"), "x.yaml") == circular
    # PyYAML's own dumper writes YAML 1.1: strings such as "08" or "1e3" come out plain, and a YAML 1.2
    # reader (ours) reads them as numbers. Its output must then be refused with a location, never misread.
    refused: wfrules.CircularError | None = None
    try:
        parsed = wfrules.parse_circular(yaml.safe_dump(dumped), "x.yaml")
    except wfrules.CircularError as exc:
        refused = exc
    if refused is None:
        assert parsed == circular
    else:
        assert refused.line is not None


# --------------------------------------------------------------------------------------- 2. order-free


@given(circular_lists(1, 2), roster_dicts(), st.randoms(use_true_random=False))
def test_order_of_roster_does_not_matter(circulars: list[Json], roster: Json, rng: Any) -> None:
    """Order independence: shuffling the assignments, employees and units of a roster changes no
    violation (compared as sets of (circular, rule, unit, date, excess, employees))."""
    shuffled = copy.deepcopy(roster)
    for part in ("units", "employees", "assignments"):
        rng.shuffle(shuffled[part])
    assert keys(check(shuffled, circulars)) == keys(check(roster, circulars))


# -------------------------------------------------------------------------------------------- 3. split


@given(circular_dicts(min_rules=1), roster_dicts())
def test_checking_unit_by_unit_equals_checking_the_whole(circular: Json, roster: Json) -> None:
    """Locality: splitting a roster by unit (each part with all of the unit's employees, so ``staff``
    denominators are unchanged) and checking each part gives the whole's violations of that unit on the
    part's dates. The whole also checks each unit on the dates only other units have rows for (nobody of
    the unit is listed there): those extra violations are all of minimums, with nobody to move."""
    parsed = Circular.model_validate(circular)
    whole = check(roster, [parsed])
    unit_of = {e["id"]: e["unit"] for e in roster["employees"]}
    parts: set[ViolationKey] = set()
    covered: set[CellKey] = set()
    for unit in roster["units"]:
        part = {
            "units": [unit],
            "employees": [e for e in roster["employees"] if e["unit"] == unit["id"]],
            "assignments": [a for a in roster["assignments"] if unit_of[a["employee"]] == unit["id"]],
        }
        found = keys(check(part, [parsed]))
        assert not parts & found
        parts |= found
        covered |= {(unit["id"], dt.date.fromisoformat(a["date"])) for a in part["assignments"]}
    assert parts == {key(v) for v in whole.violations if (v.unit, v.date) in covered}
    for v in whole.violations:
        if (v.unit, v.date) not in covered:
            assert not is_cap(parsed.rule(v.rule)), v
            assert v.employees == ()
            assert not v.fixable


# ----------------------------------------------------------------------------------- 4. remote -> WFO


def cap_ignores_move(rule: Rule, source: Mode) -> bool:
    """A cap that does not count WFO and whose denominator does not shrink when ``source`` becomes WFO.

    (A share whose mode-list denominator holds the remote mode but not WFO is left out on purpose:
    moving someone out of its denominator lowers the cap, so a new violation there is correct.)"""
    limit = rule.limit
    if not is_cap(rule) or Mode.WFO in limit.counted:
        return False
    if isinstance(limit, ShareLimit):
        of = denominator_modes(limit)
        return of is None or Mode.WFO in of or source not in of
    return True


@given(circular_dicts(min_rules=1), roster_dicts(nonempty=True), st.data())
def test_moving_a_remote_worker_to_the_office_never_breaks_a_cap(circular: Json, roster: Json, data: Any) -> None:
    """Monotonicity: turning one WFH/WFA assignment into WFO never adds a violation of a cap (share max,
    headcount max, forbid) that does not count WFO, and never increases such a violation's excess."""
    index = data.draw(st.integers(0, len(roster["assignments"]) - 1), label="assignment")
    source = data.draw(st.sampled_from([Mode.WFH, Mode.WFA]), label="remote mode")
    before = copy.deepcopy(roster)
    before["assignments"][index]["mode"] = source.value
    after = copy.deepcopy(before)
    after["assignments"][index]["mode"] = "WFO"
    parsed = Circular.model_validate(circular)
    caps = {rule.id for rule in parsed.rules if cap_ignores_move(rule, source)}
    old = {(v.rule, v.unit, v.date): v.excess for v in check(before, [parsed]).violations if v.rule in caps}
    new = {(v.rule, v.unit, v.date): v.excess for v in check(after, [parsed]).violations if v.rule in caps}
    assert set(new) <= set(old), "a new violation appeared"
    assert all(new[k] <= old[k] for k in new), "an excess grew"


# --------------------------------------------------------------------------------------- 5. excess


@given(rule_dicts(applying=True), roster_dicts(max_employees=5))
def test_excess_is_the_least_number_of_changes(rule: Json, roster: Json) -> None:
    """Minimality: in every cell (≤ 5 listed assignments), a rule that applies everywhere is reported
    broken iff it does not hold; its excess is the least number of assignments to change (LIBUR never
    changes; any other mode may become any non-LIBUR mode) when ``fixable``, and no change set fixes
    it when not (brute force over every change set)."""
    assert_excess_is_minimal(rule, roster)


def _one_cell(*modes: str) -> Json:
    return {
        "units": [{"id": "u0"}],
        "employees": [{"id": f"e{i}", "unit": "u0"} for i in range(len(modes))],
        "assignments": [{"employee": f"e{i}", "date": "2024-04-16", "mode": m} for i, m in enumerate(modes)],
    }


@st.composite
def _caps_on_their_own_denominator(draw: st.DrawFn) -> Json:
    """Share caps whose denominator is the counted modes themselves (no uncounted listed mode in it)."""
    names = [n for n in MODE_NAMES if expand([n]) < LISTED and Mode.LIBUR not in expand([n])]
    modes = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    assume(expand(modes) != LISTED)
    value = draw(st.integers(1, 99)) / 100
    limit = {"kind": "share", "modes": modes, "max": value, "of": modes,
             "rounding": draw(st.sampled_from(["down", "up", "nearest"]))}
    return draw(rule_dicts(applying=True, limit=st.just(limit)))


@example(rule={"id": "r", "limit": {"kind": "share", "modes": ["WFH"], "of": ["WFH"], "max": 0.5,
                                   "rounding": "down"}})
@given(_caps_on_their_own_denominator())
def test_a_cap_on_its_whole_denominator_is_rejected(rule: Json) -> None:
    """A share cap whose denominator has no uncounted listed mode could only be met by shrinking the
    denominator (2 WFH of 2, cap 50%: two changes, not one), so ``excess`` would mislead: the rule file is
    rejected when read."""
    with pytest.raises(ValidationError, match="can only be met by emptying it"):
        Rule.model_validate(rule)


@example(rule={"id": "r", "limit": {"kind": "headcount", "modes": ["off"], "min": 1}})
@given(
    rule_dicts(
        applying=True,
        limit=st.one_of(
            st.fixed_dictionaries({"kind": st.just("headcount"), "modes": st.sampled_from([["off"], ["LIBUR"]]),
                                   "min": st.integers(1, 3)}),
            st.fixed_dictionaries({"kind": st.just("share"), "modes": st.just(["L"]), "of": st.just("staff"),
                                   "min": st.sampled_from([0.5, 0.75, 1]), "rounding": st.just("up")}),
        ),
    ),
)
def test_a_minimum_on_off_modes_is_rejected(rule: Json) -> None:
    """A minimum that counts only ``off`` can never be met by changing modes (nobody is moved to LIBUR):
    the rule file is rejected when read."""
    with pytest.raises(ValidationError, match="minimum on off"):
        Rule.model_validate(rule)


@example(rule={"id": "r", "limit": {"kind": "share", "modes": ["WFO"], "of": ["WFO", "off"], "min": 0.5,
                                   "rounding": "up"}})
@example(rule={"id": "r", "limit": {"kind": "share", "modes": ["off"], "of": ["off", "WFO"], "max": 0.5,
                                   "rounding": "down"}})
@given(
    rule_dicts(
        applying=True,
        limit=st.fixed_dictionaries({
            "kind": st.just("share"),
            "modes": st.sampled_from([["WFO"], ["onsite"], ["WFO", "off"]]),
            "of": st.sampled_from([["onsite", "off"], ["WFO", "LIBUR", "remote"]]),
            "min": st.sampled_from([0.4, 0.5, 0.75]),
            "rounding": st.sampled_from(["down", "up", "nearest"]),
        }),
    ),
)
def test_off_in_a_list_denominator_is_rejected(rule: Json) -> None:
    """LIBUR assignments never change, so a denominator that lists ``off`` makes ``fixable`` depend on
    moves outside the rule's own modes; such rule files are rejected (``staff`` counts everyone)."""
    with pytest.raises(ValidationError, match=r"cannot count off|must be part of the denominator"):
        Rule.model_validate(rule)


# ---------------------------------------------------------------------------------- 6. adding LIBUR


def ignores_libur(rule: Rule) -> bool:
    """A rule that neither counts LIBUR nor has it (or the head count) in its denominator."""
    limit = rule.limit
    if Mode.LIBUR in limit.counted:
        return False
    if isinstance(limit, ShareLimit):
        of = denominator_modes(limit)
        return of is not None and Mode.LIBUR not in of
    return True


def _with_libur(roster: Json, additions: list[tuple[str, dt.date]]) -> Json:
    out = copy.deepcopy(roster)
    for i, (unit, day) in enumerate(additions):
        employee = f"new-libur-{i}"
        out["employees"].append({"id": employee, "unit": unit})
        out["assignments"].append({"employee": employee, "date": day.isoformat(), "mode": "LIBUR"})
    return out


@given(circular_dicts(min_rules=1), roster_dicts(), st.data())
def test_adding_libur_staff_changes_nothing(circular: Json, roster: Json, data: Any) -> None:
    """LIBUR is not listed: adding new employees with LIBUR assignments (in any unit) changes no
    violation, on the roster's dates, of a rule that does not count LIBUR and whose denominator is
    neither ``staff`` nor a mode list with LIBUR in it (so a satisfied rule stays satisfied there). A
    date the roster did not have (only LIBUR rows on it) can only bring violations of minimums."""
    units = [u["id"] for u in roster["units"]]
    additions = data.draw(
        st.lists(st.tuples(st.sampled_from(units), st.sampled_from(ROSTER_DATES)), min_size=1, max_size=6),
        label="LIBUR additions",
    )
    parsed = Circular.model_validate(circular)
    relevant = {rule.id for rule in parsed.rules if ignores_libur(rule)}
    old_dates = {dt.date.fromisoformat(a["date"]) for a in roster["assignments"]}
    before = [v for v in check(roster, [parsed]).violations if v.rule in relevant]
    after = [v for v in check(_with_libur(roster, additions), [parsed]).violations if v.rule in relevant]
    assert {key(v) for v in after if v.date in old_dates} == {key(v) for v in before}
    for v in after:
        if v.date not in old_dates:
            assert not is_cap(parsed.rule(v.rule)), v
            assert v.employees == ()


# -------------------------------------------------------------------------------------------- 7. purity


@given(circular_lists(0, 2), roster_dicts())
def test_check_is_pure_and_deterministic(circulars: list[Json], roster_data: Json) -> None:
    """Purity: two checks of the same roster give equal reports, and neither changes the roster or the
    circulars."""
    roster = Roster.model_validate(roster_data)
    parsed = [Circular.model_validate(c) for c in circulars]
    roster_before = roster.model_dump()
    circulars_before = [c.model_dump() for c in parsed]
    first = wfrules.check(roster, parsed)
    second = wfrules.check(roster, parsed)
    assert first == second
    assert first.model_dump(mode="json") == second.model_dump(mode="json")
    assert roster.model_dump() == roster_before
    assert roster == Roster.model_validate(roster_data)
    assert [c.model_dump() for c in parsed] == circulars_before


# ---------------------------------------------------------------------------------- 8. report invariants


@given(circular_lists(1, 3), roster_dicts())
def test_every_violation_is_well_formed(circulars: list[Json], roster_data: Json) -> None:
    """Report invariants: every violation has excess ≥ 1, its rule's severity and circular id, a date in
    the rule's window and a unit in its scope; at most one per (circular, rule, unit, date); ``ok`` iff
    no error-severity violation; the summary's counts agree with the list."""
    roster = Roster.model_validate(roster_data)
    parsed = [Circular.model_validate(c) for c in circulars]
    report = wfrules.check(roster, parsed)
    rules = {(c.id, r.id): r for c in parsed for r in c.rules}
    units = roster.unit_by_id
    cells = universe(roster)
    for v in report.violations:
        rule = rules[v.circular, v.rule]
        unit = units[v.unit]
        assert v.excess >= 1
        assert v.severity == rule.severity
        assert rule.applies_on(v.date)
        assert rule.scope.matches(unit.id, unit.sector, unit.tags)
        assert v.sector == unit.sector
        assert (v.unit, v.date) in cells
        assert set(v.employees) <= {employee for employee, _ in cells[v.unit, v.date]}
        assert v.message
    identities = [(v.circular, v.rule, v.unit, v.date) for v in report.violations]
    assert len(identities) == len(set(identities))
    errors = [v for v in report.violations if v.severity == "error"]
    assert report.ok == (not errors)
    assert report.errors == tuple(errors)
    assert len(report.warnings) == len(report.violations) - len(errors)
    assert report.circulars == tuple(c.id for c in parsed)
    summary = report.summary
    assert summary["violations"] == len(report.violations)
    assert summary["errors"] == len(errors)
    assert summary["warnings"] == len(report.violations) - len(errors)
    assert summary["violating_pairs"] == len({(v.unit, v.date) for v in report.violations})
    assert summary["assignments"] == len(roster.assignments)
    assert summary["rules"] == len(rules)
    assert summary["checked"] == sum(
        rule.applies_on(day) and rule.scope.matches(unit, units[unit].sector, units[unit].tags)
        for rule in rules.values()
        for unit, day in cells
    )


# ----------------------------------------------------------------------------------- further findings


@example(tenths=333)
@given(st.integers(0, 1000))
def test_a_percentage_is_the_same_share_as_its_decimal(tenths: int) -> None:
    """Percentages: ``max: "P%"`` caps exactly like ``max: P/100`` (``"33.3%"`` like ``0.333``)."""
    def limit(value: str | float) -> ShareLimit:
        return ShareLimit.model_validate(
            {"kind": "share", "modes": ["remote"], "max": value, "of": "listed", "rounding": "down"}
        )

    as_percent = limit(f"{tenths / 10:.1f}%")
    as_decimal = limit(float(f"{tenths / 1000:.3f}"))
    for denominator in (7, 10, 100, 1000, 10_000):
        assert as_percent.bound(denominator) == as_decimal.bound(denominator), denominator


@example(recurrence={"rrule": "FREQ=DAILY;COUNT=3", "start": "2024-04-01", "until": "2024-04-30"})
@given(
    recurrences(until=True).map(lambda r: {**r, "rrule": r["rrule"] + ";COUNT=2"})
)
def test_a_recurrence_with_count_and_until_is_rejected_or_works_quietly(recurrence: Json) -> None:
    """Recurrences: a recurrence is either rejected when read, or testing a date against it works
    without warnings (COUNT with 'until' used to validate and then make python-dateutil warn)."""
    try:
        parsed = wfrules.Recurrence.model_validate(recurrence)
    except ValueError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _ = dt.date(2024, 4, 2) in parsed
