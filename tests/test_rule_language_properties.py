"""Properties of the constructs beyond the seed (hypothesis): amendments, revocations, context lookups,
employee filters, regions, holiday windows and lists of windows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.rule_strategies import ROSTER_DATES, iso, limits, roster_dicts, rule_dicts, single_rule_circular, windows
from wfrules import Circular, ContextTable, Roster, Window, check
from wfrules._calendar import HOLIDAYS, holiday_date, is_working_day, working_days_around
from wfrules._context import ContextError, parse_context_csv
from wfrules._errors import RosterError
from wfrules._regions import ancestors, canonical_region, within

Json = dict[str, Any]
#: The checks below run the engine two or three times per example: half the profile's examples keep the
#: default run quick, and the fuzz profile still scales them up.
TWICE = settings(max_examples=max(20, settings.default.max_examples // 2))


def _circular(data: Json) -> Circular:
    return Circular.model_validate(data)


def _seen(report: Any, predicate: Any = lambda v: True) -> list[tuple[Any, ...]]:
    return [(v.rule, v.unit, v.date, v.excess, v.employees, v.message, v.severity)
            for v in report.violations if predicate(v)]


@TWICE
@given(roster_dicts(), rule_dicts(rule_id="r"), limits(), st.sampled_from(ROSTER_DATES))
def test_an_amendment_on_date_d_equals_the_amended_rule_from_d_and_the_original_before(
    roster: Json, rule: Json, amended: Json, start: dt.date
) -> None:
    base = _circular(single_rule_circular(rule, "base"))
    amending = _circular({**single_rule_circular(rule, "amending"), "rules": [],
                          "amends": [{"circular": "base", "rule": "r", "from": iso(start), "limit": amended}]})
    direct = _circular(single_rule_circular({**rule, "limit": amended}, "base"))
    r = Roster.model_validate(roster)
    both = check(r, [base, amending])
    assert _seen(both, lambda v: v.date >= start) == _seen(check(r, [direct]), lambda v: v.date >= start)
    assert _seen(both, lambda v: v.date < start) == _seen(check(r, [base]), lambda v: v.date < start)
    assert all(v.required.get("amended_by") == "amending" for v in both.violations if v.date >= start)


@TWICE
@given(roster_dicts(), rule_dicts(rule_id="r"), st.sampled_from(ROSTER_DATES), st.booleans())
def test_after_a_revocation_the_rule_has_no_violations_and_before_it_is_unchanged(
    roster: Json, rule: Json, start: dt.date, every_rule: bool
) -> None:
    base = _circular(single_rule_circular(rule, "base"))
    revocation: Json = {"circular": "base", "from": iso(start)}
    if not every_rule:
        revocation["rules"] = ["r"]
    revoking = _circular({**single_rule_circular(rule, "revoking"), "rules": [], "revokes": [revocation]})
    r = Roster.model_validate(roster)
    both = check(r, [base, revoking])
    assert not [v for v in both.violations if v.date >= start]
    assert _seen(both) == _seen(check(r, [base]), lambda v: v.date < start)


REGIONS = ("31", "31.71", "32", "32.73", "61.71", "Kota Bogor")


@st.composite
def context_rows(draw: st.DrawFn) -> list[Json]:
    rows: list[Json] = []
    for region in draw(st.lists(st.sampled_from(REGIONS), unique=True, max_size=len(REGIONS))):
        first = draw(st.sampled_from(ROSTER_DATES))
        last = draw(st.sampled_from([d for d in ROSTER_DATES if d >= first]))
        rows.append({"region": region, "from": iso(first), "to": iso(last), "level": draw(st.integers(1, 4))})
    return rows


@TWICE
@given(roster_dicts(nonempty=True), context_rows(), st.lists(st.sampled_from((*REGIONS, None)), min_size=3,
                                                             max_size=3), st.sets(st.integers(1, 4), min_size=1))
def test_context_lookup_is_total_or_an_input_error(
    roster: Json, rows: list[Json], regions: list[str | None], levels: set[int]
) -> None:
    for unit, region in zip(roster["units"], regions, strict=False):
        if region is not None:
            unit["region"] = region
    table = ContextTable.from_rows(rows)
    rule = {"id": "r", "context": {"level": sorted(levels)}, "limit": {"kind": "forbid", "modes": ["remote"]}}
    r = Roster.model_validate(roster)
    dates = sorted({a.date for a in r.assignments})
    missing = [
        (u.id, d) for u in r.units for d in dates
        if getattr(u, "region", None) is None or table.value("level", canonical_region(u.region), d) is None
    ]
    try:
        report = check(r, [_circular(single_rule_circular(rule))], context=table)
    except ContextError:
        assert missing
    else:
        assert not missing
        for v in report.violations:
            unit = r.unit_by_id[v.unit]
            assert int(table.value("level", canonical_region(unit.region), v.date) or 0) in levels


@TWICE
@given(roster_dicts(), rule_dicts(rule_id="r"), st.data())
def test_an_employee_filter_judges_exactly_the_roster_of_the_kept_employees(
    roster: Json, rule: Json, data: st.DataObject
) -> None:
    for employee in roster["employees"]:
        employee["flag"] = data.draw(st.booleans())
    kept = {e["id"] for e in roster["employees"] if e["flag"]}
    filtered = check(Roster.model_validate(roster),
                     [_circular(single_rule_circular({**rule, "employees": {"where": {"flag": True}}}))])
    sub = {**roster, "employees": [e for e in roster["employees"] if e["id"] in kept],
           "assignments": [a for a in roster["assignments"] if a["employee"] in kept]}
    sub_roster = Roster.model_validate(sub)
    direct = check(sub_roster, [_circular(single_rule_circular(rule))])
    on_sub_dates = set(sub_roster.dates)
    assert _seen(filtered, lambda v: v.date in on_sub_dates) == _seen(direct)


@given(st.sampled_from(("31", "32", "51", "61", "32.73", "34.04")), st.integers(1, 99), st.integers(1, 99))
def test_a_code_lies_in_exactly_its_prefixes(code: str, a: int, b: int) -> None:
    inner = canonical_region(f"{code}.{a:02d}")
    assert within(inner, code)
    assert ancestors(inner)[1:] == ancestors(code)
    assert not within(code, inner)
    other = canonical_region(f"{code}.{b:02d}")
    assert within(inner, other) == (a == b)
    assert within(inner, "java-bali") == (code[:2] in {"31", "32", "33", "34", "35", "36", "51"})


@given(st.sampled_from(sorted(HOLIDAYS)), st.integers(2021, 2026), st.integers(0, 4), st.integers(0, 4))
def test_holiday_windows_are_the_working_days_next_to_the_days_off(
    key: str, year: int, before: int, after: int
) -> None:
    assume(before or after)
    days = working_days_around(key, year, before=before, after=after)
    holiday = holiday_date(key, year)
    assert len(days) == before + after
    assert all(is_working_day(d) for d in days)
    earlier, later = days[:before], days[before:]
    assert all(d < holiday for d in earlier)
    assert all(d > holiday for d in later)
    if later:  # nothing but days off between the holiday and the first working day after it
        assert not any(is_working_day(holiday + dt.timedelta(days=i)) for i in range((later[0] - holiday).days))
    if earlier:
        gap = range(1, (holiday - earlier[-1]).days)
        assert not any(is_working_day(earlier[-1] + dt.timedelta(days=i)) for i in gap)


@TWICE
@given(st.lists(windows(), min_size=1, max_size=3), st.sampled_from(ROSTER_DATES))
def test_a_list_of_windows_holds_on_a_date_when_one_of_them_does(parts: list[Json], day: dt.date) -> None:
    union = Window.model_validate({"any_of": parts})
    assert union.contains(day) == any(Window.model_validate(p).contains(day) for p in parts)


@given(st.text(max_size=12))
def test_any_text_is_a_region_or_a_value_error(text: str) -> None:
    try:
        region = canonical_region(text)
    except ValueError:
        return
    assert canonical_region(region) == region  # canonical spellings are fixed points


def test_region_errors_are_input_errors_not_crashes() -> None:
    roster = Roster.model_validate({"units": [{"id": "u", "region": "Kota Bogor"}],
                                    "employees": [{"id": "e", "unit": "u"}],
                                    "assignments": [{"employee": "e", "date": "2024-04-16", "mode": "WFH"}]})
    rule = {"id": "r", "scope": {"regions": ["java-bali"]}, "limit": {"kind": "forbid", "modes": ["remote"]}}
    with pytest.raises(RosterError, match="no known province"):
        check(roster, [_circular(single_rule_circular(rule))])


_CELLS = st.one_of(st.sampled_from(["31", "32.73", "Jawa Barat", "", "2021-11-16", "2021-11-30", "2", "x", '"', ";"]),
                   st.text(max_size=6))


@given(st.lists(st.lists(_CELLS, min_size=0, max_size=6), max_size=6),
       st.sampled_from(["region,from,to,ppkm_level", "wilayah;mulai;sampai;zone", "region,from,to", "a,b"]))
def test_a_context_file_parses_or_raises_a_located_context_error(rows: list[list[str]], header: str) -> None:
    delimiter = ";" if ";" in header else ","
    text = "\n".join([header, *(delimiter.join(row) for row in rows)]) + "\n"
    problems: list[Any] = []
    try:
        table = parse_context_csv(text, "levels.csv")
    except ContextError as exc:
        problems = exc.problems
    else:
        assert all(row.start <= row.end for row in table.rows)
    assert all(p.path == "levels.csv" and p.line is not None for p in problems)
