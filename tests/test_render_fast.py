"""The JSON report writes each violation straight from its fields, and renderers format each distinct message
once: both must say exactly what the dump of the violation (``model_dump(mode="json")``) and
``render_message`` say, for violations of every shape, engine-built or built by hand."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import wfrules
from wfrules import Violation
from wfrules._jsontext import dumps
from wfrules._messages import Lang
from wfrules._render import _Messages, _violation_json, _Wrapper, render_json
from wfrules._report import Report, message_key, message_of
from wfrules._vocab import Mode

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Values as a hand-built violation may hold them in ``actual`` and ``required``: JSON of every kind, and
# what pydantic's dump converts (dates, NaN and the infinities, string enums, tuples, int keys).
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=6)
    | st.sampled_from([Mode.WFO, Mode.WFH, dt.date(2024, 4, 16), -0.0, 0.0, 0, 1, 1.0, True, "é\n\"", "\ud800"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        | st.dictionaries(st.integers(0, 3), inner, max_size=2)
    ),
    max_leaves=12,
)
numbers = st.integers(0, 40) | st.sampled_from([0.0, -0.0, 0.5, 1.0, 2.5, 1, True, 0.4286])
shares = st.sampled_from([0, 1, 0.0, -0.0, 0.5, 1.0, 0.25, 0.3333, True, 2])
modes = st.lists(st.sampled_from(["WFO", "WFH", "WFA", "DL", Mode.WFA]), min_size=1, max_size=3)


@st.composite
def numbers_of(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """``actual`` and ``required`` of the shapes the engine writes, with numbers of any type and sign."""
    kind = draw(st.sampled_from(["share", "headcount", "forbid"]))
    actual: dict[str, Any] = {"modes": draw(modes | modes.map(tuple)), "count": draw(numbers)}
    required: dict[str, Any] = {"kind": kind, draw(st.sampled_from(["max", "min"])): draw(numbers)}
    if kind == "share":
        actual |= {"denominator": draw(numbers), "share": draw(shares)}
        of = draw(st.sampled_from(["listed", "working", "staff"]) | modes | modes.map(tuple))
        required |= {"share": draw(shares), "of": of, "rounding": "down"}
    if draw(st.booleans()):
        required["move_to"] = draw(st.sampled_from(["WFO", "WFH", Mode.WFO, 3]))
    if draw(st.booleans()):
        required["changeable"] = draw(numbers)
    if draw(st.booleans()):
        required["employees"] = {"ranks": ["III/a"]}
    if draw(st.booleans()):
        actual[draw(st.text(max_size=3))] = draw(values)
    return actual, required


employee_ids = st.text(max_size=8) | st.sampled_from(["198000000000000004", "é", "a,b"])


@st.composite
def violations(draw: st.DrawFn) -> Violation:
    actual, required = draw(numbers_of())
    employees = tuple(draw(st.lists(employee_ids, max_size=4)))
    located = draw(st.booleans())
    fields: dict[str, Any] = {
        "rule": draw(st.text(max_size=5)), "circular": "demo", "citation": draw(st.text(max_size=8)),
        "severity": draw(st.sampled_from(["error", "warning"])), "unit": draw(st.text(min_size=1, max_size=5)),
        "sector": "health", "date": draw(st.dates()), "excess": draw(st.integers(1, 2**40)),
        "employees": employees, "message": draw(st.text(max_size=5)), "actual": actual, "required": required,
        "fixable": draw(st.booleans()),
    }
    if located:
        fields |= {"file": draw(st.text(max_size=8)),
                   "lines": tuple(draw(st.lists(st.integers(0, 2**33), min_size=len(employees),
                                                max_size=len(employees))))}
    return Violation(**fields)


@st.composite
def constructed(draw: st.DrawFn) -> Violation:
    """A violation built without validation (``model_construct``), some field of another type than declared:
    what its dump writes is pydantic's business, and the renderer must write the same."""
    violation = draw(violations())
    name, value = draw(st.sampled_from([
        ("date", dt.datetime(2024, 4, 16, 8, 30)), ("date", "2024-04-16"), ("excess", 2.0), ("excess", True),
        ("employees", ["e1", "e2"]), ("employees", ("e1", 3)), ("lines", [3, 4]), ("lines", (True, 2)),
        ("file", Path("r.csv")), ("fixable", 1), ("rule", Mode.WFO), ("unit", 7), ("actual", {"count": (1, 2)}),
    ]))
    return Violation.model_construct(**(dict(violation) | {name: value}))


