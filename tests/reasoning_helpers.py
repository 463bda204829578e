"""Helpers shared by the lint/explain/refines tests: turn a counterexample into a roster the engine checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wfrules import Circular, Report, Roster, check
from wfrules._context import ContextTable
from wfrules._feasible import Cell
from wfrules._refines import Refinement

UNIT = "unit-of-that-kind"


def roster_of(cell: Cell, day: dt.date, sector: str, tags: tuple[str, ...], unit: str | None, *,
              region: str | None = None, attributes: dict[str, str] | None = None,
              parts: list[tuple[dict[str, str], Cell]] | None = None) -> Roster:
    """A roster holding exactly ``cell`` on ``day`` for one unit (employees with no assignment included).

    The engine judges every unit on the dates the roster has; when the cell has no assignment, a second
    unit ("filler", one LIBUR) puts ``day`` in the roster. Judge only the first unit (:func:`errors_of`).
    """
    unit_id = unit if unit is not None else UNIT
    employees: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    # ``parts``: people of different attributes (employee filters), each with their own counts.
    for extra, part in parts if parts else [(attributes or {}, cell)]:
        for mode, count in part.modes().items():
            for _ in range(count):
                employee = f"e{len(employees)}"
                employees.append({"id": employee, "unit": unit_id, **extra})
                assignments.append({"employee": employee, "date": day.isoformat(), "mode": mode.value})
        for _ in range(part.unassigned):
            employees.append({"id": f"e{len(employees)}", "unit": unit_id, **extra})
    place = {"region": region} if region is not None else {}
    units = [{"id": unit_id, "sector": sector, "tags": list(tags), **place}]
    if not assignments:
        units.append({"id": "filler", "sector": "other", **place})
        employees.append({"id": "filler-1", "unit": "filler", **(attributes or {})})
        assignments.append({"employee": "filler-1", "date": day.isoformat(), "mode": "LIBUR"})
    return Roster.model_validate({
        "units": units,
        "employees": employees,
        "assignments": assignments,
    })


def errors_of(report: Report, unit: str | None) -> set[str]:
    """The rules with an error-severity violation for ``unit`` (the counterexample's unit)."""
    unit_id = unit if unit is not None else UNIT
    return {v.rule for v in report.violations if v.severity == "error" and v.unit == unit_id}


def _context_for(region: str | None, values: dict[str, str], day: dt.date) -> ContextTable | None:
    if not values:
        return None
    return ContextTable.from_rows([{"region": region or "11", "from": day.isoformat(), "to": day.isoformat(),
                                    **values}])


def confirm_counterexamples(result: Refinement, child: Circular, parent: Circular, *, at_most: int = 4) -> None:
    """The first ``at_most`` counterexamples, each as a roster with its region, context values and employees:
    CHILD's check passes, the PARENT rule it names fails."""
    for example in result.counterexamples[:at_most]:
        day = example.dates[0].some_date()
        # A unit needs a region for context values even when no scope names one: any region will do.
        region = example.region_example or ("11" if example.context_example else None)
        parts = [(population.attributes(), cell) for population, cell in example.employees]
        roster = roster_of(example.example, day, example.sectors[0], example.tags, example.unit,
                           region=region, parts=parts)
        context = _context_for(region, example.context_example, day)
        assert errors_of(check(roster, child, context=context), example.unit) == set()
        broken = errors_of(check(roster, parent, context=context), example.unit)
        assert example.parent_rule.split(" ")[0] in broken
