"""The catalog: real circulars shipped as package-data rule files, one file per circular, by id.

>>> sorted(catalog_ids())[:2]
['kalbar-se-800-01-2024', 'menpanrb-se-01-2024']
>>> load_circular("kalbar-se-800-01-2024").number
'800/01/Prov/2024'

Start-up: beside the rule files, ``_catalog.json`` holds each file's parsed data and the SHA-256 of its text,
so a check against a catalog circular neither imports nor runs the YAML parser. An entry is used only when
its hash matches the file's text (a stale one costs the YAML parse, never a wrong circular); regenerate the
file after editing the catalog with ``python -m wfrules._catalog``.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ._circular import Circular
from ._errors import CatalogError, Problem, UsageError
from ._loaders import MAX_ERRORS, circular_from_data, load_circular_file, parse_circular
from ._vocab import did_you_mean

_SUFFIXES = (".yaml", ".yml", ".json")
#: The parsed data of the catalog's rule files (see the module's docstring), in the package beside them.
COMPILED = "_catalog.json"


def _package() -> Traversable:
    """The package's files: its folder when it is one (the usual install; no importlib readers to import),
    else what importlib.resources finds (a zip import)."""
    here = Path(__file__).parent
    return here if (here / "catalog").is_dir() else resources.files("wfrules")


def catalog_ids() -> list[str]:
    """The ids of the catalog's circulars (a file's name is its circular's id)."""
    folder = _package() / "catalog"
    return sorted(
        entry.name.rsplit(".", 1)[0]
        for entry in folder.iterdir()
        if entry.name.endswith(_SUFFIXES)
    )


@cache
def _load_catalog_entry(circular_id: str) -> Circular:
    folder = _package() / "catalog"
    for suffix in _SUFFIXES:
        entry = folder / f"{circular_id}{suffix}"
        if entry.is_file():
            text = entry.read_text(encoding="utf-8")
            path = f"wfrules/catalog/{entry.name}"
            known = _compiled().get(entry.name)
            if isinstance(known, dict) and known.get("sha256") == _digest(text):
                return circular_from_data(known["data"], text, path, is_json=suffix == ".json")
            return parse_circular(text, path)
    raise KeyError(circular_id)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _compiled() -> dict[str, Any]:
    try:
        data = json.loads((_package() / COMPILED).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing or damaged: every entry is parsed from its rule file
        return {}
    return data if isinstance(data, dict) else {}


def compile_catalog() -> str:
    """The text of :data:`COMPILED` for the catalog as it is: each rule file's name, hash and parsed data
    (a file whose data JSON cannot hold exactly is left out, and parsed from its text when loaded)."""
    from ._source import parse_json, parse_yaml

    entries: dict[str, Any] = {}
    folder = _package() / "catalog"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(_SUFFIXES):
            continue
        text = entry.read_text(encoding="utf-8")
        data = parse_json(text) if entry.name.endswith(".json") else parse_yaml(text)
        if json.loads(json.dumps(data)) == data:  # string keys and plain values only
            entries[entry.name] = {"sha256": _digest(text), "data": data}
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def catalog() -> list[Circular]:
    """Every circular of the catalog, sorted by id."""
    return [_load_catalog_entry(i) for i in catalog_ids()]


def looks_like_path(ref: str) -> bool:
    """Whether a ``--circular`` argument names a file rather than a catalog id."""
    return ref.lower().endswith(_SUFFIXES) or os.sep in ref or "/" in ref or Path(ref).is_file()


def load_circular(ref: str | os.PathLike[str], *, max_errors: int = MAX_ERRORS) -> Circular:
    """A circular by catalog id (``kalbar-se-800-01-2024``) or from a rule-file path.

    Raises :class:`~wfrules.CatalogError` for an unknown id (with the closest id as a hint) and
    :class:`~wfrules.CircularError` for a broken rule file.
    """
    if not isinstance(ref, (str, os.PathLike)):
        raise UsageError(Problem(f"load_circular() takes a catalog id or a path, not {type(ref).__name__}",
                                 "load_circular"))
    if isinstance(ref, os.PathLike) or looks_like_path(ref):
        return load_circular_file(ref, max_errors=max_errors)
    try:
        return _load_catalog_entry(ref)
    except KeyError:
        ids = catalog_ids()
        hint = did_you_mean(ref, ids, f"known ids: {', '.join(ids)}; or give a rule-file path")
        raise CatalogError(Problem(f"no circular {ref!r} in the catalog", "--circular", hint=hint)) from None


if __name__ == "__main__":  # python -m wfrules._catalog: regenerate _catalog.json after editing the catalog
    from ._cliutil import write_atomic

    write_atomic(Path(__file__).with_name(COMPILED), compile_catalog())
