"""Test helpers shared by the ``fix`` and ``quota`` tests."""

from __future__ import annotations

import datetime as dt

from wfrules import Roster

TUE = dt.date(2024, 4, 16)


def one_unit(modes: list[str], *, sector: str = "government_administration", tags: tuple[str, ...] = (),
             day: dt.date = TUE) -> Roster:
    """One unit ``u`` with employees ``e0..`` each on ``modes[i]`` on ``day``."""
    return Roster.model_validate({
        "units": [{"id": "u", "sector": sector, "tags": list(tags)}],
        "employees": [{"id": f"e{i}", "unit": "u"} for i in range(len(modes))],
        "assignments": [{"employee": f"e{i}", "date": day.isoformat(), "mode": m} for i, m in enumerate(modes)],
    })
