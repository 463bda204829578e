"""The fast CSV path (``wfrules[fast]``, DuckDB) against the core reader: the same reports, the core's errors.

Both paths judge with the same engine; the fast one only counts. The comparisons run every catalog circular
on its example roster (as CSV), and hypothesis rosters with the rule language's issue-8 constructs (region
scopes, context conditions, employee filters, amendments and revocations); each compares whole JSON
reports, violation files and lines included. They need DuckDB (``pip install -e '.[test]'`` brings it);
the tests of the engine's on-demand entries and of ``--engine`` run everywhere.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wfrules
from tests.rule_strategies import circular_dicts, limits, rule_dicts
from tests.strategies import KALBAR_DATES, rosters, to_csv
from tests.test_catalog_circulars import CASES
from wfrules import _fast
from wfrules._cli import main
from wfrules._context import ContextTable
from wfrules._engine import Tally, evaluate, tally
from wfrules._errors import WfrulesError

KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")
MENPAN = wfrules.load_circular("menpanrb-se-01-2024")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
KALBAR_EXAMPLES = EXAMPLES / "kalbar-2024"


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def needs_duckdb() -> None:
    pytest.importorskip("duckdb", reason="the fast extra is not installed (pip install -e '.[fast]')")


# ------------------------------------------------------------------------- evaluate with entries on demand


def on_demand(counts: Tally) -> tuple[Tally, list[set[tuple[str, dt.date]]]]:
    """The same counts with every cell's entries left out and given on demand, as a streamed scan does."""
    asked: list[set[tuple[str, dt.date]]] = []
    full = {key: list(cell.entries) for key, cell in counts.cells.items()}

    def source(target: Tally, keys: set[tuple[str, dt.date]]) -> None:
        asked.append(set(keys))
        for key in keys:
            target.cells[key].entries = list(full[key])

    cells = {key: dataclasses.replace(cell, counts=list(cell.counts), entries=[]) for key, cell in counts.cells.items()}
    return dataclasses.replace(counts, cells=cells, entry_source=source), asked


@given(data=rosters(), circular=circular_dicts(min_rules=1))
@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
def test_entries_given_on_demand_give_the_same_report(data: dict[str, Any], circular: dict[str, Any]) -> None:
    roster = wfrules.Roster.model_validate(data)
    rules = [KALBAR, MENPAN, wfrules.Circular.model_validate(circular)]
    eager = evaluate(tally(roster), rules)
    lazy, asked = on_demand(tally(roster))
    assert evaluate(lazy, rules) == eager
    # Asked once at most, and only for the (listed) cells some violation names.
    named = {(v.unit, v.date) for v in eager.violations} & set(lazy.cells)
    assert asked == ([named] if named else [])


def test_a_compliant_roster_never_asks_for_entries() -> None:
    lazy, asked = on_demand(tally(wfrules.load_roster(KALBAR_EXAMPLES / "roster-compliant.json")))
    assert evaluate(lazy, [KALBAR]).ok
    assert asked == []


def test_a_streamed_csv_roster_reads_back_only_the_violating_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    roster = wfrules.load_roster(KALBAR_EXAMPLES / "roster-violating.csv")
    source = roster._counts_source()
    assert source is not None
    asked: list[set[tuple[str, dt.date]] | None] = []
    fill = type(source).fill_entries

    def spy(self: Any, counts: Tally, wanted: set[tuple[str, dt.date]] | None = None) -> None:
        asked.append(None if wanted is None else set(wanted))
        fill(self, counts, wanted)

    monkeypatch.setattr(type(source), "fill_entries", spy)
    report = wfrules.check(roster, KALBAR)
    assert asked == [{(v.unit, v.date) for v in report.violations}]
    assert report.violations
    assert all(v.lines and v.file for v in report.violations)


