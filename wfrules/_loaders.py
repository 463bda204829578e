"""Loading rule files and rosters from disk, with every problem located at FILE:LINE[:COL].

Input files are only ever read. Errors are :class:`~wfrules.RosterError` /
:class:`~wfrules.CircularError`, each listing every problem found (up to ``max_errors``).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ._cells import FALLBACK_ENCODING, check_encoding, decode_text, sniff_encoding
from ._circular import Circular
from ._errors import CircularError, InputError, Problem, RosterError, UsageError
from ._roster import Roster, reference_problems
from ._source import JsonLocator, SourceError, YamlLocator, dump_yaml, parse_json, parse_yaml
from ._vocab import UnknownName, did_you_mean

if TYPE_CHECKING:
    from ._stream import Parsed

#: Default cap on the number of problems collected from one file.
MAX_ERRORS = 50
#: Default cap on the size of a file read whole into memory (a JSON roster), in bytes.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Default cap on the size of a CSV roster (streamed: memory does not grow with its rows), in bytes.
MAX_CSV_BYTES = 16 * 1024**3
#: Default cap on the size of a rule file, in bytes (the largest real circular is a few kilobytes).
MAX_RULE_FILE_BYTES = 16 * 1024 * 1024

PathLike = str | os.PathLike[str]


def _check_max_errors(max_errors: int, where: str) -> None:
    if max_errors < 1:
        raise UsageError(Problem("max_errors must be at least 1", where))


def _check_file(path: Path, error: type[InputError], max_bytes: int) -> None:
    """Refuse what cannot be read as a file, or is over the size limit, before reading anything."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(Problem("no such file", str(path), hint="check the path")) from None
    except OSError as exc:
        raise error(Problem(f"cannot read the file: {exc.strerror}", str(path))) from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise error(Problem(f"not a usable file name: {exc}", str(path))) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(Problem("is a directory, not a file", str(path)))
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise error(Problem("not a regular file", str(path), hint="give the path of a saved file"))
    if info.st_size > max_bytes:
        raise error(Problem(f"the file is {_size(info.st_size)}, over the limit of {_size(max_bytes)}", str(path),
                            hint="split it, or raise the limit (--max-file-size)"))


def _size(count: int) -> str:
    """``1.5 MiB``-style size for messages (bytes below 1 KiB).

    >>> _size(512), _size(3 * 1024**2), _size(16 * 1024**3)
    ('512 bytes', '3 MiB', '16 GiB')
    """
    value = float(count)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            shown = f"{value:.1f}".removesuffix(".0")
            return f"{shown} {unit}"
        value /= 1024
    raise AssertionError  # pragma: no cover


def _decode_error(raw: bytes, exc: UnicodeDecodeError, path: str, error: type[InputError], tried: str) -> InputError:
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return error(Problem(f"the file is not {tried} text (byte {raw[exc.start]:#04x})", path, line, column,
                         "save it as UTF-8 (in Excel: CSV UTF-8), or give its encoding with --encoding"))


def _tried(encoding: str | None) -> str:
    return encoding if encoding is not None else "UTF-8 or Windows-1252"


def read_text(path: Path, error: type[InputError], max_bytes: int = MAX_FILE_BYTES,
               encoding: str | None = None) -> str:
    _check_file(path, error, max_bytes)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(Problem(f"cannot read the file: {exc.strerror}", str(path))) from None
    try:
        text, _ = decode_text(raw, encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, exc, str(path), error, _tried(encoding)) from None
    except LookupError:
        raise UsageError(Problem(f"unknown text encoding {encoding!r}", str(path),
                                 hint="e.g. utf-8, cp1252, utf-16")) from None
    if not text.strip():
        raise error(Problem("the file is empty", str(path), hint="check you exported the right file"))
    return text


# ------------------------------------------------------------------------------ pydantic -> problems

