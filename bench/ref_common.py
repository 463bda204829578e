"""What the reference scripts share: the Kalbar circular's reading (CONTRACT §4), written out by hand.

The references compute, for the seed circular only, the violations ``(rule, unit, date, excess)`` that
``wfrules check --circular kalbar-se-800-01-2024`` reports, from the generated rosters (canonical sectors,
``;``-separated tags, mode codes and a few aliases). They validate nothing; wfrules also checks the input.
"""

from __future__ import annotations

import json
import sys

ALIASES = {"H": "WFO", "HADIR": "WFO", "DINAS_LUAR": "DL", "C": "CUTI", "CT": "CUTI", "CB": "CUTI", "CS": "CUTI",
           "CM": "CUTI", "CAP": "CUTI", "CBER": "CUTI", "CLTN": "CUTI", "S": "SAKIT", "I": "IZIN", "A": "TK",
           "ALPA": "TK", "OFF": "LIBUR", "L": "LIBUR"}
ONSITE = ("WFO", "DL")
REMOTE = ("WFH", "WFA")
OFF = ("LIBUR",)
ESSENTIAL = ("health", "security_order", "disaster", "energy", "logistics", "transport_distribution",
             "vital_object", "strategic_project", "construction", "basic_utility")
WINDOW = ("2024-04-16", "2024-04-17")
DIRECT_DAY = "2024-04-16"


def canonical(mode: str) -> str:
    """The mode code of a spelling."""
    upper = mode.strip().upper()
    return ALIASES.get(upper, upper)


def emit(violations: list[tuple[str, str, str, int]]) -> None:
    """Print the violations as JSON, sorted, one list per violation."""
    json.dump(sorted(violations), sys.stdout)
    sys.stdout.write("\n")
