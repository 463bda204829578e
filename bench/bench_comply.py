"""Benchmark of quota, fix and plan, as ratios to ``check`` on the same roster (measured in the same run).

    python bench/bench_comply.py [--units 60] [--staff 40] [--days 20]

A deterministic roster: ``--units`` units of ``--staff`` people (sectors and tags cycling through essential,
administration and direct-service units) on ``--days`` dates around the Kalbar window, with a third of the
people remote and some on leave, so that ``fix`` has violations to repair. Prints seconds and ratios;
nothing is asserted (speed is never a test).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import wfrules

SECTORS = (("health", ["direct_service"]), ("government_administration", []),
           ("government_administration", ["direct_service"]), ("education", []), ("transport_distribution", []))
MODES = ("WFO", "WFH", "WFO", "WFA", "WFO", "WFH", "CT", "WFO", "S", "LIBUR", "WFH", "DL")


def roster(units: int, staff: int, days: int) -> dict[str, Any]:
    first = dt.date(2024, 4, 16) - dt.timedelta(days=days // 2)
    dates = [(first + dt.timedelta(days=d)).isoformat() for d in range(days)]
    data: dict[str, Any] = {"units": [], "employees": [], "assignments": []}
    for u in range(units):
        sector, tags = SECTORS[u % len(SECTORS)]
        data["units"].append({"id": f"u{u}", "sector": sector, "tags": tags})
        for e in range(staff):
            employee = f"u{u}-e{e}"
            data["employees"].append({"id": employee, "unit": f"u{u}"})
            for d, day in enumerate(dates):
                data["assignments"].append({"employee": employee, "date": day,
                                            "mode": MODES[(u * 7 + e * 3 + d) % len(MODES)]})
    return data


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--staff", type=int, default=40)
    parser.add_argument("--days", type=int, default=20)
    args = parser.parse_args()
    kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
    data = wfrules.Roster.model_validate(roster(args.units, args.staff, args.days))
    base = timed(lambda: wfrules.check(data, kalbar))
    print(f"roster: {len(data.assignments)} assignments; check {base:.3f} s")
    for name, run in (("quota", lambda: wfrules.quota(data, kalbar)), ("fix", lambda: wfrules.fix(data, kalbar))):
        seconds = timed(run)
        print(f"{name:>5}: {seconds:.3f} s = {seconds / base:.1f} x check")
    staff = wfrules.Staff(data.units, data.employees)
    start, end = dt.date(2024, 4, 16), dt.date(2024, 4, 16) + dt.timedelta(days=args.days - 1)
    result: list[wfrules.PlanResult] = []
    seconds = timed(lambda: result.append(wfrules.plan(staff, kalbar, start, end)))
    planned = result[0].roster
    check_planned = timed(lambda: wfrules.check(planned, kalbar))
    print(f" plan: {seconds:.3f} s for {len(planned.assignments)} assignments = "
          f"{seconds / check_planned:.1f} x check of the planned roster (its own check included)")


if __name__ == "__main__":
    main()
