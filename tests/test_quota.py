"""``wfrules quota``: the most who may be remote and the fewest who must be onsite, per unit and date.

Example tests read like the circular; property tests check the issue's acceptance criteria on random rosters
(the seed circular's numbers) and the consistency of quota with check on random circulars (a roster at
exactly the quota passes, one more remote fails).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wfrules
from tests.comply_helpers import one_unit
from tests.rule_strategies import circular_dicts, roster_dicts
from tests.strategies import KALBAR_DATES, canonical_mode, canonical_sector, rosters
from wfrules import Circular, Mode, Roster
from wfrules._cli import main

KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")
ESSENTIAL = {"health", "security_order", "disaster", "energy", "logistics", "transport_distribution",
             "vital_object", "strategic_project", "construction", "basic_utility"}
TUE, WED, THU = dt.date(2024, 4, 16), dt.date(2024, 4, 17), dt.date(2024, 4, 18)
Json = dict[str, Any]


def only(report: wfrules.QuotaReport) -> wfrules.QuotaEntry:
    (entry,) = report.quotas
    return entry


def circular(*rules: Json) -> Circular:
    return Circular.model_validate({"id": "local", "number": "1/2024", "title": "Local rules", "issuer": "Kepala",
                                    "jurisdiction": "test", "issued": "2024-04-01", "rules": list(rules)})


# ----------------------------------------------------------------------------------- the seed circular


def test_seven_listed_administration_staff_may_have_three_remote() -> None:
    entry = only(wfrules.quota(one_unit(["WFO"] * 7), KALBAR))
    assert (entry.listed, entry.max_remote, entry.min_onsite) == (7, 3, 4)
    assert [r.rule for r in entry.rules] == ["others-wfh-max-50"]


def test_a_hospital_has_no_remote_allowance() -> None:
    entry = only(wfrules.quota(one_unit(["WFO"] * 5 + ["CUTI"], sector="health"), KALBAR))
    # Leave does not count against "WFO 100%": the five working must be onsite, the one on leave may stay away.
    assert (entry.listed, entry.max_remote, entry.min_onsite) == (6, 0, 5)
    assert entry.quota.feasible


def test_direct_service_units_are_fully_present_on_16_april_only() -> None:
    tue = only(wfrules.quota(one_unit(["WFO"] * 6, tags=("direct_service",)), KALBAR))
    wed = only(wfrules.quota(one_unit(["WFO"] * 6, tags=("direct_service",), day=WED), KALBAR))
    assert (tue.max_remote, tue.min_onsite) == (0, 6)
    assert {r.rule for r in tue.rules} == {"direct-service-present-100"}
    assert (wed.max_remote, wed.min_onsite) == (3, 3)


def test_leave_on_16_april_in_a_direct_service_unit_cannot_be_met_and_is_said_so() -> None:
    entry = only(wfrules.quota(one_unit(["WFO"] * 5 + ["SAKIT"], tags=("direct_service",)), KALBAR))
    assert entry.max_remote == 0
    assert not entry.quota.feasible
    assert [r.rule for r in entry.quota.unmet] == ["direct-service-present-100"]


def test_the_cap_is_an_allowance_of_the_rule_not_of_who_is_in() -> None:
    # 10 listed, 6 on leave: the circular still allows floor(10 / 2) = 5 remote; nobody need be onsite.
    entry = only(wfrules.quota(one_unit(["WFO"] * 4 + ["CUTI"] * 6), KALBAR))
    assert (entry.listed, entry.quota.working, entry.max_remote, entry.min_onsite) == (10, 4, 5, 0)


def test_outside_the_window_nothing_is_capped() -> None:
    entry = only(wfrules.quota(one_unit(["WFO", "WFH", "LIBUR"], sector="health", day=THU), KALBAR))
    assert (entry.listed, entry.max_remote, entry.min_onsite, entry.rules) == (2, 2, 0, ())


def test_every_unit_on_every_date_of_the_roster_gets_an_entry() -> None:
    roster = wfrules.load_roster("examples/kalbar-2024/roster-violating.json")
    report = wfrules.quota(roster, [KALBAR])
    assert len(report.quotas) == len(roster.units) * len(roster.dates)
    assert report.entry("dishub", WED).max_remote == 0


# ------------------------------------------------------------------------------ other kinds of limits


def test_the_strictest_rule_wins_across_circulars() -> None:
    local = circular({"id": "at-least-5-onsite", "limit": {"kind": "headcount", "modes": ["onsite"], "min": 5}})
    entry = only(wfrules.quota(one_unit(["WFO"] * 8), [KALBAR, local]))
    assert (entry.max_remote, entry.min_onsite) == (3, 5)
    assert [(r.circular, r.rule) for r in entry.rules] == [("local", "at-least-5-onsite")]
    by_rule = {r.rule: r for r in entry.quota.applicable}
    assert (by_rule["others-wfh-max-50"].max_remote, by_rule["others-wfh-max-50"].min_onsite) == (4, 4)


@pytest.mark.parametrize(
    ("limit", "max_remote", "min_onsite"),
    [
        ({"kind": "forbid", "modes": ["WFH", "WFA"]}, 0, 6),
        ({"kind": "headcount", "modes": ["remote"], "max": 2}, 2, 4),
        ({"kind": "share", "modes": ["onsite"], "min": 0.6, "of": "listed", "rounding": "up"}, 2, 4),
        ({"kind": "share", "modes": ["remote"], "max": 0.5, "of": "working", "rounding": "down"}, 3, 3),
        ({"kind": "share", "modes": ["remote"], "max": 0.25, "of": "staff", "rounding": "nearest"}, 2, 4),
    ],
)
def test_every_limit_kind_goes_through_the_same_machinery(limit: Json, max_remote: int, min_onsite: int) -> None:
    entry = only(wfrules.quota(one_unit(["WFO"] * 6), circular({"id": "r", "limit": limit})))
    assert (entry.max_remote, entry.min_onsite) == (max_remote, min_onsite)


def test_cell_quota_takes_counts_and_rule_pairs() -> None:
    rule = KALBAR.rule("others-wfh-max-50")
    q = wfrules.cell_quota({Mode.WFO: 3, Mode.WFH: 6, Mode.CUTI: 2, Mode.LIBUR: 1}, [(KALBAR, rule)])
    assert (q.listed, q.working, q.max_remote, q.min_onsite) == (11, 9, 5, 4)
    with pytest.raises(wfrules.UsageError):
        wfrules.cell_quota([1, 2], [(KALBAR, rule)])


def test_quota_rejects_what_is_not_a_roster() -> None:
    with pytest.raises(wfrules.UsageError):
        wfrules.quota({"assignments": []}, [KALBAR])  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ CLI


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_cli_json_follows_the_contract() -> None:
    code, out, _ = run(["quota", "examples/kalbar-2024/roster-compliant.json", "-c", "kalbar-se-800-01-2024",
                        "--format", "json"])
    assert code == 0
    data = json.loads(out)
    entry = next(q for q in data["quotas"] if q["unit"] == "diskominfo" and q["date"] == "2024-04-17")
    assert {"unit", "date", "listed", "max_remote", "min_onsite", "rules"} <= set(entry)
    assert (entry["listed"], entry["max_remote"]) == (7, 3)
    assert entry["rules"] == ["others-wfh-max-50"]
    assert entry["binding"][0]["circular"] == "kalbar-se-800-01-2024"


def test_cli_csv_and_text_in_both_languages() -> None:
    code, out, _ = run(["quota", "examples/kalbar-2024/roster-compliant.csv", "-c", "kalbar-se-800-01-2024",
                        "--format", "csv"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("unit,sector,date,listed,working,max_remote,min_onsite")
    assert len(lines) == 1 + 8 * 3
    code, out, _ = run(["quota", "examples/kalbar-2024/roster-compliant.csv", "-c", "kalbar-se-800-01-2024",
                        "--lang", "id"])
    assert code == 0
    assert "maks. WFH" in out
    assert "Selasa, 16 April 2024" in out


def test_cli_bad_input_exits_2() -> None:
    code, _, err = run(["quota", "no-such-roster.json", "-c", "kalbar-se-800-01-2024"])
    assert code == 2
    assert err.startswith("error: no-such-roster.json")


# ---------------------------------------------------------------------------------- properties


@settings(max_examples=40)  # the roster strategy is slow to draw; the oracle below is cheap
@given(rosters(dates=KALBAR_DATES, max_units=4, max_employees=9))
def test_acceptance_seed_quota_on_random_rosters(data: Json) -> None:
    """Issue 5, must show: max_remote = 0 for essential sectors and for direct-service units on 16 April,
    else floor(listed / 2) inside the window; outside it nothing is capped."""
    roster = Roster.model_validate(data)
    report = wfrules.quota(roster, KALBAR)
    units = {u["id"]: u for u in data["units"]}
    unit_of = {e["id"]: e["unit"] for e in data["employees"]}
    listed: dict[tuple[str, str], int] = {}
    for a in data["assignments"]:
        if canonical_mode(a["mode"]) != "LIBUR":
            key = (unit_of[a["employee"]], a["date"])
            listed[key] = listed.get(key, 0) + 1
    assert len(report.quotas) == len(data["units"]) * len({a["date"] for a in data["assignments"]})
    for entry in report.quotas:
        unit = units[entry.unit]
        n = listed.get((entry.unit, entry.date.isoformat()), 0)
        assert entry.listed == n
        essential = canonical_sector(unit.get("sector")) in ESSENTIAL
        direct = "direct_service" in unit.get("tags", []) and entry.date == TUE
        if entry.date not in (TUE, WED):
            expected = n
        elif essential or direct:
            expected = 0
        else:
            expected = math.floor(n / 2)
        assert entry.max_remote == expected, (entry.unit, entry.date, unit)


def _cell_day(data: Json, unit: str, day: dt.date, remote: int) -> Json:
    """The roster with ``remote`` of the unit's people that day remote (WFH) and the rest of those working
    WFO; absences and LIBUR as they are, absentees counted as remote beyond the people working (as the
    README defines the quota)."""
    unit_of = {e["id"]: e["unit"] for e in data["employees"]}
    cell = [i for i, a in enumerate(data["assignments"])
            if unit_of[a["employee"]] == unit and a["date"] == day.isoformat()]
    modes = {i: Mode(canonical_mode(data["assignments"][i]["mode"])) for i in cell}
    working = [i for i in cell if modes[i] in wfrules.GROUPS["working"]]
    absent = sorted((i for i in cell if modes[i] in wfrules.GROUPS["absent"]),
                    key=lambda i: (wfrules.MODES.index(modes[i]), i))
    new: dict[int, str] = {i: ("WFH" if k < remote else "WFO") for k, i in enumerate(working)}
    for i in absent[: max(0, remote - len(working))]:
        new[i] = "WFH"
    return {**data, "assignments": [{**a, "mode": new.get(i, a["mode"])} for i, a in enumerate(data["assignments"])]}


def _cell_violations(data: Json, circulars: list[Circular], unit: str, day: dt.date) -> list[str]:
    report = wfrules.check(Roster.model_validate(data), circulars)
    return [v.rule for v in report.violations if (v.unit, v.date) == (unit, day)]


@settings(max_examples=60)
@given(st.lists(circular_dicts(min_rules=1, max_rules=3), min_size=1, max_size=2, unique_by=lambda c: c["id"]),
       roster_dicts(max_units=2, max_employees=5, nonempty=True))
def test_a_roster_at_the_quota_passes_and_one_more_remote_fails(circulars: list[Json], data: Json) -> None:
    """quota is consistent with check: for every unit and date whose rules can all be met, the day with
    exactly max_remote remote has no violation, and with one more remote (if there is anyone to move) it
    has one."""
    parsed = [Circular.model_validate(c) for c in circulars]
    report = wfrules.quota(Roster.model_validate(data), parsed)
    for entry in report.quotas:
        if not entry.quota.feasible:
            continue
        at = _cell_day(data, entry.unit, entry.date, entry.max_remote)
        assert _cell_violations(at, parsed, entry.unit, entry.date) == [], entry
        if entry.max_remote < entry.listed:
            above = _cell_day(data, entry.unit, entry.date, entry.max_remote + 1)
            assert _cell_violations(above, parsed, entry.unit, entry.date), entry
