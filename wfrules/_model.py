"""Shared pydantic building blocks for the rule language and the roster."""

# No `from __future__ import annotations`, for start-up: see the docstring of wfrules._circular.

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from ._vocab import parse_sector, parse_tag

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Frozen(BaseModel):
    """Immutable, strict about unknown fields: a typo in a rule file is an error, not a silent default."""

    # defer_build: a model's validator is built when it is first used, not when its class is defined, so a
    # run pays only for the models it validates (and a nested model's schema is built once, inside the
    # validator of the model that uses it, not once more for itself).
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


def parse_iso_date(value: Any) -> Any:
    """A ``date`` from a date or a ``YYYY-MM-DD`` string; ``ValueError`` for anything else."""
    # Dates stay strings until here (the YAML loader does not resolve timestamps), so one parser
    # decides what a date is: ISO YYYY-MM-DD only, never a number or a date-time.
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date-time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_from_text(value)
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


@lru_cache(maxsize=4096)
def _date_from_text(value: str) -> dt.date:
    # A roster repeats a few dates many times: parse each spelling once.
    if _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"impossible date {value!r}: {exc}") from None
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


#: A calendar date, written ``YYYY-MM-DD`` in files.
IsoDate = Annotated[dt.date, BeforeValidator(parse_iso_date)]


def _sector(value: Any) -> Any:
    if isinstance(value, str):
        return parse_sector(value)
    return value


#: A sector code; Indonesian names are accepted and stored as the canonical code.
Sector = Annotated[str, BeforeValidator(_sector)]


def _tag(value: Any) -> Any:
    if isinstance(value, str):
        tag = parse_tag(value)
        if not tag:
            raise ValueError("a tag cannot be empty")
        return tag
    return value


#: A unit tag, normalised (``Direct Service`` and ``pelayanan publik langsung`` are ``direct_service``).
Tag = Annotated[str, BeforeValidator(_tag)]


# ------------------------------------------------------------- context values and employee attributes

_TRUE = frozenset({"true", "yes", "y", "ya", "benar"})
_FALSE = frozenset({"false", "no", "n", "tidak", "salah"})


def normalize_value(value: Any) -> str:
    """How context values and employee attributes are compared: as trimmed lower-case text, with
    booleans (``true``/``ya``/``yes``; ``false``/``tidak``/``no``) as ``true``/``false``.

    >>> normalize_value(True), normalize_value(" Ya "), normalize_value(3), normalize_value("Hijau")
    ('true', 'true', '3', 'hijau')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return "true"
    if text in _FALSE:
        return "false"
    return text


def normalize_name(name: str) -> str:
    """A variable or attribute name: lower case, spaces and hyphens as underscores."""
    return name.strip().lower().replace(" ", "_").replace("-", "_")
