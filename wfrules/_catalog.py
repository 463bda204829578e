"""The catalog: real circulars shipped as package-data rule files, one file per circular, by id.

>>> sorted(catalog_ids())[:2]
['kalbar-se-800-01-2024', 'menpanrb-se-01-2024']
>>> load_circular("kalbar-se-800-01-2024").number
'800/01/Prov/2024'

Start-up: beside the rule files, ``_catalog.json`` holds each file's validated circular and the SHA-256 of
its text, so a check against a catalog circular neither parses YAML nor builds pydantic's validator: the
circular is rebuilt from the stored fields with ``model_construct`` (see :func:`encode_model`). An entry is
used only when its hash matches the file's text (a stale one costs the YAML parse and the validation, never
a wrong circular); regenerate the file after editing the catalog or the models with ``python -m
wfrules._catalog`` (a test fails until you do).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import _circular
from ._circular import Circular
from ._errors import CatalogError, CircularError, Problem, UsageError
from ._loaders import MAX_ERRORS, circular_from_data, load_circular_file, parse_circular
from ._vocab import did_you_mean

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_SUFFIXES = (".yaml", ".yml", ".json")
#: The parsed data of the catalog's rule files (see the module's docstring), in the package beside them.
COMPILED = "_catalog.json"


def _package() -> Traversable:
    """The package's files: its folder when it is one (the usual install; no importlib readers to import),
    else what importlib.resources finds (a zip import)."""
    here = Path(__file__).parent
    if (here / "catalog").is_dir():
        return here
    from importlib import resources  # imports tempfile and shutil: only when the package is not a folder

    return resources.files("wfrules")


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
                if "model" in known:
                    try:
                        circular = decode_model(known["model"])
                    except (TypeError, ValueError, KeyError, AttributeError):
                        pass  # written by another version of the models: validate the rule file instead
                    else:
                        if isinstance(circular, Circular):
                            return circular
                elif "data" in known:
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
    """The text of :data:`COMPILED` for the catalog as it is: each rule file's name, hash and validated
    circular (:func:`encode_model`); a circular with a value the encoding cannot hold exactly, or a rule file
    that does not validate, keeps its parsed data instead (validated, or its problems reported, when loaded),
    and a file whose data JSON cannot hold either is left out (parsed from its text when loaded)."""
    from ._source import parse_json, parse_yaml

    entries: dict[str, Any] = {}
    folder = _package() / "catalog"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(_SUFFIXES):
            continue
        text = entry.read_text(encoding="utf-8")
        path = f"wfrules/catalog/{entry.name}"
        try:
            entries[entry.name] = {"sha256": _digest(text), "model": encode_model(parse_circular(text, path))}
            continue
        except (TypeError, CircularError):  # not encodable, or broken: its problems are reported when loaded
            pass
        data = parse_json(text) if entry.name.endswith(".json") else parse_yaml(text)
        if json.loads(json.dumps(data)) == data:  # string keys and plain values only
            entries[entry.name] = {"sha256": _digest(text), "data": data}
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def encode_model(value: Any) -> Any:
    """``value`` (a model of :mod:`wfrules._circular` and what its fields hold) as JSON that
    :func:`decode_model` turns back into an equal value of the same types, without validating.

    A model is ``{"$model": class name, "$unset": [fields not given], field: value...}`` with every field; a
    tuple is a list; a list, a dict (string keys) and a date are tagged ``{"$list": [...]}``,
    ``{"$dict": {...}}``, ``{"$date": "YYYY-MM-DD"}``; ``str``, ``int``, ``float``, ``bool`` and ``None``
    are themselves. Anything else (a subclass of these among them, such as an enum) is a ``TypeError``.

    >>> from wfrules._circular import DateRange
    >>> encode_model(DateRange.model_validate({"from": "2024-04-16", "to": "2024-04-17"}))
    {'$model': 'DateRange', '$unset': [], 'start': {'$date': '2024-04-16'}, 'end': {'$date': '2024-04-17'}}
    """
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is tuple:
        return [encode_model(item) for item in value]
    if kind is list:
        return {"$list": [encode_model(item) for item in value]}
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise TypeError("a dict with keys other than strings")
        return {"$dict": {key: encode_model(item) for key, item in value.items()}}
    if kind is dt.date:
        return {"$date": value.isoformat()}
    if isinstance(value, BaseModel) and getattr(_circular, kind.__name__, None) is kind:
        unset = [name for name in kind.model_fields if name not in value.model_fields_set]
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise TypeError(f"a {kind.__name__} with extra or private values")
        encoded: dict[str, Any] = {"$model": kind.__name__, "$unset": unset}
        encoded.update((name, encode_model(getattr(value, name))) for name in kind.model_fields)
        return encoded
    raise TypeError(f"cannot encode a {kind.__name__}")


def decode_model(value: Any) -> Any:
    """The value :func:`encode_model` encoded; models are made with ``model_construct`` (no validation: the
    values are those of a validated model). ``KeyError``, ``TypeError`` or ``ValueError`` for what it never
    writes.

    >>> decode_model({"$model": "DateRange", "$unset": [], "start": {"$date": "2024-04-16"},
    ...               "end": {"$date": "2024-04-17"}}).end
    datetime.date(2024, 4, 17)
    """
    if type(value) is list:
        return tuple(decode_model(item) for item in value)
    if type(value) is not dict:
        return value
    if "$model" in value:
        model = getattr(_circular, value["$model"])
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise TypeError(f"not a model: {value['$model']!r}")
        fields = {name: decode_model(value[name]) for name in model.model_fields}
        unset = set(value["$unset"])
        return model.model_construct({name for name in fields if name not in unset}, **fields)
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$list" in value:
        return [decode_model(item) for item in value["$list"]]
    if "$dict" in value:
        return {key: decode_model(item) for key, item in value["$dict"].items()}
    raise ValueError(f"not an encoded value: {sorted(value)}")


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
