"""Fuzzing every loader: whatever the bytes, only ``WfrulesError`` subclasses escape, and problems are located.

The ``ci``/``dev`` profiles run a quick pass; ``--hypothesis-profile=fuzz`` runs 10,000 examples per test.
Inputs are built from pieces of valid files (so the fuzzer gets past the first byte) mixed with noise.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wfrules
from tests.export_styles import EXCEL_ID, export
from tests.strategies import rosters, to_csv
from wfrules import WfrulesError
from wfrules._cli import main

KALBAR_YAML = (Path(wfrules.__file__).parent / "catalog" / "kalbar-se-800-01-2024.yaml").read_text(encoding="utf-8")
EXAMPLE_JSON = (
    Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-violating.json"
).read_text(encoding="utf-8")

CSV_PIECES = [
    "employee,unit,date,mode,sector,tags\n", "employee;unit;date;mode\n", "e1,u1,2024-04-16,WFO,health,\n",
    "e2,u1,2024-04-16,WFH,,direct_service\n", "\ufeff", "\r\n", '"', ",", ";", "\t", "WHF", "2024-02-30",
    "16/04/2024", "e1,u2,2024-04-16,CT,kesehatan,x;y\n", "\x00", "'1988", "1.98802E+17", "\n\n",
]
JSON_PIECES = ['{"units": [', '{"id": "u", "sector": "health"}', "]", ', "employees": [', '{"id": "e", "unit": "u"}',
               ', "assignments": [', '{"employee": "e", "date": "2024-04-16", "mode": "WFH"}', "}", ",", "null",
               '"x"', "1e999", "[" * 50, '"mode": "OFF"', "true"]
YAML_PIECES = ["id: x\n", "rules:\n", "  - id: r\n", "    limit: {kind: share, modes: [remote], max: 50%}\n",
               "    window: {dates: [2024-04-16]}\n", "&a [1, 2]\n", "*a\n", "!!python/object:os.system\n", "\t",
               "issued: 2024-13-01\n", "- ", ": ", "{", "}", "number: 017\n", "max: .nan\n", "rrule: FREQ=DAILY\n"]


KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")
STYLED_CSV = export(json.loads(EXAMPLE_JSON), EXCEL_ID).decode("utf-8-sig")[:1500]


def mutated(base: str, pieces: list[str]) -> st.SearchStrategy[str]:
    """Text made by cutting ``base`` and splicing in pieces and noise."""
    noise = st.text(max_size=20)
    parts = st.lists(st.one_of(st.sampled_from(pieces), noise), max_size=12)
    return st.tuples(st.integers(0, len(base)), st.integers(0, len(base)), parts).map(
        lambda t: base[: min(t[0], t[1])] + "".join(t[2]) + base[max(t[0], t[1]) :]
    )


def assume_only_wfrules_errors(load: object, text: str) -> None:
    try:
        load(text)  # type: ignore[operator]
    except WfrulesError as exc:
        problems = getattr(exc, "problems", [])
        assert problems, "an input error carries at least one problem"
        assert all(p.message for p in problems)


@given(st.one_of(mutated("".join(CSV_PIECES[:4]), CSV_PIECES), st.text(max_size=300)))
def test_csv_roster_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_roster_csv(t, "r.csv"), text)


@given(st.one_of(mutated(EXAMPLE_JSON[:2000], JSON_PIECES), st.text(max_size=300)))
def test_json_roster_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_roster_json(t, "r.json"), text)


@given(st.one_of(mutated(KALBAR_YAML, YAML_PIECES), st.text(max_size=300)))
def test_yaml_rule_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_circular(t, "c.yaml"), text)


@given(st.one_of(mutated(json.dumps(wfrules.load_circular("kalbar-se-800-01-2024").model_dump(
    mode="json", by_alias=True, exclude_none=True)), JSON_PIECES), st.text(max_size=300)))
def test_json_rule_loader_only_raises_its_own_errors(text: str) -> None:
    assume_only_wfrules_errors(lambda t: wfrules.parse_circular(t, "c.json"), text)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    roster=st.one_of(mutated("".join(CSV_PIECES[:4]), CSV_PIECES), mutated(EXAMPLE_JSON[:1500], JSON_PIECES)),
    suffix=st.sampled_from([".csv", ".json", ".txt"]),
    args=st.lists(st.sampled_from(["--format", "json", "text", "xml", "--lang", "id", "en", "--max-errors",
                                   "0", "3", "-c", "kalbar-se-800-01-2024", "menpanrb-se-01-2024", "nope",
                                   "--circular", "--bogus"]), max_size=6),
)
def test_the_cli_only_exits_0_1_or_2_and_never_shows_a_traceback(
    tmp_path_factory: object, roster: str, suffix: str, args: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = folder / f"roster{suffix}"
    path.write_text(roster, encoding="utf-8", errors="surrogatepass")
    before = path.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(path), "--circular", "kalbar-se-800-01-2024", *args], stdout=out, stderr=err)
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue()
    assert path.read_bytes() == before


# ------------------------------------------------------------------ the streamed CSV path = the parser


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(mutated("".join(CSV_PIECES[:4]), CSV_PIECES), mutated(STYLED_CSV, CSV_PIECES)))
def test_a_streamed_csv_file_and_its_parsed_text_agree(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """``load_roster(file)`` (the lean scan, then the validating parser only on a problem) and
    ``parse_roster_csv(text)`` raise the same problems, or load the same roster with the same verdict."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates: not text a file can hold
    path = tmp_path_factory.mktemp("agree") / "roster.csv"
    path.write_bytes(raw)
    outcomes = []
    for load in (lambda: wfrules.load_roster(path), lambda: wfrules.parse_roster_csv(text, str(path))):
        try:
            roster = load()
        except wfrules.RosterError as exc:
            outcomes.append(("error", [(p.message, p.line, p.column, p.hint) for p in exc.problems], exc.dropped))
        else:
            outcomes.append(("roster", roster.model_dump(mode="json"),
                             wfrules.check(roster, [KALBAR]).to_json_dict()))
    assert outcomes[0] == outcomes[1]


