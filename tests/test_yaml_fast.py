"""The fast YAML path (libyaml's scanner under PyYAML's composer) reads exactly what the reference parser
reads: the same data, or the same error at the same place (errors always come from the reference)."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfrules import _yaml
from wfrules._source import SourceError, dump_yaml, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p for folder in ("wfrules/catalog", "examples", "seeds", "tests") for p in (ROOT / folder).rglob("*.y*ml")
)

needs_libyaml = pytest.mark.skipif(_yaml._FAST is None, reason="PyYAML was built without libyaml")


def outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "data", parse(text)
    except SourceError as exc:
        return "error", (exc.message, exc.line, exc.column, exc.hint)


def fast_only(text: str) -> Any:
    """The fast loader alone, with no fall-back: raises whatever it meets."""
    assert _yaml._FAST is not None
    loader = _yaml._FAST(text)
    try:
        return _yaml._load(loader)
    finally:
        loader.dispose()


def test_there_are_yaml_files_to_compare() -> None:
    assert len(YAML_FILES) >= 7
    assert any(p.parent.name == "catalog" for p in YAML_FILES)


@needs_libyaml
@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_file_reads_the_same_by_both_parsers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    reference = outcome(_yaml._parse_yaml_reference, text)
    assert outcome(parse_yaml, text) == reference
    if reference[0] == "data":
        # The fast loader really reads it (the equality above is not the fall-back agreeing with itself).
        assert fast_only(text) == reference[1]


@needs_libyaml
@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                       # duplicate key
    "a: !!str 1\n",                       # a tag
    "a: !custom x\n",
    "a: [1, 2\n",                         # unclosed flow sequence
    "a:\n\t- 1\n",                        # a tab
    "a: b: c\n",
    "a: &x [1]\nb: *y\n",                 # an undefined alias
    "a: \x07\n",                          # a control character
    "[" * 600 + "]" * 600,                # too deep for the composer
    "a: [" + ", ".join(["*x"] * 201) + "]\nx: &x 1\n",
])
def test_bad_yaml_gets_the_reference_parsers_error(text: str) -> None:
    reference = outcome(_yaml._parse_yaml_reference, text)
    assert reference[0] == "error"
    assert outcome(parse_yaml, text) == reference


@needs_libyaml
def test_deep_nesting_never_reaches_libyamls_recursive_composer() -> None:
    # libyaml's own composer recurses in C and crashes the interpreter at a depth of some 30,000; the fast
    # path composes in Python, which stops with an error the reference parser then reports.
    with pytest.raises(SourceError, match="nested too deeply"):
        parse_yaml("[" * 100_000 + "]" * 100_000)


@needs_libyaml
def test_an_alias_bomb_is_refused_as_before() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    text = "\n".join(lines) + "\n"
    reference = outcome(_yaml._parse_yaml_reference, text)
    assert reference[0] == "error"
    assert "expands to more than" in reference[1][0]
    assert outcome(parse_yaml, text) == reference


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(), st.sampled_from(["off", "no", "yes", "08", "1e3", "2024-04-15", "~", "null", "-", "- a", ": b",
                                "#c", "'q'", '"d"', "a: b", "[x]", "{y}", "&a", "*a", "!t", "|", ">"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@needs_libyaml
@given(documents)
def test_dumped_data_reads_the_same_by_both_parsers(data: Any) -> None:
    text = dump_yaml(data)
    assert outcome(parse_yaml, text) == outcome(_yaml._parse_yaml_reference, text)


#: Characters that make YAML structure, so random texts are often almost-YAML.
YAMLISH = string.ascii_letters[:6] + string.digits[:4] + " \n\r\t-:,[]{}#&*!|>'\"?%@`\\.~\x85\u2028\ufeff\u00e9"


@needs_libyaml
@given(st.text(alphabet=YAMLISH, max_size=80))
def test_any_text_reads_the_same_by_both_parsers(text: str) -> None:
    assert outcome(parse_yaml, text) == outcome(_yaml._parse_yaml_reference, text)
