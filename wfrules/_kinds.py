"""Finite partitions of "every unit" and "every date" for a set of rules.

Scopes look only at a unit's sector, at which of the tags named in some scope it carries, and at whether
it is one of the units named in some scope; so the *unit kinds* (sector × subset of the mentioned tags ×
named unit or "any other unit") are finitely many, and every unit behaves like one of them. Windows change
only at their boundary dates; between the earliest and the latest boundary each date is looked at, and
outside that span a window can only depend on the weekday. So the dates fall into finitely many
*date classes* on which the set of applicable rules is constant.

Anything the partition cannot treat exactly (a field of the rule language it does not know, an open-ended
recurrence) is reported by :func:`unsupported` or raised as :class:`Unsupported`, never guessed.

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
from dataclasses import dataclass
from itertools import combinations

from pydantic import BaseModel

from ._circular import (
    Circular,
    Citation,
    DateRange,
    ForbidLimit,
    HeadcountLimit,
    Recurrence,
    Rule,
    Scope,
    ShareLimit,
    Source,
    Window,
)
from ._vocab import SECTORS

#: Kinds beyond this many (many tags or units named in scopes) are not enumerated.
MAX_KINDS = 20_000
#: The stand-in id of "any unit not named in a scope".
OTHER_UNIT = "\x00other"

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
#: to the rule language later: region levels, amendments, per-employee conditions…) makes the circular
#: unsupported for lint's deeper checks, refines and the reasons of explain, instead of being ignored.
KNOWN_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    Circular: frozenset({"id", "number", "short_name", "title", "issuer", "jurisdiction", "issued", "based_on",
                         "sources", "readings", "rules"}),
    Rule: frozenset({"id", "description", "citation", "severity", "window", "scope", "limit", "reading"}),
    Window: frozenset({"dates", "ranges", "recurrences", "weekdays", "exclude"}),
    Scope: frozenset({"sectors", "tags", "all_tags", "units", "any_of", "not_"}),
    ShareLimit: frozenset({"kind", "modes", "max", "min", "of", "rounding"}),
    HeadcountLimit: frozenset({"kind", "modes", "max", "min"}),
    ForbidLimit: frozenset({"kind", "modes"}),
    DateRange: frozenset({"start", "end"}),
    Recurrence: frozenset({"rrule", "start", "until"}),
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
    >>> unsupported(load_circular("menpanrb-se-01-2024"))
    []
    """
    out: list[tuple[str | None, str]] = []
    for name in sorted(circular.model_fields_set - KNOWN_FIELDS[Circular]):
        if _says_something(circular, name):
            out.append((None, name))
    for index, rule in enumerate(circular.rules):
        out.extend((rule.id, field) for field in _unknown_fields(rule, f"rules[{index}]"))
    return out


# ----------------------------------------------------------------------------------------------- kinds


@dataclass(frozen=True, slots=True, order=True)
class Kind:
    """A unit kind: a sector, exactly these of the mentioned tags, and a named unit (``None``: any other)."""

    sector: str
    tags: tuple[str, ...]
    unit: str | None = None

    def matches(self, scope: Scope) -> bool:
        """Whether units of this kind are in ``scope``."""
        return scope.matches(self.unit if self.unit is not None else OTHER_UNIT, self.sector, self.tags)


def _scopes(scope: Scope) -> Iterable[Scope]:
    yield scope
    for child in scope.any_of or ():
        yield from _scopes(child)
    if scope.not_ is not None:
        yield from _scopes(scope.not_)


def mentioned(rules: Iterable[Rule]) -> tuple[list[str], list[str]]:
    """The tags and the unit ids that the rules' scopes name, sorted."""
    tags: set[str] = set()
    units: set[str] = set()
    for rule in rules:
        for scope in _scopes(rule.scope):
            tags.update(scope.tags or ())
            tags.update(scope.all_tags or ())
            units.update(scope.units or ())
    return sorted(tags), sorted(units)


def unit_kinds(rules: Sequence[Rule]) -> list[Kind]:
    """Every unit kind that the rules' scopes can tell apart (see the module docstring)."""
    tags, units = mentioned(rules)
    count = len(SECTORS) * 2 ** len(tags) * (len(units) + 1)
    if count > MAX_KINDS:
        raise Unsupported(f"{len(tags)} tags and {len(units)} units named in scopes: {count} unit kinds, "
                          f"over the limit of {MAX_KINDS}")
    subsets = [combo for size in range(len(tags) + 1) for combo in combinations(tags, size)]
    return [Kind(sector, subset, unit) for unit in [None, *units] for subset in subsets for sector in SECTORS]


def describe_kinds(kinds: Sequence[Kind], all_tags: Sequence[str]) -> dict[str, object]:
    """A group of kinds that differ only in sector, as JSON: sectors, tags carried, tags not carried, unit."""
    first = kinds[0]
    return {
        "sectors": sorted({k.sector for k in kinds}, key=list(SECTORS).index),
        "tags": list(first.tags),
        "without_tags": [t for t in all_tags if t not in first.tags],
        "unit": first.unit,
    }


