"""Snapshots: each catalog circular's JSON report on the example roster, committed under tests/snapshots/.

A change to a catalog file, the engine or the messages that moves a verdict shows up here as a diff to
review. After a deliberate change, refresh them with ``WFRULES_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py``
and commit the new files.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import wfrules
from wfrules._cli import main

HERE = Path(__file__).resolve().parent
# Relative to the repository root, as a CI job would name it: reports carry the roster's path.
ROSTER = "examples/kalbar-2024/roster-violating.json"
SNAPSHOTS = HERE / "snapshots"


@pytest.mark.parametrize("circular_id", wfrules.catalog_ids())
@pytest.mark.parametrize("lang", ["en", "id"])
def test_catalog_report_matches_its_snapshot(circular_id: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE.parent)
    out = io.StringIO()
    code = main(["check", ROSTER, "--circular", circular_id, "--format", "json", "--lang", lang],
                stdout=out, stderr=io.StringIO())
    snapshot = SNAPSHOTS / f"{circular_id}.{lang}.json"
    if os.environ.get("WFRULES_UPDATE_SNAPSHOTS"):
        snapshot.write_text(out.getvalue(), encoding="utf-8")
    expected = json.loads(snapshot.read_text(encoding="utf-8"))
    assert json.loads(out.getvalue()) == expected
    assert code == (0 if expected["ok"] else 1)


FORMATS = {"markdown": "md", "github": "github.txt", "junit": "junit.xml", "sarif": "sarif.json", "text": "txt"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", ["en", "id"])
def test_kalbar_report_in_each_format_matches_its_snapshot(
    fmt: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole text of each format, so a change in wording, escaping or layout is reviewed as a diff."""
    monkeypatch.chdir(HERE.parent)
    out = io.StringIO()
    code = main(["check", ROSTER.replace(".json", ".csv"), "--circular", "kalbar-se-800-01-2024", "--format", fmt,
                 "--lang", lang], stdout=out, stderr=io.StringIO())
    assert code == 1
    snapshot = SNAPSHOTS / f"kalbar-se-800-01-2024.{lang}.{FORMATS[fmt]}"
    if os.environ.get("WFRULES_UPDATE_SNAPSHOTS"):
        snapshot.write_text(out.getvalue(), encoding="utf-8")
    assert out.getvalue() == snapshot.read_text(encoding="utf-8")
