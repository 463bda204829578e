"""CSV rosters: the validating parser, and the streaming scan that checks and counts a file without an object
per row.

Two readers share every cell parser (``_cells``, ``_vocab``) and the header handling:

* :func:`parse_csv` reads every row into records and reports every problem with its line (what
  :func:`wfrules.parse_roster_csv` returns, and what a streamed roster becomes when its rows are asked for);
* :func:`scan_csv` reads a file once, keeping only counts per (unit, date, mode), an employee → index map,
  a bitmap per date for "two assignments on one date", and (up to a budget) a compact record of which
  employee had which mode in which cell. Its memory grows with units × dates and distinct employees, not
  with rows. At the first problem it stops and the caller re-reads the file with :func:`parse_csv`, so the
  errors are exactly the validating parser's.

A property test checks that both readers accept the same files and count them the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, repeat
from operator import add, floordiv, is_, mod, mul, ne
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from ._cells import CellError, parse_date_cell, parse_employee_cell
from ._errors import Problem, RosterError
from ._gc import no_gc
from ._vocab import MODES, UnknownName, parse_mode, parse_sector, parse_tag, suggest

if TYPE_CHECKING:
    from ._engine import Tally
    from ._roster import Roster

#: Rows whose (employee, mode) the scan keeps per cell, so the people of a violating cell need no second
#: pass; past this many, the records are dropped and a second pass reads the violating cells only. A row's
#: record is 8 bytes (at most 128 MB): less than the second pass costs, in time and in memory (it makes a
#: new string per person named; the records name them by the scan's own strings).
ENTRY_BUDGET = 16_000_000
_CHUNK = 8_192  # rows read at a time through the csv module: small, so a chunk never weighs on the peak memory
#: Dates a roster may have (more than 2,800 years of days).
_DATES = 1 << 20
#: Room for dates in a code (doubled as dates come), and the codes a row's 4-byte record holds: a roster with
#: more units × room for dates than that (over 400 million) keeps no records (a second pass reads the cells).
_ROOM = 8
_CODES = 1 << 32
_BLOCK = 1 << 19  # characters read at a time from a file without quotes (about 9,000 rows)

COLUMN_ALIASES: dict[str, str] = {
    "employee": "employee", "nip": "employee", "pegawai": "employee", "employee_id": "employee",
    "id_pegawai": "employee", "nip_pegawai": "employee",
    "unit": "unit", "unit_kerja": "unit", "opd": "unit", "unit_id": "unit", "satuan_kerja": "unit",
    "satker": "unit", "skpd": "unit", "kode_unit": "unit",
    "date": "date", "tanggal": "date", "tgl": "date",
    "mode": "mode", "status": "mode", "keterangan": "mode", "kode": "mode", "ket": "mode",
    "status_kerja": "mode", "sistem_kerja": "mode",
    "sector": "sector", "sektor": "sector",
    "tags": "tags", "tag": "tags", "label": "tags",
    "name": "name", "nama": "name", "employee_name": "name", "nama_pegawai": "name",
    "unit_name": "unit_name", "nama_unit": "unit_name", "nama_unit_kerja": "unit_name",
    "leave_type": "leave_type", "jenis_cuti": "leave_type",
}
REQUIRED = ("employee", "unit", "date", "mode")
_MODE_INDEX = {mode: i for i, mode in enumerate(MODES)}
_TAG_SEPARATORS = str.maketrans({",": ";", "|": ";"})

ProblemSink = Callable[[str, int | None, int | None, str | None], None]


# ------------------------------------------------------------------------------------------- the header


class Layout:
    """Where each column is, and how the file is split.

    The classes of this module are written out rather than made with ``@dataclass``, which compiles their
    methods each time the module is imported (a start-up cost of every check of a CSV roster)."""

    __slots__ = ("columns", "delimiter", "extras", "offset", "width")

    def __init__(self, delimiter: str, columns: dict[str, int], extras: dict[str, int], width: int,
                 offset: int) -> None:
        self.delimiter = delimiter
        self.columns = columns
        self.extras = extras
        self.width = width
        #: Lines before the header row (an Excel ``sep=;`` line, blank lines).
        self.offset = offset


def _normal_header(raw: str) -> str:
    return "_".join(raw.strip().strip('"').lower().replace("-", " ").replace(".", " ").split())


def _sniff_delimiter(line: str) -> str:
    """``,``, ``;`` or tab, judged from the header line (Excel in Indonesian locales writes ``;``).

    What ``csv.Sniffer`` says (``,`` when it cannot tell). For one line without quote characters (the usual
    header) its answer is known without running it (it compiles four regular expressions, a start-up cost):
    its quote patterns cannot match, and its frequency test keeps every delimiter the line has, then prefers
    ``,``, then tab, then ``;``.

    >>> _sniff_delimiter("nip;unit_kerja;tanggal;status"), _sniff_delimiter("a,b;c"), _sniff_delimiter("x")
    (';', ',', ',')
    """
    if "\n" not in line.rstrip("\n") and '"' not in line and "'" not in line:
        return next((d for d in ",\t;" if d in line), ",")
    try:
        return csv.Sniffer().sniff(line, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def csv_columns(header: list[str], problem: ProblemSink, line: int = 1) -> tuple[dict[str, int], dict[str, int]]:
    """The index of each known column (by canonical name, aliases resolved) and of each extra column.

    >>> csv_columns(["NIP", "Unit Kerja", "tanggal", "status", "jabatan"], print)
    ({'employee': 0, 'unit': 1, 'date': 2, 'mode': 3}, {'jabatan': 4})
    """
    columns: dict[str, int] = {}
    extras: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = _normal_header(raw)
        canonical = COLUMN_ALIASES.get(name)
        if canonical is None:
            if name in extras:
                problem(f"two columns are named {raw.strip()!r}", line, index + 1, "rename or remove one")
            elif name:
                extras[name] = index
        elif canonical in columns:
            problem(f"two columns mean {canonical!r}: {header[columns[canonical]]!r} and {raw!r}", line, index + 1,
                    "keep one")
        else:
            columns[canonical] = index
    return columns, extras


def read_header(stream: TextIO, path: str, problem: ProblemSink) -> tuple[Iterator[list[str]], Layout, str]:
    """Read up to the header row; return the row reader positioned after it, the layout and the header line.

    Raises :class:`RosterError` when there is no usable header (missing required columns, unreadable).
    """
    offset = 0
    first = stream.readline()
    delimiter = None
    stripped = first.lstrip("\ufeff").rstrip("\r\n")
    if stripped.lower().startswith("sep=") and len(stripped) == 5:  # Excel's "sep=;" line
        delimiter, offset, first = stripped[4], 1, stream.readline()
    while first and not first.strip():  # blank lines before the header
        offset += 1
        first = stream.readline()
    if not first:
        raise RosterError(Problem("the file is empty", path, hint="check you exported the right file"))
    first = first.lstrip("\ufeff")
    delimiter = delimiter or _sniff_delimiter(first)
    # strict: an unclosed quote is an error, not a cell that silently swallows the rest of the file.
    reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise RosterError(Problem(f"cannot read the CSV header: {exc}", path, offset + 1)) from None
    line = offset + 1
    columns, extras = csv_columns(header, problem, line)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        close = {m: suggest(m, [h.strip() for h in header]) for m in missing}
        hints = ", ".join(f"{m!r} (is {close[m]!r} it?)" if close[m] else repr(m) for m in missing)
        raise RosterError(Problem(
            f"missing required column(s) {', '.join(missing)}", path, line, None,
            f"the header needs employee,unit,date,mode (or nip,unit_kerja,tanggal,status); add {hints}",
        ))
    return reader, Layout(delimiter, columns, extras, len(header), offset), first


def _stated(what: str, value: str | tuple[str, ...], cell: str | None = None) -> str:
    """How a row states a unit's sector or tags, for a message: ``sector 'health'``, ``no tags``."""
    if what == "tags":
        return f"tags {';'.join(value)!r}" if value else "no tags"
    return f"sector {value!r}" if cell != "" else f"no sector (blank, read as {value!r})"


