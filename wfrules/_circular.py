"""The rule language: a circular (Surat Edaran) and its rules, as pydantic models.

A rule says *when* (``window``), *for whom* (``scope``) and *what* (``limit``):

>>> rule = Rule.model_validate({
...     "id": "others-wfh-max-50",
...     "citation": "WFH maksimal 50 persen untuk layanan pemerintahan",
...     "window": {"dates": ["2024-04-16", "2024-04-17"]},
...     "scope": {"not": {"sectors": ["health", "energy"]}},
...     "limit": {"kind": "share", "modes": ["remote"], "max": "50%", "of": "listed",
...               "rounding": "down"},
... })
>>> rule.limit.max, rule.limit.bound(7)
(0.5, 3)
>>> rule.window.contains(dt.date(2024, 4, 17)), rule.window.contains(dt.date(2024, 4, 18))
(True, False)

Every choice a circular's text leaves open (denominator, rounding, what counts as present) is a
field of the rule, never an assumption of the engine.

Start-up: this module has no ``from __future__ import annotations``. With it, every field's annotation is a
string that pydantic compiles and evaluates when the class is defined (about 150 of them here, a good part of
the module's import time); without it Python evaluates them as it runs the class body. Names not yet defined
(a model's own class, a later model, an import made only for type checkers) are written in quotes.
"""

import datetime as dt
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from . import _calendar
from ._model import Frozen, IsoDate, Sector, Tag, normalize_name, normalize_value
from ._regions import canonical_scope_region, within
from ._vocab import GROUPS, MODES, Mode, modes_of

if TYPE_CHECKING:
    from dateutil import rrule as _rrule

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", min_length=1, max_length=120)]

_WEEKDAYS: dict[str, int] = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _weekday(value: Any) -> Any:
    if isinstance(value, str):
        number = _WEEKDAYS.get(value.strip().lower().replace("'", ""))
        if number is not None:
            return _WEEKDAY_CODES[number]
    return value


# ---------------------------------------------------------------------------------------------- windows


class DateRange(Frozen):
    """An inclusive range of dates: ``{from: 2024-04-16, to: 2024-04-17}``."""

    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> "DateRange":
        if self.end < self.start:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start}); swap 'from' and 'to'")
        return self

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