def _reference(violation: Violation, message: str) -> str:
    data = violation.model_dump(mode="json")
    data["message"] = message
    return json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n    ")


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydantic warns of the unexpected types it dumps
@settings(max_examples=300)
@given(violations() | constructed(), st.sampled_from(["en", "id"]))
def test_a_violation_written_from_its_fields_is_its_dump(violation: Violation, lang: Lang) -> None:
    try:
        message = violation.render_message(lang)
    except (KeyError, TypeError, ValueError):
        message = "m"
    written = _violation_json(violation, message)
    if written is not None:  # else the renderer dumps it (a value pydantic converts)
        assert written == _reference(violation, message) == dumps(violation.model_dump(mode="json") | {
            "message": message}, "    ")


@settings(max_examples=300)
@given(violations(), violations(), st.sampled_from(["en", "id"]))
def test_violations_with_one_message_key_have_one_message(first: Violation, second: Violation, lang: Lang) -> None:
    key = message_key(first)
    if key is None:
        return
    assume(key == message_key(second) or first.excess == second.excess)
    try:
        message = first.render_message(lang)
    except (KeyError, TypeError, ValueError, AttributeError):
        return
    if key == message_key(second):
        assert second.render_message(lang) == message
    # The cache of a report's messages gives each violation its own message.
    cache = _Messages(lang)
    assert cache(first) == message
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
        assert cache(second) == second.render_message(lang)


def test_zero_shares_of_either_sign_are_told_apart() -> None:
    """``-0.0 == 0.0``, but ``_pct`` prints ``-0%`` for one: a key must not mistake one for the other."""
    actual = {"modes": ["WFH"], "count": 1, "denominator": 2, "share": 0.0}
    base = {"kind": "share", "max": 0, "share": 0.5, "of": "listed", "rounding": "down"}
    fields: dict[str, Any] = {"rule": "r", "circular": "c", "citation": "x", "severity": "error", "unit": "u",
                              "sector": "health", "date": dt.date(2024, 4, 16), "excess": 1, "employees": (),
                              "message": "", "required": base}
    plus = Violation(**fields, actual=actual)
    minus = Violation(**fields, actual=actual | {"share": -0.0})
    assert plus.render_message("en") != minus.render_message("en")
    assert message_key(plus) != message_key(minus)
    cache = _Messages("en")
    assert [cache(plus), cache(minus)] == [plus.render_message("en"), minus.render_message("en")]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_engine_violations_take_the_fast_path_and_render_as_dumped(lang: Lang) -> None:
    """Every violation the engine builds for the examples is written from its fields (none falls back), and the
    whole report is the dump of its dict."""
    cases = [("kalbar-2024/roster-violating.csv", ["kalbar-se-800-01-2024"], None),
             ("menpanrb-se-05-2022/roster.json", ["menpanrb-se-25-2021", "menpanrb-se-05-2022"],
              "menpanrb-se-05-2022/levels.csv"),
             ("pemprov-dki-bkd-se-e-0021-2025/roster.json", ["pemprov-dki-bkd-se-e-0021-2025"], None)]
    for roster, circulars, context in cases:
        report = wfrules.check(wfrules.load_roster(EXAMPLES / roster), [wfrules.load_circular(c) for c in circulars],
                               context=wfrules.load_context(EXAMPLES / context) if context else None)
        assert report.violations
        for violation in report.violations:
            message = violation.render_message(lang)
            assert message_key(violation) is not None
            assert _violation_json(violation, message) == _reference(violation, message)
            assert message_of(violation.actual, violation.required, violation.excess, violation.fixable,
                              lang) == message
        data = report.in_lang(lang).to_json_dict()
        data["lang"] = lang
        assert render_json(report, lang) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=60)