def test_twenty_rules_of_other_scopes_and_windows_cost_no_checks() -> None:
    """What the evaluation loop tries per cell: only the rules that apply (the summary counts them)."""
    roster = wfrules.load_roster(KALBAR_EXAMPLES / "roster-violating.json")
    base = KALBAR.model_dump(mode="json", by_alias=True, exclude_none=True)
    idle = [{"id": f"idle-{i}", "scope": {"units": ["no-such-unit"]},
             "limit": {"kind": "headcount", "modes": ["WFO"], "min": 1}} for i in range(10)]
    idle += [{"id": f"later-{i}", "window": {"dates": ["2030-01-02"]},
              "limit": {"kind": "headcount", "modes": ["WFO"], "min": 1}} for i in range(10)]
    many = wfrules.Circular.model_validate({**base, "rules": [*base["rules"], *idle]})
    one, twenty = wfrules.check(roster, KALBAR), wfrules.check(roster, many)
    assert twenty.summary["checked"] == one.summary["checked"]
    assert twenty.violations == one.violations


# --------------------------------------------------------------------------------------- --engine option


def test_engine_fast_without_duckdb_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fast, "available", lambda: False)
    code, out, err = run(["check", str(KALBAR_EXAMPLES / "roster-violating.csv"), "-c", "kalbar-se-800-01-2024",
                          "--engine", "fast"])
    assert (code, out) == (2, "")
    assert "pip install 'wfrules[fast]'" in err


def test_an_unknown_engine_in_the_environment_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WFRULES_ENGINE", "turbo")
    code, _, err = run(["check", str(KALBAR_EXAMPLES / "roster-violating.csv"), "-c", "kalbar-se-800-01-2024"])
    assert code == 2
    assert "WFRULES_ENGINE='turbo'" in err


@pytest.mark.parametrize("how", ["option", "environment", "small file"])
def test_the_core_engine_never_runs_the_fast_path(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the fast path ran")

    monkeypatch.setattr(_fast, "load_csv", refuse)
    args = ["check", str(KALBAR_EXAMPLES / "roster-violating.csv"), "-c", "kalbar-se-800-01-2024"]
    if how == "option":
        args += ["--engine", "core"]
    elif how == "environment":
        monkeypatch.setenv("WFRULES_ENGINE", "core")
    code, out, _ = run(args)  # "small file": auto leaves a file under 16 MiB to the core
    assert code == 1
    assert "FAILED" in out


# ------------------------------------------------------------------------------------ both paths, DuckDB


def outcome(load: Callable[[], wfrules.Roster | None], circulars: list[wfrules.Circular],
            context: ContextTable | None = None) -> tuple[Any, ...]:
    """The JSON report, or the error's kind and problems (the fast path's roster may be ``None``)."""
    try:
        roster = load()
        if roster is None:
            return ("declined",)
        return ("report", wfrules.check(roster, circulars, context=context).to_json_dict())
    except WfrulesError as exc:
        problems = getattr(exc, "problems", [])
        return ("error", type(exc).__name__, [(p.message, p.path, p.line, p.column) for p in problems])


def both(path: Path, circulars: list[wfrules.Circular], context: ContextTable | None = None,
         ) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    fast = outcome(lambda: _fast.load_csv(path), circulars, context)
    core = outcome(lambda: wfrules.load_roster(path), circulars, context)
    return fast, core


def denormalised(data: dict[str, Any]) -> str:
    """A JSON example roster as the CSV an HR system exports: unit fields (region, name) and employee
    attributes repeated on every row."""
    units = {u["id"]: u for u in data["units"]}
    people = {e["id"]: e for e in data["employees"]}
    unit_extra = sorted({k for u in units.values() for k in u if k not in ("id", "sector", "tags", "name")})
    person_extra = sorted({k for e in people.values() for k in e if k not in ("id", "unit", "name")})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["employee", "unit", "date", "mode", "sector", "tags", "unit_name", *unit_extra, *person_extra])
    for a in data["assignments"]:
        person = people[a["employee"]]
        unit = units[person["unit"]]
        writer.writerow([a["employee"], unit["id"], a["date"], a["mode"], unit.get("sector", ""),
                         ";".join(unit.get("tags", [])), unit.get("name", ""),
                         *(unit.get(k, "") for k in unit_extra),
                         *(str(person.get(k, "")).lower() for k in person_extra)])
    return out.getvalue()