def parse_tags(cell: str) -> tuple[str, ...]:
    """A unit's tags from one cell: separated by ``;`` (or ``,``, ``|``), normalised, sorted, once each.

    >>> parse_tags("Direct Service; shift,direct_service")
    ('direct_service', 'shift')
    """
    return tuple(sorted({parse_tag(t) for t in cell.translate(_TAG_SEPARATORS).split(";") if t.strip()}))


def _sector_of(cell: str) -> str:
    return parse_sector(cell) if cell else "other"


def _padded(cells: list[str], width: int) -> bool:
    """Whether a row longer than the header only has empty cells past it (Excel pads rows so)."""
    return len(cells) > width and not any(cells[width:])


def _boundaries(row: list[str]) -> int:
    """How many line breaks the row's quoted cells contain (to find the line a row starts on)."""
    return sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row)


# ------------------------------------------------------------------------------------ the full parser


class Parsed:
    """What :func:`parse_csv` read: JSON-shaped records and each assignment's line."""

    __slots__ = ("assignments", "employees", "lines", "units")

    def __init__(self, units: list[dict[str, Any]], employees: list[dict[str, Any]],
                 assignments: list[dict[str, Any]], lines: list[int]) -> None:
        self.units = units
        self.employees = employees
        self.assignments = assignments
        self.lines = lines


