"""The per-row records the CSV scan keeps (``CsvScan.row_employee``, ``row_code``) name the same people as a
second pass over the file, whatever the number of dates and units.

A row's record is 4 bytes of employee and 4 of code, ``(unit * room + date) * len(MODES) + mode``: the room for
dates starts small and doubles as dates come (the records kept are recoded), and a roster whose codes would
not fit in 4 bytes keeps no records at all (the second pass reads the cells instead).
"""

from __future__ import annotations

import datetime as dt
from array import array
from pathlib import Path

import pytest

from wfrules._engine import Tally
from wfrules._stream import _ROOM, CsvScan, _runs, scan_csv
from wfrules._vocab import MODES

MODES_WRITTEN = ("WFO", "WFH", "CT", "DL", "WFA", "S")


def _write(path: Path, units: int, dates: int, staff: int) -> None:
    """A roster where each date's rows come after the previous date's (the later dates appear in later
    blocks, so the room for dates grows after records are kept), modes varying by row."""
    start = dt.date(2024, 1, 1)
    rows = [
        f"{198000 + u * staff + e},u{u},{start + dt.timedelta(days=d)},"
        f"{MODES_WRITTEN[(u + d + e) % len(MODES_WRITTEN)]}"
        for d in range(dates) for u in range(units) for e in range(staff)
    ]
    path.write_text("employee,unit,date,mode\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _entries(scan: CsvScan, wanted: set[tuple[str, dt.date]] | None) -> dict[tuple[str, dt.date], object]:
    counts: Tally = scan.tally()
    scan.fill_entries(counts, wanted)
    return {key: cell.entries for key, cell in counts.cells.items()}


def _scans(path: Path) -> tuple[CsvScan, CsvScan]:
    kept, second = scan_csv(path, "utf-8"), scan_csv(path, "utf-8", budget=0)
    assert kept is not None
    assert second is not None
    assert not second.buffered
    return kept, second


def test_dates_past_the_first_room_recode_the_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "roster.csv"
    dates = 4 * _ROOM + 3  # the room doubles three times
    _write(path, units=5, dates=dates, staff=4)
    monkeypatch.setattr("wfrules._stream._BLOCK", 200)  # a few rows a block: dates come after rows are kept
    kept, second = _scans(path)
    assert kept.buffered
    assert kept.room == 8 * _ROOM
    assert len(kept.row_code) == len(kept.row_employee) == 5 * dates * 4
    full = _entries(kept, None)
    assert full == _entries(second, None)
    assert all(full.values())
    # Some cells only (the per-row filter), across every date.
    wanted = {key for i, key in enumerate(sorted(full)) if i % 3 == 0}
    some = _entries(kept, wanted)
    assert some == _entries(second, wanted)
    assert {key for key, entries in some.items() if entries} == wanted


def test_codes_that_would_not_fit_keep_no_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "roster.csv"
    _write(path, units=6, dates=3, staff=3)
    # Room for the codes of 4 units of _ROOM dates: the fifth unit drops the records.
    monkeypatch.setattr("wfrules._stream._CODES", 4 * _ROOM * len(MODES))
    kept, second = _scans(path)
    assert not kept.buffered
    assert len(kept.row_code) == len(kept.row_employee) == 0
    full = _entries(kept, None)
    assert full == _entries(second, None)
    assert all(full.values())


def test_codes_that_fit_exactly_keep_their_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "roster.csv"
    _write(path, units=4, dates=3, staff=3)
    monkeypatch.setattr("wfrules._stream._CODES", 4 * _ROOM * len(MODES))
    kept, second = _scans(path)
    assert kept.buffered
    assert max(kept.row_code) < 4 * _ROOM * len(MODES)
    assert _entries(kept, None) == _entries(second, None)


@pytest.mark.parametrize("order", ["grouped", "in_two_halves", "interleaved"])
def test_entries_keep_file_order_however_the_rows_of_a_cell_lie(tmp_path: Path, order: str) -> None:
    """Rows of a cell together (one run each), in two stretches (two runs: the second extends the first), or
    scattered (sorted by cell instead): each cell's entries are its rows in file order, as the second pass."""
    path = tmp_path / "roster.csv"
    _write(path, units=6, dates=3, staff=20)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    if order == "in_two_halves":  # the first ten employees of every unit, then the other ten
        rows = sorted(rows, key=lambda row: (int(row.split(",")[0]) - 198000) % 20 >= 10)
    elif order == "interleaved":
        rows = rows[::7] + rows[1::7] + rows[2::7] + rows[3::7] + rows[4::7] + rows[5::7] + rows[6::7]
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    kept, second = _scans(path)
    assert kept.buffered
    full = _entries(kept, None)
    assert full == _entries(second, None)
    assert all(entries == sorted(entries, key=lambda entry: entry[2]) for entries in full.values())
    wanted = set(list(full)[::2])
    assert _entries(kept, wanted) == _entries(second, wanted)


def test_runs_group_rows_by_cell_in_file_order() -> None:
    cells = array("q", [5] * 10 + [2] * 10 + [5] * 10)  # long stretches: three runs, cell 5 twice
    assert [(cell, list(rows)) for cell, rows in _runs(cells, range(100, 130))] == [
        (5, list(range(100, 110))), (2, list(range(110, 120))), (5, list(range(120, 130)))]
    scattered = array("q", [3, 1, 3, 2, 1, 3])  # short stretches: one run per cell, sorted by cell
    assert [(cell, list(rows)) for cell, rows in _runs(scattered, array("q", [0, 4, 9, 11, 12, 20]))] == [
        (1, [4, 12]), (2, [11]), (3, [0, 9, 20])]
    assert list(_runs(array("q"), range(0))) == []