# ----------------------------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class Span:
    """Dates from ``start`` to ``end`` inclusive (``None``: open on that side), on ``weekdays`` only
    (``None``: every day)."""

    start: dt.date | None
    end: dt.date | None
    weekdays: frozenset[int] | None = None

    def label(self) -> str:
        """``2024-04-16``, ``2024-04-16..2024-04-17``, ``2024-04-18.. (Mon, Tue)``."""
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        text = start if self.start == self.end and self.start is not None else f"{start}..{end}"
        if self.start is None and self.end is None:
            text = "any date"
        if self.weekdays is not None and len(self.weekdays) < 7:
            text += " (" + ", ".join(_WEEKDAYS[d] for d in sorted(self.weekdays)) + ")"
        return text

    def to_json(self) -> dict[str, object]:
        """``{"from": "2024-04-16", "to": "2024-04-17"}`` (+ ``weekdays`` for open spans)."""
        out: dict[str, object] = {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }
        if self.weekdays is not None and len(self.weekdays) < 7:
            out["weekdays"] = [_WEEKDAYS[d].lower() for d in sorted(self.weekdays)]
        return out

    def some_date(self) -> dt.date:
        """A date of the span (its first one when it has a start).

        >>> Span(None, None, frozenset({3})).some_date().weekday()
        3
        """
        day = self.start or self.end or dt.date(2024, 1, 1)
        step = _DAY if self.start is not None or self.end is None else -_DAY
        while self.weekdays is not None and day.weekday() not in self.weekdays:
            day += step
        return day

    def first_date(self) -> dt.date | None:
        """The earliest date of the span (``None`` when open before)."""
        if self.start is None:
            return None
        day = self.start
        while self.weekdays is not None and day.weekday() not in self.weekdays:
            day += _DAY
        return day


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
            return None  # too many to list: treated as open-ended (unsupported), not cut short
        return occurrences[-1] if occurrences else recurrence.start
    return None


def _boundaries(window: Window) -> tuple[list[dt.date], bool]:
    """The window's boundary dates, and whether it is bounded (applies on finitely many dates)."""
    days: list[dt.date] = list(window.dates)
    bounded = bool(window.dates or window.ranges or window.recurrences)
    for date_range in window.ranges:
        days += [date_range.start, date_range.end]
    for recurrence in window.recurrences:
        end = _recurrence_end(recurrence)
        if end is None:
            raise Unsupported(f"an open-ended recurrence ({recurrence.rrule} from {recurrence.start}, no end)")
        days += [recurrence.start, end]
    for excluded in window.exclude:
        days += [excluded] if isinstance(excluded, dt.date) else [excluded.start, excluded.end]
    return days, bounded


def _runs(days: Sequence[dt.date]) -> list[Span]:
    spans: list[Span] = []
    for day in days:
        if spans and spans[-1].end is not None and spans[-1].end + _DAY == day:
            spans[-1] = Span(spans[-1].start, day)
        else:
            spans.append(Span(day, day))
    return spans


def date_classes(rules: Sequence[Rule]) -> list[DateClass]:
    """The dates, split into classes on which the set of applicable rules is constant (classes where no
    rule applies are left out). Raises :class:`Unsupported` for an open-ended recurrence.

    >>> from wfrules import Rule
    >>> every_thursday = Rule.model_validate({"id": "thu", "window": {"weekdays": ["thu"]},
    ...     "limit": {"kind": "forbid", "modes": ["remote"]}})
    >>> [c.label() for c in date_classes([every_thursday])]
    ['any date (Thu)']
    """
    boundaries: list[dt.date] = []
    open_ended = False
    for rule in rules:
        if rule.window is None:
            open_ended = True
            continue
        try:
            days, bounded = _boundaries(rule.window)
        except Unsupported as exc:
            raise Unsupported(exc.what, rule.id) from None
        boundaries += days
        open_ended = open_ended or not bounded
    by_rules: dict[frozenset[int], list[Span]] = {}
    samples: dict[frozenset[int], dt.date] = {}

    def applicable(day: dt.date) -> frozenset[int]:
        return frozenset(i for i, rule in enumerate(rules) if rule.applies_on(day))

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
        inside = {}
        tails = [(None, None, dt.date(2024, 1, 1))]  # a Monday: any week will do
    for start, end, week in tails:
        weekly: dict[frozenset[int], set[int]] = {}
        sample: dict[frozenset[int], dt.date] = {}
        for offset in range(7):
            day = week + offset * _DAY
            key = applicable(day)
            weekly.setdefault(key, set()).add(day.weekday())
            sample.setdefault(key, day)
        for key, weekdays in weekly.items():
            add(key, [Span(start, end, frozenset(weekdays))], sample[key])
    classes = [DateClass(key, tuple(spans), samples[key]) for key, spans in by_rules.items()]
    return sorted(classes, key=lambda c: (c.sample, sorted(c.rules)))


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
    weekly: dict[tuple[dt.date | None, dt.date | None], set[int]] = {}
    for span in spans:
        if not (span.weekdays is None and span.start and span.end):
            weekly.setdefault((span.start, span.end), set()).update(span.weekdays or range(7))
    for (low, high), weekdays in sorted(weekly.items(), key=lambda i: (i[0][0] or dt.date.min)):
        out.append(Span(low, high, frozenset(weekdays)))
    return out
