"""Acceptance tests for CONTRACT §4: the West Kalimantan circular SE 800/01/Prov/2024.

The oracle below is written from the CONTRACT text only (§1 vocabulary, §4 reading), never from the
engine; property tests compare it with ``wfrules.check`` and with the CLI's JSON report (JSON and CSV
rosters), and example tests mirror the circular's sentences.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import wfrules
from tests.strategies import GROUP_OF, Row, canonical_mode, canonical_sector, rosters, rows_of, to_csv
from wfrules._cli import main

CIRCULAR_ID = "kalbar-se-800-01-2024"
KALBAR = wfrules.load_circular(CIRCULAR_ID)

ESSENTIAL_WFO = "essential-wfo-100"
OTHERS_WFH = "others-wfh-max-50"
PRESENT = "direct-service-present-100"

TUE, WED, THU = "2024-04-16", "2024-04-17", "2024-04-18"

Key = tuple[str, str, str]  # (rule id, unit, ISO date)

# ---------------------------------------------------------------------------------------------------
# The oracle (CONTRACT §4)
# ---------------------------------------------------------------------------------------------------

#: §4 rule 1: the ten essential sectors. `post` is deliberately absent (Kalbar's text does not name it).
ESSENTIAL_SECTORS = frozenset({
    "health", "security_order", "disaster", "energy", "logistics", "transport_distribution",
    "vital_object", "strategic_project", "construction", "basic_utility",
})
WINDOW = frozenset({TUE, WED})  # Tuesday 16 and Wednesday 17 April 2024
PRESENT_DATES = frozenset({TUE})  # rule 3: 16 April only


def _cells(rows: Iterable[Row]) -> tuple[dict[tuple[str, str], list[tuple[str, str]]], dict[str, Row]]:
    """(unit, date) -> [(employee, canonical mode)], and one row per unit for its sector/tags."""
    cells: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    unit_row: dict[str, Row] = {}
    for row in rows:
        cells[row.unit, row.date].append((row.employee, canonical_mode(row.mode)))
        unit_row.setdefault(row.unit, row)
    return cells, unit_row


def oracle_people(rows: Iterable[Row]) -> dict[Key, tuple[int, frozenset[str]]]:
    """Every violation of §4 as {(rule, unit, date): (excess, employees who could change to fix it)}.

    For the caps (rules 1 and 2) those are the remote employees; for rule 3, the listed ones not onsite.
    """
    out: dict[Key, tuple[int, frozenset[str]]] = {}
    cells, unit_row = _cells(rows)
    for (unit, date), people in cells.items():
        if date not in WINDOW:
            continue  # dates outside the window are never violations
        listed = [(e, m) for e, m in people if GROUP_OF[m] != "off"]  # LIBUR is not listed
        n = len(listed)
        remote = frozenset(e for e, m in listed if GROUP_OF[m] == "remote")
        not_onsite = frozenset(e for e, m in listed if GROUP_OF[m] != "onsite")
        sector = canonical_sector(unit_row[unit].sector)
        if sector in ESSENTIAL_SECTORS:
            if remote:  # rule 1: WFO 100%, no one remote
                out[ESSENTIAL_WFO, unit, date] = (len(remote), remote)
        elif len(remote) > n // 2:  # rule 2: at most floor(N / 2) remote
            out[OTHERS_WFH, unit, date] = (len(remote) - n // 2, remote)
        if "direct_service" in unit_row[unit].tags and date in PRESENT_DATES and not_onsite:
            out[PRESENT, unit, date] = (len(not_onsite), not_onsite)  # rule 3: excess = N - onsite
    return out


def oracle(rows: Iterable[Row]) -> dict[Key, int]:
    """Every violation of §4 as {(rule, unit, date): excess}."""
    return {key: excess for key, (excess, _) in oracle_people(rows).items()}


# ---------------------------------------------------------------------------------------------------
# Running wfrules
# ---------------------------------------------------------------------------------------------------


def api_report(roster: Mapping[str, Any]) -> wfrules.Report:
    return wfrules.check(wfrules.Roster.model_validate(roster), [KALBAR])


def api_violations(roster: Mapping[str, Any]) -> dict[Key, int]:
    report = api_report(roster)
    found = {(v.rule, v.unit, v.date.isoformat()): v.excess for v in report.violations}
    assert len(found) == len(report.violations), "one violation per (rule, unit, date)"
    return found


def run_cli(path: Path, *extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(path), "--circular", CIRCULAR_ID, *extra], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def cli_json(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """Run ``wfrules check PATH --format json``; check the report's shape; return (exit code, report)."""
    code, out, err = run_cli(path, "--format", "json", *extra)
    assert code in (0, 1), f"exit {code}: {err}"
    report = json.loads(out)
    assert isinstance(report["ok"], bool)
    assert report["circulars"] == [CIRCULAR_ID]
    assert isinstance(report["summary"], dict)
    assert code == (0 if report["ok"] else 1)
    for v in report["violations"]:
        assert v["rule"] in {ESSENTIAL_WFO, OTHERS_WFH, PRESENT}
        assert v["circular"] == CIRCULAR_ID
        assert v["severity"] == "error"
        assert isinstance(v["citation"], str)
        assert v["citation"]
        assert isinstance(v["message"], str)
        assert v["message"]
        assert isinstance(v["unit"], str)
        assert isinstance(v["date"], str)
        assert type(v["excess"]) is int
        assert v["excess"] >= 1
        assert isinstance(v["employees"], list)
        assert all(isinstance(e, str) for e in v["employees"])
        assert isinstance(v["actual"], dict)
        assert isinstance(v["required"], dict)
    keys = [(v["rule"], v["unit"], v["date"]) for v in report["violations"]]
    assert len(keys) == len(set(keys)), "one violation per (rule, unit, date)"
    return code, report


