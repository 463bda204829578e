"""Rosters: units, employees and one assignment (a work mode) per employee per date (CONTRACT §2).

>>> roster = Roster.model_validate({
...     "units": [{"id": "bkd", "sector": "administrasi pemerintahan"}],
...     "employees": [{"id": "e1", "unit": "bkd"}, {"id": "e2", "unit": "bkd"}],
...     "assignments": [
...         {"employee": "e1", "date": "2024-04-16", "mode": "h"},
...         {"employee": "e2", "date": "2024-04-16", "mode": "CT"},
...     ],
... })
>>> roster.units[0].sector, roster.assignments[0].mode, roster.assignments[1].leave_type
('government_administration', <Mode.WFO: 'WFO'>, 'CT')

Units, employees and assignments keep any extra fields (position, region, shift…) as attributes.
"""

# No `from __future__ import annotations`, for start-up: see the docstring of wfrules._circular.

import copy
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property, partial
from typing import Annotated, Any, Protocol, overload

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import Problem
from ._model import Frozen, IsoDate, Sector, Tag
from ._vocab import Mode, did_you_mean, parse_mode


class _Open(BaseModel):
    # Roster records come from HR systems with fields of their own; keep them rather than reject them.
    model_config = ConfigDict(frozen=True, extra="allow", defer_build=True)  # built on first use (see _model)


class Unit(_Open):
    """A unit (OPD, dinas, RSUD, kecamatan…) with its sector and free tags."""

    id: str = Field(min_length=1)
    name: str | None = None
    sector: Sector = "other"
    tags: tuple[Tag, ...] = ()

    @field_validator("tags", mode="before")
    @classmethod
    def _split_tags(cls, value: Any) -> Any:
        if value is None:  # exports write null for "no tags"
            return ()
        if isinstance(value, str):  # "a;b" (or "a,b", "a|b", as exports write lists)
            return tuple(t.strip() for t in value.replace(",", ";").replace("|", ";").split(";") if t.strip())
        return value

    @field_validator("sector", mode="before")
    @classmethod
    def _default_sector(cls, value: Any) -> Any:
        return "other" if value is None or (isinstance(value, str) and not value.strip()) else value

    @classmethod
    def _scanned(cls, id: str, sector: str, tags: tuple[str, ...], name: str | None) -> "Unit":
        """A unit from a CSV scan (core or DuckDB), whose id, sector and tags were read by the loaders' own
        cell readers (canonical sector code; tags normalised, sorted, once each): built without validation,
        so a check of a CSV roster builds no validator for it (start-up). ``tests/test_trusted_models.py``
        checks it equals the validated unit."""
        # The fields a validating call is given: ``name`` only when the file has one (same fields set).
        if name is None:
            return cls.model_construct(id=id, sector=sector, tags=tags)
        return cls.model_construct(id=id, sector=sector, tags=tags, name=name)


class Employee(_Open):
    """An employee (ASN or not) of one unit; ``id`` is usually the 18-digit NIP, kept as text."""

    id: str = Field(min_length=1)
    name: str | None = None
    unit: str = Field(min_length=1)


def _mode(value: Any) -> Any:
    return parse_mode(value)[0] if isinstance(value, str) and not isinstance(value, Mode) else value


class Assignment(_Open):
    """The mode of one employee on one date; ``leave_type`` keeps the leave alias (CT, CS…) of ``CUTI``."""

    employee: str = Field(min_length=1)
    date: IsoDate
    mode: Annotated[Mode, BeforeValidator(_mode)]
    leave_type: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _keep_leave_type(cls, data: Any) -> Any:
        mode = data.get("mode") if isinstance(data, dict) else None
        if isinstance(mode, str) and not isinstance(mode, Mode) and data.get("leave_type") is None:
            try:
                leave = parse_mode(data["mode"])[1]
            except ValueError:
                return data  # the field validator reports it, located at 'mode'
            if leave is not None:
                return {**data, "leave_type": leave}
        return data


