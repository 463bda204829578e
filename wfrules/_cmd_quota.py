"""``wfrules quota ROSTER --circular ID_OR_PATH [...]``: per unit and date, the most who may be remote and the
fewest who must be onsite, and which rules bind (CONTRACT §3)."""

from __future__ import annotations

import argparse
import csv
import io
import json

from ._cliutil import (
    EXIT_OK,
    Context,
    add_circular_option,
    add_context_option,
    add_lang_option,
    add_max_errors_option,
    load_context_option,
    load_inputs,
)
from ._messages import Lang, format_date, sector_name, text
from ._quota import QuotaReport, quota


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``quota`` to the CLI."""
    cmd = commands.add_parser("quota", help="how many may work remote, per unit and date")
    cmd.add_argument("roster", help="roster file (.json or .csv)")
    add_circular_option(cmd)
    cmd.add_argument("--format", "-f", choices=["text", "json", "csv"], default="text")
    add_lang_option(cmd)
    add_max_errors_option(cmd)
    add_context_option(cmd)


def render_json(report: QuotaReport) -> str:
    """``{"circulars": [...], "quotas": [{"unit", "date", "listed", "max_remote", "min_onsite", "rules"}]}``."""
    return json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: QuotaReport) -> str:
    """One row per unit and date."""
    records = report.to_records()
    buffer = io.StringIO()
    columns = ["unit", "sector", "date", "listed", "working", "max_remote", "min_onsite", "feasible", "rules"]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def render_text(report: QuotaReport, lang: Lang) -> str:
    """A table: unit, date, listed, max remote, min onsite, binding rules."""
    heads = [text(f"quota.col.{c}", lang) for c in ("unit", "date", "listed", "max_remote", "min_onsite", "rules")]
    rows = []
    notes: list[str] = []
    for q in report.quotas:
        unit = f"{q.unit} ({sector_name(q.sector, lang)})"
        day = format_date(q.date, lang)
        rows.append([unit, day, str(q.listed), str(q.max_remote), str(q.min_onsite),
                     ", ".join(r.rule for r in q.rules) or "-"])
        if q.quota.unmet:
            notes.append(f"{q.unit} {day}: " + text("quota.unmet", lang,
                                                       rules=", ".join(r.rule for r in q.quota.unmet)))
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads) - 1)]
    lines = [text("quota.title", lang, circulars=", ".join(report.circulars)), ""]
    for row in [heads, *rows]:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    lines += ["", text("quota.note", lang)]
    if notes:
        lines += ["", *notes]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``quota`` (exit 0: a quota is information, not a verdict)."""
    circulars, roster = load_inputs(args.circular, args.roster, max_errors=args.max_errors)
    assert roster is not None
    if not roster.assignments:
        ctx.warn(text("warning.empty_roster", ctx.lang, path=args.roster))
    report = quota(roster, circulars, context=load_context_option(args.context))
    if args.format == "json":
        return EXIT_OK, render_json(report)
    if args.format == "csv":
        return EXIT_OK, render_csv(report)
    return EXIT_OK, render_text(report, ctx.lang)
