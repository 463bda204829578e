"""Generate a seed-circular-shaped CSV roster of N rows (stdlib only, deterministic for a seed).

Shape: many units of mixed sectors (about a third essential, the rest administrative), some tagged
``direct_service``; every employee has one row per date on four dates: Tuesday 16 and Wednesday 17 April
2024 (the Kalbar window) and Monday 15 / Thursday 18 April (outside it). Modes follow a plausible mix
(mostly WFO, a fifth remote, some leave, a few ``LIBUR``) with a few attendance-system aliases (``H``,
``CT``, ``S``) so a backend must map aliases as the core does. Units vary in size (3 to 80 staff) and in
how remote they lean, so some cells break each rule and most do not.

    python bench/gen_roster.py 1000000 /tmp/roster-1m.csv [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys

DATES = ("2024-04-15", "2024-04-16", "2024-04-17", "2024-04-18")
ESSENTIAL = ("health", "security_order", "disaster", "energy", "logistics", "transport_distribution",
             "vital_object", "strategic_project", "construction", "basic_utility")
OTHER = ("government_administration", "leadership_support", "education", "other", "post")
# (mode, weight) for a unit that leans onsite, and for one that leans remote.
ONSITE_MIX = (("WFO", 66), ("H", 4), ("DL", 6), ("WFH", 8), ("WFA", 2), ("CUTI", 4), ("CT", 2), ("SAKIT", 2),
              ("S", 1), ("IZIN", 2), ("TK", 1), ("LIBUR", 2))
REMOTE_MIX = (("WFO", 40), ("DL", 4), ("WFH", 38), ("WFA", 6), ("CUTI", 4), ("SAKIT", 3), ("IZIN", 2),
              ("TK", 1), ("LIBUR", 2))


def _cumulative(mix: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    modes, weights, total = [], [], 0
    for mode, weight in mix:
        total += weight
        modes.append(mode)
        weights.append(total)
    return modes, weights


def generate(rows: int, out: str, seed: int = 7) -> dict[str, int]:
    """Write about ``rows`` rows (a multiple of the number of dates) to ``out``; return a summary."""
    rng = random.Random(seed)
    employees_wanted = max(1, rows // len(DATES))
    units: list[tuple[str, str, str, int, bool]] = []  # id, sector, tags, size, leans remote
    total = 0
    while total < employees_wanted:
        index = len(units)
        essential = rng.random() < 0.35
        sector = rng.choice(ESSENTIAL) if essential else rng.choice(OTHER)
        tags = "direct_service" if rng.random() < 0.2 else ("direct_service;hospital" if rng.random() < 0.03 else "")
        size = min(rng.randint(3, 80), employees_wanted - total)
        units.append((f"u{index:06d}", sector, tags, size, rng.random() < 0.3))
        total += size
    onsite = _cumulative(ONSITE_MIX)
    remote = _cumulative(REMOTE_MIX)
    written = 0
    nip = 198_000_000_000_000_000
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write("employee,unit,date,mode,sector,tags\n")
        buffer: list[str] = []
        for unit, sector, tags, size, leans_remote in units:
            modes, weights = remote if leans_remote else onsite
            top = weights[-1]
            staff = [str(nip + i) for i in range(size)]  # 18 digits, unique across units
            nip += size
            for day in DATES:
                tail = f",{day},"
                suffix = f",{sector},{tags}\n"
                for employee in staff:
                    pick = rng.randrange(top)
                    k = 0
                    while weights[k] <= pick:
                        k += 1
                    buffer.append(f"{employee},{unit}{tail}{modes[k]}{suffix}")
                written += size
            if len(buffer) > 100_000:
                handle.write("".join(buffer))
                buffer.clear()
        handle.write("".join(buffer))
    return {"rows": written, "units": len(units), "employees": total, "dates": len(DATES)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    summary = generate(args.rows, args.out, args.seed)
    print(" ".join(f"{k}={v}" for k, v in summary.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
