"""Bad input: the CLI exits 2 with ``error: FILE:LINE[:COL]: message (hint)`` and no traceback; the
library raises its own exceptions (subclasses of ``wfrules.WfrulesError``) located the same way.

Each case is one small file and a *marker*: text on the line the error must point at. The expected
line number is computed from the file, never written by hand.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import wfrules
from wfrules import CatalogError, CircularError, RosterError, UsageError, WfrulesError
from wfrules._cli import _parser, main

KALBAR = "kalbar-se-800-01-2024"

# ------------------------------------------------------------------------------------------- helpers


def run_cli(args: Sequence[str | Path]) -> tuple[int, str, str]:
    """Run ``wfrules`` in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def line_of(text: str, marker: str, occurrence: int = 1) -> int:
    """The 1-based number of the ``occurrence``-th line of ``text`` containing ``marker``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(hits) >= occurrence, f"marker {marker!r} not found {occurrence} time(s)"
    return hits[occurrence - 1]


@dataclass(frozen=True)
class Case:
    """A bad input file and where and how its error must be reported."""

    id: str
    name: str  # the file name: its suffix decides the format
    text: str
    marker: str | None  # text on the line the error points at; None: no line (the file as a whole)
    expect: tuple[str, ...] = ()  # substrings of the error message
    occurrence: int = 1
    error: type[WfrulesError] = CircularError
    offset: int = 0  # the error is this many lines after the marker's line
    bug: str | None = None  # a known bug: the case is a strict xfail until it is fixed

    @property
    def line(self) -> int | None:
        return None if self.marker is None else line_of(self.text, self.marker, self.occurrence) + self.offset

    @property
    def param(self) -> object:
        marks = [pytest.mark.xfail(strict=True, reason=self.bug)] if self.bug else []
        return pytest.param(self, id=self.id, marks=marks)

    @property
    def is_roster(self) -> bool:
        return self.error is RosterError


def location_pattern(path: Path, line: int | None) -> str:
    """``error: FILE:LINE[:COL]: `` (``error: FILE: `` when no line applies) at the start of a line."""
    where = re.escape(str(path)) + (rf":{line}(:\d+)?" if line is not None else "")
    return rf"(?m)^error: {where}: "


def assert_clean_error(code: int, out: str, err: str) -> None:
    """Exit 2, nothing on stdout, only ``error:`` lines on stderr, no traceback."""
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith("error: ")
    assert "Traceback" not in err
    assert all(line.startswith("error: ") for line in err.splitlines()), err


# ------------------------------------------------------------------------------------------ rule files

YAML_HEAD = """\
id: test-circular
number: 1/TEST/2026
title: A test circular
issuer: The test suite
jurisdiction: Nowhere
issued: 2026-01-01
rules:
"""

JSON_HEAD = """\
{
  "id": "test-circular",
  "number": "1/TEST/2026",
  "title": "A test circular",
  "issuer": "The test suite",
  "jurisdiction": "Nowhere",
  "issued": "2026-01-01",
  "rules": [
"""


def yaml_rules(rules: str) -> str:
    """A YAML rule file with these (already indented) rules."""
    return YAML_HEAD + rules


def json_rules(*rules: str) -> str:
    """A JSON rule file with one rule (a JSON object) per line."""
    return JSON_HEAD + ",\n".join(f"    {r}" for r in rules) + "\n  ]\n}\n"


# Rule-level problems, each written once as JSON objects (one rule per line), checked both as a JSON
# file and as a YAML file (YAML reads JSON's flow syntax): (id, rules, marker, occurrence, expected).
LIMIT = '"limit": {"kind": "forbid", "modes": ["remote"]}'
RULE_PROBLEMS: list[tuple[str, tuple[str, ...], str, int, tuple[str, ...]]] = [
    ("unknown-field", ('{"id": "r1", "windw": {"dates": ["2024-04-16"]}, ' + LIMIT + "}",), "windw", 1,
     ("unknown field 'windw'", "did you mean 'window'?")),
    ("missing-limit", ('{"id": "r1", "window": {"dates": ["2024-04-16"]}}',), '"r1"', 1,
     ("missing required field 'limit'",)),
    ("unknown-kind", ('{"id": "r1", "limit": {"kind": "quota", "modes": ["remote"], "max": 2}}',), "quota", 1,
     ("'quota'", "share, headcount, forbid")),
    ("share-above-1", ('{"id": "r1", "limit": {"kind": "share", "modes": ["remote"], "max": 1.5, '
                       '"of": "listed", "rounding": "down"}}',), "1.5", 1, ("max", "1")),
    ("range-reversed", ('{"id": "r1", "window": {"ranges": [{"from": "2024-04-17", "to": "2024-04-16"}]}, '
                        + LIMIT + "}",), "2024-04-17", 1, ("before it starts",)),
    ("duplicate-rule-id", ('{"id": "r1", ' + LIMIT + "}", '{"id": "r2", ' + LIMIT + "}", '{"id": "r1", ' + LIMIT + "}"),
     '"r1"', 2, ("'r1' is used twice",)),
    ("non-iso-date", ('{"id": "r1", "window": {"dates": ["16/04/2024"]}, ' + LIMIT + "}",), "16/04/2024", 1,
     ("YYYY-MM-DD",)),
    ("share-without-rounding", ('{"id": "r1", "limit": {"kind": "share", "modes": ["remote"], "max": "50%", '
                                '"of": "listed"}}',), "50%", 1, ("rounding",)),
    ("counted-outside-denominator", ('{"id": "r1", "limit": {"kind": "share", "modes": ["remote"], "max": "50%", '
                                     '"of": ["onsite"], "rounding": "down"}}',), "onsite", 1,
     ("must be part of the denominator",)),
    ("unknown-sector", ('{"id": "r1", "scope": {"sectors": ["helth"]}, ' + LIMIT + "}",), "helth", 1,
     ("unknown sector 'helth'", "did you mean 'health'?")),
    ("unknown-mode", ('{"id": "r1", "limit": {"kind": "forbid", "modes": ["remote", "WHF"]}}',), "WHF", 1,
     ("unknown mode 'WHF'", "did you mean 'WFH'?")),
]

CIRCULAR_CASES: list[Case] = [
    *(Case(f"{cid}-json", "rules.json", json_rules(*rules), marker, expect, occurrence)
      for cid, rules, marker, occurrence, expect in RULE_PROBLEMS),
    *(Case(f"{cid}-yaml-flow", "rules.yaml", yaml_rules("".join(f"  - {r}\n" for r in rules)), marker, expect,
           occurrence)
      for cid, rules, marker, occurrence, expect in RULE_PROBLEMS),
    # YAML in block style, as people write it.
    Case("unknown-field-yaml", "rules.yaml", yaml_rules(
        "  - id: r1\n"
        "    windw:\n"
        "      dates: [2024-04-16]\n"
        "    limit: {kind: share, modes: [remote], max: 50%, of: listed, rounding: down}\n"
    ), "windw:", ("unknown field 'windw'", "did you mean 'window'?")),
    Case("missing-limit-yaml", "rules.yaml", yaml_rules(
        "  - id: r1\n"
        "    window:\n"
        "      dates: [2024-04-16]\n"
    ), "- id: r1", ("missing required field 'limit'",)),
    Case("share-above-1-yaml", "rules.yml", yaml_rules(
        "  - id: r1\n"
        "    limit:\n"
        "      kind: share\n"
        "      modes: [remote]\n"
        "      max: 1.5\n"
        "      of: listed\n"
        "      rounding: down\n"
    ), "max: 1.5", ("max",)),
    Case("duplicate-rule-id-yaml", "rules.yaml", yaml_rules(
        "  - id: r1\n"
        "    limit: {kind: forbid, modes: [absent]}\n"
        "  - id: r2\n"
        "    limit: {kind: forbid, modes: [absent]}\n"
        "  - id: r1\n"
        "    limit: {kind: forbid, modes: [remote]}\n"
    ), "- id: r1", ("used twice",), occurrence=2),
    Case("share-without-rounding-yaml", "rules.yaml", yaml_rules(
        "  - id: r1\n"
        "    limit: {kind: share, modes: [remote], max: 50%, of: listed}\n"
    ), "max: 50%", ("rounding: down, up or nearest",)),
    Case("python-tag", "rules.yaml", yaml_rules(
        "  - id: !!python/object/apply:os.system [\"echo hi\"]\n"
        "    limit: {kind: forbid, modes: [absent]}\n"
    ), "!!python", ("YAML tags",)),
    Case("bad-indentation", "rules.yaml",
         "id: test-circular\n"
         "  number: 1/TEST/2026\n"  # indented under a scalar: a YAML syntax error
         "title: A test circular\n",
         "number:", ("invalid YAML",)),
    Case("yaml-top-level-list", "rules.yaml", "- id: a\n- id: b\n", "- id: a", ("must be a mapping", "list")),
    Case("yaml-empty", "rules.yaml", "", None, ("empty",)),
    Case("yaml-blank", "rules.yaml", "\n   \n", None, ("empty",)),
    Case("json-trailing-comma", "rules.json",
         '{\n  "id": "test-circular",\n  "number": "1/TEST/2026",\n}\n',
         "}", ("invalid JSON",)),  # JSON reports it at the closing brace
    Case("json-missing-comma", "rules.json",
         '{\n  "id": "test-circular"\n  "number": "1/TEST/2026"\n}\n',
         '"number"', ("invalid JSON",)),  # … and a missing comma at the next key
    Case("json-top-level-list", "rules.json", '[\n  {"id": "a"}\n]\n', "[", ("must be a mapping", "list")),
    Case("json-empty", "rules.json", "", None, ("empty",)),
]

# --------------------------------------------------------------------------------------------- rosters

ROSTER_HEAD = """\
{
  "units": [
    {"id": "u1", "sector": "education"},
    {"id": "rsud", "sector": "kesehatan", "tags": ["direct_service"]}
  ],
  "employees": [
    {"id": "e1", "unit": "u1"},
    {"id": "e2", "unit": "u1"},
    {"id": "e3", "unit": "rsud"}
  ],
  "assignments": [
"""


def json_roster(*assignments: str) -> str:
    """A JSON roster with these assignments, one per line."""
    return ROSTER_HEAD + ",\n".join(f"    {a}" for a in assignments) + "\n  ]\n}\n"


def a(employee: str, date: str, mode: str) -> str:
    return f'{{"employee": "{employee}", "date": "{date}", "mode": "{mode}"}}'


CSV_HEAD = "employee,unit,sector,tags,date,mode\n"
OK_ROWS = "e1,u1,education,,2024-04-16,WFO\ne2,u1,education,,2024-04-16,WFH\n"

ROSTER_CASES: list[Case] = [
    Case("json-unknown-mode", "roster.json", json_roster(a("e1", "2024-04-16", "WFO"), a("e2", "2024-04-16", "WHF")),
         "WHF", ("unknown mode 'WHF'", "did you mean 'WFH'?"), error=RosterError),
    Case("json-unknown-employee", "roster.json",
         json_roster(a("e1", "2024-04-16", "WFO"), a("e9", "2024-04-16", "WFO")),
         '"e9"', ("unknown employee 'e9'",), error=RosterError),
    Case("json-unknown-unit", "roster.json",
         ROSTER_HEAD.replace('{"id": "e2", "unit": "u1"}', '{"id": "e2", "unit": "u2"}')
         + f"    {a('e1', '2024-04-16', 'WFO')}\n  ]\n}}\n",
         '"u2"', ("unknown unit 'u2'",), error=RosterError),
    Case("json-unknown-sector", "roster.json",
         ROSTER_HEAD.replace('"sector": "education"', '"sector": "edukasi"')
         + f"    {a('e1', '2024-04-16', 'WFO')}\n  ]\n}}\n",
         "edukasi", ("unknown sector 'edukasi'", "did you mean 'education'?"), error=RosterError),
    Case("json-impossible-date", "roster.json",
         json_roster(a("e1", "2024-04-16", "WFO"), a("e1", "2024-02-30", "WFO")),
         "2024-02-30", ("impossible date '2024-02-30'",), error=RosterError),
    Case("json-dmy-date", "roster.json", json_roster(a("e1", "16/04/2024", "WFO")),
         "16/04/2024", ("YYYY-MM-DD",), error=RosterError),
    Case("json-twice-on-a-date", "roster.json",
         json_roster(a("e1", "2024-04-16", "WFO"), a("e2", "2024-04-16", "WFO"), a("e1", "2024-04-16", "WFH")),
         '"WFH"', ("'e1' has two assignments on 2024-04-16",), error=RosterError),
    Case("json-missing-assignments", "roster.json", '{\n  "units": [],\n  "employees": []\n}\n',
         "{", ("missing required field 'assignments'",), error=RosterError),
    Case("json-malformed", "roster.json",
         '{\n  "units": [],\n  "employees": []\n  "assignments": []\n}\n',
         '"assignments"', ("invalid JSON",), error=RosterError),  # the missing comma is found at the next key
    Case("json-top-level-list", "roster.json", "[\n  1, 2\n]\n", "[", ("must be an object", "list"),
         error=RosterError),
    Case("json-top-level-string", "roster.json", '"units"\n', '"units"', ("must be an object", "str"),
         error=RosterError),
    Case("json-empty", "roster.json", "", None, ("empty",), error=RosterError),
    Case("csv-unknown-mode", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,2024-04-16,WHF\n",
         "WHF", ("unknown mode 'WHF'", "did you mean 'WFH'?"), error=RosterError),
    Case("csv-impossible-date", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,2024-02-30,WFO\n",
         "2024-02-30", ("impossible date",), error=RosterError),
    # Day-first dates are read (16/04/2024 is 16 April); what cannot be read day first, or only by guessing, is
    # an error with a hint.
    Case("csv-month-first-date", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,04/16/2024,WFO\n",
         "04/16/2024", ("not a date read day first", "month first"), error=RosterError),
    Case("csv-two-digit-year", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,16/04/24,WFO\n",
         "16/04/24", ("two digits",), error=RosterError),
    Case("csv-excel-serial-date", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,45398,WFO\n",
         "45398", ("is a number, not a date", "format the date column"), error=RosterError),
    Case("csv-impossible-named-date", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,31 Februari 2024,WFO\n",
         "Februari", ("impossible date",), error=RosterError),
    Case("csv-wrong-weekday", "roster.csv", CSV_HEAD + OK_ROWS + 'e3,u1,education,,"Senin, 16 April 2024",WFO\n',
         "Senin", ("is a Tuesday (Selasa), not Monday",), error=RosterError),
    Case("csv-date-with-time", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,16/04/2024 08:30,WFO\n",
         "08:30", ("not a date and time",), error=RosterError),
    Case("csv-excel-nip", "roster.csv", CSV_HEAD + OK_ROWS + "1.98802E+17,u1,education,,2024-04-16,WFO\n",
         "E+17", ("scientific notation", "format the NIP column as Text"), error=RosterError),
    Case("csv-unknown-sector", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u2,edukasi,,2024-04-16,WFO\n",
         "edukasi", ("unknown sector 'edukasi'", "did you mean 'education'?"), error=RosterError),
    Case("csv-empty-mode", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,2024-04-16,\n",
         "e3,", ("empty mode",), error=RosterError),
    Case("csv-long-row", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,,2024-04-16,WFO,x\n",
         "e3,", ("this row has 7 cell(s) but the header has 6",), error=RosterError),
    Case("csv-semicolon-unknown-mode", "roster.csv",
         "\ufeffnip;unit_kerja;sektor;tanggal;status\r\n198802282020121004;u1;pendidikan;16/04/2024;h\r\n"
         "198802282020121005;u1;pendidikan;16/04/2024;wfhh\r\n",
         "wfhh", ("unknown mode 'wfhh'", "did you mean 'WFH'?"), error=RosterError),
    Case("csv-header-only-junk", "roster.csv", "a,b,c\n1,2,3\n", "a,b,c", ("missing required column",),
         error=RosterError),
    Case("csv-unknown-header-alias", "roster.csv", "employe,unit,date,mode\ne1,u1,2024-04-16,WFO\n",
         "employe", ("missing required column(s) employee", "'employe'"), error=RosterError),
    Case("csv-blank-only", "roster.csv", "\n \n\t\n", None, ("empty",), error=RosterError),
    Case("csv-twice-on-a-date", "roster.csv", CSV_HEAD + OK_ROWS + "e1,u1,education,,2024-04-16,WFH\n",
         "e1,", ("'e1' has two assignments on 2024-04-16", "line 2"), occurrence=2, error=RosterError),
    Case("csv-sector-differs", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,health,,2024-04-16,WFO\n",
         "health", ("unit 'u1' has sector 'health' here but sector 'education' on line 2",), error=RosterError),
    Case("csv-tags-differ", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,education,direct_service,2024-04-16,WFO\n",
         "direct_service", ("unit 'u1' has tags",), error=RosterError),
    Case("csv-employee-in-two-units", "roster.csv", CSV_HEAD + OK_ROWS + "e1,u9,education,,2024-04-17,WFO\n",
         "u9", ("'e1' is in unit 'u9' here but in 'u1' on line 2",), error=RosterError),
    Case("csv-missing-column", "roster.csv", "employee,unit,sector,date\ne1,u1,education,2024-04-16\n",
         "employee,", ("missing required column", "mode"), error=RosterError),
    Case("csv-short-row", "roster.csv", CSV_HEAD + OK_ROWS + "e3,u1,2024-04-16\n",
         "e3,", ("this row has 3 cell(s) but the header has 6",), error=RosterError),
    # The header is the only line: the error points at the line after it, where the first row belongs.
    Case("csv-empty", "roster.csv", "", None, ("empty",), error=RosterError),
]

ALL_CASES = CIRCULAR_CASES + ROSTER_CASES

GOOD_ROSTER = json_roster(a("e1", "2024-04-16", "WFO"), a("e3", "2024-04-16", "WFO"))


def write_case(tmp_path: Path, case: Case) -> tuple[Path, list[str]]:
    """Write the case's file (and a good counterpart); return its path and the CLI arguments."""
    path = tmp_path / case.name
    path.write_text(case.text, encoding="utf-8")
    if case.is_roster:
        return path, ["check", str(path), "--circular", KALBAR]
    roster = tmp_path / "good-roster.json"
    roster.write_text(GOOD_ROSTER, encoding="utf-8")
    return path, ["check", str(roster), "--circular", str(path)]


def load(path: Path, case: Case) -> object:
    return wfrules.load_roster(path) if case.is_roster else wfrules.load_circular(path)


# --------------------------------------------------------------------------------------- the table


def test_good_files_are_good(tmp_path: Path) -> None:
    """The files the cases start from are valid: every case has exactly the one problem it names."""
    roster = tmp_path / "roster.json"
    roster.write_text(GOOD_ROSTER, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    good_rule = '{"id": "r1", "limit": {"kind": "forbid", "modes": ["TK"]}}'
    rules.write_text(yaml_rules(f"  - {good_rule}\n"), encoding="utf-8")
    rules_json = tmp_path / "rules.json"
    rules_json.write_text(json_rules(good_rule), encoding="utf-8")
    csv = tmp_path / "roster.csv"
    csv.write_text(CSV_HEAD + OK_ROWS, encoding="utf-8")
    for circular in (rules, rules_json, KALBAR):
        for r in (roster, csv):
            code, _, err = run_cli(["check", r, "--circular", circular])
            assert (code, err) == (0, ""), (circular, r)


@pytest.mark.parametrize("case", [c.param for c in ALL_CASES])
def test_cli_reports_bad_input_at_its_line(tmp_path: Path, case: Case) -> None:
    path, args = write_case(tmp_path, case)
    before = path.read_bytes()
    code, out, err = run_cli(args)
    assert_clean_error(code, out, err)
    assert re.search(location_pattern(path, case.line), err), (case.line, err)
    for text in case.expect:
        assert text in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("case", [c.param for c in ALL_CASES])
def test_library_raises_its_own_located_exception(tmp_path: Path, case: Case) -> None:
    path, _ = write_case(tmp_path, case)
    before = path.read_bytes()
    with pytest.raises(case.error) as info:
        load(path, case)
    exc = info.value
    assert isinstance(exc, WfrulesError)
    assert isinstance(exc, wfrules.InputError)  # every input error carries its problems and location
    assert exc.problems
    assert exc.path == str(path)
    assert exc.line == case.line
    assert exc.column is None or exc.column >= 1
    assert exc.hint is None or isinstance(exc.hint, str)
    assert str(exc).startswith(f"{path}")
    for text in case.expect:
        assert text in str(exc)
    assert path.read_bytes() == before


def test_exception_classes() -> None:
    for cls in (RosterError, CircularError, CatalogError, UsageError):
        assert issubclass(cls, WfrulesError)
        assert issubclass(cls, wfrules.InputError)
    assert not issubclass(RosterError, CircularError)
    assert not issubclass(CircularError, RosterError)


# ------------------------------------------------------------------------------------- special cases


def test_yaml_tags_are_rejected_and_never_executed(tmp_path: Path) -> None:
    witness = tmp_path / "executed"
    rules = tmp_path / "evil.yaml"
    rules.write_text(yaml_rules(
        f'  - id: !!python/object/apply:os.system ["touch {witness}"]\n'
        "    limit: !!python/object/apply:subprocess.call [[touch, " + str(witness) + "]]\n"
    ), encoding="utf-8")
    with pytest.raises(CircularError, match="YAML tags"):
        wfrules.load_circular(rules)
    roster = tmp_path / "roster.json"
    roster.write_text(GOOD_ROSTER, encoding="utf-8")
    code, out, err = run_cli(["check", roster, "--circular", rules])
    assert_clean_error(code, out, err)
    assert not witness.exists()


def test_missing_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    code, out, err = run_cli(["check", missing, "--circular", KALBAR])
    assert_clean_error(code, out, err)
    assert re.search(location_pattern(missing, None), err)
    assert "no such file" in err
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(missing)
    assert info.value.path == str(missing)

    roster = tmp_path / "roster.json"
    roster.write_text(GOOD_ROSTER, encoding="utf-8")
    rules = tmp_path / "nope.yaml"
    code, out, err = run_cli(["check", roster, "--circular", rules])
    assert_clean_error(code, out, err)
    assert re.search(location_pattern(rules, None), err)
    with pytest.raises(CircularError):
        wfrules.load_circular(rules)
    assert not missing.exists()
    assert not rules.exists()


def test_unknown_catalog_id_suggests_the_right_one(tmp_path: Path) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text(GOOD_ROSTER, encoding="utf-8")
    code, out, err = run_cli(["check", roster, "--circular", "kalbar-se-800-01-2042"])
    assert_clean_error(code, out, err)
    assert "kalbar-se-800-01-2042" in err
    assert f"did you mean '{KALBAR}'?" in err
    with pytest.raises(CatalogError) as info:
        wfrules.load_circular("kalbar-se-800-01-2042")
    assert isinstance(info.value, WfrulesError)
    assert info.value.hint is not None
    assert KALBAR in info.value.hint


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "give a command"),
        (["check", "ROSTER"], "--circular"),
        (["check", "ROSTER", "--circular", KALBAR, "--format", "xml"], "'xml'"),
        (["check", "ROSTER", "--circular", KALBAR, "--lang", "fr"], "'fr'"),
        (["check", "ROSTER", "--circular", KALBAR, "--max-errors", "0"], "at least 1"),
        (["check", "ROSTER", "--circular", KALBAR, "--max-errors", "many"], "'many'"),
        (["check", "ROSTER", "--circular", KALBAR, "--encoding", "klingon"], "unknown text encoding 'klingon'"),
        (["check", "ROSTER", "--circular", KALBAR, "--max-file-size", "lots"], "not a size: 'lots'"),
        (["check", "ROSTER", "--circular", KALBAR, "--max-file-size", "0"], "at least 1 byte"),
        (["frobnicate"], "'frobnicate'"),
        (["check"], "roster"),
    ],
)
def test_usage_errors(args: list[str], expected: str) -> None:
    code, out, err = run_cli(args)
    assert_clean_error(code, out, err)
    assert expected in err


def test_usage_errors_are_usage_error_exceptions() -> None:
    with pytest.raises(UsageError) as info:
        _parser().parse_args(["check", "roster.json"])
    assert isinstance(info.value, WfrulesError)
    assert info.value.problems
    assert info.value.hint is not None


# ------------------------------------------------------------------------------------ many problems

THREE_BAD_ROWS = CSV_HEAD + (
    "e1,u1,education,,2024-04-16,WFO\n"
    "e2,u1,education,,2024-04-16,XX\n"
    "e3,u1,education,,2024-13-01,WFO\n"
    "e4,u1,education,,2024-04-16,YY\n"
    "e5,u1,education,,2024-04-16,WFO\n"
)


def test_every_problem_of_a_csv_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(THREE_BAD_ROWS, encoding="utf-8")
    lines = [line_of(THREE_BAD_ROWS, marker) for marker in ("XX", "2024-13-01", "YY")]
    code, out, err = run_cli(["check", path, "--circular", KALBAR])
    assert_clean_error(code, out, err)
    assert len(err.splitlines()) == 3
    for line, reported in zip(lines, err.splitlines(), strict=True):
        assert re.match(location_pattern(path, line), reported)
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path)
    assert [p.line for p in info.value.problems] == lines
    assert info.value.line == lines[0]


def test_max_errors_limits_the_problems_reported(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(THREE_BAD_ROWS, encoding="utf-8")
    code, out, err = run_cli(["check", path, "--circular", KALBAR, "--max-errors", "2"])
    assert_clean_error(code, out, err)
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[-1].startswith("error: … 1 more problem")  # the cut is said, not silent
    with pytest.raises(RosterError) as info:
        wfrules.load_roster(path, max_errors=2)
    assert len(info.value.problems) == 2
    assert info.value.dropped == 1


def test_several_problems_of_a_json_roster_are_reported(tmp_path: Path) -> None:
    text = json_roster(a("e1", "2024-04-16", "WHF"), a("e9", "2024-04-16", "WFO"), a("e2", "2024-02-30", "WFO"))
    path = tmp_path / "roster.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli(["check", path, "--circular", KALBAR])
    assert_clean_error(code, out, err)
    # The schema problems (mode, date) are reported; reference checks need a valid roster first.
    reported = {int(m) for m in re.findall(rf"^error: {re.escape(str(path))}:(\d+)", err, re.M)}
    assert {line_of(text, "WHF"), line_of(text, "2024-02-30")} <= reported


def test_several_problems_of_a_rule_file_are_reported(tmp_path: Path) -> None:
    text = yaml_rules(
        "  - id: r1\n"
        "    windw: {dates: [2024-04-16]}\n"
        "    limit: {kind: forbid, modes: [absent]}\n"
        "  - id: r2\n"
        "    limit: {kind: share, modes: [remote], max: 50%, of: listed}\n"
    )
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CircularError) as info:
        wfrules.load_circular(path)
    assert [p.line for p in info.value.problems] == [line_of(text, "windw"), line_of(text, "max: 50%")]


# ------------------------------------------------------------------------------ hints as attributes

HINT_CASES: list[tuple[Case, str]] = [
    (next(c for c in ALL_CASES if c.id == "unknown-field-yaml"), "window"),
    (next(c for c in ALL_CASES if c.id == "missing-limit-yaml"), "add it"),
    (next(c for c in ALL_CASES if c.id == "csv-sector-differs"), "make the rows agree"),
    (next(c for c in ALL_CASES if c.id == "csv-unknown-mode"), "did you mean 'WFH'?"),
]
HINT_SUGGESTIONS: list[tuple[Case, str]] = [
    (next(c for c in ALL_CASES if c.id == "json-unknown-mode"), "did you mean 'WFH'?"),
    (next(c for c in ALL_CASES if c.id == "unknown-sector-yaml-flow"), "did you mean 'health'?"),
]


@pytest.mark.parametrize(
    ("case", "hint"),
    [
        *(pytest.param(c, h, id=c.id) for c, h in HINT_CASES),
        *(pytest.param(c, h, id=c.id) for c, h in HINT_SUGGESTIONS),
    ],
)
def test_the_hint_attribute_carries_the_fix(tmp_path: Path, case: Case, hint: str) -> None:
    path, _ = write_case(tmp_path, case)
    with pytest.raises(WfrulesError) as info:
        load(path, case)
    assert isinstance(info.value, wfrules.InputError)
    assert info.value.hint is not None
    assert hint in info.value.hint


def test_a_missing_field_is_named_once(tmp_path: Path) -> None:
    case = next(c for c in ALL_CASES if c.id == "missing-limit-yaml")
    path, _ = write_case(tmp_path, case)
    with pytest.raises(CircularError) as info:
        wfrules.load_circular(path)
    assert info.value.message == "rules[0]: missing required field 'limit'"


@pytest.mark.parametrize(
    ("name", "text"),
    [("roster.csv", CSV_HEAD), ("roster.json", '{"units": [], "employees": [], "assignments": []}')],
)
def test_a_roster_without_assignments_passes_with_a_warning(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli(["check", path, "--circular", KALBAR])
    assert code == 0
    assert err == f"warning: {path}: the roster has no assignments; nothing was checked\n"
    assert "0 assignments" in out
