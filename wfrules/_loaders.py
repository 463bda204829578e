"""Loading rule files and rosters from disk, with every problem located at FILE:LINE[:COL].

Input files are only ever read. Errors are :class:`~wfrules.RosterError` /
:class:`~wfrules.CircularError`, each listing every problem found (up to ``max_errors``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ._circular import Circular
from ._errors import CircularError, InputError, Problem, RosterError, UsageError
from ._model import parse_iso_date
from ._roster import Roster, reference_problems
from ._source import JsonLocator, SourceError, YamlLocator, dump_yaml, parse_json, parse_yaml
from ._vocab import UnknownName, did_you_mean, parse_mode, parse_sector, parse_tag, suggest

#: Default cap on the number of problems collected from one file.
MAX_ERRORS = 50
#: Default cap on the size of an input file, in bytes.
MAX_FILE_BYTES = 512 * 1024 * 1024

PathLike = str | os.PathLike[str]


def _check_max_errors(max_errors: int, where: str) -> None:
    if max_errors < 1:
        raise UsageError(Problem("max_errors must be at least 1", where))


def _read_text(path: Path, error: type[InputError], max_bytes: int = MAX_FILE_BYTES) -> str:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise error(Problem("not a regular file", str(path), hint="give the path of a saved file"))
        size = info.st_size
        if size > max_bytes:
            raise error(Problem(f"file is {size} bytes, over the limit of {max_bytes}", str(path),
                                hint="split it, or raise the limit"))
        raw = path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise error(Problem("no such file", str(path), hint="check the path")) from None
    except IsADirectoryError:
        raise error(Problem("is a directory, not a file", str(path))) from None
    except OSError as exc:
        raise error(Problem(f"cannot read the file: {exc.strerror}", str(path))) from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise error(Problem(f"not a usable file name: {exc}", str(path))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise error(Problem("the file is not UTF-8 text", str(path), line,
                            hint="save it as UTF-8 (in Excel: CSV UTF-8)")) from None
    if not text.strip():
        raise error(Problem("the file is empty", str(path), hint="check you exported the right file"))
    return text


# ------------------------------------------------------------------------------ pydantic -> problems

@cache
def _known_fields(*models: type[BaseModel]) -> frozenset[str]:
    """Every field name (by alias) of these models and the models nested in them, for "did you mean"."""
    names: set[str] = set()
    stack = list(models)
    seen: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
            stack.extend(_nested_models(info.annotation))
    return frozenset(names)


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_nested_models(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        out.extend(_nested_models(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        out.extend(_nested_models(origin))
    return out


Locator = Callable[[tuple[str | int, ...], bool], tuple[int, int] | None]

_SHARE_BOUND_TYPES = ("less_than_equal", "greater_than_equal")
_LIMIT_KINDS = ("share", "headcount", "forbid")


def _problems_from_validation(
    exc: ValidationError,
    path: str,
    locate: Locator,
    fields: frozenset[str],
    max_errors: int,
) -> tuple[list[Problem], int]:
    """Turn pydantic's errors into located problems; also return how many were left out."""
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    for error in errors[:max_errors]:
        loc = tuple(error["loc"])
        message = error["msg"].removeprefix("Value error, ").replace("a valid tuple", "a list")
        hint: str | None = None
        kind = error["type"]
        at_key = False
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, UnknownName):
            message, hint = cause.short, cause.hint
        elif kind == "extra_forbidden":
            name = str(loc[-1]) if loc else "?"
            message = f"unknown field {name!r}"
            hint = did_you_mean(name, fields - {name}, "remove it (see the rule-file reference in the README)")
            at_key = True
        elif kind == "missing":
            message = f"missing required field {loc[-1]!r}" if loc else "missing value"
            hint = "add it"
            loc = loc[:-1]
        elif kind == "union_tag_invalid":
            tag = (error.get("ctx") or {}).get("tag", "?")
            message = f"unknown limit kind {tag!r}"
            hint = did_you_mean(str(tag), _LIMIT_KINDS, "kind is one of: share, headcount, forbid")
        elif kind == "union_tag_not_found":
            message = "missing 'kind'"
            hint = "add kind: share, headcount or forbid"
        elif kind in _SHARE_BOUND_TYPES and loc and loc[-1] in ("max", "min") and "share" in loc:
            hint = "a share is between 0 and 1, or 0% and 100%"
        elif kind == "duplicate_rule_id":
            loc = (*loc, (error.get("ctx") or {})["index"], "id")
            hint = "rule ids must be unique in a circular; rename one"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = f"expected an object (mapping) here, got {type(error.get('input')).__name__}"
        where = _dotted(loc)
        position = locate(loc, at_key)
        line, column = position if position else (None, None)
        prefix = f"{where}: " if where else ""
        problems.append(Problem(prefix + message, path, line, column, hint))
    return problems, max(0, len(errors) - max_errors)


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        elif step in ("share", "headcount", "forbid", "function-after", "function-before") or "[" in step:
            continue  # pydantic's own steps (a union member, a validator) mean nothing to the user
        else:
            out += f".{step}" if out else step
    return out


