"""The per-row records the CSV scan keeps (``CsvScan.row_employee``, ``row_code``) name the same people as a
second pass over the file, whatever the number of dates and units.

A row's record is 4 bytes of employee and 4 of code, ``(unit * room + date) * len(MODES) + mode``: the room for
dates starts small and doubles as dates come (the records kept are recoded), and a roster whose codes would
not fit in 4 bytes keeps no records at all (the second pass reads the cells instead).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wfrules._engine import Tally
from wfrules._stream import _ROOM, CsvScan, scan_csv
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
