"""``wfrules schema circular|roster``: the JSON Schema of rule files and of JSON rosters, for editors.

The schema is generated from the pydantic models (so it follows the rule language as it grows) and then
made plain draft-07: ``definitions`` instead of ``$defs``, standard keywords only (no ``discriminator``,
no pydantic ``ge``/``le``), tuples as item lists. It also admits the spellings the loaders accept before
validating: a share written ``"50%"``, a citation written as a plain string, weekdays in any case or in
Indonesian. The schema checks shape and spelling; the loaders still check what a schema cannot say (known
mode and sector names, references between units and employees, rules that no roster could meet).

Committed copies live under ``schema/`` (a test keeps them in sync).

>>> schema = json_schema("circular")
>>> schema["$schema"], sorted(schema["required"])[:3]
('http://json-schema.org/draft-07/schema#', ['id', 'issued', 'issuer'])
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ._circular import Circular
from ._cliutil import EXIT_OK, Context
from ._roster import Roster
from ._vocab import MODE_ALIASES, MODES

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

#: Draft-07 keywords kept as they are; anything else pydantic emits is translated or dropped.
_KEYWORDS = frozenset({
    "$ref", "$comment", "title", "description", "default", "examples", "type", "enum", "const",
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
    "pattern", "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains", "maxProperties",
    "minProperties", "required", "properties", "patternProperties", "additionalProperties", "dependencies",
    "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not", "format",
})
_RENAMED = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
#: ``"50%"``, ``"33,3 %"``: the percentages a share accepts.
PERCENT = r"^\s*[0-9]+([.,][0-9]+)?\s*%\s*$"


def _plain(node: Any) -> Any:
    """``node`` with pydantic's extensions rewritten as draft-07."""
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties", "definitions", "$defs"):
            out["definitions" if key == "$defs" else key] = {name: _plain(sub) for name, sub in value.items()}
        elif key == "prefixItems":
            out["items"] = _plain(value)
            out["additionalItems"] = _plain(node["items"]) if "items" in node else False
        elif key == "items" and "prefixItems" in node:
            continue
        elif key == "$ref":
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "description" and isinstance(value, str):
            # Docstrings become descriptions: keep the prose, drop the doctest examples.
            out[key] = value.split("\n\n>>>")[0].split("\n>>>")[0].strip()
        elif key in _RENAMED:
            out[_RENAMED[key]] = value
        elif key in _KEYWORDS:
            out[key] = _plain(value)
    return out


def _accept(schema: dict[str, Any], definition: str, field: str, alternative: dict[str, Any]) -> None:
    """Let ``definition.field`` also take ``alternative`` (a spelling a loader converts before validating)."""
    properties = schema.get("definitions", {}).get(definition, {}).get("properties", {})
    if field not in properties:
        return  # the model changed: the sync test will show the new schema
    current = properties[field]
    options = current.pop("anyOf", None) or [{k: current.pop(k) for k in list(current) if k not in ("title",
                                                                                                        "description",
                                                                                                        "default")}]
    current["anyOf"] = [*options, alternative]


def _any_case(word: str) -> str:
    """A regular expression for ``word`` in any letter case, ``_`` standing for any run of spaces, ``_``, ``-``."""
    return "".join("[\\s_-]+" if c == "_" else f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


def _mode_schema() -> dict[str, Any]:
    """A mode as rosters may spell it: a code or an alias (suggested), in any case (accepted)."""
    spellings = [m.value for m in MODES] + sorted(a for a in MODE_ALIASES if a not in {m.value for m in MODES})
    pattern = "^\\s*(" + "|".join(_any_case(a) for a in spellings) + ")\\s*$"
    return {
        "description": "a mode code (WFO, DL, WFH, WFA, CUTI, SAKIT, IZIN, TK, LIBUR) or an alias (H, HADIR, CT, "
                       "CS, S, I, A, OFF…), in any letter case",
        "anyOf": [{"enum": spellings}, {"type": "string", "pattern": pattern}],
    }


_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}


def _loosen_conditions(node: Any) -> None:
    """Let ``{name: [values]}`` maps (rule ``context``, employee ``where``/``unless``) take one value or a list
    of texts, numbers or booleans, as the loader does (``ppkm_level: 2``, ``service_24h: true``)."""
    if isinstance(node, dict):
        extra = node.get("additionalProperties")
        if (node.get("type") == "object" and isinstance(extra, dict) and extra.get("type") == "array"
                and extra.get("items") == {"type": "string"}):
            node["additionalProperties"] = {"anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]}
        for value in node.values():
            _loosen_conditions(value)
    elif isinstance(node, list):
        for value in node:
            _loosen_conditions(value)


def json_schema(kind: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of a rule file (``circular``) or of a JSON roster (``roster``)."""
    model: type[Circular] | type[Roster] = Circular if kind == "circular" else Roster
    if kind not in ("circular", "roster"):
        raise ValueError(f"no schema for {kind!r}: 'circular' or 'roster'")
    raw = model.model_json_schema(mode="validation", by_alias=True)
    schema: dict[str, Any] = {"$schema": DRAFT_07, **_plain(raw)}
    if kind == "circular":
        percent = {"type": "string", "pattern": PERCENT}
        _accept(schema, "ShareLimit", "max", percent)
        _accept(schema, "ShareLimit", "min", percent)
        _accept(schema, "Rule", "citation", {"type": "string", "minLength": 1})
        # Several windows may be written as a list (the loader reads it as ``any_of``).
        _accept(schema, "Rule", "window", {"type": "array", "items": {"$ref": "#/definitions/Window"}})
        # Conditions on context values and employee attributes: one value or a list, as text, number or yes/no.
        _loosen_conditions(schema)
        weekdays = schema.get("definitions", {}).get("Window", {}).get("properties", {}).get("weekdays")
        if weekdays and isinstance(weekdays.get("items"), dict):
            # mon…sun in any case, or senin…minggu: the loader normalises them.
            weekdays["items"] = {"type": "string", "minLength": 2}
    if kind == "roster" and "Mode" in schema.get("definitions", {}):
        schema["definitions"]["Mode"] = _mode_schema()
    schema["title"] = {"circular": "wfrules rule file (a circular)", "roster": "wfrules roster (JSON)"}[kind]
    return schema


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the CLI."""
    cmd = commands.add_parser("schema", help="print the JSON Schema of rule files or JSON rosters (for editors)")
    cmd.add_argument("kind", choices=["circular", "roster"], help="which file format")


def run(args: argparse.Namespace, ctx: Context) -> tuple[int, str]:
    """Print the schema as indented JSON."""
    return EXIT_OK, json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2) + "\n"
