"""``wfrules check ROSTER --circular ID_OR_PATH [...]``: the verdict on a roster (CONTRACT §3)."""

from __future__ import annotations

import argparse

from ._cliutil import (
    EXIT_FINDINGS,
    EXIT_OK,
    Context,
    add_circular_option,
    add_context_option,
    add_lang_option,
    add_max_errors_option,
    add_roster_file_options,
    load_context_option,
    load_inputs,
    roster_options,
)
from ._engine import check
from ._messages import text
from ._render import RENDERERS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the CLI."""
    cmd = commands.add_parser("check", help="check a roster against one or more circulars")
    cmd.add_argument("roster", help="roster file (.json or .csv)")
    add_circular_option(cmd)
    cmd.add_argument("--format", "-f", choices=sorted(RENDERERS), default="text")
    add_lang_option(cmd)
    add_max_errors_option(cmd)
    add_context_option(cmd)
    add_roster_file_options(cmd)


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Run ``check``: exit 0 when no error-severity violation, else 1."""
    circulars, roster = load_inputs(args.circular, args.roster, max_errors=args.max_errors, **roster_options(args))
    assert roster is not None
    if not roster.assignments:
        # Valid, and nothing to judge: say so, since an empty export is usually a mistake upstream.
        ctx.warn(text("warning.empty_roster", ctx.lang, path=args.roster))
    report = check(roster, circulars, lang=ctx.lang, context=load_context_option(args.context))
    return (EXIT_OK if report.ok else EXIT_FINDINGS), RENDERERS[args.format](report, ctx.lang)
