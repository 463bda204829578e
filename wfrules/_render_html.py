"""The HTML report: one self-contained page (no network, no external assets) a head of unit can read and print.

It shows the verdict and the counts, per unit a chart of who is where each day (inline SVG: stacked bars of
remote, onsite and absent staff against the remote cap and the onsite minimum), the violations with their
clauses, and the circulars' metadata. Every sentence comes from the message catalog.

>>> from wfrules import Report
>>> page = render_html(Report(ok=True, circulars=("demo",), violations=(), summary={}), "id")
>>> page.startswith("<!DOCTYPE html>") and 'lang="id"' in page and "Tidak ada pelanggaran." in page
True
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from itertools import groupby

from ._messages import Lang, format_date, sector_name, text
from ._render_ci import verdict
from ._report import CellCounts, Report, Violation

#: Colours of the groups (colour-blind-safe pairs) and of the markers.
COLOURS = {"remote": "#1f6fb5", "onsite": "#2e8540", "absent": "#a0a0a0", "cap": "#c0392b", "floor": "#222222"}
_BAR, _GAP, _PLOT, _LEFT, _TOP, _BOTTOM = 22, 10, 120, 34, 10, 34
_MAX_EMPLOYEES = 10

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.verdict{font-size:1.2rem;font-weight:700;padding:.4rem .8rem;border-radius:4px;display:inline-block}
.verdict.ok{background:#e6f4ea;color:#1a7f37}.verdict.failed{background:#fdecea;color:#b3261e}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.summary dt{font-weight:600}
dl.summary dd{margin:0}
.units{display:flex;flex-wrap:wrap;gap:1rem}
figure.unit{margin:0;border:1px solid #e3e3e3;border-radius:4px;max-width:100%;overflow-x:auto;
padding:.4rem}figure.unit figcaption{font-weight:600;font-size:.9rem}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.9rem;margin:.5rem 0}.legend span{white-space:nowrap}
.swatch{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem}
table{border-collapse:collapse;width:100%;font-size:.88rem}th,td{border:1px solid #ddd;padding:.3rem .4rem;
text-align:left;vertical-align:top}th{background:#f5f5f5}tr.error td.severity{color:#b3261e;font-weight:600}
tr.warning td.severity{color:#8a5300;font-weight:600}
footer{margin-top:2rem;font-size:.8rem;color:#666}
@media print{body{margin:0;max-width:none}figure.unit,tr{break-inside:avoid}}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _summary(report: Report, lang: Lang) -> str:
    s = report.summary
    files = sorted({v.file for v in report.violations if v.file})
    rows = [
        (text("html.verdict", lang), verdict(report, lang)),
        (text("html.circulars", lang), ", ".join(report.circulars)),
        (text("html.counts", lang), " / ".join(str(s.get(k, 0)) for k in ("assignments", "units", "dates", "rules"))),
        (text("html.errors_warnings", lang), f"{len(report.errors)} / {len(report.warnings)}"),
    ]
    if files:
        rows.insert(1, (text("html.roster", lang), ", ".join(files)))
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    return f'<section id="summary"><h2>{_e(text("html.summary", lang))}</h2><dl class="summary">{items}</dl></section>'


def _legend(lang: Lang) -> str:
    parts = [
        f'<span><i class="swatch" style="background:{COLOURS[g]}"></i>{_e(text("html.legend." + g, lang))}</span>'
        for g in ("remote", "onsite", "absent")
    ]
    parts.append(f'<span><svg width="24" height="10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" '
                 f'stroke="{COLOURS["cap"]}" stroke-width="2" stroke-dasharray="5 3"/></svg> '
                 f'{_e(text("html.legend.cap", lang))}</span>')
    parts.append(f'<span><svg width="24" height="10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" '
                 f'stroke="{COLOURS["floor"]}" stroke-width="2" stroke-dasharray="1 3"/></svg> '
                 f'{_e(text("html.legend.floor", lang))}</span>')
    return f'<div class="legend">{"".join(parts)}</div>'


def _unit_chart(unit: str, cells: list[CellCounts], broken: set[tuple[str, dt.date]], lang: Lang) -> str:
    """One SVG per unit: a stacked bar per date (remote at the bottom, then onsite, then absent)."""
    top = max([1] + [c.listed for c in cells] + [c.max_remote or 0 for c in cells]
              + [c.remote + (c.min_onsite or 0) for c in cells])
    scale = _PLOT / top
    width = _LEFT + len(cells) * (_BAR + _GAP) + _GAP
    height = _TOP + _PLOT + _BOTTOM
    base = _TOP + _PLOT
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(unit)}">']
    # y axis: 0 and the top value
    out.append(f'<line x1="{_LEFT - 4}" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>')
    out.append(f'<text x="{_LEFT - 8}" y="{base + 4}" font-size="10" text-anchor="end">0</text>')
    out.append(f'<text x="{_LEFT - 8}" y="{_TOP + 8}" font-size="10" text-anchor="end">{top}</text>')
    for i, cell in enumerate(cells):
        x = _LEFT + _GAP + i * (_BAR + _GAP)
        label = text("html.chart_bar", lang, unit=cell.unit, date=format_date(cell.date, lang), onsite=cell.onsite,
                     remote=cell.remote, absent=cell.absent)
        out.append(f'<g class="bar" data-unit="{_e(cell.unit)}" data-date="{cell.date.isoformat()}" '
                   f'data-onsite="{cell.onsite}" data-remote="{cell.remote}" data-absent="{cell.absent}" '
                   f'data-cap="{_e(cell.max_remote)}" data-floor="{_e(cell.min_onsite)}">'
                   f'<title>{_e(label)}</title>')
        y = float(base)
        for group in ("remote", "onsite", "absent"):
            count = getattr(cell, group)
            if count:
                h = count * scale
                y -= h
                out.append(f'<rect class="{group}" x="{x}" y="{y:.1f}" width="{_BAR}" height="{h:.1f}" '
                           f'fill="{COLOURS[group]}"/>')
        if (cell.unit, cell.date) in broken:
            total = (cell.remote + cell.onsite + cell.absent) * scale
            out.append(f'<rect class="broken" x="{x - 2}" y="{base - total - 2:.1f}" width="{_BAR + 4}" '
                       f'height="{total + 2:.1f}" fill="none" stroke="{COLOURS["cap"]}" stroke-width="2"/>')
        if cell.max_remote is not None:
            yc = base - cell.max_remote * scale
            out.append(f'<line class="cap" x1="{x - 4}" y1="{yc:.1f}" x2="{x + _BAR + 4}" y2="{yc:.1f}" '
                       f'stroke="{COLOURS["cap"]}" stroke-width="2" stroke-dasharray="5 3">'
                       f'<title>{_e(text("html.cap", lang, bound=cell.max_remote))}</title></line>')
        if cell.min_onsite is not None:
            yf = base - (cell.remote + cell.min_onsite) * scale
            out.append(f'<line class="floor" x1="{x - 4}" y1="{yf:.1f}" x2="{x + _BAR + 4}" y2="{yf:.1f}" '
                       f'stroke="{COLOURS["floor"]}" stroke-width="2" stroke-dasharray="1 3">'
                       f'<title>{_e(text("html.floor", lang, bound=cell.min_onsite))}</title></line>')
        out.append(f'<text x="{x + _BAR / 2}" y="{base + 14}" font-size="10" text-anchor="middle">'
                   f'{cell.date.day}/{cell.date.month}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _charts(report: Report, lang: Lang) -> str:
    if not report.cells:
        return ""
    broken = {(v.unit, v.date) for v in report.violations}
    figures = []
    for unit, group in groupby(report.cells, key=lambda c: c.unit):
        cells = list(group)
        caption = f"{unit} ({sector_name(cells[0].sector, lang)})"
        figures.append(f'<figure class="unit" data-unit="{_e(unit)}"><figcaption>{_e(caption)}</figcaption>'
                       f"{_unit_chart(unit, cells, broken, lang)}</figure>")
    return (f'<section id="chart"><h2>{_e(text("html.chart", lang))}</h2><p>{_e(text("html.chart_note", lang))}</p>'
            f'{_legend(lang)}<div class="units">{"".join(figures)}</div></section>')


def _employees(violation: Violation, lang: Lang) -> str:
    shown = ", ".join(violation.employees[:_MAX_EMPLOYEES])
    if len(violation.employees) > _MAX_EMPLOYEES:
        shown += " " + text("report.more", lang, count=len(violation.employees) - _MAX_EMPLOYEES)
    return shown


def _violations(report: Report, lang: Lang) -> str:
    title = f'<h2>{_e(text("html.violations", lang))}</h2>'
    if not report.violations:
        return f'<section id="violations">{title}<p>{_e(text("report.no_violations", lang))}</p></section>'
    columns = ("date", "unit", "rule", "severity", "excess", "message", "employees", "citation", "line")
    head = "".join(f"<th>{_e(text('col.' + c, lang))}</th>" for c in columns)
    rows = []
    for v in report.violations:
        cells = (
            format_date(v.date, lang), v.unit, v.rule_key, text(f"severity.{v.severity}", lang), v.excess,
            v.message, _employees(v, lang), v.citation, v.line,
        )
        tds = "".join(f'<td class="{c}">{_e(value)}</td>' for c, value in zip(columns, cells, strict=True))
        rows.append(f'<tr class="violation {v.severity}" data-rule="{_e(v.rule_key)}" data-unit="{_e(v.unit)}" '
                    f'data-date="{v.date.isoformat()}" data-excess="{v.excess}">{tds}</tr>')
    return (f'<section id="violations">{title}<table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _circulars(report: Report, lang: Lang) -> str:
    if not report.sources:
        return ""
    counts: dict[str, int] = defaultdict(int)
    for v in report.violations:
        counts[v.rule_key] += 1
    articles = []
    for c in report.sources:
        facts = [
            (text("html.number", lang), c.number),
            (text("html.issuer", lang), c.issuer),
            (text("html.jurisdiction", lang), c.jurisdiction),
            (text("html.issued", lang), format_date(c.issued, lang)),
        ]
        if c.based_on:
            facts.append((text("html.based_on", lang), ", ".join(c.based_on)))
        if c.sources:
            facts.append((text("html.sources", lang), "; ".join(c.sources)))
        dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
        head = "".join(f"<th>{_e(h)}</th>" for h in (text("col.rule", lang), text("col.severity", lang),
                                                       text("col.citation", lang), text("html.violated", lang)))
        rules = "".join(
            f"<tr><td>{_e(r.id)}</td><td>{_e(text('severity.' + r.severity, lang))}</td><td>{_e(r.citation)}</td>"
            f"<td>{counts.get(r.key, 0)}</td></tr>"
            for r in c.rules
        )
        articles.append(f'<article class="circular" data-circular="{_e(c.id)}"><h3>{_e(c.cited_as)}: {_e(c.title)}'
                        f'</h3><dl class="summary">{dl}</dl><h4>{_e(text("html.rules", lang))}</h4>'
                        f"<table><thead><tr>{head}</tr></thead><tbody>{rules}</tbody></table></article>")
    return f'<section id="circulars"><h2>{_e(text("html.circulars", lang))}</h2>{"".join(articles)}</section>'


def render_html(report: Report, lang: Lang = "en") -> str:
    """The report as one self-contained HTML page (inline CSS and SVG; no script, no external resource)."""
    from . import __version__

    localised = report.in_lang(lang)
    verdict_class = "ok" if report.ok else "failed"
    title = text("report.heading", lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}: {_e(', '.join(report.circulars))}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{_e(title)}</h1><p class="verdict {verdict_class}">{_e(verdict(report, lang))}</p></header>'
        f"{_summary(localised, lang)}{_charts(localised, lang)}{_violations(localised, lang)}"
        f"{_circulars(localised, lang)}"
        f'<footer>{_e(text("report.generated", lang, version=__version__))}</footer></body></html>\n'
    )