@cache
def _known_fields(*models: type[BaseModel]) -> frozenset[str]:
    """Every field name (by alias) of these models and the models nested in them, for "did you mean"."""
    names: set[str] = set()
    stack = list(models)
    seen: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
            stack.extend(_nested_models(info.annotation))
    return frozenset(names)


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_nested_models(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        out.extend(_nested_models(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        out.extend(_nested_models(origin))
    return out


Locator = Callable[[tuple[str | int, ...], bool], tuple[int, int] | None]

_SHARE_BOUND_TYPES = ("less_than_equal", "greater_than_equal")
_LIMIT_KINDS = ("share", "headcount", "forbid")


def _problems_from_validation(
    exc: ValidationError,
    path: str,
    locate: Locator,
    fields: frozenset[str],
    max_errors: int,
) -> tuple[list[Problem], int]:
    """Turn pydantic's errors into located problems; also return how many were left out."""
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    for error in errors[:max_errors]:
        loc = tuple(error["loc"])
        message = error["msg"].removeprefix("Value error, ").replace("a valid tuple", "a list")
        hint: str | None = None
        kind = error["type"]
        at_key = False
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, UnknownName):
            message, hint = cause.short, cause.hint
        elif kind == "extra_forbidden":
            name = str(loc[-1]) if loc else "?"
            message = f"unknown field {name!r}"
            hint = did_you_mean(name, fields - {name}, "remove it (see the rule-file reference in the README)")
            at_key = True
        elif kind == "missing":
            message = f"missing required field {loc[-1]!r}" if loc else "missing value"
            hint = "add it"
            loc = loc[:-1]
        elif kind == "union_tag_invalid":
            tag = (error.get("ctx") or {}).get("tag", "?")
            message = f"unknown limit kind {tag!r}"
            hint = did_you_mean(str(tag), _LIMIT_KINDS, "kind is one of: share, headcount, forbid")
        elif kind == "union_tag_not_found":
            message = "missing 'kind'"
            hint = "add kind: share, headcount or forbid"
        elif kind in _SHARE_BOUND_TYPES and loc and loc[-1] in ("max", "min") and "share" in loc:
            hint = "a share is between 0 and 1, or 0% and 100%"
        elif kind == "duplicate_rule_id":
            loc = (*loc, (error.get("ctx") or {})["index"], "id")
            hint = "rule ids must be unique in a circular; rename one"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = f"expected an object (mapping) here, got {type(error.get('input')).__name__}"
        where = _dotted(loc)
        position = locate(loc, at_key)
        line, column = position if position else (None, None)
        prefix = f"{where}: " if where else ""
        problems.append(Problem(prefix + message, path, line, column, hint))
    return problems, max(0, len(errors) - max_errors)


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        elif step in ("share", "headcount", "forbid", "function-after", "function-before") or "[" in step:
            continue  # pydantic's own steps (a union member, a validator) mean nothing to the user
        else:
            out += f".{step}" if out else step
    return out


# ------------------------------------------------------------------------------------------- circulars


def parse_circular(
    text: str, path: str = "<circular>", *, fmt: str | None = None, max_errors: int = MAX_ERRORS
) -> Circular:
    """Parse a rule file's text (YAML or JSON: by ``fmt``, else by the path's suffix, else YAML)."""
    _check_max_errors(max_errors, "parse_circular")
    suffix = (fmt or Path(path).suffix.lstrip(".")).lower()
    is_json = suffix == "json"
    try:
        data = parse_json(text) if is_json else parse_yaml(text)
    except SourceError as exc:
        raise CircularError(Problem(exc.message, path, exc.line, exc.column, exc.hint)) from None
    return circular_from_data(data, text, path, is_json=is_json, max_errors=max_errors)


def circular_from_data(data: Any, text: str, path: str, *, is_json: bool, max_errors: int = MAX_ERRORS) -> Circular:
    """The circular of a rule file's parsed ``data``; ``text`` (JSON or YAML) locates its problems."""
    locate: Locator = JsonLocator(text) if is_json else YamlLocator(text)
    if not isinstance(data, dict):
        raise CircularError(Problem(
            f"a rule file must be a mapping with id, number, title, issuer, jurisdiction, issued and rules; "
            f"got {type(data).__name__}", path, 1, None, "see examples/ or the catalog for the shape",
        ))
    if "assignments" in data and "rules" not in data:
        raise CircularError(Problem("this looks like a roster, not a rule file", path, 1, None,
                                    "give the roster as the first argument and the rule file with --circular"))
    try:
        return Circular.model_validate(data)
    except ValidationError as exc:
        problems, dropped = _problems_from_validation(exc, path, locate, _known_fields(Circular), max_errors)
        raise CircularError(problems, dropped=dropped) from None
    except RecursionError:
        raise CircularError(Problem("the rule file is nested too deeply", path)) from None


def dump_circular(circular: Circular, fmt: str = "yaml") -> str:
    """A rule file's text for ``circular`` (``yaml`` or ``json``) that :func:`parse_circular` reads back equal.

    >>> from wfrules import load_circular
    >>> kalbar = load_circular("kalbar-se-800-01-2024")
    >>> parse_circular(dump_circular(kalbar), "kalbar.yaml") == kalbar
    True
    """
    data = circular.model_dump(mode="json", by_alias=True, exclude_none=True)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return dump_yaml(data)
    raise UsageError(Problem(f"unknown format {fmt!r}", "dump_circular", hint="fmt is 'yaml' or 'json'"))


def load_circular_file(
    path: PathLike, *, max_errors: int = MAX_ERRORS, max_bytes: int = MAX_RULE_FILE_BYTES
) -> Circular:
    """Load a rule file (``.yaml``, ``.yml`` or ``.json``); one over ``max_bytes`` is refused unread."""
    path = Path(path)
    return parse_circular(read_text(path, CircularError, max_bytes), str(path), max_errors=max_errors)


# --------------------------------------------------------------------------------------------- rosters


def load_roster(
    source: PathLike | Mapping[str, Any],
    *,
    fmt: str | None = None,
    max_errors: int = MAX_ERRORS,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> Roster:
    """Load a roster from a JSON or CSV file (by suffix, or ``fmt``), or from a dict.

    A CSV file is read as exported: ``,`` ``;`` or tab, UTF-8 (with or without BOM), UTF-16 with a BOM or
    Windows-1252 (or ``encoding``), day-first dates in several spellings, Indonesian column names (see the
    README). It is streamed: checking it builds no object per row, and its rows are read into the returned
    roster only when asked for (``roster.assignments[0]``). Files over ``max_bytes`` (default
    :data:`MAX_CSV_BYTES` for CSV, :data:`MAX_FILE_BYTES` for JSON) are refused.

    Every problem is reported as a :class:`~wfrules.RosterError` with the file and line.
    """
    _check_max_errors(max_errors, "load_roster")
    if encoding is not None:
        try:
            encoding = check_encoding(encoding)
        except ValueError as exc:
            raise UsageError(Problem(str(exc), "encoding", hint="e.g. utf-8, cp1252, utf-16")) from None
    if isinstance(source, Mapping):
        return _roster_from_data(dict(source), "<roster>", None, max_errors)
    if not isinstance(source, (str, os.PathLike)):
        raise UsageError(Problem(f"load_roster() takes a path or a dict, not {type(source).__name__}",
                                 "load_roster"))
    path = Path(source)
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind in ("yaml", "yml"):
        raise RosterError(Problem("a roster is a JSON or CSV file; this looks like a rule file (YAML)", str(path),
                                  hint="pass rule files with --circular"))
    if kind not in ("json", "csv"):
        _check_file(path, RosterError, max_bytes if max_bytes is not None else MAX_CSV_BYTES)
        kind = "json" if starts_like_json(path) else "csv"
    if kind == "json":
        text = read_text(path, RosterError, max_bytes if max_bytes is not None else MAX_FILE_BYTES, encoding)
        return parse_roster_json(text, str(path), max_errors=max_errors)
    _check_file(path, RosterError, max_bytes if max_bytes is not None else MAX_CSV_BYTES)
    return _load_csv(path, encoding, max_errors)


def starts_like_json(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise RosterError(Problem(f"cannot read the file: {exc.strerror}", str(path))) from None
    for encoding in (sniff_encoding(head), FALLBACK_ENCODING):
        try:
            return head.decode(encoding, errors="ignore").lstrip().startswith("{")
        except LookupError:  # pragma: no cover - both are built in
            continue
    return False


def _load_csv(path: Path, encoding: str | None, max_errors: int) -> Roster:
    """Scan the file (fast, lean); if it has a problem, read it with the validating parser to report it."""
    from ._stream import open_text, parse_csv, scan_csv  # lazy: a JSON roster does not need the CSV reader

    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise RosterError(Problem(f"cannot read the file: {exc.strerror}", str(path))) from None
    used = encoding or sniff_encoding(head)
    try:
        try:
            scan = scan_csv(path, used, max_errors=max_errors)
        except UnicodeDecodeError:
            if encoding is not None or used != "utf-8-sig":
                raise
            used = FALLBACK_ENCODING  # not UTF-8: what Excel writes on Windows
            scan = scan_csv(path, used, max_errors=max_errors)
    except UnicodeDecodeError:
        raw = path.read_bytes()
        try:
            raw.decode(used)
        except UnicodeDecodeError as exc:
            raise _decode_error(raw, exc, str(path), RosterError, _tried(encoding)) from None
        raise RosterError(Problem(f"the file is not {_tried(encoding)} text", str(path))) from None
    except OSError as exc:
        raise RosterError(Problem(f"cannot read the file: {exc.strerror}", str(path))) from None
    if scan is not None:
        return scan.to_roster()
    with open_text(path, used) as stream:
        parsed = parse_csv(stream, str(path), max_errors)
    return _roster_from_parsed(parsed, str(path))  # not reached: the scan stops only at a problem


def parse_roster_json(text: str, path: str = "<roster>", *, max_errors: int = MAX_ERRORS) -> Roster:
    """Parse a normalised JSON roster (CONTRACT §2)."""
    _check_max_errors(max_errors, "parse_roster_json")
    try:
        data = parse_json(text)
    except SourceError as exc:
        raise RosterError(Problem(exc.message, path, exc.line, exc.column, exc.hint)) from None
    if not isinstance(data, dict):
        raise RosterError(Problem(
            f"a JSON roster must be an object with units, employees and assignments; got {type(data).__name__}",
            path, 1, 1, 'start the file with {"units": [...], "employees": [...], "assignments": [...]}',
        ))
    return _roster_from_data(data, path, JsonLocator(text), max_errors)


def _roster_from_data(
    data: dict[str, Any],
    path: str,
    locate: Locator | None,
    max_errors: int,
) -> Roster:
    def where(loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int] | None:
        return locate(loc, key) if locate else None

    if "rules" in data and "assignments" not in data:
        raise RosterError(Problem("this looks like a rule file, not a roster", path, 1, None,
                                  "pass rule files with --circular; the roster has units, employees, assignments"))
    try:
        roster = Roster.model_validate(data, context={"wfrules_skip_references": True})
    except ValidationError as exc:
        problems, dropped = _problems_from_validation(exc, path, where, _known_fields(Roster), max_errors)
        raise RosterError(problems, dropped=dropped) from None
    except RecursionError:
        raise RosterError(Problem("the roster is nested too deeply", path)) from None
    found, total = reference_problems(roster, limit=max_errors)
    if found:
        problems = []
        for loc, problem in found:
            line, column = where(loc) or (None, None)
            problems.append(Problem(f"{_dotted(loc)}: {problem.message}", path, line, column, problem.hint))
        raise RosterError(problems, dropped=total - len(found))
    if locate is None:
        return roster

    def line_of(index: int) -> int | None:
        found = locate(("assignments", index), False)
        return found[0] if found else None

    return roster._with_source(path, line_of)


def parse_roster_csv(text: str, path: str = "<roster>", *, max_errors: int = MAX_ERRORS) -> Roster:
    """Parse a denormalised CSV roster (one row per assignment, CONTRACT §2) from text.

    >>> roster = parse_roster_csv("nip;unit_kerja;tanggal;status\\n'0198;bkd;16/04/2024;h\\n")
    >>> roster.assignments[0].employee, roster.assignments[0].date, roster.assignments[0].mode.value
    ('0198', datetime.date(2024, 4, 16), 'WFO')
    """
    _check_max_errors(max_errors, "parse_roster_csv")
    from ._stream import lines_of, parse_csv

    return _roster_from_parsed(parse_csv(lines_of(text), path, max_errors), path)


def _roster_from_parsed(parsed: Parsed, path: str) -> Roster:
    roster = Roster.model_validate(
        {"units": parsed.units, "employees": parsed.employees, "assignments": parsed.assignments},
        context={"wfrules_skip_references": True},
    )
    return roster._with_source(path, parsed.lines.__getitem__)