class Recurrence(Frozen):
    """A recurrence in iCalendar RRULE syntax, read by python-dateutil.

    ``{rrule: "FREQ=WEEKLY;BYDAY=TH", start: 2026-01-01, until: 2026-12-31}`` is every Thursday of 2026.

    >>> r = Recurrence.model_validate({"rrule": "FREQ=WEEKLY;BYDAY=TH", "start": "2026-01-01",
    ...                                "until": "2026-01-31"})
    >>> [d.day for d in r.dates()]
    [1, 8, 15, 22, 29]
    """

    rrule: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    start: IsoDate
    until: IsoDate | None = None

    @model_validator(mode="after")
    def _parses(self) -> "Recurrence":
        if self.until is not None and self.until < self.start:
            raise ValueError(f"the recurrence ends ({self.until}) before it starts ({self.start})")
        upper = self._text.upper()
        if "DTSTART" in upper or "UNTIL=" in upper:
            raise ValueError("write the first and last dates as 'start' and 'until', not inside the rrule")
        if "COUNT=" in upper and self.until is not None:
            raise ValueError("give either COUNT in the rrule or 'until', not both (RFC 5545)")
        try:
            rule = self._build()
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
            raise ValueError(f"not a valid RRULE {self.rrule!r}: {exc}") from None
        _check_rrule_parts(dict(p.split("=", 1) for p in upper.replace(" ", "").split(";") if "=" in p))
        first = dt.datetime.combine(self.start, dt.time())
        horizon = first.replace(year=min(first.year + 50, dt.MAXYEAR))
        if self.until is None or self.until > horizon.date():
            rule = rule.replace(count=None, until=horizon)  # bound the search for a first occurrence
        if rule.after(first, inc=True) is None:
            raise ValueError(f"the RRULE {self.rrule!r} has no occurrence from {self.start} (within 50 years)")
        return self

    @property
    def _text(self) -> str:
        text = self.rrule.strip()
        return text[6:] if text.upper().startswith("RRULE:") else text

    def _build(self) -> "_rrule.rrule":
        from dateutil import rrule as _rrule  # lazy: only rule files with recurrences need it

        rule = _rrule.rrulestr(self._text, dtstart=dt.datetime.combine(self.start, dt.time()))
        if not isinstance(rule, _rrule.rrule):
            raise ValueError("give one RRULE (no RRULE sets)")
        if self.until is not None:
            rule = rule.replace(until=dt.datetime.combine(self.until, dt.time()))
        return rule

    @cached_property
    def _occurrences(self) -> "_Occurrences":
        return _Occurrences(self._build())

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date) or day < self.start or (self.until is not None and day > self.until):
            return False
        return day in self._occurrences

    def dates(self, limit: int = 10_000) -> list[dt.date]:
        """The occurrences (at most ``limit`` of them; an open-ended recurrence is cut there)."""
        out: list[dt.date] = []
        for moment in self._build():
            if len(out) >= limit:
                break
            out.append(moment.date())
        return out


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_rrule_parts(parts: dict[str, str]) -> None:
    """Reject what dateutil accepts but would apply to no whole date, or make date arithmetic loop:
    sub-day frequencies and parts, zero values, an interval of 0, a month day no month given has."""
    if parts.get("FREQ") not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise ValueError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: rules apply to whole dates")
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            raise ValueError(f"{name} has no meaning for whole dates; remove it")
    for name, value in parts.items():
        if name.startswith("BY") and name != "BYDAY" and "0" in value.replace("+", "").split(","):
            raise ValueError(f"{name}=0 is not a valid value")
    if not parts.get("INTERVAL", "1").isdigit() or int(parts.get("INTERVAL", "1")) < 1:
        raise ValueError("INTERVAL must be a whole number of at least 1")
    # dateutil would search until year 9999 for BYMONTHDAY=31 in February.
    try:
        days = [int(d) for d in parts["BYMONTHDAY"].split(",")]
        months = [int(m) for m in parts.get("BYMONTH", "1,2,3,4,5,6,7,8,9,10,11,12").split(",")]
    except (KeyError, ValueError):
        return
    longest = max((_MONTH_DAYS[m - 1] for m in months if 1 <= m <= 12), default=31)
    if all(d > longest for d in days):
        raise ValueError(f"BYMONTHDAY={parts['BYMONTHDAY']} never happens in the months given")


class _Occurrences:
    """The dates of a recurrence, generated once in order and remembered: checking many dates costs one
    pass over the occurrences up to the latest date asked, not one pass per date."""

    def __init__(self, rule: "_rrule.rrule") -> None:
        self._next = iter(rule)
        self._seen: set[dt.date] = set()
        self._last: dt.date | None = None
        self._exhausted = False

    def __contains__(self, day: dt.date) -> bool:
        while not self._exhausted and (self._last is None or self._last < day):
            try:
                self._last = next(self._next).date()
            except StopIteration:
                self._exhausted = True
            else:
                self._seen.add(self._last)
        return day in self._seen


class HolidayWindow(Frozen):
    """Working days right before or after a holiday and the cuti bersama around it, from the ``holidays``
    package (public holidays and cuti bersama of Indonesia): no date list to type or get wrong.

    ``{holiday: idul_fitri, year: 2024, working_days_after: 2}`` is "the 2 working days after the Idul Fitri
    1445 H holidays and cuti bersama": the run of days off around Idul Fitri 2024 (weekends, holidays and
    cuti bersama, 6–15 April) ends on Monday 15 April, so 16 and 17 April.

    >>> w = HolidayWindow.model_validate({"holiday": "Idul Fitri", "year": 2024, "working_days_after": 2})
    >>> [d.isoformat() for d in sorted(w.dates)]
    ['2024-04-16', '2024-04-17']
    """

    holiday: str = Field(description="idul_fitri, nyepi, idul_adha, natal, … (see README)")
    year: int = Field(ge=1950, le=2100, description="the Gregorian year of the holiday")
    working_days_before: int = Field(default=0, ge=0, le=60)
    working_days_after: int = Field(default=0, ge=0, le=60)

    @field_validator("holiday")
    @classmethod
    def _known(cls, value: str) -> str:
        return _calendar.holiday_key(value)

    @model_validator(mode="after")
    def _some_days(self) -> "HolidayWindow":
        if not (self.working_days_before or self.working_days_after):
            raise ValueError("say how many days: working_days_after: N and/or working_days_before: N")
        try:
            _ = self.dates
        except (ValueError, KeyError) as exc:
            raise ValueError(str(exc)) from None
        return self

    @cached_property
    def dates(self) -> frozenset[dt.date]:
        """The working days this resolves to (computed once)."""
        return frozenset(_calendar.working_days_around(
            self.holiday, self.year, before=self.working_days_before, after=self.working_days_after))


