"""Context tables: values that change per region and date (PPKM level, risk zone), read from a CSV file.

A context file has one row per region and period, with the columns ``region``, ``from``, ``to`` and one
column per variable (any other column name is a variable)::

    region,from,to,ppkm_level,zone
    31,2021-11-16,2021-11-29,2,
    32.73,2021-11-16,2021-11-29,1,
    61.71,2021-11-16,2021-11-29,2,green

A blank cell means "no value in this row". Indonesian column names are accepted (``wilayah``,
``kode_wilayah``; ``mulai``/``dari``; ``sampai``/``hingga``). Rules select by these values with
``context: {ppkm_level: [1]}``. Looking a value up for a region and date finds the row of the region
itself, else of the closest region containing it (a province's row covers its regencies); a value
that no row gives is an input error naming the file, never a silent default.

>>> table = parse_context_csv("region,from,to,ppkm_level\\n32,2021-11-16,2021-11-29,2\\n"
...                           "32.73,2021-11-16,2021-11-29,1\\n", "levels.csv")
>>> import datetime as dt
>>> table.value("ppkm_level", "32.73", dt.date(2021, 11, 20)), table.value("ppkm_level", "32.01", dt.date(2021, 11, 20))
('1', '2')
>>> table.value("ppkm_level", "32.73", dt.date(2021, 12, 1)) is None
True
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import ContextError, Problem
from ._model import normalize_name, normalize_value, parse_iso_date
from ._regions import ancestors, canonical_region, region_label


@dataclass(frozen=True, slots=True)
class ContextRow:
    """One period of one region's values, with the line it came from."""

    region: str
    start: dt.date
    end: dt.date
    values: Mapping[str, str]
    line: int | None = None


@dataclass(slots=True)
class ContextTable:
    """Context values by variable, region and period (see the module docstring)."""

    path: str = "<context>"
    rows: list[ContextRow] = field(default_factory=list)
    _index: dict[tuple[str, str], list[ContextRow]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]], path: str = "<context>") -> ContextTable:
        """A table from dicts with ``region``, ``from``, ``to`` and variables (raises :class:`ContextError`).

        >>> t = ContextTable.from_rows([{"region": "DKI Jakarta", "from": "2021-11-16", "to": "2021-11-29",
        ...                               "ppkm_level": 2}])
        >>> t.value("ppkm_level", "31.71", dt.date(2021, 11, 16))
        '2'
        """
        problems: list[Problem] = []
        table = cls(path=path)
        for number, raw in enumerate(rows, start=1):
            row = {normalize_name(str(k)): v for k, v in raw.items()}
            table._add(row, number, None, problems)
        table._finish(problems)
        return table

    def _add(self, row: Mapping[str, Any], line: int | None, columns: Mapping[str, int] | None,
             problems: list[Problem]) -> None:
        def col(name: str) -> int | None:
            return columns.get(name) if columns else None

        where = line if columns is not None else None
        label = "" if columns is not None else f"row {line}: "
        try:
            region = canonical_region(str(row.get("region") or ""))
        except ValueError:
            problems.append(Problem(f"{label}empty region", self.path, where, col("region"),
                                    "write a Kemendagri code (31.71) or a province name"))
            return
        dates: list[dt.date] = []
        for name in ("from", "to"):
            try:
                dates.append(parse_iso_date(row.get(name) if row.get(name) not in (None, "") else None))
            except ValueError as exc:
                problems.append(Problem(f"{label}{name}: {exc}", self.path, where, col(name),
                                        "write dates as YYYY-MM-DD"))
        if len(dates) < 2:
            return
        if dates[1] < dates[0]:
            problems.append(Problem(f"{label}the period ends ({dates[1]}) before it starts ({dates[0]})",
                                    self.path, where, col("to"), "swap 'from' and 'to'"))
            return
        values = {normalize_name(k): normalize_value(v) for k, v in row.items()
                  if k not in ("region", "from", "to") and v is not None and str(v).strip() != ""}
        if not values and columns is None:
            problems.append(Problem(f"{label}no value in this row", self.path, where, None,
                                    "add a variable, e.g. ppkm_level: 2"))
            return
        self.rows.append(ContextRow(region, dates[0], dates[1], values, line))

    def _finish(self, problems: list[Problem]) -> None:
        for row in self.rows:
            for name in row.values:
                self._index.setdefault((name, row.region), []).append(row)
        # Two rows of one region giving one variable different values on the same date: which holds?
        for (name, region), rows in self._index.items():
            rows.sort(key=lambda r: r.start)
            for before, after in itertools.pairwise(rows):
                if after.start <= before.end and before.values[name] != after.values[name]:
                    problems.append(Problem(
                        f"{name} of region {region_label(region)} is {before.values[name]!r} from {before.start} to "
                        f"{before.end} (line {before.line}) and {after.values[name]!r} from {after.start}",
                        self.path, after.line, None, "periods of one region must not overlap; fix one of them",
                    ))
        if problems:
            raise ContextError(problems)

    @property
    def variables(self) -> frozenset[str]:
        """The variables the table gives."""
        return frozenset(name for name, _ in self._index)

    def value(self, variable: str, region: str, day: dt.date) -> str | None:
        """The value of ``variable`` for ``region`` (canonical) on ``day``: the region's own row, else the
        closest containing region's; ``None`` when no row gives one."""
        name = normalize_name(variable)
        for place in ancestors(region):
            for row in self._index.get((name, place), ()):
                if row.start <= day <= row.end:
                    return row.values[name]
        return None


