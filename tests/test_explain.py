"""explain: which rules apply to a unit (or unit kind) on a date, why the others do not, and the quota."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from wfrules import UsageError, load_circular, load_roster
from wfrules._cli import main
from wfrules._explain import explain

KALBAR = "kalbar-se-800-01-2024"
APRIL = {day: dt.date(2024, 4, day) for day in (15, 16, 17, 18)}


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("sector", "tags", "day", "expected"),
    [
        ("health", ["direct_service"], 16, ["essential-wfo-100", "direct-service-present-100"]),
        ("health", ["direct_service"], 17, ["essential-wfo-100"]),
        ("education", [], 17, ["others-wfh-max-50"]),
        ("government_administration", ["direct_service"], 16, ["others-wfh-max-50", "direct-service-present-100"]),
        ("health", ["direct_service"], 18, []),
        ("education", [], 18, []),
        ("government_administration", ["direct_service"], 18, []),
    ],
)
def test_the_seed_circular(sector: str, tags: list[str], day: int, expected: list[str]) -> None:
    result = explain(load_circular(KALBAR), APRIL[day], sector=sector, tags=tags)
    assert [v.rule for v in result.applies] == expected
    assert len(result.applies) + len(result.not_applicable) == 3
    assert all(v.reason for v in result.not_applicable)


def test_reasons_say_what_excluded_the_rule() -> None:
    result = explain(load_circular(KALBAR), APRIL[17], sector="education")
    reasons = {v.rule: (v.reason_code, v.reason) for v in result.not_applicable}
    assert reasons["essential-wfo-100"][0] == "sector"
    assert "education" in (reasons["essential-wfo-100"][1] or "")
    assert reasons["direct-service-present-100"] == ("window", "outside the window (2024-04-16)")
    result = explain(load_circular(KALBAR), APRIL[16], sector="education")
    assert {v.rule: v.reason for v in result.not_applicable}["direct-service-present-100"] == \
        "requires the tag direct_service"
    result = explain(load_circular(KALBAR), APRIL[16], sector="energy")
    assert {v.rule: v.reason_code for v in result.not_applicable}["others-wfh-max-50"] == "not"


def test_quota_in_people_when_the_head_count_is_known() -> None:
    result = explain(load_circular(KALBAR), APRIL[16], sector="education", listed=7)
    assert result.quota.max_remote == 3  # 50% of 7 rounded down
    assert result.quota.min_onsite == 4  # the same quota as `wfrules quota`: the rest of the 7 onsite
    result = explain(load_circular(KALBAR), APRIL[16], sector="education", tags=["direct_service"], listed=7)
    # Everyone present on 16 April: the 50% cap allows 3, but together the rules allow none remote.
    assert (result.quota.max_remote, result.quota.min_onsite) == (0, 7)
    unknown = explain(load_circular(KALBAR), APRIL[16], sector="education")
    assert unknown.quota.max_remote is None
    assert [q.bound for q in unknown.quota.limits] == [None]


def test_a_unit_of_a_roster(examples: object) -> None:
    from tests.conftest import EXAMPLES

    path = EXAMPLES / "kalbar-2024" / "roster-violating.json"
    roster = load_roster(path)
    unit = roster.units[0]
    result = explain(load_circular(KALBAR), APRIL[16], unit=unit.id, roster=roster)
    assert result.sector == unit.sector
    assert result.listed is not None
    assert result.listed > 0
    assert all(q.bound is not None for q in result.quota.limits)
    code, out, _ = run(["explain", "-c", KALBAR, "--date", "2024-04-16", "--unit", unit.id, "--roster", str(path),
                        "--format", "json"])
    data = json.loads(out)
    assert code == 0
    assert data["unit"] == unit.id
    assert data["listed"] == result.listed
    assert [a["rule"] for a in data["applies"]] == [v.rule for v in result.applies]


def test_cli_json_contract() -> None:
    code, out, _ = run(["explain", "--circular", KALBAR, "--date", "2024-04-16", "--sector", "kesehatan",
                        "--tag", "pelayanan publik langsung", "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert [a["rule"] for a in data["applies"]] == ["essential-wfo-100", "direct-service-present-100"]
    assert [(n["rule"], bool(n["reason"])) for n in data["not_applicable"]] == [("others-wfh-max-50", True)]
    assert data["sector"] == "health"
    assert data["tags"] == ["direct_service"]


def test_several_circulars_together() -> None:
    circulars = [load_circular(KALBAR), load_circular("menpanrb-se-01-2024")]
    result = explain(circulars, APRIL[16], sector="post", listed=4)
    assert [(v.circular, v.rule) for v in result.applies] == [
        (KALBAR, "others-wfh-max-50"), ("menpanrb-se-01-2024", "direct-services-wfo-100")]
    assert result.quota.max_remote == 0  # the strictest wins


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "-c", KALBAR, "--date", "2024-04-16"],
        ["explain", "-c", KALBAR, "--date", "2024-04-16", "--unit", "x"],
        ["explain", "-c", KALBAR, "--date", "16/04/2024", "--sector", "health"],
        ["explain", "-c", KALBAR, "--date", "2024-04-16", "--sector", "helth"],
        ["explain", "-c", KALBAR, "--date", "2024-04-16", "--sector", "health", "--listed", "-1"],
    ],
)
def test_bad_usage_exits_2(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_an_unknown_unit_is_a_usage_error() -> None:
    from tests.conftest import EXAMPLES

    roster = load_roster(EXAMPLES / "kalbar-2024" / "roster-violating.json")
    with pytest.raises(UsageError, match="no unit"):
        explain(load_circular(KALBAR), APRIL[16], unit="nope", roster=roster)


def test_an_unknown_unit_on_the_command_line_exits_2() -> None:
    from tests.conftest import EXAMPLES

    roster = str(EXAMPLES / "kalbar-2024" / "roster-violating.json")
    code, out, err = run(["explain", "-c", KALBAR, "--date", "2024-04-16", "--unit", "nope", "--roster", roster])
    assert code == 2
    assert out == ""
    assert "no unit 'nope'" in err


def test_indonesian() -> None:
    code, out, _ = run(["explain", "-c", KALBAR, "--date", "2024-04-17", "--sector", "pendidikan", "--listed", "5",
                        "--lang", "id"])
    assert code == 0
    assert "berlaku" in out
    assert "paling banyak 2 dari 5" in out


def test_a_limit_kind_added_later_is_named_not_guessed() -> None:
    from wfrules import Circular, Rule

    class LevelLimit:  # stands for a limit kind the rule language may gain (e.g. by region level)
        kind = "by_level"
        modes = ("remote",)

    rule = Rule.model_construct(id="by-level", limit=LevelLimit(), scope=load_circular(KALBAR).rules[1].scope,
                                window=None, severity="error", citation=None)
    circular = Circular.model_construct(id="future", rules=(rule,), short_name=None, number="1")
    result = explain(circular, APRIL[16], sector="education", listed=4)
    assert [v.rule for v in result.applies] == ["by-level"]
    assert "by_level" in result.applies[0].limit
    assert result.quota.max_remote is None
    assert result.quota.limits[0].bound is None
