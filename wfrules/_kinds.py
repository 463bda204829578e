"""Finite partitions of "every unit", "every date" and "every context" for a set of rules.

Scopes look only at a unit's sector, at which of the tags named in some scope it carries, at whether it
is one of the units named in some scope, and (for region scopes) at which of the named regions contain
the unit's region; so the *unit kinds* (sector × subset of the mentioned tags × named unit or "any other
unit" × region class) are finitely many, and every unit behaves like one of them. Windows change only at
their boundary dates (dates, range ends, recurrence starts and ends, the days of holiday windows, the
dates amendments and revocations take effect); between the earliest and the latest boundary each date is
looked at, and outside that span a window can only depend on the weekday and on whether the date is a
public holiday or cuti bersama (``skip_holidays``, ``working_days_only``). So the dates fall into finitely
many *date classes* on which the set of applicable rules is constant. Context conditions
(``context: {ppkm_level: 2}``) read values of a table that is not part of the rules: each variable is free,
and its values fall into finitely many *cases* (each value some condition names, grouped when every
condition treats them alike, and "any other value").

Anything the partition cannot treat exactly (a field of the rule language it does not know, an open-ended
recurrence that is not weekly or daily) is reported by :func:`unsupported` or raised as :class:`Unsupported`,
never guessed.

>>> from wfrules import load_circular
>>> kalbar = load_circular("kalbar-se-800-01-2024")
>>> [(c.label(), sorted(kalbar.rules[i].id for i in c.rules)) for c in date_classes(kalbar.rules)]
[('2024-04-16', ['direct-service-present-100', 'essential-wfo-100', 'others-wfh-max-50']), \
('2024-04-17', ['essential-wfo-100', 'others-wfh-max-50'])]
>>> len(unit_kinds(kalbar.rules))   # 15 sectors x {no tag, direct_service}
30
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, product

from pydantic import BaseModel

from . import _calendar
from ._circular import (
    Amendment,
    Circular,
    Citation,
    DateRange,
    EmployeeFilter,
    ForbidLimit,
    HeadcountLimit,
    HolidayWindow,
    Recurrence,
    Revocation,
    Rule,
    Scope,
    ShareLimit,
    Source,
    Window,
)
from ._regions import GROUPS as REGION_GROUPS
from ._regions import NAMED_PROVINCES, PROVINCES, canonical_region, is_coded, region_label, within
from ._vocab import SECTORS

#: Kinds beyond this many (many tags or units named in scopes) are not enumerated.
MAX_KINDS = 20_000
#: The stand-in id of "any unit not named in a scope".
OTHER_UNIT = "\x00other"
#: The stand-in context value "none of the values any condition names".
OTHER_VALUE = "\x00other"

_DAY = dt.timedelta(days=1)
_MAX_OCCURRENCES = 100_000
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Unsupported(Exception):
    """A construct the exact reasoning does not handle; ``what`` says which, ``rule`` where (if known)."""

    def __init__(self, what: str, rule: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.rule = rule


# --------------------------------------------------------------------------------- supported constructs

#: The fields of each model that the reasoning understands. A field set in a file but missing here (added
#: to the rule language later) makes the circular unsupported for lint's deeper checks, refines and the
#: reasons of explain, instead of being ignored.
KNOWN_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    Circular: frozenset({"id", "number", "short_name", "title", "issuer", "jurisdiction", "issued", "based_on",
                         "sources", "readings", "rules", "amends", "revokes"}),
    Rule: frozenset({"id", "description", "citation", "severity", "window", "scope", "limit", "reading",
                     "context", "employees"}),
    Window: frozenset({"dates", "ranges", "recurrences", "weekdays", "exclude", "holidays", "any_of",
                       "skip_holidays", "working_days_only"}),
    Scope: frozenset({"sectors", "tags", "all_tags", "units", "any_of", "not_", "regions"}),
    ShareLimit: frozenset({"kind", "modes", "max", "min", "of", "rounding"}),
    HeadcountLimit: frozenset({"kind", "modes", "max", "min"}),
    ForbidLimit: frozenset({"kind", "modes"}),
    DateRange: frozenset({"start", "end"}),
    Recurrence: frozenset({"rrule", "start", "until"}),
    HolidayWindow: frozenset({"holiday", "year", "working_days_before", "working_days_after"}),
    EmployeeFilter: frozenset({"where", "unless", "missing"}),
    Amendment: frozenset({"circular", "rule", "start", "limit", "citation", "reading"}),
    Revocation: frozenset({"circular", "rules", "start", "citation"}),
    Citation: frozenset({"clause", "text", "paraphrase"}),
    Source: frozenset({"title", "kind", "publisher", "url", "date", "note"}),
}


def _says_something(model: BaseModel, name: str) -> bool:
    value = getattr(model, name)
    info = type(model).model_fields[name]
    default = info.get_default(call_default_factory=True)
    return bool(value != default) if value is not None else False


def _unknown_fields(model: object, where: str) -> list[str]:
    if not isinstance(model, BaseModel):
        return []
    known = KNOWN_FIELDS.get(type(model))
    if known is None:
        return [f"{where}: {type(model).__name__}"]
    # A field set to its default (``amends: []``, ``skip_holidays: false``, as a JSON dump writes them) changes
    # nothing: only a field that says something is a construct to reason about.
    out = [f"{where}.{name}" for name in sorted(model.model_fields_set - known) if _says_something(model, name)]
    for name in sorted(model.model_fields_set & known):
        value = getattr(model, name)
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items):
            label = f"{where}.{name}" + (f"[{index}]" if isinstance(value, tuple) else "")
            out.extend(_unknown_fields(item, label))
    return out


def unsupported(circular: Circular) -> list[tuple[str | None, str]]:
    """The constructs of ``circular`` the reasoning does not understand, as (rule id or ``None``, field).

    >>> from wfrules import load_circular
    >>> unsupported(load_circular("menpanrb-se-01-2024")), unsupported(load_circular("menpanrb-se-25-2021"))
    ([], [])
    """
    out: list[tuple[str | None, str]] = []
    for name in sorted(circular.model_fields_set - KNOWN_FIELDS[Circular]):
        if _says_something(circular, name):
            out.append((None, name))
    for name in ("amends", "revokes"):
        for index, change in enumerate(getattr(circular, name)):
            out.extend((None, f) for f in _unknown_fields(change, f"{name}[{index}]"))
    for index, rule in enumerate(circular.rules):
        out.extend((rule.id, field) for field in _unknown_fields(rule, f"rules[{index}]"))
    return out


# ---------------------------------------------------------------------------------------- rule versions


@dataclass(frozen=True, slots=True)
class Item:
    """A rule as the reasoning sees it: the version of a rule of ``circular`` in force from ``since`` to
    ``until`` (both inclusive; ``None``: unbounded), with that version's limit in ``rule.limit``.

    A rule that no other circular amends or revokes is one item with no bounds.
    """

    rule: Rule
    circular: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    #: The circular whose amendment gave this version's limit (``None``: the rule's own).
    amended_by: str | None = None

    @property
    def id(self) -> str:
        """The rule's id."""
        return self.rule.id

    def applies_on(self, day: dt.date) -> bool:
        """Whether this version applies on ``day`` (window and version dates)."""
        if (self.since is not None and day < self.since) or (self.until is not None and day > self.until):
            return False
        return self.rule.applies_on(day)

    def label(self) -> str:
        """``rule-id``, or ``rule-id (as amended by X from D)``."""
        if self.amended_by is not None and self.since is not None:
            return f"{self.rule.id} (as amended by {self.amended_by} from {self.since.isoformat()})"
        return self.rule.id


