"""Plain Python (csv + dicts) for the Kalbar circular: ``python bench/ref_python.py ROSTER.csv``."""

from __future__ import annotations

import csv
import sys
from collections import Counter

from ref_common import DIRECT_DAY, ESSENTIAL, OFF, ONSITE, REMOTE, WINDOW, canonical, emit


def main(path: str) -> None:
    remote: Counter[tuple[str, str]] = Counter()
    onsite: Counter[tuple[str, str]] = Counter()
    listed: Counter[tuple[str, str]] = Counter()
    units: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        u, d, m, s, t = (header.index(c) for c in ("unit", "date", "mode", "sector", "tags"))
        for row in reader:
            key = (row[u], row[d])
            mode = canonical(row[m])
            if mode in REMOTE:
                remote[key] += 1
            elif mode in ONSITE:
                onsite[key] += 1
            if mode not in OFF:
                listed[key] += 1
            units.setdefault(row[u], (row[s], row[t]))
    out = []
    for (unit, day), n in listed.items():
        sector, tags = units[unit]
        if day in WINDOW:
            cap = 0 if sector in ESSENTIAL else n // 2
            if remote[unit, day] > cap:
                rule = "essential-wfo-100" if sector in ESSENTIAL else "others-wfh-max-50"
                out.append((rule, unit, day, remote[unit, day] - cap))
        if day == DIRECT_DAY and "direct_service" in tags.split(";") and onsite[unit, day] < n:
            out.append(("direct-service-present-100", unit, day, n - onsite[unit, day]))
    emit(out)


if __name__ == "__main__":
    main(sys.argv[1])