# ------------------------------------------------------------------- malformed rows are found where they are

CORRUPTIONS = ("mode", "impossible-date", "month-first-date", "serial-date", "empty-employee", "excel-nip",
               "sector", "extra-cell", "missing-cell", "duplicate", "unclosed-quote")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture],  # it runs the CLI: a quarter in quick runs
          max_examples=settings.default.max_examples if settings.default.max_examples >= 10_000
          else max(10, settings.default.max_examples // 4))
@given(data=rosters(min_employees=1, max_units=3, max_employees=5, aliases=False), kind=st.sampled_from(CORRUPTIONS),
       pick=st.integers(0, 10**6), noise=st.text(alphabet="xyzQ", min_size=1, max_size=4))
def test_a_corrupted_row_is_reported_at_its_line(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, object], kind: str, pick: int, noise: str
) -> None:
    rows = to_csv(data).splitlines()
    body = rows[1:]
    if not body:
        return
    k = pick % len(body)
    cells = body[k].split(",")  # employee,unit,date,mode,sector,tags (no quoting: ids and codes are plain)
    if kind == "mode":
        cells[3] = "WF" + noise
    elif kind == "impossible-date":
        cells[2] = "2024-02-30"
    elif kind == "month-first-date":
        cells[2] = "04/16/2024"
    elif kind == "serial-date":
        cells[2] = "45398"
    elif kind == "empty-employee":
        cells[0] = " "
    elif kind == "excel-nip":
        cells[0] = "1.98802E+17"
    elif kind == "sector":
        cells[4] = "sektor" + noise
    elif kind == "extra-cell":
        cells.append(noise)
    elif kind == "missing-cell":
        cells.pop()
    elif kind == "duplicate":
        body.insert(k + 1, body[k])
        k += 1
    elif kind == "unclosed-quote":
        cells[3] = '"' + cells[3]
    if kind != "duplicate":
        body[k] = ",".join(cells)
    text = "\n".join([rows[0], *body]) + "\n"
    line = k + 2
    path = tmp_path_factory.mktemp("corrupt") / "roster.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(wfrules.RosterError) as info:
        wfrules.load_roster(path)
    assert info.value.problems[0].line == line, (kind, text, info.value.problems)
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(path), "--circular", "kalbar-se-800-01-2024"], stdout=out, stderr=err)
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().startswith(f"error: {path}:{line}")