# ------------------------------------------------------------------------------------------- circulars


def parse_circular(
    text: str, path: str = "<circular>", *, fmt: str | None = None, max_errors: int = MAX_ERRORS
) -> Circular:
    """Parse a rule file's text (YAML or JSON: by ``fmt``, else by the path's suffix, else YAML)."""
    _check_max_errors(max_errors, "parse_circular")
    suffix = (fmt or Path(path).suffix.lstrip(".")).lower()
    is_json = suffix == "json"
    try:
        data = parse_json(text) if is_json else parse_yaml(text)
    except SourceError as exc:
        raise CircularError(Problem(exc.message, path, exc.line, exc.column, exc.hint)) from None

    locate: Locator = JsonLocator(text) if is_json else YamlLocator(text)
    if not isinstance(data, dict):
        raise CircularError(Problem(
            f"a rule file must be a mapping with id, number, title, issuer, jurisdiction, issued and rules; "
            f"got {type(data).__name__}", path, 1, None, "see examples/ or the catalog for the shape",
        ))
    if "assignments" in data and "rules" not in data:
        raise CircularError(Problem("this looks like a roster, not a rule file", path, 1, None,
                                    "give the roster as the first argument and the rule file with --circular"))
    try:
        return Circular.model_validate(data)
    except ValidationError as exc:
        problems, dropped = _problems_from_validation(exc, path, locate, _known_fields(Circular), max_errors)
        raise CircularError(problems, dropped=dropped) from None
    except RecursionError:
        raise CircularError(Problem("the rule file is nested too deeply", path)) from None


def dump_circular(circular: Circular, fmt: str = "yaml") -> str:
    """A rule file's text for ``circular`` (``yaml`` or ``json``) that :func:`parse_circular` reads back equal.

    >>> from wfrules import load_circular
    >>> kalbar = load_circular("kalbar-se-800-01-2024")
    >>> parse_circular(dump_circular(kalbar), "kalbar.yaml") == kalbar
    True
    """
    data = circular.model_dump(mode="json", by_alias=True, exclude_none=True)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return dump_yaml(data)
    raise UsageError(Problem(f"unknown format {fmt!r}", "dump_circular", hint="fmt is 'yaml' or 'json'"))


def load_circular_file(path: PathLike, *, max_errors: int = MAX_ERRORS) -> Circular:
    """Load a rule file (``.yaml``, ``.yml`` or ``.json``)."""
    path = Path(path)
    return parse_circular(_read_text(path, CircularError), str(path), max_errors=max_errors)


# --------------------------------------------------------------------------------------------- rosters


def load_roster(
    source: PathLike | Mapping[str, Any],
    *,
    fmt: str | None = None,
    max_errors: int = MAX_ERRORS,
) -> Roster:
    """Load a roster from a JSON or CSV file (by suffix, or ``fmt``), or from a dict.

    Every problem is reported as a :class:`~wfrules.RosterError` with the file and line.
    """
    _check_max_errors(max_errors, "load_roster")
    if isinstance(source, Mapping):
        return _roster_from_data(dict(source), "<roster>", None, max_errors)
    if not isinstance(source, (str, os.PathLike)):
        raise UsageError(Problem(f"load_roster() takes a path or a dict, not {type(source).__name__}",
                                 "load_roster"))
    path = Path(source)
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind in ("yaml", "yml"):
        raise RosterError(Problem("a roster is a JSON or CSV file; this looks like a rule file (YAML)", str(path),
                                  hint="pass rule files with --circular"))
    text = _read_text(path, RosterError)
    if kind not in ("json", "csv"):
        kind = "json" if text.lstrip().startswith("{") else "csv"
    if kind == "json":
        return parse_roster_json(text, str(path), max_errors=max_errors)
    return parse_roster_csv(text, str(path), max_errors=max_errors)


def parse_roster_json(text: str, path: str = "<roster>", *, max_errors: int = MAX_ERRORS) -> Roster:
    """Parse a normalised JSON roster (CONTRACT §2)."""
    _check_max_errors(max_errors, "parse_roster_json")
    try:
        data = parse_json(text)
    except SourceError as exc:
        raise RosterError(Problem(exc.message, path, exc.line, exc.column, exc.hint)) from None
    if not isinstance(data, dict):
        raise RosterError(Problem(
            f"a JSON roster must be an object with units, employees and assignments; got {type(data).__name__}",
            path, 1, 1, 'start the file with {"units": [...], "employees": [...], "assignments": [...]}',
        ))
    return _roster_from_data(data, path, JsonLocator(text), max_errors)


