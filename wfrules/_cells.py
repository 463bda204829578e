"""Reading single cells of HR exports: dates in the formats people export, employee ids (NIP), text encodings.

Every reader returns the value or raises :class:`CellError` with a message and a hint; the loaders add
the file, line and column. Each distinct spelling is parsed once (rosters repeat a few dates and codes).

>>> parse_date_cell("16/04/2024"), parse_date_cell("16 Agustus 2024"), parse_date_cell("Selasa, 16 Apr 2024")
(datetime.date(2024, 4, 16), datetime.date(2024, 8, 16), datetime.date(2024, 4, 16))
>>> parse_date_cell("04/16/2024")
Traceback (most recent call last):
...
wfrules._cells.CellError: '04/16/2024' is not a date read day first (DD/MM/YYYY): there is no month 16
>>> parse_employee_cell("'198802282020121004")
'198802282020121004'
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, cast

if TYPE_CHECKING:
    from dateutil.parser import parserinfo


class CellError(ValueError):
    """A cell that cannot be read; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# ------------------------------------------------------------------------------------------------ dates

_ISO: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YMD: Final = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_DMY: Final = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
_DMY_SHORT_YEAR: Final = re.compile(r"^\d{1,2}([-/.])\d{1,2}\1\d{2}$")
_MIDNIGHT: Final = re.compile(r"^(.*\d)[ T]0?0:00(?::00(?:\.0+)?)?$")
_SERIAL: Final = re.compile(r"^\d+(?:[.,]\d+)?$")
_YEAR: Final = re.compile(r"(?<!\d)\d{4}(?!\d)")
_TIME: Final = re.compile(r"\d:\d\d")

#: Month and weekday names dateutil accepts besides the English ones (Indonesian, with common abbreviations).
_ID_MONTHS: Final[tuple[tuple[str, ...], ...]] = (
    ("jan", "januari", "january"),
    ("feb", "februari", "pebruari", "peb", "february"),
    ("mar", "maret", "march"),
    ("apr", "april"),
    ("may", "mei"),
    ("jun", "juni", "june"),
    ("jul", "juli", "july"),
    ("aug", "agu", "agt", "agus", "agustus", "august"),
    ("sep", "sept", "september"),
    ("oct", "okt", "oktober", "october"),
    ("nov", "nop", "november", "nopember"),
    ("dec", "des", "desember", "december"),
)
_ID_WEEKDAYS: Final[tuple[tuple[str, ...], ...]] = (
    ("mon", "monday", "senin", "sen"),
    ("tue", "tuesday", "selasa", "sel"),
    ("wed", "wednesday", "rabu", "rab"),
    ("thu", "thursday", "kamis", "kam"),
    ("fri", "friday", "jumat", "jum'at", "jum"),
    ("sat", "saturday", "sabtu", "sab"),
    ("sun", "sunday", "minggu", "ahad", "min"),
)


@lru_cache(maxsize=1)
def _names() -> parserinfo:
    """dateutil's parser info with Indonesian month and weekday names, day first (made on first use: dateutil's
    parser, with ``calendar`` and ``locale``, is imported only when a date is written with a month name)."""
    from dateutil import parser as _dateparser

    class _Names(_dateparser.parserinfo):
        # parserinfo builds its look-up tables from these in __init__.
        MONTHS = cast(Any, list(_ID_MONTHS))
        WEEKDAYS = cast(Any, list(_ID_WEEKDAYS))

    return _Names(dayfirst=True, yearfirst=False)


_DEFAULTS: Final = (dt.datetime(1, 1, 1, 0, 0, 0), dt.datetime(2, 2, 2, 1, 1, 1))
_DATE_HINT: Final = "write dates as YYYY-MM-DD, DD/MM/YYYY or '16 April 2024'"


