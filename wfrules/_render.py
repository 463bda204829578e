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

import textwrap
from collections.abc import Callable, Iterator
from itertools import groupby

from ._errors import Problem, UsageError
from ._jsontext import dumps
from ._messages import Lang, check_lang, format_date, sector_name, text
from ._render_ci import location, verdict
from ._report import Report

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
            for violation in report.violations:
                data = violation.model_dump(mode="json")
                data["message"] = violation.render_message(lang)
                yield f"{inner}\n    {dumps(data, '    ')}"
                inner = ","
            yield "\n  ]"
    yield "\n}\n"


def render_text(report: Report, lang: Lang = "en", width: int = 100) -> str:
    """A readable table grouped by unit and date, with the clause and the numbers of each violation."""
    summary = report.summary
    lines = [
        text("report.title", lang, circulars=", ".join(report.circulars)),
        text("report.scope", lang, **{k: summary.get(k, 0) for k in ("assignments", "units", "dates", "rules")}),
    ]
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="      ")
    cited: set[tuple[str, str]] = set()
    for (unit, sector, day), group in groupby(report.violations, key=lambda v: (v.unit, v.sector, v.date)):
        lines += ["", text("report.unit_date", lang, unit=unit, sector=sector_name(sector, lang),
                           date=format_date(day, lang))]
        for violation in group:
            lines.append("  " + text(
                "report.rule", lang, severity=text(f"severity.{violation.severity}", lang),
                circular=violation.circular, rule=violation.rule,
            ))
            lines += wrap.wrap(violation.render_message(lang))
            # The clause in full the first time a rule is broken; shortened after that, to keep the table short.
            citation = violation.citation
            if (violation.circular, violation.rule) in cited:
                citation = textwrap.shorten(citation, width=_SHORT_CITATION, placeholder=" …")
            cited.add((violation.circular, violation.rule))
            lines += wrap.wrap(text("report.clause", lang, citation=citation))
            shown = ", ".join(violation.employees[:_MAX_EMPLOYEES])
            if len(violation.employees) > _MAX_EMPLOYEES:
                shown += " " + text("report.more", lang, count=len(violation.employees) - _MAX_EMPLOYEES)
            if shown:
                lines += wrap.wrap(text("report.employees", lang, employees=shown))
            where = location(violation, lang)
            if where:
                lines += wrap.wrap(where)
    lines += ["", verdict(report, lang)]
    return "\n".join(lines) + "\n"


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