def parse_csv(stream: TextIO, path: str, max_errors: int, *, records: bool = True) -> Parsed:
    """Read and check every row (CONTRACT §2); raise :class:`RosterError` with every problem found (up to
    ``max_errors``), each at its FILE:LINE:COLUMN. With ``records=False`` only the problems are wanted."""
    problems: list[Problem] = []
    dropped = 0

    def problem(message: str, line: int | None, column: int | None = None, hint: str | None = None) -> None:
        nonlocal dropped
        if len(problems) < max_errors:
            problems.append(Problem(message, path, line, column, hint))
        else:
            dropped += 1

    reader, layout, _ = read_header(stream, path, problem)
    columns, extras, width, offset = layout.columns, layout.extras, layout.width, layout.offset
    index_of = {name: columns[name] for name in REQUIRED}
    optional = {name: columns.get(name) for name in ("sector", "tags", "name", "unit_name", "leave_type")}

    def cell(cells: list[str], name: str) -> str:
        index = optional[name]
        return cells[index] if index is not None else ""

    # The CSV is denormalised, so units and employees are built here, and the cross-row checks that
    # reference_problems does for JSON (one unit per employee, one assignment per employee and date) are
    # done here too, where the line of each row is known.
    units: dict[str, dict[str, Any]] = {}
    unit_line: dict[str, int] = {}
    employees: dict[str, dict[str, Any]] = {}
    employee_line: dict[str, int] = {}
    assignments: list[dict[str, Any]] = []
    lines: list[int] = []
    seen: dict[tuple[str, dt.date], int] = {}
    last = offset + reader.line_num  # type: ignore[attr-defined]  # the line the previous row ended on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                problem("a quote (\") opened in the row starting here is never closed", last + 1, None,
                        "close the quote, or remove it; every row after it was read as part of one cell")
            else:
                problem(f"malformed CSV: {exc}", offset + reader.line_num, None,  # type: ignore[attr-defined]
                        "a quote inside a cell must be doubled (\"\"), or the cell quoted as a whole")
            break
        last = offset + reader.line_num  # type: ignore[attr-defined]
        start = last - _boundaries(row)
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) != width:
            if _padded(cells, width):
                cells = cells[:width]
            else:
                problem(f"this row has {len(cells)} cell(s) but the header has {width}", start, None,
                        "check the delimiter and the quoting of this row")
                if len(cells) < width:
                    continue
        ok = True
        for name in REQUIRED:
            if not cells[index_of[name]]:
                problem(f"empty {name}", start, index_of[name] + 1, f"fill in the {name} column")
                ok = False
        if not ok:
            continue
        try:
            employee = parse_employee_cell(cells[index_of["employee"]])
            if not employee:
                raise CellError("empty employee", "fill in the employee column")
        except CellError as exc:
            problem(exc.message, start, index_of["employee"] + 1, exc.hint)
            continue
        unit = cells[index_of["unit"]]
        try:
            date = parse_date_cell(cells[index_of["date"]])
        except CellError as exc:
            problem(exc.message, start, index_of["date"] + 1, exc.hint)
            continue
        try:
            mode, leave = parse_mode(cells[index_of["mode"]])
        except UnknownName as exc:
            problem(exc.short, start, index_of["mode"] + 1,
                    exc.hint or "modes: WFO, DL, WFH, WFA, CUTI, SAKIT, IZIN, TK, LIBUR, or an alias")
            continue
        # Every row states its unit's sector and tags (a blank cell states "other" / no tags): rows that
        # disagree are an error, never a silent pick, because a tag decides which rules apply.
        sector_text = cell(cells, "sector")
        try:
            sector = _sector_of(sector_text)
        except UnknownName as exc:
            problem(exc.short, start, (optional["sector"] or 0) + 1, exc.hint or "see the sector list in the README")
            continue
        tags = parse_tags(cell(cells, "tags"))
        known = units.get(unit)
        if known is None:
            units[unit] = {"id": unit, "sector": sector, "tags": tags}
            if unit_name := cell(cells, "unit_name"):
                units[unit]["name"] = unit_name
            unit_line[unit] = start
        elif (known["sector"], known["tags"]) != (sector, tags):
            what = "sector" if known["sector"] != sector else "tags"
            here, before = (sector, known["sector"]) if what == "sector" else (tags, known["tags"])
            problem(
                f"unit {unit!r} has {_stated(what, here, sector_text)} here but {_stated(what, before)} on line "
                f"{unit_line[unit]}",
                start, (optional[what] or 0) + 1, "a unit has one sector and one set of tags; make the rows agree",
            )
            continue
        owner = employees.get(employee)
        if owner is None:
            employees[employee] = {"id": employee, "unit": unit}
            if employee_name := cell(cells, "name"):
                employees[employee]["name"] = employee_name
            employee_line[employee] = start
        elif owner["unit"] != unit:
            problem(
                f"employee {employee!r} is in unit {unit!r} here but in {owner['unit']!r} on line "
                f"{employee_line[employee]}", start, index_of["unit"] + 1, "an employee belongs to one unit",
            )
            continue
        key = (employee, date)
        if key in seen:
            problem(f"employee {employee!r} has two assignments on {date}", start, index_of["date"] + 1,
                    f"keep one; the other is on line {seen[key]}")
            continue
        seen[key] = start
        if records and not problems:
            record: dict[str, Any] = {"employee": employee, "date": date, "mode": mode,
                                      "leave_type": cell(cells, "leave_type") or leave}
            for name, index in extras.items():
                if cells[index]:
                    record[name] = cells[index]
            assignments.append(record)
            lines.append(start)
    if problems:
        raise RosterError(problems, dropped=dropped)
    return Parsed(list(units.values()), list(employees.values()), assignments, lines)


# ---------------------------------------------------------------------------------------- the stream


class _Stop(Exception):
    """The scan met a problem: the validating parser takes over to report it."""


class _NotPlain(Exception):
    """The file has a quote, a NUL or a lone carriage return: it is read again with the csv module."""


class _UnitSlot:
    __slots__ = ("counts", "id", "index", "name", "sector", "staff", "tags")

    def __init__(self, index: int, id: str, sector: str, tags: tuple[str, ...], name: str | None,
                 counts: list[int], staff: int = 0) -> None:
        self.index = index
        self.id = id
        self.sector = sector
        self.tags = tags
        self.name = name
        #: Counts per date and mode, flat: ``counts[date_index * len(MODES) + mode_index]``.
        self.counts = counts
        self.staff = staff


class _DateSlot:
    __slots__ = ("date", "index", "offset")

    def __init__(self, index: int, date: dt.date, offset: int) -> None:
        self.index = index
        self.date = date
        self.offset = offset  # index * len(MODES)


