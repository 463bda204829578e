"""A roster written as CSV (``plan -o X.csv``, ``fix -o X.csv`` from a JSON roster) is judged as the roster was.

A CSV roster is one row per assignment, so a unit's fields (``region``) and an employee's attributes (what
employee filters read, e.g. DKI's ``service_24h``) are written as columns on their rows; ``check`` reads a
``region`` column as the unit's region and any other column as the assignment's attribute. Before, the writer
dropped both, so a plan written as CSV under DKI's region-scoped rules failed with exit 2 when checked again.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wfrules
from wfrules._cli import main
from wfrules._loaders import parse_roster_csv
from wfrules._roster_write import roster_to_csv

DKI = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025")
FRI = dt.date(2025, 8, 29)
Json = dict[str, Any]

DKI_STAFF = """employee,unit,sector,tags,region,service_24h
d0,damkar,disaster,,31,true
o1,damkar,disaster,,31,false
o2,damkar,disaster,,31,
b0,bappeda-depok,government_administration,,32.76,false
"""


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def verdict(report: wfrules.Report) -> list[tuple[str, str, str, int]]:
    return sorted((v.rule, v.unit, v.date.isoformat(), v.excess) for v in report.violations)


def test_a_csv_plan_under_the_dki_circular_passes_check(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(DKI_STAFF)
    target = tmp_path / "plan.csv"
    code, _, err = run(["plan", "--staff", str(staff), "-c", DKI.id, "--from", "2025-08-29", "--to", "2025-08-29",
                        "-o", str(target)])
    assert (code, err) == (0, "")
    header = target.read_text().splitlines()[0].split(",")
    assert {"region", "service_24h"} <= set(header)
    code, out, err = run(["check", str(target), "-c", DKI.id])
    assert (code, err) == (0, ""), out


def test_unit_and_employee_fields_become_columns_and_read_back_to_the_same_verdict() -> None:
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "damkar", "sector": "disaster", "region": "31"},
                  {"id": "depok", "sector": "government_administration", "region": "32.76"}],
        "employees": [{"id": "d0", "unit": "damkar", "service_24h": True},
                      {"id": "o1", "unit": "damkar", "service_24h": False},
                      {"id": "x1", "unit": "depok"}],
        "assignments": [{"employee": "d0", "date": "2025-08-29", "mode": "WFH"},
                        {"employee": "o1", "date": "2025-08-29", "mode": "WFH"},
                        {"employee": "x1", "date": "2025-08-29", "mode": "WFH", "shift": "pagi"}],
    })
    text = roster_to_csv(roster)
    assert text.splitlines()[0] == "employee,unit,sector,tags,date,mode,region,service_24h,shift"
    assert text.splitlines()[3] == "x1,depok,government_administration,,2025-08-29,WFH,32.76,,pagi"
    before = wfrules.check(roster, DKI)
    assert [tuple(v.employees) for v in before.violations] == [("d0",)]  # the one on duty, in Jakarta only
    assert verdict(wfrules.check(parse_roster_csv(text), DKI)) == verdict(before)


def test_an_assignments_own_value_wins_over_its_employees() -> None:
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "damkar", "sector": "disaster", "region": "31"}],
        "employees": [{"id": "d0", "unit": "damkar", "service_24h": True}],
        "assignments": [{"employee": "d0", "date": "2025-08-28", "mode": "WFH"},
                        {"employee": "d0", "date": "2025-08-29", "mode": "WFH", "service_24h": False}],
    })
    rows = roster_to_csv(roster).splitlines()
    assert rows[1].endswith(",true")
    assert rows[2].endswith(",false")
    assert verdict(wfrules.check(parse_roster_csv(roster_to_csv(roster)), DKI)) == verdict(wfrules.check(roster, DKI))


# ---------------------------------------------------------------------------------------- property

UNITS = [("damkar", "disaster"), ("rsud", "health"), ("bappeda", "government_administration")]
REGIONS = ["31", "31.71", "32.76", "DKI Jakarta", None]
DUTY = [True, False, "ya", "tidak", None]


@st.composite
def dki_rosters(draw: st.DrawFn) -> Json:
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    unit_records = []
    for unit_id, sector in units:
        record: Json = {"id": unit_id, "sector": sector}
        region = draw(st.sampled_from(REGIONS))
        if region is not None:
            record["region"] = region
        unit_records.append(record)
    employees, assignments = [], []
    for i in range(draw(st.integers(1, 8))):
        employee: Json = {"id": f"e{i}", "unit": draw(st.sampled_from(units))[0]}
        duty = draw(st.sampled_from(DUTY))
        if duty is not None:
            employee["service_24h"] = duty
        employees.append(employee)
        for day in draw(st.lists(st.sampled_from(["2025-08-28", "2025-08-29"]), unique=True)):
            assignment: Json = {"employee": employee["id"], "date": day,
                                "mode": draw(st.sampled_from(["WFO", "WFH", "CUTI", "DL"]))}
            own = draw(st.sampled_from([*DUTY, None]))
            if own is not None:
                assignment["service_24h"] = own
            assignments.append(assignment)
    if not assignments:
        assignments.append({"employee": "e0", "date": "2025-08-29", "mode": "WFH"})
    # A CSV roster has no place for a unit or an employee without an assignment (the writer's docstring).
    listed = {a["employee"] for a in assignments}
    employees = [e for e in employees if e["id"] in listed]
    shown = {e["unit"] for e in employees}
    return {"units": [u for u in unit_records if u["id"] in shown], "employees": employees,
            "assignments": assignments}


def outcome(roster: wfrules.Roster) -> object:
    """The verdict with the people of each violation, or the kind of input error (a unit with no region)."""
    try:
        report = wfrules.check(roster, DKI)
    except wfrules.WfrulesError as exc:
        return type(exc).__name__
    return verdict(report), sorted(tuple(v.employees) for v in report.violations)


@settings(max_examples=150, deadline=None)
@given(dki_rosters())
def test_a_roster_written_as_csv_gets_the_verdict_of_the_roster(data: Json) -> None:
    roster = wfrules.Roster.model_validate(data)
    assert outcome(parse_roster_csv(roster_to_csv(roster))) == outcome(roster)


def test_a_field_the_csv_reader_would_take_for_its_own_column_is_refused(tmp_path: Path) -> None:
    """``status`` reads back as ``mode``: the CSV would not load (or would mean something else), so the writer
    says so and points at JSON instead of writing it."""
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "u", "sector": "health", "status": "aktif"}],
        "employees": [{"id": "e", "unit": "u"}],
        "assignments": [{"employee": "e", "date": "2024-04-16", "mode": "WFO"}],
    })
    with pytest.raises(wfrules.UsageError) as caught:
        roster_to_csv(roster, "out.csv")
    message = str(caught.value)
    assert message.startswith("out.csv: the extra field 'status' would be read back as the CSV column 'mode'")
    assert "JSON" in message
    twice = wfrules.Roster.model_validate({
        "units": [{"id": "u", "sector": "health", "Shift": "a"}],
        "employees": [{"id": "e", "unit": "u", "shift": "b"}],
        "assignments": [{"employee": "e", "date": "2024-04-16", "mode": "WFO"}],
    })
    with pytest.raises(wfrules.UsageError, match="'Shift' and 'shift' would be read back as one"):
        roster_to_csv(twice)
    nameless = wfrules.Roster.model_validate({
        "units": [{"id": "u", "sector": "health"}],
        "employees": [{"id": "e", "unit": "u"}],
        "assignments": [{"employee": "e", "date": "2024-04-16", "mode": "WFO", " - ": "x"}],
    })
    with pytest.raises(wfrules.UsageError, match="the extra field ' - ' has no name a CSV column can carry"):
        roster_to_csv(nameless)
    source = tmp_path / "roster.json"
    source.write_text(roster.model_dump_json())
    target = tmp_path / "fixed.csv"
    code, _, err = run(["fix", str(source), "-c", "kalbar-se-800-01-2024", "-o", str(target)])
    assert code == 2
    assert err.startswith(f"error: {target}: the extra field 'status'")
    assert not target.exists()
