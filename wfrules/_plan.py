"""Planning: from a staff list and a date range, a roster that passes ``check``, with a fair rotation.

For every day of the range and every unit, in this order:

1. **Days.** Working days (Monday–Friday, not a public holiday or cuti bersama: :func:`wfrules._calendar.working_days`).
   A non-working day is planned only when a rule with a stated window applies on it and needs people (e.g.
   picket duty on a holiday): then the fewest needed are scheduled WFO and everyone else ``LIBUR``. A working
   day outside every rule's window is planned like any other; no rule caps it.
2. **Requests** (``--requests``: approved leave, WFO/DL, WFH wishes). Requests other than remote work are
   granted in file order as long as the day can still meet every rule; the others are reported.
3. **Remote work.** The quota machinery (:mod:`wfrules._quota`) gives the numbers of remote people at which
   every rule holds, with the granted requests fixed and everyone else WFO or remote. With ``remote="cap"``
   (the default) the unit uses the largest where a rule limits remote work; with ``remote="none"``, and on
   days no rule limits remote work (none applies, or only caps on office attendance, as PPKM's) with
   ``unregulated="wfo"`` (the default), the smallest (0 unless a rule asks for remote work), raised to grant
   WFH wishes up to the cap.
4. **Who.** The remote places go to eligible staff (``remote_eligible``, default true) with the fewest remote
   days so far; among equals, those who asked for it, then a rotation through the unit's staff list that
   advances every day. So remote days of a unit's eligible staff differ by at most one over the range,
   unless approved leave or wishes make that impossible.

Rules with an employee filter (``employees``) count only some staff: on such a day the unit's staff are split
into the classes the filters tell apart (the staff list's other columns are the employees' attributes), steps
2-3 scan every allocation of remote places over the classes (how many of each remote) as ``quota`` does, and
in step 4 each ranked person takes a place if some passing allocation of the chosen total still fits. The
planned roster carries the attributes the filters read, so ``check`` judges it as the plan did.

Deterministic: the same inputs give the same roster.

>>> import datetime as dt, wfrules
>>> staff = parse_staff_csv("employee,unit,sector,tags\\n" + "".join(f"e{i},bkd,government_administration,\\n"
...                                                                 for i in range(5)))
>>> result = plan(staff, [wfrules.load_circular("kalbar-se-800-01-2024")], dt.date(2024, 4, 16), dt.date(2024, 4, 17))
>>> result.ok, [a.mode.value for a in result.roster.assignments if a.date == dt.date(2024, 4, 16)]
(True, ['WFH', 'WFH', 'WFO', 'WFO', 'WFO'])
>>> [a.mode.value for a in result.roster.assignments if a.date == dt.date(2024, 4, 17)]
['WFO', 'WFO', 'WFH', 'WFH', 'WFO']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._args import circulars_arg, lang_arg
from ._calendar import is_working_day
from ._circular import Circular
from ._context import ContextTable, normalize_name
from ._engine import UnitInfo, check
from ._errors import InputError, Problem, RosterError, UsageError
from ._loaders import MAX_ERRORS, read_text
from ._messages import Lang
from ._model import parse_iso_date
from ._quota import INDEX, WFH, WFO, CellRules, RuleSet, allocations_within_limit, filters_of, masks_of
from ._report import Report
from ._resolve import Resolver
from ._roster import Employee, Roster, Unit
from ._stream import _sniff_delimiter
from ._stream import csv_columns as _csv_columns
from ._vocab import GROUPS, MODE_GROUP, Mode, UnknownName, parse_mode, parse_sector, parse_tag

if TYPE_CHECKING:
    from ._fix import ClassedRules

RemotePolicy = Literal["none", "cap"]
UnregulatedPolicy = Literal["remote", "wfo"]

_TRUE = frozenset({"true", "yes", "y", "1", "ya", "benar", "boleh", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "tidak", "salah", "f", "tidak boleh"})


# ------------------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True, slots=True)
class Staff:
    """A staff list: units (with sector and tags) and their employees, each eligible for remote work or not."""

    units: tuple[Unit, ...]
    employees: tuple[Employee, ...]
    source: str | None = None
    #: Per employee, the staff list's other columns (names normalised, blank cells left out): what a rule's
    #: employee filter reads (e.g. ``service_24h``). A planned roster carries those its circulars' filters read.
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Per employee, the line of the staff list that gives it (for located errors).
    lines: dict[str, int] = field(default_factory=dict)

    def eligible(self, employee: Employee) -> bool:
        """Whether ``employee`` may work remotely (``remote_eligible``, default true)."""
        return bool((employee.model_extra or {}).get("remote_eligible", True))


@dataclass(frozen=True, slots=True)
class Request:
    """A request for one employee on one date: approved leave, WFO/DL, or a wish to work remotely."""

    employee: str
    date: dt.date
    mode: Mode
    leave_type: str | None = None
    line: int | None = None


def _bool(text: str) -> bool | None:
    value = text.strip().lower()
    if not value:
        return True
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def _rows(text: str, path: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True)
    try:
        header = next(reader)
        rows = []
        for row in reader:
            cells = [c.strip() for c in row]
            if any(cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise RosterError(Problem(f"malformed CSV: {exc}", path, reader.line_num)) from None
    except StopIteration:
        raise RosterError(Problem("cannot read the CSV header", path, 1)) from None
    return header, rows


class _Problems:
    def __init__(self, path: str, max_errors: int) -> None:
        self.path, self.max_errors = path, max_errors
        self.found: list[Problem] = []
        self.dropped = 0

    def __call__(self, message: str, line: int | None, column: int | None = None, hint: str | None = None) -> None:
        if len(self.found) < self.max_errors:
            self.found.append(Problem(message, self.path, line, column, hint))
        else:
            self.dropped += 1

    def raise_any(self) -> None:
        if self.found:
            raise RosterError(self.found, dropped=self.dropped)


def parse_staff_csv(text: str, path: str = "<staff>", *, max_errors: int = MAX_ERRORS) -> Staff:
    """A staff list from CSV: columns ``employee,unit`` and optionally ``sector,tags,remote_eligible,name,
    unit_name,region`` (Indonesian column names as in rosters: ``nip``, ``unit_kerja``, ``sektor``…; ``boleh_wfh`` for
    ``remote_eligible``). ``remote_eligible`` is true/false (ya/tidak, 1/0; blank: true)."""
    problem = _Problems(path, max_errors)
    header, rows = _rows(text, path)
    columns, extras = _csv_columns(header, lambda m, line, col, hint: problem(m, line, col, hint))
    eligible_column = next((extras[n] for n in ("remote_eligible", "boleh_wfh", "eligible") if n in extras), None)
    # A unit's region (Kemendagri code or province name), for rules with a region scope or a context table.
    region_column = next((extras[n] for n in ("region", "wilayah") if n in extras), None)
    # Any other column is an attribute of the employee (for rules with an employee filter).
    reserved = {"remote_eligible", "boleh_wfh", "eligible", "region", "wilayah"}
    attribute_columns = {normalize_name(n): i for n, i in extras.items() if n not in reserved}
    attributes: dict[str, dict[str, str]] = {}
    missing = [c for c in ("employee", "unit") if c not in columns]
    if missing:
        raise RosterError(Problem(f"missing required column(s) {', '.join(missing)}", path, 1, None,
                                  "a staff list needs employee,unit (and usually sector,tags,remote_eligible)"))
    units: dict[str, dict[str, Any]] = {}
    unit_line: dict[str, int] = {}
    employees: dict[str, dict[str, Any]] = {}
    employee_line: dict[str, int] = {}

    def cell(cells: list[str], name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    for line, cells in rows:
        if len(cells) != len(header):
            problem(f"this row has {len(cells)} cell(s) but the header has {len(header)}", line, None,
                    "check the delimiter and the quoting of this row")
            continue
        employee, unit = cell(cells, "employee").lstrip("'"), cell(cells, "unit")
        if not employee or not unit:
            name = "employee" if not employee else "unit"
            problem(f"empty {name}", line, columns[name] + 1, f"fill in the {name} column")
            continue
        try:
            sector = parse_sector(cell(cells, "sector")) if cell(cells, "sector") else "other"
        except UnknownName as exc:
            problem(exc.short, line, columns["sector"] + 1, exc.hint or "see the sector list in the README")
            continue
        tags = tuple(sorted({parse_tag(t) for t in cell(cells, "tags").split(";") if t.strip()}))
        eligible = _bool(cells[eligible_column]) if eligible_column is not None else True
        if eligible is None:
            problem(f"remote_eligible must be true or false, not {cells[eligible_column or 0]!r}", line,
                    (eligible_column or 0) + 1, "write true/false (or ya/tidak, 1/0); blank means true")
            continue
        known = units.get(unit)
        region = cells[region_column].strip() if region_column is not None and region_column < len(cells) else ""
        if known is None:
            units[unit] = {"id": unit, "sector": sector, "tags": tags}
            if cell(cells, "unit_name"):
                units[unit]["name"] = cell(cells, "unit_name")
            if region:
                units[unit]["region"] = region
            unit_line[unit] = line
        elif (known["sector"], known["tags"], known.get("region", "")) != (sector, tags, region):
            what = "sector" if known["sector"] != sector else "tags" if known["tags"] != tags else "region"
            problem(f"unit {unit!r} has another {what} here than on line {unit_line[unit]}", line,
                    (region_column if what == "region" and region_column is not None else columns.get(what, 0)) + 1,
                    "a unit has one sector, one set of tags and one region; make the rows agree")
            continue
        if employee in employees:
            problem(f"employee {employee!r} is listed twice (first on line {employee_line[employee]})", line,
                    columns["employee"] + 1, "list each employee once")
            continue
        record: dict[str, Any] = {"id": employee, "unit": unit}
        if cell(cells, "name"):
            record["name"] = cell(cells, "name")
        if eligible_column is not None:
            record["remote_eligible"] = eligible
        employees[employee] = record
        employee_line[employee] = line
        own = {name: cells[i] for name, i in attribute_columns.items() if i < len(cells) and cells[i]}
        if own:
            attributes[employee] = own
    problem.raise_any()
    return Staff(tuple(Unit.model_validate(u) for u in units.values()),
                 tuple(Employee.model_validate(e) for e in employees.values()), path, attributes, employee_line)


def load_staff(path: str | os.PathLike[str], *, max_errors: int = MAX_ERRORS) -> Staff:
    """Read a staff list CSV (see :func:`parse_staff_csv`)."""
    return parse_staff_csv(read_text(Path(path), RosterError), str(path), max_errors=max_errors)


def parse_requests_csv(
    text: str, staff: Staff, path: str = "<requests>", *, max_errors: int = MAX_ERRORS
) -> list[Request]:
    """Requests from CSV: ``employee,date,mode`` (approved leave as ``CUTI``/``CT``/``SAKIT``…, ``WFO``/``DL``, or a
    wish to work ``WFH``/``WFA``). Every employee must be on the staff list; one request per employee and date."""
    problem = _Problems(path, max_errors)
    header, rows = _rows(text, path)
    columns, _ = _csv_columns(header, lambda m, line, col, hint: problem(m, line, col, hint))
    missing = [c for c in ("employee", "date", "mode") if c not in columns]
    if missing:
        raise RosterError(Problem(f"missing required column(s) {', '.join(missing)}", path, 1, None,
                                  "a request list needs employee,date,mode"))
    known = {e.id for e in staff.employees}
    seen: dict[tuple[str, dt.date], int] = {}
    out: list[Request] = []
    for line, cells in rows:
        if len(cells) < len(header):
            problem(f"this row has {len(cells)} cell(s) but the header has {len(header)}", line)
            continue
        employee = cells[columns["employee"]].lstrip("'")
        if employee not in known:
            problem(f"unknown employee {employee!r}", line, columns["employee"] + 1,
                    "every request must name an employee of the staff list")
            continue
        try:
            day = parse_iso_date(cells[columns["date"]])
        except ValueError as exc:
            problem(str(exc), line, columns["date"] + 1, "write dates as YYYY-MM-DD")
            continue
        try:
            mode, leave = parse_mode(cells[columns["mode"]])
        except UnknownName as exc:
            problem(exc.short, line, columns["mode"] + 1, exc.hint or "e.g. CUTI, SAKIT, WFH, WFO")
            continue
        if (employee, day) in seen:
            problem(f"employee {employee!r} has two requests on {day}", line, columns["date"] + 1,
                    f"keep one; the other is on line {seen[employee, day]}")
            continue
        seen[employee, day] = line
        out.append(Request(employee, day, mode, leave, line))
    problem.raise_any()
    return out


def load_requests(path: str | os.PathLike[str], staff: Staff, *, max_errors: int = MAX_ERRORS) -> list[Request]:
    """Read a requests CSV (see :func:`parse_requests_csv`)."""
    return parse_requests_csv(read_text(Path(path), RosterError), staff, str(path), max_errors=max_errors)


# ------------------------------------------------------------------------------------------------ result


@dataclass(frozen=True, slots=True)
class NotGranted:
    """A request the plan could not grant, and why (``reason``: rules, cap, fair, not_eligible, not_planned)."""

    request: Request
    reason: str
    rules: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        """As plain data."""
        return {"employee": self.request.employee, "date": self.request.date.isoformat(),
                "mode": self.request.mode.value, "reason": self.reason, "rules": list(self.rules),
                "line": self.request.line}


@dataclass(frozen=True, slots=True)
class PlanResult:
    """The planned roster, the check of it, and what the plan could not do."""

    roster: Roster
    report: Report
    days: tuple[dt.date, ...]
    not_granted: tuple[NotGranted, ...]
    #: (unit, date, rules) where no arrangement of the staff meets every rule.
    infeasible: tuple[tuple[str, dt.date, tuple[str, ...]], ...]
    remote_days: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the planned roster passes ``check``."""
        return self.report.ok

    def remote_spread(self) -> dict[str, tuple[int, int]]:
        """Per unit: the fewest and the most remote days of its eligible staff."""
        out: dict[str, tuple[int, int]] = {}
        unit_of = {e.id: e.unit for e in self.roster.employees}
        for employee, days in self.remote_days.items():
            unit = unit_of[employee]
            low, high = out.get(unit, (days, days))
            out[unit] = (min(low, days), max(high, days))
        return out

    def to_json_dict(self) -> dict[str, Any]:
        """A summary of the plan as plain data (the roster itself is written to a file)."""
        remote = sum(a.mode in GROUPS["remote"] for a in self.roster.assignments)
        return {
            "ok": self.ok,
            "circulars": list(self.report.circulars),
            "days": [d.isoformat() for d in self.days],
            "summary": {"staff": len(self.roster.employees), "units": len(self.roster.units),
                        "days": len(self.days), "assignments": len(self.roster.assignments), "remote": remote},
            "remote_days": {u: {"min": lo, "max": hi} for u, (lo, hi) in self.remote_spread().items()},
            "not_granted": [n.to_json_dict() for n in self.not_granted],
            "infeasible": [{"unit": u, "date": d.isoformat(), "rules": list(r)} for u, d, r in self.infeasible],
            "violations": [v.model_dump(mode="json") for v in self.report.violations],
        }


