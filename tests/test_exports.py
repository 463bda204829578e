"""Real HR exports read like the ISO form, and the streamed CSV path agrees with the validating parser.

* An Indonesian Excel export of the Kalbar example (``;``, BOM, CRLF, ``16/04/2024``, ``h``/``c``, Indonesian
  headers and sector names) gets exactly the same JSON report as the ISO roster.
* Any roster, exported in any style (tests/export_styles.py), loads to the same roster as its ISO CSV.
* ``load_roster(file)`` (streamed, counted while read, rows read only when asked for) and
  ``parse_roster_csv(text)`` (the validating parser) accept the same files, raise the same problems, and give
  the same verdicts, with or without the per-row records (the second-pass path).
"""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wfrules
from tests.export_styles import EXCEL_ID, ISO, Style, export, styles
from tests.strategies import rosters, to_csv
from wfrules import RosterError, WfrulesError
from wfrules._cli import main
from wfrules._engine import tally
from wfrules._stream import scan_csv

KALBAR = "kalbar-se-800-01-2024"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-violating.json"
SECTORS_ID = {"health": "kesehatan", "security_order": "keamanan dan ketertiban", "disaster": "penanganan bencana",
              "energy": "energi", "logistics": "logistik", "transport_distribution": "transportasi dan distribusi",
              "basic_utility": "utilitas dasar", "government_administration": "administrasi pemerintahan",
              "leadership_support": "layanan dukungan pimpinan", "education": "pendidikan", "other": "lainnya"}
