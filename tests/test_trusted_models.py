"""Models a check builds without validation (so that checking a small CSV roster builds no pydantic validator
at all, a start-up cost): the report (``Report``), the circulars' metadata (``CircularInfo``, ``RuleInfo``)
and the units of a scanned CSV roster (``Unit._scanned``, core scan and DuckDB fast path). Each must be
exactly what validating the same values gives: same values, same types, same fields set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import wfrules
from wfrules import _fast
from wfrules._catalog import catalog
from wfrules._report import CircularInfo, Report
from wfrules._vocab import SECTOR_ALIASES, TAG_ALIASES

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CSV_ROSTERS = sorted(EXAMPLES.glob("*/roster*.csv"))


def same_as_validated(model: BaseModel) -> None:
    """``model`` equals the model its own values validate to, with the same fields set, all the way down."""
    again = type(model).model_validate(model.model_dump(exclude_unset=True, round_trip=True))
    assert again == model
    assert again.model_fields_set == model.model_fields_set
    for name in type(model).model_fields:
        ours, theirs = getattr(model, name), getattr(again, name)
        assert type(ours) is type(theirs), name
        if isinstance(ours, tuple):
            for a, b in zip(ours, theirs, strict=True):
                assert type(a) is type(b), name
                if isinstance(a, BaseModel):
                    same_as_validated(a)


@pytest.mark.parametrize("circular", catalog(), ids=lambda c: c.id)
def test_circular_info_equals_the_validated_one(circular: wfrules.Circular) -> None:
    info = CircularInfo.of(circular)
    same_as_validated(info)
    assert len(info.rules) == len(circular.rules)


@pytest.mark.parametrize("path", CSV_ROSTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_engine_report_equals_the_validated_one(path: Path) -> None:
    roster = wfrules.load_roster(path)
    circular = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025" if "dki" in path.parent.name
                                     else "kalbar-se-800-01-2024")
    report = wfrules.check(roster, [circular])
    validated = Report.model_validate({**{k: getattr(report, k) for k in report.model_fields_set}})
    assert validated.model_dump() == report.model_dump()
    assert validated.sources == report.sources
    assert validated.model_fields_set == report.model_fields_set
    assert report.cells  # the private attributes were set up as a validating constructor sets them
    assert validated.cells == ()


@pytest.mark.parametrize("path", CSV_ROSTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scanned_units_equal_validated_ones(path: Path) -> None:
    streamed = wfrules.load_roster(path)
    assert streamed._counts_source() is not None  # the scan, not the full parser
    for unit in streamed.units:
        same_as_validated(unit)
    fast = _fast.load_csv(path)
    if fast is not None:
        assert fast.units == streamed.units


_SECTORS = sorted(SECTOR_ALIASES)
_TAGS = [*sorted(TAG_ALIASES), "shift", "Direct Service", "pelayanan publik langsung"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_SECTORS), st.lists(st.sampled_from(_TAGS), max_size=3),
                          st.sampled_from(["", "Dinas X"])), min_size=1, max_size=4),
       st.sampled_from(["upper", "title", "as is"]))
def test_units_of_any_sector_and_tag_spelling_equal_validated_ones(
    tmp_path: Path, units: list[tuple[str, list[str], str]], case: str
) -> None:
    """Sector names and tags as exports write them (aliases, case, separators): the scanned unit equals the
    unit validated from the same cells, and the one the full parser builds."""
    def spell(text: str) -> str:
        return text.upper() if case == "upper" else text.title() if case == "title" else text

    rows = ["employee,unit,unit_name,sector,tags,date,mode"]
    for i, (sector, tags, name) in enumerate(units):
        cell = ";".join(spell(t) for t in tags)
        rows.append(f"e{i},u{i},{name},{spell(sector)},\"{cell}\",2024-04-16,WFO")
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    streamed = wfrules.load_roster(path)
    full: Any = streamed._counts_source().materialize()
    assert streamed.units == full.units
    for unit, parsed in zip(streamed.units, full.units, strict=True):
        same_as_validated(unit)
        assert unit.model_fields_set == parsed.model_fields_set


def test_a_check_of_a_csv_roster_builds_no_validator() -> None:
    """The point of all this: no pydantic validator is built, so pydantic's plugin look-up never loads
    (a text report, the CLI's default; the JSON report still builds the serializers of ``Report`` and
    ``Violation`` through ``model_dump``). The control: validating one unit builds one."""
    script = """
import sys
import wfrules
from pydantic import BaseModel
roster = wfrules.load_roster(sys.argv[1])
report = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")])
assert not report.ok
wfrules.render(report, "text")
def walk(c):
    for s in c.__subclasses__():
        yield s
        yield from walk(s)
def built():
    return sorted(m.__qualname__ for m in walk(BaseModel)
                  if m.__module__.startswith("wfrules") and m.__pydantic_complete__)
print(built())
if len(sys.argv) > 2:
    wfrules.Unit.model_validate({"id": "x"})
    print(built())
"""
    roster = str(EXAMPLES / "kalbar-2024" / "roster-violating.csv")
    out = subprocess.run([sys.executable, "-c", script, roster], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    control = subprocess.run([sys.executable, "-c", script, roster, "control"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert control == ["[]", "['Unit']"]