# ------------------------------------------------------------------------------------------------ planning


def _day(fixed: Sequence[int], remote: int, onsite: int) -> list[int]:
    counts = list(fixed)
    counts[WFH] += remote
    counts[WFO] += onsite
    return counts


def _remote_options(rules: CellRules, fixed: Sequence[int], pool: int, eligible: int) -> list[int]:
    """The numbers of remote people (0..eligible, the rest of the pool WFO) at which every rule holds."""
    return [r for r in range(eligible + 1) if rules.holds(_day(fixed, r, pool - r))]


def _closest(rules: CellRules, fixed: Sequence[int], pool: int, eligible: int) -> tuple[int, tuple[str, ...]]:
    """When no number of remote people works: the one with the least total excess (fewest remote first), and
    the rules still broken there."""
    scored = [(sum(rules.excesses(_day(fixed, r, pool - r))), r) for r in range(eligible + 1)]
    _, best = min(scored)
    broken = tuple(f"{item.circular.id}/{item.rule.id}" for item, e in
                   zip(rules.rules, rules.excesses(_day(fixed, best, pool - best)), strict=True) if e)
    return best, broken


def _binding(rules: CellRules, fixed: Sequence[int], pool: int, count: int) -> tuple[str, ...]:
    """The rules that hold with ``count`` people remote but not with one more: what stops a wish."""
    more = _day(fixed, count + 1, pool - count - 1)
    return tuple(f"{item.circular.id}/{item.rule.id}" for item, e in
                 zip(rules.rules, rules.excesses(more), strict=True) if e)