_COLUMN_ALIASES = {
    "region": "region", "wilayah": "region", "kode_wilayah": "region", "kode": "region", "daerah": "region",
    "kabupaten_kota": "region", "from": "from", "start": "from", "mulai": "from", "dari": "from",
    "to": "to", "end": "to", "until": "to", "sampai": "to", "hingga": "to", "selesai": "to",
}


def parse_context_csv(text: str, path: str = "<context>") -> ContextTable:
    """A context table from CSV text (``,``, ``;`` or tab separated); every problem located by line."""
    first = text.lstrip("\ufeff").partition("\n")[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise ContextError(Problem(f"cannot read the CSV header: {exc}", path, 1)) from None
    names = [_COLUMN_ALIASES.get(normalize_name(h), normalize_name(h)) for h in header]
    columns = {name: index + 1 for index, name in enumerate(names)}
    missing = [c for c in ("region", "from", "to") if c not in columns]
    if missing:
        raise ContextError(Problem(f"missing column(s) {', '.join(missing)}", path, 1, None,
                                   "the header needs region,from,to and one column per variable (e.g. ppkm_level)"))
    if len(columns) < len(names) or "" in names:
        raise ContextError(Problem("two columns have the same name, or a column has none", path, 1, None,
                                   "name every column once"))
    if len(names) == 3:
        raise ContextError(Problem("no variable column", path, 1, None, "add a column such as ppkm_level or zone"))
    table = ContextTable(path=path)
    problems: list[Problem] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(names):
                problems.append(Problem(f"this row has {len(cells)} cell(s) but the header has {len(names)}",
                                        path, line, None, "check the delimiter and the quoting"))
                continue
            table._add(dict(zip(names, (c.strip() for c in cells), strict=True)), line, columns, problems)
    except csv.Error as exc:
        problems.append(Problem(f"malformed CSV: {exc}", path, reader.line_num))
    table._finish(problems)
    return table


def load_context(path: str | os.PathLike[str]) -> ContextTable:
    """Read a context CSV file (see :func:`parse_context_csv`)."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise ContextError(Problem("no such file", str(source), hint="check the path")) from None
    except IsADirectoryError:
        raise ContextError(Problem("is a directory, not a file", str(source))) from None
    except OSError as exc:
        raise ContextError(Problem(f"cannot read the file: {exc.strerror}", str(source))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContextError(Problem("the file is not UTF-8 text", str(source), hint="save it as UTF-8")) from None
    if not text.strip():
        raise ContextError(Problem("the file is empty", str(source)))
    return parse_context_csv(text, str(source))


__all__ = ["ContextError", "ContextRow", "ContextTable", "load_context", "normalize_name", "normalize_value",
           "parse_context_csv"]
