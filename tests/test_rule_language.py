"""The rule language beyond the seed, one construct at a time, in the words of real circulars:
holiday-relative windows, recurrences that skip holidays, several windows, region scopes, context
tables, amendments and revocations, per-employee conditions. Every rule here is plain data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import wfrules
from wfrules import Circular, ContextTable, Roster, check
from wfrules._calendar import holidays_of
from wfrules._context import ContextError, parse_context_csv
from wfrules._errors import CircularError, RosterError, UsageError
from wfrules._loaders import parse_circular

Json = dict[str, Any]


def circular(rules: list[Json], cid: str = "demo", **extra: Any) -> Circular:
    return Circular.model_validate({"id": cid, "number": "1/2024", "title": "Demo", "issuer": "Demo",
                                    "jurisdiction": "demo", "issued": "2024-01-01", "rules": rules, **extra})


def roster(units: list[Json], plan: dict[str, dict[str, str]], employees: dict[str, Json] | None = None) -> Roster:
    """``plan``: unit id -> date -> one mode letter per employee (O=WFO, H=WFH, C=CUTI, L=LIBUR, D=DL)."""
    codes = {"O": "WFO", "H": "WFH", "C": "CUTI", "L": "LIBUR", "D": "DL", "A": "WFA"}
    people: list[Json] = []
    assignments: list[Json] = []
    for unit in units:
        days = plan[unit["id"]]
        width = len(next(iter(days.values())))
        people += [{"id": f"{unit['id']}-{i}", "unit": unit["id"], **(employees or {}).get(f"{unit['id']}-{i}", {})}
                   for i in range(width)]
        for day, letters in days.items():
            assignments += [{"employee": f"{unit['id']}-{i}", "date": day, "mode": codes[m]}
                            for i, m in enumerate(letters)]
    return Roster.model_validate({"units": units, "employees": people, "assignments": assignments})


NO_REMOTE = {"kind": "share", "modes": ["remote"], "max": 0, "of": "listed"}


# ------------------------------------------------------------------------------------- calendar windows


def test_the_2_working_days_after_the_idul_fitri_1445_cuti_bersama_are_16_and_17_april_2024() -> None:
    days = holidays_of(2024)
    # The holidays package's data: Idul Fitri 10-11 April, cuti bersama 8, 9, 12 and 15 April 2024.
    assert {dt.date(2024, 4, d) for d in (8, 9, 10, 11, 12, 15)} <= set(days)
    window = wfrules.Window.model_validate(
        {"holidays": [{"holiday": "Idul Fitri", "year": 2024, "working_days_after": 2}]})
    assert window.dates_between(dt.date(2024, 4, 1), dt.date(2024, 4, 30)) == [dt.date(2024, 4, 16),
                                                                               dt.date(2024, 4, 17)]


def test_the_2_working_days_before_nyepi_and_3_after_idul_fitri_2026_in_one_window() -> None:
    window = wfrules.Window.model_validate({"holidays": [
        {"holiday": "nyepi", "year": 2026, "working_days_before": 2},
        {"holiday": "lebaran", "year": 2026, "working_days_after": 3}]})
    assert [d.day for d in window.dates_between(dt.date(2026, 3, 1), dt.date(2026, 3, 31))] == [16, 17, 25, 26, 27]


def test_every_thursday_of_2026_skips_public_holidays_only_when_the_rule_says_so() -> None:
    every = {"recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "2026-01-01", "until": "2026-12-31"}]}
    plain = wfrules.Window.model_validate(every).dates_between(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    skipping = wfrules.Window.model_validate({**every, "skip_holidays": True}).dates_between(
        dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert len(plain) == 53
    assert all(d.weekday() == 3 for d in plain)
    holidays = set(holidays_of(2026))
    assert skipping == [d for d in plain if d not in holidays]
    # New Year, Nyepi, Ascension, the Idul Adha cuti bersama and the Christmas cuti bersama fall on Thursdays.
    assert sorted(set(plain) - set(skipping)) == [dt.date(2026, 1, 1), dt.date(2026, 3, 19), dt.date(2026, 5, 14),
                                                  dt.date(2026, 5, 28), dt.date(2026, 12, 24)]


def test_working_days_from_to_skip_weekends_holidays_and_cuti_bersama() -> None:
    window = wfrules.Window.model_validate({"ranges": [{"from": "2024-04-05", "to": "2024-04-19"}],
                                           "working_days_only": True})
    assert [d.day for d in window.dates_between(dt.date(2024, 4, 1), dt.date(2024, 4, 30))] == [5, 16, 17, 18, 19]


def test_a_list_of_windows_is_their_union_each_with_its_own_filters() -> None:
    rule = wfrules.Rule.model_validate({"id": "r", "limit": NO_REMOTE, "window": [
        {"ranges": [{"from": "2024-04-01", "to": "2024-04-07"}], "weekdays": ["mon"]},
        {"dates": ["2024-04-17"]}]})
    assert [d for d in (dt.date(2024, 4, 1), dt.date(2024, 4, 2), dt.date(2024, 4, 17)) if rule.applies_on(d)] == [
        dt.date(2024, 4, 1), dt.date(2024, 4, 17)]


@pytest.mark.parametrize(("holiday", "message"), [
    ({"holiday": "idul fitri", "year": 2024}, "working_days_after"),
    ({"holiday": "hari buruh", "year": 2024, "working_days_after": 1}, "unknown holiday"),
    ({"holiday": "nyepi", "year": 1960, "working_days_after": 1}, "has no 'Day of Silence' in 1960"),
])
def test_holiday_windows_that_cannot_be_resolved_are_located_errors(holiday: Json, message: str) -> None:
    text = f"""id: demo
