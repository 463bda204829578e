"""The rule file decides, not the engine: example tests of the rule language's semantics.

Each test runs the same kind of roster under rule files that differ in one field (rounding,
denominator, window, scope, severity…) and shows the verdict changing exactly as that field says.
Nothing here relies on Kalbar's choices; where the Kalbar catalog circular is used, it is to show
that changing one of its fields changes its verdict.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

import wfrules
from wfrules import Circular, Roster, Violation, check
from wfrules._cli import main

DAY = dt.date(2024, 4, 16)  # a Tuesday
KALBAR = "kalbar-se-800-01-2024"

JsonDict = dict[str, Any]

# ------------------------------------------------------------------------------------------- helpers


def circular(*rules: Mapping[str, Any], cid: str = "test-circular") -> Circular:
    """A circular with these rules (rule dicts as written in a rule file)."""
    return Circular.model_validate(circular_data(*rules, cid=cid))


def circular_data(*rules: Mapping[str, Any], cid: str = "test-circular") -> JsonDict:
    return {
        "id": cid,
        "number": "1/TEST/2026",
        "title": "A test circular",
        "issuer": "The test suite",
        "jurisdiction": "Nowhere",
        "issued": "2026-01-01",
        "rules": [dict(r) for r in rules],
    }


def rule(limit: Mapping[str, Any], *, rid: str = "r", **fields: Any) -> JsonDict:
    """A rule dict; ``fields`` are window, scope, severity… as in a rule file."""
    return {"id": rid, **fields, "limit": dict(limit)}


def share(modes: Sequence[str], *, of: Any = "listed", rounding: str | None = None, **bound: Any) -> JsonDict:
    """A ``share`` limit; ``bound`` is ``max=…`` or ``min=…``."""
    limit: JsonDict = {"kind": "share", "modes": list(modes), "of": of, **bound}
    if rounding is not None:
        limit["rounding"] = rounding
    return limit


NO_REMOTE: JsonDict = {"kind": "forbid", "modes": ["remote"]}


def unit_roster(
    modes: Sequence[str], *, sector: str = "education", tags: Sequence[str] = (), day: dt.date = DAY,
    idle: int = 0,
) -> Roster:
    """One unit ``u`` whose employees e0, e1… have ``modes`` on ``day``; ``idle`` more employees of the
    unit have no assignment at all (they count only under the ``staff`` denominator)."""
    employees = [{"id": f"e{i}", "unit": "u"} for i in range(len(modes) + idle)]
    assignments = [{"employee": f"e{i}", "date": day.isoformat(), "mode": m} for i, m in enumerate(modes)]
    return Roster.model_validate({
        "units": [{"id": "u", "sector": sector, "tags": list(tags)}],
        "employees": employees,
        "assignments": assignments,
    })


def dated_roster(days: Iterable[dt.date], mode: str = "WFH") -> Roster:
    """One unit, one employee, one assignment with ``mode`` on each of ``days``."""
    return Roster.model_validate({
        "units": [{"id": "u", "sector": "education"}],
        "employees": [{"id": "e0", "unit": "u"}],
        "assignments": [{"employee": "e0", "date": d.isoformat(), "mode": mode} for d in days],
    })


UNITS: dict[str, tuple[str, tuple[str, ...]]] = {
    # unit id: (sector, tags)
    "rsud": ("health", ("direct_service", "hospital")),
    "dinkes": ("health", ()),
    "satpol": ("security_order", ("direct_service",)),
    "bkd": ("government_administration", ()),
    "disdik": ("education", ("direct_service", "school")),
    "biro": ("leadership_support", ("hospital",)),
}


def units_roster() -> Roster:
    """Every unit of ``UNITS`` with one employee working from home on ``DAY``."""
    return Roster.model_validate({
        "units": [{"id": u, "sector": s, "tags": list(t)} for u, (s, t) in UNITS.items()],
        "employees": [{"id": f"e-{u}", "unit": u} for u in UNITS],
        "assignments": [{"employee": f"e-{u}", "date": DAY.isoformat(), "mode": "WFH"} for u in UNITS],
    })


def violations(roster: Roster, *rules: Mapping[str, Any]) -> list[Violation]:
    return list(check(roster, circular(*rules), lang="en").violations)


def only(roster: Roster, *rules: Mapping[str, Any]) -> Violation:
    """The single violation the rules produce on the roster."""
    found = violations(roster, *rules)
    assert len(found) == 1, found
    return found[0]


def violating_dates(roster: Roster, *rules: Mapping[str, Any]) -> list[dt.date]:
    return sorted({v.date for v in violations(roster, *rules)})


def violating_units(roster: Roster, *rules: Mapping[str, Any]) -> set[str]:
    return {v.unit for v in violations(roster, *rules)}


def variant(base: Circular, rule_id: str, **changes: Any) -> Circular:
    """``base`` with one rule's fields changed (``limit`` is merged into the rule's limit)."""
    data = base.model_dump(mode="json", by_alias=True, exclude_none=True)
    for item in data["rules"]:
        if item["id"] == rule_id:
            item["limit"].update(changes.pop("limit", {}))
            item.update(changes)
    return Circular.model_validate(data)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ---------------------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("listed", "value", "rounding", "bound"),
    [
        (7, "50%", "down", 3),
        (7, "50%", "up", 4),
        (7, "50%", "nearest", 4),  # 3.5: halves round up
        (6, "40%", "down", 2),  # 2.4
        (6, "40%", "nearest", 2),  # nearest differs from up here
        (6, "40%", "up", 3),
        (5, "50%", "nearest", 3),  # 2.5: halves round up
        (5, "50%", "down", 2),
        (10, 0.35, "nearest", 4),  # 3.5 exactly, not 3.4999… in floating point
        (10, 0.35, "down", 3),
        (4, "50%", "down", 2),  # exact products are not rounded at all
        (4, "50%", "up", 2),
    ],
)
def test_rounding_of_a_share_cap_is_the_rule_files_choice(
    listed: int, value: Any, rounding: str, bound: int
) -> None:
    # Everyone remote, so the cap always bites and the violation shows the bound.
    found = only(unit_roster(["WFH"] * listed), rule(share(["remote"], max=value, rounding=rounding)))
    assert found.required["max"] == bound
    assert found.excess == listed - bound


@pytest.mark.parametrize(
    ("modes", "value", "rounding", "ok"),
    [
        (["WFH"] * 4 + ["WFO"] * 3, "50%", "down", False),  # 7 listed: at most 3 remote
        (["WFH"] * 4 + ["WFO"] * 3, "50%", "up", True),  # at most 4
        (["WFH"] * 4 + ["WFO"] * 3, "50%", "nearest", True),  # at most 4
        (["WFH"] * 3 + ["WFO"] * 3, "40%", "down", False),  # 6 listed: 2.4 -> 2
        (["WFH"] * 3 + ["WFO"] * 3, "40%", "nearest", False),  # 2.4 -> 2
        (["WFH"] * 3 + ["WFO"] * 3, "40%", "up", True),  # 2.4 -> 3
    ],
)
def test_the_same_roster_passes_or_fails_by_rounding(
    modes: list[str], value: str, rounding: str, ok: bool
) -> None:
    report = check(unit_roster(modes), circular(rule(share(["remote"], max=value, rounding=rounding))))
    assert report.ok is ok
    if not ok:
        assert report.violations[0].excess == 1


@pytest.mark.parametrize(("rounding", "ok"), [("up", False), ("down", True)])
def test_a_minimum_share_rounds_as_told(rounding: str, ok: bool) -> None:
    # 75% onsite of 5 listed = 3.75: up -> 4 must be onsite, down -> 3.
    roster = unit_roster(["WFO", "WFO", "DL", "WFH", "CUTI"])
    found = violations(roster, rule(share(["onsite"], min="75%", rounding=rounding)))
    assert (not found) is ok
    if not ok:
        assert found[0].required["min"] == 4
        assert found[0].excess == 1
        assert set(found[0].employees) == {"e3", "e4"}  # those who could come in
    assert not violations(unit_roster(["WFO", "WFO", "DL", "WFO", "CUTI"]),
                          rule(share(["onsite"], min="75%", rounding="up")))


def test_kalbar_rounding_is_a_field_of_its_rule_file() -> None:
    kalbar = wfrules.load_circular(KALBAR)
    roster = unit_roster(["WFH"] * 4 + ["WFO"] * 3, sector="government_administration")
    assert [v.rule for v in check(roster, kalbar).violations] == ["others-wfh-max-50"]
    assert check(roster, variant(kalbar, "others-wfh-max-50", limit={"rounding": "up"})).ok
    assert check(roster, variant(kalbar, "others-wfh-max-50", limit={"rounding": "nearest"})).ok


# ------------------------------------------------------------------------------------- denominators

# 3 remote, 2 onsite, 3 absent, 1 off, and 2 employees of the unit with no assignment that day.
MIXED = ["WFH", "WFH", "WFA", "WFO", "DL", "CUTI", "CT", "SAKIT", "LIBUR"]


@pytest.mark.parametrize(
    ("of", "denominator"),
    [
        ("listed", 8),  # everyone but LIBUR
        ("working", 5),  # onsite + remote: the absent are left out
        ("staff", 11),  # every employee of the unit: LIBUR and the unassigned count too
        (["remote", "WFO"], 4),  # an explicit list of modes and groups (DL is not in it)
        (["listed"], 8),  # a group named in a list is the same as the keyword
    ],
)
def test_the_denominator_is_the_rule_files_choice(of: Any, denominator: int) -> None:
    # A 10% cap rounded down is 0 for every one of these denominators, so each shows its size.
    found = only(unit_roster(MIXED, idle=2), rule(share(["remote"], max="10%", of=of, rounding="down")))
    assert found.actual["denominator"] == denominator
    assert found.actual["count"] == 3


def test_working_leaves_absent_staff_out() -> None:
    # 2 remote, 1 onsite, 1 on leave; a 50% cap rounded down.
    roster = unit_roster(["WFH", "WFH", "WFO", "CUTI"])
    assert not violations(roster, rule(share(["remote"], max="50%", of="listed", rounding="down")))  # 2 of 4
    found = only(roster, rule(share(["remote"], max="50%", of="working", rounding="down")))  # 2 of 3
    assert (found.required["max"], found.excess) == (1, 1)


def test_staff_counts_the_unassigned_and_libur() -> None:
    # 2 remote, 1 onsite, 1 LIBUR, 1 employee with no assignment that day.
    roster = unit_roster(["WFH", "WFH", "WFO", "LIBUR"], idle=1)
    found = only(roster, rule(share(["remote"], max="50%", of="listed", rounding="down")))  # 2 of 3 > 1
    assert found.actual["denominator"] == 3
    assert not violations(roster, rule(share(["remote"], max="50%", of="staff", rounding="down")))  # 2 of 5


def test_an_explicit_mode_list_as_denominator() -> None:
    # "At most half of those in the office or at home may be at home": DL (away on duty) is outside it.
    roster = unit_roster(["WFH", "WFH", "WFO", "DL", "DL"])
    assert not violations(roster, rule(share(["remote"], max="50%", of="listed", rounding="down")))  # 2 of 5
    found = only(roster, rule(share(["remote"], max="50%", of=["remote", "WFO"], rounding="down")))  # 2 of 3
    assert (found.actual["denominator"], found.excess) == (3, 1)


def test_kalbar_denominator_is_a_field_of_its_rule_file() -> None:
    kalbar = wfrules.load_circular(KALBAR)
    # 2 remote, 1 onsite, 1 on leave: fine under "listed" (2 of 4), too many under "working" (2 of 3).
    roster = unit_roster(["WFH", "WFH", "WFO", "CUTI"], sector="education")
    assert check(roster, kalbar).ok
    stricter = variant(kalbar, "others-wfh-max-50", limit={"of": "working"})
    assert [v.excess for v in check(roster, stricter).violations] == [1]


# ----------------------------------------------------------------------------- headcount and forbid


def test_headcount_cap() -> None:
    cap = rule({"kind": "headcount", "modes": ["remote"], "max": 2})
    found = only(unit_roster(["WFH", "WFA", "WFH", "WFO", "WFO"]), cap)
    assert (found.required["max"], found.excess) == (2, 1)
    assert set(found.employees) == {"e0", "e1", "e2"}
    # The cap is in people, not a share: 2 remote of 3 or of 30 are both fine.
    assert not violations(unit_roster(["WFH", "WFA", "WFO"]), cap)
    assert not violations(unit_roster(["WFH", "WFA"] + ["WFO"] * 28), cap)


def test_headcount_minimum_for_picket_duty() -> None:
    picket = rule({"kind": "headcount", "modes": ["onsite"], "min": 2})
    assert not violations(unit_roster(["WFO", "DL", "WFH"]), picket)  # DL counts as onsite
    found = only(unit_roster(["WFO", "WFH", "CUTI"]), picket)
    assert (found.required["min"], found.excess, found.fixable) == (2, 1, True)
    assert set(found.employees) == {"e1", "e2"}


def test_unfixable_headcount_minimum_says_so() -> None:
    # One person listed, two required: no change of mode can meet it (LIBUR is never changed).
    found = only(unit_roster(["WFO", "LIBUR", "LIBUR"]), rule({"kind": "headcount", "modes": ["onsite"], "min": 2}))
    assert found.excess == 1
    assert found.fixable is False
    assert "cannot be met by changing modes" in found.message
    assert found.required["changeable"] == 0


def test_forbid_absent_on_a_date() -> None:
    no_leave = rule({"kind": "forbid", "modes": ["absent"]}, window={"dates": ["2024-04-16"]})
    found = only(unit_roster(["WFO", "CT", "SAKIT", "LIBUR", "WFH"]), no_leave)
    assert (found.excess, found.employees) == (2, ("e1", "e2"))  # LIBUR is not absent
    assert found.required["max"] == 0
    assert not violations(unit_roster(["CUTI"], day=d("2024-04-17")), no_leave)


# ----------------------------------------------------------------------------------------- severity


def test_a_warning_does_not_fail_the_report() -> None:
    roster = unit_roster(["WFH", "WFO"])
    report = check(roster, circular(rule(NO_REMOTE, severity="warning")))
    assert report.ok is True
    assert [v.severity for v in report.violations] == ["warning"]
    assert (report.summary["errors"], report.summary["warnings"]) == (0, 1)
    both = check(roster, circular(rule(NO_REMOTE, severity="warning"), rule(NO_REMOTE, rid="r2")))
    assert both.ok is False
    assert [v.severity for v in both.violations] == ["warning", "error"]


# ------------------------------------------------------------------------------------------ windows

WEEK = [d("2024-04-14") + dt.timedelta(days=i) for i in range(14)]  # Sunday 14 to Saturday 27 April


def test_explicit_dates() -> None:
    window = {"dates": ["2024-04-16", "2024-04-25"]}
    assert violating_dates(dated_roster(WEEK), rule(NO_REMOTE, window=window)) == [d("2024-04-16"), d("2024-04-25")]


def test_a_range_is_inclusive() -> None:
    window = {"ranges": [{"from": "2024-04-15", "to": "2024-04-17"}]}
    found = violating_dates(dated_roster(WEEK), rule(NO_REMOTE, window=window))
    assert found == [d("2024-04-15"), d("2024-04-16"), d("2024-04-17")]


@pytest.mark.parametrize("thursday", ["kamis", "Kamis", "thu", "Thursday"])
def test_weekdays_alone_and_in_indonesian(thursday: str) -> None:
    found = violating_dates(dated_roster(WEEK), rule(NO_REMOTE, window={"weekdays": [thursday]}))
    assert found == [d("2024-04-18"), d("2024-04-25")]


def test_weekdays_filter_a_range() -> None:
    window = {"ranges": [{"from": "2024-04-15", "to": "2024-04-19"}], "weekdays": ["selasa", "kamis"]}
    assert violating_dates(dated_roster(WEEK), rule(NO_REMOTE, window=window)) == [d("2024-04-16"), d("2024-04-18")]


def test_rrule_recurrence() -> None:
    every_thursday_2026 = {
        "recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "2026-01-01", "until": "2026-12-31"}]
    }
    days = [
        d("2025-12-25"),  # a Thursday before the start
        d("2026-01-01"),  # Thursday, the start
        d("2026-01-07"),  # Wednesday
        d("2026-01-08"),  # Thursday
        d("2026-12-31"),  # Thursday, the last day
        d("2027-01-07"),  # a Thursday after 'until'
    ]
    found = violating_dates(dated_roster(days), rule(NO_REMOTE, window=every_thursday_2026))
    assert found == [d("2026-01-01"), d("2026-01-08"), d("2026-12-31")]


def test_exclude_a_date_and_a_range() -> None:
    window = {
        "ranges": [{"from": "2024-04-15", "to": "2024-04-19"}],
        "exclude": ["2024-04-16", {"from": "2024-04-18", "to": "2024-04-19"}],
    }
    assert violating_dates(dated_roster(WEEK), rule(NO_REMOTE, window=window)) == [d("2024-04-15"), d("2024-04-17")]


def test_no_window_applies_on_every_date() -> None:
    days = [d("1999-12-31"), d("2024-04-16"), d("2100-02-28")]
    assert violating_dates(dated_roster(days), rule(NO_REMOTE)) == days


def test_kalbar_window_is_a_field_of_its_rule_file() -> None:
    kalbar = wfrules.load_circular(KALBAR)
    roster = dated_roster([d("2024-04-17"), d("2024-04-18")])  # one education employee WFH both days
    kalbar_cap = variant(kalbar, "others-wfh-max-50", limit={"max": 0})
    assert [v.date for v in check(roster, kalbar_cap).violations] == [d("2024-04-17")]
    longer = variant(kalbar_cap, "others-wfh-max-50", window={"ranges": [{"from": "2024-04-16", "to": "2024-04-30"}]})
    assert [v.date for v in check(roster, longer).violations] == [d("2024-04-17"), d("2024-04-18")]


# ------------------------------------------------------------------------------------------- scopes


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, set(UNITS)),  # the empty scope matches everything
        ({"sectors": ["health"]}, {"rsud", "dinkes"}),
        ({"sectors": ["kesehatan"]}, {"rsud", "dinkes"}),  # Indonesian sector names
        ({"sectors": ["Keamanan dan Ketertiban", "layanan_dukungan_pimpinan"]}, {"satpol", "biro"}),
        ({"tags": ["direct_service"]}, {"rsud", "satpol", "disdik"}),
        ({"tags": ["hospital", "school"]}, {"rsud", "disdik", "biro"}),  # any of the tags
        ({"all_tags": ["direct_service", "hospital"]}, {"rsud"}),  # every one of the tags
        ({"units": ["bkd", "dinkes"]}, {"bkd", "dinkes"}),
        ({"sectors": ["health"], "tags": ["direct_service"]}, {"rsud"}),  # criteria combine with AND
        ({"not": {"sectors": ["health"]}}, {"satpol", "bkd", "disdik", "biro"}),
        ({"not": {}}, set()),
        ({"any_of": [{"sectors": ["education"]}, {"units": ["bkd"]}]}, {"disdik", "bkd"}),
        (
            {"any_of": [{"tags": ["direct_service"]}, {"not": {"sectors": ["health", "security_order", "education"]}}]},
            {"rsud", "satpol", "disdik", "bkd", "biro"},
        ),
        ({"not": {"any_of": [{"tags": ["hospital"]}, {"units": ["bkd"]}]}}, {"dinkes", "satpol", "disdik"}),
        ({"sectors": ["health"], "not": {"tags": ["direct_service"]}}, {"dinkes"}),
    ],
)
def test_scopes(scope: JsonDict, expected: set[str]) -> None:
    assert violating_units(units_roster(), rule(NO_REMOTE, scope=scope)) == expected


def test_kalbar_scope_is_a_field_of_its_rule_file() -> None:
    kalbar = wfrules.load_circular(KALBAR)
    roster = unit_roster(["WFH", "WFO"], sector="health")
    assert [v.rule for v in check(roster, kalbar).violations] == ["essential-wfo-100"]
    without_health = variant(kalbar, "essential-wfo-100", scope={"sectors": ["energy"]})
    # the health unit now falls under neither rule 1 (scope) nor rule 2 (whose scope still excludes health)
    assert check(roster, without_health).ok


def test_the_engine_knows_no_sector_or_date_by_itself() -> None:
    # A hospital with everyone at home on Kalbar's date breaks nothing unless a rule says so.
    roster = unit_roster(["WFH"] * 5, sector="health", tags=["direct_service"])
    assert check(roster, circular()).ok
    assert check(roster, circular(rule(NO_REMOTE, scope={"sectors": ["education"]}))).ok
    assert check(roster, []).ok


# -------------------------------------------------------------------------------- several circulars


def test_violations_carry_their_circular_and_rule_ids_may_repeat_across_circulars() -> None:
    a = circular(rule(NO_REMOTE, rid="no-remote"), cid="circ-a")
    b = circular(rule({"kind": "headcount", "modes": ["remote"], "max": 1}, rid="no-remote"), cid="circ-b")
    report = check(unit_roster(["WFH", "WFH", "WFO"]), [a, b])
    assert report.circulars == ("circ-a", "circ-b")
    assert [(v.circular, v.rule, v.excess) for v in report.violations] == [
        ("circ-a", "no-remote", 2),
        ("circ-b", "no-remote", 1),
    ]
    assert report.violations[0].citation == "SE 1/TEST/2026"


def test_a_custom_circular_alongside_the_catalog() -> None:
    kalbar = wfrules.load_circular(KALBAR)
    local = circular(rule({"kind": "forbid", "modes": ["absent"]}, rid="no-leave",
                          window={"dates": ["2024-04-16"]}), cid="pemkot-no-leave")
    roster = unit_roster(["WFH", "WFH", "CUTI", "WFO"], sector="education")
    report = check(roster, [kalbar, local])
    assert {(v.circular, v.rule) for v in report.violations} == {("pemkot-no-leave", "no-leave")}
    assert check(roster, kalbar).ok


# ------------------------------------------------------------------------- user rule files via the CLI


def run_cli(args: Sequence[str | Path]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write_roster(path: Path, roster: Roster) -> Path:
    path.write_text(json.dumps(roster.model_dump(mode="json", exclude_none=True), indent=2), encoding="utf-8")
    return path


USER_RULES = """\
# A city's own circular: picket duty and a one-third WFH cap, Thursdays in April 2024.
id: pemkot-demo-2024
number: 800/99/2024
title: Piket dan WFH Kamis
issuer: Wali Kota Demo
jurisdiction: Kota Demo
issued: 2024-04-01
rules:
  - id: picket
    citation: angka 1
    window:
      ranges: [{from: 2024-04-01, to: 2024-04-30}]
      weekdays: [kamis]
    scope:
      sectors: [kesehatan]
    limit: {kind: headcount, modes: [onsite], min: 2}
  - id: wfh-third
    citation: {clause: angka 2, text: WFH paling banyak sepertiga}
    severity: warning
    window:
      ranges: [{from: 2024-04-01, to: 2024-04-30}]
      weekdays: [kamis]
    limit: {kind: share, modes: [remote], max: 33.4%, of: working, rounding: nearest}
