"""Notebook-style walk-through: load a roster, check it against the West Kalimantan circular, print.

Run from the repository root (each block is what a notebook cell would hold)::

    python examples/kalbar-2024/check_roster.py            # the violating example
    python examples/kalbar-2024/check_roster.py compliant  # the compliant one
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import wfrules

HERE = Path(__file__).resolve().parent
which = sys.argv[1] if len(sys.argv) > 1 else "violating"

# %% Load the roster (JSON or CSV) and the circular (a catalog id, or a path to your own rule file).
roster = wfrules.load_roster(HERE / f"roster-{which}.json")
circular = wfrules.load_circular("kalbar-se-800-01-2024")
print(f"{len(roster.employees)} employees in {len(roster.units)} units, {len(roster.assignments)} assignments")
print(f"{circular.number}: {len(circular.rules)} rules, issued {circular.issued} by {circular.issuer}")

# %% Check: a pure function, no I/O. The report is data.
report = wfrules.check(roster, [circular])
print("ok:", report.ok, "| violations:", len(report.violations))

# %% One line per violation, with the numbers and the people who would have to change.
for v in report.violations:
    print(f"{v.date} {v.unit:<26} {v.rule:<28} excess={v.excess}  {v.message}")

# %% The same in Bahasa Indonesia, and a roll-up per rule.
for v in report.in_lang("id").violations[:2]:
    print("id:", v.message)
print(Counter(v.rule for v in report.violations))
