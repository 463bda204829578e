"""The command line: ``wfrules check ROSTER --circular ID_OR_PATH [...]`` (CONTRACT §3).

Exit codes: 0 no error-severity violation, 1 at least one, 2 bad input or usage. Every input problem
is printed as ``error: FILE:LINE[:COL]: message (hint)``; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from . import __version__
from ._catalog import catalog, load_circular
from ._engine import check
from ._errors import InputError, Problem, UsageError, WfrulesError
from ._loaders import MAX_ERRORS, load_roster
from ._messages import Lang, default_lang, text
from ._render import RENDERERS

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors print like every other input error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(Problem(message, self.prog, hint=f"see '{self.prog} --help'"))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wfrules",
        description="Check civil-service WFO/WFH rosters against circulars (Surat Edaran) encoded as rule files.",
    )
    parser.add_argument("--version", action="version", version=f"wfrules {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check_cmd = commands.add_parser("check", help="check a roster against one or more circulars")
    check_cmd.add_argument("roster", help="roster file (.json or .csv)")
    check_cmd.add_argument(
        "--circular", "-c", action="append", required=True, metavar="ID_OR_PATH",
        help="catalog id (e.g. kalbar-se-800-01-2024) or rule-file path; repeatable",
    )
    check_cmd.add_argument("--format", "-f", choices=sorted(RENDERERS), default="text")
    check_cmd.add_argument("--lang", choices=["en", "id"], default=None,
                           help="language of messages (default: from LANG, else en)")
    check_cmd.add_argument("--max-errors", type=int, default=MAX_ERRORS, metavar="N",
                           help=f"stop collecting input errors after N (default {MAX_ERRORS})")

    catalog_cmd = commands.add_parser("catalog", help="list the circulars shipped with wfrules")
    catalog_cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")
    return parser


def _run_check(args: argparse.Namespace, lang: Lang, out: TextIO) -> int:
    if args.max_errors < 1:
        raise UsageError(Problem("--max-errors must be at least 1", "wfrules check"))
    # Read every input before giving up, so one run reports the problems of all of them.
    failures: list[InputError] = []
    circulars = []
    for ref in args.circular:
        try:
            circulars.append(load_circular(ref))
        except InputError as exc:
            failures.append(exc)
    try:
        roster = load_roster(args.roster, max_errors=args.max_errors)
    except InputError as exc:
        failures.append(exc)
    if failures:
        raise InputError(
            [p for f in failures for p in f.problems], dropped=sum(f.dropped for f in failures)
        )
    report = check(roster, circulars, lang=lang)
    out.write(RENDERERS[args.format](report, lang))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _run_catalog(args: argparse.Namespace, out: TextIO) -> int:
    entries = [
        {"id": c.id, "number": c.number, "title": c.title, "issuer": c.issuer,
         "jurisdiction": c.jurisdiction, "issued": c.issued.isoformat(), "based_on": list(c.based_on),
         "rules": len(c.rules)}
        for c in catalog()
    ]
    if args.format == "json":
        out.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    else:
        for entry in entries:
            out.write(f"{entry['id']:<28} {entry['issued']}  {entry['number']}  ({entry['issuer']})\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code (never raises for bad input)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    lang: Lang = default_lang()
    try:
        args = _parser().parse_args(argv)
        lang = getattr(args, "lang", None) or lang
        if args.command == "check":
            return _run_check(args, lang, out)
        if args.command == "catalog":
            return _run_catalog(args, out)
        raise UsageError(Problem("give a command, e.g. 'wfrules check ROSTER --circular ID'", "wfrules",
                                 hint="see 'wfrules --help'"))
    except WfrulesError as exc:
        problems = getattr(exc, "problems", [Problem(str(exc))])
        # "error:" stays English in every language: CI scripts and editors match on it.
        for problem in problems:
            err.write(f"error: {problem}\n")
        dropped = getattr(exc, "dropped", 0)
        if dropped:
            err.write("error: " + text("error.more", lang, count=dropped) + "\n")
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