class Window(Frozen):
    """The dates on which a rule applies.

    A date is in the window when it is one of ``dates``, in one of ``ranges``, an occurrence of one of
    ``recurrences``, one of the ``holidays`` windows' days or in one of the ``any_of`` windows (if none of
    these is given: every date), *and* its weekday is one of ``weekdays`` (if given), *and* it is not in
    ``exclude``, *and* (with ``skip_holidays``) it is not a public holiday or cuti bersama, *and* (with
    ``working_days_only``) it is a working day (Monday–Friday, not a holiday or cuti bersama).

    >>> w = Window.model_validate({"ranges": [{"from": "2024-04-15", "to": "2024-04-19"}],
    ...                            "weekdays": ["selasa", "wed"], "exclude": ["2024-04-17"]})
    >>> [d.day for d in w.dates_between(dt.date(2024, 4, 1), dt.date(2024, 4, 30))]
    [16]
    >>> w = Window.model_validate({"ranges": [{"from": "2024-04-08", "to": "2024-04-19"}],
    ...                            "working_days_only": True})
    >>> [d.day for d in w.dates_between(dt.date(2024, 4, 1), dt.date(2024, 4, 30))]
    [16, 17, 18, 19]
    """

    dates: tuple[IsoDate, ...] = ()
    ranges: tuple[DateRange, ...] = ()
    recurrences: tuple[Recurrence, ...] = ()
    holidays: tuple[HolidayWindow, ...] = Field(default=(), description="working days around a holiday")
    any_of: tuple["Window", ...] = Field(default=(), description="several windows, each with its own filters")
    weekdays: tuple[Annotated[Weekday, BeforeValidator(_weekday)], ...] = ()
    exclude: tuple[IsoDate | DateRange, ...] = ()
    skip_holidays: bool = Field(default=False, description="public holidays and cuti bersama are not in it")
    working_days_only: bool = Field(default=False, description="only Monday-Friday that are not holidays")

    @model_validator(mode="after")
    def _not_empty(self) -> "Window":
        if not (self.dates or self.ranges or self.recurrences or self.weekdays or self.holidays or self.any_of
                or self.working_days_only):
            raise ValueError(
                "an empty window applies on no stated date; give 'dates', 'ranges', 'recurrences', 'holidays', "
                "'any_of' or 'weekdays' (or leave the window out for a rule that applies on every date)"
            )
        return self

    @cached_property
    def _holiday_dates(self) -> frozenset[dt.date]:
        return frozenset().union(*(h.dates for h in self.holidays))

    @cached_property
    def _weekday_numbers(self) -> frozenset[int]:
        return frozenset(_WEEKDAY_CODES.index(w) for w in self.weekdays)

    @cached_property
    def _date_set(self) -> frozenset[dt.date]:
        return frozenset(self.dates)

    def contains(self, day: dt.date) -> bool:
        """Whether the rule applies on ``day``."""
        bounded = bool(self.dates or self.ranges or self.recurrences or self.holidays or self.any_of)
        if bounded and not (
            day in self._date_set or any(day in r for r in self.ranges) or any(day in r for r in self.recurrences)
            or day in self._holiday_dates or any(w.contains(day) for w in self.any_of)
        ):
            return False
        if self.weekdays and day.weekday() not in self._weekday_numbers:
            return False
        if any(day == x if isinstance(x, dt.date) else day in x for x in self.exclude):
            return False
        if self.working_days_only and not _calendar.is_working_day(day):
            return False
        return not (self.skip_holidays and _calendar.holiday_name(day) is not None)

    def dates_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The dates of the window from ``first`` to ``last`` inclusive."""
        out = []
        day = first
        while day <= last:
            if self.contains(day):
                out.append(day)
            day += dt.timedelta(days=1)
        return out


# ----------------------------------------------------------------------------------------------- scopes


class RegionMissing(ValueError):
    """A scope selects by region and the unit has none (or one whose province is unknown)."""


def _scope_region(value: Any) -> Any:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return canonical_scope_region(str(value))
    return value


class Scope(Frozen):
    """Which units a rule applies to. Every criterion given must hold; inside a list, any item matches.

    An empty scope matches every unit. ``not`` negates a scope, ``any_of`` is a union of scopes.

    >>> essential = Scope.model_validate({"sectors": ["kesehatan", "energi"]})
    >>> essential.sectors
    ('health', 'energy')
    >>> Scope.model_validate({"not": {"sectors": ["health"]}}).matches("u1", "education", ())
    True
    >>> Scope.model_validate({"tags": ["direct_service"]}).matches("u1", "health", ("direct_service",))
    True
    >>> outside = Scope.model_validate({"not": {"regions": ["java-bali"]}})
    >>> outside.matches("u1", "other", (), region="61.71"), outside.matches("u1", "other", (), region="31")
    (True, False)
    """

    sectors: tuple[Sector, ...] | None = None
    tags: tuple[Tag, ...] | None = Field(default=None, description="the unit has at least one of these tags")
    all_tags: tuple[Tag, ...] | None = Field(default=None, description="the unit has every one of these tags")
    units: tuple[str, ...] | None = None
    regions: tuple[Annotated[str, BeforeValidator(_scope_region)], ...] | None = Field(
        default=None, description="the unit's region is one of these or inside one (codes, names, java-bali)")
    any_of: tuple["Scope", ...] | None = None
    not_: "Scope | None" = Field(default=None, alias="not")

    @cached_property
    def uses_regions(self) -> bool:
        """Whether deciding this scope needs the unit's region."""
        return (self.regions is not None or any(s.uses_regions for s in self.any_of or ())
                or (self.not_ is not None and self.not_.uses_regions))

    @cached_property
    def uses_units(self) -> bool:
        """Whether deciding this scope needs the unit's id (a ``units`` list); without it and without
        :attr:`uses_regions`, units of one sector and one set of tags are all in scope or all out.

        >>> Scope.model_validate({"sectors": ["health"]}).uses_units
        False
        >>> Scope.model_validate({"not": {"units": ["rsud"]}}).uses_units
        True
        """
        return (self.units is not None or any(s.uses_units for s in self.any_of or ())
                or (self.not_ is not None and self.not_.uses_units))

    def matches(self, unit: str, sector: str, tags: Iterable[str], *, region: str | None = None) -> bool:
        """Whether a unit (id, sector, tags, region) is in scope.

        ``region`` is the unit's canonical region (see :mod:`wfrules._regions`); a scope that selects by
        region raises :class:`RegionMissing` for a unit without one, or whose province is unknown.
        """
        tagset = frozenset(tags)
        if self.regions is not None:
            if region is None:
                raise RegionMissing(f"unit {unit!r} has no region, and a scope selects by region")
            try:
                if not any(within(region, r) for r in self.regions):
                    return False
            except ValueError as exc:
                raise RegionMissing(f"unit {unit!r}: {exc}") from None
        if self.sectors is not None and sector not in self.sectors:
            return False
        if self.tags is not None and not tagset.intersection(self.tags):
            return False
        if self.all_tags is not None and not tagset.issuperset(self.all_tags):
            return False
        if self.units is not None and unit not in self.units:
            return False
        if self.any_of is not None and not any(s.matches(unit, sector, tagset, region=region) for s in self.any_of):
            return False
        return not (self.not_ is not None and self.not_.matches(unit, sector, tagset, region=region))