def item_of(rule: Rule | Item) -> Item:
    """A rule as an unbounded item; an item as it is."""
    return rule if isinstance(rule, Item) else Item(rule)


def resolved_items(circulars: Sequence[Circular], *, severities: Iterable[str] = ("error", "warning")
                   ) -> list[tuple[Circular, Item]]:
    """Every rule of ``circulars`` split into its versions, through :class:`wfrules._resolve.Resolver` (the
    same amendments and revocations ``check`` applies, between the given circulars only).

    >>> from wfrules import load_circular
    >>> ppkm, amending = load_circular("menpanrb-se-25-2021"), load_circular("menpanrb-se-05-2022")
    >>> [(i.label(), i.until) for c, i in resolved_items([ppkm, amending]) if i.id == "nonessential-java-bali-l2"]
    [('nonessential-java-bali-l2', datetime.date(2022, 2, 15)), \
('nonessential-java-bali-l2 (as amended by menpanrb-se-05-2022 from 2022-02-16)', None)]
    """
    from ._resolve import Resolver  # the resolver imports the rule language only; no cycle at run time

    wanted = frozenset(severities)
    resolver = Resolver(circulars)
    out: list[tuple[Circular, Item]] = []
    for circular in circulars:
        for rule in circular.rules:
            if rule.severity not in wanted:
                continue
            current: Item | None = Item(rule, circular.id)
            for start, version, by in resolver.changes(circular, rule):
                if current is not None:
                    out.append((circular, Item(current.rule, circular.id, current.since, start - _DAY,
                                               current.amended_by)))
                current = None if version is None else Item(version, circular.id, start, None, by)
            if current is not None:
                out.append((circular, current))
    return out


