"""What every CLI command shares: the argument parser class, exit codes, loading the inputs, writing files.

Each command lives in its own module (``_cmd_<name>.py``) with two functions::

    def register(commands: argparse._SubParsersAction) -> None   # add the sub-parser
    def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]  # exit code, stdout text

and is listed once in :data:`wfrules._cli.COMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ._catalog import load_circular
from ._circular import Circular
from ._context import ContextTable, load_context
from ._errors import InputError, Problem, UsageError
from ._loaders import MAX_ERRORS, load_roster
from ._messages import Lang
from ._roster import Roster

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors print like every other input error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(Problem(message, self.prog, hint=f"see '{self.prog} --help'"))


@dataclass(frozen=True, slots=True)
class Context:
    """What a command gets besides its arguments: the message language and a way to warn on stderr."""

    lang: Lang
    warn: Callable[[str], None]


def at_least_one(text: str) -> int:
    """argparse type: a whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_circular_option(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    """``--circular/-c ID_OR_PATH`` (repeatable)."""
    parser.add_argument(
        "--circular", "-c", action="append", required=required, metavar="ID_OR_PATH",
        help="catalog id (e.g. kalbar-se-800-01-2024) or rule-file path; repeatable",
    )


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang en|id``."""
    parser.add_argument("--lang", choices=["en", "id"], default=None,
                        help="language of messages (default: from LANG, else en)")


def add_max_errors_option(parser: argparse.ArgumentParser) -> None:
    """``--max-errors N``."""
    parser.add_argument("--max-errors", type=at_least_one, default=MAX_ERRORS, metavar="N",
                        help=f"stop collecting input errors after N (default {MAX_ERRORS})")


def load_inputs(
    circular_refs: Sequence[str], roster_path: str | None, *, max_errors: int = MAX_ERRORS
) -> tuple[list[Circular], Roster | None]:
    """Load every circular and the roster, reporting the problems of all of them in one error."""
    failures: list[InputError] = []
    circulars: list[Circular] = []
    for ref in circular_refs:
        try:
            circulars.append(load_circular(ref, max_errors=max_errors))
        except InputError as exc:
            failures.append(exc)
    roster = None
    if roster_path is not None:
        try:
            roster = load_roster(roster_path, max_errors=max_errors)
        except InputError as exc:
            failures.append(exc)
    if failures:
        raise InputError([p for f in failures for p in f.problems], dropped=sum(f.dropped for f in failures))
    return circulars, roster


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` to ``path`` all at once: a temporary file in the same directory, then a rename,
    so an interrupted run never leaves half a file (and an existing file is replaced whole or not at all).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(target, "hello\\n"); target.read_text()
    'hello\\n'
    """
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(Problem(f"cannot write {target}: {exc.strerror or exc}", str(target),
                                 hint="check that the directory exists and is writable")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            if target.exists():
                os.chmod(temp, target.stat().st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise UsageError(Problem(f"cannot write {target}: {exc.strerror or exc}", str(target),
                                 hint="check the path and the free space")) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# --------------------------------------------------------------------------- context tables (issue 8)


def add_context_option(parser: argparse.ArgumentParser) -> None:
    """``--context FILE.csv``: the context table (region, from, to, ppkm_level, zone…) for rules that need one."""
    parser.add_argument("--context", metavar="FILE.csv", default=None,
                        help="context table for rules that depend on a region's level or zone "
                             "(columns region,from,to and one per variable, e.g. ppkm_level)")


def load_context_option(path: str | None) -> ContextTable | None:
    """The context table named by ``--context`` (``None`` when not given); :class:`ContextError` if broken."""
    return load_context(path) if path is not None else None