def _checked(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CellError(f"impossible date {text!r}: {exc}", _DATE_HINT) from None


@lru_cache(maxsize=8192)
def parse_date_cell(text: str) -> dt.date:
    """A calendar date from a roster cell, read day first (Indonesian convention); never a guess.

    Accepted: ``2024-04-16`` (and ``2024/04/16``), ``16/04/2024``, ``16-04-2024``, ``16.04.2024``,
    ``16 April 2024``, ``16 Apr 2024``, ``16-Apr-2024``, Indonesian month names (``16 Agustus 2024``,
    ``16 Mei 2024``), an optional weekday that must match (``Selasa, 16 April 2024``) and a midnight time
    (``16/04/2024 0:00``, what Excel writes for a date-time column). Errors, each with a hint: a date that
    does not exist, a two-digit year, a date that only reads month first (``04/16/2024``), a bare number
    (an Excel serial date), a missing year, a time other than midnight.

    >>> parse_date_cell("2024-04-16") == parse_date_cell("16-04-2024") == parse_date_cell("16 april 2024")
    True
    """
    value = text.strip()
    found = _ISO.match(value)
    if found:  # the common case, first
        return _checked(int(found[1]), int(found[2]), int(found[3]), value)
    midnight = _MIDNIGHT.match(value)
    if midnight:
        value = midnight[1].rstrip()
    found = _YMD.match(value)
    if found:
        return _checked(int(found[1]), int(found[3]), int(found[4]), text.strip())
    found = _DMY.match(value)
    if found:
        day, month, year = int(found[1]), int(found[3]), int(found[4])
        if month > 12 and day <= 12:
            raise CellError(
                f"{text.strip()!r} is not a date read day first (DD/MM/YYYY): there is no month {month}",
                "this looks month first (MM/DD/YYYY); export dates as YYYY-MM-DD or DD/MM/YYYY",
            )
        return _checked(year, month, day, text.strip())
    if _DMY_SHORT_YEAR.match(value):
        raise CellError(f"the year of {text.strip()!r} has two digits, which is ambiguous",
                        "write the year in full: DD/MM/YYYY or YYYY-MM-DD")
    if _SERIAL.match(value):
        raise CellError(f"{text.strip()!r} is a number, not a date",
                        "in Excel, format the date column as a date (or text) before exporting; " + _DATE_HINT)
    if _TIME.search(value):
        raise CellError(f"expected a date, not a date and time: {text.strip()!r}", "export the date without the time")
    if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
        raise CellError(f"expected a date, got {text.strip()!r}", _DATE_HINT)
    return _named_date(value, text.strip())


def _named_date(value: str, shown: str) -> dt.date:
    """A date written with a month name (``16 Agustus 2024``), parsed by dateutil with Indonesian names."""
    if not _YEAR.search(value):
        raise CellError(f"the date {shown!r} has no four-digit year", "write the year in full, e.g. 16 April 2024")
    from dateutil import parser as _dateparser

    readings = []
    try:
        for default in _DEFAULTS:
            readings.append(_dateparser.parse(value, parserinfo=_names(), default=default))
    except (ValueError, OverflowError, TypeError) as exc:
        message = str(exc)
        if "out of range" in message or "must be in" in message:
            raise CellError(f"impossible date {shown!r}: {message}", _DATE_HINT) from None
        raise CellError(f"expected a date, got {shown!r}", _DATE_HINT) from None
    first, second = readings
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise CellError(f"the date {shown!r} is incomplete", "give day, month and year, e.g. 16 April 2024")
    if first.time() != _DEFAULTS[0].time() or second.time() != _DEFAULTS[1].time():
        raise CellError(f"expected a date, not a date and time: {shown!r}", "export the date without the time")
    day = first.date()
    for index, names in enumerate(_ID_WEEKDAYS):
        if re.search(rf"(?<![a-z]){re.escape(names[0])}", value.lower()) or any(
            re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", value.lower()) for n in names[1:]
        ):
            if index != day.weekday():
                weekday = _ID_WEEKDAYS[day.weekday()]
                raise CellError(
                    f"{shown!r}: {day.isoformat()} is a {weekday[1].capitalize()} ({weekday[2].capitalize()}), "
                    f"not {names[1].capitalize()}",
                    "check the day and the weekday",
                )
            break
    return day


# ---------------------------------------------------------------------------------------- employee ids

_SCIENTIFIC: Final = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")


@lru_cache(maxsize=4096)
def parse_employee_cell(text: str) -> str:
    """An employee id (usually the 18-digit NIP), kept as text: padding and Excel's text-marking apostrophe
    are removed; a number Excel wrote in scientific notation (``1.98802E+17``, its digits lost) is an error.

    >>> parse_employee_cell(" 198802282020121004 ")
    '198802282020121004'
    >>> parse_employee_cell("1.98802E+17")
    Traceback (most recent call last):
    ...
    wfrules._cells.CellError: employee id '1.98802E+17' is a number in scientific notation: its digits are lost
    """
    # Idempotent (an id read back reads the same), so a cache may hold raw cells and ids side by side.
    value = text.strip()
    if value.startswith("'"):
        value = value.lstrip("'").strip()
    if _SCIENTIFIC.match(value):
        raise CellError(
            f"employee id {value!r} is a number in scientific notation: its digits are lost",
            "in Excel, format the NIP column as Text (or type it with a leading ') and export again",
        )
    return value


# ------------------------------------------------------------------------------------------- encodings

_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def check_encoding(name: str) -> str:
    """The canonical name of a text encoding (``ValueError`` if Python has no such codec).

    >>> check_encoding("CP1252"), check_encoding("utf8")
    ('cp1252', 'utf-8')
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown text encoding {name!r}") from None


def sniff_encoding(head: bytes) -> str:
    """The encoding to try first for a file starting with ``head``: UTF-16 by its byte-order mark, else
    UTF-8 (a UTF-8 byte-order mark is skipped). Windows-1252 is the loaders' fallback when UTF-8 fails.

    >>> sniff_encoding(b"\\xff\\xfee\\x00"), sniff_encoding(b"\\xef\\xbb\\xbfemployee"), sniff_encoding(b"nip")
    ('utf-16', 'utf-8-sig', 'utf-8-sig')
    """
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    return "utf-8-sig"


#: Tried when a file is not UTF-8: what Excel writes for "CSV (Comma delimited)" on Windows in Indonesia.
FALLBACK_ENCODING: Final = "cp1252"


def decode_text(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a whole file: with ``encoding`` if given, else UTF-8 (with or without BOM), UTF-16 by its BOM,
    else Windows-1252. Returns the text and the encoding used; ``UnicodeDecodeError`` if none fits.

    >>> decode_text("Siti Rahmah;Dinkes".encode("cp1252")), decode_text("Pe\\u00f1a".encode("cp1252"))
    (('Siti Rahmah;Dinkes', 'utf-8-sig'), ('Peña', 'cp1252'))
    """
    if encoding is not None:
        return raw.decode(encoding), encoding
    first = sniff_encoding(raw[:4])
    try:
        return raw.decode(first), first
    except UnicodeDecodeError:
        if first != "utf-8-sig":
            raise
        return raw.decode(FALLBACK_ENCODING), FALLBACK_ENCODING
