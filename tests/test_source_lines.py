"""Loaded rosters remember the line of each assignment (for reports that point at the offending line)."""

from __future__ import annotations

from pathlib import Path

import wfrules


def test_csv_rows_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("employee,unit,date,mode\n\ne1,u,2024-04-16,WFO\ne2,u,2024-04-16,WFH\n", encoding="utf-8")
    roster = wfrules.load_roster(path)
    assert roster.source_path == str(path)
    assert [roster.line_of(i) for i in range(2)] == [3, 4]


def test_json_assignments_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(
        '{"units": [{"id": "u"}],\n "employees": [{"id": "e1", "unit": "u"}, {"id": "e2", "unit": "u"}],\n'
        ' "assignments": [\n  {"employee": "e1", "date": "2024-04-16", "mode": "WFO"},\n\n'
        '  {"employee": "e2", "date": "2024-04-16", "mode": "WFH"}\n ]}\n',
        encoding="utf-8",
    )
    roster = wfrules.load_roster(path)
    assert [roster.line_of(i) for i in range(2)] == [4, 6]


def test_a_roster_built_in_python_has_no_lines() -> None:
    roster = wfrules.Roster.model_validate({"assignments": []})
    assert roster.source_path is None
    assert roster.line_of(0) is None
