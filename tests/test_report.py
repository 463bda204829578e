"""The report as data: JSON, records, a DataFrame and notebook HTML all carry the same violations."""

from __future__ import annotations

import sys
import types
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import wfrules
from tests.rule_strategies import circular_dicts
from tests.strategies import rosters
from wfrules import Report, UsageError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-violating.json"


@pytest.fixture(scope="module")
def report() -> Report:
    roster = wfrules.load_roster(EXAMPLE)
    return wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")])


def keys(records: list[dict[str, Any]]) -> list[tuple[str, str, str, int]]:
    return [(r["rule"], r["unit"], str(r["date"]), r["excess"]) for r in records]


def test_records_are_one_flat_row_per_violation(report: Report) -> None:
    records = report.to_records()
    assert len(records) == len(report.violations) == 7
    assert keys(records) == [(v.rule, v.unit, str(v.date), v.excess) for v in report.violations]
    for record in records:
        assert all(not isinstance(value, (dict, list, tuple)) for value in record.values())


def test_records_agree_with_the_json_report(report: Report) -> None:
    data = report.to_json_dict()
    assert [(v["rule"], v["unit"], v["date"], v["excess"]) for v in data["violations"]] == keys(report.to_records())


def test_to_pandas_without_pandas_names_the_extra(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(UsageError) as info:
        report.to_pandas()
    assert "wfrules[pandas]" in (info.value.hint or "")


def test_to_pandas_builds_a_frame_from_the_records(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    built: dict[str, Any] = {}

    def data_frame(records: list[dict[str, Any]], columns: list[str]) -> str:
        built.update(records=records, columns=columns)
        return "frame"

    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=data_frame))
    assert report.to_pandas() == "frame"
    assert built["records"] == report.to_records()
    assert set(built["columns"]) == set(report.to_records()[0])


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        self._in_cell = tag in ("td", "th")
        if self._in_cell:
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.rows[-1][-1] += data


def test_notebook_html_lists_every_violation(report: Report) -> None:
    parser = _Cells()
    parser.feed(report._repr_html_())
    header, *rows = parser.rows
    assert "FAILED" in report._repr_html_()
    assert len(rows) == len(report.violations)
    index = {name: header.index(name) for name in ("unit", "rule", "excess")}
    assert [(r[index["rule"]], r[index["unit"]], int(r[index["excess"]])) for r in rows] == [
        (v.rule, v.unit, v.excess) for v in report.violations
    ]


def test_notebook_html_escapes_what_it_shows() -> None:
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "<script>", "sector": "health"}],
        "employees": [{"id": "e&1", "unit": "<script>"}],
        "assignments": [{"employee": "e&1", "date": "2024-04-16", "mode": "WFH"}],
    })
    html = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")])._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_in_lang_switches_every_message(report: Report) -> None:
    indonesian = report.in_lang("id")
    assert [v.message for v in indonesian.violations] == [v.render_message("id") for v in report.violations]
    assert all("orang" in v.message for v in indonesian.violations)
    with pytest.raises(UsageError):
        report.in_lang("fr")  # type: ignore[arg-type]


def test_text_report_quotes_each_clause_in_full_once(report: Report) -> None:
    from wfrules._render import render_text

    out = " ".join(render_text(report, "en", width=10_000).split())
    full = next(v.citation for v in report.violations if v.rule == "direct-service-present-100")
    assert out.count(full) == 1  # three units break it: the clause is quoted once, then shortened
    assert out.count("clause: SE Gubernur Kalbar 800/01/Prov/2024, pelayanan langsung kepada masyarakat") == 3


# --- cells, roll-ups and locations (issue 6) -------------------------------------------------------------

def test_cells_count_every_assignment_once(report: Report) -> None:
    assert sum(c.onsite + c.remote + c.absent + c.off for c in report.cells) == report.summary["assignments"]
    assert all(c.listed == c.onsite + c.remote + c.absent for c in report.cells)
    assert len({(c.unit, c.date) for c in report.cells}) == len(report.cells)


def test_unit_records_roll_up_the_cells_and_the_violations(report: Report) -> None:
    units = report.unit_records()
    assert [u["unit"] for u in units] == list(dict.fromkeys(c.unit for c in report.cells))
    assert sum(u["violations"] for u in units) == len(report.violations)
    assert sum(u["excess"] for u in units) == sum(v.excess for v in report.violations)
    assert sum(u["listed"] for u in units) == sum(c.listed for c in report.cells)
    bkd = next(u for u in units if u["unit"] == "bkd")
    assert (bkd["dates"], bkd["violations"], bkd["errors"]) == (3, 1, 1)


def test_to_pandas_tables(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[tuple[list[dict[str, Any]], list[str]]] = []
    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(
        DataFrame=lambda records, columns: built.append((records, columns)) or len(records)))
    assert report.to_pandas("units") == len(report.unit_records())
    assert report.to_pandas("cells") == len(report.cells)
    assert built[1][1][:3] == ["unit", "sector", "date"]
    with pytest.raises(UsageError, match="unknown table"):
        report.to_pandas("people")  # type: ignore[arg-type]


def test_a_roster_built_in_python_has_no_locations() -> None:
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "u", "sector": "health"}], "employees": [{"id": "e", "unit": "u"}],
        "assignments": [{"employee": "e", "date": "2024-04-16", "mode": "WFH"}],
    })
    (violation, *_) = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")]).violations
    assert (violation.file, violation.lines, violation.line) == (None, (), None)


def test_full_json_adds_cells_and_sources(report: Report) -> None:
    plain, full = report.to_json_dict(), report.to_json_dict(full=True)
    assert "cells" not in plain
    assert "sources" not in plain
    assert len(full["cells"]) == len(report.cells)
    assert [r["id"] for s in full["sources"] for r in s["rules"]] == [
        "essential-wfo-100", "others-wfh-max-50", "direct-service-present-100"]


@settings(max_examples=40, deadline=None)
@given(roster=rosters(max_units=3, max_employees=6), circular=circular_dicts(applying=True))
def test_property_cells_agree_with_the_verdicts(roster: dict[str, Any], circular: dict[str, Any]) -> None:
    loaded = wfrules.Roster.model_validate(roster)
    report = wfrules.check(loaded, [wfrules.Circular.model_validate(circular)])
    assert sum(c.onsite + c.remote + c.absent + c.off for c in report.cells) == len(loaded.assignments)
    cells = {(c.unit, c.date): c for c in report.cells}
    assert len(cells) == len(report.cells) == report.summary["units"] * report.summary["dates"]
    for v in report.violations:
        cell = cells[v.unit, v.date]
        counted = set(v.actual["modes"])
        # A broken cap on remote modes only: the cell's cap is at most that bound, and the count exceeds it.
        if "max" in v.required and counted and counted <= {"WFH", "WFA"}:
            assert cell.max_remote is not None
            assert cell.max_remote <= v.required["max"] < v.actual["count"]
        if "min" in v.required and counted and counted <= {"WFO", "DL"}:
            assert cell.min_onsite is not None
            assert cell.min_onsite >= v.required["min"] > v.actual["count"]
