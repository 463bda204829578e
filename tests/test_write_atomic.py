"""``write_atomic`` writes text in pieces as they come (a 10M-row JSON report is never held whole with ``-o``)
and still replaces the file whole or not at all."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from wfrules._cli import main
from wfrules._cliutil import write_atomic

KALBAR = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024"


def test_pieces_are_written_as_their_join(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, iter(["{", "\n  \"ok\": ", "true", "\n}\n", "Sémarang"]))
    assert target.read_text(encoding="utf-8") == '{\n  "ok": true\n}\nSémarang'


def test_a_failure_while_the_pieces_are_made_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("before\n")

    def pieces() -> Iterator[str]:
        yield "half of "
        raise RuntimeError("the report could not be finished")

    with pytest.raises(RuntimeError):
        write_atomic(target, pieces())
    assert target.read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left


def test_check_with_o_writes_what_it_prints(tmp_path: Path) -> None:
    roster = str(KALBAR / "roster-violating.csv")
    args = ["check", roster, "--circular", "kalbar-se-800-01-2024", "--format", "json", "--lang", "id"]
    out, err = io.StringIO(), io.StringIO()
    printed_code = main(args, stdout=out, stderr=err)
    target = tmp_path / "report.json"
    written_code = main([*args, "-o", str(target)], stdout=io.StringIO(), stderr=io.StringIO())
    assert (printed_code, written_code) == (1, 1)
    assert target.read_text(encoding="utf-8") == out.getvalue()
