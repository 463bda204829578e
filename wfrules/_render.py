"""Renderers: small pure functions ``render_*(report, lang) -> str``.

>>> from wfrules import Report
>>> print(render_text(Report(ok=True, circulars=("demo",), violations=(), summary={
...     "assignments": 2, "units": 1, "dates": 1, "rules": 1, "errors": 0, "warnings": 0}), "id"))
pemeriksaan wfrules: demo
2 entri jadwal, 1 unit kerja, 1 tanggal; 1 ketentuan
<BLANKLINE>
SESUAI: tidak ada pelanggaran
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterator
from enum import StrEnum
from itertools import groupby
from typing import Any

from ._errors import Problem, UsageError
from ._jsontext import _encode, _int_repr, dumps
from ._messages import Lang, check_lang, format_date, sector_name, text
from ._render_ci import location, verdict
from ._report import Report, Violation, message_key

_MAX_EMPLOYEES = 10
_SHORT_CITATION = 80


def render_json(report: Report, lang: Lang = "en") -> str:
    """The JSON report of CONTRACT §3 (messages in ``lang``), indented, ending with a newline."""
    return "".join(iter_json(report, lang))


def iter_json(report: Report, lang: Lang = "en") -> Iterator[str]:
    r""":func:`render_json` in pieces, one per violation, for writing straight to a stream.

    The pieces join to exactly what ``json.dump`` with ``indent=2`` writes for the report's JSON dict (written
    by :func:`wfrules._jsontext.dumps`, which runs the C encoder where :mod:`json` would not), but no piece
    holds more than one violation: for a report of millions of rows, neither the dict of the whole
    report nor its text is ever built.

    >>> from wfrules import Report
    >>> "".join(iter_json(Report(ok=True, circulars=("demo",), violations=(), summary={}), "id"))[:30]
    '{\n  "ok": true,\n  "circulars":'
    """
    check_lang(lang, "in_lang")

    head = report.model_dump(mode="json", exclude={"violations"})
    head["lang"] = lang
    keys = [k for k in type(report).model_fields if k in head or k == "violations"]
    sep = "{"
    for key in keys:
        yield f"{sep}\n  {dumps(key)}: "
        sep = ","
        if key != "violations":
            yield dumps(head[key], "  ")
        elif not report.violations:
            yield "[]"
        else:
            inner = "["
            messages = _Messages(lang)
            for violation in report.violations:
                message = messages(violation)
                written = _violation_json(violation, message)
                if written is None:  # a violation built by hand with values pydantic converts
                    data = violation.model_dump(mode="json")
                    data["message"] = message
                    written = dumps(data, "    ")
                yield f"{inner}\n    {written}"
                inner = ","
            yield "\n  ]"
    yield "\n}\n"


#: Each violation field's key as the JSON report writes it, one level inside a violation.
_KEY = {name: f"\n      {dumps(name)}: " for name in Violation.model_fields}


def _violation_json(violation: Violation, message: str) -> str | None:
    """What ``dumps(violation.model_dump(mode="json") | {"message": message}, "    ")`` writes, straight from
    the violation's fields (no dict per violation, no walk of it); ``None`` when some value is not of the
    plain type the engine gives it (a violation built by hand, whose values pydantic's dump converts: the
    caller falls back on it). tests/test_render_fast.py compares both on generated violations."""
    if type(violation) is not Violation:
        return None
    fields = violation.__dict__
    date, employees, lines, file = fields["date"], fields["employees"], fields["lines"], fields["file"]
    excess, fixable = fields["excess"], fields["fixable"]
    if not (
        type(date) is dt.date and type(excess) is int and type(fixable) is bool and type(employees) is tuple
        and type(lines) is tuple and (file is None or type(file) is str)
    ):
        return None
    for name in _STRINGS:
        if type(fields[name]) is not str:
            return None
    people, where = _array(employees, _STR, _encode), _array(lines, _INT, _int_repr)
    actual, required = _flat(fields["actual"]), _flat(fields["required"])
    if people is None or where is None or actual is None or required is None:
        return None
    key = _KEY
    return (
        f"{{{key['rule']}{_encode(fields['rule'])},{key['circular']}{_encode(fields['circular'])},"
        f"{key['citation']}{_encode(fields['citation'])},{key['severity']}{_encode(fields['severity'])},"
        f"{key['unit']}{_encode(fields['unit'])},{key['sector']}{_encode(fields['sector'])},"
        f"{key['date']}\"{date.isoformat()}\",{key['excess']}{_int_repr(excess)},"
        f"{key['employees']}{people},{key['message']}{_encode(message)},"
        f"{key['actual']}{actual},{key['required']}{required},"
        f"{key['fixable']}{'true' if fixable else 'false'},"
        f"{key['file']}{'null' if file is None else _encode(file)},{key['lines']}{where}\n    }}"
    )


_STRINGS = ("rule", "circular", "citation", "severity", "unit", "sector")
_STR: set[type] = {str}
_INT: set[type] = {int}
_ITEM, _NESTED_ITEM = ",\n        ", ",\n          "


def _array(values: tuple[object, ...], kinds: set[type], spell: Callable[[Any], str]) -> str | None:
    """A violation's array of strings or integers, joined at C level once every item is of ``kinds``
    (``None`` otherwise: the caller falls back on pydantic's dump)."""
    if not values:
        return "[]"
    if set(map(type, values)) != kinds:
        return None
    return f"[\n        {_ITEM.join(map(spell, values))}\n      ]"


def _flat(data: object) -> str | None:
    """``actual`` or ``required`` as the report writes it (two levels inside a violation): a dict of scalars
    and lists of strings written here in one pass, a value nested deeper (``required["employees"]``) by
    dumps; ``None`` when a value is one ``model_dump(mode="json")`` would convert."""
    if type(data) is not dict:
        return None
    if not data:
        return "{}"
    items = []
    for key, value in data.items():
        if type(key) is not str:
            return None
        kind = type(value)
        if kind is str:
            text = _encode(value)
        elif kind is int:
            text = _int_repr(value)
        elif kind is bool:
            text = "true" if value else "false"
        elif value is None:
            text = "null"
        elif kind is float:
            if value - value != 0:  # NaN or an infinity: pydantic's dump writes null
                return None
            text = repr(value)
        elif (kind is list or kind is tuple) and value and set(map(type, value)) == _STR:
            text = f"[\n          {_NESTED_ITEM.join(map(_encode, value))}\n        ]"
        elif _plain(value):
            text = dumps(value, "        ")
        else:
            return None
        items.append(f"{_encode(key)}: {text}")
    return "{\n        " + ",\n        ".join(items) + "\n      }"


def _plain(value: object) -> bool:
    """Whether ``value`` is JSON that ``model_dump(mode="json")`` leaves as it is: dicts with string keys,
    lists, tuples, strings (or string enums), integers, booleans, None and finite floats."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is float:
        return bool(value - value == 0)  # type: ignore[operator]  # not NaN nor an infinity (pydantic: null)
    if kind is dict:
        return all(type(k) is str for k in value) and all(map(_plain, value.values()))  # type: ignore[attr-defined]
    if kind is list or kind is tuple:
        return all(map(_plain, value))  # type: ignore[call-overload]
    return isinstance(value, StrEnum)


class _Messages:
    """``violation.render_message(lang)`` for the violations of one report, each distinct message formatted
    once: thousands of violations repeat a few messages (the engine caches them alike, per rule)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.known: dict[tuple[object, ...], str] = {}

    def __call__(self, violation: Violation) -> str:
        key = message_key(violation)
        if key is None:
            return violation.render_message(self.lang)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = violation.render_message(self.lang)
        return found


def render_text(report: Report, lang: Lang = "en", width: int = 100) -> str:
    """A readable table grouped by unit and date, with the clause and the numbers of each violation."""
    summary = report.summary
    lines = [
        text("report.title", lang, circulars=", ".join(report.circulars)),
        text("report.scope", lang, **{k: summary.get(k, 0) for k in ("assignments", "units", "dates", "rules")}),
    ]
    wrap = _Wrapper(width, "    ", "      ")
    messages = _Messages(lang)
    cited: set[tuple[str, str]] = set()
    shortened: dict[str, str] = {}
    for (unit, sector, day), group in groupby(report.violations, key=lambda v: (v.unit, v.sector, v.date)):
        lines += ["", text("report.unit_date", lang, unit=unit, sector=sector_name(sector, lang),
                           date=format_date(day, lang))]
        for violation in group:
            lines.append("  " + text(
                "report.rule", lang, severity=text(f"severity.{violation.severity}", lang),
                circular=violation.circular, rule=violation.rule,
            ))
            lines += wrap(messages(violation), keep=True)
            # The clause in full the first time a rule is broken; shortened after that, to keep the table short.
            citation = violation.citation
            if (violation.circular, violation.rule) in cited:
                short = shortened.get(citation)
                if short is None:
                    short = shortened[citation] = textwrap.shorten(citation, width=_SHORT_CITATION, placeholder=" …")
                citation = short
            cited.add((violation.circular, violation.rule))
            lines += wrap(text("report.clause", lang, citation=citation), keep=True)
            shown = ", ".join(violation.employees[:_MAX_EMPLOYEES])
            if len(violation.employees) > _MAX_EMPLOYEES:
                shown += " " + text("report.more", lang, count=len(violation.employees) - _MAX_EMPLOYEES)
            if shown:
                lines += wrap(text("report.employees", lang, employees=shown))
            where = location(violation, lang)
            if where:
                lines += wrap(where)
    lines += ["", verdict(report, lang)]
    return "\n".join(lines) + "\n"


class _Wrapper:
    """``textwrap.TextWrapper(width, initial_indent=initial, subsequent_indent=subsequent).wrap``, the same
    lines, in one pass over the words where the text is plain: words parted by single spaces (no other
    whitespace), none too long for a line. Else (tabs, newlines, runs of spaces, a word to break) the
    wrapper itself does it. Words with a hyphen are cut where the wrapper's own pattern cuts them (it may
    break a line after a hyphen). Texts asked for with ``keep`` (clauses and messages, which repeat) are
    wrapped once and remembered; the others (each violation's people and lines) are not kept.
    tests/test_render_fast.py compares it with ``TextWrapper.wrap`` on generated texts."""

    def __init__(self, width: int, initial: str, subsequent: str) -> None:
        self.wrapper = textwrap.TextWrapper(width=width, initial_indent=initial, subsequent_indent=subsequent)
        self.initial, self.subsequent = initial, subsequent
        self.first, self.rest = width - len(initial), width - len(subsequent)
        self.roomy = min(self.first, self.rest) >= 1
        self.pieces: dict[str, list[str]] = {}
        self.done: dict[str, list[str]] = {}

    def __call__(self, text: str, *, keep: bool = False) -> list[str]:
        found = self.done.get(text)
        if found is None:
            found = self._plain(text) or self.wrapper.wrap(text)
            if keep:
                self.done[text] = found
        return found

    def _plain(self, text: str) -> list[str] | None:
        """The wrapped lines of a plain text, greedily as the wrapper fills them; ``None`` when not plain."""
        words = text.split(" ")
        if words != text.split() or not self.roomy:
            return None  # other whitespace, two spaces in a row, at either end, or no text; or no room
        lines: list[str] = []
        line: list[str] = []
        used, room, indent = 0, self.first, self.initial
        for word in words:
            pieces = self._pieces(word) if "-" in word else (word,)
            gap = 1 if line else 0  # the space before the word (a hyphen's piece joins without one)
            for piece in pieces:
                size = len(piece)
                if used + gap + size <= room:
                    if gap:
                        line.append(" ")
                    line.append(piece)
                    used += gap + size
                else:
                    # A piece longer than a line: the wrapper breaks it (into this line or the next).
                    if size > room or size > self.rest or not line:
                        return None
                    lines.append(indent + "".join(line))
                    line, used, room, indent = [piece], size, self.rest, self.subsequent
                gap = 0
        lines.append(indent + "".join(line))
        return lines

    def _pieces(self, word: str) -> list[str]:
        """A hyphenated word cut where the wrapper's pattern cuts it (looked at alone: the pattern's look-arounds
        see a space, or the text's end, at either side of a word alike)."""
        found = self.pieces.get(word)
        if found is None:
            found = self.pieces[word] = [c for c in self.wrapper.wordsep_re.split(word) if c]
        return found


def _later(module: str, name: str) -> Callable[[Report, Lang], str]:
    """A renderer whose module is imported when it first renders (a text report never loads the HTML one)."""

    def render_later(report: Report, lang: Lang = "en") -> str:
        from importlib import import_module

        renderer: Callable[[Report, Lang], str] = getattr(import_module(module, __package__), name)
        return renderer(report, lang)

    render_later.__name__ = render_later.__qualname__ = name
    return render_later


def _renderers() -> dict[str, Callable[[Report, Lang], str]]:
    return {
        "text": render_text, "json": render_json, "markdown": _later("._render_markdown", "render_markdown"),
        "junit": _later("._render_ci", "render_junit"), "sarif": _later("._render_ci", "render_sarif"),
        "github": _later("._render_ci", "render_github"), "html": _later("._render_html", "render_html"),
    }


#: Every report format, by the name ``--format`` takes.
RENDERERS: dict[str, Callable[[Report, Lang], str]] = _renderers()


def render(report: Report, fmt: str = "text", lang: Lang = "en") -> str:
    """The report in format ``fmt`` (one of :data:`RENDERERS`) with messages in ``lang``.

    >>> from wfrules import Report
    >>> render(Report(ok=True, circulars=("demo",), violations=(), summary={}), "github", "id")
    'SESUAI: tidak ada pelanggaran\\n'
    """
    if fmt not in RENDERERS:
        raise UsageError(Problem(f"unknown report format {fmt!r}", "format", hint=f"one of: {', '.join(RENDERERS)}"))
    return RENDERERS[fmt](report, lang)
