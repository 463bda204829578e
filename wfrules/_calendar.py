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


__all__ = ["CATEGORIES", "holiday_name", "holidays_of", "is_working_day", "working_days"]