# ----------------------------------------------------------------------------------------------- limits


_PERCENT = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{1,6})?$", re.ASCII)


def _share(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("a share is a number between 0 and 1 (or a percentage like 50%), not true/false")
    if isinstance(value, str) and value.strip().endswith("%"):
        number = value.strip()[:-1].strip().replace(",", ".")
        if not _PERCENT.match(number):
            raise ValueError(f"not a percentage: {value!r} (write e.g. 50% or 0.5)")
        # Decimal, not float: "33.3%" must be exactly 0.333, so that 1000 staff give 333, not 332.
        return float(Decimal(number) / 100)
    return value


def _count(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("a headcount is a whole number of people, not true/false")
    return value


def _valid_modes(names: tuple[str, ...]) -> tuple[str, ...]:
    modes_of(names)  # raises ValueError with a hint on an unknown name
    if not names:
        raise ValueError("list at least one mode or group (e.g. remote, onsite, WFH)")
    return names


#: A share of staff, between 0 and 1; ``"50%"`` is accepted for 0.5.
Share = Annotated[float, BeforeValidator(_share), Field(ge=0, le=1, allow_inf_nan=False)]
#: Modes and mode groups (``onsite``, ``remote``, ``absent``, ``off``, ``working``, ``listed``) or codes.
ModeNames = Annotated[tuple[str, ...], AfterValidator(_valid_modes)]
Denominator = Literal["listed", "working", "staff"] | ModeNames
Rounding = Literal["down", "up", "nearest"]


class _Bounded(Frozen):
    """Common checks of limits that bound a count of ``modes`` from above or below."""

    modes: ModeNames

    @cached_property
    def counted(self) -> frozenset[Mode]:
        """The modes this limit counts."""
        return modes_of(self.modes)

    def _check_fixable_max(self, is_max: bool) -> None:
        # Rules that no change of modes could ever satisfy are rejected when the file is read, so that
        # `excess` (the fewest changes) always means something. LIBUR is never changed, nor changed to.
        if is_max and not (GROUPS["listed"] - self.counted):
            raise ValueError(
                "a cap on every listed mode cannot be met by changing modes; count fewer modes "
                "(e.g. remote) or use a minimum on the others"
            )
        if not is_max and not (GROUPS["listed"] & self.counted):
            raise ValueError(
                "a minimum on off (LIBUR) cannot be met by changing modes: nobody is ever moved to LIBUR; "
                "count listed modes (e.g. onsite)"
            )


class ShareLimit(_Bounded):
    """At most (``max``) or at least (``min``) a share of the denominator ``of`` is in ``modes``.

    The bound in people is ``share × denominator`` rounded as ``rounding`` says (``down``, ``up`` or
    ``nearest`` with halves up), computed exactly (no floating-point error: 0.5 × 7 = 3.5 → 3 down).
    Denominators: ``listed`` (every assignment of the unit that day except ``off``), ``working``
    (onsite + remote), ``staff`` (every employee of the unit, listed that day or not), or a list of
    modes/groups. The counted modes must be part of the denominator.

    >>> ShareLimit.model_validate({"kind": "share", "modes": ["remote"], "max": 0.5, "of": "listed",
    ...                            "rounding": "up"}).bound(7)
    4
    """

    kind: Literal["share"]
    max: Share | None = None
    min: Share | None = None
    of: Denominator
    rounding: Rounding | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "ShareLimit":
        if (self.max is None) == (self.min is None):
            raise ValueError("give exactly one of 'max' or 'min' (write two rules for a range)")
        value = self.value
        if self.rounding is None and value not in (0, 1):
            raise ValueError(
                f"say how {value:g} × the denominator is rounded: add rounding: down, up or nearest "
                "(caps usually round down, minimums up)"
            )
        of = self.of if isinstance(self.of, str) else ", ".join(self.of)
        if self.of != "staff" and not self.counted <= self.denominator_modes:
            counted = ", ".join(m.value for m in MODES if m in self.counted)
            raise ValueError(
                f"the counted modes ({counted}) must be part of the denominator ({of}); widen 'of' (e.g. listed)"
            )
        if not isinstance(self.of, str) and self.denominator_modes & GROUPS["off"]:
            raise ValueError(
                f"the denominator ({of}) cannot count off (LIBUR): those assignments never change; "
                "use 'staff' to count every employee of the unit"
            )
        if self.max is not None and self.of != "staff" and not (self.denominator_modes - self.counted):
            raise ValueError(
                f"a cap on a share of {of} that counts all of {of} can only be met by emptying it; "
                "widen 'of' (e.g. listed) or count fewer modes"
            )
        self._check_fixable_max(self.max is not None)
        return self

    @property
    def value(self) -> float:
        """The share (``max`` or ``min``)."""
        value = self.max if self.max is not None else self.min
        assert value is not None
        return value

    @cached_property
    def denominator_modes(self) -> frozenset[Mode]:
        """The modes counted in the denominator (``staff`` counts people, not modes: every mode)."""
        if self.of == "staff":
            return frozenset(Mode)
        return modes_of(self.of)

    def bound(self, denominator: int) -> int:
        """The bound in people for a denominator of ``denominator``."""
        exact = Fraction(repr(self.value)) * denominator
        if exact.denominator == 1:
            return int(exact)
        if self.rounding == "down":
            return math.floor(exact)
        if self.rounding == "up":
            return math.ceil(exact)
        return math.floor(exact + Fraction(1, 2))


class HeadcountLimit(_Bounded):
    """At most (``max``) or at least (``min``) this many people in ``modes``.

    >>> HeadcountLimit.model_validate({"kind": "headcount", "modes": ["onsite"], "min": 2}).min
    2
    """

    kind: Literal["headcount"]
    max: Annotated[int, BeforeValidator(_count), Field(ge=0)] | None = None
    min: Annotated[int, BeforeValidator(_count), Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "HeadcountLimit":
        if (self.max is None) == (self.min is None):
            raise ValueError("give exactly one of 'max' or 'min' (write two rules for a range)")
        self._check_fixable_max(self.max is not None)
        return self

    def bound(self, denominator: int) -> int:
        """The bound in people (independent of the denominator)."""
        value = self.max if self.max is not None else self.min
        assert value is not None
        return value


class ForbidLimit(_Bounded):
    """Nobody may be in ``modes`` (e.g. no leave on a date): a cap of zero people.

    >>> ForbidLimit.model_validate({"kind": "forbid", "modes": ["absent"]}).bound(10)
    0
    """

    kind: Literal["forbid"]

    @model_validator(mode="after")
    def _consistent(self) -> "ForbidLimit":
        self._check_fixable_max(True)
        return self

    @property
    def max(self) -> int:
        """Forbidding is a cap of zero."""
        return 0

    @property
    def min(self) -> None:
        """Forbidding has no minimum."""
        return None

    def bound(self, denominator: int) -> int:
        """Always 0."""
        return 0


Limit = Annotated[ShareLimit | HeadcountLimit | ForbidLimit, Field(discriminator="kind")]


# ------------------------------------------------------------------------------------- rules, circulars


class Citation(Frozen):
    """Where in the circular a rule comes from: the clause and, ideally, its words.

    ``text`` is verbatim (the circular's words, or a report quoting them); ``paraphrase`` is ours, for
    when no wording is available. They print differently so a paraphrase never passes for a quote.

    >>> str(Citation(clause="angka 2", text="WFH maksimal 50 persen"))
    'angka 2: “WFH maksimal 50 persen”'
    >>> str(Citation(clause="angka 2", paraphrase="at most half may work from home"))
    'angka 2 (paraphrased): at most half may work from home'
    """

    clause: str = Field(min_length=1, description="e.g. 'angka 3 huruf a' or 'paragraph 2'")
    text: str | None = Field(default=None, description="the circular's own words (verbatim)")
    paraphrase: str | None = Field(default=None, description="our wording, when the text is not available")

    def __str__(self) -> str:
        if self.text:
            return f"{self.clause}: “{self.text}”"
        if self.paraphrase:
            return f"{self.clause} (paraphrased): {self.paraphrase}"
        return self.clause


def _citation(value: Any) -> Any:
    return {"clause": value} if isinstance(value, str) else value


def _values(value: Any) -> Any:
    """One value or a list of values, compared as normalised text (see ``normalize_value``)."""
    if isinstance(value, (list, tuple)):
        if not value:
            raise ValueError("list at least one value")
        return tuple(normalize_value(v) for v in value)
    if isinstance(value, dict) or value is None:
        raise ValueError("give a value or a list of values")
    return (normalize_value(value),)


def _names(value: Any) -> Any:
    if isinstance(value, dict):
        if not value:
            raise ValueError("name at least one variable")
        return {normalize_name(str(k)): v for k, v in value.items()}
    return value


#: ``{variable: [values]}``: each named variable must have one of its values (and across variables).
Conditions = Annotated[dict[str, Annotated[tuple[str, ...], BeforeValidator(_values)]], BeforeValidator(_names)]


def _holds(conditions: dict[str, tuple[str, ...]], values: Any) -> bool:
    return all(values(name) in allowed for name, allowed in conditions.items())


class EmployeeFilter(Frozen):
    """Which employees a rule counts, by their attributes in the roster (JSON employee fields, or CSV columns).

    ``where`` keeps the employees whose attributes have one of the listed values (every attribute named
    must match); ``unless`` then drops those matching it. ``missing`` gives the value of an attribute an
    employee does not have; without it, a missing attribute is an input error (never a silent default).
    The rule is then judged on the kept employees only: their counts, their denominator, their head count.

    >>> f = EmployeeFilter.model_validate({"where": {"remote_eligible": False}, "missing": {"remote_eligible": True}})
    >>> f.keeps({"remote_eligible": "tidak"}), f.keeps({}), f.keeps({"remote_eligible": "ya"})
    (True, False, False)
    """

    where: Conditions | None = None
    unless: Conditions | None = None
    missing: Annotated[dict[str, Any], BeforeValidator(_names)] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _something(self) -> "EmployeeFilter":
        if self.where is None and self.unless is None:
            raise ValueError("give 'where' and/or 'unless' (e.g. where: {remote_eligible: false})")
        for value in self.missing.values():
            if isinstance(value, (list, dict)) or value is None:
                raise ValueError("each 'missing' attribute takes one value")
        return self

    @cached_property
    def attributes(self) -> frozenset[str]:
        """The attribute names this filter reads."""
        return frozenset((self.where or {}).keys()) | frozenset((self.unless or {}).keys())

    def __hash__(self) -> int:
        # Frozen models hash their fields; these are dicts, so hash their canonical JSON instead.
        return hash(self.model_dump_json())

    def keeps(self, attributes: dict[str, Any]) -> bool:
        """Whether an employee with these attributes (names normalised) is counted; ``KeyError`` names a
        missing attribute that has no ``missing`` value."""

        def value(name: str) -> str:
            if name in attributes and attributes[name] is not None and str(attributes[name]).strip() != "":
                return normalize_value(attributes[name])
            if name in self.missing:
                return normalize_value(self.missing[name])
            raise KeyError(name)

        if self.where is not None and not _holds(self.where, value):
            return False
        return not (self.unless is not None and _holds(self.unless, value))


def _window(value: Any) -> Any:
    # Several windows in one rule: a list is the union of its windows.
    return {"any_of": value} if isinstance(value, list) else value


class Rule(Frozen):
    """One requirement of a circular: in ``window``, for units in ``scope`` (and where the ``context``
    values of the unit's region that date are as listed), ``limit`` must hold per unit and date, counting
    the ``employees`` kept by the filter (default: everyone)."""

    id: Slug
    description: str = ""
    citation: Annotated[Citation, BeforeValidator(_citation)] | None = None
    severity: Literal["error", "warning"] = "error"
    window: Annotated[Window, BeforeValidator(_window)] | None = Field(default=None, description="omitted: every date")
    scope: Scope = Field(default_factory=Scope, description="omitted: every unit")
    context: Conditions | None = Field(
        default=None, description="{variable: [values]} looked up per region and date in the context table")
    employees: EmployeeFilter | None = Field(default=None, description="omitted: every employee counts")
    limit: Limit
    reading: str | None = Field(default=None, description="how this rule file reads an ambiguous text")

    def __hash__(self) -> int:
        # ``context`` is a dict: hash it as sorted pairs, the other fields as pydantic would.
        context = tuple(sorted(self.context.items())) if self.context is not None else None
        return hash((self.id, self.description, self.citation, self.severity, self.window, self.scope, context,
                     self.employees, self.limit, self.reading))

    def applies_on(self, day: dt.date) -> bool:
        """Whether ``day`` is in the rule's window."""
        return self.window is None or self.window.contains(day)

    def context_holds(self, lookup: Any) -> bool:
        """Whether the rule's ``context`` conditions hold, given ``lookup(variable) -> value`` (true when the
        rule has none); ``lookup`` raises when a value is missing."""
        return self.context is None or _holds(self.context, lookup)


class Source(Frozen):
    """A public reference for the circular: the document itself, a news report of it, or a summary."""

    title: str
    kind: Literal["primary", "news", "summary", "other"] | None = Field(
        default=None, description="primary: the circular itself; news: a report of it; summary: a digest"
    )
    publisher: str | None = None
    url: str | None = None
    date: IsoDate | None = None
    note: str | None = None


class Amendment(Frozen):
    """From ``from`` on, rule ``rule`` of circular ``circular`` holds with ``limit`` instead of its own
    (window, scope, context and employees stay the rule's). Applied when both circulars are checked.

    >>> a = Amendment.model_validate({"circular": "menpanrb-se-25-2021", "rule": "nonessential-java-bali-l1",
    ...     "from": "2022-02-16", "limit": {"kind": "share", "modes": ["onsite"], "max": 1, "of": "listed"}})
    >>> a.start, a.limit.max
    (datetime.date(2022, 2, 16), 1.0)
    """

    circular: Slug
    rule: Slug
    start: IsoDate = Field(alias="from")
    limit: Limit
    citation: Annotated[Citation, BeforeValidator(_citation)] | None = None
    reading: str | None = None


class Revocation(Frozen):
    """From ``from`` on, the listed rules of circular ``circular`` (all of them when ``rules`` is omitted)
    are no longer in force. Applied when both circulars are checked."""

    circular: Slug
    rules: tuple[Slug, ...] | None = Field(default=None, description="omitted: every rule of the circular")
    start: IsoDate = Field(alias="from")
    citation: Annotated[Citation, BeforeValidator(_citation)] | None = None


class Circular(Frozen):
    """A circular (Surat Edaran) encoded as rules.

    ``based_on`` names the circulars it derives from (catalog ids); ``readings`` records how the file
    reads what the text leaves open; ``amends`` and ``revokes`` change other circulars' rules from a date.
    """

    id: Slug
    number: str = Field(min_length=1, description="the official number, e.g. '800/01/Prov/2024'")
    short_name: str | None = Field(
        default=None, description="how citations name it, e.g. 'SE MenPAN-RB 1/2024' (default: the number)"
    )
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    jurisdiction: str = Field(min_length=1)
    issued: IsoDate
    based_on: tuple[Slug, ...] = ()
    sources: tuple[Source, ...] = ()
    readings: tuple[str, ...] = ()
    amends: tuple[Amendment, ...] = Field(default=(), description="rules of other circulars it changes")
    revokes: tuple[Revocation, ...] = Field(default=(), description="rules of other circulars it ends")
    rules: tuple[Rule, ...] = ()

    @field_validator("rules")
    @classmethod
    def _unique_rule_ids(cls, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        seen: set[str] = set()
        for index, rule in enumerate(rules):
            if rule.id in seen:
                # The index travels in the error's context so that loaders can point at the second id.
                raise PydanticCustomError(
                    "duplicate_rule_id", "rule id '{rule_id}' is used twice", {"rule_id": rule.id, "index": index}
                )
            seen.add(rule.id)
        return rules

    @model_validator(mode="after")
    def _not_itself(self) -> "Circular":
        if any(a.circular == self.id for a in self.amends) or any(r.circular == self.id for r in self.revokes):
            raise ValueError("a circular cannot amend or revoke its own rules; change the rule instead")
        return self

    @property
    def cited_as(self) -> str:
        """The name citations use: ``short_name``, else ``SE <number>``."""
        return self.short_name or f"SE {self.number}"

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (``KeyError`` if none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
