"""Property tests: lint, explain and refines over the whole rule language (issue 8's constructs).

Random circulars use holiday windows, several windows per rule, ``skip_holidays``/``working_days_only``,
open-ended weekly recurrences, region scopes, context conditions and employee filters. The invariants:

* the date classes partition the dates exactly (every date's applicable rules are its class's);
* every counterexample of ``refines``, rebuilt as a roster (with the region, context values and employees of
  each kind it needs), passes CHILD and breaks the PARENT rule it names under ``check``;
* a circular with employee filters is decided: never "undecided" (filters are reasoned about exactly);
* a circular never fails to refine itself;
* explain agrees with the resolver ``check`` uses, rule by rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.reasoning_helpers import confirm_counterexamples
from tests.rule_strategies import limits
from wfrules import Circular
from wfrules._calendar import holiday_name
from wfrules._context import ContextTable
from wfrules._explain import explain
from wfrules._kinds import date_classes
from wfrules._lint import CODES, lint_circular
from wfrules._refines import refines
from wfrules._resolve import Resolver

Json = dict[str, Any]

WINDOWS: list[Json] = [
    {"dates": ["2026-03-17", "2026-03-20"]},
    {"ranges": [{"from": "2026-03-16", "to": "2026-03-27"}], "working_days_only": True},
    {"ranges": [{"from": "2026-03-14", "to": "2026-04-05"}], "skip_holidays": True, "weekdays": ["fri", "sat"]},
    {"holidays": [{"holiday": "nyepi", "year": 2026, "working_days_before": 2}]},
    {"holidays": [{"holiday": "idul_fitri", "year": 2026, "working_days_after": 3}]},
    {"recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=FR", "start": "2026-03-20"}], "skip_holidays": True},
    {"recurrences": [{"rrule": "FREQ=WEEKLY;BYDAY=MO,TH", "start": "2026-03-23"}], "working_days_only": True},
    {"weekdays": ["mon", "tue"]},
    {"any_of": [{"dates": ["2026-03-18"]}, {"weekdays": ["fri"], "skip_holidays": True}]},
]
SCOPES: list[Json] = [
    {}, {"sectors": ["health", "post"]}, {"tags": ["direct_service"]}, {"regions": ["java-bali"]},
    {"regions": ["31"]}, {"not": {"regions": ["java-bali"]}}, {"regions": ["32.73"], "sectors": ["education"]},
]
CONTEXTS: list[Json | None] = [None, None, {"ppkm_level": [2]}, {"ppkm_level": [3, 4]}, {"zone": ["merah"]}]
FILTERS: list[Json | None] = [None, None, None, {"where": {"service_24h": True}, "missing": {"service_24h": False}},
                              {"unless": {"service_24h": True}, "missing": {"service_24h": False}}]
DAYS = [dt.date(2026, 3, 13) + dt.timedelta(days=n) for n in range(40)]


@st.composite
def rules(draw: st.DrawFn, index: int) -> Json:
    rule: Json = {"id": f"r{index}", "limit": draw(limits())}
    window = draw(st.sampled_from([None, *WINDOWS]))
    if window is not None:
        rule["window"] = window
    rule["scope"] = draw(st.sampled_from(SCOPES))
    context = draw(st.sampled_from(CONTEXTS))
    if context is not None:
        rule["context"] = context
    selection = draw(st.sampled_from(FILTERS))
    if selection is not None:
        rule["employees"] = selection
    return rule


@st.composite
def circulars(draw: st.DrawFn, name: str = "c") -> Circular:
    count = draw(st.integers(1, 3))
    return Circular.model_validate({
        "id": name, "number": "1/2026", "title": "t", "issuer": "i", "jurisdiction": "j", "issued": "2026-03-01",
        "rules": [draw(rules(i)) for i in range(count)]})


@settings(max_examples=60, deadline=None)
@given(circulars())
def test_date_classes_partition_the_dates_exactly(circular: Circular) -> None:
    """Each date of a class has exactly the class's rules; a date with rules is in a class."""
    classes = date_classes(circular.rules)
    for day in [*DAYS, dt.date(2027, 1, 1), dt.date(2030, 12, 25), dt.date(2020, 5, 1)]:
        applicable = frozenset(i for i, r in enumerate(circular.rules) if r.applies_on(day))
        holding = [c for c in classes if any(
            (s.start is None or s.start <= day) and (s.end is None or day <= s.end)
            and (s.weekdays is None or day.weekday() in s.weekdays)
            and (s.holidays is None or (holiday_name(day) is not None) == s.holidays) for s in c.spans)]
        if applicable:
            assert [c.rules for c in holding] == [applicable], day
        else:
            assert holding == [], day


@settings(max_examples=60, deadline=None)
@given(circulars("child"), circulars("parent"))
def test_every_counterexample_is_real(child: Circular, parent: Circular) -> None:
    """Every counterexample, as a roster with its region, context values and employees, passes CHILD and
    breaks the PARENT rule it names."""
    result = refines(child, parent)
    event(f"verdict {result.refines}")
    assert result.refines is not None, result.unsupported
    for example in result.counterexamples[:4]:
        event("counterexample" + (" assuming context" if example.assuming else "")
              + (f" with {len(example.employees)} kinds of employees" if example.employees else "")
              + (" in a region" if example.region_example else ""))
    confirm_counterexamples(result, child, parent)


@settings(max_examples=40, deadline=None)
@given(circulars())
def test_a_circular_refines_itself_and_lints_with_known_codes(circular: Circular) -> None:
    """refines(c, c) is True; lint reports only documented codes and never WFR190 for these."""
    assert refines(circular, circular).refines is True
    for finding in lint_circular(circular):
        assert CODES[finding.code][0] == finding.severity
        assert finding.code != "WFR190"


@settings(max_examples=60, deadline=None)
@given(circulars(), st.sampled_from(DAYS), st.sampled_from(["health", "education", "post"]),
       st.sampled_from(["31", "32.73", "61.71"]), st.sampled_from(["1", "2", "3", "4"]),
       st.sampled_from(["hijau", "merah"]))
def test_explain_agrees_with_the_resolver(circular: Circular, day: dt.date, sector: str, region: str, level: str,
                                          zone: str) -> None:
    """With a region and a context table, nothing depends: the rules explain says apply are exactly the rules
    the resolver puts in force."""
    table = ContextTable.from_rows([{"region": region, "from": "2026-01-01", "to": "2026-12-31",
                                     "ppkm_level": level, "zone": zone}])
    result = explain(circular, day, sector=sector, region=region, context=table)
    assert result.depends == ()

    class Unit:
        id, tags = "(a unit of this kind)", ()

    Unit.sector = sector  # type: ignore[attr-defined]
    Unit.region = region  # type: ignore[attr-defined]
    in_force = Resolver([circular], context=table).in_force(Unit(), day)  # type: ignore[arg-type]
    assert [v.rule for v in result.applies] == [f.rule.id for f in in_force]
    assert len(result.applies) + len(result.not_applicable) == len(circular.rules)
