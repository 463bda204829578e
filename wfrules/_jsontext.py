"""Indented JSON text, byte for byte what ``json.dumps(value, ensure_ascii=False, indent=2)`` writes, faster.

With ``indent`` set, CPython's :mod:`json` falls back to its pure-Python encoder, one generator step per
value: for a report of thousands of violations that is most of the time spent writing it. Here every string
goes through the C string encoder, lists of strings or of integers are joined at C level, and Python code
runs only once per container and per key.

>>> print(dumps({"a": [1, 2], "b": {}, "c": ["x", None, 1.5, True]}))
{
  "a": [
    1,
    2
  ],
  "b": {},
  "c": [
    "x",
    null,
    1.5,
    true
  ]
}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring  # the C encoder when CPython has it (ensure_ascii=False)
from typing import Any

_STEP = "  "
_NL = "\n"
_INFINITY = float("inf")
# Typed loosely: they are called on values whose exact type was just tested.
_encode: Callable[[Any], str] = encode_basestring
_int_repr: Callable[[Any], str] = int.__repr__
_float_repr: Callable[[float], str] = float.__repr__


def dumps(value: object, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, with every line after the first starting with
    ``indent`` (the text of a value nested ``len(indent) // 2`` levels deep in a larger document).

    >>> dumps(["é"], "  ")
    '[\\n    "é"\\n  ]'
    """
    kind = type(value)
    if kind is str:
        return _encode(value)
    if kind is dict:
        return _object(value, indent)  # type: ignore[arg-type]
    if kind is list or kind is tuple:
        return _array(value, indent)  # type: ignore[arg-type]
    return _other(value, indent)


def _float(value: float) -> str:
    # json's spelling of floats (allow_nan=True): repr, but NaN and the infinities as JavaScript writes them.
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return _float_repr(value)


def _other(value: object, indent: str) -> str:
    """A value that is not exactly a str, dict, list or tuple, tested in the order :mod:`json` tests it."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _int_repr(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple)):
        return _array(value, indent)
    if isinstance(value, dict):
        return _object(value, indent)
    # Not JSON: let json raise its own error (a TypeError naming the type).
    return json.dumps(value, ensure_ascii=False, indent=2)


def _array(values: list[object] | tuple[object, ...], indent: str) -> str:
    if not values:
        return "[]"
    inner = indent + _STEP
    kinds = set(map(type, values))
    items: Iterable[str]
    if kinds == {str}:
        items = map(_encode, values)
    elif kinds == {int}:
        items = map(_int_repr, values)
    else:
        items = (dumps(item, inner) for item in values)
    return f"[\n{inner}{(',' + _NL + inner).join(items)}\n{indent}]"


def _key(key: object) -> str:
    """A key as :mod:`json` writes it: strings as they are; floats, booleans, None and integers spelled out."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, (int, float)):  # bool is an int: spelled as the value, then quoted
        return encode_basestring(_other(key, ""))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _object(data: dict[object, object], indent: str) -> str:
    if not data:
        return "{}"
    inner = indent + _STEP
    items = []
    for key, value in data.items():
        kind = type(value)
        if kind is str:
            text = _encode(value)
        elif kind is int:
            text = _int_repr(value)
        else:
            text = dumps(value, inner)
        items.append(f"{_encode(key) if type(key) is str else _key(key)}: {text}")
    return f"{{\n{inner}{(',' + _NL + inner).join(items)}\n{indent}}}"
