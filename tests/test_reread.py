"""A counted CSV roster read a second time (people of violating cells, rules needing every row) must be the
file that was counted: a file changed or removed in between is a clear RosterError, never a mixed verdict."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wfrules import RosterError
from wfrules._stream import reread_csv, scan_csv

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-compliant.csv"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "roster.csv"
    shutil.copyfile(EXAMPLE, target)
    return target


def test_materialize_reads_the_same_file_again(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    scan = scan_csv(path, "utf-8")
    assert scan is not None
    roster = scan.materialize()
    assert len(roster.assignments) == scan.assignments


@pytest.mark.parametrize("change", ["append", "remove"])
def test_a_file_changed_after_counting_is_refused(tmp_path: Path, change: str) -> None:
    path = _copy(tmp_path)
    scan = scan_csv(path, "utf-8")
    assert scan is not None
    if change == "append":
        with path.open("a", encoding="utf-8") as stream:
            stream.write("\n")
        os.utime(path, ns=(0, 0))
    else:
        path.unlink()
    with pytest.raises(RosterError, match="changed \\(or went away\\)") as info:
        scan.materialize()
    assert info.value.path == str(path)


def test_reread_checks_the_fingerprint_it_is_given(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    info = path.stat()
    roster = reread_csv(str(path), (info.st_size, info.st_mtime_ns), "utf-8", 50)
    assert roster.assignments
    with pytest.raises(RosterError, match="check it again"):
        reread_csv(str(path), (info.st_size + 1, info.st_mtime_ns), "utf-8", 50)