def _caps_remote(rules: CellRules) -> bool:
    """Whether some rule limits remote work (a cap on remote modes, or a minimum on onsite ones): only then is
    there a remote allowance to use up. Rules that only cap office attendance (PPKM's "at most 50% WFO") leave
    the day unregulated for remote work."""
    remote, onsite = GROUPS["remote"], GROUPS["onsite"]
    for item in rules.rules:
        limit = item.rule.limit
        if (item.is_max and limit.counted & remote) or (not item.is_max and limit.counted & onsite):
            return True
    return False


def _rule_names(rules: CellRules) -> tuple[str, ...]:
    return tuple(f"{item.circular.id}/{item.rule.id}" for item in rules.rules)


class _Planner:
    def __init__(self, staff: Staff, circulars: Sequence[Circular], remote: RemotePolicy,
                 unregulated: UnregulatedPolicy, context: ContextTable | None = None) -> None:
        self.staff, self.remote, self.unregulated = staff, remote, unregulated
        # The attributes the circulars' employee filters read, per employee (staff list columns or employee
        # fields): the planned roster carries them, so that check judges it as the plan did. None without filters.
        read = sorted({name for c in circulars for r in c.rules if r.employees is not None
                       for name in r.employees.attributes})
        self.attributes: dict[str, dict[str, Any]] = {}
        #: The staff list's employees as roster records (with the attributes read).
        self.records: list[dict[str, Any]] = []
        for employee in staff.employees:
            record = employee.model_dump(mode="json", exclude_none=True)
            if read:
                given = {normalize_name(k): v for k, v in (employee.model_extra or {}).items()}
                given.update(staff.attributes.get(employee.id, {}))
                self.attributes[employee.id] = {name: given[name] for name in read if name in given}
                for name, value in self.attributes[employee.id].items():
                    record.setdefault(name, value)
            self.records.append(record)
        # The staff list as a roster with no assignments: it gives the resolver the units' regions.
        people = Roster.model_validate({
            "units": [u.model_dump(mode="json", exclude_none=True) for u in staff.units],
            "employees": self.records,
            "assignments": []})
        self.ruleset = RuleSet(circulars, resolver=Resolver(circulars, context=context, roster=people),
                               filters=True)
        self.members: dict[str, list[Employee]] = defaultdict(list)
        for employee in staff.employees:
            self.members[employee.unit].append(employee)
        self.info = {u.id: UnitInfo(u.id, u.sector, u.tags, len(self.members[u.id])) for u in staff.units}
        self.eligible = {u.id: frozenset(m.id for m in self.members[u.id] if staff.eligible(m)) for u in staff.units}
        self.remote_days = {e.id: 0 for e in staff.employees if staff.eligible(e)}
        self.duty_days = {e.id: 0 for e in staff.employees}
        self.rotation: dict[str, int] = defaultdict(int)
        self.assignments: list[dict[str, Any]] = []
        self.not_granted: list[NotGranted] = []
        self.infeasible: list[tuple[str, dt.date, tuple[str, ...]]] = []
        #: The classes of a unit under a set of rules (the day's rules repeat over the days, and a non-working
        #: day asks twice: what it needs, then who), built once each.
        self.classes: dict[tuple[str, tuple[int, ...]], _Classed] = {}

    def _write_day(self, day: dt.date, members: Sequence[Employee], modes: Mapping[str, tuple[Mode, str | None]],
                   chosen: Container[str], wishes: Mapping[str, Request],
                   refusal: Callable[[Employee, Request], NotGranted]) -> None:
        """Write a working day of a unit: each member's fixed mode (granted requests), remote for the chosen
        (their wished mode, else WFH), WFO for the others, and a refused remote wish as ``refusal`` says."""
        for member in members:
            if member.id in modes:
                mode, leave = modes[member.id]
                self._assign(member.id, day, mode, leave)
            elif member.id in chosen:
                self.remote_days[member.id] += 1
                wish = wishes.get(member.id)
                self._assign(member.id, day, wish.mode if wish is not None else Mode.WFH)
            else:
                self._assign(member.id, day, Mode.WFO)
                wish = wishes.get(member.id)
                if wish is not None:
                    self.not_granted.append(refusal(member, wish))

    def _assign(self, employee: str, day: dt.date, mode: Mode, leave_type: str | None = None) -> None:
        record: dict[str, Any] = {"employee": employee, "date": day.isoformat(), "mode": mode.value}
        if leave_type:
            record["leave_type"] = leave_type
        self.assignments.append(record)

    def off_needed(self, day: dt.date, unit: Unit) -> int | tuple[int, ...] | None:
        """A non-working day: the fewest people WFO the unit's rules need, everyone else LIBUR (``None``: no
        such arrangement meets them; under an employee filter, the numbers per class of :class:`_Classed`)."""
        members = self.members[unit.id]
        rules = self.ruleset.for_cell(self.info[unit.id], day)
        if _filtered(rules):
            return self._classed(unit.id, rules).off_needed()
        for n in range(len(members) + 1):
            counts = [0] * len(INDEX)
            counts[WFO], counts[INDEX[Mode.LIBUR]] = n, len(members) - n
            if rules.holds(counts):
                return n
        return None

    def off_day(self, day: dt.date, unit: Unit, needed: int | tuple[int, ...] | None) -> None:
        """Schedule a non-working day that is in the roster (some unit is needed): ``needed`` people WFO (the
        fewest duty days first), everyone else LIBUR. A unit nobody is needed in is left out, unless its rules
        fail on an empty day (a minimum of "onsite or off" counts an absent unit as 0): then all are LIBUR."""
        members = self.members[unit.id]
        rules = self.ruleset.for_cell(self.info[unit.id], day)
        if _filtered(rules):
            self._classed_off_day(day, unit, rules, needed if isinstance(needed, tuple) else None)
            return
        assert not isinstance(needed, tuple)
        if needed is None:
            self.infeasible.append((unit.id, day, _rule_names(rules)))
            needed = len(members)
        if needed == 0 and rules.holds([0] * len(INDEX)):
            return
        chosen = sorted(range(len(members)), key=lambda i: (self.duty_days[members[i].id], i))[:needed]
        for i, member in enumerate(members):
            if i in chosen:
                self.duty_days[member.id] += 1
            self._assign(member.id, day, Mode.WFO if i in chosen else Mode.LIBUR)

    def work_day(self, day: dt.date, unit: Unit, requests: list[Request]) -> None:
        """A working day of one unit: requests, then remote places, then everyone else WFO."""
        members = self.members[unit.id]
        rules = self.ruleset.for_cell(self.info[unit.id], day)
        if _filtered(rules):
            self._classed_work_day(day, unit, requests, rules)
            return
        eligible_ids = self.eligible[unit.id]
        fixed = [0] * len(INDEX)
        modes: dict[str, tuple[Mode, str | None]] = {}
        wishes: dict[str, Request] = {}
        for request in requests:
            group = MODE_GROUP[request.mode]
            if group == "remote":
                if request.employee in eligible_ids:
                    wishes[request.employee] = request
                else:
                    self.not_granted.append(NotGranted(request, "not_eligible"))
                continue
            trial = list(fixed)
            trial[INDEX[request.mode]] += 1
            pool = len(members) - len(modes) - 1
            eligible = len(eligible_ids - set(modes) - {request.employee})
            if _remote_options(rules, trial, pool, eligible):
                fixed = trial
                modes[request.employee] = (request.mode, request.leave_type)
            else:
                broken = tuple(f"{item.circular.id}/{item.rule.id}" for item in rules.rules
                               if _closest(CellRules((item,), rules.staff), trial, pool, eligible)[1])
                self.not_granted.append(NotGranted(request, "rules", broken or _rule_names(rules)))
        pool_members = [m for m in members if m.id not in modes]
        candidates = [m for m in pool_members if m.id in eligible_ids]
        options = _remote_options(rules, fixed, len(pool_members), len(candidates))
        if not options:
            count, broken = _closest(rules, fixed, len(pool_members), len(candidates))
            self.infeasible.append((unit.id, day, broken))
        elif self.remote == "cap" and (_caps_remote(rules) or self.unregulated == "remote"):
            count = max(options)
        else:
            wanted = sum(1 for m in candidates if m.id in wishes)
            count = max([r for r in options if r <= max(min(options), wanted)])
        # The fewest remote days first; among equals, those who asked, then a rotation that moves every day.
        start = self.rotation[unit.id]
        size = max(1, len(members))
        order = {m.id: (i - start) % size for i, m in enumerate(members) if m.id in eligible_ids}
        ranked = sorted(candidates, key=lambda m: (self.remote_days[m.id], m.id not in wishes, order[m.id]))
        chosen = {m.id for m in ranked[:count]}
        self.rotation[unit.id] = start + count
        binding = _binding(rules, fixed, len(pool_members), count) if count < len(pool_members) else ()
        fair = any(m.id not in wishes for m in ranked[:count])
        self._write_day(day, members, modes, chosen, wishes,
                        lambda member, wish: NotGranted(wish, "fair" if fair else "cap", binding))


    # ----------------------------------------------------------------------- days under employee filters

    def _classed(self, unit_id: str, rules: CellRules) -> _Classed:
        """The unit's staff split into the classes the day's employee filters tell apart (remembered per unit
        and set of rules: the rules' compiled items live as long as the planner's rule set)."""
        key = (unit_id, tuple(id(item) for item in rules.rules))
        known = self.classes.get(key)
        if known is None:
            known = self.classes[key] = self._split(unit_id, rules)
        return known

    def _split(self, unit_id: str, rules: CellRules) -> _Classed:
        members = self.members[unit_id]
        filters = filters_of(rules)
        keys = list(filters)
        position: dict[tuple[bool, ...], int] = {}
        klass: dict[str, int] = {}
        for member in members:
            attributes = self.attributes.get(member.id, {})
            try:
                signature = tuple(filters[k].keeps(attributes) for k in keys)
            except KeyError as exc:
                raise RosterError(Problem(
                    f"employee {member.id!r} has no attribute {exc.args[0]!r}, which a rule's employee filter reads",
                    self.staff.source, self.staff.lines.get(member.id),
                    hint=f"add a {exc.args[0]} column to the staff list, or give the rule "
                         f"'missing: {{{exc.args[0]}: ...}}'")) from None
            klass[member.id] = position.setdefault(signature, len(position))
        masks = masks_of(rules, keys, list(position))
        sizes = tuple(sum(1 for k in klass.values() if k == c) for c in range(len(position)))
        # A rule's head count (``of: staff``): the members of the classes it counts.
        staffs = tuple(sum(n for n, kept in zip(sizes, mask, strict=True) if kept) for mask in masks)
        from ._fix import ClassedRules

        judge = ClassedRules(rules, masks, staffs)
        return _Classed(rules, klass, len(position), masks, staffs, judge, sizes)

    def _classed_work_day(self, day: dt.date, unit: Unit, requests: list[Request], rules: CellRules) -> None:
        """:meth:`work_day` when some rule counts only some employees: requests, then the remote places per
        class (an allocation: how many of each class are remote), then who, as without filters."""
        members = self.members[unit.id]
        classed = self._classed(unit.id, rules)
        eligible_ids = self.eligible[unit.id]
        fixed = [[0] * len(INDEX) for _ in range(classed.size)]
        modes: dict[str, tuple[Mode, str | None]] = {}
        wishes: dict[str, Request] = {}

        def spread(taken: set[str]) -> tuple[list[int], list[int]]:
            pool, eligible = [0] * classed.size, [0] * classed.size
            for member in members:
                if member.id not in taken:
                    pool[classed.klass[member.id]] += 1
                    eligible[classed.klass[member.id]] += member.id in eligible_ids
            return pool, eligible

        for request in requests:
            if MODE_GROUP[request.mode] == "remote":
                if request.employee in eligible_ids:
                    wishes[request.employee] = request
                else:
                    self.not_granted.append(NotGranted(request, "not_eligible"))
                continue
            trial = [list(part) for part in fixed]
            trial[classed.klass[request.employee]][INDEX[request.mode]] += 1
            scored = classed.scored(trial, *spread(set(modes) | {request.employee}))
            if any(not any(found) for _, found in scored):
                fixed = trial
                modes[request.employee] = (request.mode, request.leave_type)
            else:
                broken = tuple(classed.name(k) for k in range(len(rules.rules))
                               if min(found[k] for _, found in scored) > 0)
                self.not_granted.append(NotGranted(request, "rules", broken or _rule_names(rules)))
        pool, eligible = spread(set(modes))
        scored = classed.scored(fixed, pool, eligible)
        holding = [allocation for allocation, found in scored if not any(found)]
        if not holding:
            allocation, found = min(scored, key=lambda item: (sum(item[1]), sum(item[0])))
            self.infeasible.append((unit.id, day, tuple(classed.name(k) for k, e in enumerate(found) if e)))
            count, targets = sum(allocation), [allocation]
        else:
            totals = sorted({sum(a) for a in holding})
            if self.remote == "cap" and (_caps_remote(rules) or self.unregulated == "remote"):
                count = totals[-1]
            else:
                wanted = sum(1 for m in members if m.id in wishes and m.id not in modes)
                count = max(r for r in totals if r <= max(totals[0], wanted))
            targets = [a for a in holding if sum(a) == count]
        candidates = [m for m in members if m.id not in modes and m.id in eligible_ids]
        start = self.rotation[unit.id]
        size = max(1, len(members))
        order = {m.id: (i - start) % size for i, m in enumerate(members) if m.id in eligible_ids}
        ranked = sorted(candidates, key=lambda m: (self.remote_days[m.id], m.id not in wishes, order[m.id]))
        def fits(taken: Sequence[int]) -> bool:
            return any(all(a >= t for a, t in zip(allocation, taken, strict=True)) for allocation in targets)

        # Down the ranking, each takes a remote place if some allocation of the chosen size still fits.
        taken = [0] * classed.size
        chosen: set[str] = set()
        for member in ranked:
            if len(chosen) == count:
                break
            c = classed.klass[member.id]
            taken[c] += 1
            if fits(taken):
                chosen.add(member.id)
            else:
                taken[c] -= 1
        self.rotation[unit.id] = start + count

        def refusal(member: Employee, wish: Request) -> NotGranted:
            more = list(taken)
            more[classed.klass[member.id]] += 1
            found = classed.excesses(fixed, pool, more)
            binding = tuple(classed.name(k) for k, e in enumerate(found) if e)
            # "fair": someone who did not ask took a place the wisher could have had instead.
            fair = any(m.id not in wishes and fits(_swap(taken, classed.klass[m.id], classed.klass[member.id]))
                       for m in ranked if m.id in chosen)
            return NotGranted(wish, "fair" if fair else "cap", binding)

        self._write_day(day, members, modes, chosen, wishes, refusal)

    def _classed_off_day(self, day: dt.date, unit: Unit, rules: CellRules, needed: tuple[int, ...] | None) -> None:
        """:meth:`off_day` when some rule counts only some employees: ``needed[c]`` of class ``c`` WFO (the
        fewest duty days first), everyone else LIBUR."""
        members = self.members[unit.id]
        classed = self._classed(unit.id, rules)
        if needed is None:
            self.infeasible.append((unit.id, day, _rule_names(rules)))
            needed = tuple(sum(1 for m in members if classed.klass[m.id] == c) for c in range(classed.size))
        if sum(needed) == 0 and classed.holds_with_onsite(needed):
            return
        chosen: set[int] = set()
        for c, wanted in enumerate(needed):
            of_class = [i for i, m in enumerate(members) if classed.klass[m.id] == c]
            chosen.update(sorted(of_class, key=lambda i: (self.duty_days[members[i].id], i))[:wanted])
        for i, member in enumerate(members):
            if i in chosen:
                self.duty_days[member.id] += 1
            self._assign(member.id, day, Mode.WFO if i in chosen else Mode.LIBUR)


