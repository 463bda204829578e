"""``wfrules plan``: from a staff list and a date range, a roster that passes, with a fair remote rotation.

Example tests read like a head of unit's week; property tests check the issue's acceptance criteria on random
staff lists (passes check, covers every staff member on every working day, uses each allowance to its cap,
fair) and the same invariants on random circulars.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wfrules
from tests.rule_strategies import SECTOR_CODES, circular_dicts
from wfrules import Circular, Mode, Staff
from wfrules._calendar import working_days
from wfrules._cli import main

KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024"
ESSENTIAL = {"health", "security_order", "disaster", "energy", "logistics", "transport_distribution",
             "vital_object", "strategic_project", "construction", "basic_utility"}
MON, TUE, WED, THU, FRI = (dt.date(2024, 4, d) for d in (15, 16, 17, 18, 19))
Json = dict[str, Any]


def staff_csv(rows: list[tuple[str, str, str, str, str]]) -> str:
    lines = ["employee,unit,sector,tags,remote_eligible", *(",".join(r) for r in rows)]
    return "\n".join(lines) + "\n"


def staff_of(units: dict[str, tuple[str, str, int]], not_eligible: tuple[str, ...] = ()) -> Staff:
    rows = []
    for unit, (sector, tags, size) in units.items():
        for i in range(size):
            employee = f"{unit}-{i}"
            rows.append((employee, unit, sector, tags, "false" if employee in not_eligible else "true"))
    return wfrules.parse_staff_csv(staff_csv(rows))


def modes_on(result: wfrules.PlanResult, unit: str, day: dt.date) -> list[str]:
    unit_of = {e.id: e.unit for e in result.roster.employees}
    return [a.mode.value for a in result.roster.assignments if a.date == day and unit_of[a.employee] == unit]


def circular(*rules: Json) -> Circular:
    return Circular.model_validate({"id": "local", "number": "1/2024", "title": "Local rules", "issuer": "Kepala",
                                    "jurisdiction": "test", "issued": "2024-04-01", "rules": list(rules)})


# ------------------------------------------------------------------------------------------- examples


def test_a_week_around_the_kalbar_window() -> None:
    staff = staff_of({"bkd": ("government_administration", "", 7), "rsud": ("health", "direct_service", 4),
                      "camat": ("government_administration", "direct_service", 5)})
    result = wfrules.plan(staff, KALBAR, MON, FRI)
    assert result.ok
    # 15 April 2024 is cuti bersama (Idul Fitri): not planned; Tue-Fri are.
    assert result.days == (TUE, WED, THU, FRI)
    assert Counter(modes_on(result, "bkd", TUE)) == {"WFO": 4, "WFH": 3}
    assert Counter(modes_on(result, "rsud", WED)) == {"WFO": 4}
    assert Counter(modes_on(result, "camat", TUE)) == {"WFO": 5}
    assert Counter(modes_on(result, "camat", WED)) == {"WFO": 3, "WFH": 2}
    # Outside the window no rule applies: by default the office works as usual.
    assert Counter(modes_on(result, "rsud", THU)) == {"WFO": 4}


def test_days_no_rule_covers_are_planned_in_the_office_by_default() -> None:
    staff = staff_of({"bkd": ("government_administration", "", 4)})
    for result in (wfrules.plan(staff, KALBAR, TUE, FRI), wfrules.plan(staff, KALBAR, TUE, FRI, unregulated="wfo")):
        assert Counter(modes_on(result, "bkd", THU)) == {"WFO": 4}
        assert Counter(modes_on(result, "bkd", TUE)) == {"WFO": 2, "WFH": 2}
    # Asked for, those days have no cap: with --remote cap everyone eligible may work remotely.
    result = wfrules.plan(staff, KALBAR, TUE, FRI, unregulated="remote")
    assert Counter(modes_on(result, "bkd", THU)) == {"WFH": 4}
    assert Counter(modes_on(result, "bkd", TUE)) == {"WFO": 2, "WFH": 2}


def test_remote_none_plans_nobody_remote_unless_asked() -> None:
    staff = staff_of({"bkd": ("government_administration", "", 4)})
    wish = wfrules.Request("bkd-3", WED, Mode.WFH)
    result = wfrules.plan(staff, KALBAR, TUE, WED, remote="none", requests=[wish])
    assert modes_on(result, "bkd", TUE) == ["WFO"] * 4
    assert modes_on(result, "bkd", WED) == ["WFO", "WFO", "WFO", "WFH"]


def test_the_rotation_is_fair_and_skips_staff_who_may_not_work_remotely() -> None:
    staff = staff_of({"bkd": ("government_administration", "", 5)}, not_eligible=("bkd-0",))
    result = wfrules.plan(staff, KALBAR, TUE, WED)
    assert result.ok
    assert "bkd-0" not in result.remote_days
    assert set(result.remote_days.values()) == {1}  # 2 + 2 remote places for 4 eligible people
    assert modes_on(result, "bkd", TUE)[0] == modes_on(result, "bkd", WED)[0] == "WFO"


def test_requests_are_granted_where_the_rules_allow_and_the_others_reported() -> None:
    staff = staff_of({"camat": ("government_administration", "direct_service", 4),
                      "bkd": ("government_administration", "", 4)}, not_eligible=("bkd-1",))
    requests = [
        wfrules.Request("camat-0", TUE, Mode.CUTI, "CT"),   # direct service, 16 April: 100% present
        wfrules.Request("camat-1", WED, Mode.CUTI, "CT"),   # 17 April: leave is fine
        wfrules.Request("bkd-1", WED, Mode.WFH),            # not eligible
        wfrules.Request("bkd-2", TUE, Mode.WFA),            # a wish within the cap
        wfrules.Request("bkd-0", dt.date(2024, 4, 20), Mode.WFH),  # a Saturday: not planned
    ]
    result = wfrules.plan(staff, KALBAR, TUE, WED, requests=requests)
    assert result.ok
    reasons = {(n.request.employee, n.request.date): n.reason for n in result.not_granted}
    assert reasons == {("camat-0", TUE): "rules", ("bkd-1", WED): "not_eligible",
                       ("bkd-0", dt.date(2024, 4, 20)): "not_planned"}
    assert next(n for n in result.not_granted if n.reason == "rules").rules == (
        "kalbar-se-800-01-2024/direct-service-present-100",)
    assert modes_on(result, "camat", WED)[1] == "CUTI"
    assert modes_on(result, "bkd", TUE)[2] == "WFA"


def test_a_rule_on_a_holiday_gets_the_fewest_people_it_needs() -> None:
    picket = circular({"id": "saturday-picket", "window": {"dates": ["2024-04-20"]},
                       "limit": {"kind": "headcount", "modes": ["onsite"], "min": 2}})
    staff = staff_of({"satpol": ("security_order", "", 5)})
    result = wfrules.plan(staff, [KALBAR, picket], FRI, dt.date(2024, 4, 21))
    assert result.ok
    assert result.days == (FRI, dt.date(2024, 4, 20))
    assert Counter(modes_on(result, "satpol", dt.date(2024, 4, 20))) == {"WFO": 2, "LIBUR": 3}


def test_rules_a_unit_cannot_meet_are_reported() -> None:
    picket = circular({"id": "ten-onsite", "limit": {"kind": "headcount", "modes": ["onsite"], "min": 10}})
    result = wfrules.plan(staff_of({"bkd": ("government_administration", "", 3)}), picket, TUE, TUE)
    assert not result.ok
    assert result.infeasible == (("bkd", TUE, ("local/ten-onsite",)),)


def test_requests_given_in_python_are_checked() -> None:
    staff = staff_of({"bkd": ("government_administration", "", 2)})
    result = wfrules.plan(staff, KALBAR, WED, WED, requests=[wfrules.Request("bkd-0", WED, "CT")])  # type: ignore[arg-type]
    assert result.roster.assignments[0].mode is Mode.CUTI
    assert result.roster.assignments[0].leave_type == "CT"
    with pytest.raises(wfrules.UsageError, match="not on the staff list"):
        wfrules.plan(staff, KALBAR, WED, WED, requests=[wfrules.Request("nobody", WED, Mode.CUTI)])
    with pytest.raises(wfrules.UsageError, match="two requests"):
        wfrules.plan(staff, KALBAR, WED, WED, requests=[wfrules.Request("bkd-0", WED, Mode.CUTI)] * 2)


def test_plan_is_deterministic() -> None:
    staff = wfrules.load_staff(EXAMPLES / "staff.csv")
    requests = wfrules.load_requests(EXAMPLES / "requests.csv", staff)
    first = wfrules.plan(staff, KALBAR, MON, FRI, requests=requests)
    second = wfrules.plan(staff, KALBAR, MON, FRI, requests=requests)
    assert first.roster == second.roster
    assert first.not_granted == second.not_granted


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("employee,sector\ne1,health\n", 1, "missing required column(s) unit"),
        ("employee,unit,remote_eligible\ne1,bkd,maybe\n", 2, "remote_eligible must be true or false"),
        ("employee,unit\ne1,bkd\ne1,bkd\n", 3, "listed twice"),
        ("employee,unit,sector\ne1,bkd,health\ne2,bkd,education\n", 3, "another sector"),
        ("employee,unit,sector\ne1,bkd,helth\n", 2, "unknown sector"),
    ],
)
def test_a_bad_staff_list_is_located(text: str, line: int, words: str) -> None:
    with pytest.raises(wfrules.RosterError) as caught:
        wfrules.parse_staff_csv(text, "staff.csv")
    assert caught.value.problems[0].line == line
    assert words in caught.value.problems[0].message


def test_bad_requests_are_located() -> None:
    staff = staff_of({"bkd": ("government_administration", "", 2)})
    with pytest.raises(wfrules.RosterError) as caught:
        wfrules.parse_requests_csv("employee,date,mode\nbkd-9,2024-04-16,CT\nbkd-0,16-04-2024,CT\nbkd-1,2024-04-16,"
                                   "WHF\n", staff, "req.csv")
    problems = caught.value.problems
    assert [p.line for p in problems] == [2, 3, 4]
    assert problems[0].message == "unknown employee 'bkd-9'"
    assert problems[2].message == "unknown mode 'WHF'"
    assert problems[2].hint == "did you mean 'WFH'?"


# ------------------------------------------------------------------------------------------------ CLI


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_cli_plans_the_example_staff_list(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"plan.{suffix}"
    code, out, err = run(["plan", "--staff", str(EXAMPLES / "staff.csv"), "-c", "kalbar-se-800-01-2024",
                          "--from", "2024-04-15", "--to", "2024-04-19", "-o", str(target),
                          "--requests", str(EXAMPLES / "requests.csv"), "--format", "json"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["ok"]
    assert data["days"] == ["2024-04-16", "2024-04-17", "2024-04-18", "2024-04-19"]
    assert {n["reason"] for n in data["not_granted"]} <= {"rules", "cap", "fair", "not_eligible", "not_planned"}
    assert wfrules.check(wfrules.load_roster(target), KALBAR).ok


def test_cli_text_in_indonesian_and_bad_input(tmp_path: Path) -> None:
    code, out, _ = run(["plan", "--staff", str(EXAMPLES / "staff.csv"), "-c", "kalbar-se-800-01-2024",
                        "--from", "2024-04-16", "--to", "2024-04-17", "-o", str(tmp_path / "p.json"), "--lang", "id"])
    assert code == 0
    assert "rencana jadwal sesuai" in out
    bad = tmp_path / "staff.csv"
    bad.write_text("employee,unit,remote_eligible\ne1,bkd,mungkin\n")
    code, _, err = run(["plan", "--staff", str(bad), "-c", "kalbar-se-800-01-2024", "--from", "2024-04-16",
                        "--to", "2024-04-17", "-o", str(tmp_path / "p.json")])
    assert code == 2
    assert err.startswith(f"error: {bad}:2:3:")
    code, _, err = run(["plan", "--staff", str(EXAMPLES / "staff.csv"), "-c", "kalbar-se-800-01-2024",
                        "--from", "2024-04-17", "--to", "2024-04-16", "-o", str(tmp_path / "p.json")])
    assert code == 2
    assert "before" in err


# ---------------------------------------------------------------------------------------- properties


@st.composite
def staff_lists(draw: st.DrawFn, *, max_units: int = 4, max_staff: int = 9) -> Staff:
    rows = []
    for u in range(draw(st.integers(1, max_units))):
        sector = draw(st.sampled_from(SECTOR_CODES))
        tags = draw(st.sampled_from(["", "direct_service", "shift", "direct_service;shift"]))
        for i in range(draw(st.integers(0, max_staff))):
            rows.append((f"u{u}-e{i}", f"u{u}", sector, tags, draw(st.sampled_from(["true", "true", "false"]))))
    return wfrules.parse_staff_csv(staff_csv(rows) if rows else "employee,unit\nx,u0\n")


RANGES = st.tuples(st.dates(dt.date(2024, 4, 8), dt.date(2024, 4, 24)), st.integers(0, 9)).map(
    lambda t: (t[0], t[0] + dt.timedelta(days=t[1])))


def check_coverage_and_fairness(result: wfrules.PlanResult, staff: Staff, start: dt.date, end: dt.date) -> None:
    days = working_days(start, end)
    seen = Counter((a.employee, a.date) for a in result.roster.assignments if a.date in days)
    assert set(seen) == {(e.id, d) for e in staff.employees for d in days}
    assert set(seen.values()) <= {1}
    remote: Counter[str] = Counter(a.employee for a in result.roster.assignments if a.mode in wfrules.GROUPS["remote"])
    by_unit: dict[str, list[int]] = defaultdict(list)
    for e in staff.employees:
        if staff.eligible(e):
            by_unit[e.unit].append(remote[e.id])
        else:
            assert remote[e.id] == 0
    for unit, counts in by_unit.items():
        assert max(counts) - min(counts) <= 1, (unit, counts)


@settings(max_examples=60)
@given(staff_lists(), RANGES)
def test_acceptance_seed_plan_passes_covers_uses_the_cap_and_is_fair(
    staff: Staff, dates: tuple[dt.date, dt.date]
) -> None:
    """Issue 5, must show: the plan passes check, covers every staff member on every working day, uses each
    allowance to its cap (0 for essential sectors and direct service on 16 April, floor(N / 2) else, everyone
    eligible outside the window when asked to with ``unregulated="remote"``) and is fair."""
    start, end = dates
    result = wfrules.plan(staff, KALBAR, start, end, unregulated="remote")
    assert result.ok, result.report.violations
    check_coverage_and_fairness(result, staff, start, end)
    units = {u.id: u for u in staff.units}
    members = Counter(e.unit for e in staff.employees)
    eligible = Counter(e.unit for e in staff.employees if staff.eligible(e))
    unit_of = {e.id: e.unit for e in staff.employees}
    remote = Counter((unit_of[a.employee], a.date) for a in result.roster.assignments
                     if a.mode in wfrules.GROUPS["remote"])
    for day in working_days(start, end):
        for unit_id, unit in units.items():
            if day not in (TUE, WED):
                cap = members[unit_id]
            elif unit.sector in ESSENTIAL or ("direct_service" in unit.tags and day == TUE):
                cap = 0
            else:
                cap = math.floor(members[unit_id] / 2)
            assert remote[unit_id, day] == min(cap, eligible[unit_id]), (unit_id, day)


@settings(max_examples=40)
@given(st.lists(circular_dicts(min_rules=1, max_rules=3), min_size=1, max_size=2, unique_by=lambda c: c["id"]),
       staff_lists(max_units=3, max_staff=6), RANGES)
def test_plan_passes_whenever_the_rules_can_be_met(circulars: list[Json], staff: Staff,
                                                   dates: tuple[dt.date, dt.date]) -> None:
    """plan ⇒ check passes (unless the plan reports a unit and day whose rules no arrangement meets), every
    staff member is covered on every working day, and the rotation is fair."""
    start, end = dates
    parsed = [Circular.model_validate(c) for c in circulars]
    result = wfrules.plan(staff, parsed, start, end)
    if not result.infeasible:
        assert result.ok, result.report.errors
    failing = {(v.unit, v.date) for v in result.report.errors}
    assert failing <= {(u, d) for u, d, _ in result.infeasible}
    check_coverage_and_fairness(result, staff, start, end)


def test_a_rule_counting_libur_lists_everyone_on_a_day_off() -> None:
    """Found by hypothesis: on a cuti bersama day (8 April 2024) nobody is needed at work, but a minimum of 2
    "onsite or LIBUR" fails on a unit left out of the roster (an empty day counts 0); plan lists them LIBUR."""
    minimum = Circular.model_validate({
        "id": "min-present", "number": "1", "title": "t", "issuer": "i", "jurisdiction": "j", "issued": "2020-01-01",
        "rules": [{"id": "two", "limit": {"kind": "headcount", "modes": ["onsite", "LIBUR"], "min": 2}},
                  {"id": "duty", "scope": {"sectors": ["security_order"]}, "window": {"dates": ["2024-04-08"]},
                   "limit": {"kind": "headcount", "modes": ["WFO"], "min": 1}}]})
    # The guard post works that day (so the date is in the roster); the hospital's two are needed nowhere.
    staff = staff_of({"rsud": ("health", "", 2), "pos": ("security_order", "", 2)})
    day = dt.date(2024, 4, 8)
    result = wfrules.plan(staff, [minimum], day, day)
    assert result.ok, result.report.errors
    assert result.infeasible == ()
    assert sorted(modes_on(result, "rsud", day)) == ["LIBUR", "LIBUR"]
    assert sorted(modes_on(result, "pos", day)) == ["LIBUR", "WFO"]


_CELLS = st.sampled_from(["e1", "e2", "bkd", "health", "kesehatan", "direct_service", "true", "tidak", "maybe",
                          "2024-04-16", "16/04/2024", "CT", "WFH", "WHF", "", " ", '"', "a;b", "x\ny"])


@settings(max_examples=200)
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=6), min_size=1, max_size=6),
       st.sampled_from([",", ";", "\t"]), st.text(max_size=30))
def test_fuzz_staff_and_request_lists_raise_only_our_errors(rows: list[list[str]], delimiter: str, noise: str) -> None:
    """Whatever the CSV holds, reading a staff list or a request list returns one or raises RosterError."""
    header = delimiter.join(["employee", "unit", "sector", "tags", "remote_eligible"])
    text = header + "\n" + "\n".join(delimiter.join(r) for r in rows) + "\n" + noise
    found: list[list[wfrules.Problem]] = []
    try:
        staff = wfrules.parse_staff_csv(text, "staff.csv")
    except wfrules.RosterError as exc:
        found.append(exc.problems)
        staff = staff_of({"bkd": ("other", "", 2)})
    for body in (text, "employee,date,mode\n" + "\n".join(",".join(r) for r in rows), noise):
        try:
            wfrules.parse_requests_csv(body, staff, "req.csv")
        except wfrules.RosterError as exc:
            found.append(exc.problems)
    assert all(problems for problems in found)  # every error says what is wrong


def test_a_national_and_a_regional_circular_together() -> None:
    """Both apply; the strictest wins: the post service is essential under SE MenPAN-RB 1/2024 only."""
    national = wfrules.load_circular("menpanrb-se-01-2024")
    staff = staff_of({"pos": ("post", "", 4), "bkd": ("government_administration", "", 5)})
    result = wfrules.plan(staff, [KALBAR, national], TUE, WED)
    assert result.ok
    assert Counter(modes_on(result, "pos", WED)) == {"WFO": 4}
    assert Counter(modes_on(result, "bkd", WED)) == {"WFO": 3, "WFH": 2}
    only_regional = wfrules.plan(staff, KALBAR, TUE, WED)
    assert Counter(modes_on(only_regional, "pos", WED)) == {"WFO": 2, "WFH": 2}


@settings(max_examples=40)
@given(staff_lists(max_units=3, max_staff=6), RANGES, st.data())
def test_every_request_is_granted_or_reported(staff: Staff, dates: tuple[dt.date, dt.date], data: Any) -> None:
    """With random requests on the seed circular: the plan still passes, and each request either appears in
    the roster as asked or is reported as not granted (never silently dropped)."""
    assert_requests_granted_or_reported(staff, KALBAR, dates, data)


def assert_requests_granted_or_reported(staff: Staff, circular: Circular, dates: tuple[dt.date, dt.date],
                                        data: Any) -> None:
    """Plan with up to 8 random requests: the plan passes, and each request either appears in the roster as
    asked or is reported as not granted (never silently dropped). Shared with ``test_plan_filters``."""
    start, end = dates
    people = [e.id for e in staff.employees]
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    wanted = data.draw(st.dictionaries(st.tuples(st.sampled_from(people), st.sampled_from(days)),
                                       st.sampled_from([Mode.CUTI, Mode.SAKIT, Mode.WFH, Mode.WFA, Mode.WFO, Mode.DL]),
                                       max_size=8))
    requests = [wfrules.Request(e, d, m) for (e, d), m in wanted.items()]
    result = wfrules.plan(staff, circular, start, end, requests=requests)
    assert result.ok, result.report.errors
    planned = {(a.employee, a.date): a.mode for a in result.roster.assignments}
    refused = {(n.request.employee, n.request.date) for n in result.not_granted}
    for request in requests:
        key = (request.employee, request.date)
        assert (planned.get(key) is request.mode) != (key in refused), (request, planned.get(key))
