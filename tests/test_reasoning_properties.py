"""Property tests of the reasoning behind lint, explain and refines (random valid circulars and rosters).

Each test's docstring names its invariant. The exact solver is compared with brute force on small cells,
and every verdict of ``refines`` with the engine itself (``check`` on real rosters).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.reasoning_helpers import errors_of, roster_of
from tests.rule_strategies import ROSTER_DATES, circular_dicts, limits, roster_dicts
from wfrules import Circular, Roster, Rule, check
from wfrules._explain import explain
from wfrules._feasible import AnyLimit, Cell, System, Undecided
from wfrules._lint import CODES, lint_circular
from wfrules._refines import refines

_SMALL = st.lists(limits(), min_size=1, max_size=3)


def _limit(data: dict[str, Any]) -> AnyLimit:
    return Rule.model_validate({"id": "r", "limit": data}).limit


def _cells(system: System, total: int) -> list[Cell]:
    """Every cell of at most ``total`` people (assignments of every atom, and unassigned employees)."""

    def spread(size: int, left: int) -> list[tuple[int, ...]]:
        if size == 0:
            return [()]
        return [(n, *rest) for n in range(left + 1) for rest in spread(size - 1, left - n)]

    return [Cell(system, counts) for counts in spread(system.size, total)]


@given(allowed=_SMALL, broken=limits())
def test_the_solver_agrees_with_brute_force(allowed: list[dict[str, Any]], broken: dict[str, Any]) -> None:
    """A witness exists among cells of <= 4 people only if the solver finds one; every witness it finds
    satisfies the allowed limits and breaks the other, as the limits' own ``bound`` says."""
    allowed_limits = [_limit(a) for a in allowed]
    broken_limit = _limit(broken)
    system = System.of([*allowed_limits, broken_limit])
    try:
        found = system.witness(allowed_limits, broken_limit)
    except Undecided:
        return
    if found is not None:
        assert all(found.satisfies(limit) for limit in allowed_limits)
        assert not found.satisfies(broken_limit)
        return
    for cell in _cells(system, 4):
        assert not (all(cell.satisfies(limit) for limit in allowed_limits) and not cell.satisfies(broken_limit))


@given(circular_dicts(max_rules=3))
def test_a_circular_refines_itself(data: dict[str, Any]) -> None:
    """refines(c, c) is never False (True, or undecided for an open-ended recurrence)."""
    circular = Circular.model_validate(data)
    assert refines(circular, circular).refines is not False


@given(child=circular_dicts(max_rules=3), parent=circular_dicts(max_rules=3),
       roster=roster_dicts(roster_dates=ROSTER_DATES))
def test_refines_agrees_with_the_engine(child: dict[str, Any], parent: dict[str, Any],
                                         roster: dict[str, Any]) -> None:
    """If CHILD refines PARENT, a roster that passes CHILD passes PARENT; every counterexample, as a
    one-unit roster, passes CHILD and breaks the PARENT rule it names."""
    child_circular, parent_circular = Circular.model_validate(child), Circular.model_validate(parent)
    result = refines(child_circular, parent_circular)
    if result.refines:
        real = Roster.model_validate(roster)
        if check(real, child_circular).ok:
            assert check(real, parent_circular).ok
    for example in result.counterexamples:
        day = example.dates[0].some_date()
        sector = example.sectors[0]
        one_unit = roster_of(example.example, day, sector, example.tags, example.unit)
        assert errors_of(check(one_unit, child_circular), example.unit) == set()
        assert example.parent_rule in errors_of(check(one_unit, parent_circular), example.unit)


@given(circular_dicts(max_rules=4), st.sampled_from(ROSTER_DATES), st.sampled_from(["health", "post", "education"]),
       st.lists(st.sampled_from(["direct_service", "shift"]), max_size=2, unique=True))
def test_explain_partitions_the_rules(data: dict[str, Any], day: Any, sector: str, tags: list[str]) -> None:
    """Every rule is either applicable or not, once; it applies exactly when its window holds the date and
    its scope holds the unit kind; every rule that does not apply has a reason."""
    circular = Circular.model_validate(data)
    result = explain(circular, day, sector=sector, tags=tags)
    applies = {v.rule for v in result.applies}
    assert len(result.applies) + len(result.not_applicable) == len(circular.rules)
    for rule in circular.rules:
        expected = rule.applies_on(day) and rule.scope.matches("(a unit of this kind)", sector, result.tags)
        assert (rule.id in applies) == expected
    for verdict in result.not_applicable:
        assert verdict.reason
        assert (verdict.reason_code == "window") == (not circular.rule(verdict.rule).applies_on(day))


@given(circular_dicts(max_rules=4))
def test_lint_only_reports_known_codes(data: dict[str, Any]) -> None:
    """lint never fails on a valid circular, and every finding has a documented code and severity."""
    for finding in lint_circular(Circular.model_validate(data)):
        assert CODES[finding.code][0] == finding.severity
        assert finding.message