# ----------------------------------------------------------------------------------------------- kinds


@dataclass(frozen=True, slots=True, order=True)
class Kind:
    """A unit kind: a sector, exactly these of the mentioned tags, a named unit (``None``: any other), and a
    region standing for every region in the same named regions (``None``: no rule looks at regions)."""

    sector: str
    tags: tuple[str, ...]
    unit: str | None = None
    region: str | None = None
    #: The named scope regions that contain ``region``, and those that do not (for the reader).
    inside: tuple[str, ...] = field(default=(), compare=False)
    outside: tuple[str, ...] = field(default=(), compare=False)

    def matches(self, scope: Scope) -> bool:
        """Whether units of this kind are in ``scope``."""
        unit = self.unit if self.unit is not None else OTHER_UNIT
        return scope.matches(unit, self.sector, self.tags, region=self.region)

    def region_text(self) -> str | None:
        """``in java-bali`` / ``outside java-bali`` / ``in 31; outside …`` (``None`` without regions)."""
        if self.region is None:
            return None
        parts = []
        if self.inside:
            parts.append("in " + ", ".join(region_label(r) for r in self.inside))
        if self.outside:
            parts.append("outside " + ", ".join(region_label(r) for r in self.outside))
        return "; ".join(parts)


def _scopes(scope: Scope) -> Iterable[Scope]:
    yield scope
    for child in scope.any_of or ():
        yield from _scopes(child)
    if scope.not_ is not None:
        yield from _scopes(scope.not_)


def _rules(rules: Iterable[Rule | Item]) -> list[Rule]:
    return [r.rule if isinstance(r, Item) else r for r in rules]


def mentioned(rules: Iterable[Rule | Item]) -> tuple[list[str], list[str]]:
    """The tags and the unit ids that the rules' scopes name, sorted."""
    tags: set[str] = set()
    units: set[str] = set()
    for rule in _rules(rules):
        for scope in _scopes(rule.scope):
            tags.update(scope.tags or ())
            tags.update(scope.all_tags or ())
            units.update(scope.units or ())
    return sorted(tags), sorted(units)


def mentioned_regions(rules: Iterable[Rule | Item]) -> list[str]:
    """The regions and region groups that the rules' scopes name (canonical), sorted."""
    found: set[str] = set()
    for rule in _rules(rules):
        for scope in _scopes(rule.scope):
            found.update(scope.regions or ())
    return sorted(found)


def _sibling(region: str, taken: set[str]) -> str | None:
    """A made-up code next to ``region`` (same parent) that no scope names."""
    parent = region.rsplit(".", 1)[0]
    width = len(region.rsplit(".", 1)[1])
    for number in range(10 ** width - 1, 0, -1):
        candidate = f"{parent}.{number:0{width}d}"
        if candidate not in taken:
            return candidate
    return None  # pragma: no cover - every code of a level named in scopes


