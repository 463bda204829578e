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
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ._catalog import load_circular
from ._cells import check_encoding
from ._circular import Circular
from ._errors import EXIT_FINDINGS as EXIT_FINDINGS  # the commands take the exit codes from here
from ._errors import EXIT_INPUT as EXIT_INPUT
from ._errors import EXIT_OK as EXIT_OK
from ._errors import InputError, Problem, UsageError
from ._loaders import MAX_CSV_BYTES, MAX_ERRORS, load_roster
from ._messages import Lang
from ._roster import Roster

if TYPE_CHECKING:
    from ._context import ContextTable


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors print like every other input error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(Problem(message, self.prog, hint=f"see '{self.prog} --help'"))

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every argument added; without a width, each asks shutil for the
        # terminal's, and importing shutil (with bz2, lzma, zlib) is a start-up cost. The same width, here.
        formatter: type[argparse.HelpFormatter] = self.formatter_class  # type: ignore[assignment]
        return formatter(prog=self.prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size().columns`` gives it (``$COLUMNS`` when a positive
    whole number, else the width of the terminal on ``sys.__stdout__``, else 80), without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class Context:
    """What a command gets besides its arguments: the message language and a way to warn on stderr.

    (Written out rather than a dataclass: ``@dataclass`` compiles its methods at every start-up.)"""

    __slots__ = ("lang", "warn")

    def __init__(self, lang: Lang, warn: Callable[[str], None]) -> None:
        self.lang = lang
        self.warn = warn


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
    circular_refs: Sequence[str], roster_path: str | None, *, max_errors: int = MAX_ERRORS,
    encoding: str | None = None, max_bytes: int | None = None, engine: str | None = "core",
) -> tuple[list[Circular], Roster | None]:
    """Load every circular and the roster, reporting the problems of all of them in one error
    (``encoding`` and ``max_bytes`` apply to the roster: see :func:`roster_options`; ``engine`` chooses
    how a CSV roster is counted: ``core`` unless a command offers ``--engine``, whose value, ``None`` when
    not given, means ``$WFRULES_ENGINE`` else ``auto``; see :func:`add_engine_option`)."""
    failures: list[InputError] = []
    circulars: list[Circular] = []
    # A roster counted by the fast path is counted in a thread while the circulars load (DuckDB releases the
    # GIL while it reads the file).
    counted = None if roster_path is None else _start_fast_roster(
        engine, roster_path, encoding=encoding, max_bytes=max_bytes, max_errors=max_errors)
    try:
        for ref in circular_refs:
            try:
                circulars.append(load_circular(ref, max_errors=max_errors))
            except InputError as exc:
                failures.append(exc)
    except BaseException:
        if counted is not None:  # stop the count: no thread is left in DuckDB when the process exits
            counted.interrupt()
        raise
    roster = None
    if roster_path is not None:
        roster = None if counted is None else counted()
        try:
            if roster is None:
                roster = load_roster(roster_path, max_errors=max_errors, encoding=encoding, max_bytes=max_bytes)
        except InputError as exc:
            failures.append(exc)
    if failures:
        raise InputError([p for f in failures for p in f.problems], dropped=sum(f.dropped for f in failures))
    return circulars, roster


#: ``--engine auto`` counts CSV rosters of this size or more (about 280,000 rows of 57-byte lines) with
#: DuckDB when it is installed. Measured (2 cores, seed-shaped rosters, the JSON report): the fast path
#: costs more CPU than the core at 70,000 rows, about the same at 200,000, less from 500,000 on (0.8x at
#: 1M); below that, starting DuckDB and copying the file into it cost more than they save.
AUTO_MIN_BYTES = 16 * 2**20
#: The environment variable that chooses the engine when ``--engine`` is not given.
ENGINE_ENV = "WFRULES_ENGINE"
ENGINES = ("auto", "core", "fast")


def add_engine_option(parser: argparse.ArgumentParser) -> None:
    """``--engine auto|core|fast``: how a CSV roster is counted (see :func:`load_inputs`)."""
    parser.add_argument("--engine", choices=ENGINES, default=None,
                        help="how a CSV roster is counted: core (Python), fast (DuckDB, pip install "
                             f"'wfrules[fast]'; same verdicts), or auto: fast for CSV files of "
                             f"{AUTO_MIN_BYTES // 2**20} MiB or more when DuckDB is installed "
                             f"(default: ${ENGINE_ENV}, else auto)")


