"""Hypothesis strategies for *valid* circulars (as JSON-shaped dicts) and small rosters.

Everything here builds the plain data a rule file or roster file would hold; the tests validate it with
``wfrules.Circular.model_validate`` / ``wfrules.Roster.model_validate``. A generated dict that fails
validation is a bug of this module, not something to filter away.

The strategies respect the rule language's validators by construction:

* a share or headcount limit gives exactly one of ``max``/``min``;
* a share's ``rounding`` is given whenever the value is not 0 or 1 (and sometimes when it is);
* the counted modes of a share lie inside its denominator (unless the denominator is ``staff``);
* a cap (``max`` or ``forbid``) always leaves one listed mode (the "spare") uncounted, inside a share's
  mode-list denominator;
* a minimum counts at least one listed mode;
* a mode-list denominator never contains ``off``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil import rrule as _rrule
from hypothesis import strategies as st

from wfrules import GROUPS, Mode
from wfrules._vocab import SECTORS, modes_of

Json = dict[str, Any]

# ------------------------------------------------------------------------------------------ vocabulary

#: How a rule file may name modes: groups (any case), codes and aliases (any case, spaces or underscores).
MODE_NAMES: tuple[str, ...] = (
    "onsite", "remote", "absent", "off", "working", "listed", "Remote", "ONSITE",
    "WFO", "wfo", "H", "hadir", "DL", "dinas luar", "WFH", "wfh", "WFA",
    "CUTI", "CT", "cs", "SAKIT", "S", "IZIN", "I", "TK", "alpa", "LIBUR", "L",
)
_EXPANSION: dict[str, frozenset[Mode]] = {name: modes_of([name]) for name in MODE_NAMES}
LISTED: frozenset[Mode] = GROUPS["listed"]
ALL_MODES: frozenset[Mode] = frozenset(Mode)

#: Mode spellings as they appear in roster files (codes and aliases; WFO and WFH are the likeliest).
ROSTER_MODES: tuple[str, ...] = (
    "WFO", "WFO", "WFO", "WFH", "WFH", "WFA", "DL", "CUTI", "SAKIT", "IZIN", "TK", "LIBUR",
    "H", "ct", "S", "OFF",
)

SECTOR_CODES: tuple[str, ...] = tuple(SECTORS)
#: Sector spellings accepted on input (codes and Indonesian names in assorted case and separators).
SECTOR_NAMES: tuple[str, ...] = (
    *SECTOR_CODES, "kesehatan", "Keamanan dan Ketertiban", "penanganan_bencana", "ENERGI", "pendidikan",
    "administrasi pemerintahan", "layanan-dukungan-pimpinan", "lainnya",
)
TAGS: tuple[str, ...] = ("direct_service", "shift", "rural", "24h")
UNIT_IDS: tuple[str, ...] = ("u0", "u1", "u2", "u3")
WEEKDAY_NAMES: tuple[str, ...] = (
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "Senin", "selasa", "RABU", "kamis", "jumat", "jum'at",
    "Sabtu", "minggu", "Monday", "friday",
)
RRULE_DAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: The week the rosters cover (Sunday 14 to Saturday 20 April 2024, around the Kalbar window).
ROSTER_DATES: tuple[dt.date, ...] = tuple(dt.date(2024, 4, 14) + dt.timedelta(days=i) for i in range(7))
#: Window dates are drawn around that week so windows often (not always) meet the roster.
WINDOW_FIRST = dt.date(2024, 4, 1)
WINDOW_LAST = dt.date(2024, 4, 30)

# -------------------------------------------------------------------------------------------- helpers

_SLUG = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,11}", fullmatch=True)
#: Free text, any Unicode (no surrogates): descriptions, titles, citations.
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=16)
_NONEMPTY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=16)


def iso(day: dt.date) -> str:
    """A date as written in files."""
    return day.isoformat()


def _names_within(allowed: frozenset[Mode]) -> list[str]:
    return [name for name in MODE_NAMES if _EXPANSION[name] <= allowed]


def expand(names: list[str] | tuple[str, ...]) -> frozenset[Mode]:
    """The modes a list of mode names stands for."""
    return modes_of(tuple(names))


# -------------------------------------------------------------------------------------------- windows


def dates(first: dt.date = WINDOW_FIRST, last: dt.date = WINDOW_LAST) -> st.SearchStrategy[dt.date]:
    """Dates from ``first`` to ``last``."""
    return st.dates(min_value=first, max_value=last)


@st.composite
def date_ranges(draw: st.DrawFn, first: dt.date = WINDOW_FIRST, last: dt.date = WINDOW_LAST) -> Json:
    """``{from, to}`` with ``from <= to``."""
    start = draw(dates(first, last))
    end = draw(dates(start, last))
    return {"from": iso(start), "to": iso(end)}


@st.composite
def rrules(draw: st.DrawFn, *, with_count: bool = False) -> str:
    """Simple RRULE texts: weekly on some days, daily (with an interval), monthly on a day.

    ``with_count`` may add ``COUNT=n`` (for recurrences without ``until``: the two together are rejected).
    """
    kind = draw(st.sampled_from(["weekly", "daily", "monthly"]))
    if kind == "weekly":
        days = draw(st.lists(st.sampled_from(RRULE_DAYS), min_size=1, max_size=3, unique=True))
        parts = ["FREQ=WEEKLY", *draw(st.sampled_from([[], ["INTERVAL=2"]])), "BYDAY=" + ",".join(days)]
    elif kind == "daily":
        parts = ["FREQ=DAILY", f"INTERVAL={draw(st.integers(1, 4))}"]
    else:
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={draw(st.integers(1, 28))}"]
    if with_count and draw(st.booleans()):
        parts.append(f"COUNT={draw(st.integers(1, 10))}")
    prefix = draw(st.sampled_from(["", "RRULE:"]))
    return prefix + ";".join(parts)


@st.composite
def recurrences(
    draw: st.DrawFn, first: dt.date = WINDOW_FIRST, last: dt.date = WINDOW_LAST, *, until: bool | None = None
) -> Json:
    """``{rrule, start[, until]}`` with ``until >= start``; COUNT only without ``until``.
    ``until``: whether to give one (``None``: sometimes)."""
    start = draw(dates(first, last))
    has_until = draw(st.booleans()) if until is None else until
    text = draw(rrules(with_count=not has_until))
    out: Json = {"rrule": text, "start": iso(start)}
    if has_until:
        end = draw(dates(start, last))
        # A recurrence must occur at least once: end it no earlier than its first occurrence.
        body = text.removeprefix("RRULE:")
        occurrence = _rrule.rrulestr(body, dtstart=dt.datetime.combine(start, dt.time())).after(
            dt.datetime.combine(start, dt.time()), inc=True
        )
        assert occurrence is not None
        out["until"] = iso(max(end, occurrence.date()))
    return out


def windows(first: dt.date = WINDOW_FIRST, last: dt.date = WINDOW_LAST) -> st.SearchStrategy[Json]:
    """A non-empty window: some of dates, ranges, recurrences, weekdays (at least one), maybe exclusions."""
    parts: dict[str, st.SearchStrategy[Any]] = {
        "dates": st.lists(dates(first, last).map(iso), min_size=1, max_size=4),
        "ranges": st.lists(date_ranges(first, last), min_size=1, max_size=2),
        "recurrences": st.lists(recurrences(first, last), min_size=1, max_size=2),
        "weekdays": st.lists(st.sampled_from(WEEKDAY_NAMES), min_size=1, max_size=4),
    }
    exclude = st.lists(st.one_of(dates(first, last).map(iso), date_ranges(first, last)), min_size=1, max_size=3)
    return st.one_of([
        st.fixed_dictionaries(
            {required: parts[required]},
            optional={**{k: v for k, v in parts.items() if k != required}, "exclude": exclude},
        )
        for required in parts
    ])


# --------------------------------------------------------------------------------------------- scopes


def _scope_leaf() -> st.SearchStrategy[Json]:
    return st.fixed_dictionaries(
        {},
        optional={
            "sectors": st.lists(st.sampled_from(SECTOR_NAMES), max_size=3),
            "tags": st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
            "all_tags": st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True),
            "units": st.lists(st.sampled_from(UNIT_IDS), min_size=1, max_size=3, unique=True),
        },
    )


def _scope_node(children: st.SearchStrategy[Json]) -> st.SearchStrategy[Json]:
    return st.tuples(
        _scope_leaf(),
        st.fixed_dictionaries(
            {}, optional={"any_of": st.lists(children, min_size=1, max_size=3), "not": children}
        ),
    ).map(lambda pair: {**pair[0], **pair[1]})


def scopes(max_leaves: int = 5) -> st.SearchStrategy[Json]:
    """Scopes (sectors, tags, all_tags, units, ``not``, ``any_of``) nested to a bounded size."""
    return st.recursive(_scope_leaf(), _scope_node, max_leaves=max_leaves)


# --------------------------------------------------------------------------------------------- limits

#: The shares the circulars use, and the boundaries.
COMMON_SHARES: tuple[float, ...] = (0, 0.25, 0.4, 0.5, 0.75, 1)


def share_values() -> st.SearchStrategy[float | int | str]:
    """A share as a rule file may write it: a common value, any two-decimal value, ``0``/``1`` as
    integers, or a whole percentage (``"57%"``)."""
    return st.one_of(
        st.sampled_from(COMMON_SHARES),
        st.integers(0, 100).map(lambda i: i / 100),
        st.sampled_from([0, 1]),
        st.integers(0, 100).map(lambda i: f"{i}%"),
    )


def share_of(value: float | int | str) -> float:
    """The share a written value stands for (``"57%"`` is 0.57)."""
    if isinstance(value, str):
        return int(value.rstrip("%")) / 100
    return float(value)


@st.composite
def _rounding(draw: st.DrawFn, value: float | int | str) -> str | None:
    share = share_of(value)
    options: list[str | None] = ["down", "up", "nearest"]
    if share in (0, 1):
        options.append(None)
    return draw(st.sampled_from(options))


def _spare_candidates(denominator: frozenset[Mode], inside: bool) -> list[Mode]:
    """Listed modes a cap may keep uncounted (so the cap can be met by changing modes)."""
    if inside and denominator & LISTED:
        # Keep an uncounted listed mode inside the denominator: moving people out of the counted
        # modes then leaves the denominator as it is.
        return sorted(denominator & LISTED)
    return sorted(LISTED)


@st.composite
def _counted(
    draw: st.DrawFn, within: frozenset[Mode], *, spare: Mode | None, need_listed: bool
) -> list[str]:
    """Names of the counted modes: inside ``within``, never the ``spare`` mode, and (if ``need_listed``)
    naming at least one listed mode."""
    allowed = within - {spare} if spare is not None else within
    candidates = _names_within(allowed)
    assert candidates, (within, spare)
    if need_listed:
        firsts = [name for name in candidates if _EXPANSION[name] & LISTED]
        assert firsts, (within, spare)
        first = draw(st.sampled_from(firsts))
        rest = draw(st.lists(st.sampled_from(candidates), max_size=2))
        return list(dict.fromkeys([first, *rest]))
    return draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))


@st.composite
def _denominator(draw: st.DrawFn) -> str | list[str]:
    kind = draw(st.sampled_from(["listed", "listed", "working", "staff", "modes"]))
    if kind != "modes":
        return kind
    names = [n for n in MODE_NAMES if Mode.LIBUR not in _EXPANSION[n]]
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    covered = expand(chosen)
    if len(covered) < 2:
        # One mode only: a cap could not keep an uncounted mode inside it; add another.
        chosen.append(draw(st.sampled_from([n for n in names if not _EXPANSION[n] <= covered])))
    return chosen


@st.composite
def share_limits(draw: st.DrawFn) -> Json:
    """A valid ``kind: share`` limit (max or min; any denominator; any rounding)."""
    of = draw(_denominator())
    denominator = ALL_MODES if of == "staff" else expand([of] if isinstance(of, str) else of)
    is_max = draw(st.booleans())
    spare: Mode | None = None
    if is_max:
        spare = draw(st.sampled_from(_spare_candidates(denominator, of != "staff")))
        if not denominator - {spare}:  # a denominator of one listed mode: keep the spare outside it
            spare = draw(st.sampled_from(sorted(LISTED - denominator)))
    modes = draw(_counted(denominator, spare=spare, need_listed=not is_max))
    value = draw(share_values())
    out: Json = {"kind": "share", "modes": modes, ("max" if is_max else "min"): value, "of": of}
    rounding = draw(_rounding(value))
    if rounding is not None:
        out["rounding"] = rounding
    return out


@st.composite
def headcount_limits(draw: st.DrawFn) -> Json:
    """A valid ``kind: headcount`` limit."""
    is_max = draw(st.booleans())
    spare = draw(st.sampled_from(sorted(LISTED))) if is_max else None
    modes = draw(_counted(ALL_MODES, spare=spare, need_listed=not is_max))
    return {"kind": "headcount", "modes": modes, ("max" if is_max else "min"): draw(st.integers(0, 6))}


@st.composite
def forbid_limits(draw: st.DrawFn) -> Json:
    """A valid ``kind: forbid`` limit."""
    spare = draw(st.sampled_from(sorted(LISTED)))
    return {"kind": "forbid", "modes": draw(_counted(ALL_MODES, spare=spare, need_listed=False))}


def limits() -> st.SearchStrategy[Json]:
    """Any valid limit: share (most often), headcount or forbid."""
    return st.one_of(
        share_limits(),
        share_limits(),
        headcount_limits(),
        forbid_limits(),
    )


# ------------------------------------------------------------------------------------ rules, circulars


def citations() -> st.SearchStrategy[str | Json]:
    """A citation as a bare clause or as ``{clause, text}``."""
    return st.one_of(
        _NONEMPTY_TEXT,
        st.fixed_dictionaries({"clause": _NONEMPTY_TEXT}, optional={"text": _TEXT, "paraphrase": _TEXT}),
    )


_SEVERITIES = st.sampled_from(["error", "warning"])
_WINDOWS = windows()
_SCOPES = scopes()
_CITATIONS = citations()


def rule_dicts(
    *,
    applying: bool = False,
    limit: st.SearchStrategy[Json] | None = None,
    rule_id: str | None = None,
) -> st.SearchStrategy[Json]:
    """A valid rule. ``applying``: no window and an empty scope (it applies to every unit and date)."""
    optional: dict[str, st.SearchStrategy[Any]] = {
        "description": _TEXT, "citation": _CITATIONS, "severity": _SEVERITIES, "reading": _TEXT,
    }
    if applying:
        optional["scope"] = st.just({})
    else:
        optional |= {"window": _WINDOWS, "scope": _SCOPES}
    return st.fixed_dictionaries(
        {
            "id": st.just(rule_id) if rule_id is not None else _SLUG,
            "limit": limit if limit is not None else limits(),
        },
        optional=optional,
    )


def sources() -> st.SearchStrategy[Json]:
    """A ``sources`` entry."""
    return st.fixed_dictionaries(
        {"title": _TEXT},
        optional={
            "kind": st.sampled_from(["primary", "news", "summary", "other"]),
            "publisher": _TEXT,
            "url": st.sampled_from(["https://example.org/se.pdf", "http://jdih.example.go.id/?id=1"]),
            "date": dates().map(iso),
            "note": _TEXT,
        },
    )


def circular_dicts(
    *,
    rules: st.SearchStrategy[list[Json]] | None = None,
    applying: bool = False,
    min_rules: int = 0,
    max_rules: int = 4,
) -> st.SearchStrategy[Json]:
    """A valid circular with unique rule ids (by default ``min_rules`` to ``max_rules`` random rules)."""
    if rules is None:
        rules = st.lists(
            rule_dicts(applying=applying),
            min_size=min_rules,
            max_size=max_rules,
            unique_by=lambda r: r["id"],
        )
    return st.fixed_dictionaries(
        {
            "id": _SLUG,
            "number": _NONEMPTY_TEXT,
            "title": _NONEMPTY_TEXT,
            "issuer": _NONEMPTY_TEXT,
            "jurisdiction": _NONEMPTY_TEXT,
            "issued": st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)).map(iso),
            "rules": rules,
        },
        optional={
            "short_name": _NONEMPTY_TEXT,
            "based_on": st.lists(_SLUG, max_size=2),
            "sources": st.lists(sources(), max_size=2),
            "readings": st.lists(_TEXT, max_size=2),
        },
    )


def single_rule_circular(rule: Json, circular_id: str = "prop") -> Json:
    """A minimal circular holding one rule."""
    return {
        "id": circular_id, "number": "1/2024", "title": "Property", "issuer": "Test", "jurisdiction": "test",
        "issued": "2024-04-13", "rules": [rule],
    }


# -------------------------------------------------------------------------------------------- rosters


@st.composite
def roster_dicts(
    draw: st.DrawFn,
    *,
    max_units: int = 3,
    max_employees: int = 5,
    roster_dates: tuple[dt.date, ...] = ROSTER_DATES,
    modes: tuple[str, ...] = ROSTER_MODES,
    nonempty: bool = False,
) -> Json:
    """A valid roster: up to ``max_units`` units (ids from ``UNIT_IDS``) with random sectors and tags,
    up to ``max_employees`` employees each (some not listed on some dates), and at most one
    assignment per employee and date; ``nonempty``: at least one assignment."""
    unit_ids = draw(st.lists(st.sampled_from(UNIT_IDS[:max_units]), min_size=1, max_size=max_units, unique=True))
    units: list[Json] = []
    employees: list[Json] = []
    assignments: list[Json] = []
    for unit_id in unit_ids:
        unit: Json = {"id": unit_id, "sector": draw(st.sampled_from(SECTOR_NAMES))}
        tags = draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True))
        if tags:
            unit["tags"] = tags
        units.append(unit)
        for i in range(draw(st.integers(0, max_employees))):
            employee_id = f"{unit_id}-e{i}"
            employees.append({"id": employee_id, "unit": unit_id})
            for day in draw(st.lists(st.sampled_from(roster_dates), max_size=len(roster_dates), unique=True)):
                assignments.append({"employee": employee_id, "date": iso(day), "mode": draw(st.sampled_from(modes))})
    if nonempty and not assignments:
        employee_id = f"{unit_ids[0]}-extra"
        employees.append({"id": employee_id, "unit": unit_ids[0]})
        assignments.append({
            "employee": employee_id,
            "date": iso(draw(st.sampled_from(roster_dates))),
            "mode": draw(st.sampled_from(modes)),
        })
    return {"units": units, "employees": employees, "assignments": assignments}