def report_violations(report: Mapping[str, Any]) -> dict[Key, int]:
    return {(v["rule"], v["unit"], v["date"]): v["excess"] for v in report["violations"]}


def write_roster(directory: Path, roster: Mapping[str, Any], fmt: str) -> Path:
    path = directory / f"roster.{fmt}"
    text = json.dumps(roster, ensure_ascii=False) if fmt == "json" else to_csv(roster)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------
# Property tests: wfrules agrees with the oracle on random rosters
# ---------------------------------------------------------------------------------------------------


@given(rosters())
def test_api_matches_oracle(roster: dict[str, Any]) -> None:
    expected = oracle_people(rows_of(roster))
    report = api_report(roster)
    got = {(v.rule, v.unit, v.date.isoformat()): v for v in report.violations}
    assert len(got) == len(report.violations), "one violation per (rule, unit, date)"
    assert {k: v.excess for k, v in got.items()} == {k: e for k, (e, _) in expected.items()}
    assert report.ok is (not expected)
    for key, violation in got.items():
        assert violation.circular == CIRCULAR_ID
        assert violation.severity == "error"
        assert set(violation.employees) == expected[key][1], key
        assert len(violation.employees) == len(set(violation.employees)), "no employee twice"


@settings(max_examples=40)
@given(roster=rosters())
def test_cli_matches_oracle_json_and_csv(roster: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> None:
    people = oracle_people(rows_of(roster))
    expected = {key: excess for key, (excess, _) in people.items()}
    directory = tmp_path_factory.mktemp("roster")
    # A roster with no assignment at all is valid and has nothing to violate (exit 0); the CLI warns on
    # stderr, in both formats, since an empty export is usually a mistake upstream.
    for fmt in ("json", "csv"):
        code, report = cli_json(write_roster(directory, roster, fmt))
        assert report_violations(report) == expected, fmt
        assert report["ok"] is (not expected), fmt
        assert code == (1 if expected else 0), fmt
        for v in report["violations"]:
            assert set(v["employees"]) == people[v["rule"], v["unit"], v["date"]][1], (fmt, v)
        if not roster["assignments"]:
            _, _, err = run_cli(write_roster(directory, roster, fmt), "--format", "json")
            assert err.startswith("warning: "), fmt
            assert "no assignments" in err, fmt


@given(rosters(dates=[TUE, WED], modes=["WFO", "DL", "WFH", "WFA", "LIBUR"], max_units=3))
def test_api_matches_oracle_working_modes_only(roster: dict[str, Any]) -> None:
    """Rosters of onsite/remote/off modes only: every violation of rules 1 and 2 sits right at a cap."""
    assert api_violations(roster) == oracle(rows_of(roster))


def test_oracle_is_not_vacuous() -> None:
    """The oracle does report what §4 says it should (a guard against comparing two empty sets)."""
    rows = [Row("a", "rs", "kesehatan", ("direct_service",), TUE, "wfh"),
            Row("b", "bkd", "government_administration", (), WED, "WFA"),
            Row("c", "bkd", "government_administration", (), WED, "LIBUR")]
    assert oracle(rows) == {(ESSENTIAL_WFO, "rs", TUE): 1, (PRESENT, "rs", TUE): 1, (OTHERS_WFH, "bkd", WED): 1}


# ---------------------------------------------------------------------------------------------------
# Example tests mirroring the circular's text
# ---------------------------------------------------------------------------------------------------


def one_unit(
    modes: Sequence[str], *, sector: str = "government_administration", tags: Sequence[str] = (),
    date: str = TUE, unit: str = "unit",
) -> dict[str, Any]:
    """A roster of one unit whose employees e1, e2, … have ``modes`` on ``date``."""
    ids = [f"e{i}" for i in range(1, len(modes) + 1)]
    return {
        "units": [{"id": unit, "sector": sector, "tags": list(tags)}],
        "employees": [{"id": e, "unit": unit} for e in ids],
        "assignments": [{"employee": e, "date": date, "mode": m} for e, m in zip(ids, modes, strict=True)],
    }


def test_hospital_nurse_on_wfh_breaks_both_wfo_100_and_present_100() -> None:
    roster = one_unit(["WFO"] * 5 + ["WFH"], sector="health", tags=["direct_service"], unit="rsud")
    assert api_violations(roster) == {(ESSENTIAL_WFO, "rsud", TUE): 1, (PRESENT, "rsud", TUE): 1}
    assert not api_report(roster).ok


@pytest.mark.parametrize("date", [TUE, WED])
@pytest.mark.parametrize(("wfh", "expected_excess"), [(0, None), (3, None), (4, 1), (7, 4)])
def test_seven_listed_administration_staff_may_have_three_remote(
    date: str, wfh: int, expected_excess: int | None,
) -> None:
    roster = one_unit(["WFH"] * wfh + ["WFO"] * (7 - wfh), date=date)
    expected = {} if expected_excess is None else {(OTHERS_WFH, "unit", date): expected_excess}
    assert api_violations(roster) == expected


def test_wfa_counts_as_remote_like_wfh() -> None:
    assert api_violations(one_unit(["WFH", "WFA", "WFO"])) == {(OTHERS_WFH, "unit", TUE): 1}
    assert api_violations(one_unit(["WFA", "WFO"], sector="energy")) == {(ESSENTIAL_WFO, "unit", TUE): 1}


def test_one_person_unit_on_wfh_exceeds_a_cap_of_zero() -> None:
    """N = 1: the cap floor(1 / 2) is 0, so the only employee may not work remotely."""
    assert api_violations(one_unit(["WFH"], sector="education")) == {(OTHERS_WFH, "unit", TUE): 1}
    assert api_violations(one_unit(["WFO"], sector="education")) == {}


@pytest.mark.parametrize("leave", ["CUTI", "CT", "cap", "S", "SAKIT", "I", "TK", "alpa"])
def test_leave_in_essential_sector_does_not_break_wfo_100(leave: str) -> None:
    for date in (TUE, WED):
        roster = one_unit(["WFO", "WFO", leave], sector="health", date=date)
        assert api_violations(roster) == {}


@pytest.mark.parametrize("leave", ["CUTI", "CT", "cap", "S", "SAKIT", "I", "TK", "alpa"])
def test_leave_in_direct_service_unit_breaks_present_100_on_16_april_only(leave: str) -> None:
    tue = one_unit(["WFO", "DL", leave], tags=["direct_service"], date=TUE)
    wed = one_unit(["WFO", "DL", leave], tags=["direct_service"], date=WED)
    assert api_violations(tue) == {(PRESENT, "unit", TUE): 1}
    assert api_violations(wed) == {}


def test_leave_in_essential_direct_service_unit_breaks_only_present_100() -> None:
    roster = one_unit(["WFO", "CT", "SAKIT"], sector="security_order", tags=["direct_service"], unit="satpol")
    assert api_violations(roster) == {(PRESENT, "satpol", TUE): 2}


def test_unit_under_rules_2_and_3_reports_each_on_16_april() -> None:
    roster = one_unit(["WFH"] * 4 + ["WFO"] * 3, tags=["direct_service"], unit="kecamatan")
    assert api_violations(roster) == {(OTHERS_WFH, "kecamatan", TUE): 1, (PRESENT, "kecamatan", TUE): 4}


def test_libur_is_not_listed() -> None:
    """4 WFO + 4 LIBUR + 4 WFH in administration: N = 8, cap 4, fine; one LIBUR more as WFH breaks it."""
    assert api_violations(one_unit(["WFO"] * 4 + ["LIBUR"] * 4 + ["WFH"] * 4)) == {}
    assert api_violations(one_unit(["WFO"] * 4 + ["LIBUR"] * 3 + ["WFH"] * 5)) == {(OTHERS_WFH, "unit", TUE): 1}
    # LIBUR does not count against "100% present" either, nor does a unit entirely off that day.
    assert api_violations(one_unit(["WFO", "off", "L"], sector="health", tags=["direct_service"])) == {}
    assert api_violations(one_unit(["LIBUR"] * 3, sector="health", tags=["direct_service"])) == {}


@pytest.mark.parametrize("dl", ["DL", "dl", "DINAS_LUAR", "dinas_luar"])
def test_dl_counts_as_onsite(dl: str) -> None:
    roster = one_unit([dl, dl, "WFO"], sector="health", tags=["direct_service"])
    assert api_violations(roster) == {}
    # ...and not as remote: 3 DL + 1 WFH in administration is 1 remote of 4.
    assert api_violations(one_unit([dl] * 3 + ["WFH"])) == {}


@pytest.mark.parametrize("date", ["2024-04-15", THU, "2024-04-19", "2025-04-16"])
def test_outside_16_17_april_anything_goes(date: str) -> None:
    everyone_home = one_unit(["WFH"] * 5 + ["CT"], sector="health", tags=["direct_service"], date=date)
    assert api_violations(everyone_home) == {}
    assert api_report(everyone_home).ok
    assert api_violations(one_unit(["WFA"] * 7, date=date)) == {}


@pytest.mark.parametrize(
    ("spelling", "group"),
    [(s, GROUP_OF[canonical_mode(s)]) for s in (
        "WFO", "H", "h", "HADIR", "hadir", "DL", "DINAS_LUAR", "WFH", "wfh", "WFA", "CUTI", "C", "CT", "CB", "CS",
        "CM", "CAP", "CBER", "cltn", "SAKIT", "s", "IZIN", "i", "TK", "A", "ALPA", "alpa", "LIBUR", "OFF", "l",
    )],
)
def test_every_mode_alias_counts_in_its_group(spelling: str, group: str) -> None:
    """One of two employees of an essential direct-service unit on 16 April has mode ``spelling``."""
    roster = one_unit(["WFO", spelling], sector="health", tags=["direct_service"])
    expected = {
        "onsite": {},
        "remote": {(ESSENTIAL_WFO, "unit", TUE): 1, (PRESENT, "unit", TUE): 1},
        "absent": {(PRESENT, "unit", TUE): 1},
        "off": {},
    }[group]
    assert api_violations(roster) == expected


@pytest.mark.parametrize("sector", sorted(canonical_sector(s) for s in (
    "health", "security_order", "disaster", "energy", "logistics", "post", "transport_distribution",
    "vital_object", "strategic_project", "construction", "basic_utility", "government_administration",
    "leadership_support", "education", "other")))
def test_one_of_two_remote_is_essential_only_in_the_ten_named_sectors(sector: str) -> None:
    roster = one_unit(["WFO", "WFH"], sector=sector, date=WED)
    expected = {(ESSENTIAL_WFO, "unit", WED): 1} if sector in ESSENTIAL_SECTORS else {}
    assert api_violations(roster) == expected


def test_post_is_not_essential_in_kalbar() -> None:
    """SE MenPAN-RB 1/2024 lists `post` as 100% WFO; Kalbar's text does not, so the 50% cap applies."""
    assert api_violations(one_unit(["WFO", "WFH"], sector="post")) == {}
    assert api_violations(one_unit(["WFO", "WFH", "WFH"], sector="pos")) == {(OTHERS_WFH, "unit", TUE): 1}


@pytest.mark.parametrize(("spelling", "essential"), [
    ("kesehatan", True), ("keamanan dan ketertiban", True), ("keamanan_dan_ketertiban", True),
    ("transportasi dan distribusi", True), ("utilitas dasar", True),
    ("administrasi pemerintahan", False), ("layanan_dukungan_pimpinan", False), ("pendidikan", False),
])
def test_indonesian_sector_names(spelling: str, essential: bool) -> None:
    roster = one_unit(["WFO", "WFH"], sector=spelling)
    assert api_violations(roster) == ({(ESSENTIAL_WFO, "unit", TUE): 1} if essential else {})


def test_tag_must_be_direct_service_exactly() -> None:
    for tags in ([], ["indirect_service"], ["direct_service_desk", "shift"]):
        assert api_violations(one_unit(["WFO", "CT"], tags=tags)) == {}, tags
    assert api_violations(one_unit(["WFO", "CT"], tags=["shift", "direct_service"])) == {(PRESENT, "unit", TUE): 1}


def test_missing_sector_defaults_to_other() -> None:
    roster = one_unit(["WFO", "WFH", "WFH"])
    del roster["units"][0]["sector"]
    del roster["units"][0]["tags"]
    assert api_violations(roster) == {(OTHERS_WFH, "unit", TUE): 1}


def test_employees_listed_on_a_violation_are_the_ones_who_would_have_to_change() -> None:
    # e1..e4 WFH, e5..e7 WFO in administration: any of the four remote could move to WFO.
    report = api_report(one_unit(["WFH"] * 4 + ["WFO"] * 3))
    (violation,) = report.violations
    assert set(violation.employees) == {"e1", "e2", "e3", "e4"}
    # Hospital: e1 WFH, e2 CT, e3 LIBUR, e4 DL, e5 WFO.
    report = api_report(one_unit(["WFH", "CT", "LIBUR", "DL", "WFO"], sector="health", tags=["direct_service"]))
    people = {v.rule: set(v.employees) for v in report.violations}
    assert people == {ESSENTIAL_WFO: {"e1"}, PRESENT: {"e1", "e2"}}


def test_unlisted_employees_and_other_units_do_not_count() -> None:
    """Employees of the unit without an assignment that date are not listed; other units' staff never count."""
    roster = one_unit(["WFH", "WFO"])
    roster["employees"] += [{"id": "idle1", "unit": "unit"}, {"id": "idle2", "unit": "unit"}]
    roster["units"].append({"id": "other-unit", "sector": "education"})
    roster["employees"] += [{"id": f"o{i}", "unit": "other-unit"} for i in range(5)]
    roster["assignments"] += [{"employee": f"o{i}", "date": TUE, "mode": "WFO"} for i in range(5)]
    roster["assignments"].append({"employee": "e2", "date": WED, "mode": "WFH"})  # another date
    roster["assignments"][0]["mode"] = "WFA"
    roster["assignments"].append({"employee": "idle1", "date": TUE, "mode": "WFH"})
    # unit on 16 April: WFA, WFO, WFH -> N = 3, cap 1, excess 1; on 17 April: WFH alone -> excess 1.
    assert api_violations(roster) == {(OTHERS_WFH, "unit", TUE): 1, (OTHERS_WFH, "unit", WED): 1}


def test_lang_id_prints_indonesian_messages_and_the_same_exit_code(examples: Path) -> None:
    path = examples / "kalbar-2024" / "roster-violating.json"
    code_en, en = cli_json(path, "--lang", "en")
    code_id, id_ = cli_json(path, "--lang", "id")
    assert code_en == code_id == 1
    assert report_violations(en) == report_violations(id_)
    indonesian = re.compile(r"\b(dari|orang|pegawai|pindahkan|tidak|ke|yang)\b")
    for v_en, v_id in zip(en["violations"], id_["violations"], strict=True):
        assert v_en["message"] != v_id["message"]
        assert indonesian.search(v_id["message"]), v_id["message"]
        assert not indonesian.search(v_en["message"]), v_en["message"]
    for lang in ("en", "id"):
        code, out, _ = run_cli(path, "--lang", lang)
        assert code == 1
        assert out.strip()
    _, text_id, _ = run_cli(path, "--lang", "id")
    _, text_en, _ = run_cli(path, "--lang", "en")
    assert text_id != text_en


# ---------------------------------------------------------------------------------------------------
# The example rosters of examples/kalbar-2024/
# ---------------------------------------------------------------------------------------------------

_README_ROW = re.compile(r"^\| `([\w-]+)` \| `([\w-]+)` \| (\d{4}-\d{2}-\d{2}) \| (\d+) \|", re.MULTILINE)


def readme_violations(examples: Path) -> dict[Key, int]:
    """The table "Intended violations in roster-violating.*" of examples/kalbar-2024/README.md."""
    text = (examples / "kalbar-2024" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Intended violations", 1)[1]
    table = {(rule, unit, date): int(excess) for rule, unit, date, excess in _README_ROW.findall(section)}
    assert len(table) == 7, "the README lists 7 deliberate violations"
    return table


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_example_violating_roster(examples: Path, fmt: str) -> None:
    code, report = cli_json(examples / "kalbar-2024" / f"roster-violating.{fmt}")
    assert code == 1
    assert report["ok"] is False
    assert report_violations(report) == readme_violations(examples)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_example_compliant_roster(examples: Path, fmt: str) -> None:
    code, report = cli_json(examples / "kalbar-2024" / f"roster-compliant.{fmt}")
    assert code == 0
    assert report["ok"] is True
    assert report["violations"] == []
    code, _, _ = run_cli(examples / "kalbar-2024" / f"roster-compliant.{fmt}")
    assert code == 0


@pytest.mark.parametrize(("name", "violating"), [("roster-violating", True), ("roster-compliant", False)])
def test_oracle_agrees_with_example_readme(examples: Path, name: str, violating: bool) -> None:
    roster = json.loads((examples / "kalbar-2024" / f"{name}.json").read_text(encoding="utf-8"))
    expected = readme_violations(examples) if violating else {}
    assert oracle(rows_of(roster)) == expected
    assert api_violations(roster) == expected
    assert Counter(v.rule for v in api_report(roster).violations) == Counter(r for r, _, _ in expected)
