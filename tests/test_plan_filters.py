"""``wfrules plan`` under rules with an employee filter (``employees: where/unless``).

The examples read like the DKI circular (``pemprov-dki-bkd-se-e-0021-2025``): on 29 August 2025 staff on
24-hour duty stay at the office and the others may work from home. The staff list carries the attribute as a
column; the planned roster carries it too, so ``check`` judges the plan as the plan judged itself. The property
plans random staff lists under random circulars whose rules filter employees and checks the plan.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

import wfrules
from tests.rule_strategies import SECTOR_CODES
from tests.test_fix_filters import VALUES, add_filters
from tests.test_fix_filters import filtered_circulars as filtered_circular_dicts
from tests.test_plan import assert_requests_granted_or_reported
from wfrules import Circular, Staff
from wfrules._calendar import working_days
from wfrules._cli import main

DKI = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025")
THU, FRI = dt.date(2025, 8, 28), dt.date(2025, 8, 29)
Json = dict[str, Any]

#: A DKI unit of six: two on 24-hour duty (one written "ya"), one who may not work from home, three others (one
#: with the cell left blank: not on duty, as the circular's ``missing`` says).
DKI_STAFF = """employee,unit,sector,tags,region,remote_eligible,service_24h
d0,damkar,disaster,,31,true,true
o1,damkar,disaster,,31,true,false
d2,damkar,disaster,,31,true,ya
o3,damkar,disaster,,31,false,false
o4,damkar,disaster,,31,true,
o5,damkar,disaster,,31,true,false
"""


def modes(result: wfrules.PlanResult, day: dt.date) -> dict[str, str]:
    return {a.employee: a.mode.value for a in result.roster.assignments if a.date == day}


def local(*rules: Json) -> Circular:
    return Circular.model_validate({"id": "local", "number": "1/2025", "title": "Local rules", "issuer": "Kepala",
                                    "jurisdiction": "test", "issued": "2025-08-01", "rules": list(rules)})


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


# ------------------------------------------------------------------------------------------- examples


def test_duty_staff_stay_in_the_office_and_the_others_work_from_home() -> None:
    staff = wfrules.parse_staff_csv(DKI_STAFF)
    result = wfrules.plan(staff, DKI, THU, FRI)
    assert result.ok
    assert modes(result, THU) == dict.fromkeys(["d0", "o1", "d2", "o3", "o4", "o5"], "WFO")  # no rule that day
    assert modes(result, FRI) == {"d0": "WFO", "o1": "WFH", "d2": "WFO", "o3": "WFO", "o4": "WFH", "o5": "WFH"}
    carried = {e.id: (e.model_extra or {}).get("service_24h") for e in result.roster.employees}
    assert carried == {"d0": "true", "o1": "false", "d2": "ya", "o3": "false", "o4": None, "o5": "false"}
    assert wfrules.check(result.roster, DKI).ok


def test_a_wish_of_a_duty_employee_to_work_from_home_is_refused_with_the_rule() -> None:
    staff = wfrules.parse_staff_csv(DKI_STAFF)
    requests = wfrules.parse_requests_csv("employee,date,mode\nd0,2025-08-29,WFH\no1,2025-08-29,CUTI\n", staff)
    result = wfrules.plan(staff, DKI, FRI, FRI, requests=requests)
    assert result.ok
    assert modes(result, FRI) == {"d0": "WFO", "o1": "CUTI", "d2": "WFO", "o3": "WFO", "o4": "WFH", "o5": "WFH"}
    [refused] = result.not_granted
    assert (refused.request.employee, refused.reason) == ("d0", "cap")
    assert refused.rules == ("pemprov-dki-bkd-se-e-0021-2025/service-24h-staff-onsite",)


def test_the_others_share_a_capped_rotation_fairly_and_duty_staff_never_leave() -> None:
    """A week under a local rule: at most half of the staff without 24-hour duty remote, duty staff never.
    Each day two of the four eligible others work from home; over the week their remote days differ by at
    most one; the duty staff are in every day."""
    week = [dt.date(2025, 9, d) for d in range(8, 13)]  # Monday to Friday
    rules = local(
        {"id": "duty-onsite", "window": {"ranges": [{"from": "2025-09-08", "to": "2025-09-12"}]},
         "employees": {"where": {"service_24h": True}, "missing": {"service_24h": False}},
         "limit": {"kind": "forbid", "modes": ["remote"]}},
        {"id": "others-half", "window": {"ranges": [{"from": "2025-09-08", "to": "2025-09-12"}]},
         "employees": {"unless": {"service_24h": True}, "missing": {"service_24h": False}},
         "limit": {"kind": "share", "modes": ["remote"], "max": 0.5, "of": "listed", "rounding": "down"}})
    staff = wfrules.parse_staff_csv(DKI_STAFF)
    result = wfrules.plan(staff, rules, week[0], week[-1])
    assert result.ok
    for day in week:
        today = modes(result, day)
        assert today["d0"] == today["d2"] == today["o3"] == "WFO"
        assert sum(today[e] == "WFH" for e in ("o1", "o4", "o5")) == 2  # floor(4 others / 2)
    remote = Counter(a.employee for a in result.roster.assignments if a.mode.value == "WFH")
    others = [remote[e] for e in ("o1", "o4", "o5")]
    assert max(others) - min(others) <= 1
    assert sum(others) == 10


def test_a_picket_of_duty_staff_on_a_holiday_calls_in_duty_staff_only() -> None:
    """Sunday 31 August 2025: a rule asks for one employee on 24-hour duty onsite; the plan schedules one duty
    employee WFO (the first, fewest duty days first) and everyone else LIBUR."""
    sunday = dt.date(2025, 8, 31)
    rules = local({"id": "duty-picket", "window": {"dates": [sunday.isoformat()]},
                   "employees": {"where": {"service_24h": True}, "missing": {"service_24h": False}},
                   "limit": {"kind": "headcount", "modes": ["onsite"], "min": 1}})
    result = wfrules.plan(wfrules.parse_staff_csv(DKI_STAFF), rules, sunday, sunday)
    assert result.ok
    assert modes(result, sunday) == {"d0": "WFO", "o1": "LIBUR", "d2": "LIBUR", "o3": "LIBUR", "o4": "LIBUR",
                                     "o5": "LIBUR"}


def test_a_missing_attribute_without_a_default_is_located_in_the_staff_list(tmp_path: Path) -> None:
    rules = tmp_path / "strict.yaml"
    rules.write_text("id: strict\nnumber: '1'\ntitle: Strict\nissuer: Kepala\njurisdiction: test\n"
                     "issued: 2025-08-01\nrules:\n  - id: duty-onsite\n"
                     "    employees: {where: {service_24h: true}}\n"
                     "    limit: {kind: forbid, modes: [remote]}\n")
    staff = tmp_path / "staff.csv"
    staff.write_text(DKI_STAFF)
    code, _, err = run(["plan", "--staff", str(staff), "-c", str(rules), "--from", "2025-08-29", "--to",
                        "2025-08-29", "-o", str(tmp_path / "plan.json")])
    assert code == 2
    assert err.startswith(f"error: {staff}:6:")  # o4, whose service_24h cell is blank
    assert "service_24h" in err


def test_cli_plans_under_the_dki_circular_and_the_written_roster_passes(tmp_path: Path) -> None:
    """The JSON roster written carries the units' regions and the attribute the filter reads: it passes check
    when read back. (Written as CSV they are columns: tests/test_roster_write_csv.py.)"""
    staff = tmp_path / "staff.csv"
    staff.write_text(DKI_STAFF)
    target = tmp_path / "plan.json"
    code, out, err = run(["plan", "--staff", str(staff), "-c", DKI.id, "--from", "2025-08-29", "--to",
                          "2025-08-29", "-o", str(target), "--format", "json"])
    assert (code, err) == (0, "")
    assert json.loads(out)["ok"]
    written = wfrules.load_roster(target)
    assert wfrules.check(written, DKI).ok
    assert {a.employee: a.mode.value for a in written.assignments}["d0"] == "WFO"
    code, _, _ = run(["check", str(target), "-c", DKI.id])
    assert code == 0


# ---------------------------------------------------------------------------------------- properties


@st.composite
def duty_staff(draw: st.DrawFn, eligible: tuple[str, ...] = ("true", "true", "false")) -> Staff:
    """Up to three units of up to five staff, each with or without a ``duty`` value, some not eligible."""
    rows = ["employee,unit,sector,tags,remote_eligible,duty"]
    for u in range(draw(st.integers(1, 3))):
        sector = draw(st.sampled_from(SECTOR_CODES))
        tags = draw(st.sampled_from(["", "direct_service", "shift"]))
        for i in range(draw(st.integers(0, 5))):
            may = draw(st.sampled_from(eligible))
            rows.append(f"u{u}-e{i},u{u},{sector},{tags},{may},{draw(st.sampled_from([*VALUES, '']))}")
    if len(rows) == 1:
        rows.append("x,u0,,,,")
    return wfrules.parse_staff_csv("\n".join(rows) + "\n")


def filtered_circulars() -> st.SearchStrategy[Circular]:
    """1-3 random rules (most apply to every unit and date; the others have random windows in April 2024 and
    scopes), at least one with an employee filter (``test_fix_filters``' circulars, validated)."""
    return filtered_circular_dicts().map(Circular.model_validate)


RANGES = st.tuples(st.dates(dt.date(2024, 4, 8), dt.date(2024, 4, 24)), st.integers(0, 6)).map(
    lambda t: (t[0], t[0] + dt.timedelta(days=t[1])))


@settings(max_examples=100, deadline=None)
@given(filtered_circulars(), duty_staff(), RANGES, st.sampled_from(["cap", "none"]))
def test_plan_under_filters_passes_whenever_the_rules_can_be_met(
    circular: Circular, staff: Staff, dates: tuple[dt.date, dt.date], remote: str,
) -> None:
    """plan ⇒ check passes except on the units and days the plan reports infeasible; every staff member is
    covered once on every working day; nobody ineligible is remote; the plan is deterministic."""
    start, end = dates
    result = wfrules.plan(staff, circular, start, end, remote=remote)  # type: ignore[arg-type]
    event("infeasible days" if result.infeasible else "feasible")
    failing = {(v.unit, v.date) for v in result.report.errors}
    assert failing <= {(u, d) for u, d, _ in result.infeasible}
    days = working_days(start, end)
    seen = Counter((a.employee, a.date) for a in result.roster.assignments if a.date in days)
    assert set(seen) == {(e.id, d) for e in staff.employees for d in days}
    assert set(seen.values()) <= {1}
    ineligible = {e.id for e in staff.employees if not staff.eligible(e)}
    assert not [a for a in result.roster.assignments if a.employee in ineligible and a.mode in wfrules.GROUPS["remote"]]
    again = wfrules.plan(staff, circular, start, end, remote=remote)  # type: ignore[arg-type]
    assert again.roster == result.roster


@st.composite
def remote_caps(draw: st.DrawFn) -> Circular:
    """1-3 caps on remote work that apply every day (a share, a head count or a ban), at least one counting only
    the employees an attribute filter keeps: everyone in the office always meets them."""
    limits = st.one_of(
        st.builds(lambda v: {"kind": "share", "modes": ["remote"], "max": v, "of": "listed", "rounding": "down"},
                  st.sampled_from([0.25, 0.5, 0.75])),
        st.builds(lambda n: {"kind": "headcount", "modes": ["remote"], "max": n}, st.integers(0, 3)),
        st.just({"kind": "forbid", "modes": ["remote"]}))
    chosen = draw(st.lists(limits, min_size=1, max_size=3))
    rules = [{"id": f"cap-{i}", "limit": limit} for i, limit in enumerate(chosen)]
    add_filters(draw, rules)
    return Circular.model_validate({"id": "caps", "number": "1", "title": "Caps", "issuer": "Kepala",
                                    "jurisdiction": "test", "issued": "2024-04-01", "rules": rules})


@settings(max_examples=80, deadline=None)
@given(remote_caps(), duty_staff(eligible=("true",)), RANGES)
def test_plan_under_filtered_caps_passes_and_uses_the_quota(circular: Circular, staff: Staff,
                                                             dates: tuple[dt.date, dt.date]) -> None:
    """Caps on remote work, some counting only the employees a filter keeps, everyone eligible: the plan passes
    check and every working day has exactly as many remote as quota (compared with a brute force in
    tests/test_quota_resolved.py) says may be, for the planned roster."""
    start, end = dates
    result = wfrules.plan(staff, circular, start, end)
    assert result.ok, result.report.errors
    assert not result.infeasible
    quotas = wfrules.quota(result.roster, circular)
    unit_of = {e.id: e.unit for e in staff.employees}
    remote = Counter((unit_of[a.employee], a.date) for a in result.roster.assignments
                     if a.mode in wfrules.GROUPS["remote"])
    for entry in quotas.quotas:
        assert remote[entry.unit, entry.date] == entry.max_remote, (entry.unit, entry.date)


@settings(max_examples=50, deadline=None)
@given(remote_caps(), duty_staff(), RANGES, st.data())
def test_every_request_under_filters_is_granted_or_reported(circular: Circular, staff: Staff,
                                                             dates: tuple[dt.date, dt.date], data: Any) -> None:
    """With random requests under filtered caps on remote work (which everyone in the office meets): the plan
    passes, and each request either appears in the roster as asked or is reported as not granted."""
    assert_requests_granted_or_reported(staff, circular, dates, data)