class CsvScan:
    """One pass over a CSV roster file: everything a check needs, nothing per row beyond the entry budget."""

    def __init__(self, path: str, encoding: str, fingerprint: tuple[int, int], layout: Layout, *,
                 max_errors: int = 50, first_line: int = 0, linear: bool = False) -> None:
        self.path = path
        self.encoding = encoding
        self.fingerprint = fingerprint
        self.layout = layout
        self.units: list[_UnitSlot] = []
        self.dates: list[_DateSlot] = []
        self.employee_ids: list[str] = []
        self.employee_unit: array[int] = array("I")
        self.assignments = 0
        #: Per assignment (within :data:`ENTRY_BUDGET`): its employee's index, and its cell and mode as
        #: ``(unit index * room + date index) * len(MODES) + mode index`` (``room``: :attr:`room`, a power of
        #: two at least the number of dates). Emptied past the budget.
        self.row_employee: array[int] = array("I")
        self.row_code: array[int] = array("I")
        self.room = _ROOM
        #: Whether every row's entry is still recorded (within :data:`ENTRY_BUDGET`).
        self.buffered = True
        self.max_errors = max_errors
        #: The line of the first data row, and whether every row is one line (no line break inside a quoted
        #: cell): then the line of assignment ``i`` is ``first_line + i`` plus the blank rows before it.
        self.first_line = first_line
        self.linear = linear
        #: For each blank row skipped: how many assignments came before it (ascending).
        self.blanks: array[int] = array("q")
        self._materialized: Roster | None = None
        self._lines: array[int] | None = None

    # -- what a check needs

    def tally(self) -> Tally:
        """Counts per (unit, date); ``Cell.entries`` are empty until :meth:`fill_entries`."""
        from ._engine import Cell, Tally, UnitInfo

        width = len(MODES)
        units = {u.id: UnitInfo(u.id, u.sector, u.tags, u.staff) for u in self.units}
        cells: dict[tuple[str, dt.date], Cell] = {}
        for unit in self.units:
            counts = unit.counts
            for day in self.dates:
                part = counts[day.offset: day.offset + width]
                if any(part):
                    cells[unit.id, day.date] = Cell(counts=part)
        return Tally(units=units, cells=cells, assignments=self.assignments)

    def fill_entries(self, counts: Tally, wanted: set[tuple[str, dt.date]] | None = None) -> None:
        """Fill ``entries`` of the cells in ``wanted`` (every cell when ``None``), in file order: from the
        records kept while scanning, else with a second pass over the file for those cells only."""
        keys = set(counts.cells) if wanted is None else {k for k in wanted if k in counts.cells}
        if not keys:
            return
        if self.buffered:
            with no_gc():
                self._fill_from_rows(counts, keys)
            return
        for unit_id, day in keys:
            counts.cells[unit_id, day].entries = []
        for unit_id, day, employee, mode, index in self._rows_of(keys):
            counts.cells[unit_id, day].entries.append((employee, MODES[mode], index))

    def _fill_from_rows(self, counts: Tally, keys: set[tuple[str, dt.date]]) -> None:
        """Entries from the per-row arrays, grouped per cell at C speed (map, sorted, zip)."""
        width = len(MODES)
        unit_index = {u.id: u.index for u in self.units}
        date_index = {d.date: d.index for d in self.dates}
        rows, codes = self.row_employee, self.row_code
        wanted = {unit_index[u] * self.room + date_index[d]: (u, d) for u, d in keys}
        chosen: Sequence[int] = range(len(rows))
        if len(wanted) < len(counts.cells):  # a byte per row, not an int object per row
            # 4 bytes per chosen row in an array, not a list of int objects (about 36 bytes each)
            chosen = array("I", compress(chosen, bytes(map(wanted.__contains__, map(floordiv, codes, repeat(width))))))
        cell_of = array("I", map(floordiv, map(codes.__getitem__, chosen), repeat(width)))
        mode_of_code = MODES * 1  # code % width, by a look-up
        ids = self.employee_ids
        filled: set[int] = set()
        for cell, members in _runs(cell_of, chosen):
            entries = list(zip(
                map(ids.__getitem__, map(rows.__getitem__, members)),
                map(mode_of_code.__getitem__, map(mod, map(codes.__getitem__, members), repeat(width))),
                members, strict=True,
            ))
            if cell in filled:  # a later run of the same cell: its rows come after the earlier ones'
                counts.cells[wanted[cell]].entries.extend(entries)
            else:
                counts.cells[wanted[cell]].entries = entries
                filled.add(cell)

    def _rows_of(self, keys: set[tuple[str, dt.date]]) -> Iterator[tuple[str, dt.date, str, int, int]]:
        """Second pass: (unit, date, employee, mode index, assignment index) of the rows in ``keys``."""
        wanted_units = {unit for unit, _ in keys}
        ie, iu, idate, im = (self.layout.columns[c] for c in REQUIRED)
        for index, (row, _) in enumerate(self._data_rows()):
            unit = row[iu].strip()
            if unit not in wanted_units:
                continue
            day = parse_date_cell(row[idate])
            if (unit, day) in keys:
                yield unit, day, parse_employee_cell(row[ie]), _MODE_INDEX[parse_mode(row[im])[0]], index

    def _data_rows(self) -> Iterator[tuple[list[str], int]]:
        """Another pass over the (checked) file: each non-blank row, and the line it ends on."""
        with self._reopen() as stream:
            reader, layout, _ = read_header(stream, self.path, _ignore)
            for row in reader:
                if row and any(c.strip() for c in row):
                    yield row, layout.offset + reader.line_num  # type: ignore[attr-defined]

    def line_of(self, index: int) -> int | None:
        """The line of assignment ``index``: counted from the scan when every row is one line, else from a
        table one extra pass builds, the first time."""
        if not 0 <= index < self.assignments:
            return None
        if self.linear:
            return self.first_line + index + bisect_right(self.blanks, index)
        if self._lines is None:
            self._lines = array("I", (end - _boundaries(row) for row, end in self._data_rows()))
        return self._lines[index] if index < len(self._lines) else None

    # -- the roster it stands for

    def distinct_dates(self) -> list[dt.date]:
        """The dates of the roster, in order of first appearance."""
        return [d.date for d in self.dates]

    def staff_counts(self) -> dict[str, int]:
        """Distinct employees per unit."""
        return {u.id: u.staff for u in self.units}

    def to_roster(self) -> Roster:
        """The :class:`~wfrules.Roster` this scan stands for; its rows are read only if asked for."""
        from ._roster import Roster, Unit

        units = [Unit._scanned(slot.id, slot.sector, slot.tags, slot.name) for slot in self.units]
        return Roster._streamed(self, self.path, units, len(self.employee_ids), self.assignments)

    def materialize(self) -> Roster:
        """The full roster (pydantic objects for every row), read again with the validating parser."""
        if self._materialized is None:
            self._materialized = reread_csv(self.path, self.fingerprint, self.encoding, self.max_errors)
        return self._materialized

    def _reopen(self) -> TextIO:
        return reopen_unchanged(self.path, self.fingerprint, self.encoding)