CATALOG_CASES = {
    **{f"kalbar/{name}": (f"kalbar-2024/{name}", ["kalbar-se-800-01-2024", "menpanrb-se-01-2024"], None)
       for name in ("roster-violating.csv", "roster-compliant.csv", "roster-violating.json")},
    **CASES,
    "pemprov-dki csv": ("pemprov-dki-bkd-se-e-0021-2025/roster.csv", ["pemprov-dki-bkd-se-e-0021-2025"], None),
}


def test_every_catalog_circular_is_compared() -> None:
    used = {c for _, circulars, _ in CATALOG_CASES.values() for c in circulars}
    assert used == {p.stem for p in (Path(wfrules.__file__).parent / "catalog").glob("*.yaml")}


@pytest.mark.parametrize("name", sorted(CATALOG_CASES))
def test_each_catalog_circular_on_its_example_gives_the_same_report(name: str, tmp_path: Path) -> None:
    needs_duckdb()
    roster, ids, context_file = CATALOG_CASES[name]
    source = EXAMPLES / roster
    if source.suffix == ".json":
        path = tmp_path / "roster.csv"
        path.write_text(denormalised(json.loads(source.read_text(encoding="utf-8"))), encoding="utf-8")
    else:
        path = source
    circulars = [wfrules.load_circular(i) for i in ids]
    context = wfrules.load_context(EXAMPLES / context_file) if context_file else None
    fast, core = both(path, circulars, context)
    assert fast[0] == "report", fast  # the fast path took the file
    assert fast == core
    # And through the CLI, in the formats whose text carries the locations.
    args = ["check", str(path), *(a for i in ids for a in ("-c", i))]
    if context_file:
        args += ["--context", str(EXAMPLES / context_file)]
    for fmt in ("json", "text", "sarif"):
        assert run([*args, "-f", fmt, "--engine", "fast"]) == run([*args, "-f", fmt, "--engine", "core"])


#: Regions of the generated units (empty: the unit has none) and the region scopes of the generated rules.
REGIONS = ("32.73", "61.71", "31.71", "32.73", "61.71", "")
SCOPE_REGIONS = (["java-bali"], ["32.73"], ["Kalimantan Barat"], ["DKI Jakarta", "61.71"])
#: Limits that rosters of a few people often break (the generated ones are often loose).
BITING = (
    {"kind": "share", "modes": ["remote"], "max": 0.25, "of": "listed", "rounding": "down"},
    {"kind": "share", "modes": ["WFO"], "max": 0.5, "of": "listed"},
    {"kind": "headcount", "modes": ["onsite"], "min": 2},
    {"kind": "share", "modes": ["onsite"], "min": 0.5, "of": "staff", "rounding": "up"},
    {"kind": "forbid", "modes": ["WFA"]},
)


