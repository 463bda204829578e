"""refines: is a circular at least as strict as its parent, wherever the parent applies?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.reasoning_helpers import confirm_counterexamples, errors_of, roster_of
from wfrules import Circular, Mode, _feasible, _refines, check, load_circular
from wfrules._cli import main
from wfrules._feasible import Search
from wfrules._refines import Refinement, refines

DATA = Path(__file__).parent / "data" / "refines"
KALBAR, NATIONAL = "kalbar-se-800-01-2024", "menpanrb-se-01-2024"


def run(argv: list[str]) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def engine_confirms(result: Refinement, child: Circular, parent: Circular) -> None:
    """Every counterexample, as a real roster: the child's check passes, the parent's rule fails."""
    for example in result.counterexamples:
        day = example.dates[0].first_date()
        assert day is not None
        for sector in example.sectors:
            roster = roster_of(example.example, day, sector, example.tags, example.unit)
            assert errors_of(check(roster, child), example.unit) == set()
            assert example.parent_rule in errors_of(check(roster, parent), example.unit)


def test_kalbar_differs_from_the_national_circular_only_for_post() -> None:
    kalbar, national = load_circular(KALBAR), load_circular(NATIONAL)
    result = refines(kalbar, national)
    assert result.refines is False
    assert result.counterexamples
    assert {s for c in result.counterexamples for s in c.sectors} == {"post"}
    assert {c.parent_rule for c in result.counterexamples} == {"direct-services-wfo-100"}
    # Post units tagged direct_service are fully present on 16 April under Kalbar: no counterexample there.
    tagged = [c for c in result.counterexamples if c.tags == ("direct_service",)]
    assert [[s.label() for s in c.dates] for c in tagged] == [["2024-04-17"]]
    engine_confirms(result, kalbar, national)


def test_cli_refines_kalbar_exits_1_and_names_post() -> None:
    code, out, _ = run(["refines", KALBAR, "--parent", NATIONAL])
    assert code == 1
    assert "post" in out
    assert "direct-services-wfo-100" in out
    code, out, _ = run(["refines", KALBAR, "--parent", NATIONAL, "--format", "json"])
    data = json.loads(out)
    assert code == 1
    assert data["refines"] is False
    assert {s for c in data["counterexamples"] for s in c["unit_kind"]["sectors"]} == {"post"}
    first = data["counterexamples"][0]
    assert {"unit_kind", "dates", "parent_requires", "child_allows", "example"} <= set(first)
    assert first["dates"][0] == {"from": "2024-04-16", "to": "2024-04-17"}


def test_a_circular_refines_itself() -> None:
    for circular_id in (KALBAR, NATIONAL):
        circular = load_circular(circular_id)
        result = refines(circular, circular)
        assert result.refines is True
        assert result.cells > 0
    assert run(["refines", KALBAR, "--parent", KALBAR])[0] == 0


def test_a_regency_allowing_60_percent_wfh_for_administration_is_rejected() -> None:
    child = load_circular(DATA / "regency-wfh-60.yaml")
    national = load_circular(NATIONAL)
    result = refines(child, national)
    assert result.refines is False
    assert len(result.counterexamples) == 1
    example = result.counterexamples[0]
    assert set(example.sectors) == {"government_administration", "leadership_support"}
    assert example.parent_rule == "administration-wfh-max-50"
    # 60% and 50% (both rounded down) first differ at 5 listed (3 remote against 2): no smaller cell can tell them
    # apart, and the solver, minimising the head count, finds that one.
    cell = example.example
    assert cell.listed == 5
    assert cell.satisfies(child.rule("administration-wfh-max-60").limit)
    assert not cell.satisfies(national.rule("administration-wfh-max-50").limit)
    engine_confirms(result, child, national)


def test_a_regency_stricter_everywhere_is_accepted() -> None:
    child = load_circular(DATA / "regency-strict.yaml")
    result = refines(child, load_circular(NATIONAL))
    assert result.refines is True, result.render_text()
    code, out, _ = run(["refines", str(DATA / "regency-strict.yaml"), "--parent", NATIONAL])
    assert code == 0
    assert "at least as strict" in out


def test_rounding_to_nearest_is_looser_than_rounding_down() -> None:
    child = load_circular(DATA / "regency-nearest.yaml")
    result = refines(child, load_circular(NATIONAL))
    assert result.refines is False
    # One listed person: nearest rounds 0.5 up to 1 remote, down rounds it to 0.
    assert result.counterexamples[0].example.listed == 1
    engine_confirms(result, child, load_circular(NATIONAL))


def test_a_minimum_on_site_can_imply_a_cap_on_remote() -> None:
    # onsite >= ceil(working / 2) leaves remote <= floor(working / 2) <= floor(listed / 2).
    assert refines(load_circular(DATA / "regency-onsite-half.yaml"), load_circular(NATIONAL)).refines is True
    floor = load_circular(DATA / "regency-onsite-floor.yaml")
    result = refines(floor, load_circular(NATIONAL))
    assert result.refines is False
    engine_confirms(result, floor, load_circular(NATIONAL))


def _circular(rules: list[dict[str, object]], circular_id: str = "t") -> Circular:
    return Circular.model_validate({"id": circular_id, "number": "1", "title": "t", "issuer": "t",
                                    "jurisdiction": "t", "issued": "2026-01-01", "rules": rules})


def test_weekday_windows_are_compared_beyond_every_boundary() -> None:
    forbid = {"kind": "forbid", "modes": ["remote"]}
    parent = _circular([{"id": "thursday", "window": {"weekdays": ["thu"]}, "limit": forbid}], "parent")
    in_2026 = _circular([{"id": "thursday-2026", "limit": forbid,
                          "window": {"weekdays": ["thu"], "ranges": [{"from": "2026-01-01", "to": "2026-12-31"}]}}])
    always = _circular([{"id": "always", "limit": forbid}])
    result = refines(in_2026, parent)
    assert result.refines is False
    labels = {s.label() for c in result.counterexamples for s in c.dates}
    assert labels == {"..2025-12-31 (Thu)", "2027-01-01.. (Thu)"}
    assert refines(always, parent).refines is True


def test_warnings_neither_forbid_nor_require() -> None:
    cap = {"kind": "share", "modes": ["remote"], "max": 0.5, "of": "listed", "rounding": "down"}
    parent = _circular([{"id": "cap", "limit": cap}], "parent")
    advisory = _circular([{"id": "cap", "limit": cap, "severity": "warning"}])
    assert refines(advisory, parent).refines is False
    assert refines(parent, advisory).refines is True


def test_an_open_ended_weekly_recurrence_is_decided_and_a_monthly_one_is_not_guessed() -> None:
    forbid = {"kind": "forbid", "modes": ["remote"]}
    weekly = {"recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "2026-01-01"}]}
    parent = _circular([{"id": "thu", "limit": forbid, "window": weekly}])
    assert refines(_circular([{"id": "always", "limit": forbid}], "child"), parent).refines is True
    in_2026 = _circular([{"id": "thu", "limit": forbid, "window": {
        "recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "2026-01-01", "until": "2026-12-31"}]}}], "c")
    result = refines(in_2026, parent)
    assert result.refines is False
    assert {s.label() for c in result.counterexamples for s in c.dates} == {"2027-01-01.. (Thu)"}
    monthly = _circular([{"id": "first", "limit": forbid, "window": {
        "recurrences": [{"rrule": "FREQ=MONTHLY;BYMONTHDAY=1", "start": "2026-01-01"}]}}])
    result = refines(_circular([{"id": "always", "limit": forbid}], "child"), monthly)
    assert result.refines is None
    assert "open-ended recurrence" in result.unsupported[0]
    code, _, _ = run(["refines", str(DATA / "regency-strict.yaml"), "--parent", "no-such-circular"])
    assert code == 2


def test_unknown_constructs_make_the_verdict_undecided(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulate a field of the rule language that the reasoning does not know yet.
    from wfrules import _kinds as _regions
    from wfrules._circular import Window

    known = dict(_regions.KNOWN_FIELDS)
    known[Window] = known[Window] - {"dates"}
    monkeypatch.setattr(_regions, "KNOWN_FIELDS", known)
    result = refines(load_circular(KALBAR), load_circular(NATIONAL))
    assert result.refines is None
    assert any("window.dates" in item for item in result.unsupported)


def test_indonesian_text() -> None:
    code, out, _ = run(["refines", KALBAR, "--parent", NATIONAL, "--lang", "id"])
    assert code == 1
    assert "tidak menurunkan" in out
    assert "post" in out


def test_counterexamples_name_the_context_values_they_need_date_by_date() -> None:
    """The parent forbids remote work at PPKM levels 2 and 3 on 16-17 March; the child forbids it at level 2
    on the 16th and at level 3 on the 17th. The gaps are level 3 on the 16th and level 2 on the 17th, each
    reported with its own assumption (never merged into one)."""
    forbid = {"kind": "forbid", "modes": ["remote"]}
    parent = _circular([{"id": "p", "limit": forbid, "context": {"ppkm_level": [2, 3]},
                         "window": {"dates": ["2026-03-16", "2026-03-17"]}}], "parent")
    child = _circular([
        {"id": "c2", "limit": forbid, "context": {"ppkm_level": 2}, "window": {"dates": ["2026-03-16"]}},
        {"id": "c3", "limit": forbid, "context": {"ppkm_level": 3}, "window": {"dates": ["2026-03-17"]}},
    ], "child")
    result = refines(child, parent)
    assert result.refines is False
    gaps = sorted((c.assuming, ", ".join(s.label() for s in c.dates)) for c in result.counterexamples)
    assert gaps == [("ppkm_level = 2", "2026-03-17"), ("ppkm_level = 3", "2026-03-16")]
    assert all(c.context == {"ppkm_level": [c.assuming[-1]]} for c in result.counterexamples)
    assert "assuming: ppkm_level = 2" in result.render_text()


def test_region_classes_in_counterexamples() -> None:
    forbid = {"kind": "forbid", "modes": ["remote"]}
    day = {"dates": ["2026-03-16"]}
    parent = _circular([{"id": "jb", "limit": forbid, "window": day, "scope": {"regions": ["java-bali"]}}], "p")
    child = _circular([{"id": "dki", "limit": forbid, "window": day, "scope": {"regions": ["DKI Jakarta"]}}], "c")
    result = refines(child, parent)
    assert result.refines is False
    (example,) = result.counterexamples
    assert example.region == "in java-bali; outside 31 (DKI Jakarta)"
    assert example.region_example is not None
    assert example.region_example[:2] in {"32", "33", "34", "35", "36", "51"}
    assert refines(parent, child).refines is True


def test_employee_filters_are_reasoned_about_for_every_set_of_people() -> None:
    dki = load_circular("pemprov-dki-bkd-se-e-0021-2025")
    without = dki.model_copy(update={"id": "no-24h", "rules": dki.rules[:1]})
    result = refines(without, dki)
    assert result.refines is False
    for example in result.counterexamples:
        assert example.employees  # whom it needs
        kept = [cell for population, cell in example.employees if population.attributes() == {"service_24h": "true"}]
        assert kept
        assert kept[0].modes().get(Mode.WFH, 0) >= 1  # someone with 24-hour duty works from home
    assert "with service_24h = true" in result.render_text()
    assert refines(dki, dki).refines is True  # the same filter counts the same people
    everyone = dki.model_copy(update={"id": "all", "rules": (dki.rules[1].model_copy(update={"employees": None}),)})
    assert refines(everyone, dki).refines is True  # no one remote at all: no one of them either
    # A child filtering by another attribute misses people with 24-hour duty and no night shift.
    other = dki.rules[1].model_copy(update={"employees": dki.rules[1].employees.model_copy(  # type: ignore[union-attr]
        update={"where": {"shift": ("night",)}, "missing": {"shift": "day"}})})
    result = refines(dki.model_copy(update={"id": "m", "rules": (dki.rules[0], other)}), dki)
    assert result.refines is False
    # Half remote overall does not keep everyone with 24-hour duty in the office.
    half = {"kind": "share", "modes": ["remote"], "max": "50%", "of": "listed", "rounding": "down"}
    capped = Circular.model_validate({**dki.model_dump(mode="json", by_alias=True, exclude_defaults=True),
                                      "id": "half", "rules": [{"id": "half", "limit": half,
                                                               "window": {"dates": ["2025-08-29"]}}]})
    assert refines(capped, dki).refines is False


def test_cli_json_names_the_assumptions() -> None:
    code, out, _ = run(["refines", "menpanrb-se-05-2022", "--parent", "menpanrb-se-25-2021", "--format", "json"])
    assert code == 1
    data = json.loads(out)
    assert data["refines"] is False
    first = data["counterexamples"][0]
    assert first["assuming"]["context"]["ppkm_level"]
    assert first["unit_kind"]["region"].startswith(("in ", "outside "))
    assert first["unit_kind"]["region_example"]
    code, out, _ = run(["refines", "pemprov-dki-bkd-se-e-0021-2025", "--parent", "pemprov-dki-bkd-se-e-0021-2025"])
    assert code == 0


# Random circulars (hypothesis seed 4242 of tests/test_reasoning_language.py) whose comparison took minutes:
# deep branch and bound over shares such as 97·remote <= 3·listed (tests/data/refines/slow/).
SLOW = DATA / "slow"


class _Recorded:
    """The Search of each refines call, for counting its work (never timing it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.searches: list[Search] = []
        searches = self.searches

        class Counting(Search):
            def __init__(self, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                searches.append(self)

        monkeypatch.setattr(_refines, "Search", Counting)


def _slow(name: str) -> tuple[Circular, Circular]:
    return load_circular(SLOW / f"{name}-child.json"), load_circular(SLOW / f"{name}-parent.json")


@pytest.mark.parametrize(("name", "count", "questions", "solved", "most_nodes"), [
    ("equal-shares", 26, 5, 5, 120),  # one question of 104 nodes: the plain search, the same answers as before
    ("filtered-shares", 3, 8, 8, 300),  # two questions past PLAIN_WORK, settled by the lean search
])
def test_formerly_slow_comparisons_are_decided_with_bounded_work(monkeypatch: pytest.MonkeyPatch, name: str,
                                                                 count: int, questions: int, solved: int,
                                                                 most_nodes: int) -> None:
    recorded = _Recorded(monkeypatch)
    child, parent = _slow(name)
    result = refines(child, parent)
    assert result.refines is False
    assert result.unsupported == ()
    assert len(result.counterexamples) == count
    [search] = recorded.searches
    assert (search.questions, search.solved) == (questions, solved)
    assert search.nodes <= most_nodes
    assert search.work <= _feasible.WORK_LIMIT // 2  # well within the limit
    assert not search.exhausted
    # Rebuilt as rosters (with the region, context values and employees each needs), each is real.
    confirm_counterexamples(result, child, parent, at_most=len(result.counterexamples))


def test_a_comparison_past_its_work_limit_is_undecided_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = _Recorded(monkeypatch)
    child, parent = _slow("filtered-shares")
    result = refines(child, parent, work_limit=100)
    assert result.refines is None
    assert result.counterexamples == ()
    assert result.unsupported[0] == "r0 against []: more than 100 units of simplex work in one comparison"
    # 8 questions: 2 settled without a pivot (no cell), the 6 others past the limit.
    assert recorded.searches[0].questions == 8
    assert result.unsupported[1] == "and 5 more question(s) not looked at: the same limit"
    assert len(result.unsupported) == 2  # not one line per question
    assert recorded.searches[0].work < 100 + 100  # stopped at the pivot that passed it
    assert "undecided (" in result.render_text()
    indonesian = refines(child, parent, work_limit=100, lang="id")
    assert "tidak dapat diputuskan (" in indonesian.render_text()
    assert indonesian.to_json()["refines"] is None
    # With room for some questions and not all: what was found is kept, and real (verdict False).
    partial = refines(child, parent, work_limit=2_000)
    assert partial.refines is False
    assert partial.counterexamples
    assert partial.unsupported
    confirm_counterexamples(partial, child, parent)


def test_cli_refines_the_formerly_slow_circulars() -> None:
    code, out, _ = run(["refines", str(SLOW / "equal-shares-child.json"), "--parent",
                        str(SLOW / "equal-shares-parent.json"), "--format", "json"])
    assert code == 1
    data = json.loads(out)
    assert data["refines"] is False
    assert data["unsupported"] == []
    assert len(data["counterexamples"]) == 26
    # The question of 104 branches keeps the cell the plain search found (the same as before: x4 = 34).
    assert {"listed": 34, "modes": {"SAKIT": 34}, "unassigned": 0} in [c["example"] for c in data["counterexamples"]]