def reopen_unchanged(path: str, fingerprint: tuple[int, int], encoding: str) -> TextIO:
    """Open a roster file again for a second look, refusing it if its ``(size, mtime_ns)`` changed since
    it was first read (the counts already taken would not describe it any more)."""
    try:
        info = Path(path).stat()
    except OSError:
        info = None
    if info is None or (info.st_size, info.st_mtime_ns) != fingerprint:
        raise RosterError(Problem("the file changed (or went away) after it was read", path,
                                  hint="check it again"))
    return open_text(Path(path), encoding)


def reread_csv(path: str, fingerprint: tuple[int, int], encoding: str, max_errors: int) -> Roster:
    """The full roster of an already counted CSV file (pydantic objects for every row), read again with the
    validating parser, each assignment keeping its source line. Shared by the core scan and the fast path."""
    from ._roster import Roster

    with reopen_unchanged(path, fingerprint, encoding) as stream:
        parsed = parse_csv(stream, path, max_errors)
    roster = Roster.model_validate(
        {"units": parsed.units, "employees": parsed.employees, "assignments": parsed.assignments},
        context={"wfrules_skip_references": True},
    )
    return roster._with_source(path, parsed.lines.__getitem__)


def _ignore(message: str, line: int | None, column: int | None, hint: str | None) -> None:
    """A problem sink for passes over a file already checked."""


def _refuse(message: str, line: int | None, column: int | None, hint: str | None) -> None:
    raise _Stop


def scan_csv(path: Path, encoding: str, *, max_errors: int = 50, budget: int | None = None) -> CsvScan | None:
    """Check and count a CSV roster in one pass; ``None`` when the file has a problem (read it with
    :func:`parse_csv` to report it). ``UnicodeDecodeError`` propagates (the caller tries another encoding).
    ``budget`` defaults to :data:`ENTRY_BUDGET`, read at call time (so a test can lower it).

    A file without quotes is split in large blocks with ``str.split``; one with quotes goes through the csv
    module. Either way rows are handled a block at a time, column by column (see :class:`_Counter`).
    """
    if budget is None:
        budget = ENTRY_BUDGET
    info = path.stat()
    fingerprint = (info.st_size, info.st_mtime_ns)
    try:
        return _scan(path, encoding, fingerprint, max_errors, budget, plain=True)
    except _NotPlain:
        return _scan(path, encoding, fingerprint, max_errors, budget, plain=False)


def _scan(path: Path, encoding: str, fingerprint: tuple[int, int], max_errors: int, budget: int, *,
          plain: bool) -> CsvScan | None:
    with open_text(path, encoding) as stream:
        try:
            reader, layout, first = read_header(stream, str(path), _refuse)
        except _Stop:
            return None
        header_lines: int = reader.line_num  # type: ignore[attr-defined]
        if plain and (header_lines != 1 or not _is_plain(first)):
            raise _NotPlain
        scan = CsvScan(str(path), encoding, fingerprint, layout, max_errors=max_errors,
                       first_line=layout.offset + header_lines + 1, linear=True)
        counter = _Counter(scan, budget)
        try:
            with no_gc():
                if plain:
                    for body in _blocks(stream):
                        counter.text(body)
                else:
                    counter.reader(reader)
        except (_Stop, csv.Error):
            return None
        counter.finish()
    return scan


def _is_plain(text: str) -> bool:
    """Whether ``text`` can be split without the csv module: no quote, no NUL, no lone carriage return."""
    return '"' not in text and "\0" not in text and ("\r" not in text or text.count("\r") == text.count("\r\n"))


def _blocks(stream: TextIO) -> Iterator[str]:
    """The rest of the file in blocks of whole lines (about :data:`_BLOCK` characters each)."""
    parts: list[str] = []
    while chunk := stream.read(_BLOCK):
        cut = chunk.rfind("\n") + 1
        if not cut:  # no line ends here: keep it for the next block
            parts.append(chunk)
            continue
        parts.append(chunk[:cut])
        yield "".join(parts)
        parts = [chunk[cut:]]
    rest = "".join(parts)
    if rest:
        yield rest


