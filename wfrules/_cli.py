"""The command line: ``wfrules check ROSTER --circular ID_OR_PATH [...]`` (CONTRACT §3).

Exit codes: 0 no error-severity violation, 1 at least one, 2 bad input or usage. Every input problem
is printed as ``error: FILE:LINE[:COL]: message (hint)``; no traceback reaches the user.

Start-up: the ``wfrules`` program (:func:`program`) loads the modules of the command it runs with the cyclic
garbage collector paused, then freezes what they built (``gc.freeze``): class and module objects live as long
as the process, and without it the collector would walk them again and again (and once more at exit), which
cost a sixth to a fifth of a small check's CPU time. This module imports nothing heavy itself, so that the console
script's import of it (before :func:`program` is called) loads nothing but this module.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from . import __version__

if TYPE_CHECKING:
    from ._cliutil import Context, Parser
    from ._messages import Lang

#: Every command, in the order ``--help`` lists them, and the module that implements it. A command is a module
#: with ``register`` and ``run`` (see :mod:`wfrules._cliutil`); add one here and nowhere else. Modules are
#: imported by name when used, so ``wfrules check`` never loads what ``plan`` or ``lint`` need.
COMMANDS: dict[str, str] = {
    "check": "_cmd_check",
    "catalog": "_cmd_catalog",
    "quota": "_cmd_quota",
    "fix": "_cmd_fix",
    "plan": "_cmd_plan",
    "schema": "_cmd_schema",
    "lint": "_cmd_lint",
    "explain": "_cmd_explain",
    "refines": "_cmd_refines",
}


class Command(Protocol):
    """What a command module provides."""

    def register(self, commands: argparse._SubParsersAction[Parser]) -> None: ...

    def run(self, args: argparse.Namespace, ctx: Context) -> tuple[int, str | Iterable[str]]: ...


def command(name: str) -> Command:
    """The module of the command ``name`` (imported on first use); ``KeyError`` for an unknown name."""
    module: Command = importlib.import_module(f"{__package__}.{COMMANDS[name]}")
    return module


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, with every command, or with the command ``only`` alone (which then parses the
    same, and imports only that command's module)."""
    from ._cliutil import Parser

    parser = Parser(
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in [only] if only in COMMANDS else COMMANDS:
        command(name).register(commands)
    return parser


def _dispatch(
    argv: Sequence[str] | None, lang: Lang, warn: Callable[[str], None]
) -> tuple[int, str | Iterable[str], Lang]:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The command is the first argument (the only options before it are --help and --version): when it names
    # a command, the parser needs that command alone; anything else gets them all, for help or a usage error.
    args = _parser(argv[0] if argv else None).parse_args(argv)
    lang = getattr(args, "lang", None) or lang
    from ._cliutil import Context
    from ._errors import Problem, UsageError

    if args.command not in COMMANDS:
        raise UsageError(Problem("give a command, e.g. 'wfrules check ROSTER --circular ID'", "wfrules",
                                 hint="see 'wfrules --help'"))
    code, content = command(args.command).run(args, Context(lang=lang, warn=warn))
    return code, content, lang


def _write(stream: TextIO, content: str | Iterable[str]) -> None:
    # A command may return its output in pieces (a large JSON report): each is written as it comes.
    for piece in [content] if isinstance(content, str) else content:
        try:
            stream.write(piece)
        except UnicodeEncodeError:
            # A terminal or pipe that cannot show “quotes” or Indonesian text still gets every line.
            encoding = getattr(stream, "encoding", None) or "ascii"
            stream.write(piece.encode(encoding, "backslashreplace").decode(encoding))
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
    # Imported here, not at the top: see the module's docstring.
    from ._errors import Problem, WfrulesError
    from ._messages import default_lang, text

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
    except Exception as exc:  # output made while it is written (a JSON report in pieces): same promise
        return _report_failure(err, [
            f"error: internal error: {type(exc).__name__}: {exc}",
            "error: this is a bug in wfrules; please report it with the input that caused it",
        ])
    return code


def _report_failure(err: TextIO, lines: list[str]) -> int:
    from ._errors import EXIT_INPUT

    with contextlib.suppress(OSError):
        _write(err, "\n".join(lines) + "\n")
    return EXIT_INPUT


def program() -> int:
    """The ``wfrules`` program (the console script, ``python -m wfrules``): :func:`main` on ``sys.argv``, after
    loading the command's modules with the garbage collector paused and freezing what they built (see the
    module's docstring). The collector runs as usual while the command works. :func:`main` itself, for
    callers in Python, leaves the collector alone."""
    from ._gc import no_gc

    with no_gc():
        name = sys.argv[1] if len(sys.argv) > 1 else None
        if name in COMMANDS:
            # An import that fails here fails again in main(), which reports it as every error is reported.
            with contextlib.suppress(Exception):
                command(name)
        gc.freeze()
    return main()


def _silence(stream: TextIO) -> None:
    if stream is sys.stdout:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
