"""``wfrules schema circular|roster``: draft-07 JSON Schemas that accept every file the loaders accept.

The committed copies under ``schema/`` must equal what the command prints (refresh them with
``wfrules schema circular > schema/circular.schema.json`` and the same for ``roster``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft7Validator

import wfrules
from tests.rule_strategies import circular_dicts
from tests.strategies import rosters
from wfrules._cli import main
from wfrules._cmd_schema import _KEYWORDS, json_schema
from wfrules._source import parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def validator(kind: str) -> Draft7Validator:
    return Draft7Validator(json_schema(kind), format_checker=Draft7Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("kind", ["circular", "roster"])
def test_the_committed_schema_is_what_the_command_prints(kind: str) -> None:
    out = io.StringIO()
    assert main(["schema", kind], stdout=out) == 0
    committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert json.loads(out.getvalue()) == json.loads(committed), (
        f"schema/{kind}.schema.json is stale: run 'wfrules schema {kind} > schema/{kind}.schema.json'")


def _keys(node: Any, parent: str | None = None) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if parent not in ("properties", "definitions", "patternProperties"):
                found.add(key)
            found |= _keys(value, key)
    elif isinstance(node, list):
        for item in node:
            found |= _keys(item)
    return found


@pytest.mark.parametrize("kind", ["circular", "roster"])
def test_the_schema_is_plain_draft_07(kind: str) -> None:
    schema = json_schema(kind)
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert _keys(schema) <= _KEYWORDS | {"$schema", "definitions"}  # no $defs, discriminator, ge, prefixItems
    text = json.dumps(schema)
    assert "#/$defs/" not in text
    assert ">>>" not in text  # doctests stay out of editor tooltips


@pytest.mark.parametrize("path", sorted((ROOT / "wfrules" / "catalog").glob("*.yaml")), ids=lambda p: p.name)
def test_catalog_files_validate(path: Path) -> None:
    errors = list(validator("circular").iter_errors(parse_yaml(path.read_text(encoding="utf-8"))))
    assert errors == []


@pytest.mark.parametrize("path", sorted((ROOT / "examples").rglob("*.json")), ids=lambda p: p.name)
def test_example_rosters_validate(path: Path) -> None:
    assert list(validator("roster").iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []


def test_the_schema_catches_typos() -> None:
    kalbar = parse_yaml((ROOT / "wfrules" / "catalog" / "kalbar-se-800-01-2024.yaml").read_text(encoding="utf-8"))
    circular = validator("circular")
    broken = json.loads(json.dumps(kalbar))
    broken["rules"][0]["severty"] = "error"
    assert any("severty" in e.message for e in circular.iter_errors(broken))
    broken = json.loads(json.dumps(kalbar))
    broken["rules"][0]["limit"]["max"] = "fifty percent"
    assert list(circular.iter_errors(broken))
    broken = json.loads(json.dumps(kalbar))
    broken["issued"] = "13/04/2024"
    assert list(circular.iter_errors(broken))
    roster = validator("roster")
    assert list(roster.iter_errors({"assignments": [{"employee": "e", "date": "2024-04-16", "mode": "WHF"}]}))
    assert not list(roster.iter_errors({"assignments": [{"employee": "e", "date": "2024-04-16", "mode": "cT"}]}))


_CIRCULAR = validator("circular")
_ROSTER = validator("roster")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(circular_dicts())
def test_property_every_valid_rule_file_passes_the_schema(data: dict[str, Any]) -> None:
    wfrules.Circular.model_validate(data)  # the strategy makes valid circulars
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _CIRCULAR.iter_errors(data)]
    assert errors == []


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(max_units=3, max_employees=6))
def test_property_every_valid_roster_passes_the_schema(data: dict[str, Any]) -> None:
    wfrules.Roster.model_validate(data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _ROSTER.iter_errors(data)]
    assert errors == []
