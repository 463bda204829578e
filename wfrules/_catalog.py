"""The catalog: real circulars shipped as package-data rule files, one file per circular, by id.

>>> sorted(catalog_ids())[:2]
['kalbar-se-800-01-2024', 'menpanrb-se-01-2024']
>>> load_circular("kalbar-se-800-01-2024").number
'800/01/Prov/2024'
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from ._circular import Circular
from ._errors import CatalogError, Problem, UsageError
from ._loaders import MAX_ERRORS, load_circular_file, parse_circular
from ._vocab import did_you_mean

_SUFFIXES = (".yaml", ".yml", ".json")


def catalog_ids() -> list[str]:
    """The ids of the catalog's circulars (a file's name is its circular's id)."""
    folder = resources.files("wfrules") / "catalog"
    return sorted(
        entry.name.rsplit(".", 1)[0]
        for entry in folder.iterdir()
        if entry.name.endswith(_SUFFIXES)
    )


@cache
def _load_catalog_entry(circular_id: str) -> Circular:
    folder = resources.files("wfrules") / "catalog"
    for suffix in _SUFFIXES:
        entry = folder / f"{circular_id}{suffix}"
        if entry.is_file():
            return parse_circular(entry.read_text(encoding="utf-8"), f"wfrules/catalog/{entry.name}")
    raise KeyError(circular_id)


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
