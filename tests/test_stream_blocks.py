"""The block-at-a-time CSV scan (``wfrules._stream``) against the validating parser.

The scan reads a file in blocks, looks each column up in caches keyed by the raw cell and parses only cells
it has not met before. These properties check that none of that shows:

* whatever the block and chunk sizes, the spellings (padding, aliases, date formats, ``'`` before a NIP), the
  line endings, blank and padded rows, quoted cells (the csv-module path) and column order, the scan accepts
  exactly the files the validating parser accepts, and counts them the same (cells, people, lines);
* every raw cell in a cache reads as the cell parsed on its own (the cached parse is the parse);
* a file is counted the same however its rows are cut into blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wfrules
from wfrules import RosterError
from wfrules._cells import parse_date_cell, parse_employee_cell
from wfrules._engine import tally
from wfrules._stream import REQUIRED, CsvScan, Layout, _Counter, parse_tags, scan_csv
from wfrules._vocab import MODES, parse_mode, parse_sector

FILE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
                         max_examples=max(10, settings.default.max_examples // 2))

# Spellings of the same few values, as HR exports write them.
EMPLOYEES = {"198001": ["198001", " 198001", "'198001"], "198002": ["198002", "198002 "], "e3": ["e3", " e3"],
             "198004": ["198004"], "198005": ["'198005", "198005"]}
UNITS = {"u1": ["u1", " u1"], "u2": ["u2"], "dinkes": ["dinkes", "dinkes "]}
SECTORS = {"health": ["health", "Kesehatan", " health"], "other": ["", "other", "Lainnya"],
           "government_administration": ["government_administration", "administrasi pemerintahan"]}
TAGS = {("direct_service",): ["direct_service", "Direct Service", "direct_service;"],
        (): ["", " "], ("direct_service", "shift"): ["shift;direct_service", "Direct-Service,shift"]}
DATES = {dt.date(2024, 4, 16): ["2024-04-16", "16/04/2024", "16 April 2024", "Selasa, 16 April 2024"],
         dt.date(2024, 4, 17): ["2024-04-17", "17-04-2024"], dt.date(2024, 4, 18): ["18.04.2024", "2024-04-18"]}
MODE_SPELLINGS = ["WFO", "wfo", "H", " WFH", "WFA", "DL", "CT", "cuti", "S", "LIBUR", "TK", "IZIN"]


@st.composite
def roster_files(draw: st.DrawFn) -> tuple[str, bool]:
    """A CSV roster as text, and whether it was made to be valid (a broken one may still be valid)."""
    units = draw(st.dictionaries(st.sampled_from(sorted(UNITS)), st.tuples(st.sampled_from(sorted(SECTORS)),
                                                                          st.sampled_from(sorted(TAGS))),
                                 min_size=1, max_size=3))
    unit_ids = sorted(units)
    home = {e: draw(st.sampled_from(unit_ids)) for e in draw(st.sets(st.sampled_from(sorted(EMPLOYEES)), min_size=1))}
    pairs = draw(st.lists(st.tuples(st.sampled_from(sorted(home)), st.sampled_from(sorted(DATES))),
                          min_size=1, max_size=25, unique=True))
    columns = draw(st.permutations(["employee", "unit", "date", "mode", "sector", "tags", "nama_unit"]))
    delimiter = draw(st.sampled_from([",", ";"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    quoted = draw(st.booleans())  # a quoted unit name (with a line break sometimes): the csv-module path
    rows = []
    for employee, day in pairs:
        unit = home[employee]
        sector, tags = units[unit]
        cells = {"employee": draw(st.sampled_from(EMPLOYEES[employee])), "unit": draw(st.sampled_from(UNITS[unit])),
                 "date": draw(st.sampled_from(DATES[day])), "mode": draw(st.sampled_from(MODE_SPELLINGS)),
                 "sector": draw(st.sampled_from(SECTORS[sector])), "tags": draw(st.sampled_from(TAGS[tags])),
                 "nama_unit": f"Unit {unit}"}
        cells["tags"] = cells["tags"].replace(delimiter, "|")  # a tags separator that is not the delimiter
        if quoted and draw(st.booleans()):
            cells["nama_unit"] = '"Unit\n' + unit + '"' if draw(st.booleans()) else f'"Unit {unit}"'
        rows.append(delimiter.join(f'"{cells[c]}"' if delimiter in cells[c] else cells[c] for c in columns))
    valid = True
    for _ in range(draw(st.integers(0, 3))):  # blank rows, and rows padded with empty cells (as Excel writes)
        at = draw(st.integers(0, len(rows) - 1))
        if draw(st.booleans()):
            rows.insert(at, draw(st.sampled_from(["", delimiter * 6, " "])))
        elif rows[at].strip():
            rows[at] += delimiter * draw(st.integers(1, 2))
    if draw(st.integers(0, 2)) == 0:  # a problem: a row repeated, a bad mode, a unit restated, a short row
        k = draw(st.integers(0, len(rows) - 1))
        kind = draw(st.sampled_from(["repeat", "mode", "sector", "short"]))
        cells = rows[k].split(delimiter)
        if kind == "repeat":
            rows.insert(k, rows[k])
        elif kind == "mode" and len(cells) == len(columns):
            cells[columns.index("mode")] = "WHF"
        elif kind == "sector" and len(cells) == len(columns):
            cells[columns.index("sector")] = "energy"
        elif kind == "short":
            cells = cells[:-1]
        if kind != "repeat":
            rows[k] = delimiter.join(cells)
        valid = False
    end = draw(st.sampled_from([newline, ""]))
    return newline.join([delimiter.join(columns), *rows]) + end, valid


def _parsed(text: str, path: Path) -> wfrules.Roster | None:
    try:
        return wfrules.parse_roster_csv(text, str(path))
    except RosterError:
        return None


@FILE_SETTINGS
@given(file=roster_files(), block=st.sampled_from([1, 7, 64, 1 << 19]), chunk=st.sampled_from([1, 3, 8192]))
def test_the_scan_accepts_what_the_parser_accepts_and_counts_it_the_same(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, file: tuple[str, bool], block: int,
    chunk: int
) -> None:
    text, _ = file
    path = tmp_path_factory.mktemp("blocks") / "roster.csv"
    path.write_bytes(text.encode("utf-8"))
    monkeypatch.setattr("wfrules._stream._BLOCK", block)
    monkeypatch.setattr("wfrules._stream._CHUNK", chunk)
    parsed = _parsed(text, path)
    scan = scan_csv(path, "utf-8")
    # The scan says "problem" exactly when the parser finds one (it does not give up on a good file).
    assert (scan is None) == (parsed is None), text
    if scan is None or parsed is None:
        return
    streamed = scan.to_roster()
    assert replace(tally(streamed), line_of=None) == replace(tally(parsed), line_of=None)
    assert [streamed.line_of(i) for i in range(len(parsed.assignments))] == \
        [parsed.line_of(i) for i in range(len(parsed.assignments))]
    assert streamed.line_of(len(parsed.assignments)) is None
    assert scan.distinct_dates() == list(dict.fromkeys(a.date for a in parsed.assignments))
    assert scan.staff_counts() == parsed.staff_counts
    assert [u.id for u in scan.units] == [u.id for u in parsed.units]


@FILE_SETTINGS
@given(file=roster_files())
def test_a_file_made_valid_is_counted_by_the_scan(tmp_path_factory: pytest.TempPathFactory,
                                                  file: tuple[str, bool]) -> None:
    text, valid = file
    path = tmp_path_factory.mktemp("valid") / "roster.csv"
    path.write_bytes(text.encode("utf-8"))
    if valid:  # the generator's spellings are all readable: the scan never falls back on them
        assert scan_csv(path, "utf-8") is not None, text


# ------------------------------------------------------------------------------- the caches themselves


def _counter(columns: list[str]) -> _Counter:
    layout = Layout(",", {c: i for i, c in enumerate(columns) if c in (*REQUIRED, "sector", "tags")}, {},
                    len(columns), 0)
    return _Counter(CsvScan("<test>", "utf-8", (0, 0), layout), budget=10**9)


@given(rows=st.lists(st.tuples(st.sampled_from(sorted(EMPLOYEES)), st.sampled_from(sorted(DATES)),
                               st.sampled_from(MODE_SPELLINGS), st.data()), min_size=1, max_size=40),
       cuts=st.lists(st.integers(1, 40), max_size=6))
def test_every_cached_cell_reads_as_the_cell_parsed_alone(rows: list[tuple[str, dt.date, str, Any]],
                                                         cuts: list[int]) -> None:
    counter = _counter(["employee", "unit", "date", "mode", "sector", "tags"])
    seen: set[tuple[str, dt.date]] = set()
    table = []
    for employee, day, mode, data in rows:
        if (employee, day) in seen:
            continue
        seen.add((employee, day))
        table.append([data.draw(st.sampled_from(EMPLOYEES[employee])), "u1", data.draw(st.sampled_from(DATES[day])),
                      mode, data.draw(st.sampled_from(SECTORS["health"])),
                      data.draw(st.sampled_from(TAGS[("direct_service",)]))])
    start = 0
    for cut in [*sorted(set(cuts)), len(table)]:  # the same rows cut into blocks anywhere
        part = table[start:cut]
        if part:
            assert counter.block([[row[i] for row in part] for i in counter.wanted], len(part))
            start = cut
    counter.finish()
    scan = counter.scan
    assert scan.assignments == len(table)
    for raw, index in counter.dates.items():
        assert scan.dates[index].date == parse_date_cell(raw)
    for raw, index in counter.modes.items():
        assert MODES[index] == parse_mode(raw)[0]
    for raw, index in counter.employees.items():
        assert scan.employee_ids[index] == parse_employee_cell(raw)
    for raw, index in counter.units.items():
        unit = scan.units[index]
        assert unit.id == raw.strip()
        assert (unit.sector, unit.tags) == (parse_sector(counter.stated[0][index].strip()),
                                            parse_tags(counter.stated[1][index]))
    # Counts: each row once, in its unit, date and mode.
    expected = [0] * (len(MODES) * len(scan.dates))
    for row in table:
        day = counter.dates[row[2]]
        expected[day * len(MODES) + counter.modes[row[3]]] += 1
    assert scan.units[0].counts == expected
    assert scan.units[0].staff == len({parse_employee_cell(row[0]) for row in table})


def test_a_block_with_a_cell_that_does_not_parse_changes_nothing() -> None:
    counter = _counter(["employee", "unit", "date", "mode"])
    assert counter.block([["198001", "198002"], ["u1", "u1"], ["2024-04-16", "2024-04-16"], ["WFO", "WFH"]], 2)
    before = (dict(counter.dates), dict(counter.modes), dict(counter.units), dict(counter.employees))
    # A new employee, a new date and a mode that is no mode: refused as a whole, for the row-by-row reader.
    assert not counter.block([["198003"], ["u2"], ["2024-04-17"], ["WHF"]], 1)
    assert (counter.dates, counter.modes, counter.units, counter.employees) == before
    assert counter.scan.assignments == 2


def test_a_large_plain_file_is_cut_into_blocks_that_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [f"{198000 + i},u{i % 7},2024-04-{16 + d},{('WFO', 'WFH', 'CT')[(i + d) % 3]},health,"
            for d in range(3) for i in range(400)]
    path = tmp_path / "roster.csv"
    path.write_text("employee,unit,date,mode,sector,tags\n" + "\n".join(rows) + "\n", encoding="utf-8")
    whole = scan_csv(path, "utf-8")
    monkeypatch.setattr("wfrules._stream._BLOCK", 1000)  # about 30 rows a block, cut anywhere in a line
    cut = scan_csv(path, "utf-8")
    assert whole is not None
    assert cut is not None
    assert [u.counts for u in cut.units] == [u.counts for u in whole.units]
    assert cut.row_code == whole.row_code
    assert cut.row_employee == whole.row_employee
    assert cut.linear
    assert cut.line_of(1199) == 1201


@pytest.mark.parametrize(("sector", "tags", "ok"), [
    ("Kesehatan", "Direct Service", True),  # other spellings of the same sector and tags
    ("energy", "direct_service", False),  # another sector
    ("health", "", False),  # other tags
    ("", "direct_service", False),  # blank: "other"
])
def test_a_unit_restated_in_another_block_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sector: str,
                                                     tags: str, ok: bool) -> None:
    rows = [f"{198000 + i},u1,2024-04-16,WFO,health,direct_service" for i in range(50)]
    rows.append(f"199000,u1,2024-04-16,WFO,{sector},{tags}")
    path = tmp_path / "roster.csv"
    text = "employee,unit,date,mode,sector,tags\n" + "\n".join(rows) + "\n"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("wfrules._stream._BLOCK", 500)  # the last row in a block of its own
    assert (scan_csv(path, "utf-8") is not None) == ok == (_parsed(text, path) is not None)
