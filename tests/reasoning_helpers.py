"""Helpers shared by the lint/explain/refines tests: turn a counterexample into a roster the engine checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wfrules import Roster
from wfrules._feasible import Cell


def roster_of(cell: Cell, day: dt.date, sector: str, tags: tuple[str, ...], unit: str | None) -> Roster:
    """A one-unit roster holding exactly ``cell`` on ``day`` (employees with no assignment included)."""
    unit_id = unit if unit is not None else "unit-of-that-kind"
    employees: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    for mode, count in cell.modes().items():
        for _ in range(count):
            employee = f"e{len(employees)}"
            employees.append({"id": employee, "unit": unit_id})
            assignments.append({"employee": employee, "date": day.isoformat(), "mode": mode.value})
    for _ in range(cell.unassigned):
        employees.append({"id": f"e{len(employees)}", "unit": unit_id})
    return Roster.model_validate({
        "units": [{"id": unit_id, "sector": sector, "tags": list(tags)}],
        "employees": employees,
        "assignments": assignments,
    })