number: "1"
title: t
issuer: i
jurisdiction: j
issued: 2024-01-01
rules:
  - id: r
    window:
      holidays:
        - {holiday!r}
    limit: {{kind: forbid, modes: [remote]}}
""".replace("'", '"')
    with pytest.raises(CircularError) as caught:
        parse_circular(text, "demo.yaml")
    assert message in str(caught.value)
    assert caught.value.line is not None
    assert caught.value.line >= 11


# --------------------------------------------------------------------------------------- regions


def test_a_region_scope_takes_a_province_and_everything_inside_it_and_named_groups() -> None:
    units = [{"id": "jkt-pusat", "region": "31.71"}, {"id": "dki", "region": "DKI Jakarta"},
             {"id": "bandung", "region": "3273"}, {"id": "pontianak", "region": "61.71"}]
    plan = {u["id"]: {"2025-08-29": "OH"} for u in units}
    in_jakarta = circular([{"id": "r", "scope": {"regions": ["Jakarta"]}, "limit": NO_REMOTE}])
    outside = circular([{"id": "r", "scope": {"not": {"regions": ["java-bali"]}}, "limit": NO_REMOTE}])
    assert [v.unit for v in check(roster(units, plan), in_jakarta).violations] == ["jkt-pusat", "dki"]
    assert [v.unit for v in check(roster(units, plan), outside).violations] == ["pontianak"]


def test_a_unit_without_region_under_a_region_scope_is_an_input_error() -> None:
    units = [{"id": "bkd"}]
    rule = circular([{"id": "r", "scope": {"regions": ["31"]}, "limit": NO_REMOTE}])
    with pytest.raises(RosterError, match="unit 'bkd' has no region"):
        check(roster(units, {"bkd": {"2025-08-29": "O"}}), rule)


def test_a_named_regency_cannot_be_placed_in_a_province_and_says_so() -> None:
    units = [{"id": "bogor", "region": "Kota Bogor"}]
    rule = circular([{"id": "r", "scope": {"regions": ["Jawa Barat"]}, "limit": NO_REMOTE}])
    with pytest.raises(RosterError, match="no known province; write its Kemendagri code"):
        check(roster(units, {"bogor": {"2025-08-29": "O"}}), rule)


def test_csv_rows_of_one_unit_must_agree_on_its_region(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("employee,unit,date,mode,region\ne1,bkd,2025-08-29,WFO,31\ne2,bkd,2025-08-29,WFH,32\n")
    rule = circular([{"id": "r", "scope": {"regions": ["31"]}, "limit": NO_REMOTE}])
    with pytest.raises(RosterError) as caught:
        check(wfrules.load_roster(path), rule)
    assert caught.value.line == 3
    assert "one region" in str(caught.value)


# ----------------------------------------------------------------------------------------- context


LEVELS = "region,from,to,ppkm_level\n32,2021-11-15,2021-11-21,3\n32.73,2021-11-15,2021-11-21,1\n"


def test_a_rule_applies_where_the_regions_level_that_date_is_listed() -> None:
    units = [{"id": "bandung", "region": "32.73"}, {"id": "bekasi", "region": "32.16"}]
    plan = {"bandung": {"2021-11-16": "OOOH"}, "bekasi": {"2021-11-16": "OOOH"}}
    rules = circular([
        {"id": "l1", "context": {"ppkm_level": 1}, "limit": {"kind": "share", "modes": ["WFO"], "max": "50%",
                                                            "of": "listed", "rounding": "down"}},
        {"id": "l3", "context": {"ppkm_level": [3, 4]}, "limit": {"kind": "share", "modes": ["WFO"], "max": "25%",
                                                                  "of": "listed", "rounding": "down"}},
    ])
    report = check(roster(units, plan), rules, context=parse_context_csv(LEVELS, "levels.csv"))
    # Bandung has its own row (level 1); Bekasi takes its province's row (level 3).
    found = [(v.unit, v.rule, v.required["max"]) for v in report.violations]
    assert found == [("bandung", "l1", 2), ("bekasi", "l3", 1)]


def test_a_missing_context_value_is_an_error_located_in_the_context_file() -> None:
    units = [{"id": "pontianak", "region": "61.71"}]
    rules = circular([{"id": "l1", "context": {"ppkm_level": 1}, "limit": NO_REMOTE}])
    with pytest.raises(ContextError) as caught:
        check(roster(units, {"pontianak": {"2021-11-16": "O"}}), rules,
              context=parse_context_csv(LEVELS, "levels.csv"))
    assert caught.value.path == "levels.csv"
    assert "no ppkm_level for region 61.71 on 2021-11-16" in str(caught.value)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("region,from,to\n31,2021-11-15,2021-11-21\n", 1, "no variable column"),
    ("region,start,ppkm_level\n31,2021-11-15,2\n", 1, "missing column(s) to"),
    ("region,from,to,ppkm_level\n31,2021-11-15,2021-11-21,2\n31,2021-11-20,2021-11-27,3\n", 3, "must not overlap"),
    ("wilayah,mulai,sampai,ppkm_level\n31,2021-11-15,15/11/2021,2\n", 2, "to: expected a date"),
    ("region,from,to,ppkm_level\n31,2021-11-21,2021-11-15,2\n", 2, "ends (2021-11-15) before it starts"),
    ("region,from,to,ppkm_level\n,2021-11-15,2021-11-21,2\n", 2, "empty region"),
])
def test_context_file_errors_are_located(text: str, line: int, message: str) -> None:
    with pytest.raises(ContextError) as caught:
        parse_context_csv(text, "levels.csv")
    assert caught.value.line == line
    assert message in str(caught.value)


def test_the_cli_reports_a_broken_context_file_with_its_location(tmp_path: Path) -> None:
    import io

    from wfrules._cli import main

    levels = tmp_path / "levels.csv"
    levels.write_text("region,from,to,ppkm_level\n31,2021-11-21,2021-11-15,2\n")
    examples = Path(__file__).resolve().parent.parent / "examples" / "menpanrb-se-25-2021"
    err = io.StringIO()
    code = main(["check", str(examples / "roster.json"), "-c", "menpanrb-se-25-2021", "--context", str(levels)],
                stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert f"error: {levels}:2:" in err.getvalue()


# -------------------------------------------------------------------------------- amendments


def test_an_amendment_to_an_unknown_rule_is_a_usage_error_naming_the_rules() -> None:
    base = circular([{"id": "cap", "limit": NO_REMOTE}], "base")
    amending = circular([], "amending", amends=[{"circular": "base", "rule": "kap", "from": "2024-01-01",
                                                 "limit": NO_REMOTE}])
    with pytest.raises(UsageError, match="has no rule 'kap'"):
        check(roster([{"id": "u"}], {"u": {"2024-04-16": "O"}}), [base, amending])


def test_a_circular_cannot_amend_itself() -> None:
    with pytest.raises(ValueError, match="cannot amend or revoke its own rules"):
        circular([{"id": "cap", "limit": NO_REMOTE}], "base",
                 revokes=[{"circular": "base", "from": "2024-01-01"}])


def test_an_amendment_without_the_amended_circular_changes_nothing() -> None:
    amending = wfrules.load_circular("menpanrb-se-05-2022")
    assert wfrules.Resolver([amending]).has_versions(amending, amending.rules[0]) is False
    report = check(roster([{"id": "u"}], {"u": {"2024-04-16": "O"}}), [amending])
    assert report.summary["amended_circulars_not_checked"] == ["menpanrb-se-25-2021"]


# ------------------------------------------------------------------------------- employees


def test_employees_who_may_not_work_remotely_must_be_onsite() -> None:
    units = [{"id": "bkd"}]
    plan = {"bkd": {"2024-04-16": "HHOC"}}
    attrs = {"bkd-0": {"remote_eligible": False}, "bkd-1": {"remote_eligible": True},
             "bkd-2": {"remote_eligible": "tidak"}, "bkd-3": {"remote_eligible": "tidak"}}
    rule = circular([{"id": "ineligible-onsite", "employees": {"where": {"remote_eligible": False}},
                      "limit": NO_REMOTE}])
    (violation,) = check(roster(units, plan, attrs), rule).violations
    assert violation.employees == ("bkd-0",)
    assert violation.actual["denominator"] == 3  # bkd-0, bkd-2, bkd-3: the ineligible staff listed that day


def test_shift_staff_are_left_out_of_the_denominator() -> None:
    units = [{"id": "rsud"}]
    plan = {"rsud": {"2024-04-16": "HHHOOOLL"}}
    attrs = {f"rsud-{i}": {"shift": i >= 4} for i in range(8)}
    half = {"kind": "share", "modes": ["remote"], "max": "50%", "of": "staff", "rounding": "down"}
    everyone = circular([{"id": "r", "limit": half}])
    day_staff = circular([{"id": "r", "employees": {"unless": {"shift": True}}, "limit": half}])
    assert check(roster(units, plan, attrs), everyone).ok  # 3 remote of 8 staff: cap 4
    (violation,) = check(roster(units, plan, attrs), day_staff).violations  # 3 of the 4 non-shift staff: cap 2
    assert (violation.required["max"], violation.excess, violation.actual["denominator"]) == (2, 1, 4)


def test_a_missing_attribute_is_an_input_error_at_the_assignments_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("employee,unit,date,mode,remote_eligible\ne1,bkd,2024-04-16,WFO,ya\ne2,bkd,2024-04-16,WFH,\n")
    rule = circular([{"id": "r", "employees": {"where": {"remote_eligible": False}}, "limit": NO_REMOTE}])
    with pytest.raises(RosterError) as caught:
        check(wfrules.load_roster(path), rule)
    assert caught.value.line == 3
    assert "has no attribute 'remote_eligible'" in str(caught.value)
    with_default = circular([{"id": "r", "employees": {"where": {"remote_eligible": False},
                                                       "missing": {"remote_eligible": True}}, "limit": NO_REMOTE}])
    assert check(wfrules.load_roster(path), with_default).ok


def test_resolution_gives_the_concrete_rules_in_force_for_a_unit_and_date() -> None:
    ppkm = wfrules.load_circular("menpanrb-se-25-2021")
    levels = ContextTable.from_rows([{"region": "61.71", "from": "2021-11-15", "to": "2021-11-21", "ppkm_level": 2,
                                      "zone": "kuning"}])
    unit = wfrules.Unit(id="kominfo", sector="other", region="61.71")
    found = wfrules.rules_in_force([ppkm], unit, dt.date(2021, 11, 16), context=levels)
    assert [(f.circular.id, f.rule.id, f.rule.limit.max, f.amended_by) for f in found] == [
        ("menpanrb-se-25-2021", "nonessential-outside-l1-l2-yellow-orange", 0.5, None)]
    assert wfrules.rules_in_force([ppkm], unit, dt.date(2023, 1, 2), context=levels) == []


def test_rules_and_circulars_with_the_new_fields_stay_hashable_and_equal_after_a_round_trip() -> None:
    for circular_id in ("menpanrb-se-25-2021", "menpanrb-se-05-2022", "pemprov-dki-bkd-se-e-0021-2025"):
        original = wfrules.load_circular(circular_id)
        again = parse_circular(wfrules.dump_circular(original), f"{circular_id}.yaml")
        assert again == original
        assert hash(again) == hash(original)
        assert len({*original.rules, *again.rules}) == len(original.rules)