_TOO_MANY = "plan smaller units, or without the circular whose rules filter employees"


def _swap(taken: Sequence[int], out: int, into: int) -> list[int]:
    """``taken`` with one place moved from class ``out`` to class ``into``."""
    swapped = list(taken)
    swapped[out] -= 1
    swapped[into] += 1
    return swapped


def _filtered(rules: CellRules) -> bool:
    """Whether some rule of the day counts only some employees."""
    return any(item.rule.employees is not None for item in rules.rules)


def _needs_someone(needed: int | tuple[int, ...] | None) -> bool:
    """Whether a non-working day needs someone at work (or cannot meet its rules)."""
    return needed is None or (sum(needed) if isinstance(needed, tuple) else needed) != 0


@dataclass(frozen=True, slots=True)
class _Classed:
    """A unit's staff on one day split into the classes the day's employee filters tell apart (as ``quota``
    and ``fix`` split a roster's people): ``klass`` maps each member to a class, ``masks[k][c]`` says whether
    rule ``k`` counts class ``c``, ``staffs[k]`` is rule ``k``'s head count for ``of: staff``."""

    rules: CellRules
    klass: dict[str, int]
    size: int
    masks: tuple[tuple[bool, ...], ...]
    staffs: tuple[int, ...]
    #: The rules over the classes (what judges a day of the unit).
    judge: ClassedRules
    #: The number of members of each class.
    sizes: tuple[int, ...]

    def name(self, k: int) -> str:
        item = self.rules.rules[k]
        return f"{item.circular.id}/{item.rule.id}"

    def excesses(self, fixed: Sequence[Sequence[int]], pool: Sequence[int], remote: Sequence[int]) -> list[int]:
        """Each rule's excess with ``remote[c]`` of class ``c``'s pool remote (WFH), the rest WFO."""
        state: list[int] = []
        for c in range(self.size):
            state.extend(_day(fixed[c], remote[c], pool[c] - remote[c]))
        return self.judge.excesses(state)

    def scored(self, fixed: Sequence[Sequence[int]], pool: Sequence[int], eligible: Sequence[int]
               ) -> list[tuple[tuple[int, ...], list[int]]]:
        """Every allocation of remote places (0..eligible per class), with each rule's excess there."""
        allocations_within_limit(eligible, "plan", _TOO_MANY)
        return [(allocation, self.excesses(fixed, pool, allocation))
                for allocation in product(*(range(n + 1) for n in eligible))]

    def holds_with_onsite(self, onsite: Sequence[int]) -> bool:
        """Whether every rule holds with ``onsite[c]`` of class ``c`` WFO and the rest of it LIBUR."""
        state: list[int] = []
        for c in range(self.size):
            counts = [0] * len(INDEX)
            counts[WFO], counts[INDEX[Mode.LIBUR]] = onsite[c], self.sizes[c] - onsite[c]
            state.extend(counts)
        return self.judge.worst(state) == 0

    def off_needed(self) -> tuple[int, ...] | None:
        """The fewest WFO per class (fewest in all first, then in class order) at which every rule holds with
        the others LIBUR; ``None`` if none."""
        sizes = self.sizes
        allocations_within_limit(sizes, "plan", _TOO_MANY)
        for onsite in sorted(product(*(range(n + 1) for n in sizes)), key=sum):
            if self.holds_with_onsite(onsite):
                return onsite
        return None