# ------------------------------------------------------------------------ any command line at all

CLI_WORDS = ["check", "catalog", "--circular", "-c", "--format", "-f", "json", "text", "xml", "--lang", "id", "en",
             "--max-errors", "0", "1", "-5", "--encoding", "cp1252", "utf-16", "nope", "--max-file-size", "1K",
             "2G", "0", "lots", "kalbar-se-800-01-2024", "menpanrb-se-01-2024", "--", "-", "--bogus", "=", "",
             "--help", "--version", "-h"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.one_of(st.sampled_from(CLI_WORDS), st.sampled_from(["ROSTER", "RULES", "MISSING", "DIR"]),
                               st.text(max_size=12)), max_size=8))
def test_any_argument_vector_exits_0_1_or_2_without_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, argv: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("argv")
    roster = folder / "roster.json"
    roster.write_text(EXAMPLE_JSON, encoding="utf-8")
    rules = folder / "rules.yaml"
    rules.write_text(KALBAR_YAML, encoding="utf-8")
    names = {"ROSTER": str(roster), "RULES": str(rules), "MISSING": str(folder / "missing.csv"), "DIR": str(folder)}
    args = [names.get(a, a) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    exit_code: object = None
    try:
        code = main(args, stdout=out, stderr=err)
    except SystemExit as exc:  # --help and --version print and exit 0, as argparse does
        code, exit_code = 0, exc.code
    assert exit_code in (0, None), args
    assert code in (0, 1, 2), args
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue(), (args, err.getvalue())
    if code == 2:
        assert out.getvalue() == ""
        assert err.getvalue().startswith("error: ")
    assert roster.read_text(encoding="utf-8") == EXAMPLE_JSON


# -------------------------------------------------------------- a corrupted rule is found where it is

RULE_CORRUPTIONS = [
    ("max: 50%", "max: 150%", "max"),
    ("max: 50%", "max: -5%", "max"),
    ("modes: [remote]", "modes: [remot]", "unknown mode"),
    ("modes: [onsite]", "modes: [onsite, WHF]", "unknown mode"),
    ("of: listed", "of: lisetd", "of"),
    ("rounding: down", "rounding: sideways", "rounding"),
    ("kind: share", "kind: quota", "limit kind"),
    ("    limit: {kind: share", "    limt: {kind: share", "unknown field"),
    ("dates: [2024-04-16]", "dates: [2024-04-31]", "date"),
    ("dates: [2024-04-16]", "dates: [16/04/2024]", "YYYY-MM-DD"),
    ("dates: [2024-04-16, 2024-04-17]", "ranges: [{from: 2024-04-17, to: 2024-04-16}]", "before it starts"),
    ("  - id: others-wfh-max-50", "  - id: essential-wfo-100", "used twice"),
    ("[health,", "[helth,", "unknown sector"),
]


def _rule_corruption_cases() -> list[tuple[str, str, str, int]]:
    lines = KALBAR_YAML.splitlines()
    return [(old, new, expected, index) for old, new, expected in RULE_CORRUPTIONS
            for index, line in enumerate(lines) if old in line]


# Every occurrence of every corruption (exhaustive: there are few), in YAML and in JSON.
@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize(("old", "new", "expected", "index"), _rule_corruption_cases())
def test_a_corrupted_rule_is_reported_at_its_line(old: str, new: str, expected: str, index: int, fmt: str) -> None:
    lines = KALBAR_YAML.splitlines(keepends=True)
    lines[index] = lines[index].replace(old, new, 1)
    text = "".join(lines)
    with pytest.raises(wfrules.CircularError) as info:
        wfrules.parse_circular(text, "c.yaml")
    # The problem is located on the changed line (a misspelled key also makes a required one missing).
    assert any(p.line == index + 1 and expected in str(p) for p in info.value.problems), (old, info.value.problems)
    if fmt == "json":  # the same rule file as JSON: the same problem (located in the JSON text)
        data = wfrules._source.parse_yaml(text)
        with pytest.raises(wfrules.CircularError) as as_json:
            wfrules.parse_circular(json.dumps(data, default=str, indent=1), "c.json")
        assert expected in str(as_json.value)
        assert as_json.value.problems[0].line is not None
