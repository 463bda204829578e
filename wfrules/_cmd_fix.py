"""``wfrules fix ROSTER --circular ID_OR_PATH [...] -o FIXED.json|FIXED.csv``: the fewest changes of mode that
make the roster pass (CONTRACT §3). The input is never edited."""

from __future__ import annotations

import argparse
import codecs
import json
import os
from itertools import groupby
from pathlib import Path

from ._cliutil import (
    EXIT_FINDINGS,
    EXIT_OK,
    Context,
    add_circular_option,
    add_context_option,
    add_lang_option,
    add_max_errors_option,
    load_context_option,
    load_inputs,
    write_atomic,
)
from ._errors import Problem, UsageError
from ._fix import FixResult, fix
from ._loaders import load_roster, starts_like_json
from ._messages import Lang, format_date, text
from ._roster_write import dump_roster, format_of, rewrite_modes


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``fix`` to the CLI."""
    cmd = commands.add_parser("fix", help="the fewest changes of mode that make a roster pass")
    cmd.add_argument("roster", help="roster file (.json or .csv); never modified")
    add_circular_option(cmd)
    cmd.add_argument("--output", "-o", metavar="FIXED", help="write the whole fixed roster here (.json or .csv)")
    cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")
    add_lang_option(cmd)
    add_max_errors_option(cmd)
    add_context_option(cmd)


def render_text(result: FixResult, lang: Lang, written: str | None) -> str:
    """The changes grouped by unit and date, then what could not be fixed."""
    lines = [text("fix.title", lang, circulars=", ".join(result.after.circulars)), ""]
    if not result.changes and result.before.ok:
        lines.append(text("fix.nothing", lang))
    for (unit, day), group in groupby(sorted(result.changes, key=lambda c: (c.unit, c.date, c.index)),
                                      key=lambda c: (c.unit, c.date)):
        lines.append(f"{unit} ({format_date(day, lang)})")
        lines += ["  " + text("fix.change", lang, employee=c.employee, source=c.from_mode.value,
                              target=c.to_mode.value, rule=c.rule) for c in group]
    if result.changes:
        lines += ["", text("fix.summary", lang, changes=len(result.changes),
                           days=len({(c.unit, c.date) for c in result.changes}))]
    for unit, day in result.not_proven_minimal:
        lines.append(text("fix.not_minimal", lang, unit=unit, date=format_date(day, lang)))
    if result.unfixable:
        lines += ["", text("fix.unfixable", lang, count=len(result.unfixable))]
        lines += [f"  {v.unit} ({format_date(v.date, lang)}) {v.circular}/{v.rule}: {v.message}"
                  for v in result.unfixable]
    elif result.changes:
        lines.append(text("fix.ok", lang))
    lines.append(text("fix.written", lang, path=written) if written else text("fix.not_written", lang))
    return "\n".join(lines) + "\n"


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _output(result: FixResult, source: str, target: str) -> str:
    """The fixed roster as text in ``target``'s format: the input file with its modes changed when the formats
    agree (every other column and field kept), else written out from the roster."""
    fmt = format_of(target)
    source_fmt = load_format(source)
    if fmt != source_fmt:
        return dump_roster(result.roster, fmt, target)
    raw = Path(source).read_bytes()
    bom = codecs.BOM_UTF8.decode() if raw.startswith(codecs.BOM_UTF8) else ""
    content = rewrite_modes(raw.decode("utf-8-sig"), fmt, {c.index: c.to_mode for c in result.changes})
    return bom + content


def load_format(path: str) -> str:
    """The format the loader read ``path`` as (its suffix, else by content as the loader does)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("json", "csv"):
        return suffix
    return "json" if starts_like_json(Path(path)) else "csv"


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``fix``: exit 0 when the fixed roster passes, 1 when some violation cannot be fixed by changing modes."""
    if args.output is not None:
        format_of(args.output)  # a bad suffix is a usage error before any work
        if _same_file(args.output, args.roster):
            raise UsageError(Problem("the output would overwrite the input roster", args.output,
                                     hint="write the fixed roster to another file; the input is never edited"))
    circulars, roster = load_inputs(args.circular, args.roster, max_errors=args.max_errors)
    assert roster is not None
    if not roster.assignments:
        ctx.warn(text("warning.empty_roster", ctx.lang, path=args.roster))
    result = fix(roster, circulars, lang=ctx.lang, context=load_context_option(args.context))
    if args.output is not None:
        write_atomic(args.output, _output(result, args.roster, args.output))
        load_roster(args.output)  # what was written reads back (a bug here must not pass silently)
    code = EXIT_OK if result.ok else EXIT_FINDINGS
    if args.format == "json":
        data = result.to_json_dict()
        data["lang"] = ctx.lang
        data["output"] = args.output
        return code, json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return code, render_text(result, ctx.lang, args.output)
