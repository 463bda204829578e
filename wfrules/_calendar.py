"""The Indonesian working calendar: weekends, public holidays and *cuti bersama* (joint leave days).

Holidays come from the ``holidays`` package (country ``ID``, categories ``public`` and ``government``; the
government category holds the cuti bersama set by the joint ministerial decree). It is imported on first
use, so ``wfrules check`` on a roster whose rules never ask about holidays does not pay for it.

>>> import datetime as dt
>>> is_working_day(dt.date(2024, 4, 15))   # Monday, Idul Fitri cuti bersama
False
>>> [d.isoformat() for d in working_days(dt.date(2024, 4, 12), dt.date(2024, 4, 17))]
['2024-04-16', '2024-04-17']
>>> holiday_name(dt.date(2024, 4, 10))
'Eid al-Fitr'

Windows relative to a holiday: the working days right after (or before) the run of days off — weekends,
public holidays and cuti bersama — around a holiday. "The 2 working days after the Idul Fitri 1445 H
holidays and cuti bersama" (SE MenPAN-RB 1/2024):

>>> [d.isoformat() for d in working_days_around("idul_fitri", 2024, after=2)]
['2024-04-16', '2024-04-17']
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

#: ``holidays`` categories that make a day a non-working day for civil servants.
CATEGORIES = ("public", "government")


@lru_cache(maxsize=64)
def holidays_of(year: int) -> Mapping[dt.date, str]:
    """Public holidays and cuti bersama of ``year`` in Indonesia (date → English name)."""
    import holidays  # lazy: only rules and commands that need the calendar pay for it

    days = holidays.country_holidays("ID", years=year, categories=CATEGORIES)
    return MappingProxyType(dict(days.items()))


def holiday_name(day: dt.date) -> str | None:
    """The holiday or cuti bersama on ``day``, or ``None`` (several on one day are joined with "; ")."""
    return holidays_of(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and neither a public holiday nor cuti bersama."""
    return day.weekday() < 5 and day not in holidays_of(day.year)


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days from ``start`` to ``end``, both included (empty when ``end < start``)."""
    days = []
    day = start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


#: Holiday keys usable in rule files → the name the ``holidays`` package gives the holiday's first day.
HOLIDAYS: dict[str, str] = {
    "idul_fitri": "Eid al-Fitr", "eid_al_fitr": "Eid al-Fitr", "lebaran": "Eid al-Fitr",
    "idul_adha": "Eid al-Adha", "eid_al_adha": "Eid al-Adha",
    "nyepi": "Day of Silence", "day_of_silence": "Day of Silence",
    "natal": "Christmas Day", "christmas": "Christmas Day",
    "tahun_baru": "New Year's Day", "new_year": "New Year's Day",
    "imlek": "Lunar New Year", "lunar_new_year": "Lunar New Year",
    "waisak": "Vesak Day", "vesak": "Vesak Day",
    "kemerdekaan": "Independence Day", "independence_day": "Independence Day",
    "tahun_baru_islam": "Islamic New Year", "islamic_new_year": "Islamic New Year",
    "maulid_nabi": "Prophet's Birthday", "prophets_birthday": "Prophet's Birthday",
    "isra_miraj": "Isra' and Mi'raj", "kenaikan_isa_almasih": "Ascension Day", "ascension_day": "Ascension Day",
    "wafat_isa_almasih": "Good Friday", "good_friday": "Good Friday",
}


def holiday_key(text: str) -> str:
    """The canonical key of a holiday name (``Idul Fitri`` → ``idul_fitri``); ``ValueError`` if unknown."""
    key = "".join(c if c.isalnum() else "_" for c in text.strip().lower().replace("'", "")).strip("_")
    while "__" in key:
        key = key.replace("__", "_")
    if key not in HOLIDAYS:
        known = ", ".join(sorted(HOLIDAYS))
        raise ValueError(f"unknown holiday {text!r} (known: {known})")
    return key


def holiday_date(key: str, year: int) -> dt.date:
    """The (first) date of the holiday ``key`` in ``year``, from the holidays package.

    >>> holiday_date("nyepi", 2026)
    datetime.date(2026, 3, 19)
    """
    name = HOLIDAYS[holiday_key(key)]
    found = sorted(d for d, names in holidays_of(year).items() if name in names.split("; "))
    if not found:
        raise ValueError(f"the holidays package has no {name!r} in {year}")
    return found[0]


def days_off_around(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the run of non-working days (weekends, holidays, cuti bersama) containing ``day``.

    >>> days_off_around(dt.date(2024, 4, 10))
    (datetime.date(2024, 4, 6), datetime.date(2024, 4, 15))
    """
    first = last = day
    while not is_working_day(first - dt.timedelta(days=1)):
        first -= dt.timedelta(days=1)
    while not is_working_day(last + dt.timedelta(days=1)):
        last += dt.timedelta(days=1)
    return first, last


def working_days_around(key: str, year: int, *, after: int = 0, before: int = 0) -> list[dt.date]:
    """The ``before`` working days before and the ``after`` working days after the holidays and cuti
    bersama around holiday ``key`` of ``year`` (the run of days off containing the holiday's first day).

    >>> [d.isoformat() for d in working_days_around("nyepi", 2026, before=2)]
    ['2026-03-16', '2026-03-17']
    >>> [d.isoformat() for d in working_days_around("idul_fitri", 2026, after=3)]
    ['2026-03-25', '2026-03-26', '2026-03-27']
    """
    first, last = days_off_around(holiday_date(key, year))
    out: list[dt.date] = []
    day = first
    while len(out) < before:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            out.append(day)
    out.reverse()
    day = last
    taken = 0
    while taken < after:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            out.append(day)
            taken += 1
    return out


__all__ = [
    "CATEGORIES", "HOLIDAYS", "days_off_around", "holiday_date", "holiday_key", "holiday_name", "holidays_of",
    "is_working_day", "working_days", "working_days_around",
]
