"""``wfrules/_catalog.json``: the catalog's parsed rule files, so a check against a catalog circular skips the
YAML parser. It must match the rule files, and an entry that does not is never used."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wfrules import _catalog
from wfrules._loaders import parse_circular

CATALOG = Path(_catalog.__file__).parent / "catalog"


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    _catalog._load_catalog_entry.cache_clear()
    yield
    _catalog._load_catalog_entry.cache_clear()


def from_text(circular_id: str) -> Any:
    path = next(CATALOG / f"{circular_id}{s}" for s in _catalog._SUFFIXES if (CATALOG / f"{circular_id}{s}").is_file())
    return parse_circular(path.read_text(encoding="utf-8"), str(path))


def test_the_compiled_catalog_is_up_to_date() -> None:
    shipped = (Path(_catalog.__file__).parent / _catalog.COMPILED).read_text(encoding="utf-8")
    assert shipped == _catalog.compile_catalog(), "run: python -m wfrules._catalog"
    assert sorted(name.rsplit(".", 1)[0] for name in _catalog._compiled()) == _catalog.catalog_ids()


@pytest.mark.parametrize("circular_id", _catalog.catalog_ids())
def test_a_compiled_circular_is_the_circular_its_file_gives(circular_id: str, fresh_cache: None) -> None:
    compiled, parsed = _catalog.load_circular(circular_id), from_text(circular_id)
    assert compiled == parsed
    assert compiled.model_dump_json() == parsed.model_dump_json()  # same order of keys, too


def test_an_entry_whose_hash_does_not_match_is_not_used(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    name = "kalbar-se-800-01-2024.yaml"
    entries = copy.deepcopy(_catalog._compiled())
    entries[name]["data"]["title"] = "Tampered"
    monkeypatch.setattr(_catalog, "_compiled", lambda: entries)
    # The control: with its hash matching, the compiled data is what is loaded.
    assert _catalog.load_circular("kalbar-se-800-01-2024").title == "Tampered"
    _catalog._load_catalog_entry.cache_clear()
    entries[name]["sha256"] = "0" * 64  # the rule file changed since the catalog was compiled
    assert _catalog.load_circular("kalbar-se-800-01-2024") == from_text("kalbar-se-800-01-2024")


def test_a_missing_or_damaged_compiled_file_is_no_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                         fresh_cache: None) -> None:
    for content in (None, "{not json", "[1, 2]"):
        package = tmp_path / str(content is None) / "wfrules"
        package.mkdir(parents=True, exist_ok=True)
        if content is not None:
            (package / _catalog.COMPILED).write_text(content, encoding="utf-8")
        monkeypatch.setattr(_catalog, "_package", lambda p=package: p)
        _catalog._compiled.cache_clear()
        assert _catalog._compiled() == {}
    monkeypatch.undo()
    _catalog._compiled.cache_clear()
    assert _catalog._compiled()  # the shipped one again
