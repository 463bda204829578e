"""The structured records of the seed documents (``seeds/NNN-<slug>.yaml``) and their links to the catalog.

Each seed record lists what a seed article says that matters for WFO/WFH rostering, and for each fact the
catalog rule that encodes it (``"<catalog id>#<rule id>"``) or ``null`` with a note. These tests keep the
records well-formed and every reference in them resolvable. They read only this repository (not the
seed texts themselves, which live outside it).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import wfrules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.yaml"))

TOP_KEYS = {"seed", "title", "publisher", "published", "place", "summary", "circulars", "facts"}
CIRCULAR_KEYS = {"number", "issuer", "issued", "catalog"}
FACT_KEYS = {"claim", "quote", "encoded_as"}
FACT_OPTIONAL_KEYS = {"note"}
REFERENCE = re.compile(r"[a-z0-9][a-z0-9._-]*#[a-z0-9][a-z0-9._-]*")
MAX_QUOTE_CHARS = 300  # a clause or two, never a copy of the article

KALBAR = "kalbar-se-800-01-2024"
MENPANRB = "menpanrb-se-01-2024"
ESSENTIAL_SECTORS = {
    "health", "security_order", "disaster", "energy", "logistics", "transport_distribution",
    "vital_object", "strategic_project", "construction", "basic_utility",
}


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: a seed record must be a mapping"
    return data


def _seed(prefix: str) -> dict[str, Any]:
    (path,) = (p for p in SEED_FILES if p.name.startswith(f"{prefix}-"))
    return _load(path)


def _references() -> list[tuple[str, str]]:
    """Every (seed file, encoded_as) pair that names a rule."""
    return [
        (path.name, fact["encoded_as"])
        for path in SEED_FILES
        for fact in _load(path)["facts"]
        if fact.get("encoded_as") is not None
    ]


def _catalog_refs() -> list[tuple[str, str]]:
    """Every (seed file, catalog id) pair of the circulars the seeds mention."""
    return [
        (path.name, circular["catalog"])
        for path in SEED_FILES
        for circular in _load(path)["circulars"]
        if circular.get("catalog") is not None
    ]


def test_there_is_one_record_per_seed_000_to_004() -> None:
    prefixes = [path.name.split("-", 1)[0] for path in SEED_FILES]
    assert prefixes == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_record_has_the_documented_shape(path: Path) -> None:
    data = _load(path)
    assert set(data) == TOP_KEYS, f"{path.name}: keys differ from the documented shape"
    for key in ("seed", "title", "publisher", "place", "summary"):
        assert isinstance(data[key], str), f"{path.name}: {key} must be a string"
        assert data[key].strip(), f"{path.name}: {key} is empty"
    assert data["published"] is None or isinstance(data["published"], dt.date)
    assert isinstance(data["circulars"], list)
    for circular in data["circulars"]:
        assert set(circular) == CIRCULAR_KEYS, f"{path.name}: circular keys {sorted(circular)}"
        assert isinstance(circular["number"], str)
        assert circular["issued"] is None or isinstance(circular["issued"], dt.date)
    assert isinstance(data["facts"], list)
    assert data["facts"], f"{path.name}: list at least one relevant fact"
    for fact in data["facts"]:
        assert FACT_KEYS <= set(fact) <= FACT_KEYS | FACT_OPTIONAL_KEYS, f"{path.name}: fact keys {sorted(fact)}"
        for key in ("claim", "quote"):
            assert isinstance(fact[key], str), f"{path.name}: {key} must be a string"
            assert fact[key].strip(), f"{path.name}: {key} is empty"
        assert len(" ".join(fact["quote"].split())) <= MAX_QUOTE_CHARS, f"{path.name}: quote too long"
        if fact["encoded_as"] is None:
            note = fact.get("note")
            assert isinstance(note, str), f"{path.name}: say in 'note' why {fact['claim']!r} is not encoded"
            assert note.strip(), f"{path.name}: empty note on {fact['claim']!r}"


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_record_names_the_seed_with_its_own_prefix(path: Path) -> None:
    data = _load(path)
    prefix = path.name.split("-", 1)[0]
    assert data["seed"].startswith(f"{prefix}_"), f"{path.name} describes {data['seed']}"
    assert data["seed"].endswith(".txt")


@pytest.mark.parametrize(("seed_file", "ref"), _references())
def test_encoded_as_names_a_catalog_rule(seed_file: str, ref: str) -> None:
    assert REFERENCE.fullmatch(ref), f"{seed_file}: {ref!r} is not '<catalog id>#<rule id>'"
    circular_id, _, rule_id = ref.partition("#")
    rule = wfrules.load_circular(circular_id).rule(rule_id)
    assert rule.id == rule_id


@pytest.mark.parametrize(("seed_file", "circular_id"), _catalog_refs())
def test_mentioned_circular_is_in_the_catalog(seed_file: str, circular_id: str) -> None:
    assert wfrules.load_circular(circular_id).id == circular_id, seed_file


def test_seed_002_maps_every_rule_of_the_kalbar_circular() -> None:
    referenced = {
        fact["encoded_as"].partition("#")[2]
        for fact in _seed("002")["facts"]
        if fact["encoded_as"] is not None and fact["encoded_as"].startswith(f"{KALBAR}#")
    }
    rules = {rule.id for rule in wfrules.load_circular(KALBAR).rules}
    assert rules - referenced == set(), "rules of the Kalbar circular that no fact of seed 002 maps"


def test_seed_002_records_both_circulars_with_their_catalog_ids() -> None:
    catalogs = {circular["catalog"] for circular in _seed("002")["circulars"]}
    assert catalogs == {KALBAR, MENPANRB}


def test_menpanrb_circular_has_its_two_rules_on_16_and_17_april() -> None:
    circular = wfrules.load_circular(MENPANRB)
    assert [rule.id for rule in circular.rules] == ["direct-services-wfo-100", "administration-wfh-max-50"]
    for rule in circular.rules:
        assert rule.applies_on(dt.date(2024, 4, 16))
        assert rule.applies_on(dt.date(2024, 4, 17))
        assert not rule.applies_on(dt.date(2024, 4, 15))
        assert not rule.applies_on(dt.date(2024, 4, 18))
    assert MENPANRB in wfrules.load_circular(KALBAR).based_on


def test_menpanrb_caps_administration_at_half_rounded_down() -> None:
    rule = wfrules.load_circular(MENPANRB).rule("administration-wfh-max-50")
    assert rule.limit.max == 0.5
    assert rule.limit.bound(7) == 3
    assert rule.scope.matches("setda", "government_administration", ())
    assert rule.scope.matches("prokopim", "leadership_support", ())


@pytest.mark.parametrize("sector", ["education", "other"])
def test_menpanrb_sets_no_cap_on_sectors_it_does_not_name(sector: str) -> None:
    circular = wfrules.load_circular(MENPANRB)
    assert [rule.id for rule in circular.rules if rule.scope.matches("u", sector, ("direct_service",))] == []


def test_post_is_100_percent_wfo_nationally_but_not_in_kalbar() -> None:
    national = wfrules.load_circular(MENPANRB).rule("direct-services-wfo-100")
    kalbar = wfrules.load_circular(KALBAR).rule("essential-wfo-100")
    assert national.limit.max == 0
    assert national.scope.matches("kantor-pos", "post", ())
    assert not kalbar.scope.matches("kantor-pos", "post", ())


def test_the_two_circulars_share_every_other_essential_sector() -> None:
    national = wfrules.load_circular(MENPANRB).rule("direct-services-wfo-100")
    kalbar = wfrules.load_circular(KALBAR).rule("essential-wfo-100")
    assert set(kalbar.scope.sectors or ()) == ESSENTIAL_SECTORS
    assert set(national.scope.sectors or ()) == ESSENTIAL_SECTORS | {"post"}
