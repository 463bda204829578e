"""The pre-commit hook checks every file it is given and fails when one of them fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from wfrules._precommit import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = str(ROOT / "examples" / "kalbar-2024" / "roster-compliant.csv")
BAD = str(ROOT / "examples" / "kalbar-2024" / "roster-violating.json")


def test_the_worst_file_decides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--circular", "kalbar-se-800-01-2024", GOOD]) == 0
    assert main(["--circular", "kalbar-se-800-01-2024", GOOD, BAD]) == 1
    out = capsys.readouterr().out
    assert out.count("wfrules check: kalbar-se-800-01-2024") == 3  # one report per file, per run
    assert main(["--circular", "kalbar-se-800-01-2024", "--fail-on", "never", BAD]) == 0


def test_a_bad_file_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "roster.csv"
    broken.write_text("employee,unit,date,mode\ne1,u,2024-04-16,WHF\n", encoding="utf-8")
    assert main(["--circular", "kalbar-se-800-01-2024", GOOD, str(broken)]) == 2
    assert "roster.csv:2" in capsys.readouterr().err


def test_the_hook_definition_runs_this_module() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "wfrules-check"
    assert hook["entry"] == "python -m wfrules._precommit"
    pattern = re.compile(hook["files"])
    assert pattern.search("hr/jadwal-april.csv")
    assert pattern.search("data/Roster_2024.json")
    assert not pattern.search("package.json")
