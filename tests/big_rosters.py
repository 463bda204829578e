"""Big CSV rosters for measuring the streaming loader (not a test module).

``python tests/big_rosters.py OUT.csv ROWS [--dates N] [--style iso|excel] [--mix random|realistic]`` writes
ROWS assignments: about ROWS / N employees with 18-digit NIPs, in units of ~40 people across every sector
(a tenth tagged ``direct_service``), N consecutive dates from Tuesday 16 April 2024; ``--mix random`` breaks
the Kalbar circular in most essential units, ``--mix realistic`` in 2% of the units. Deterministic (seeded).
``--style excel`` writes the same roster as an Indonesian Excel export (``;``, BOM, CRLF, ``16/04/2024``,
aliases, Indonesian sector names).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SECTORS = ("health", "security_order", "disaster", "energy", "logistics", "post", "transport_distribution",
           "vital_object", "strategic_project", "construction", "basic_utility", "government_administration",
           "leadership_support", "education", "other")
SECTOR_ID = {"health": "kesehatan", "education": "pendidikan", "government_administration": "administrasi pemerintahan",
             "energy": "energi", "logistics": "logistik"}
MODES = ("WFO", "WFO", "WFO", "WFO", "WFH", "WFH", "WFA", "DL", "CUTI", "SAKIT", "LIBUR")
ESSENTIAL = frozenset(SECTORS[:5] + SECTORS[6:11])
#: ``mix="realistic"``: modes each kind of unit may have so that it complies (remote ≈ 2/7 of the others' staff);
#: every 50th unit then breaks the circular on purpose (everyone WFH).
REALISTIC = {"essential": ("WFO", "WFO", "WFO", "DL", "CUTI", "SAKIT", "LIBUR"),
             "direct": ("WFO", "WFO", "DL"),
             "other": ("WFO", "WFO", "WFO", "WFH", "WFA", "CUTI", "LIBUR")}
MODE_ALIAS = {"WFO": "h", "CUTI": "c", "SAKIT": "s"}


def write_big_csv(
    path: Path, rows: int, *, dates: int = 2, style: str = "iso", seed: int = 2024, mix: str = "random"
) -> None:
    """Write a roster of ``rows`` assignments (see the module docstring). ``mix="random"`` draws every mode
    anywhere (most essential units break the circular); ``mix="realistic"`` lets 2% of the units break it."""
    rng = random.Random(seed)
    days = [dt.date(2024, 4, 16) + dt.timedelta(days=i) for i in range(dates)]
    employees = max(1, rows // dates)
    excel = style == "excel"
    sep, end = (";", "\r\n") if excel else (",", "\n")
    header = ["nip", "unit_kerja", "sektor", "tags", "tanggal", "status"] if excel else \
        ["employee", "unit", "sector", "tags", "date", "mode"]
    unit_of: list[tuple[str, str, str]] = []
    for u in range(employees // 40 + 1):
        sector = SECTORS[u % len(SECTORS)]
        spelled = SECTOR_ID.get(sector, sector) if excel else sector
        unit_of.append((f"unit-{u:06d}", spelled, "direct_service" if u % 10 == 3 else ""))
    written = 0
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as out:
        out.write(sep.join(header) + end)
        buffer: list[str] = []
        for day in days:
            when = day.strftime("%d/%m/%Y") if excel else day.isoformat()
            for e in range(employees):
                if written >= rows:
                    break
                unit, sector, tags = unit_of[e // 40]
                if mix == "realistic":
                    u = e // 40
                    kind = "direct" if tags else "essential" if SECTORS[u % len(SECTORS)] in ESSENTIAL else "other"
                    pool = ("WFH",) if u % 50 == 7 else REALISTIC[kind]
                    mode = pool[rng.randrange(len(pool))]
                else:
                    mode = MODES[rng.randrange(len(MODES))]
                if excel:
                    mode = MODE_ALIAS.get(mode, mode)
                nip = f"{19700101 + e % 9000:08d}{200001 + e % 99:06d}{1 + e % 2}{e % 1000:03d}"
                nip = f"{nip[:12]}{e:06d}"
                buffer.append(sep.join((nip, unit, sector, tags, when, mode)))
                written += 1
                if len(buffer) >= 100_000:
                    out.write(end.join(buffer) + end)
                    buffer.clear()
        if buffer:
            out.write(end.join(buffer) + end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--dates", type=int, default=2)
    parser.add_argument("--style", choices=["iso", "excel"], default="iso")
    parser.add_argument("--mix", choices=["random", "realistic"], default="random")
    args = parser.parse_args()
    write_big_csv(args.out, args.rows, dates=args.dates, style=args.style, mix=args.mix)


if __name__ == "__main__":
    main()