@st.composite
def issue8_cases(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """A CSV roster with a ``region`` and a ``grade`` column, circulars whose rules use region scopes,
    context conditions and employee filters, and maybe a second circular amending and revoking rules
    of the first; and context rows for some regions and dates."""
    data = draw(rosters(min_employees=1, max_units=4))
    regions = {u["id"]: draw(st.sampled_from(REGIONS)) for u in data["units"]}
    grades = [draw(st.sampled_from(["a", "b", ""])) for _ in data["assignments"]]
    unit_of = {e["id"]: e["unit"] for e in data["employees"]}
    plain = list(csv.reader(io.StringIO(to_csv(data))))
    rows = [[*plain[0], "region", "grade"]]
    rows += [[*row, regions[unit_of[a["employee"]]], grade]
             for row, a, grade in zip(plain[1:], data["assignments"], grades, strict=True)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    biting = st.one_of(limits(), st.sampled_from(BITING))
    rules = draw(st.lists(rule_dicts(applying=draw(st.booleans()), limit=biting), min_size=1, max_size=4,
                          unique_by=lambda r: r["id"]))
    for rule in rules:
        if draw(st.booleans()):
            rule["scope"] = {**rule.get("scope", {}), "regions": draw(st.sampled_from(SCOPE_REGIONS))}
        if draw(st.booleans()):
            rule["context"] = {"ppkm_level": draw(st.sampled_from([1, 2, [2, 3]]))}
        if draw(st.booleans()):
            selection: dict[str, Any] = {"where": {"grade": draw(st.sampled_from(["a", "b"]))}}
            if draw(st.integers(0, 3)):
                selection["missing"] = {"grade": "b"}
            rule["employees"] = selection
    first = {"id": "first", "number": "1/2024", "title": "First", "issuer": "Test", "jurisdiction": "test",
             "issued": "2024-01-02", "rules": rules}
    circulars = [first]
    if draw(st.booleans()):
        dates = st.sampled_from(KALBAR_DATES).map(dt.date.isoformat)
        amends = [{"circular": "first", "rule": r["id"], "from": draw(dates), "limit": draw(biting)}
                  for r in rules if draw(st.booleans())]
        revokes = [{"circular": "first", "rules": [r["id"]], "from": draw(dates)} for r in rules if draw(st.booleans())]
        circulars.append({**first, "id": "second", "issued": "2024-02-01", "rules": [], "amends": amends,
                          "revokes": revokes})
    context = [{"region": region, "from": draw(st.sampled_from(KALBAR_DATES[:2])).isoformat(), "to": "2024-12-31",
                "ppkm_level": draw(st.integers(1, 3))}
               for region in ("32.73", "61.71", "31.71") if draw(st.integers(0, 5))]
    return out.getvalue(), circulars, context


@given(case=issue8_cases(), crlf=st.booleans())
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_the_fast_path_gives_the_core_outcome_with_issue8_rules(
    case: tuple[str, list[dict[str, Any]], list[dict[str, Any]]], crlf: bool, tmp_path: Path,
) -> None:
    needs_duckdb()
    text, circulars, rows = case
    path = tmp_path / "roster.csv"
    path.write_text(text.replace("\n", "\r\n") if crlf else text, encoding="utf-8", newline="")
    try:
        parsed = [wfrules.Circular.model_validate(c) for c in circulars]
    except ValueError:
        return  # an amendment's limit that does not fit its rule: a rule-file error, not a roster question
    context = ContextTable.from_rows(rows) if rows else None
    fast, core = both(path, parsed, context)
    if text.count("\n") > 1:
        assert fast[0] != "declined", "a clean CSV roster must take the fast path"
    assert fast in (core, ("declined",))


@given(data=rosters(min_employees=1), circular=circular_dicts(min_rules=1), crlf=st.booleans())
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_the_fast_path_gives_the_core_verdict(data: dict[str, Any], circular: dict[str, Any], crlf: bool,
                                              tmp_path: Path) -> None:
    needs_duckdb()
    text = to_csv(data)
    path = tmp_path / "roster.csv"
    path.write_text(text.replace("\n", "\r\n") if crlf else text, encoding="utf-8", newline="")
    fast, core = both(path, [KALBAR, MENPAN, wfrules.Circular.model_validate(circular)])
    if text.count("\n") > 1:
        assert fast[0] == "report", "a clean CSV roster must take the fast path"
    assert fast in (core, ("declined",))


GOOD = "employee,unit,date,mode,sector,tags\ne1,u1,2024-04-16,WFH,health,\ne2,u1,2024-04-16,WFO,health,\n"

#: One employee on 70 dates (2024-01-01 onwards): more date spellings than the bits of one integer.
MANY_DATES = "".join(f"e9,u1,{dt.date(2024, 1, 1) + dt.timedelta(days=n)},WFO,health,\n" for n in range(70))
#: One employee on 63 dates: with the two rows' date of GOOD, 64 spellings, every bit of the integer.
DATES_64 = "".join(f"e9,u1,{dt.date(2024, 1, 1) + dt.timedelta(days=n)},WFO,health,\n" for n in range(63))

#: Files the fast path must leave to the core reader (each an input error, or something only the core reads).
DECLINED = {
    "unknown mode": GOOD + "e3,u1,2024-04-16,WHF,health,\n",
    "unknown sector": GOOD + "e3,u1,2024-04-16,WFO,helth,\n",
    "bad date": GOOD + "e3,u1,2024-13-16,WFO,health,\n",
    "month-first date": GOOD + "e3,u1,04/16/2024,WFO,health,\n",
    "two spellings of a date": GOOD + "e3,u1,16/04/2024,WFO,health,\n",
    "duplicate": GOOD + "e1,u1,2024-04-16,WFO,health,\n",
    "two units": GOOD + "e1,u2,2024-04-17,WFO,health,\n",
    "sector contradiction": GOOD + "e3,u1,2024-04-16,WFO,energy,\n",
    "tags contradiction": GOOD + "e3,u1,2024-04-16,WFO,health,direct_service\n",
    "empty mode": GOOD + "e3,u1,2024-04-16,,health,\n",
    "short row": GOOD + "e3,u1,2024-04-16\n",
    "long row": GOOD + "e3,u1,2024-04-16,WFO,health,,x\n",
    "blank line": GOOD + "\ne3,u1,2024-04-16,WFO,health,\n",
    "blank last line": GOOD + "\n",
    "blank line with CRLF": GOOD.replace("\n", "\r\n") + "\r\ne3,u1,2024-04-16,WFO,health,\r\n",
    # A lone carriage return may end a row for DuckDB: with a blank line, rows and lines would agree.
    "lone carriage return": GOOD + "e3,u1,2024-04-16,WFO,health,\re4,u1,2024-04-16,WFO,health,\n",
    "lone carriage return and a blank line": GOOD + "e3,u1,2024-04-16,WFO,health,\re4,u1,2024-04-16,WFO,health,\n\n",
    "carriage return at the end": GOOD + "e3,u1,2024-04-16,WFO,health,\r",
    "carriage return in a cell": GOOD + "e3,u\r1,2024-04-16,WFO,health,\n",
    "NUL byte": GOOD + "e3,u1,2024-04-16,WFO,health,\0\n",
    "spaces-only line": GOOD + "   \ne3,u1,2024-04-16,WFO,health,\n",
    "line break in a cell": GOOD + 'e3,"u\n1",2024-04-16,WFO,health,\n',
    "unclosed quote": GOOD + 'e3,"u1,2024-04-16,WFO,health,\n',
    "space around an id": GOOD + "e3 ,u1,2024-04-16,WFO,health,\n",
    "no-break space in an id": GOOD + "e3\u00a0,u1,2024-04-16,WFO,health,\n",
    "tab before an id": GOOD + "\te3,u1,2024-04-16,WFO,health,\n",
    "negative scientific NIP": GOOD + '"-1,98802e-17",u1,2024-04-16,WFO,health,\n',
    "space around a unit": GOOD + "e3, u1,2024-04-16,WFO,health,\n",
    "empty employee": GOOD + ",u1,2024-04-16,WFO,health,\n",
    "empty date": GOOD + "e3,u1,,WFO,health,\n",
    "empty unit": GOOD + "e3,,2024-04-16,WFO,health,\n",
    "empty row": GOOD + ",,,,,\n",
    "quote-prefixed NIP": GOOD + "'e3,u1,2024-04-16,WFO,health,\n",
    "scientific NIP": GOOD + "1.98802E+17,u1,2024-04-16,WFO,health,\n",
    "semicolon": GOOD.replace(",", ";"),
    "BOM": "\ufeff" + GOOD,
    "sep line": "sep=,\n" + GOOD,
    "two columns meaning employee": GOOD.replace("sector,", "nip,", 1),
    "header only": "employee,unit,date,mode\n",
    "no newline after the header": "employee,unit,date,mode",
    "missing column": GOOD.replace("mode,", "modus,", 1),
    # Over 64 date spellings the duplicate test is a query of its own.
    "duplicate among 70 dates": GOOD + MANY_DATES + "e9,u1,2024-01-05,WFO,health,\n",
    "duplicate on the 64th date": GOOD + DATES_64 + "e9,u1,2024-03-03,WFO,health,\n",
}


@pytest.mark.parametrize("case", sorted(DECLINED))
def test_the_fast_path_leaves_problems_to_the_core(case: str, tmp_path: Path) -> None:
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_text(DECLINED[case], encoding="utf-8", newline="")
    assert _fast.load_csv(path) is None
    args = ["check", str(path), "-c", "kalbar-se-800-01-2024", "-f", "json"]
    assert run([*args, "--engine", "fast"]) == run([*args, "--engine", "core"])


#: Files the fast path reads as the core does (aliases, spellings, quoting, other columns).
ACCEPTED = {
    "Indonesian headers": GOOD.replace("employee,unit,date,mode", "NIP,Unit Kerja,tanggal,status", 1),
    "Indonesian date": GOOD.replace("2024-04-16", "16/04/2024"),
    "month name": GOOD.replace("2024-04-16", "16 April 2024"),
    "extra columns": GOOD.replace("tags\n", "tags,jabatan\n", 1).replace(",\n", ",,staf\n"),
    "quoted cells and CRLF": 'employee,unit,date,mode,sector,tags\r\n"e1","u1",2024-04-16,wfh,kesehatan,'
                             '"direct_service;hospital"\r\ne2,u1,2024-04-16,H,health,hospital;direct_service\r\n'
                             "e3,u1,2024-04-17,CT,Kesehatan,direct_service|hospital",
    "spaces around modes and sectors": GOOD.replace(",WFH,health,", ", wfh , Health ,"),
    "unit names": "employee,unit,unit_name,date,mode\ne1,u1,Dinas A,2024-04-16,WFH\ne2,u1,,2024-04-16,WFH\n",
    "padded row (Excel)": GOOD + "e3,u1,2024-04-16,WFO,health,,,\n",
    "no sector column": "employee,unit,date,mode\ne1,u1,2024-04-16,WFH\ne2,u1,2024-04-17,WFO\n",
    "70 dates": GOOD + MANY_DATES,
    "64 dates": GOOD + DATES_64,
    "ids that only look like numbers": GOOD + "12E,u1,2024-04-16,WFO,health,\ne5,u1,2024-04-16,WFO,health,\n"
                                       "x1e5,u1,2024-04-16,WFO,health,\n",
    # The fast path joins a violating cell's ids with U+001F: an id holding one is read again as a list.
    "separator inside an id": GOOD.replace("e1,", "e\x1f1,").replace("e2,u1,2024-04-16,WFO", "e2,u1,2024-04-16,WFH"),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_the_fast_path_reads_what_the_core_reads(case: str, tmp_path: Path) -> None:
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_text(ACCEPTED[case], encoding="utf-8", newline="")
    fast, core = both(path, [KALBAR, MENPAN])
    assert fast[0] == "report"
    assert fast == core
    if "separator" in case:  # the cell whose people are read back holds the id
        assert repr("e\x1f1")[1:-1] in str(fast[1]["violations"])
    roster, reference = _fast.load_csv(path), wfrules.load_roster(path)
    assert roster is not None
    assert (roster.units, roster.staff_counts, roster.dates) == (reference.units, reference.staff_counts,
                                                                 reference.dates)
    assert roster.model_dump(mode="json") == reference.model_dump(mode="json")


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_the_shape_of_a_file_does_not_depend_on_where_its_reads_end(chunk: int, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is read in chunks: a CRLF split between two reads is one line end, and a lone carriage
    return or a blank line is found wherever the reads end."""
    needs_duckdb()
    monkeypatch.setattr(_fast, "_CHUNK", chunk)
    path = tmp_path / "roster.csv"
    for text in (ACCEPTED["quoted cells and CRLF"], GOOD.replace("\n", "\r\n"), GOOD, GOOD.rstrip("\n")):
        path.write_text(text, encoding="utf-8", newline="")
        assert _fast.load_csv(path) is not None, repr(text)
    for case in ("lone carriage return", "lone carriage return and a blank line", "carriage return at the end",
                 "blank line", "blank line with CRLF", "NUL byte"):
        path.write_text(DECLINED[case], encoding="utf-8", newline="")
        assert _fast.load_csv(path) is None, case


def test_the_people_of_a_cell_are_put_in_file_order_whatever_order_duckdb_gives(tmp_path: Path) -> None:
    """DuckDB's string aggregate follows its threads, not the file: the read-back orders each cell's rows
    itself (here the rows come back reversed)."""
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_text(GOOD + "e3,u1,2024-04-16,WFA,health,\ne4,u1,2024-04-17,WFH,health,\ne5,u1,2024-04-17,WFO,health,\n",
                    encoding="utf-8", newline="")
    scan = _fast.scan(path)
    assert scan is not None
    real = scan._con

    class Reversed:
        def execute(self, query: str, params: Any = None) -> Any:
            result = real.execute(query, params)
            if "string_agg" not in query:
                return result
            rows = []
            for i, text in result.fetchall():
                parts = text.split("\x1f")
                triples = [parts[n:n + 3] for n in range(0, len(parts), 3)]
                rows.append((i, "\x1f".join(x for triple in reversed(triples) for x in triple)))
            return type("Result", (), {"fetchall": lambda self: rows})()

    expected = scan.tally()
    scan.fill_entries(expected)
    scan._con = Reversed()
    counts = scan.tally()
    scan.fill_entries(counts)
    scan._con = real
    entries = {key: cell.entries for key, cell in counts.cells.items()}
    assert entries == {key: cell.entries for key, cell in expected.cells.items()}
    assert entries[("u1", dt.date(2024, 4, 16))] == [("e1", "WFH", 0), ("e2", "WFO", 1), ("e3", "WFA", 2)]
    assert entries[("u1", dt.date(2024, 4, 17))] == [("e4", "WFH", 3), ("e5", "WFO", 4)]


def test_the_duckdb_package_serves_when_its_engine_module_is_not_top_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path imports DuckDB's compiled engine (``_duckdb``) alone when it can (start-up time), and
    the ``duckdb`` package otherwise (releases before 1.4): the same counts either way."""
    needs_duckdb()
    import importlib

    path = tmp_path / "roster.csv"
    path.write_text(GOOD + "e3,u1,2024-04-17,WFA,health,\n", encoding="utf-8", newline="")
    expected = _fast.scan(path)
    assert expected is not None
    real = importlib.import_module

    def without_engine_module(name: str, package: str | None = None) -> Any:
        if name == "_duckdb":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_engine_module)
    assert _fast._engine_module() is importlib.import_module("duckdb")
    counted = _fast.scan(path)
    assert counted is not None
    assert counted.tally() == expected.tally()
    assert counted.staff_counts() == expected.staff_counts()


def test_the_counting_thread_hands_its_exception_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """``load_inputs`` counts a roster in a thread while the circulars load: an unexpected error there is
    raised in the caller's thread (here as the CLI's internal-error path sees it), and the thread is
    waited for when loading the circulars fails."""
    needs_duckdb()
    from wfrules import _cliutil

    def broken(*_: object, **__: object) -> None:
        raise MemoryError("no room")

    monkeypatch.setattr(_fast, "load_csv", broken)
    roster = str(KALBAR_EXAMPLES / "roster-violating.csv")
    with pytest.raises(MemoryError, match="no room"):
        _cliutil.load_inputs(["kalbar-se-800-01-2024"], roster, engine="fast")
    finished: list[bool] = []

    def slow(*_: object, **__: object) -> None:
        import time

        time.sleep(0.2)
        finished.append(True)

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_fast, "load_csv", slow)
    monkeypatch.setattr(_cliutil, "load_circular", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _cliutil.load_inputs(["kalbar-se-800-01-2024"], roster, engine="fast")
    assert finished == [True]


def test_the_line_count_thread_hands_its_exception_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The line count runs in a thread of its own while DuckDB loads the file: an unexpected error there is
    raised by the scan in the caller's thread (not printed by the thread and the file quietly left to the
    core); a file the count finds unusual still goes to the core (``None``)."""
    needs_duckdb()
    roster = KALBAR_EXAMPLES / "roster-violating.csv"

    def broken(*_: object) -> int:
        raise MemoryError("no room")

    monkeypatch.setattr(_fast, "_lines", broken)
    with pytest.raises(MemoryError, match="no room"):
        _fast.scan(roster)

    def unusual(*_: object) -> int:
        raise _fast._CoreNeeded

    monkeypatch.setattr(_fast, "_lines", unusual)
    assert _fast.scan(roster) is None


def test_an_interrupted_count_stops_and_its_thread_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while ``load_inputs`` waits for the counting thread interrupts the count and waits for the
    thread (the process must not exit while DuckDB works), then goes on as a KeyboardInterrupt."""
    needs_duckdb()
    import os
    import signal
    import threading

    from wfrules import _cliutil

    stopped: list[bool] = []

    def until_interrupted(*_: object, interrupter: _fast.Interrupter, **__: object) -> None:
        for _ in range(500):  # 5 s at most: a failure, not a hang
            if interrupter.interrupted:
                stopped.append(True)
                return
            threading.Event().wait(0.01)

    monkeypatch.setattr(_fast, "load_csv", until_interrupted)
    # Sent to the process (as Ctrl-C is), so the main thread receives it.
    timer = threading.Timer(0.2, os.kill, [os.getpid(), signal.SIGINT])
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _cliutil.load_inputs(["kalbar-se-800-01-2024"], str(KALBAR_EXAMPLES / "roster-violating.csv"),
                                 engine="fast")
    finally:
        timer.cancel()
    assert stopped == [True]
    assert [t.name for t in threading.enumerate() if t.name == "wfrules-fast"] == []


def test_an_interrupted_scan_gives_none(tmp_path: Path) -> None:
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_text(GOOD, encoding="utf-8", newline="")
    interrupter = _fast.Interrupter()
    assert _fast.scan(path, interrupter=interrupter) is not None
    interrupter.interrupt()
    assert _fast.scan(path, interrupter=interrupter) is None


def test_not_utf8_is_left_to_the_core(tmp_path: Path) -> None:
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_bytes(GOOD.encode() + "e3,unit-é,2024-04-16,WFO,health,\n".encode("latin-1"))
    assert _fast.load_csv(path) is None
    args = ["check", str(path), "-c", "kalbar-se-800-01-2024", "-f", "json"]
    assert run([*args, "--engine", "fast"]) == run([*args, "--engine", "core"])


def test_a_file_over_the_size_limit_is_left_to_the_core(tmp_path: Path) -> None:
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert _fast.load_csv(path, max_bytes=10) is None
    assert _fast.load_csv(path, max_bytes=len(GOOD)) is not None
    code, _, err = run(["check", str(path), "-c", "kalbar-se-800-01-2024", "--engine", "fast",
                        "--max-file-size", "10"])
    assert code == 2
    assert "over the limit" in err


def test_a_file_changed_after_the_count_is_an_error_when_its_rows_are_read(tmp_path: Path) -> None:
    needs_duckdb()
    path = tmp_path / "roster.csv"
    path.write_text(GOOD, encoding="utf-8")
    roster = _fast.load_csv(path)
    assert roster is not None
    path.write_text(GOOD + "e3,u1,2024-04-16,WFO,health,\n", encoding="utf-8")
    with pytest.raises(wfrules.RosterError, match="changed"):
        roster.assignments[0]  # reading the rows is the point


def test_auto_takes_the_fast_path_from_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """``auto`` counts a CSV file of ``AUTO_MIN_BYTES`` or more with DuckDB (the threshold lowered to the
    example's size here), and one byte under it with the core."""
    needs_duckdb()
    from wfrules import _cliutil

    calls: list[str] = []
    real = _fast.load_csv

    def spy(path: str, **options: Any) -> wfrules.Roster | None:
        calls.append(path)
        return real(path, **options)

    monkeypatch.setattr(_fast, "load_csv", spy)
    monkeypatch.delenv("WFRULES_ENGINE", raising=False)
    roster = KALBAR_EXAMPLES / "roster-violating.csv"
    args = ["check", str(roster), "-c", "kalbar-se-800-01-2024"]
    monkeypatch.setattr(_cliutil, "AUTO_MIN_BYTES", roster.stat().st_size + 1)
    assert run(args)[0] == 1
    assert calls == []
    monkeypatch.setattr(_cliutil, "AUTO_MIN_BYTES", roster.stat().st_size)
    assert run(args)[0] == 1
    assert calls == [str(roster)]


def test_only_check_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """``WFRULES_ENGINE`` is ``check``'s: other commands read rosters with the core reader."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the fast path ran")

    monkeypatch.setattr(_fast, "load_csv", refuse)
    monkeypatch.setenv("WFRULES_ENGINE", "fast")
    code, out, _ = run(["quota", str(KALBAR_EXAMPLES / "roster-violating.csv"), "-c", "kalbar-se-800-01-2024"])
    assert code in (0, 1)
    assert out
