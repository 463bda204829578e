"""The engine builds each violation once, without validating it (``Violation._trusted``), with its message
rendered before it exists (``message_of``, cached per rule and numbers): what it builds must be exactly the
violation a validating constructor makes from the same values, on every catalog circular and roster."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

import pytest

import wfrules
from wfrules import Violation
from wfrules._messages import Lang
from wfrules._report import FIELDS_LOCATED, FIELDS_UNLOCATED, message_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: roster -> (circulars, context table or None): every catalog example, amendments and employee filters too.
CASES: dict[str, tuple[list[str], str | None]] = {
    "kalbar-2024/roster-violating.json": (["kalbar-se-800-01-2024"], None),
    "kalbar-2024/roster-violating.csv": (["kalbar-se-800-01-2024"], None),
    "menpanrb-se-25-2021/roster.json": (["menpanrb-se-25-2021"], "menpanrb-se-25-2021/levels.csv"),
    "menpanrb-se-05-2022/roster.json": (["menpanrb-se-25-2021", "menpanrb-se-05-2022"],
                                        "menpanrb-se-05-2022/levels.csv"),
    "menpanrb-se-02-2026/roster.json": (["menpanrb-se-02-2026"], None),
    "pemkab-bogor-se-000-8-3-578-org-2026/roster.json": (["pemkab-bogor-se-000-8-3-578-org-2026"], None),
    "pemprov-dki-bkd-se-e-0021-2025/roster.json": (["pemprov-dki-bkd-se-e-0021-2025"], None),
    "pemprov-dki-bkd-se-e-0021-2025/roster.csv": (["pemprov-dki-bkd-se-e-0021-2025"], None),
}


def _report(roster: str, lang: Lang, *, built: bool = False) -> wfrules.Report:
    circulars, context = CASES[roster]
    loaded = wfrules.load_roster(EXAMPLES / roster)
    if built:  # the same roster built in Python: no file, no lines
        loaded = wfrules.Roster.model_validate(loaded.model_dump())
    return wfrules.check(
        loaded, [wfrules.load_circular(c) for c in circulars], lang=lang,
        context=wfrules.load_context(EXAMPLES / context) if context else None,
    )


#: A roster and a circular of the kinds the catalog's examples do not break: a minimum nobody can meet
#: (``changeable``), a headcount, a forbidden mode, a share of a list of modes and of staff.
SMALL_ROSTER = {
    "units": [{"id": "bkd", "sector": "government_administration"}],
    "employees": [{"id": f"e{i}", "unit": "bkd"} for i in range(4)],
    "assignments": [{"employee": f"e{i}", "date": "2024-04-16", "mode": m}
                    for i, m in enumerate(["WFH", "CUTI", "WFA", "LIBUR"])],
}
SMALL_CIRCULAR = {
    "id": "demo", "number": "1/2024", "title": "Demo", "issuer": "BKD", "jurisdiction": "demo",
    "issued": "2024-04-13",
    "rules": [
        {"id": "three-onsite", "limit": {"kind": "headcount", "modes": ["WFO"], "min": 3}},
        {"id": "no-wfa", "severity": "warning", "limit": {"kind": "forbid", "modes": ["WFA"]}},
        {"id": "half-of-remote-wfh", "limit": {"kind": "share", "modes": ["WFA"], "max": 0.4,
                                               "of": ["WFH", "WFA"], "rounding": "down"}},
        {"id": "all-staff-onsite", "limit": {"kind": "share", "modes": ["onsite"], "min": 1, "of": "staff"}},
    ],
}


def _all_violations() -> list[tuple[str, Lang, bool, Violation]]:
    found = []
    for lang in ("en", "id"):
        small = wfrules.check(wfrules.Roster.model_validate(SMALL_ROSTER),
                              wfrules.Circular.model_validate(SMALL_CIRCULAR), lang=lang)
        assert len(small.violations) == 4
        found += [("small", lang, True, v) for v in small.violations]
    for roster in CASES:
        for lang in ("en", "id"):
            for built in (False, True):
                found += [(roster, lang, built, v) for v in _report(roster, lang, built=built).violations]
    return found


@pytest.fixture(scope="module")
def violations() -> list[tuple[str, Lang, bool, Violation]]:
    return _all_violations()


def test_the_cases_cover_every_way_a_violation_is_built(violations: list[tuple[str, Lang, bool, Violation]]) -> None:
    # Else the comparisons below would miss a path of the engine.
    built = [v for *_, v in violations]
    assert any("amended_by" in v.required for v in built)
    assert any("employees" in v.required for v in built)
    assert any("changeable" in v.required for v in built)
    assert any(v.required["kind"] == "share" for v in built)
    assert {"share", "headcount", "forbid"} <= {v.required["kind"] for v in built}
    assert any(not isinstance(v.required.get("of", ""), str) for v in built)
    assert any("min" in v.required for v in built)
    assert any("max" in v.required for v in built)
    assert any(v.file is None for v in built)
    assert any(v.file is not None for v in built)


def test_a_built_violation_is_the_validated_one(violations: list[tuple[str, Lang, bool, Violation]]) -> None:
    for _, lang, built, violation in violations:
        given = {name: getattr(violation, name) for name in violation.model_fields_set}
        validated = Violation(**given)
        assert violation == validated
        assert violation.__dict__ == validated.__dict__
        assert list(violation.__dict__) == list(Violation.model_fields)  # declaration order, as validation keeps
        assert violation.model_fields_set == validated.model_fields_set
        assert violation.model_fields_set == (FIELDS_UNLOCATED if built else FIELDS_LOCATED)
        assert violation.model_dump(mode="json") == validated.model_dump(mode="json")
        assert violation.model_dump_json() == validated.model_dump_json()
        assert violation.model_dump(exclude_unset=True) == validated.model_dump(exclude_unset=True)
        assert Violation.model_validate(violation.model_dump()) == violation
        # The types a validator would have made.
        assert type(violation.date) is dt.date
        assert type(violation.employees) is tuple
        assert all(type(e) is str for e in violation.employees)
        assert type(violation.lines) is tuple
        assert all(type(n) is int for n in violation.lines)
        assert len(violation.lines) == (0 if built else len(violation.employees))
        assert violation.excess >= 1
        # The cached message is the one rendered from the violation's own numbers.
        assert violation.message == violation.render_message(lang)


def test_violations_share_no_mutable_parts(violations: list[tuple[str, Lang, bool, Violation]]) -> None:
    """Per-rule parts are cached, but each violation has its own ``actual``, ``required`` and modes list."""
    seen: dict[int, Violation] = {}
    for *_, violation in violations:
        for part in (violation.actual, violation.required, violation.actual["modes"]):
            assert seen.setdefault(id(part), violation) is violation


def test_a_copy_with_other_numbers_renders_its_own_message() -> None:
    violation = _report("kalbar-2024/roster-violating.json", "en").violations[0]
    actual: dict[str, Any] = {**violation.actual, "count": violation.actual["count"] + 5}
    changed = violation.model_copy(update={"actual": actual, "excess": violation.excess + 5})
    assert changed.render_message("en") == message_of(actual, changed.required, changed.excess, True, "en")
    assert changed.render_message("en") != violation.render_message("en")
    assert str(violation.actual["count"] + 5) in changed.render_message("en")


def test_messages_in_the_other_language_are_those_of_a_check_in_it() -> None:
    for roster in CASES:
        english, indonesian = _report(roster, "en"), _report(roster, "id")
        # (Messages only: the citation of an amended rule stays in the language of the check.)
        assert [v.message for v in english.in_lang("id").violations] == [v.message for v in indonesian.violations]
        assert [v.message for v in indonesian.in_lang("en").violations] == [v.message for v in english.violations]


def test_the_collector_paused_while_violations_are_built_is_left_as_it_was() -> None:
    roster = wfrules.Roster.model_validate(SMALL_ROSTER)
    circular = wfrules.Circular.model_validate(SMALL_CIRCULAR)
    assert gc.isenabled()
    assert wfrules.check(roster, circular).violations
    assert gc.isenabled()
    gc.disable()
    try:
        assert wfrules.check(roster, circular).violations
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restored_when_check_raises() -> None:
    """``check`` pauses the collector for the whole evaluation; an input error inside must not leave it off."""
    ppkm = wfrules.load_circular("menpanrb-se-25-2021")
    roster = wfrules.load_roster(EXAMPLES / "menpanrb-se-25-2021" / "roster.json")
    assert gc.isenabled()
    with pytest.raises(wfrules.WfrulesError):
        wfrules.check(roster, ppkm)  # its rules need a context table (PPKM levels), none given
    assert gc.isenabled()


def test_evaluate_called_directly_also_leaves_the_collector_as_it_was() -> None:
    """``tally`` and ``evaluate`` (public: a service may count once and evaluate several circulars) run with the
    collector paused and restore it, whether it was on or off."""
    roster = wfrules.Roster.model_validate(SMALL_ROSTER)
    circular = wfrules.Circular.model_validate(SMALL_CIRCULAR)
    from wfrules._resolve import Resolver

    counts = wfrules.tally(roster)
    assert gc.isenabled()
    assert wfrules.evaluate(counts, [circular], resolver=Resolver([circular], roster=roster)).violations
    assert gc.isenabled()
    gc.disable()
    try:
        wfrules.tally(roster)
        assert not gc.isenabled()
    finally:
        gc.enable()
