"""Reading structured text (JSON, YAML) safely, and finding the line of a value from its path.

Files are parsed for data first; positions are computed only when a problem must be located, so the
happy path pays nothing for them. YAML is read by :mod:`wfrules._yaml`, imported only when a YAML text is.

>>> doc = '{\\n  "rules": [\\n    {"id": "a"},\\n    {"id": "b"}\\n  ]\\n}'
>>> locate_json(doc, ("rules", 1, "id"))
(4, 12)
>>> locate_yaml("rules:\\n  - id: a\\n  - id: b\\n", ("rules", 1, "id"))
(3, 9)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

Path = Sequence[str | int]

#: Limits that keep a hostile YAML file (billion laughs) from exhausting memory.
MAX_YAML_ALIASES = 200
MAX_YAML_NODES = 200_000


class SourceError(ValueError):
    """A syntax error at a (1-based) line and column."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


# ------------------------------------------------------------------------------------------------ YAML
# The YAML machinery lives in wfrules._yaml, imported on first use (see there).


def parse_yaml(text: str) -> Any:
    """Parse one YAML document safely: YAML 1.2 core scalars, no tags, limited aliases, no duplicate keys."""
    from ._yaml import parse_yaml as parse

    return parse(text)


def dump_yaml(data: Any) -> str:
    """YAML text that :func:`parse_yaml` reads back as ``data`` (block style, keys in order, UTF-8 text).

    >>> parse_yaml(dump_yaml({"id": "08", "max": 0.5, "mode": "off"})) == {"id": "08", "max": 0.5, "mode": "off"}
    True
    """
    from ._yaml import dump_yaml as dump

    return dump(data)


class YamlLocator:
    """Finds the line of a value in a YAML document from its path; the document is composed once, on the
    first call, however many problems are located (and YAML is imported only then)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._locate: Callable[[Path, bool], tuple[int, int] | None] | None = None

    def __call__(self, path: Path, key: bool = False) -> tuple[int, int] | None:
        """Line and column of the deepest value on ``path`` that exists (with ``key``: of its key)."""
        if self._locate is None:
            from ._yaml import YamlLocator as Locator

            self._locate = Locator(self._text)
        return self._locate(path, key)


def locate_yaml(text: str, path: Path, *, key: bool = False) -> tuple[int, int] | None:
    """Line and column of the deepest value on ``path`` in a YAML document (see :class:`YamlLocator`)."""
    return YamlLocator(text)(path, key)


# ------------------------------------------------------------------------------------------------ JSON

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def parse_json(text: str) -> Any:
    """Parse JSON; a syntax error becomes a :class:`SourceError` with line and column."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise SourceError("the JSON document is nested too deeply", None, None, "flatten it") from None
    except _DuplicateKey as exc:
        line, column = _find_duplicate_key(text, exc.key)
        raise SourceError(f"duplicate key {exc.key!r}", line, column, "each key may appear once in an object") from None
    except ValueError:  # e.g. an integer of more than 4300 digits
        raise SourceError("a number in the file is too long to read", None, None,
                          "check the numbers in the file") from None


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _find_duplicate_key(text: str, key: str) -> tuple[int | None, int | None]:
    """Line and column of the first ``key`` repeated inside one object (only called on that error)."""

    def walk(index: int) -> int | None:
        if text[index] not in "{[":
            return None
        seen: set[str] = set()
        for key_at, name, value_at, _ in _members(text, index):
            if name is not None and key_at is not None:
                if name == key and name in seen:
                    return key_at
                seen.add(name)
            found = walk(value_at)
            if found is not None:
                return found
        return None

    try:
        found = walk(_ws(text, 0))
    except (ValueError, IndexError, RecursionError):
        return None, None
    return (None, None) if found is None else line_col(text, found)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _ws(text: str, index: int) -> int:
    return _WS.match(text, index).end()  # type: ignore[union-attr]


Member = tuple[int | None, str | None, int, int]


def _members(text: str, index: int) -> Iterator[Member]:
    """The members of the JSON object or array starting at ``index``, as (key offset, key, value offset,
    value end); the key is ``None`` in an array. Values are skipped at C speed by the stdlib decoder."""
    is_object = text[index] == "{"
    closing = "}" if is_object else "]"
    i = _ws(text, index + 1)
    while text[i] != closing:
        key_at: int | None = None
        name: str | None = None
        if is_object:
            key_at = i
            name, i = _DECODER.raw_decode(text, i)
            i = _ws(text, _ws(text, i) + 1)  # the ':'
        end = _DECODER.raw_decode(text, i)[1]
        yield key_at, name, i, end
        i = _ws(text, end)
        if text[i] == ",":
            i = _ws(text, i + 1)


class JsonLocator:
    """Finds the line of a value in a JSON document from its path. Each object or array on a path is
    scanned once and its members remembered, so locating 50 problems in a 100,000-element array costs
    one scan of it, not 50."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._members: dict[int, list[Member] | dict[str, Member]] = {}

    def _children(self, index: int) -> list[Member] | dict[str, Member]:
        children = self._members.get(index)
        if children is None:
            members = list(_members(self._text, index))
            children = {m[1]: m for m in members if m[1] is not None} if self._text[index] == "{" else members
            self._members[index] = children
        return children

    def __call__(self, path: Path, key: bool = False) -> tuple[int, int] | None:
        """Line and column of the deepest value on ``path`` that exists (with ``key``: of its key)."""
        text = self._text
        try:
            found = _ws(text, 0)
            key_at: int | None = None
            for step in path:
                member: Member | None = None
                if text[found] in "{[":
                    children = self._children(found)
                    if isinstance(children, dict):
                        member = children.get(str(step))
                    elif isinstance(step, int) and 0 <= step < len(children):
                        member = children[step]
                if member is None:
                    key_at = None
                    continue  # steps pydantic adds (a union's tag) are not in the document: skip them
                key_at, found = member[0], member[2]
            return line_col(text, key_at if key and key_at is not None else found)
        except (ValueError, IndexError, RecursionError):
            return None


def locate_json(text: str, path: Path, *, key: bool = False) -> tuple[int, int] | None:
    """Line and column of the deepest value on ``path`` in a JSON document (see :class:`JsonLocator`)."""
    return JsonLocator(text)(path, key)
