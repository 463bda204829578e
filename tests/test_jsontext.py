"""``wfrules._jsontext.dumps`` writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import enum
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wfrules
from wfrules._jsontext import dumps
from wfrules._render import render_json

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024"


def reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


# Scalars of every JSON kind, with text that needs escaping (quotes, backslashes, controls, non-ASCII,
# astral characters, lone surrogates) and floats of every spelling (NaN, infinities, -0.0, exponents).
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.text(alphabet=st.characters(codec=None, categories=None), max_size=8)
    | st.sampled_from(['"', "\\", "\n\t\x00\x1f\x7f", "é – ü", "\u2028\u2029", "😀", "\ud800"])
)
keys = st.text(max_size=6) | st.sampled_from(["", "a", '"', "é", "\n"])
# Values nested any way, including empty and nested-empty lists and objects, tuples, and lists all of one
# scalar kind (the fast joins) next to mixed ones.
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=5).map(tuple)
        | st.lists(st.text(), max_size=5)
        | st.lists(st.integers(), max_size=5)
        | st.dictionaries(keys, inner, max_size=5)
    ),
    max_leaves=40,
)


@given(json_values)
def test_dumps_is_json_dumps_with_indent(value: Any) -> None:
    assert dumps(value) == reference(value)


@given(json_values, st.integers(min_value=0, max_value=4))
def test_nested_text_is_json_dumps_shifted(value: Any, depth: int) -> None:
    """``dumps(value, indent)`` is the text of ``value`` nested ``depth`` levels deep in a larger document."""
    indent = "  " * depth
    expected = reference(value).replace("\n", "\n" + indent)
    assert dumps(value, indent) == expected
    # ... which is what json writes for it there.
    wrapped: Any = value
    for _ in range(depth):
        wrapped = [wrapped]
    whole = reference(wrapped)
    assert ("  " * depth + dumps(value, indent)) in whole


@given(st.dictionaries(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
                       st.integers() | st.text(max_size=3), max_size=6))
def test_non_string_keys_are_spelled_as_json_spells_them(value: dict[Any, Any]) -> None:
    assert dumps(value) == reference(value)


class Colour(enum.IntEnum):
    RED = 1


class Name(str):
    pass


def test_subclasses_are_written_as_their_base() -> None:
    value = {"n": Colour.RED, "s": Name("x"), "l": [Colour.RED, Name("y"), True], Name("k"): (1.5, -0.0)}
    assert dumps(value) == reference(value)


def test_special_floats() -> None:
    value = [math.nan, math.inf, -math.inf, 1e300, 5e-324, -0.0, {"x": math.nan}]
    assert dumps(value) == reference(value)


def test_what_is_not_json_raises_as_json_does() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): 1})


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("roster", ["roster-violating.json", "roster-compliant.csv"])
def test_real_reports_are_the_old_render(roster: str, lang: str) -> None:
    report = wfrules.check(
        wfrules.load_roster(EXAMPLES / roster),
        wfrules.load_circular("kalbar-se-800-01-2024"), lang=lang,  # type: ignore[arg-type]
    )
    data = report.to_json_dict()
    data["lang"] = lang
    assert render_json(report, lang) == reference(data) + "\n"  # type: ignore[arg-type]
    full = report.to_json_dict(full=True)
    assert dumps(full) == reference(full)