def _checked(requests: Iterable[Request], unit_of: dict[str, str]) -> list[Request]:
    """The requests with their modes read (``"CT"`` → CUTI, leave type CT); a UsageError for an employee not on
    the staff list or a second request for one employee and date."""
    out: list[Request] = []
    seen: set[tuple[str, dt.date]] = set()
    for request in requests:
        if not isinstance(request, Request):
            raise UsageError(Problem(f"plan() takes Request objects, not {type(request).__name__}", "requests"))
        if request.employee not in unit_of:
            raise UsageError(Problem(f"request for {request.employee!r}, who is not on the staff list", "requests",
                                     hint="every request must name an employee of the staff list"))
        if (request.employee, request.date) in seen:
            raise UsageError(Problem(f"two requests for {request.employee!r} on {request.date}", "requests",
                                     hint="give one request per employee and date"))
        seen.add((request.employee, request.date))
        mode = request.mode
        if not isinstance(mode, Mode):
            try:
                mode, leave = parse_mode(str(mode))
            except UnknownName as exc:
                raise UsageError(Problem(str(exc), "requests")) from None
            request = Request(request.employee, request.date, mode, request.leave_type or leave, request.line)
        out.append(request)
    return out


def plan_days(ruleset: RuleSet, start: dt.date, end: dt.date) -> tuple[list[dt.date], list[dt.date]]:
    """The working days from ``start`` to ``end``, and the non-working days on which a rule with a stated
    window applies (planned only if that rule needs people)."""
    working, other = [], []
    day = start
    while day <= end:
        if is_working_day(day):
            working.append(day)
        elif ruleset.any_window_holds(day):
            other.append(day)
        day += dt.timedelta(days=1)
    return working, other


