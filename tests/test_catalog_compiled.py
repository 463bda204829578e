"""``wfrules/_catalog.json``: the catalog's validated circulars, so a check against a catalog circular skips the
YAML parser and pydantic's validation. It must match the rule files, and an entry that does not is never used."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from wfrules import _catalog
from wfrules._circular import Circular
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


def assert_identical(built: Any, validated: Any, where: str = "circular") -> None:
    """The same value with the same types all the way down, and each model with the same fields set (what
    ``==`` does not look at: a tuple is not a list, ``"WFO"`` is not ``Mode.WFO``)."""
    assert type(built) is type(validated), where
    if isinstance(built, BaseModel):
        assert built.model_fields_set == validated.model_fields_set, where
        assert built.__pydantic_extra__ == validated.__pydantic_extra__, where
        assert built.__pydantic_private__ == validated.__pydantic_private__, where
        for name in type(built).model_fields:
            assert_identical(getattr(built, name), getattr(validated, name), f"{where}.{name}")
    elif isinstance(built, (tuple, list)):
        assert len(built) == len(validated), where
        for index, (a, b) in enumerate(zip(built, validated, strict=True)):
            assert_identical(a, b, f"{where}[{index}]")
    elif isinstance(built, dict):
        assert list(built) == list(validated), where
        for key in built:
            assert_identical(built[key], validated[key], f"{where}.{key}")
    else:
        assert built == validated, where


@pytest.mark.parametrize("circular_id", _catalog.catalog_ids())
def test_a_compiled_circular_is_built_without_validation_and_is_identical(circular_id: str,
                                                                          fresh_cache: None) -> None:
    entry = next(v for k, v in _catalog._compiled().items() if k.rsplit(".", 1)[0] == circular_id)
    assert "model" in entry  # every catalog circular is stored as a model, not as data to validate
    built = _catalog.decode_model(entry["model"])
    assert isinstance(built, Circular)
    assert_identical(built, from_text(circular_id))
    assert _catalog.load_circular(circular_id) is not None


def test_loading_a_catalog_circular_builds_no_validator() -> None:
    # In a fresh interpreter: Circular's validator is built on its first validation (defer_build).
    code = (
        "import wfrules._catalog as c, wfrules._circular as m\n"
        "c.load_circular('kalbar-se-800-01-2024')\n"
        "print(type(m.Circular.__pydantic_validator__).__name__)\n"
        "m.Circular.model_validate(c.load_circular('kalbar-se-800-01-2024').model_dump(by_alias=True))\n"
        "print(type(m.Circular.__pydantic_validator__).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["MockValSer", "SchemaValidator"]  # the control: a validation builds it


def test_the_encoding_refuses_what_it_cannot_give_back() -> None:
    from wfrules._vocab import Mode

    for value in (Mode.WFO, {1: "a"}, {"a"}, frozenset(), b"x", Path(".")):
        with pytest.raises(TypeError):
            _catalog.encode_model(value)
    assert _catalog.decode_model(_catalog.encode_model([("a", 1), {"k": None}])) == [("a", 1), {"k": None}]
    with pytest.raises(ValueError, match="not an encoded value"):
        _catalog.decode_model({"title": "not encoded"})


def test_an_entry_whose_hash_does_not_match_is_not_used(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    name = "kalbar-se-800-01-2024.yaml"
    entries = copy.deepcopy(_catalog._compiled())
    entries[name]["model"]["title"] = "Tampered"
    monkeypatch.setattr(_catalog, "_compiled", lambda: entries)
    # The control: with its hash matching, the compiled data is what is loaded.
    assert _catalog.load_circular("kalbar-se-800-01-2024").title == "Tampered"
    _catalog._load_catalog_entry.cache_clear()
    entries[name]["sha256"] = "0" * 64  # the rule file changed since the catalog was compiled
    assert _catalog.load_circular("kalbar-se-800-01-2024") == from_text("kalbar-se-800-01-2024")


def test_an_entry_the_models_cannot_read_is_validated_from_its_file(monkeypatch: pytest.MonkeyPatch,
                                                                     fresh_cache: None) -> None:
    name = "kalbar-se-800-01-2024.yaml"
    entries = copy.deepcopy(_catalog._compiled())
    monkeypatch.setattr(_catalog, "_compiled", lambda: entries)
    for damage in ({"$model": "NoSuchModel"}, {"$model": "Mode", "$unset": []}, ["a", "list"]):
        entries[name]["model"] = damage  # e.g. written by another version of the models
        _catalog._load_catalog_entry.cache_clear()
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


def test_a_rule_file_that_does_not_validate_keeps_its_data_and_is_reported_when_loaded(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_cache: None) -> None:
    from wfrules import CircularError

    package = tmp_path / "wfrules"
    (package / "catalog").mkdir(parents=True)
    good = (CATALOG / "kalbar-se-800-01-2024.yaml").read_text(encoding="utf-8")
    (package / "catalog" / "kalbar-se-800-01-2024.yaml").write_text(good, encoding="utf-8")
    (package / "catalog" / "broken.yaml").write_text(good.replace("issuer:", "isuer:", 1), encoding="utf-8")
    monkeypatch.setattr(_catalog, "_package", lambda: package)
    entries = json.loads(_catalog.compile_catalog())
    assert sorted(entries["kalbar-se-800-01-2024.yaml"]) == ["model", "sha256"]
    assert sorted(entries["broken.yaml"]) == ["data", "sha256"]  # the control: the same file, broken
    (package / _catalog.COMPILED).write_text(json.dumps(entries), encoding="utf-8")
    _catalog._compiled.cache_clear()
    try:
        with pytest.raises(CircularError, match="isuer"):
            _catalog.load_circular("broken")
    finally:
        _catalog._compiled.cache_clear()
