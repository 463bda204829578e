"""Writing rosters: JSON (normalised) or CSV (one row per assignment), and rewriting the modes of a roster
file while keeping everything else of it (columns, extra fields, order, delimiter, BOM).

Used by ``plan`` (a new roster) and ``fix`` (the input roster with some modes changed). Pure: these return
text; the CLI writes it with :func:`wfrules._cliutil.write_atomic`.

>>> from wfrules import Roster
>>> roster = Roster.model_validate({
...     "units": [{"id": "bkd", "sector": "government_administration"}],
...     "employees": [{"id": "e1", "unit": "bkd"}],
...     "assignments": [{"employee": "e1", "date": "2024-04-16", "mode": "CT"}],
... })
>>> print(roster_to_csv(roster), end="")
employee,unit,sector,tags,date,mode,leave_type
e1,bkd,government_administration,,2024-04-16,CUTI,CT
>>> print(rewrite_modes("employee,unit,date,mode\\ne1,bkd,2024-04-16,CT\\n", "csv", {0: Mode.WFO}), end="")
employee,unit,date,mode
e1,bkd,2024-04-16,WFO
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._errors import Problem, UsageError
from ._roster import Roster
from ._stream import COLUMN_ALIASES, _normal_header, _sniff_delimiter
from ._stream import csv_columns as _csv_columns
from ._vocab import Mode

FORMATS = ("json", "csv")


def format_of(path: str | Path) -> str:
    """``json`` or ``csv`` from a file name's suffix; a :class:`UsageError` for anything else."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UsageError(Problem(f"cannot tell the roster format of {str(path)!r}", str(path),
                                 hint="name the output file .json or .csv"))
    return suffix


def roster_to_json(roster: Roster) -> str:
    """The roster as normalised JSON (CONTRACT §2), extra fields kept, ``null`` fields left out."""
    data: dict[str, Any] = {
        "units": [u.model_dump(mode="json", exclude_none=True) for u in roster.units],
        "employees": [e.model_dump(mode="json", exclude_none=True) for e in roster.employees],
        "assignments": [a.model_dump(mode="json", exclude_none=True) for a in roster.assignments],
    }
    if roster.meta:
        data["meta"] = roster.meta
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def roster_to_csv(roster: Roster, path: str = "<roster>") -> str:
    """The roster as CSV, one row per assignment: ``employee,[name,]unit,[unit_name,]sector,tags,date,mode``,
    then ``leave_type`` when any assignment has one, then the extra fields of the units (``region``…), of the
    employees (the attributes employee filters read, e.g. ``service_24h``) and of the assignments, each once.
    Read back, a unit's extra fields are its columns on every row of the unit and an employee's are their
    columns on each of their rows, which is how ``check`` reads a CSV roster (an assignment's own value wins
    over its employee's, and a unit's ``region`` column is the unit's region), so the CSV is judged as the
    roster was. A field on more than one level takes the most specific value of each row (assignment, then
    employee, then unit). Units and employees without an assignment cannot appear (a CSV roster has no place
    for them).

    >>> roster = Roster.model_validate({
    ...     "units": [{"id": "damkar", "sector": "disaster", "region": "31"}],
    ...     "employees": [{"id": "d0", "unit": "damkar", "service_24h": True}],
    ...     "assignments": [{"employee": "d0", "date": "2025-08-29", "mode": "WFO"}],
    ... })
    >>> print(roster_to_csv(roster), end="")
    employee,unit,sector,tags,date,mode,region,service_24h
    d0,damkar,disaster,,2025-08-29,WFO,31,true
    """
    units = roster.unit_by_id
    employees = {e.id: e for e in roster.employees}
    names = any(e.name for e in roster.employees)
    unit_names = any(u.name for u in roster.units)
    listed = {a.employee for a in roster.assignments}
    shown_units = {employees[e].unit for e in listed}
    extras: dict[str, None] = {}
    for unit in roster.units:
        if unit.id in shown_units:
            extras.update(dict.fromkeys(unit.model_extra or {}))
    for employee in roster.employees:
        if employee.id in listed:
            extras.update(dict.fromkeys(employee.model_extra or {}))
    for a in roster.assignments:
        extras.update(dict.fromkeys(a.model_extra or {}))
    _check_extra_columns(extras, path)
    leave = any(a.leave_type for a in roster.assignments)
    header = ["employee", *(["name"] if names else []), "unit", *(["unit_name"] if unit_names else []),
              "sector", "tags", "date", "mode", *(["leave_type"] if leave else []), *extras]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for a in roster.assignments:
        employee = employees[a.employee]
        unit = units[employee.unit]
        extra = {**(unit.model_extra or {}), **(employee.model_extra or {}), **(a.model_extra or {})}
        row = [a.employee, *([employee.name or ""] if names else []), unit.id,
               *([unit.name or ""] if unit_names else []), unit.sector, ";".join(unit.tags), a.date.isoformat(),
               a.mode.value, *([a.leave_type or ""] if leave else []), *(_cell(extra.get(k)) for k in extras)]
        writer.writerow(row)
    return buffer.getvalue()