class RowSource(Protocol):
    """Where a streamed roster's rows come from (a scanned CSV file, :mod:`wfrules._stream`)."""

    def materialize(self) -> "Roster": ...
    def line_of(self, index: int) -> int | None: ...
    def distinct_dates(self) -> list[dt.date]: ...
    def staff_counts(self) -> dict[str, int]: ...


class _LazyRows(Sequence[Any]):
    """The employees or assignments of a roster streamed from a file: the length is known from the scan; the
    rows are read (by the validating parser) the first time one is asked for. Compares, hashes, pickles and
    copies as the tuple it stands for."""

    __slots__ = ("_field", "_length", "_source")

    def __init__(self, source: RowSource, field: str, length: int) -> None:
        self._source = source
        self._field = field
        self._length = length

    def _rows(self) -> tuple[Any, ...]:
        rows: tuple[Any, ...] = getattr(self._source.materialize(), self._field)
        return rows

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return self._rows()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows())

    def __contains__(self, item: object) -> bool:
        return item in self._rows()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyRows):
            other = other._rows()
        return self._rows() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._rows())

    def __repr__(self) -> str:
        return repr(self._rows())

    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return self._rows() + other

    def __radd__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return other + self._rows()

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self._rows(),))

    def __copy__(self) -> "_LazyRows":
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> tuple[Any, ...]:
        return copy.deepcopy(self._rows(), memo)


