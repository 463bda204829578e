"""The Markdown report: a heading, the verdict, a table of violations and the clauses they break
(for pull-request comments, job summaries and wikis).

>>> from wfrules import Report
>>> print(render_markdown(Report(ok=True, circulars=("demo",), violations=(), summary={}), "en"))
# Roster check: demo
<BLANKLINE>
**OK: no violations** — 0 assignments, 0 units, 0 dates; 0 rules
<BLANKLINE>
No violations.
<BLANKLINE>
"""

from __future__ import annotations

import html

from ._messages import Lang, format_date, text
from ._render_ci import verdict
from ._report import Report

_COLUMNS = ("date", "unit", "rule", "severity", "excess", "message", "line")


def _cell(value: object) -> str:
    """A table cell: no line breaks, ``|`` escaped, HTML special characters made inert."""
    return html.escape("" if value is None else str(value), quote=False).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, lang: Lang = "en") -> str:
    """A GitHub-flavoured Markdown report: verdict, one table row per violation, then each clause once."""
    localised = report.in_lang(lang)
    s = report.summary
    scope = text("report.scope", lang, **{k: s.get(k, 0) for k in ("assignments", "units", "dates", "rules")})
    lines = [f"# {_cell(text('report.heading', lang))}: {_cell(', '.join(report.circulars))}", "",
             f"**{_cell(verdict(report, lang))}** — {_cell(scope)}", ""]
    if not localised.violations:
        lines += [_cell(text("report.no_violations", lang)), ""]
        return "\n".join(lines)
    lines.append("| " + " | ".join(_cell(text("col." + c, lang)) for c in _COLUMNS) + " |")
    lines.append("|" + "|".join("---" for _ in _COLUMNS) + "|")
    for v in localised.violations:
        line = f"{v.file}:{v.line}" if v.file and v.line else ""
        row = (format_date(v.date, lang), v.unit, v.rule_key, text(f"severity.{v.severity}", lang), v.excess,
               v.message, line)
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    lines += ["", f"## {_cell(text('html.rules', lang))}", ""]
    seen: set[str] = set()
    for v in localised.violations:
        if v.rule_key not in seen:
            seen.add(v.rule_key)
            lines.append(f"- `{v.rule_key}`: {_cell(v.citation)}")
    lines.append("")
    return "\n".join(lines)