def _check_extra_columns(extras: Mapping[str, None], path: str) -> None:
    """Refuse extra fields that would not read back as themselves: a name the CSV reader takes for one of its
    own columns (``status`` is ``mode``, ``nama`` is ``name``) or two names it reads as one (``Shift``,
    ``shift``)."""
    seen: dict[str, str] = {}
    for field in extras:
        name = _normal_header(field)
        if not name:
            raise UsageError(Problem(f"the extra field {field!r} has no name a CSV column can carry (the reader "
                                     "skips such a column)", path,
                                     hint="write the roster as JSON (-o FILE.json), or rename the field"))
        known = COLUMN_ALIASES.get(name)
        if known is not None:
            raise UsageError(Problem(f"the extra field {field!r} would be read back as the CSV column {known!r}",
                                     path, hint="write the roster as JSON (-o FILE.json), or rename the field"))
        if name in seen:
            raise UsageError(Problem(f"the extra fields {seen[name]!r} and {field!r} would be read back as one "
                                     "CSV column", path,
                                     hint="write the roster as JSON (-o FILE.json), or rename one of them"))
        seen[name] = field


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def dump_roster(roster: Roster, fmt: str, path: str = "<roster>") -> str:
    """The roster as ``json`` or ``csv`` text (``path``, the file it is for, locates an error)."""
    if fmt == "json":
        return roster_to_json(roster)
    if fmt == "csv":
        return roster_to_csv(roster, path)
    raise UsageError(Problem(f"unknown roster format {fmt!r}", "dump_roster", hint="json or csv"))


def rewrite_modes(source: str, fmt: str, modes: Mapping[int, Mode]) -> str:
    """The roster file's text ``source`` with the mode of assignment ``i`` set to ``modes[i]`` (and its leave
    type cleared), everything else kept. ``source`` must be a roster the loaders accept (no BOM)."""
    if fmt == "json":
        data = json.loads(source)
        for index, mode in modes.items():
            record = data["assignments"][index]
            record["mode"] = mode.value
            record.pop("leave_type", None)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise UsageError(Problem(f"unknown roster format {fmt!r}", "rewrite_modes", hint="json or csv"))
    delimiter = _sniff_delimiter(source)
    rows = list(csv.reader(io.StringIO(source, newline=""), delimiter=delimiter, strict=True))
    columns, _ = _csv_columns(rows[0], lambda *_: None)
    mode_column, leave_column = columns["mode"], columns.get("leave_type")
    index = -1
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # the loader skips blank rows: they hold no assignment
        index += 1
        new = modes.get(index)
        if new is not None:
            row[mode_column] = new.value
            if leave_column is not None:
                row[leave_column] = ""
    buffer = io.StringIO()
    terminator = "\r\n" if "\r\n" in source else "\n"
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return buffer.getvalue()


__all__ = ["FORMATS", "dump_roster", "format_of", "rewrite_modes", "roster_to_csv", "roster_to_json"]
