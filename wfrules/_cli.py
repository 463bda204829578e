"""The command line: ``wfrules check ROSTER --circular ID_OR_PATH [...]`` (CONTRACT §3).

Exit codes: 0 no error-severity violation, 1 at least one, 2 bad input or usage. Every input problem
is printed as ``error: FILE:LINE[:COL]: message (hint)``; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
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


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wfrules",
        description="Check civil-service WFO/WFH rosters against circulars (Surat Edaran) encoded as rule files.",
        epilog=(
            "examples:\n"
            "  wfrules check roster.csv --circular kalbar-se-800-01-2024\n"
            "  wfrules check roster.json --circular my-rules.yaml --format json --lang id\n"
            "  wfrules catalog\n\n"
            "exit codes: 0 no error-severity violation, 1 at least one, 2 bad input or usage"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    check_cmd.add_argument("--max-errors", type=_at_least_one, default=MAX_ERRORS, metavar="N",
                           help=f"stop collecting input errors after N (default {MAX_ERRORS})")

    catalog_cmd = commands.add_parser("catalog", help="list the circulars shipped with wfrules")
    catalog_cmd.add_argument("--format", "-f", choices=["text", "json"], default="text")
    return parser


def _run_check(args: argparse.Namespace, lang: Lang, warn: Callable[[str], None]) -> tuple[int, str]:
    # Read every input before giving up, so one run reports the problems of all of them.
    failures: list[InputError] = []
    circulars = []
    for ref in args.circular:
        try:
            circulars.append(load_circular(ref, max_errors=args.max_errors))
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
    if not roster.assignments:
        # Valid, and nothing to judge: say so, since an empty export is usually a mistake upstream.
        warn(text("warning.empty_roster", lang, path=args.roster))
    report = check(roster, circulars, lang=lang)
    return (EXIT_OK if report.ok else EXIT_FINDINGS), RENDERERS[args.format](report, lang)


def _run_catalog(args: argparse.Namespace) -> tuple[int, str]:
    entries = [
        {"id": c.id, "number": c.number, "title": c.title, "issuer": c.issuer,
         "jurisdiction": c.jurisdiction, "issued": c.issued.isoformat(), "based_on": list(c.based_on),
         "rules": len(c.rules)}
        for c in catalog()
    ]
    if args.format == "json":
        return EXIT_OK, json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    return EXIT_OK, "".join(
        f"{entry['id']:<28} {entry['issued']}  {entry['number']}  ({entry['issuer']})\n" for entry in entries
    )


def _dispatch(argv: Sequence[str] | None, lang: Lang, warn: Callable[[str], None]) -> tuple[int, str, Lang]:
    args = _parser().parse_args(argv)
    lang = getattr(args, "lang", None) or lang
    if args.command == "check":
        return (*_run_check(args, lang, warn), lang)
    if args.command == "catalog":
        return (*_run_catalog(args), lang)
    raise UsageError(Problem("give a command, e.g. 'wfrules check ROSTER --circular ID'", "wfrules",
                             hint="see 'wfrules --help'"))


def _write(stream: TextIO, content: str) -> None:
    try:
        stream.write(content)
    except UnicodeEncodeError:
        # A terminal or pipe that cannot show “quotes” or Indonesian text still gets every line.
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(content.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI and return its exit code: 0 pass, 1 violations, 2 bad input or usage (never raises).

    >>> import io
    >>> out = io.StringIO()
    >>> main(["catalog"], stdout=out)
    0
    >>> "kalbar-se-800-01-2024" in out.getvalue()
    True
    """
    # A closed stream (`wfrules check … >&-`) is None in sys: write nothing there, keep the exit code.
    out = stdout or sys.stdout or io.StringIO()
    err = stderr or sys.stderr or io.StringIO()
    lang: Lang = default_lang()
    try:
        code, content, lang = _dispatch(argv, lang, lambda message: _write(err, f"warning: {message}\n"))
    except WfrulesError as exc:
        problems = getattr(exc, "problems", [Problem(str(exc))])
        # "error:" stays English in every language: CI scripts and editors match on it.
        lines = [f"error: {problem}" for problem in problems]
        dropped = getattr(exc, "dropped", 0)
        if dropped:
            lines.append("error: " + text("error.more", lang, count=dropped))
        return _report_failure(err, lines)
    except KeyboardInterrupt:
        return 130
    except RecursionError:
        return _report_failure(err, ["error: the input is nested too deeply to read"])
    except Exception as exc:  # the CLI's promise: exit 0, 1 or 2, never a traceback
        return _report_failure(err, [
            f"error: internal error: {type(exc).__name__}: {exc}",
            "error: this is a bug in wfrules; please report it with the input that caused it",
        ])
    try:
        _write(out, content)
    except BrokenPipeError:
        # The reader went away (`| head`): the verdict still stands, and Python must not complain at exit.
        _silence(out)
    except OSError as exc:
        return _report_failure(err, [f"error: cannot write the output: {exc.strerror or exc}"])
    return code


def _report_failure(err: TextIO, lines: list[str]) -> int:
    with contextlib.suppress(OSError):
        _write(err, "\n".join(lines) + "\n")
    return EXIT_INPUT


def _silence(stream: TextIO) -> None:
    if stream is sys.stdout:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
