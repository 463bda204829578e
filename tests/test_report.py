"""The report as data: JSON, records, a DataFrame and notebook HTML all carry the same violations."""

from __future__ import annotations

import sys
import types
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import wfrules
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
