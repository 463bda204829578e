"""The examples people copy from: the notebook-style script runs, and the generator reproduces the rosters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024"


@pytest.mark.parametrize(("which", "expected"), [("violating", "ok: False | violations: 7"),
                                                 ("compliant", "ok: True | violations: 0")])
def test_the_notebook_style_script_checks_the_example(which: str, expected: str) -> None:
    done = subprocess.run([sys.executable, str(FOLDER / "check_roster.py"), which],
                          capture_output=True, text=True, check=True)
    assert expected in done.stdout
    assert done.stderr == ""


def test_the_generator_reproduces_the_committed_rosters(tmp_path: Path) -> None:
    script = tmp_path / "make_rosters.py"
    script.write_bytes((FOLDER / "make_rosters.py").read_bytes())
    subprocess.run([sys.executable, str(script)], capture_output=True, check=True, cwd=tmp_path)
    for name in ("roster-compliant.json", "roster-compliant.csv", "roster-violating.json", "roster-violating.csv"):
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), name