LOWER_ALIASES = {"WFO": "h", "CUTI": "c", "CT": "c", "SAKIT": "s", "IZIN": "i", "LIBUR": "l"}
# These write files and check them: a quarter of the profile's examples (25 by default, 2,500 with ``fuzz``).
FILE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
                         max_examples=max(10, settings.default.max_examples // 4))
CIRCULAR = wfrules.load_circular(KALBAR)


def run_cli(args: list[str | Path]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def dump(roster: wfrules.Roster) -> dict[str, Any]:
    return roster.model_dump(mode="json")


def report_of(roster: wfrules.Roster, *, where: bool = True) -> dict[str, Any]:
    """The JSON report; ``where=False`` leaves out where violations point (the file name and its lines)."""
    report = wfrules.check(roster, [CIRCULAR]).to_json_dict()
    if not where:
        report["violations"] = [{k: v for k, v in item.items() if k not in ("file", "lines")}
                                for item in report["violations"]]
    return report


# ------------------------------------------------------------------------------- the Excel export


def excel_version(data: dict[str, Any]) -> dict[str, Any]:
    """The example roster as HR would key it: attendance aliases in lower case (h, c, s, i, l)."""
    return {**data, "assignments": [{**a, "mode": LOWER_ALIASES.get(a["mode"], a["mode"]).lower()}
                                    for a in data["assignments"]]}


def test_an_indonesian_excel_export_gets_the_same_verdict_as_the_iso_roster(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    iso = tmp_path / "roster-iso.csv"
    iso.write_bytes(export(data, ISO))
    excel = tmp_path / "roster-excel.csv"
    excel.write_bytes(export(excel_version(data), EXCEL_ID, sector_names=SECTORS_ID))
    raw = excel.read_bytes()
    # It is the export the issue describes.
    assert raw.startswith(b"\xef\xbb\xbfNIP;Unit Kerja;Sektor;tags;Tanggal;Status\r\n")
    assert b";16/04/2024;h\r\n" in raw
    assert b";c\r\n" in raw
    assert b";kesehatan;" in raw
    assert b";layanan dukungan pimpinan;" in raw
    assert b"2024-04-16" not in raw

    code_iso, out_iso, err_iso = run_cli(["check", iso, "--circular", KALBAR, "--format", "json"])
    code_excel, out_excel, err_excel = run_cli(["check", excel, "--circular", KALBAR, "--format", "json"])
    assert (err_iso, err_excel) == ("", "")
    assert code_iso == code_excel == 1
    assert verdicts(out_excel) == verdicts(out_iso)
    assert json.loads(out_iso)["violations"]  # the example breaks the circular: the verdicts are not trivial
    # … and the same as the normalised JSON roster it was made from.
    _, out_json, _ = run_cli(["check", EXAMPLE, "--circular", KALBAR, "--format", "json"])
    assert verdicts(out_json) == verdicts(out_iso)
    # Through the library: the same roster, apart from the leave alias kept as leave_type (c, not CT).
    loaded = wfrules.load_roster(excel)
    assert report_of(loaded, where=False) == report_of(wfrules.load_roster(iso), where=False)
    assert [a.date for a in loaded.assignments] == [a.date for a in wfrules.load_roster(iso).assignments]


# ---------------------------------------------------------------------------------- every style


@FILE_SETTINGS
@given(data=rosters(max_units=4, max_employees=6), style=styles)
def test_any_export_style_loads_to_the_same_roster_as_the_iso_csv(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], style: Style
) -> None:
    folder = tmp_path_factory.mktemp("styles")
    iso = folder / "iso.csv"
    iso.write_bytes(export(data, ISO))
    styled = folder / "styled.csv"
    styled.write_bytes(export(data, style))
    expected = dump(wfrules.load_roster(iso))
    assert dump(wfrules.load_roster(styled)) == expected
    text = styled.read_bytes().decode("utf-16" if style.encoding == "utf-16" else style.encoding)
    assert dump(wfrules.parse_roster_csv(text, "styled.csv")) == expected
    if style.encoding != "utf-8":  # and an explicit --encoding reads it too
        assert dump(wfrules.load_roster(styled, encoding=style.encoding)) == expected


# ------------------------------------------------------------------- the streamed path = the parser


@FILE_SETTINGS
@given(data=rosters(max_units=5, max_employees=8), budget=st.sampled_from([0, 1, 10**9]))
def test_the_streamed_roster_gives_the_verdict_of_the_parsed_one(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], budget: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path_factory.mktemp("stream") / "roster.csv"
    text = to_csv(data)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("wfrules._stream.ENTRY_BUDGET", budget)
    parsed = wfrules.parse_roster_csv(text, str(path))
    streamed = wfrules.load_roster(path)
    assert report_of(streamed) == report_of(parsed)
    # The full tally too (cells, counts, who is in each cell with the assignment's index), and the lines.
    assert replace(tally(wfrules.load_roster(path)), line_of=None) == replace(tally(parsed), line_of=None)
    assert [streamed.line_of(i) for i in range(len(parsed.assignments))] == \
        [parsed.line_of(i) for i in range(len(parsed.assignments))]
    assert len(streamed.assignments) == len(parsed.assignments)
    assert dump(streamed) == dump(parsed)


def test_a_streamed_roster_reads_its_rows_only_when_asked(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "roster.csv"
    path.write_bytes(export(data, ISO))
    roster = wfrules.load_roster(path)
    scan = roster._stream
    assert scan is not None
    assert len(roster.assignments) == len(data["assignments"])  # known from the scan
    assert bool(roster.employees)
    report = report_of(roster)
    assert scan._materialized is None  # checking it read no row into an object
    assert roster.assignments[0].employee == data["assignments"][0]["employee"]  # now it does
    assert scan._materialized is not None
    assert report_of(roster) == report
    eager = wfrules.parse_roster_csv(path.read_text(encoding="utf-8"), str(path))
    assert roster.assignments == eager.assignments
    assert roster.employees == eager.employees
    assert pickle.loads(pickle.dumps(roster)).assignments == eager.assignments
    assert roster.model_dump_json() == eager.model_dump_json()
    assert roster.dates == eager.dates
    assert roster.staff_counts == eager.staff_counts


def test_a_streamed_roster_whose_file_changed_says_so(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode\ne1,u1,2024-04-16,WFO\n", encoding="utf-8")
    roster = wfrules.load_roster(path)
    path.write_text("employee,unit,date,mode\ne1,u1,2024-04-16,WFH\ne2,u1,2024-04-16,WFH\n", encoding="utf-8")
    with pytest.raises(RosterError, match="changed"):
        list(roster.assignments)


def test_a_changed_copy_is_counted_from_its_own_rows(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode\ne1,u1,2024-04-16,WFH\ne2,u1,2024-04-16,WFH\n", encoding="utf-8")
    roster = wfrules.load_roster(path)
    assert not wfrules.check(roster, wfrules.load_circular(KALBAR)).ok
    changed = roster.model_copy(update={"assignments": tuple(
        a.model_copy(update={"mode": wfrules.Mode.WFO}) for a in roster.assignments)})
    assert wfrules.check(changed, wfrules.load_circular(KALBAR)).ok


def test_the_scan_keeps_no_row_past_its_budget(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    rows = "".join(f"e{i},u{i % 3},2024-04-16,WFH\n" for i in range(100))
    path.write_text("employee,unit,date,mode\n" + rows, encoding="utf-8")
    kept = scan_csv(path, "utf-8")
    assert kept is not None
    assert kept.buffered
    assert len(kept.row_employee) == 100
    dropped = scan_csv(path, "utf-8", budget=10)
    assert dropped is not None
    assert not dropped.buffered
    assert len(dropped.row_employee) == 0
    assert len(dropped.employee_ids) == 100


# ----------------------------------------------------------------------------- encodings and sizes


def test_windows_1252_is_detected_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("nip;nama;opd;tanggal;status\r\n1988;Peña Ñoño;Dinkes;16/04/2024;H\r\n".encode("cp1252"))
    roster = wfrules.load_roster(path)
    assert roster.employees[0].name == "Peña Ñoño"
    assert roster.assignments[0].mode is wfrules.Mode.WFO


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("nip\topd\ttanggal\tstatus\r\n1988\tDinkes\t16 April 2024\tc\r\n".encode("utf-16"))
    roster = wfrules.load_roster(path)
    assert (roster.assignments[0].mode, roster.assignments[0].leave_type) == (wfrules.Mode.CUTI, "C")


def test_a_wrong_explicit_encoding_is_located(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("employee,unit,date,mode\ne1,Dinas Peña,2024-04-16,WFO\n".encode("cp1252"))
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path, encoding="utf-8")
    assert (info.value.line, info.value.column) == (2, 12)
    assert "not utf-8 text" in info.value.message
    code, out, err = run_cli(["check", path, "--circular", KALBAR, "--encoding", "utf-8"])
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {path}:2:12: the file is not utf-8 text")
    assert wfrules.load_roster(path, encoding="cp1252").units[0].id == "Dinas Peña"


def test_bytes_no_encoding_fits_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"employee,unit,date,mode\ne1,u\x81,2024-04-16,WFO\n")  # 0x81: invalid in both
    with pytest.raises(RosterError, match="not UTF-8 or Windows-1252 text") as info:
        wfrules.load_roster(path)
    assert info.value.line == 2


def test_an_unknown_encoding_is_a_usage_error() -> None:
    with pytest.raises(wfrules.UsageError, match="unknown text encoding"):
        wfrules.load_roster(EXAMPLE, encoding="klingon")


@pytest.mark.parametrize("name", ["roster.csv", "roster.json"])
def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("employee,unit,date,mode\n" + "e1,u1,2024-04-16,WFO\n" * 100, encoding="utf-8")
    with pytest.raises(RosterError, match="over the limit of 1 KiB") as info:
        wfrules.load_roster(path, max_bytes=1024)
    assert "--max-file-size" in (info.value.hint or "")
    code, out, err = run_cli(["check", path, "--circular", KALBAR, "--max-file-size", "1K"])
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {path}: the file is 2.1 KiB, over the limit of 1 KiB")
    code, _, err = run_cli(["check", path, "--circular", KALBAR, "--max-file-size", "lots"])
    assert code == 2
    assert "not a size" in err


def test_rule_files_have_a_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("# " + "x" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(wfrules.CircularError, match="over the limit"):
        wfrules._loaders.load_circular_file(path, max_bytes=1000)


# ---------------------------------------------------------------------------------- CSV details


def test_excel_sep_line_blank_lines_and_padded_cells(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("sep=;\n\n nip ; Unit Kerja ;TANGGAL; Status \n\n 1988 ; bkd ; 16-04-2024 ; wfh \n"
                    "'0199;bkd;16 Apr 2024;H;;\n", encoding="utf-8")
    roster = wfrules.load_roster(path)
    assert [(a.employee, a.mode.value) for a in roster.assignments] == [("1988", "WFH"), ("0199", "WFO")]
    assert [roster.line_of(i) for i in range(2)] == [5, 6]


def test_tags_may_be_separated_by_commas_in_a_semicolon_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text('nip;opd;tags;tanggal;status\n1;rsud;"shift, Direct Service";16/04/2024;h\n', encoding="utf-8")
    assert wfrules.load_roster(path).units[0].tags == ("direct_service", "shift")


def test_problems_after_the_first_are_all_reported_from_a_streamed_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode\n" + "e1,u1,2024-04-16,WFO\n" * 3 + "e2,u1,16/24/2024,WFO\n",
                    encoding="utf-8")
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path)
    assert [(p.line, p.message.split(" (")[0]) for p in info.value.problems] == [
        (3, "employee 'e1' has two assignments on 2024-04-16"),
        (4, "employee 'e1' has two assignments on 2024-04-16"),
        (5, "impossible date '16/24/2024': month must be in 1..12"),
    ]


# ----------------------------------------------------------------- hostile structure in JSON and YAML


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_and_yaml_are_input_errors(tmp_path: Path, depth: int) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text('{"units": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    rules_json = tmp_path / "rules.json"
    rules_json.write_text('{"rules": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    for args in (["check", roster, "--circular", KALBAR], ["check", EXAMPLE, "--circular", rules],
                 ["check", EXAMPLE, "--circular", rules_json]):
        code, out, err = run_cli(args)
        assert (code, out) == (2, "")
        assert err.startswith("error: ")
        assert "Traceback" not in err
        assert "internal error" not in err
    with pytest.raises(WfrulesError):
        wfrules.load_roster(roster)


def verdicts(report_json: str) -> dict[str, Any]:
    """A JSON report without where each violation points (each roster file has its own lines)."""
    report = json.loads(report_json)
    report["violations"] = [{k: v for k, v in item.items() if k not in ("file", "lines")}
                            for item in report["violations"]]
    return report