class Roster(Frozen):
    """A proposed roster. Validation checks references: every employee's unit exists, every
    assignment's employee exists, no employee has two assignments on one date."""

    units: tuple[Unit, ...] = ()
    employees: tuple[Employee, ...] = ()
    assignments: tuple[Assignment, ...]
    meta: dict[str, Any] = Field(default_factory=dict, description="free metadata (source system, period…)")
    # Where the roster was read from (set by the loaders; None for a roster built in Python): the file, and a
    # function from an assignment's index to its 1-based line, for reports that point at the offending line.
    _source_path: str | None = PrivateAttr(default=None)
    _line_of: Callable[[int], int | None] | None = PrivateAttr(default=None)
    # A roster streamed from a CSV file: its counts come from the scan, its rows are read when asked for.
    _stream: RowSource | None = PrivateAttr(default=None)
    _stream_fields: tuple[object, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> "Roster":
        # Loaders check references themselves to attach file locations; they pass this flag.
        if info.context and info.context.get("wfrules_skip_references"):
            return self
        problems, _ = reference_problems(self, limit=10)
        if problems:
            text = "; ".join(f"{'.'.join(map(str, p[0]))}: {p[1].message}" for p in problems[:10])
            raise PydanticCustomError("roster_references", text)
        return self

    @classmethod
    def _streamed(
        cls, source: RowSource, path: str, units: Sequence[Unit], employees: int, assignments: int
    ) -> "Roster":
        """A roster whose rows stay in the file until asked for (the CSV loader's business)."""
        lazy: dict[str, Any] = {"employees": _LazyRows(source, "employees", employees),
                                "assignments": _LazyRows(source, "assignments", assignments)}
        roster = cls.model_construct(units=tuple(units), meta={}, **lazy)
        roster._stream = source
        roster._stream_fields = (roster.__dict__["units"], roster.__dict__["employees"], roster.__dict__["assignments"])
        return roster._with_source(path, source.line_of)

    def _counts_source(self) -> Any:
        """The scan this roster's counts can be taken from, or ``None`` (built in Python, or changed since)."""
        if self._stream is None:
            return None
        fields = (self.__dict__.get("units"), self.__dict__.get("employees"), self.__dict__.get("assignments"))
        same = len(self._stream_fields) == 3 and all(a is b for a, b in zip(fields, self._stream_fields, strict=True))
        return self._stream if same else None

    def _materialize(self) -> None:
        """Read a streamed roster's rows into the model (once), e.g. before it is serialised."""
        if self._stream is not None and isinstance(self.__dict__.get("assignments"), _LazyRows):
            owned = self._counts_source() is not None
            full = self._stream.materialize()
            self.__dict__["employees"] = full.employees
            self.__dict__["assignments"] = full.assignments
            self._line_of = full._line_of
            if owned:
                self._stream_fields = (self.__dict__["units"], full.employees, full.assignments)

    @model_serializer(mode="wrap")
    def _serialize(self, handler: SerializerFunctionWrapHandler) -> Any:
        self._materialize()
        return handler(self)

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        """Units by id."""
        return {u.id: u for u in self.units}

    @cached_property
    def staff_counts(self) -> dict[str, int]:
        """Number of employees of each unit (listed on a date or not)."""
        source = self._counts_source()
        if source is not None:
            return dict(source.staff_counts())
        counts: dict[str, int] = dict.fromkeys(self.unit_by_id, 0)
        for employee in self.employees:
            counts[employee.unit] = counts.get(employee.unit, 0) + 1
        return counts

    @property
    def source_path(self) -> str | None:
        """The file this roster was loaded from, or ``None`` when it was built in Python."""
        return self._source_path

    def line_of(self, index: int) -> int | None:
        """The 1-based line in :attr:`source_path` of ``assignments[index]`` (``None`` when unknown).

        >>> Roster.model_validate({"assignments": []}).line_of(0) is None
        True
        """
        # Read the private attribute directly: this is called once per person named in a report, and pydantic's
        # attribute look-up for private attributes costs more than the line itself.
        private = self.__pydantic_private__
        line_of = private.get("_line_of") if private else None
        return line_of(index) if line_of is not None else None

    def _with_source(self, path: str, line_of: Callable[[int], int | None] | None) -> "Roster":
        """Record where this roster came from (the loaders' business; returns ``self``)."""
        self._source_path = path
        self._line_of = line_of
        return self

    @property
    def dates(self) -> list[dt.date]:
        """The distinct dates of the roster, sorted."""
        source = self._counts_source()
        if source is not None:
            return sorted(source.distinct_dates())
        return sorted({a.date for a in self.assignments})


Located = tuple[tuple[str | int, ...], Problem]

def reference_problems(roster: Roster, limit: int | None = None) -> tuple[list[Located], int]:
    """Cross-reference problems as (JSON path, problem) pairs in file order, at most ``limit`` of them,
    and the number of problems found in all (hints are computed only for the problems returned)."""
    found: list[tuple[tuple[str | int, ...], str, Callable[[], str | None]]] = []
    units: set[str] = set()
    for i, unit in enumerate(roster.units):
        if unit.id in units:
            found.append((("units", i, "id"), f"unit {unit.id!r} is defined twice", partial(str, "merge the two")))
        units.add(unit.id)
    employees: dict[str, str] = {}
    for i, employee in enumerate(roster.employees):
        if employee.id in employees:
            found.append((("employees", i, "id"), f"employee {employee.id!r} is listed twice",
                          partial(str, "an employee belongs to one unit")))
        employees[employee.id] = employee.unit
        if employee.unit not in units:
            found.append((("employees", i, "unit"), f"unknown unit {employee.unit!r}",
                          partial(did_you_mean, employee.unit, units, "add it to 'units'")))
    seen: dict[tuple[str, dt.date], int] = {}
    for i, assignment in enumerate(roster.assignments):
        if assignment.employee not in employees:
            found.append((
                ("assignments", i, "employee"), f"unknown employee {assignment.employee!r}",
                partial(did_you_mean, assignment.employee, employees, "add the employee to 'employees'"),
            ))
        key = (assignment.employee, assignment.date)
        if key in seen:
            found.append((
                ("assignments", i), f"employee {assignment.employee!r} has two assignments on {assignment.date}",
                partial(str, f"keep one; the other is assignment #{seen[key] + 1}"),
            ))
        else:
            seen[key] = i
    kept = found if limit is None else found[:limit]
    return [(loc, Problem(message, hint=hint())) for loc, message, hint in kept], len(found)