def _runs(cells: array[int], chosen: Sequence[int]) -> Iterator[tuple[int, Sequence[int]]]:
    """The rows ``chosen`` in runs of one cell (``cells[i]`` is the cell of ``chosen[i]``): each run's cell and
    rows, in file order. Rows of a cell are usually together (a roster is written unit by unit, date by date):
    then each stretch of one cell is a run, with no int object per row. Else (many short stretches) the rows
    are sorted by cell, keeping file order within a cell, and each cell is one run."""
    total = len(cells)
    if not total:
        return
    changes = sum(map(ne, cells, itertools.islice(cells, 1, None)))
    if (changes + 1) * 8 <= total:
        starts = [0, *compress(range(1, total), map(ne, cells, itertools.islice(cells, 1, None))), total]
        for start, end in itertools.pairwise(starts):
            yield cells[start], chosen[start:end]
        return
    # One int per row, ``cell * total + position``: sorted, by cell then file order (one list of ints, not a
    # list of positions beside a list of sort keys).
    keyed = sorted(map(add, map(mul, cells, repeat(total)), range(total)))
    for cell, group in itertools.groupby(keyed, total.__rfloordiv__):
        yield cell, list(map(chosen.__getitem__, map(total.__rmod__, group)))


def _fresh(column: Sequence[str], found: list[int | None]) -> list[str]:
    """The cells of ``column`` whose look-up found nothing, once each, in order of first appearance."""
    if None not in found:
        return []
    return list(dict.fromkeys(compress(column, map(is_, found, repeat(None)))))