"""


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_user_rule_file_through_the_cli(tmp_path: Path, suffix: str) -> None:
    data = yaml.safe_load(USER_RULES)
    path = tmp_path / f"pemkot{suffix}"
    path.write_text(USER_RULES if suffix == ".yaml" else json.dumps(data, indent=2, default=str), encoding="utf-8")
    thursday = d("2024-04-18")

    # Health unit, Thursday: 1 onsite (picket needs 2: error) and 2 of 3 working remote (> 1: warning).
    bad = write_roster(tmp_path / "bad.json", unit_roster(["WFO", "WFH", "WFA"], sector="health", day=thursday))
    code, out, err = run_cli(["check", bad, "--circular", path, "--format", "json"])
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert report["ok"] is False
    assert report["circulars"] == ["pemkot-demo-2024"]
    assert [(v["rule"], v["severity"], v["unit"], v["date"], v["excess"]) for v in report["violations"]] == [
        ("picket", "error", "u", "2024-04-18", 1),
        ("wfh-third", "warning", "u", "2024-04-18", 1),
    ]
    assert all(v["circular"] == "pemkot-demo-2024" for v in report["violations"])
    assert report["violations"][0]["citation"] == "SE 800/99/2024, angka 1"

    # Only the warning left: exit 0, ok true.
    warned = write_roster(tmp_path / "warned.json", unit_roster(["WFO", "DL", "WFH", "WFA"], sector="health",
                                                                 day=thursday))
    code, out, err = run_cli(["check", warned, "--circular", path, "--format", "json"])
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["ok"] is True
    assert [v["severity"] for v in report["violations"]] == ["warning"]

    # A Wednesday is outside the window.
    wednesday = write_roster(tmp_path / "wed.json", unit_roster(["WFH"] * 3, sector="health", day=d("2024-04-17")))
    code, out, _ = run_cli(["check", wednesday, "--circular", path, "--format", "json"])
    assert code == 0
    assert json.loads(out)["violations"] == []

    # The rule file and a catalog id together.
    code, out, _ = run_cli(["check", wednesday, "--circular", path, "--circular", KALBAR, "--format", "json"])
    report = json.loads(out)
    assert code == 1
    assert report["circulars"] == ["pemkot-demo-2024", KALBAR]
    assert {v["circular"] for v in report["violations"]} == {KALBAR}

    assert wfrules.load_circular(path) == Circular.model_validate(data)


def test_text_output_with_a_warning_only_exits_0(tmp_path: Path) -> None:
    rules = tmp_path / "warn.yaml"
    rules.write_text(yaml.safe_dump(circular_data(rule(NO_REMOTE, severity="warning"))), encoding="utf-8")
    roster = write_roster(tmp_path / "r.json", unit_roster(["WFH", "WFO"]))
    code, out, err = run_cli(["check", roster, "--circular", rules, "--lang", "en"])
    assert (code, err) == (0, "")
    assert "warning" in out


# -------------------------------------------------------------------------------------- round trips

ROUND_TRIP_FILES: list[JsonDict] = [
    circular_data(
        rule(share(["remote"], max="50%", of="staff", rounding="nearest"), rid="a",
             window={"dates": ["2024-04-16"], "exclude": ["2024-04-17", {"from": "2024-05-01", "to": "2024-05-02"}],
                     "ranges": [{"from": "2024-04-01", "to": "2024-05-31"}], "weekdays": ["kamis", "fri"]},
             scope={"any_of": [{"sectors": ["kesehatan"]}, {"not": {"all_tags": ["x", "y"]}}], "units": ["u"]},
             citation="angka 1", severity="warning", description="d", reading="r"),
        rule(share(["onsite", "DL"], min=0.75, of=["onsite", "remote", "CUTI"], rounding="up"), rid="b",
             window={"recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "2026-01-01",
                                      "until": "2026-12-31"}]}),
        rule({"kind": "headcount", "modes": ["onsite"], "min": 2}, rid="c", scope={"tags": ["picket"]}),
        rule({"kind": "forbid", "modes": ["absent"]}, rid="d", citation={"clause": "angka 3", "text": "t"}),
    ),
    yaml.safe_load(USER_RULES),
]


def round_trip(c: Circular) -> Circular:
    dumped = c.model_dump(mode="json", by_alias=True, exclude_none=True)
    return Circular.model_validate(yaml.safe_load(yaml.safe_dump(dumped, allow_unicode=True)))


@pytest.mark.parametrize("cid", wfrules.catalog_ids())
def test_catalog_circulars_round_trip(cid: str) -> None:
    c = wfrules.load_circular(cid)
    check(unit_roster(MIXED), c)  # fill any cached properties first: they must not affect equality
    assert round_trip(c) == c


@pytest.mark.parametrize("data", ROUND_TRIP_FILES, ids=["every-field", "user-rules"])
def test_test_rule_files_round_trip(data: JsonDict) -> None:
    c = Circular.model_validate(data)
    assert round_trip(c) == c
    assert round_trip(round_trip(c)) == c


# ---------------------------------------------------------------------------- following the advice


def apply_advice(roster: Roster, violation: Violation) -> Roster:
    """Move ``excess`` of the violation's employees to its ``move_to`` mode (caps only)."""
    movers = set(violation.employees[: violation.excess])
    target = violation.required["move_to"]
    data = roster.model_dump(mode="json", exclude_none=True)
    for a in data["assignments"]:
        if a["employee"] in movers and dt.date.fromisoformat(a["date"]) == violation.date:
            a["mode"] = target
            a.pop("leave_type", None)
    return Roster.model_validate(data)


@pytest.mark.parametrize(
    ("modes", "limit"),
    [
        pytest.param(["WFH"] * 5 + ["WFO"] * 2, share(["remote"], max="50%", rounding="down"), id="listed"),
        pytest.param(["WFH"] * 4 + ["CUTI"] * 2, share(["remote"], max="50%", of="working", rounding="down"),
                     id="working"),
        pytest.param(["WFH"] * 4 + ["WFO"], share(["remote"], max="40%", of="staff", rounding="nearest"),
                     id="staff"),
        pytest.param(["CUTI", "SAKIT", "WFO"], {"kind": "forbid", "modes": ["absent"]}, id="forbid"),
        pytest.param(["WFH", "WFA", "WFH"], {"kind": "headcount", "modes": ["remote"], "max": 1}, id="headcount"),
        pytest.param(
            ["WFH"] * 4, share(["remote"], max="50%", of=["remote", "absent"], rounding="down"), id="of-remote-absent",
        ),
    ],
)
def test_moving_excess_people_to_move_to_fixes_a_cap(modes: list[str], limit: JsonDict) -> None:
    roster = unit_roster(modes)
    found = only(roster, rule(limit))
    assert check(apply_advice(roster, found), circular(rule(limit))).ok
