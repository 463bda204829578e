"""CLI entry points and options not covered elsewhere: ``python -m wfrules``, ``catalog``, ``--version``,
and the language taken from the environment."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import wfrules
from wfrules._cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-violating.json"


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wfrules", "check", str(EXAMPLE), "--circular", "kalbar-se-800-01-2024",
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1
    assert len(json.loads(done.stdout)["violations"]) == 7


def test_catalog_lists_every_shipped_circular_with_its_metadata() -> None:
    code, out, _ = run(["catalog", "--format", "json"])
    entries = json.loads(out)
    assert code == 0
    assert [e["id"] for e in entries] == wfrules.catalog_ids()
    kalbar = next(e for e in entries if e["id"] == "kalbar-se-800-01-2024")
    assert (kalbar["number"], kalbar["issued"], kalbar["based_on"]) == (
        "800/01/Prov/2024", "2024-04-13", ["menpanrb-se-01-2024"]
    )
    code, text, _ = run(["catalog"])
    assert code == 0
    assert all(e["id"] in text for e in entries)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"wfrules {wfrules.__version__}"


@pytest.mark.parametrize(("locale", "word"), [("id_ID.UTF-8", "pelanggaran"), ("en_US.UTF-8", "error")])
def test_the_language_defaults_from_the_locale(monkeypatch: pytest.MonkeyPatch, locale: str, word: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    code, out, _ = run(["check", str(EXAMPLE), "--circular", "kalbar-se-800-01-2024"])
    assert code == 1
    assert f"[{word}]" in out


def test_lang_flag_overrides_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8")
    _, out, _ = run(["check", str(EXAMPLE), "--circular", "kalbar-se-800-01-2024", "--lang", "en"])
    assert "[error]" in out
    assert "[pelanggaran]" not in out