@given(st.lists(violations(), max_size=4), st.sampled_from(["en", "id"]))
def test_a_report_of_hand_built_violations_renders_as_its_dump(found: list[Violation], lang: Lang) -> None:
    report = Report(ok=False, circulars=("demo",), violations=tuple(found), summary={"violations": len(found)})
    try:
        expected_data = report.in_lang(lang).to_json_dict()
    except (KeyError, TypeError, ValueError, AttributeError):
        return  # a message that cannot be rendered: the renderer raises too
    expected_data["lang"] = lang
    assert render_json(report, lang) == json.dumps(expected_data, ensure_ascii=False, indent=2) + "\n"


# Words as the text report wraps them (ids, numbers, file paths, clauses) and what makes wrapping hard:
# hyphens in every position, em-dashes, punctuation, letters of other scripts, whitespace other than a space.
word_chars = st.sampled_from([*"aZé9-—,.;:/“”!?'\"_", "--", "---", "a-b", "ab-", "-ab", "Ω", "\xa0"])
words = st.lists(word_chars, min_size=0, max_size=14).map("".join)
gaps = st.sampled_from([" "] * 12 + ["  ", "\t", "\n", "\u3000"])


@settings(max_examples=600)
@given(st.lists(st.tuples(words, gaps), max_size=14), st.integers(8, 40), st.integers(0, 6), st.integers(0, 6))
def test_the_wrapper_wraps_as_textwrap(parts: list[tuple[str, str]], width: int, first: int, rest: int) -> None:
    text = "".join(word + gap for word, gap in parts).rstrip(" ") if parts else ""
    initial, subsequent = " " * first, " " * rest
    wrapper = _Wrapper(width, initial, subsequent)
    reference = textwrap.TextWrapper(width=width, initial_indent=initial, subsequent_indent=subsequent)
    expected = reference.wrap(text)
    assert wrapper(text) == expected
    assert wrapper(text) == expected  # from its memory the second time


def test_plain_texts_take_the_fast_path() -> None:
    wrapper = _Wrapper(30, "    ", "      ")
    text = "roster: /tmp/a-b/roster-violating.csv, lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"
    assert wrapper._plain(text) == textwrap.wrap(text, 30, initial_indent="    ", subsequent_indent="      ")
    assert wrapper._plain("two  spaces") is None
    assert wrapper._plain("a" * 40) is None  # a word to break


@settings(max_examples=100)
@given(st.lists(violations() | constructed(), max_size=3), st.sampled_from(["en", "id"]))
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_report_in_another_language_is_the_model_copy_it_was(found: list[Violation], lang: Lang) -> None:
    """``in_lang`` copies each violation as ``model_copy(update={"message": ...})`` would (or keeps it when
    that copy would be the same), every field and the fields set alike."""
    report = Report(ok=False, circulars=("demo",), violations=(), summary={}).model_copy(
        update={"violations": tuple(found)})
    try:
        expected = [v.model_copy(update={"message": v.render_message(lang)}) for v in found]
    except (KeyError, TypeError, ValueError, AttributeError):
        return
    got = report.in_lang(lang).violations
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        assert type(mine) is type(theirs)
        assert mine.__dict__ == theirs.__dict__
        assert list(mine.__dict__) == list(theirs.__dict__)
        assert mine.model_fields_set == theirs.model_fields_set
        assert mine.__pydantic_extra__ == theirs.__pydantic_extra__
        assert mine.__pydantic_private__ == theirs.__pydantic_private__