def plan(
    staff: Staff,
    circulars: Circular | Iterable[Circular],
    start: dt.date,
    end: dt.date,
    *,
    requests: Iterable[Request] = (),
    remote: RemotePolicy = "cap",
    unregulated: UnregulatedPolicy = "wfo",
    lang: Lang = "en",
    context: ContextTable | None = None,
) -> PlanResult:
    """A roster for ``staff`` from ``start`` to ``end`` that passes ``check`` against ``circulars`` whenever the
    rules can be met (see the module's documentation for how). Pure: no I/O.

    ``remote``: ``cap`` uses each unit's remote allowance up to its cap, ``none`` plans remote work only for
    WFH wishes (and where a rule requires it). ``unregulated``: on a day when no rule applies to a unit there
    is no cap; ``wfo`` (the default) plans the office as usual (WFH wishes are still granted), ``remote`` (with
    ``remote="cap"``) lets every eligible employee work remotely. Rules are resolved as ``check`` resolves
    them: units' regions (a ``region`` on a staff unit), ``context`` (the context table), amendments.
    """
    circulars = circulars_arg("plan", circulars)
    if not isinstance(staff, Staff):
        raise UsageError(Problem(f"plan() takes a Staff list, not {type(staff).__name__}", "staff",
                                 hint="read it with wfrules.load_staff(path)"))
    if remote not in ("none", "cap"):
        raise UsageError(Problem(f"unknown remote policy {remote!r}", "remote", hint="'none' or 'cap'"))
    lang_arg(lang)
    if end < start:
        raise UsageError(Problem(f"the range ends ({end}) before it starts ({start})", "--to",
                                 hint="swap --from and --to"))
    if unregulated not in ("remote", "wfo"):
        raise UsageError(Problem(f"unknown policy for unregulated days {unregulated!r}", "unregulated",
                                 hint="'remote' or 'wfo'"))
    planner = _Planner(staff, circulars, remote, unregulated, context)
    working, other = plan_days(planner.ruleset, start, end)
    planned = set(working)
    by_cell: dict[tuple[str, dt.date], list[Request]] = defaultdict(list)
    unit_of = {e.id: e.unit for e in staff.employees}
    for request in _checked(requests, unit_of):
        by_cell[unit_of[request.employee], request.date].append(request)
    days: list[dt.date] = []
    for day in sorted([*working, *other]):
        if day in planned:
            for unit in staff.units:
                planner.work_day(day, unit, by_cell.get((unit.id, day), []))
            days.append(day)
            continue
        # A non-working day is in the roster only if some unit needs people (or cannot meet its rules).
        needs = {unit.id: planner.off_needed(day, unit) for unit in staff.units}
        if any(_needs_someone(needed) for needed in needs.values()):
            for unit in staff.units:
                planner.off_day(day, unit, needs[unit.id])
            days.append(day)
    for (_, day), cell_requests in by_cell.items():
        if day not in planned:
            planner.not_granted.extend(NotGranted(r, "not_planned") for r in cell_requests)
    try:
        roster = Roster.model_validate({
            "units": [u.model_dump(mode="json", exclude_none=True) for u in staff.units],
            "employees": planner.records,
            "assignments": planner.assignments,
            "meta": {"generated_by": "wfrules plan", "from": start.isoformat(), "to": end.isoformat(),
                     "circulars": [c.id for c in circulars], "remote": remote},
        })
    except Exception as exc:  # pragma: no cover - the planner builds valid rosters; say so if it did not
        raise InputError(Problem(f"internal error building the planned roster: {exc}", "plan")) from None
    report = check(roster, circulars, lang=lang, context=context)
    not_granted = sorted(planner.not_granted, key=lambda n: (n.request.date, n.request.line or 0, n.request.employee))
    return PlanResult(roster, report, tuple(days), tuple(not_granted), tuple(planner.infeasible),
                      dict(planner.remote_days))


__all__ = ["NotGranted", "PlanResult", "Request", "Staff", "load_requests", "load_staff",
           "parse_requests_csv", "parse_staff_csv", "plan", "plan_days"]