def _roster_from_data(
    data: dict[str, Any],
    path: str,
    locate: Locator | None,
    max_errors: int,
) -> Roster:
    def where(loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int] | None:
        return locate(loc, key) if locate else None

    if "rules" in data and "assignments" not in data:
        raise RosterError(Problem("this looks like a rule file, not a roster", path, 1, None,
                                  "pass rule files with --circular; the roster has units, employees, assignments"))
    try:
        roster = Roster.model_validate(data, context={"wfrules_skip_references": True})
    except ValidationError as exc:
        problems, dropped = _problems_from_validation(exc, path, where, _known_fields(Roster), max_errors)
        raise RosterError(problems, dropped=dropped) from None
    except RecursionError:
        raise RosterError(Problem("the roster is nested too deeply", path)) from None
    found, total = reference_problems(roster, limit=max_errors)
    if found:
        problems = []
        for loc, problem in found:
            line, column = where(loc) or (None, None)
            problems.append(Problem(f"{_dotted(loc)}: {problem.message}", path, line, column, problem.hint))
        raise RosterError(problems, dropped=total - len(found))
    if locate is None:
        return roster

    def line_of(index: int) -> int | None:
        found = locate(("assignments", index), False)
        return found[0] if found else None

    return roster._with_source(path, line_of)


_COLUMN_ALIASES: dict[str, str] = {
    "employee": "employee", "nip": "employee", "pegawai": "employee", "employee_id": "employee",
    "unit": "unit", "unit_kerja": "unit", "opd": "unit", "unit_id": "unit",
    "date": "date", "tanggal": "date", "tgl": "date",
    "mode": "mode", "status": "mode", "keterangan": "mode", "kode": "mode",
    "sector": "sector", "sektor": "sector",
    "tags": "tags", "tag": "tags", "label": "tags",
    "name": "name", "nama": "name", "employee_name": "name",
    "unit_name": "unit_name", "nama_unit": "unit_name",
    "leave_type": "leave_type", "jenis_cuti": "leave_type",
}
_REQUIRED = ("employee", "unit", "date", "mode")


def _stated(what: str, value: str | tuple[str, ...], cell: str | None = None) -> str:
    """How a row states a unit's sector or tags, for a message: ``sector 'health'``, ``no tags``."""
    if what == "tags":
        return f"tags {';'.join(value)!r}" if value else "no tags"
    return f"sector {value!r}" if cell != "" else f"no sector (blank, read as {value!r})"


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None else ""


