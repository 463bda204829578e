"""``wfrules check ROSTER --circular ID_OR_PATH [...]``: the verdict on a roster (CONTRACT §3)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from ._cliutil import (
    EXIT_FINDINGS,
    EXIT_OK,
    Context,
    add_circular_option,
    add_context_option,
    add_engine_option,
    add_lang_option,
    add_max_errors_option,
    add_roster_file_options,
    load_context_option,
    load_inputs,
    roster_options,
    write_atomic,
)
from ._engine import check
from ._messages import text
from ._render import RENDERERS, iter_json
from ._report import Report

#: ``--fail-on``: which violations make the exit code 1.
FAIL_ON = ("error", "warning", "never")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the CLI."""
    cmd = commands.add_parser("check", help="check a roster against one or more circulars")
    cmd.add_argument("roster", help="roster file (.json or .csv)")
    add_circular_option(cmd)
    cmd.add_argument("--format", "-f", choices=list(RENDERERS), default="text",
                     help="report format: text (default), json, markdown, junit, sarif, github (workflow "
                          "annotations), html (one self-contained page)")
    cmd.add_argument("--output", "-o", metavar="FILE",
                     help="write the report to FILE (replaced whole, atomically) instead of standard output")
    cmd.add_argument("--fail-on", choices=FAIL_ON, default="error",
                     help="exit 1 on error-severity violations (default), on any violation (warning), or never")
    add_lang_option(cmd)
    add_max_errors_option(cmd)
    add_context_option(cmd)
    add_roster_file_options(cmd)
    add_engine_option(cmd)


def exit_code(report: Report, fail_on: str = "error") -> int:
    """The exit code ``--fail-on`` asks for: 1 when the report has violations of that severity or worse.

    >>> exit_code(Report(ok=True, circulars=(), violations=(), summary={}), "warning")
    0
    """
    if fail_on == "never":
        return EXIT_OK
    if fail_on == "warning":
        return EXIT_FINDINGS if report.violations else EXIT_OK
    return EXIT_OK if report.ok else EXIT_FINDINGS


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str | Iterator[str]]:
    """Run ``check``: exit 0 when no error-severity violation, else 1 (see ``--fail-on``).

    The JSON report comes back in pieces (:func:`wfrules._render.iter_json`), written as they are made: the
    roster is let go before the report is written, and the whole report's text is never held at once (nor
    with ``-o``: :func:`wfrules._cliutil.write_atomic` writes the pieces as they come).
    """
    circulars, roster = load_inputs(args.circular, args.roster, max_errors=args.max_errors, engine=args.engine,
                                    **roster_options(args))
    assert roster is not None
    if not roster.assignments:
        # Valid, and nothing to judge: say so, since an empty export is usually a mistake upstream.
        ctx.warn(text("warning.empty_roster", ctx.lang, path=args.roster))
    report = check(roster, circulars, lang=ctx.lang, context=load_context_option(args.context))
    del roster  # not needed to write the report: free it first (a large roster is most of the memory)
    # JSON comes in pieces, written as they are made (to standard output or to the file).
    content: str | Iterator[str] = (iter_json(report, ctx.lang) if args.format == "json"
                                    else RENDERERS[args.format](report, ctx.lang))
    if args.output:
        write_atomic(args.output, content)
        content = ""
    return exit_code(report, args.fail_on), content