def region_classes(regions: Sequence[str]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Regions standing for every distinct answer to "which of ``regions`` contain it?": (region, inside,
    outside). A region whose answer needs a province it does not have (a bare name tested against a
    group) is an input error in ``check``, so it stands for nothing here.

    >>> [(r, inside) for r, inside, _ in region_classes(["java-bali", "31"])]
    [('11', ()), ('31', ('java-bali', '31')), ('32', ('java-bali',))]
    """
    candidates: list[str] = list(PROVINCES) + [canonical_region(n) for n in NAMED_PROVINCES]
    taken = set(regions) | set(candidates)
    for region in regions:
        if region in REGION_GROUPS or region in candidates:
            continue
        candidates.append(region)
        if is_coded(region) and "." in region:
            sibling = _sibling(region, taken)
            if sibling is not None:
                candidates.append(sibling)
                taken.add(sibling)
    seen: dict[tuple[bool, ...], tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for candidate in candidates:
        try:
            answer = tuple(within(candidate, r) for r in regions)
        except ValueError:
            continue
        if answer not in seen:
            inside = tuple(r for r, a in zip(regions, answer, strict=True) if a)
            outside = tuple(r for r, a in zip(regions, answer, strict=True) if not a)
            seen[answer] = (candidate, inside, outside)
    return sorted(seen.values(), key=lambda c: (not is_coded(c[0]), c[0]))


def unit_kinds(rules: Sequence[Rule | Item]) -> list[Kind]:
    """Every unit kind that the rules' scopes can tell apart (see the module docstring)."""
    tags, units = mentioned(rules)
    named = mentioned_regions(rules)
    regions: list[tuple[str | None, tuple[str, ...], tuple[str, ...]]] = (
        list(region_classes(named)) if named else [(None, (), ())])
    count = len(SECTORS) * 2 ** len(tags) * (len(units) + 1) * len(regions)
    if count > MAX_KINDS:
        raise Unsupported(f"{len(tags)} tags, {len(units)} units and {len(regions)} region classes named in "
                          f"scopes: {count} unit kinds, over the limit of {MAX_KINDS}")
    subsets = [combo for size in range(len(tags) + 1) for combo in combinations(tags, size)]
    return [Kind(sector, subset, unit, region, inside, outside)
            for region, inside, outside in regions for unit in [None, *units] for subset in subsets
            for sector in SECTORS]


# --------------------------------------------------------------------------------------------- context


@dataclass(frozen=True, slots=True)
class Case:
    """One case of the context variables: a representative value per variable (:data:`OTHER_VALUE` for
    "none of the values named"), every value it stands for, and every value some condition names."""

    values: tuple[tuple[str, str], ...] = ()
    stands_for: tuple[tuple[str, tuple[str, ...]], ...] = ()
    named: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def example(self) -> dict[str, str]:
        """A value of every variable in this case, as a context table would give it (``other`` for a value no
        condition names)."""
        return {name: ("other" if value == OTHER_VALUE else value) for name, value in self.values}

    def lookup(self, variable: str) -> str:
        """The case's value of ``variable``."""
        return dict(self.values)[variable]

    def holds(self, rule: Rule) -> bool:
        """Whether the rule's context conditions hold in this case."""
        return rule.context_holds(self.lookup)

    def assumption(self, variables: Iterable[str]) -> dict[str, list[str]]:
        """The case restricted to ``variables``: each one's values (``[]``: any value no condition names)."""
        wanted = set(variables)
        return {name: [v for v in values if v != OTHER_VALUE] for name, values in self.stands_for if name in wanted}

    def describe(self, variables: Iterable[str]) -> str:
        """``ppkm_level = 2; zone = hijau/green`` restricted to ``variables`` (empty when none)."""
        named = dict(self.named)
        parts = []
        for name, values in self.assumption(variables).items():
            parts.append(f"{name} = {'/'.join(values)}" if values
                         else f"{name} not {'/'.join(named.get(name, ()))}")
        return "; ".join(parts)


def context_variables(rules: Iterable[Rule | Item]) -> list[str]:
    """The context variables the rules' conditions read, sorted."""
    return sorted({name for rule in _rules(rules) for name in (rule.context or {})})


def context_cases(rules: Sequence[Rule | Item]) -> list[Case]:
    """Every case of the context variables that the rules' conditions can tell apart (one empty case when
    no rule has a condition).

    >>> from wfrules import load_circular
    >>> cases = context_cases(load_circular("menpanrb-se-25-2021").rules)
    >>> len(cases), sorted({c.describe(["zone"]) for c in cases})[:2]
    (20, ['zone = hijau/green', 'zone = kuning/yellow/oranye/orange'])
    """
    plain = _rules(rules)
    groups: dict[str, list[tuple[str, ...]]] = {}
    for name in context_variables(plain):
        conditions = [rule.context[name] for rule in plain if rule.context and name in rule.context]
        values: list[str] = []
        for allowed in conditions:
            values.extend(v for v in allowed if v not in values)
        by_signature: dict[tuple[bool, ...], list[str]] = {}
        for value in [*values, OTHER_VALUE]:
            by_signature.setdefault(tuple(value in allowed for allowed in conditions), []).append(value)
        groups[name] = [tuple(v) for v in by_signature.values()]
    names = list(groups)
    named = tuple((n, tuple(v for g in groups[n] for v in g if v != OTHER_VALUE)) for n in names)
    return [Case(tuple((n, values[0]) for n, values in zip(names, choice, strict=True)),
                 tuple(zip(names, choice, strict=True)), named)
            for choice in product(*(groups[n] for n in names))]


# ----------------------------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class Span:
    """Dates from ``start`` to ``end`` inclusive (``None``: open on that side), on ``weekdays`` only
    (``None``: every day); ``holidays`` True: only public holidays and cuti bersama, False: none of them,
    ``None``: either."""

    start: dt.date | None
    end: dt.date | None
    weekdays: frozenset[int] | None = None
    holidays: bool | None = None

    def label(self) -> str:
        """``2024-04-16``, ``2024-04-16..2024-04-17``, ``2024-04-18.. (Mon, Tue)``."""
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        text = start if self.start == self.end and self.start is not None else f"{start}..{end}"
        if self.start is None and self.end is None:
            text = "any date"
        notes = []
        if self.weekdays is not None and len(self.weekdays) < 7:
            notes.append(", ".join(_WEEKDAYS[d] for d in sorted(self.weekdays)))
        if self.holidays is not None:
            notes.append("holidays and cuti bersama only" if self.holidays else "not holidays or cuti bersama")
        return text + (" (" + "; ".join(notes) + ")" if notes else "")

    def to_json(self) -> dict[str, object]:
        """``{"from": "2024-04-16", "to": "2024-04-17"}`` (+ ``weekdays`` and ``holidays`` for open spans)."""
        out: dict[str, object] = {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }
        if self.weekdays is not None and len(self.weekdays) < 7:
            out["weekdays"] = [_WEEKDAYS[d].lower() for d in sorted(self.weekdays)]
        if self.holidays is not None:
            out["holidays"] = self.holidays
        return out

    def some_date(self) -> dt.date:
        """A date of the span (its first one when it has a start; a holiday or not as ``holidays`` says,
        searched over 30 years).

        >>> Span(None, None, frozenset({3})).some_date().weekday()
        3
        """
        day = self.start or self.end or dt.date(2024, 1, 1)
        step = _DAY if self.start is not None or self.end is None else -_DAY
        for _ in range(366 * 30):
            if (self.weekdays is None or day.weekday() in self.weekdays) and (
                    self.holidays is None or (_calendar.holiday_name(day) is not None) == self.holidays):
                return day
            day += step
        return day  # pragma: no cover - every weekday has a holiday within 30 years

    def first_date(self) -> dt.date | None:
        """The earliest date of the span (``None`` when open before)."""
        if self.start is None:
            return None
        return self.some_date()


@dataclass(frozen=True, slots=True)
class DateClass:
    """Dates on which the same rules apply: ``rules`` are indexes into the list given to :func:`date_classes`."""

    rules: frozenset[int]
    spans: tuple[Span, ...]
    sample: dt.date

    def label(self) -> str:
        """The spans, comma-separated."""
        return ", ".join(s.label() for s in self.spans)


def _recurrence_end(recurrence: Recurrence) -> dt.date | None:
    if recurrence.until is not None:
        return recurrence.until
    if "COUNT=" in recurrence.rrule.upper():
        occurrences = recurrence.dates(limit=_MAX_OCCURRENCES + 1)
        if len(occurrences) > _MAX_OCCURRENCES:
            return None  # too many to list: treated as open-ended, not cut short
        return occurrences[-1] if occurrences else recurrence.start
    return None


def _weekly(recurrence: Recurrence) -> bool:
    """Whether the recurrence repeats every week alike (DAILY or WEEKLY, INTERVAL 1, filtered by BYDAY only):
    after its start, whether a date is an occurrence depends on its weekday alone."""
    text = recurrence.rrule.strip().upper()
    text = text[6:] if text.startswith("RRULE:") else text
    parts = dict(p.split("=", 1) for p in text.replace(" ", "").split(";") if "=" in p)
    if parts.get("FREQ") not in ("DAILY", "WEEKLY") or parts.get("INTERVAL", "1") != "1":
        return False
    return set(parts) <= {"FREQ", "INTERVAL", "BYDAY", "WKST"} and not any(
        c.isdigit() for c in parts.get("BYDAY", ""))


def _boundaries(window: Window) -> tuple[list[dt.date], bool]:
    """The window's boundary dates, and whether it is bounded (applies on finitely many dates)."""
    days: list[dt.date] = list(window.dates)
    finite = True
    for date_range in window.ranges:
        days += [date_range.start, date_range.end]
    for recurrence in window.recurrences:
        end = _recurrence_end(recurrence)
        if end is None:
            if not _weekly(recurrence):
                raise Unsupported(f"an open-ended recurrence that is not weekly ({recurrence.rrule} from "
                                  f"{recurrence.start}, no end)")
            finite = False
            days.append(recurrence.start)
        else:
            days += [recurrence.start, end]
    for holiday in window.holidays:
        days += sorted(holiday.dates)
    for excluded in window.exclude:
        days += [excluded] if isinstance(excluded, dt.date) else [excluded.start, excluded.end]
    for child in window.any_of:
        child_days, child_bounded = _boundaries(child)
        days += child_days
        finite = finite and child_bounded
    own = bool(window.dates or window.ranges or window.recurrences or window.holidays or window.any_of)
    return days, own and finite


def _reads_holidays(window: Window) -> bool:
    return window.skip_holidays or window.working_days_only or any(_reads_holidays(w) for w in window.any_of)


def contains_as(window: Window, day: dt.date, holiday: bool) -> bool:
    """:meth:`Window.contains` as if ``day`` were (``holiday`` True) or were not a public holiday or cuti
    bersama: how a window treats a date far from every boundary, where only the weekday and that matter.

    >>> w = Window.model_validate({"weekdays": ["mon"], "skip_holidays": True})
    >>> contains_as(w, dt.date(2024, 4, 15), False), contains_as(w, dt.date(2024, 4, 15), True)
    (True, False)
    """
    bounded = bool(window.dates or window.ranges or window.recurrences or window.holidays or window.any_of)
    if bounded and not (
        day in window.dates or any(day in r for r in window.ranges) or any(day in r for r in window.recurrences)
        or any(day in h.dates for h in window.holidays) or any(contains_as(w, day, holiday) for w in window.any_of)
    ):
        return False
    if window.weekdays and _WEEKDAYS[day.weekday()].lower() not in window.weekdays:
        return False
    if any(day == x if isinstance(x, dt.date) else day in x for x in window.exclude):
        return False
    if window.working_days_only and (day.weekday() >= 5 or holiday):
        return False
    return not (window.skip_holidays and holiday)


def _item_bounds(item: Item) -> list[dt.date]:
    return [d for d in (item.since, item.until) if d is not None]


def date_classes(rules: Sequence[Rule | Item]) -> list[DateClass]:
    """The dates, split into classes on which the set of applicable rules is constant (classes where no
    rule applies are left out). Raises :class:`Unsupported` for an open-ended recurrence that is not weekly.

    >>> from wfrules import Rule
    >>> every_thursday = Rule.model_validate({"id": "thu", "window": {"weekdays": ["thu"]},
    ...     "limit": {"kind": "forbid", "modes": ["remote"]}})
    >>> [c.label() for c in date_classes([every_thursday])]
    ['any date (Thu)']
    """
    items = [item_of(r) for r in rules]
    boundaries: list[dt.date] = []
    open_ended = False
    reads_holidays = False
    for item in items:
        boundaries += _item_bounds(item)
        window = item.rule.window
        if window is None:
            open_ended = open_ended or item.since is None or item.until is None
            continue
        try:
            days, bounded = _boundaries(window)
        except Unsupported as exc:
            raise Unsupported(exc.what, item.id) from None
        boundaries += days
        open_ended = open_ended or not bounded
        reads_holidays = reads_holidays or _reads_holidays(window)
    by_rules: dict[frozenset[int], list[Span]] = {}
    samples: dict[frozenset[int], dt.date] = {}

    def applicable(day: dt.date) -> frozenset[int]:
        return frozenset(i for i, item in enumerate(items) if item.applies_on(day))

    def applicable_as(day: dt.date, holiday: bool) -> frozenset[int]:
        return frozenset(i for i, item in enumerate(items)
                         if (item.since is None or day >= item.since) and (item.until is None or day <= item.until)
                         and (item.rule.window is None or contains_as(item.rule.window, day, holiday)))

    def add(key: frozenset[int], spans: list[Span], sample: dt.date) -> None:
        if key:
            by_rules.setdefault(key, []).extend(spans)
            samples.setdefault(key, sample)

    if boundaries:
        first, last = min(boundaries), max(boundaries)
        inside: dict[frozenset[int], list[dt.date]] = {}
        day = first
        while day <= last:
            inside.setdefault(applicable(day), []).append(day)
            day += _DAY
        tails: list[tuple[dt.date | None, dt.date | None, dt.date]] = [
            (None, first - _DAY, first - 7 * _DAY), (last + _DAY, None, last + _DAY)
        ] if open_ended else []
        for key, days in inside.items():
            add(key, _runs(days), days[0])
    else:
        tails = [(None, None, dt.date(2024, 1, 1))]  # a Monday: any week will do
    for start, end, week in tails:
        # Far from every boundary, a date's rules depend on its weekday and, for windows that skip them,
        # on whether it is a holiday: every combination is a class of its own.
        weekly: dict[tuple[frozenset[int], bool | None], set[int]] = {}
        for offset in range(7):
            day = week + offset * _DAY
            for holiday in ((False, True) if reads_holidays else (None,)):
                key = applicable(day) if holiday is None else applicable_as(day, holiday)
                weekly.setdefault((key, holiday), set()).add(day.weekday())
        merged: dict[frozenset[int], list[Span]] = {}
        for (key, holiday), weekdays in weekly.items():
            merged.setdefault(key, []).append(Span(start, end, frozenset(weekdays), holiday))
        for key, spans in merged.items():
            if len(spans) == 2 and spans[0].weekdays == spans[1].weekdays:
                spans = [Span(start, end, spans[0].weekdays)]  # holiday or not, the same rules
            add(key, spans, spans[0].some_date())
    classes = [DateClass(key, tuple(spans), samples[key]) for key, spans in by_rules.items()]
    return sorted(classes, key=lambda c: (c.sample, sorted(c.rules)))


def _runs(days: Sequence[dt.date]) -> list[Span]:
    spans: list[Span] = []
    for day in days:
        if spans and spans[-1].end is not None and spans[-1].end + _DAY == day:
            spans[-1] = Span(spans[-1].start, day)
        else:
            spans.append(Span(day, day))
    return spans


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted, adjacent whole-day runs joined, open spans with the same ends joined over weekdays.

    >>> d = dt.date
    >>> [s.label() for s in merge_spans([Span(d(2024, 4, 17), d(2024, 4, 17)), Span(d(2024, 4, 16), d(2024, 4, 16))])]
    ['2024-04-16..2024-04-17']
    """
    spans = list(spans)
    closed = sorted(
        (s.start, s.end) for s in spans if s.weekdays is None and s.start is not None and s.end is not None
    )
    out: list[Span] = []
    for start, end in closed:
        last = out[-1] if out else None
        if last is not None and last.start is not None and last.end is not None and last.end + _DAY >= start:
            out[-1] = Span(last.start, max(last.end, end))
        else:
            out.append(Span(start, end))
    weekly: dict[tuple[dt.date | None, dt.date | None, bool | None], set[int]] = {}
    for span in spans:
        if not (span.weekdays is None and span.start and span.end):
            weekly.setdefault((span.start, span.end, span.holidays), set()).update(span.weekdays or range(7))
    for (low, high, holidays), weekdays in sorted(weekly.items(), key=lambda i: (i[0][0] or dt.date.min,
                                                                                 str(i[0][2]))):
        out.append(Span(low, high, frozenset(weekdays), holidays))
    return out


# ------------------------------------------------------------------------------------------- employees

#: The stand-in attribute value "the employee has no such attribute".
ABSENT = "\x00absent"
#: Attribute valuations beyond this many are not enumerated.
MAX_VALUATIONS = 4096


def filter_key(selection: EmployeeFilter) -> str:
    """A filter's identity (two rules with the same filter keep the same employees)."""
    return selection.model_dump_json()


@dataclass(frozen=True, slots=True)
class Population:
    """A class of employees: those with the attributes of ``example`` (or any others the filters treat
    alike); each employee filter keeps all of them or none (``keeps``, by :func:`filter_key`)."""

    keeps: tuple[tuple[str, bool], ...] = ()
    example: tuple[tuple[str, str], ...] = ()

    def keeps_all(self, selection: EmployeeFilter | None) -> bool:
        """Whether the filter keeps everyone (no filter: yes)."""
        return selection is None or dict(self.keeps)[filter_key(selection)]

    def describe(self, *, every: bool = True) -> str:
        """``every employee has service_24h = true`` (``every=False``: ``service_24h = true``; empty for no
        filters)."""
        if not self.keeps:
            return ""
        parts = [f"no {name}" if value == ABSENT else f"{name} = {value}" if value != OTHER_VALUE
                 else f"{name} = another value" for name, value in self.example]
        return ("every employee has " if every else "") + ", ".join(parts)

    def attributes(self) -> dict[str, str]:
        """The example as employee attributes (a missing one left out; "another value" as ``other``).

        >>> Population((), (("service_24h", OTHER_VALUE), ("shift", ABSENT))).attributes()
        {'service_24h': 'other'}
        """
        return {name: ("other" if value == OTHER_VALUE else value) for name, value in self.example if value != ABSENT}

    def to_json(self) -> dict[str, str | None]:
        """The example attributes (``None``: the attribute is missing)."""
        return {name: (None if value == ABSENT else "(another value)" if value == OTHER_VALUE else value)
                for name, value in self.example}


def populations(rules: Sequence[Rule | Item]) -> list[Population]:
    """The classes of employees the rules' filters tell apart: one per combination of "kept or not" that some
    attribute values give (one empty class when no rule filters employees). A valuation a filter cannot read
    (a missing attribute with no ``missing`` value: an input error in ``check``) is left out.

    >>> from wfrules import load_circular
    >>> [p.describe() for p in populations(load_circular("pemprov-dki-bkd-se-e-0021-2025").rules)]
    ['every employee has service_24h = true', 'every employee has service_24h = another value']
    """
    filters: dict[str, EmployeeFilter] = {}
    for rule in _rules(rules):
        if rule.employees is not None:
            filters.setdefault(filter_key(rule.employees), rule.employees)
    if not filters:
        return [Population()]
    domains: dict[str, list[str]] = {}
    for selection in filters.values():
        for conditions in (selection.where or {}, selection.unless or {}):
            for name, allowed in conditions.items():
                values = domains.setdefault(name, [])
                values.extend(v for v in allowed if v not in values)
    names = sorted(domains)
    choices = [[*domains[n], OTHER_VALUE, ABSENT] for n in names]
    total = 1
    for options in choices:
        total *= len(options)
    if total > MAX_VALUATIONS:
        raise Unsupported(f"employee filters read {len(names)} attributes: {total} combinations of values, "
                          f"over the limit of {MAX_VALUATIONS}")
    found: dict[tuple[bool, ...], Population] = {}
    keys = sorted(filters)
    for valuation in product(*choices):
        attributes = {n: v for n, v in zip(names, valuation, strict=True) if v != ABSENT}
        try:
            vector = tuple(filters[k].keeps(attributes) for k in keys)
        except KeyError:
            continue
        if vector not in found:
            found[vector] = Population(tuple(zip(keys, vector, strict=True)), tuple(zip(names, valuation, strict=True)))
    return list(found.values())