class _Counter:
    """Counts a CSV roster a block of rows at a time, column by column, at C speed.

    Each column of a block is looked up in a cache keyed by the raw cell (rosters repeat a few dates, modes
    and units, and each employee on each date): ``map(dict.get, column)``. Only cells never seen before are
    parsed, once each, with the readers :func:`parse_csv` uses; the cross-row checks (one unit per employee,
    one assignment per employee and date, one sector and set of tags per unit) are comparisons of whole
    columns of indexes. A block that is not regular (a blank or padded row, a cell that does not parse) is
    cleaned row by row; a problem stops the scan (``_Stop``) and :func:`parse_csv` reports it.
    """

    def __init__(self, scan: CsvScan, budget: int) -> None:
        self.scan = scan
        self.budget = budget
        self.buffered = budget > 0
        layout = scan.layout
        columns = layout.columns
        self.width = layout.width
        self.delimiter = layout.delimiter
        self.has_sector, self.has_tags = "sector" in columns, "tags" in columns
        self.has_name = "unit_name" in columns
        #: The columns a block is cut into: employee, unit, date, mode, then sector, tags, unit name if present.
        self.wanted = [columns[c] for c in REQUIRED] + [
            columns[c] for c in ("sector", "tags", "unit_name") if c in columns]
        self.dates: dict[str, int] = {}  # raw date cell -> date index
        self.date_by_value: dict[dt.date, int] = {}
        self.modes: dict[str, int] = {}  # raw mode cell -> mode index
        self.units: dict[str, int] = {}  # raw unit cell -> unit index
        self.unit_by_id: dict[str, int] = {}
        self.employees: dict[str, int] = {}  # raw cell or id -> employee index
        self.employee_unit: list[int] = []  # a list while counting (faster to index), an array in the scan
        #: Per unit, its first row's raw sector cell and tags cell (those columns present, in that order).
        self.stated_kinds = ["sector"] * self.has_sector + ["tags"] * self.has_tags
        self.stated: list[list[str]] = [[] for _ in self.stated_kinds]
        self.code_base: list[int] = []  # per date: index * len(MODES)
        self.unit_base: list[int] = []  # per unit: index * scan.room * len(MODES)
        #: seen[date * capacity + employee]: the employee has an assignment on that date.
        self.capacity = 0
        self.seen = bytearray()
        self.seen_base: list[int] = []  # per date: index * capacity

    # -- blocks

    def text(self, body: str) -> None:
        """A block of whole lines of a file without quotes (it raises ``_NotPlain`` if it meets one).

        Every line break becomes a line break and a delimiter, so one ``split`` cuts the block into cells and
        each line's last cell keeps its line break: the block is regular (every line has the header's width)
        exactly when the cells number lines × width and every line break is in a last cell.
        """
        if not _is_plain(body):
            raise _NotPlain
        if not body.endswith("\n"):
            body += "\n"
        delimiter, width = self.delimiter, self.width
        lines = body.count("\n")
        cells = body.replace("\n", "\n" + delimiter).split(delimiter)
        cells.pop()  # what follows the last line break: nothing
        if (len(cells) == lines * width and "".join(cells[width - 1::width]).count("\n") == lines
                and self.block([cells[i::width] for i in self.wanted], lines)):
            return
        del cells
        self.rows([line.split(delimiter) for line in body.split("\n")[:-1]])

    def reader(self, reader: Iterator[list[str]]) -> None:
        """The rows of the csv module's reader, a chunk at a time."""
        width = self.width
        while True:
            before = reader.line_num  # type: ignore[attr-defined]
            rows = list(itertools.islice(reader, _CHUNK))
            if not rows:
                return
            if reader.line_num - before != len(rows):  # type: ignore[attr-defined]
                self.scan.linear = False  # a quoted cell has a line break: lines are counted on demand
            if set(map(len, rows)) == {width}:
                columns = list(zip(*rows, strict=True))
                if self.block([list(columns[i]) for i in self.wanted], len(rows)):
                    continue
            self.rows(rows)

    def rows(self, rows: list[list[str]]) -> None:
        """A block that is not regular: skip blank rows, trim padded ones, then count the rest as a block."""
        width = self.width
        kept: list[list[str]] = []
        blanks: list[int] = []
        for row in rows:
            cells = [c.strip() for c in row]
            if not any(cells):
                blanks.append(len(kept))
                continue
            if len(row) != width:
                if not _padded(cells, width):
                    raise _Stop
                row = row[:width]
            kept.append(row)
        before = self.scan.assignments
        if kept and not self.block([[row[i] for row in kept] for i in self.wanted], len(kept)):
            raise _Stop  # every row is non-blank and of the right width: a cell that does not parse is an error
        self.scan.blanks.extend(before + k for k in blanks)

    def block(self, columns: list[list[str]], n: int) -> bool:
        """Count ``n`` rows given as columns (see :attr:`wanted`). ``False``, with nothing changed, when a new
        cell does not parse (the caller cleans the block row by row); ``_Stop`` on a problem."""
        employee_cells, unit_cells, date_cells, mode_cells = columns[:4]
        date_of = list(map(self.dates.get, date_cells))
        mode_of = list(map(self.modes.get, mode_cells))
        unit_of = list(map(self.units.get, unit_cells))
        employee_of = list(map(self.employees.get, employee_cells))
        # What is new in this block, parsed (nothing is changed until every new cell has parsed).
        new_dates, new_modes = _fresh(date_cells, date_of), _fresh(mode_cells, mode_of)
        new_units = _fresh(unit_cells, unit_of)
        # Each new employee cell and a row of it (its last), in order of first appearance.
        at: dict[str, int] = {}
        if None in employee_of:
            is_new = list(map(is_, employee_of, repeat(None)))
            at = dict(zip(compress(employee_cells, is_new), compress(range(n), is_new), strict=True))
        new_employees = list(at)
        first: dict[str, int] = {}  # the row where each new unit cell first appears
        row = 0
        for raw in new_units:  # in order of first appearance: each is found after the one before
            first[raw] = row = unit_cells.index(raw, row)
        try:
            date_values = [parse_date_cell(raw) for raw in new_dates]
            mode_values = [_MODE_INDEX[parse_mode(raw)[0]] for raw in new_modes]
            unit_values = [self._unit_value(raw, columns, first[raw]) for raw in new_units]
            ids = [raw if raw.isdigit() else parse_employee_cell(raw) for raw in new_employees]
        except (CellError, UnknownName):
            return False
        if not all(unit_id for unit_id, _, _ in unit_values) or not all(ids):
            return False
        # Commit the new cells, in order of first appearance (as a row-by-row reader would meet them). From
        # here on every row is known to be well formed, so any disagreement is a problem in the file.
        if new_dates:
            for raw, value in zip(new_dates, date_values, strict=True):
                index = self.date_by_value.get(value)
                self.dates[raw] = self._add_date(value) if index is None else index
            date_of = list(map(self.dates.__getitem__, date_cells))
        if new_modes:
            self.modes.update(zip(new_modes, mode_values, strict=True))
            mode_of = list(map(self.modes.__getitem__, mode_cells))
        if new_units:
            for raw, (unit_id, sector, tags) in zip(new_units, unit_values, strict=True):
                index = self.unit_by_id.get(unit_id)
                if index is None:
                    index = self._add_unit(unit_id, sector, tags, columns, first[raw])
                self.units[raw] = index
            unit_of = list(map(self.units.__getitem__, unit_cells))
        units = cast("list[int]", unit_of)
        # One sector and one set of tags per unit: cells as the unit's first row wrote them agree at once;
        # others are parsed (once per unit and spelling) and compared.
        for column, stated, kind in zip(columns[4:4 + len(self.stated)], self.stated, self.stated_kinds, strict=True):
            if list(map(stated.__getitem__, units)) != column:
                self._restated(units, column, stated, kind)
        if new_employees:
            # Any row's unit will do: the check below finds an employee in two units.
            homes = list(map(units.__getitem__, at.values()))
            employees = self.employees
            if ids == new_employees:  # ids as they stand (digits), none seen before: add them at once
                self._add_employees(new_employees, homes)
            else:
                for raw, employee_id, home in zip(new_employees, ids, homes, strict=True):
                    index = employees.get(employee_id)
                    if index is None:
                        index = self._add_employees([employee_id], [home])
                    employees[raw] = index
            employee_of = list(map(employees.__getitem__, employee_cells))
        dates, modes, people = cast("list[int]", date_of), cast("list[int]", mode_of), cast("list[int]", employee_of)
        # One unit per employee.
        if list(map(self.employee_unit.__getitem__, people)) != units:
            raise _Stop
        # One assignment per employee and date (the table is of every row so far).
        seen = self.seen
        for slot in map(add, map(self.seen_base.__getitem__, dates), people):
            if seen[slot]:
                raise _Stop
            seen[slot] = 1
        # Counts per unit, date and mode.
        codes = list(map(add, map(self.unit_base.__getitem__, units), map(add, map(self.code_base.__getitem__, dates),
                                                                           modes)))
        unit_slots, stride = self.scan.units, self.scan.room * len(MODES)
        for code, count in Counter(codes).items():
            unit, code = divmod(code, stride)
            unit_slots[unit].counts[code] += count
        scan = self.scan
        scan.assignments += n
        if self.buffered:
            scan.row_employee.extend(people)
            scan.row_code.extend(codes)
            if scan.assignments > self.budget:
                self._drop_records()
        return True

    def _drop_records(self) -> None:
        """Keep no per-row records any more: a second pass will read the violating cells."""
        self.buffered = False
        del self.scan.row_employee[:], self.scan.row_code[:]

    def _fits(self) -> None:
        """Drop the records if the codes of the units and room for dates so far no longer fit in 4 bytes."""
        if self.buffered and len(self.scan.units) * self.scan.room * len(MODES) > _CODES:
            self._drop_records()

    def _widen(self) -> None:
        """Double the room for dates in a code, recoding the records kept (rare: a code starts with room for
        :data:`_ROOM` dates)."""
        scan, width = self.scan, len(MODES)
        old = scan.room * width
        scan.room *= 2
        new = scan.room * width
        self.unit_base = [index * new for index in range(len(scan.units))]
        self._fits()
        if self.buffered:  # (unit * old + rest) -> unit * new + rest
            codes = scan.row_code
            scan.row_code = array("I", map(add, map(mul, map(floordiv, codes, repeat(old)), repeat(new)),
                                           map(mod, codes, repeat(old))))

    def finish(self) -> None:
        self.scan.buffered = self.buffered
        self.scan.employee_unit = array("I", self.employee_unit)

    # -- new values

    def _unit_value(self, raw: str, columns: list[list[str]], row: int) -> tuple[str, str, tuple[str, ...]]:
        """The unit id, sector and tags of ``row`` (a sector cell that does not parse raises)."""
        sector = _sector_of(columns[4][row].strip()) if self.has_sector else "other"
        tags = parse_tags(columns[4 + self.has_sector][row].strip()) if self.has_tags else ()
        return raw.strip(), sector, tags

    def _restated(self, units: list[int], column: list[str], stated: list[str], kind: str) -> None:
        """Check the rows whose sector (or tags) cell is not spelled as in their unit's first row."""
        slots = self.scan.units
        tags = kind == "tags"
        differ = map(ne, map(stated.__getitem__, units), column)
        for unit, raw in dict.fromkeys(compress(zip(units, column, strict=True), differ)):
            try:
                same = (parse_tags(raw.strip()) == slots[unit].tags if tags
                        else _sector_of(raw.strip()) == slots[unit].sector)
            except UnknownName:
                raise _Stop from None
            if not same:
                raise _Stop  # a unit with two sectors or two sets of tags

    def _add_date(self, value: dt.date) -> int:
        scan, width = self.scan, len(MODES)
        index = len(scan.dates)
        scan.dates.append(_DateSlot(index, value, index * width))
        self.date_by_value[value] = index
        if index >= _DATES:  # more dates than a roster may have (never a real one): the validating parser reads it
            raise _Stop
        while index >= scan.room:
            self._widen()
        self.code_base.append(index * width)
        self.seen_base.append(index * self.capacity)
        self.seen.extend(bytes(self.capacity))
        for unit in scan.units:
            unit.counts.extend([0] * width)
        return index

    def _add_unit(self, unit_id: str, sector: str, tags: tuple[str, ...], columns: list[list[str]], row: int) -> int:
        """A new unit, as ``row`` (its first) states it."""
        units = self.scan.units
        index = len(units)
        name = columns[-1][row].strip() or None if self.has_name else None
        units.append(_UnitSlot(index, unit_id, sector, tags, name, [0] * (len(MODES) * len(self.scan.dates))))
        for offset, stated in enumerate(self.stated):
            stated.append(columns[4 + offset][row])
        self.unit_by_id[unit_id] = index
        self.unit_base.append(index * self.scan.room * len(MODES))
        self._fits()
        return index

    def _add_employees(self, ids: list[str], units: list[int]) -> int:
        """New employees (distinct, never seen), each in its unit; returns the index of the last one."""
        scan = self.scan
        start = len(scan.employee_ids)
        scan.employee_ids.extend(ids)
        self.employee_unit.extend(units)
        self.employees.update(zip(ids, range(start, start + len(ids)), strict=True))
        slots = scan.units
        for unit, count in Counter(units).items():
            slots[unit].staff += count
        while len(scan.employee_ids) > self.capacity:
            self._grow()
        return len(scan.employee_ids) - 1

    def _grow(self) -> None:
        """Double the room for employees in the table of (date, employee) seen, moving each date's part."""
        old, capacity = self.seen, self.capacity
        grown = capacity + max(capacity, 8192)
        seen = bytearray(grown * len(self.seen_base))
        for index in range(len(self.seen_base)):
            seen[index * grown: index * grown + capacity] = old[index * capacity: (index + 1) * capacity]
        self.seen, self.capacity = seen, grown
        self.seen_base = [index * grown for index in range(len(self.seen_base))]


def open_text(path: Path, encoding: str) -> TextIO:
    """The file as text, split into lines the way the csv module wants (``newline=""``)."""
    return open(path, encoding=encoding, newline="")


def lines_of(text: str) -> TextIO:
    """A text in memory, read like a file."""
    return io.StringIO(text, newline="")