def _sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab, judged from the header line (Excel in Indonesian locales writes ``;``)."""
    try:
        return csv.Sniffer().sniff(text.partition("\n")[0], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_columns(
    header: list[str], problem: Callable[[str, int, int, str], None]
) -> tuple[dict[str, int], dict[str, int]]:
    """The index of each known column (by canonical name, aliases resolved) and of each extra column."""
    columns: dict[str, int] = {}
    extras: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower().replace(" ", "_")
        canonical = _COLUMN_ALIASES.get(name)
        if canonical is None:
            if name in extras:
                problem(f"two columns are named {raw.strip()!r}", 1, index + 1, "rename or remove one")
            elif name:
                extras[name] = index
        elif canonical in columns:
            problem(f"two columns mean {canonical!r}: {header[columns[canonical]]!r} and {raw!r}", 1, index + 1,
                    "keep one")
        else:
            columns[canonical] = index
    return columns, extras


def parse_roster_csv(text: str, path: str = "<roster>", *, max_errors: int = MAX_ERRORS) -> Roster:
    """Parse a denormalised CSV roster (one row per assignment, CONTRACT §2)."""
    _check_max_errors(max_errors, "parse_roster_csv")
    # strict: an unclosed quote is an error, not a cell that silently swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True)
    problems: list[Problem] = []
    dropped = 0

    def problem(message: str, line: int | None, column: int | None = None, hint: str | None = None) -> None:
        nonlocal dropped
        if len(problems) < max_errors:
            problems.append(Problem(message, path, line, column, hint))
        else:
            dropped += 1

    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise RosterError(Problem(f"cannot read the CSV header: {exc}", path, 1)) from None
    columns, extras = _csv_columns(header, problem)
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        close = {m: suggest(m, [h.strip() for h in header]) for m in missing}
        hints = ", ".join(f"{m!r} (is {close[m]!r} it?)" if close[m] else repr(m) for m in missing)
        raise RosterError(Problem(
            f"missing required column(s) {', '.join(missing)}", path, 1, None,
            f"the header needs employee,unit,date,mode; add {hints}",
        ))

    # The CSV is denormalised, so units and employees are built here, and the cross-row checks that
    # reference_problems does for JSON (one unit per employee, one assignment per employee and date) are
    # done here too, where the line of each row is known.
    units: dict[str, dict[str, Any]] = {}
    unit_line: dict[str, int] = {}
    employees: dict[str, dict[str, Any]] = {}
    employee_line: dict[str, int] = {}
    assignments: list[dict[str, Any]] = []
    lines: list[int] = []
    seen: dict[tuple[str, Any], int] = {}
    line = 1
    width = len(header)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                problem("a quote (\") opened in the row starting here is never closed", line + 1, None,
                        "close the quote, or remove it; every row after it was read as part of one cell")
            else:
                problem(f"malformed CSV: {exc}", reader.line_num, None,
                        "a quote inside a cell must be doubled (\"\"), or the cell quoted as a whole")
            break
        line, start = reader.line_num, line + 1
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) != width:
            problem(f"this row has {len(cells)} cell(s) but the header has {width}", start, None,
                    "check the delimiter and the quoting of this row")
            if len(cells) < width:
                continue

        employee, unit, day, mode_text = (_cell(cells, columns, c) for c in _REQUIRED)
        ok = True
        for name, value in (("employee", employee), ("unit", unit), ("date", day), ("mode", mode_text)):
            if not value:
                problem(f"empty {name}", start, columns[name] + 1, f"fill in the {name} column")
                ok = False
        if not ok:
            continue
        if employee.startswith("'"):
            employee = employee[1:]
        try:
            date = parse_iso_date(day)
        except ValueError as exc:
            problem(str(exc), start, columns["date"] + 1, "write dates as YYYY-MM-DD")
            continue
        try:
            mode, leave = parse_mode(mode_text)
        except UnknownName as exc:
            problem(exc.short, start, columns["mode"] + 1,
                    exc.hint or "modes: WFO, DL, WFH, WFA, CUTI, SAKIT, IZIN, TK, LIBUR, or an alias")
            continue
        # Every row states its unit's sector and tags (a blank cell states "other" / no tags): rows that
        # disagree are an error, never a silent pick, because a tag decides which rules apply.
        sector_text = _cell(cells, columns, "sector")
        try:
            sector = parse_sector(sector_text) if sector_text else "other"
        except UnknownName as exc:
            problem(exc.short, start, columns["sector"] + 1, exc.hint or "see the sector list in the README")
            continue
        tags = tuple(sorted({parse_tag(t) for t in _cell(cells, columns, "tags").split(";") if t.strip()}))
        known = units.get(unit)
        if known is None:
            units[unit] = {"id": unit, "sector": sector, "tags": tags}
            if _cell(cells, columns, "unit_name"):
                units[unit]["name"] = _cell(cells, columns, "unit_name")
            unit_line[unit] = start
        elif (known["sector"], known["tags"]) != (sector, tags):
            what = "sector" if known["sector"] != sector else "tags"
            here, before = (sector, known["sector"]) if what == "sector" else (tags, known["tags"])
            problem(
                f"unit {unit!r} has {_stated(what, here, sector_text)} here but {_stated(what, before)} on line "
                f"{unit_line[unit]}",
                start, columns[what] + 1, "a unit has one sector and one set of tags; make the rows agree",
            )
            continue
        owner = employees.get(employee)
        if owner is None:
            employees[employee] = {"id": employee, "unit": unit}
            if _cell(cells, columns, "name"):
                employees[employee]["name"] = _cell(cells, columns, "name")
            employee_line[employee] = start
        elif owner["unit"] != unit:
            problem(
                f"employee {employee!r} is in unit {unit!r} here but in {owner['unit']!r} on line "
                f"{employee_line[employee]}", start, columns["unit"] + 1, "an employee belongs to one unit",
            )
            continue
        key = (employee, date)
        if key in seen:
            problem(f"employee {employee!r} has two assignments on {date}", start, columns["date"] + 1,
                    f"keep one; the other is on line {seen[key]}")
            continue
        seen[key] = start
        record: dict[str, Any] = {"employee": employee, "date": date, "mode": mode,
                                  "leave_type": _cell(cells, columns, "leave_type") or leave}
        for name, index in extras.items():
            if cells[index]:
                record[name] = cells[index]
        assignments.append(record)
        lines.append(start)
    if problems:
        raise RosterError(problems, dropped=dropped)
    roster = Roster.model_validate(
        {"units": list(units.values()), "employees": list(employees.values()), "assignments": assignments},
        context={"wfrules_skip_references": True},
    )
    return roster._with_source(path, lines.__getitem__)
