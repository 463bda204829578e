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
from ._stream import _sniff_delimiter
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


def roster_to_csv(roster: Roster) -> str:
    """The roster as CSV, one row per assignment: ``employee,[name,]unit,[unit_name,]sector,tags,date,mode``,
    then ``leave_type`` and the assignments' extra fields when any has them. Units and employees without an
    assignment cannot appear (a CSV roster has no place for them)."""
    units = roster.unit_by_id
    employees = {e.id: e for e in roster.employees}
    names = any(e.name for e in roster.employees)
    unit_names = any(u.name for u in roster.units)
    extras: dict[str, None] = {}
    for a in roster.assignments:
        extras.update(dict.fromkeys(a.model_extra or {}))
    leave = any(a.leave_type for a in roster.assignments)
    header = ["employee", *(["name"] if names else []), "unit", *(["unit_name"] if unit_names else []),
              "sector", "tags", "date", "mode", *(["leave_type"] if leave else []), *extras]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for a in roster.assignments:
        employee = employees[a.employee]
        unit = units[employee.unit]
        extra = a.model_extra or {}
        row = [a.employee, *([employee.name or ""] if names else []), unit.id,
               *([unit.name or ""] if unit_names else []), unit.sector, ";".join(unit.tags), a.date.isoformat(),
               a.mode.value, *([a.leave_type or ""] if leave else []), *(_cell(extra.get(k)) for k in extras)]
        writer.writerow(row)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def dump_roster(roster: Roster, fmt: str) -> str:
    """The roster as ``json`` or ``csv`` text."""
    if fmt == "json":
        return roster_to_json(roster)
    if fmt == "csv":
        return roster_to_csv(roster)
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
