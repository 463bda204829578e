"""The optional fast path for large CSV rosters (``pip install 'wfrules[fast]'``): DuckDB counts.

DuckDB reads the CSV (in parallel, in C++) into a temporary table -- while a thread of ours counts the
file's lines and checks its shape (DuckDB releases the GIL) -- and computes with SQL aggregations what
the core's streamed reader (:mod:`wfrules._stream`) computes in Python: the assignments per (unit, date,
mode), each unit's sector, tags, name and head count, the units in the order they first appear, and the
checks that make a roster valid (no employee twice on a date or in two units, one sector and one set of
tags per unit). The few *distinct* mode, date, sector and tag spellings are then read with the core's own
cell readers (``parse_mode``, ``parse_date_cell``, ``parse_sector``, ``parse_tags``), so an alias or a
date spelling means here exactly what it means in the core.

The result is a :class:`~wfrules.Roster` streamed from the file, like the core's: its counts come from
DuckDB, the people of a cell are read back from DuckDB's table only for the cells a check needs (where a
rule is broken, see :func:`wfrules._engine.evaluate`), and anything that needs every row (an employee
filter reading the employees' attributes, a ``region`` column, serialising the roster) reads the file with
the core's validating parser (:meth:`DuckScan.materialize`). So every rule-language construct -- region
scopes, context conditions, employee filters, amendments and revocations -- is judged by the same engine
on the same numbers, and violations carry the same file and lines.

This path never reports an input error itself. It returns ``None`` -- and the caller reads the file with
the core reader, which reports every problem at its ``FILE:LINE:COL`` -- whenever anything is unusual or
wrong: another delimiter, a BOM or another encoding, lines before the header, blank lines or line breaks
inside cells, rows longer or shorter than the header, an empty, padded, quote-prefixed or scientific-
notation id, an unknown mode or sector, a date the core does not read (or two spellings of one date), an
employee twice on a date or in two units, a unit whose sector or tags differ between rows, a file over
``max_bytes``, or DuckDB failing on the file. So both paths give the same verdict, and every error message
comes from the core.

In a roster read here, the assignment index of an entry is its data row (0-based), and because blank
lines and line breaks inside cells send the file to the core, the row's line in the file is ``index + 2``
(see :func:`line_of`).

Which path runs (``wfrules check``): ``--engine auto|core|fast`` or ``WFRULES_ENGINE``; ``auto`` (the
default) takes this path for CSV files of ``wfrules._cliutil.AUTO_MIN_BYTES`` or more when DuckDB is installed
(decided there, so that a small check never imports this module).

>>> line_of(0), line_of(41)
(2, 43)
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import itertools
import operator
import os
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._cells import CellError, parse_date_cell
from ._errors import RosterError
from ._gc import no_gc
from ._stream import REQUIRED, parse_tags, read_header, reread_csv
from ._vocab import MODES, UnknownName, parse_mode, parse_sector

if TYPE_CHECKING:
    from ._engine import Tally
    from ._roster import Roster

_INDEX = {mode: i for i, mode in enumerate(MODES)}
#: An id the core reads differently or refuses, as one regular expression (one pass over each distinct
#: id): empty; quote-prefixed (Excel's text marker); a first or last character that is not printable ASCII
#: (a space, a tab, a no-break space…: Python's ``str.strip()`` in the core may read it differently); or
#: written in scientific notation by Excel (see ``parse_employee_cell``).
_ODD_ID = r"^$|^'|^[^!-~]|[^!-~]$|^[+-]?[0-9]+([.,][0-9]*)?[eE][+-]?[0-9]+$"


#: How much of the file :func:`_shape` reads at a time.
_CHUNK = 1 << 22


def available() -> bool:
    """Whether the fast path can run (DuckDB is installed), without importing it."""
    return importlib.util.find_spec("duckdb") is not None


def line_of(index: int) -> int:
    """The line in the file of the data row ``index`` (0-based) of a roster this path accepted."""
    return index + 2


def load_csv(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, max_errors: int = 50,
    interrupter: Interrupter | None = None,
) -> Roster | None:
    """The roster of a CSV file counted by DuckDB; ``None`` when the file must be read by the core reader
    instead (anything unusual or wrong, see the module's documentation), or when DuckDB is not installed.
    ``max_errors`` applies when the rows are read by the core (:meth:`DuckScan.materialize`); ``interrupter``
    lets another thread stop the count (then ``None``)."""
    counted = scan(path, max_bytes=max_bytes, max_errors=max_errors, interrupter=interrupter)
    return None if counted is None else counted.to_roster()


def scan(path: str | os.PathLike[str], *, max_bytes: int | None = None, max_errors: int = 50,
         interrupter: Interrupter | None = None) -> DuckScan | None:
    """Count a CSV roster with DuckDB (see :func:`load_csv`)."""
    if not available():
        return None
    try:
        with no_gc():
            return _scan(Path(path), max_bytes, max_errors, interrupter or Interrupter())
    except _CoreNeeded:
        return None


class Interrupter:
    """Stops a count running in another thread (``wfrules check`` counts in a thread: on Ctrl-C its main
    thread interrupts the count and waits for it, so that the process never exits while DuckDB works).
    The query DuckDB is running is interrupted, no other query of the count starts, and the count gives
    ``None``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._con: Any = None
        self.interrupted = False

    def interrupt(self) -> None:
        """Stop the count (from any thread)."""
        with self._lock:
            self.interrupted = True
            if self._con is not None:
                self._con.interrupt()

    def _execute(self, con: Any, *args: Any) -> Any:
        """``con.execute(*args)``, unless the count was interrupted."""
        with self._lock:
            _require(not self.interrupted)
            self._con = con
        return con.execute(*args)


class _Guarded:
    """A DuckDB connection whose queries an :class:`Interrupter` can stop."""

    def __init__(self, con: Any, interrupter: Interrupter) -> None:
        self.raw = con
        self._interrupter = interrupter

    def execute(self, *args: Any) -> Any:
        return self._interrupter._execute(self.raw, *args)


class _CoreNeeded(Exception):
    """This file goes to the core reader."""


def _require(condition: bool) -> None:
    if not condition:
        raise _CoreNeeded


def _header(path: Path, max_bytes: int | None) -> tuple[dict[str, int], int, int, os.stat_result]:
    """The known columns' indexes, the header's width, the header line's length in bytes and the file's
    status: one header line, split on commas, nothing before it, no byte order mark."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        raise _CoreNeeded from None
    _require(stat.S_ISREG(info.st_mode) and info.st_size > 0)
    _require(max_bytes is None or info.st_size <= max_bytes)
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except OSError:
        raise _CoreNeeded from None
    _require(first.endswith(b"\n") and not first.startswith(b"\xef\xbb\xbf") and b"\0" not in first)
    try:
        header = first.decode("utf-8")
    except UnicodeDecodeError:
        raise _CoreNeeded from None

    def refuse(message: str, line: int | None, column: int | None, hint: str | None) -> None:
        raise _CoreNeeded

    try:
        reader, layout, _ = read_header(io.StringIO(header), str(path), refuse)
    except RosterError:
        raise _CoreNeeded from None
    _require(layout.delimiter == "," and layout.offset == 0 and reader.line_num == 1)  # type: ignore[attr-defined]
    return layout.columns, layout.width, len(first), info


def _lines(path: Path, start: int) -> int:
    """The number of lines after the header (which ends at byte ``start``), checking the file's shape on the
    way; ``_CoreNeeded`` when the file must go to the core.

    Lines are counted, not checked one by one: DuckDB skips a blank line and joins the lines of a quoted
    cell, so either makes fewer rows than lines, and the caller sends such a file to the core (a line
    that only holds spaces is a short row, which DuckDB refuses). A carriage return is allowed only
    before a line feed, so that no line ends without one (DuckDB would count a row more than the lines)."""
    newlines = 0
    returns = 0  # carriage returns not followed by a line feed
    last = b"\n"
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            while chunk := handle.read(_CHUNK):
                newlines += chunk.count(b"\n")
                _require(b"\0" not in chunk)
                if last == b"\r" and chunk[:1] != b"\n":
                    returns += 1
                if b"\r" in chunk:
                    returns += chunk.count(b"\r") - chunk.count(b"\r\n") - (chunk[-1:] == b"\r")
                last = chunk[-1:]
    except OSError:
        raise _CoreNeeded from None
    _require(returns == 0 and last != b"\r")
    rows = newlines if last == b"\n" else newlines + 1
    _require(rows > 0)
    return rows


class _Counting(threading.Thread):
    """:func:`_lines` in a thread of its own, while DuckDB reads the same file (DuckDB releases the GIL, so
    the two run at once); :meth:`rows` waits for it."""

    def __init__(self, path: Path, start: int) -> None:
        super().__init__(name="wfrules-fast-lines", daemon=True)
        self._args = (path, start)
        self._rows: int | None = None
        self._failure: BaseException | None = None

    def run(self) -> None:
        try:
            self._rows = _lines(*self._args)
        except _CoreNeeded:
            pass  # self._rows stays None: the file goes to the core
        except BaseException as exc:  # raised again by rows(), in the caller's thread
            self._failure = exc

    def rows(self) -> int:
        """The lines after the header; ``_CoreNeeded`` when the file goes to the core; whatever else the count
        raised, raised here (not printed by the thread and lost)."""
        self.join()
        if self._failure is not None:
            raise self._failure
        _require(self._rows is not None)
        assert self._rows is not None
        return self._rows


def _engine_module() -> Any:
    """DuckDB's engine module. ``_duckdb`` (the compiled engine, top-level since DuckDB 1.4) is all this path
    uses (``connect``, ``execute``, ``fetchall``, ``Error``): importing it alone saves the ``duckdb`` package's
    Python layer (relational API, version look-up through ``importlib.metadata``), about half of the
    import's time. Older releases keep their engine inside the package: then the package."""
    try:
        return importlib.import_module("_duckdb")
    except ImportError:
        return importlib.import_module("duckdb")


def _scan(path: Path, max_bytes: int | None, max_errors: int, interrupter: Interrupter) -> DuckScan:
    columns, width, start, info = _header(path, max_bytes)
    names = {f"c{i}": "VARCHAR" for i in range(width)}

    def column(name: str) -> str | None:
        index = columns.get(name)
        return None if index is None else f"c{index}"

    picked = [f"{column(name)} AS {name}" for name in REQUIRED]
    # An optional column the file does not have is not stored (each column stored costs about as much as
    # reading it): the queries use a constant instead.
    optional = [name for name in ("sector", "tags", "unit_name") if name in columns]
    picked += [f"{column(name)} AS {name}" for name in optional]
    duckdb = _engine_module()
    try:
        con = duckdb.connect()
    except duckdb.Error:
        raise _CoreNeeded from None
    try:
        return _count(duckdb, _Guarded(con, interrupter), path, picked, names, start, info, max_errors,
                      set(optional))
    except BaseException:
        con.close()
        raise


def _count(duckdb: Any, con: _Guarded, path: Path, picked: list[str], names: dict[str, str], start: int,
           info: os.stat_result, max_errors: int, optional: set[str]) -> DuckScan:
    """Load the file into DuckDB's table ``r`` (while a thread counts its lines and checks its shape) and
    count it (three aggregations); the caller closes the connection if this raises."""
    lines = _Counting(path, start)
    try:
        con.execute("SET enable_progress_bar = false")  # long queries must not draw on the user's terminal
        lines.start()
        con.execute(
            f"CREATE TEMP TABLE r AS SELECT {', '.join(picked)} FROM read_csv(?, header = true, delim = ',', "
            "quote = '\"', escape = '\"', strict_mode = true, auto_detect = false, columns = ?, "
            "null_padding = false, encoding = 'utf-8')",
            [str(path), names],
        )
        rows = lines.rows()
        # The few distinct spellings of a date and a mode, each date with its first row: read with the
        # core's readers before the costly queries, so that a bad date or mode stops here.
        first_date: dict[str, int] = {}
        mode_texts = set()
        for day_text, mode_text, row in con.execute("SELECT date, mode, min(rowid) FROM r GROUP BY ALL").fetchall():
            if row < first_date.get(day_text, row + 1):
                first_date[day_text] = row
            mode_texts.add(mode_text)
        dates = _dates(first_date)
        modes = _modes(mode_texts)
        staff = _staff(con, list(dates))
        by_index: dict[int, list[str]] = {}
        for text, mode in modes.items():
            by_index.setdefault(_INDEX[mode], []).append(text)
        # The counts per (unit, date), one column per mode of MODES (a pivot of the few mode spellings; 0 for
        # a mode the file does not use, so a row's counts are the cell's list as they come), with each
        # (unit, sector, tags) spelling's first row and that row's unit name: one scan, one row per cell
        # (more when a unit's sector or tags are spelled in more than one way on a date).
        spellings = [text for i in sorted(by_index) for text in by_index[i]]
        marks = iter(range(1, len(spellings) + 1))
        pivot = ", ".join(
            "count(*) FILTER (WHERE mode IN (" + ", ".join(f"${next(marks)}" for _ in by_index[i]) + "))"
            if i in by_index else "0"
            for i in range(len(MODES))
        )
        sector, tags = (f"coalesce({name}, '')" if name in optional else "''" for name in ("sector", "tags"))
        unit_name = "arg_min(unit_name, rowid)" if "unit_name" in optional else "NULL"
        keys = ", ".join(["unit", "date", *(name for name in ("sector", "tags") if name in optional)])
        counted = con.execute(
            f"SELECT unit, date, {sector}, {tags}, min(rowid), {unit_name}, {pivot} FROM r GROUP BY {keys}",
            spellings,
        ).fetchall()
    except duckdb.Error:
        raise _CoreNeeded from None
    finally:
        if lines.ident is not None:
            lines.join()
    first: dict[tuple[str, str, str], int] = {}
    named: dict[str, tuple[int, Any]] = {}
    cells: dict[tuple[str, dt.date], list[int]] = {}
    total = 0
    for unit, day, sector_text, tags_text, row, name, *numbers in counted:
        spelled = (unit, sector_text, tags_text)
        if row < first.get(spelled, row + 1):
            first[spelled] = row
        if row < named.get(unit, (row + 1, None))[0]:
            named[unit] = (row, name)  # the unit's name is that of its first row (as the core reads it)
        key = (unit, dates[day])
        known = cells.get(key)
        cells[key] = numbers if known is None else list(map(operator.add, known, numbers))
        total += sum(numbers)
    if total != rows:  # a blank line, or a line break inside a quoted cell, makes fewer rows than lines
        raise _CoreNeeded
    units = _units(sorted(first, key=first.__getitem__), staff, {u: n for u, (_, n) in named.items()})
    # Each employee is in one unit (checked by _staff): the head counts add up to the distinct employees.
    return DuckScan(str(path), (info.st_size, info.st_mtime_ns), con.raw, units, cells, dates, modes, total,
                    sum(staff.values()), max_errors)


def _staff(con: Any, spelled_dates: list[str]) -> dict[str, int]:
    """The distinct employees of each unit, after checking every employee: in one unit, on a date at
    most once (dates compared as spelled: two spellings of one date went to the core), and with an id
    the core reads as it is (not empty, quote-prefixed, padded or in scientific notation; tested on the
    distinct ids rather than on every row)."""
    # With at most 64 date spellings, an employee's dates are bits of one integer (a CASE on the spellings),
    # tested in the same scan as the rest; else a query of its own.
    if len(spelled_dates) <= 64:
        twice_test = "OR n <> bit_count(b)"
        bits = " ".join(f"WHEN $d{i} THEN {1 << i}::UBIGINT" for i in range(len(spelled_dates)))
        twice_columns = f", count(*) AS n, bit_or(CASE date {bits} END) AS b"
        params: dict[str, Any] = {"odd": _ODD_ID} | {f"d{i}": text for i, text in enumerate(spelled_dates)}
    else:
        twice = con.execute("SELECT count(*) FROM (SELECT employee, date FROM r GROUP BY ALL HAVING count(*) > 1)")
        _require(twice.fetchone() == (0,))
        twice_test, twice_columns, params = "", "", {"odd": _ODD_ID}
    per_unit = con.execute(
        "SELECT u1, count(*), count(*) FILTER (WHERE u1 IS DISTINCT FROM u2 OR employee IS NULL "
        f"OR regexp_matches(employee, $odd) {twice_test}) "
        f"FROM (SELECT employee, min(unit) AS u1, max(unit) AS u2{twice_columns} FROM r GROUP BY employee) "
        "GROUP BY u1",
        params,
    ).fetchall()
    _require(all(bad == 0 for _, _, bad in per_unit))
    return {unit: n for unit, n, _ in per_unit}


#: What the fast path knows of a unit: id, sector, tags, name (or None), head count.
_Unit = tuple[str, str, tuple[str, ...], str | None, int]


def _units(spellings: list[tuple[str, str, str]], staff: dict[str, int], names: dict[str, Any]) -> list[_Unit]:
    """Each unit's sector and tags as the core reads them (spellings in the order of their first row);
    every row of a unit must agree."""
    units: dict[str, _Unit] = {}
    # A few sector and tag spellings are shared by many units: each is read once.
    sectors: dict[str, str] = {}
    all_tags: dict[str, tuple[str, ...]] = {}
    try:
        for unit, sector_text, tags_text in spellings:
            # The core strips every cell: a unit spelled with spaces around it is the same unit there.
            _require(isinstance(unit, str) and unit != "" and unit == unit.strip() and unit in staff)
            sector = sectors.get(sector_text)
            if sector is None:
                sector = sectors[sector_text] = parse_sector(sector_text.strip()) if sector_text.strip() else "other"
            tags = all_tags.get(tags_text)
            if tags is None:
                tags = all_tags[tags_text] = parse_tags(tags_text.strip())
            known = units.get(unit)
            if known is None:
                name = names.get(unit)
                name = name.strip() if isinstance(name, str) and name.strip() else None
                units[unit] = (unit, sector, tags, name, staff[unit])
            else:
                _require((known[1], known[2]) == (sector, tags))
    except (UnknownName, ValueError):
        raise _CoreNeeded from None
    _require(len(units) == len(staff))
    return list(units.values())


def _dates(first_row: dict[str, int]) -> dict[str, dt.date]:
    """Each date spelling's date, in the order of their first row; one spelling per date."""
    _require(all(isinstance(text, str) for text in first_row))  # an empty cell is NULL here
    try:
        dates = {text: parse_date_cell(text) for text in sorted(first_row, key=first_row.__getitem__)}
    except CellError:
        raise _CoreNeeded from None
    # Two spellings of one date would hide an employee's second row on it from the SQL duplicate test.
    _require(len(set(dates.values())) == len(dates))
    return dates


def _modes(spellings: set[str]) -> dict[str, Any]:
    _require(all(isinstance(text, str) and text.strip() for text in spellings))
    try:
        return {text: parse_mode(text.strip())[0] for text in spellings}
    except (UnknownName, ValueError):
        raise _CoreNeeded from None


class DuckScan:
    """A CSV roster counted by DuckDB: the counts source of a streamed :class:`~wfrules.Roster` (the same
    protocol as the core's ``CsvScan``: ``tally``, ``fill_entries``, ``line_of``, ``distinct_dates``,
    ``staff_counts``, ``materialize``)."""

    def __init__(self, path: str, fingerprint: tuple[int, int], con: Any, units: list[_Unit],
                 cells: dict[tuple[str, dt.date], list[int]], dates: dict[str, dt.date], modes: dict[str, Any],
                 assignments: int, employees: int, max_errors: int) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self._con = con
        self._units = units
        self._cells = cells
        self._dates = dates
        self._spelled = {day: text for text, day in dates.items()}
        self._modes = modes
        self.assignments = assignments
        self.employees = employees
        self.max_errors = max_errors
        self._materialized: Roster | None = None

    # -- what a check needs

    @no_gc()
    def tally(self) -> Tally:
        """Counts per (unit, date); ``Cell.entries`` are empty until :meth:`fill_entries`. (Tens of
        thousands of small objects: under :func:`~wfrules._gc.no_gc`, or a full collection of the
        heap may run in the middle.)"""
        from ._engine import Cell, Tally, UnitInfo

        units = {u[0]: UnitInfo(u[0], u[1], u[2], u[4]) for u in self._units}
        cells = {key: Cell(counts=list(counts)) for key, counts in self._cells.items()}
        return Tally(units=units, cells=cells, assignments=self.assignments)

    def fill_entries(self, counts: Tally, wanted: set[tuple[str, dt.date]] | None = None) -> None:
        """Fill ``entries`` of the cells in ``wanted`` (every cell when ``None``), in file order, from
        DuckDB's table (only the rows of those cells: a join on the (unit, date) pairs)."""
        keys = set(counts.cells) if wanted is None else {k for k in wanted if k in counts.cells}
        if not keys:
            return
        with no_gc():
            self._fill([(unit, day) for unit, day in keys if day in self._spelled], counts)

    def _fill(self, keys: list[tuple[str, dt.date]], counts: Tally) -> None:
        """The people of the cells ``keys``, one string per cell: for each of its rows, the id, the mode
        and the row number, joined with U+001F. No Python object is made per row of the file, and the
        entries are built in C (split, slices, map, zip); DuckDB does not sort (an aggregate's order is
        that of its threads), so each cell's entries are put in row order here (a check, and a sort
        where needed). A cell whose ids hold the separator is read again as lists."""
        modes, cells = self._modes, counts.cells
        params = {"units": [unit for unit, _ in keys], "dates": [self._spelled[day] for _, day in keys],
                  "order": list(range(len(keys)))}
        found = self._con.execute(
            "SELECT k.i, string_agg(r.employee || '\x1f' || r.mode || '\x1f' || r.rowid::VARCHAR, '\x1f') "
            "FROM r JOIN (SELECT unnest($units) AS unit, unnest($dates) AS date, unnest($order) AS i) AS k "
            "ON r.unit = k.unit AND r.date = k.date GROUP BY k.i",
            params,
        ).fetchall()
        for i, text in found:
            unit, day = key = keys[i]
            cell = cells[key]
            parts = text.split("\x1f")
            if len(parts) == 3 * sum(cell.counts):
                indexes = list(map(int, parts[2::3]))
                entries = list(zip(parts[0::3], map(modes.__getitem__, parts[1::3]), indexes, strict=True))
            else:  # an id holds the separator
                people, spelled, indexes = self._con.execute(
                    "SELECT list(employee), list(mode), list(rowid) FROM r WHERE unit = ? AND date = ?",
                    [unit, self._spelled[day]],
                ).fetchone()
                entries = list(zip(people, map(modes.__getitem__, spelled), indexes, strict=True))
            if not all(map(operator.lt, indexes, itertools.islice(indexes, 1, None))):
                entries.sort(key=operator.itemgetter(2))
            cell.entries = entries

    def line_of(self, index: int) -> int | None:
        """The line of assignment ``index``."""
        return line_of(index) if 0 <= index < self.assignments else None

    # -- the roster it stands for

    def distinct_dates(self) -> list[dt.date]:
        """The dates of the roster, in order of first appearance."""
        return list(self._dates.values())

    def staff_counts(self) -> dict[str, int]:
        """Distinct employees per unit."""
        return {u[0]: u[4] for u in self._units}

    @no_gc()
    def to_roster(self) -> Roster:
        """The :class:`~wfrules.Roster` this scan stands for; its rows are read only if asked for."""
        from ._roster import Roster, Unit

        units = [Unit._scanned(unit_id, sector, tags, name) for unit_id, sector, tags, name, _ in self._units]
        return Roster._streamed(self, self.path, units, self.employees, self.assignments)

    def materialize(self) -> Roster:
        """The full roster (pydantic objects for every row), read with the core's validating parser."""
        if self._materialized is None:
            self._materialized = reread_csv(self.path, self.fingerprint, "utf-8", self.max_errors)
        return self._materialized

    def close(self) -> None:
        """Drop DuckDB's table (the counts stay)."""
        self._con.close()


__all__ = ["DuckScan", "Interrupter", "available", "line_of", "load_csv", "scan"]
