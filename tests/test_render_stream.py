"""The JSON report written in pieces (``iter_json``) is exactly the one-string render it replaced."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wfrules
from tests.strategies import rosters, to_csv
from wfrules._cli import main
from wfrules._messages import Lang
from wfrules._render import iter_json, render_json
from wfrules._report import Report

KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")


def old_render_json(report: Report, lang: Lang) -> str:
    """The render before streaming: the whole report's dict, dumped at once."""
    data = report.in_lang(lang).to_json_dict()
    data["lang"] = lang
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=40)
@given(roster=rosters(), lang=st.sampled_from(["en", "id"]), check_lang=st.sampled_from(["en", "id"]))
def test_streamed_json_is_the_old_render(roster: dict[str, Any], lang: Lang, check_lang: Lang) -> None:
    report = wfrules.check(wfrules.Roster.model_validate(roster), KALBAR, lang=check_lang)
    pieces = list(iter_json(report, lang))
    assert "".join(pieces) == old_render_json(report, lang) == render_json(report, lang)
    assert len(pieces) >= len(report.violations), "one piece per violation at least: nothing held whole"


def test_empty_report_streams_empty_lists() -> None:
    report = Report(ok=True, circulars=(), violations=(), summary={})
    assert "".join(iter_json(report, "id")) == old_render_json(report, "id")
    assert '"violations": []' in render_json(report, "en")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(wfrules.UsageError):
        next(iter_json(Report(ok=True, circulars=(), violations=(), summary={}), "fr"))  # type: ignore[arg-type]


@settings(max_examples=15, deadline=None)
@given(roster=rosters(min_employees=3))
def test_cli_streams_the_same_json_to_stdout_and_to_a_file(roster: dict[str, Any], tmp_path_factory: Any) -> None:
    folder: Path = tmp_path_factory.mktemp("stream")
    path = folder / "roster.csv"
    path.write_text(to_csv(roster), encoding="utf-8")
    out = io.StringIO()
    code = main(["check", str(path), "--circular", "kalbar-se-800-01-2024", "--format", "json", "--engine", "core"],
                stdout=out)
    target = folder / "report.json"
    assert main(["check", str(path), "--circular", "kalbar-se-800-01-2024", "--format", "json", "--engine", "core",
                 "-o", str(target)]) == code
    assert out.getvalue() == target.read_text(encoding="utf-8")
    report = wfrules.check(wfrules.load_roster(path), KALBAR)
    assert out.getvalue() == old_render_json(report, report.lang)


def test_cli_stream_on_an_ascii_stream_escapes_what_it_cannot_show(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "employee_id,unit,sector,date,mode\n"
        + "".join(f"e{i},Dinas Pendidikan,government_administration,2024-04-16,WFH\n" for i in range(4)),
        encoding="utf-8",
    )
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    code = main(["check", str(path), "--circular", "kalbar-se-800-01-2024", "--format", "json", "--lang", "id"],
                stdout=stream)
    assert code == 1
    stream.flush()
    expected = old_render_json(wfrules.check(wfrules.load_roster(path), KALBAR, lang="id"), "id")
    assert raw.getvalue() == expected.encode("ascii", "backslashreplace")
