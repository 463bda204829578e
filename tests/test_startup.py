"""Start-up shortcuts give what they stand for: the header's delimiter as ``csv.Sniffer`` judges it, the
terminal width as ``shutil`` reads it, and the program (``wfrules`` / ``python -m wfrules``) runs as
:func:`wfrules._cli.main` does, with the garbage collector's start-up handling confined to it."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfrules._cliutil import Parser, terminal_columns
from wfrules._stream import _sniff_delimiter

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "examples" / "kalbar-2024" / "roster-violating.csv"


def sniffed(text: str) -> str:
    """The delimiter as ``csv.Sniffer`` says it (``,`` when it cannot tell), as ``_sniff_delimiter`` did."""
    try:
        return csv.Sniffer().sniff(text, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


@given(st.text(alphabet=[",", ";", "\t", " ", ":", "|", "a", "B", "1", "_", '"', "'", "\r", "\n", "é"], max_size=24))
def test_the_delimiter_is_the_sniffers(text: str) -> None:
    assert _sniff_delimiter(text) == sniffed(text)


@pytest.mark.parametrize("header", [
    "employee,unit,date,mode\n", "nip;unit_kerja;tanggal;status\r\n", "employee\tunit\tdate\tmode\n",
    "nip;unit;tanggal,status\n", "a;b\tc\n", "employee\n", "\n", "", '"nip";"unit"\n', "nip,'unit'\n",
    "a;b\nc,d\n", "a, b, c\n",
])
def test_the_delimiter_of_usual_headers(header: str) -> None:
    assert _sniff_delimiter(header) == sniffed(header)


@pytest.mark.parametrize("columns", [None, "100", "57", " 42 ", "0", "-3", "wide", ""])
@pytest.mark.parametrize("terminal", [None, 0, 132])
def test_the_terminal_width_is_shutils(monkeypatch: pytest.MonkeyPatch, columns: str | None,
                                       terminal: int | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.delenv("LINES", raising=False)

    def size(fd: int) -> os.terminal_size:
        if terminal is None:
            raise OSError("not a terminal")
        return os.terminal_size((terminal, 40))

    monkeypatch.setattr(os, "get_terminal_size", size)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_the_parsers_formatter_has_argparses_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "61")
    parser = Parser(prog="demo")
    parser.add_argument("--long-option-name", help="words " * 30)
    ours = parser.format_help()
    monkeypatch.setattr(Parser, "_get_formatter", lambda self: self.formatter_class(prog=self.prog))
    assert ours == parser.format_help()
    assert max(len(line) for line in ours.splitlines()) <= 59


def run_python(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


STATE = """
import gc, io, json, sys
from wfrules import _cli
out = io.StringIO()
sys.stdout, real = out, sys.stdout
sys.argv = ["wfrules", *sys.argv[2:]]
code = _cli.program() if {program} else _cli.main(sys.argv[1:])
sys.stdout = real
print(json.dumps({{"code": code, "out": out.getvalue(), "frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}}))
"""


def test_the_program_runs_as_main_does_and_freezes_only_its_start_up() -> None:
    args = ["check", str(ROSTER), "--circular", "kalbar-se-800-01-2024", "--format", "json"]
    program = run_python(STATE.format(program=True), "-", *args)
    called = run_python(STATE.format(program=False), "-", *args)
    assert program["code"] == called["code"] == 1
    assert program["out"] == called["out"]
    assert program["enabled"] is called["enabled"] is True  # the collector runs again after start-up
    assert isinstance(program["frozen"], int)
    assert program["frozen"] > 10_000  # the modules' objects
    assert called["frozen"] == 0  # main() itself, as a library call, leaves the collector alone


def test_the_program_with_no_command_or_a_wrong_one() -> None:
    for args in ([], ["chek"], ["check"]):
        program = run_python(STATE.format(program=True), "-", *args)
        called = run_python(STATE.format(program=False), "-", *args)
        assert (program["code"], program["out"]) == (called["code"], called["out"])
        assert program["enabled"] is True


def test_python_dash_m_wfrules_is_the_program() -> None:
    done = subprocess.run([sys.executable, "-m", "wfrules", "check", str(ROSTER), "--circular",
                           "kalbar-se-800-01-2024", "--format", "json"], capture_output=True, text=True, cwd=ROOT,
                          check=False)
    assert done.returncode == 1
    assert json.loads(done.stdout)["ok"] is False