def _start_fast_roster(engine: str | None, path: str, *, encoding: str | None, max_bytes: int | None,
                       max_errors: int) -> _Counting | None:
    """Start counting the roster with the fast path (:mod:`wfrules._fast`) in a thread, and return what
    waits for the roster it counts; ``None`` when the core reader reads it instead: the engine is ``core``,
    the file is small, not CSV or not UTF-8, or DuckDB is missing under ``auto`` (decided here, at once; a
    usage error too). The roster waited for is ``None`` too when the file has anything the fast path leaves
    to the core (every input error among them).

    >>> _start_fast_roster("core", "big.csv", encoding=None, max_bytes=None, max_errors=50) is None
    True
    """
    chosen = engine or os.environ.get(ENGINE_ENV, "").strip().lower() or "auto"
    if chosen not in ENGINES:
        raise UsageError(Problem(f"{ENGINE_ENV}={chosen!r} is not an engine", ENGINE_ENV,
                                 hint=f"use one of: {', '.join(ENGINES)}"))
    if chosen == "core" or not path.lower().endswith(".csv"):
        return None
    if encoding is not None and encoding.replace("_", "-").lower() not in ("utf-8", "utf8"):
        return None
    if chosen == "auto":
        try:
            if os.stat(path).st_size < AUTO_MIN_BYTES:
                return None
        except (OSError, ValueError):
            return None
    from . import _fast  # only for large files or when asked: a small check never imports it

    if not _fast.available():
        if chosen == "fast":
            raise UsageError(Problem("--engine fast needs DuckDB, which is not installed", "--engine",
                                     hint="pip install 'wfrules[fast]', or use --engine core"))
        return None
    return _Counting(lambda interrupter: _fast.load_csv(
        path, max_bytes=max_bytes if max_bytes is not None else MAX_CSV_BYTES, max_errors=max_errors,
        interrupter=interrupter))


class _Counting:
    """The fast path's count of a roster, running in a thread; calling it waits for the roster (an exception
    in the thread is raised there). Interrupted while it waits (Ctrl-C), or by :meth:`interrupt`, it stops the
    count and waits for the thread before going on: the process never exits while DuckDB works."""

    def __init__(self, count: Callable[[Any], Roster | None]) -> None:
        import threading

        from . import _fast

        self._interrupter = _fast.Interrupter()
        self._outcome: list[Roster | None] = []
        self._failure: list[BaseException] = []
        # Waited for instead of Thread.join: a join interrupted by Ctrl-C can take the thread for finished
        # (CPython 3.11), and a second join would then return at once.
        self._done = threading.Event()

        def run() -> None:
            try:
                self._outcome.append(count(self._interrupter))
            except BaseException as exc:  # raised again in the caller's thread
                self._failure.append(exc)
            finally:
                self._done.set()

        threading.Thread(target=run, name="wfrules-fast", daemon=True).start()

    def __call__(self) -> Roster | None:
        try:
            self._done.wait()
        except BaseException:
            self.interrupt()
            raise
        if self._failure:
            raise self._failure[0]
        return self._outcome[0]

    def interrupt(self) -> None:
        """Stop the count and wait for its thread."""
        self._interrupter.interrupt()
        self._done.wait()


def write_atomic(path: str | os.PathLike[str], content: str | bytes | Iterable[str]) -> None:
    """Write ``content`` to ``path`` all at once: a temporary file in the same directory, then a rename,
    so an interrupted run never leaves half a file (and an existing file is replaced whole or not at all).
    ``content`` may come in pieces (text, written as UTF-8 as each comes), so a large report is never held
    whole; an error while the pieces are made leaves ``path`` as it was.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(target, "hello\\n"); target.read_text()
    'hello\\n'
    """
    import tempfile  # only when a file is written: a check to standard output never needs it

    target = Path(path)
    pieces: Iterable[str] = ()
    if isinstance(content, str):
        data = content.encode("utf-8")
    elif isinstance(content, bytes):
        data = content
    else:
        data, pieces = b"", content
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(Problem(f"cannot write {target}: {exc.strerror or exc}", str(target),
                                 hint="check that the directory exists and is writable")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            for piece in pieces:
                handle.write(piece.encode("utf-8"))
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
    if path is None:
        return None
    from ._context import load_context  # the context tables load only when one is given

    return load_context(path)
# ------------------------------------------------------------------------------ roster file options


_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
               "g": 1024**3, "gb": 1024**3, "gib": 1024**3, "t": 1024**4, "tb": 1024**4, "tib": 1024**4}


def file_size(text: str) -> int:
    """argparse type: a size in bytes, with an optional unit (``500M``, ``2G``, ``1.5GiB``; powers of 1024).

    >>> file_size("2G"), file_size("500 MB"), file_size("1024")
    (2147483648, 524288000, 1024)
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    unit = _SIZE_UNITS.get(match[2].lower()) if match else None
    if match is None or unit is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500M, 2G)")
    size = int(float(match[1]) * unit)
    if size < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return size


def text_encoding(text: str) -> str:
    """argparse type: the name of a text encoding Python knows (``utf-8``, ``cp1252``, ``utf-16``…)."""
    try:
        return check_encoding(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (e.g. utf-8, cp1252, utf-16)") from None


def add_roster_file_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding NAME`` and ``--max-file-size SIZE`` for the roster file."""
    parser.add_argument("--encoding", type=text_encoding, default=None, metavar="NAME",
                        help="text encoding of the roster (default: UTF-8 with or without BOM, UTF-16 with a BOM, "
                             "else Windows-1252)")
    parser.add_argument("--max-file-size", type=file_size, default=None, metavar="SIZE",
                        help="refuse a roster larger than SIZE (e.g. 500M, 2G; default 16G for CSV, which is "
                             "streamed, 512M for JSON)")


def roster_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`load_inputs` for the options of :func:`add_roster_file_options`."""
    return {"encoding": getattr(args, "encoding", None), "max_bytes": getattr(args, "max_file_size", None)}
