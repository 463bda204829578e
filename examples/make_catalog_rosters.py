"""Generate the example rosters (and context tables) of the catalog circulars added beyond the seed.

Writes, under ``examples/<circular-id>/`` (next to this script, or under the folder given as the first
argument):

- ``menpanrb-se-25-2021/roster.json`` + ``levels.csv``: six units in Java-Bali and elsewhere, 16-17
  November 2021, with PPKM levels (and, outside Java-Bali, zones) per regency;
- ``menpanrb-se-05-2022/roster.json`` + ``levels.csv``: the same units on 15 and 16 February 2022, the
  day before and the day SE 5/2022 amends SE 25/2021 (check the two circulars together);
- ``menpanrb-se-02-2026/roster.json``: units around the Nyepi and Idul Fitri 1447 H holidays of 2026;
- ``pemkab-bogor-se-000-8-3-578-org-2026/roster.json``: two weeks of Kabupaten Bogor, Good Friday included;
- ``pemprov-dki-bkd-se-e-0021-2025/roster.json`` and ``roster.csv``: DKI Jakarta units on 29 August
  2025, with the per-employee attribute ``service_24h`` (a JSON employee field; a CSV column).

Each roster mixes compliant units with a few deliberate violations; the comments below say which.
Deterministic (no randomness): re-running rewrites the same bytes. Standard library only.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = {"O": "WFO", "D": "DL", "H": "WFH", "A": "WFA", "C": "CT", "S": "S", "L": "LIBUR"}

Unit = dict[str, object]
#: unit id -> one string of mode letters per date (one letter per employee, see CODES)
Plan = dict[str, list[str]]


def roster(units: list[Unit], dates: list[str], plan: Plan,
           attributes: dict[str, dict[str, object]] | None = None) -> dict[str, object]:
    """A normalised roster: employee i of unit u is ``<u>-<i+1>``; ``attributes`` adds employee fields."""
    employees: list[dict[str, object]] = []
    assignments: list[dict[str, object]] = []
    for unit in units:
        uid = str(unit["id"])
        width = len(plan[uid][0])
        for i in range(width):
            employee: dict[str, object] = {"id": f"{uid}-{i + 1}", "unit": uid}
            employee |= (attributes or {}).get(f"{uid}-{i + 1}", {})
            employees.append(employee)
        for day, letters in zip(dates, plan[uid], strict=True):
            assert len(letters) == width, (uid, day)
            assignments.extend({"employee": f"{uid}-{i + 1}", "date": day, "mode": CODES[m]}
                               for i, m in enumerate(letters))
    return {"units": units, "employees": employees, "assignments": assignments}


def as_csv(data: dict[str, object], extra: tuple[str, ...]) -> str:
    """The denormalised CSV of a roster: unit fields and employee attributes repeated on every row."""
    units = {u["id"]: u for u in data["units"]}  # type: ignore[attr-defined]
    people = {e["id"]: e for e in data["employees"]}  # type: ignore[attr-defined]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["employee", "unit", "date", "mode", "sector", "tags", "region", *extra])
    for a in data["assignments"]:  # type: ignore[attr-defined]
        person = people[a["employee"]]
        unit = units[person["unit"]]
        writer.writerow([a["employee"], person["unit"], a["date"], a["mode"], unit.get("sector", ""),
                         ";".join(unit.get("tags", [])), unit.get("region", ""),
                         *(str(person.get(x, "")).lower() for x in extra)])
    return out.getvalue()


# ------------------------------------------------------------------------------- SE MenPAN-RB 25/2021
PPKM_UNITS: list[Unit] = [
    {"id": "bappeda-bandung", "name": "Bappeda Kota Bandung", "sector": "government_administration",
     "region": "32.73"},
    {"id": "dinkes-bandung", "name": "Dinas Kesehatan Kota Bandung", "sector": "health", "tags": ["essential"],
     "region": "32.73"},
    {"id": "bpbd-sleman", "name": "BPBD Kabupaten Sleman", "sector": "disaster", "tags": ["critical"],
     "region": "34.04"},
    {"id": "diskominfo-pontianak", "name": "Diskominfo Kota Pontianak", "sector": "other", "region": "61.71"},
    {"id": "bkd-kalbar", "name": "BKD Provinsi Kalimantan Barat", "sector": "government_administration",
     "region": "Kalimantan Barat"},
    {"id": "setda-ambon", "name": "Sekretariat Daerah Kota Ambon", "sector": "government_administration",
     "region": "81.71"},
]
# 16-17 Nov 2021. bappeda-bandung (level 2: WFO <= 50% -> 4 of 8): 5 WFO on the 17th (violation).
# dinkes-bandung (essential, level 2: <= 75% -> 6 of 8): 7 WFO on the 16th (violation).
# bpbd-sleman (critical): all WFO, no limit. diskominfo-pontianak (level 2, yellow: <= 50% -> 3 of 6):
# 3 WFO, fine. bkd-kalbar (province row: level 3, <= 50% -> 2 of 5): 3 WFO on the 16th (violation).
# setda-ambon (level 1, green: <= 75% -> 4 of 6): 4 WFO, DL not counted, fine.
PPKM_PLAN: Plan = {
    "bappeda-bandung": ["OOOOHHHH", "OOOOOHHH"],
    "dinkes-bandung": ["OOOOOOOH", "OOOOOOHH"],
    "bpbd-sleman": ["OOOOO", "OOOOO"],
    "diskominfo-pontianak": ["OOOHHH", "OOOHHC"],
    "bkd-kalbar": ["OOOHH", "OOHHH"],
    "setda-ambon": ["OOOODH", "OOOOHS"],
}
PPKM_LEVELS = """region,from,to,ppkm_level,zone
32.73,2021-11-16,2021-11-22,2,
34.04,2021-11-16,2021-11-22,3,
61.71,2021-11-16,2021-11-22,2,kuning
61,2021-11-16,2021-11-22,3,
81.71,2021-11-16,2021-11-22,1,hijau
"""

# ------------------------------------------------------------------------------ SE MenPAN-RB 5/2022
# 15 Feb 2022 (25/2021 in force) and 16 Feb 2022 (as amended by 5/2022). bappeda-bandung, level 2: 5 of 8
# WFO breaks the 50% cap (4) on the 15th; on the 16th the amended cap is 75% (6): 7 of 8 WFO breaks the
# amended version, and the violation names SE 5/2022.
# bkd-kalbar (level 3 on both days; Java-Bali amendments do not touch it): 3 of 5 WFO on the 16th (violation,
# original version). diskominfo-pontianak (level 2, red zone): 3 of 6 WFO breaks the red-zone 25% cap on the
# 15th; on the 16th the zone rule is revoked and SE 5/2022's own level-2 rule (<= 75% -> 4 of 6) applies:
# 5 WFO (violation of the new rule). setda-ambon (essential outside Java-Bali, level 4): 4 of 6 WFO on the 16th
# breaks 5/2022's new 50% cap (3).
AMEND_UNITS: list[Unit] = [
    PPKM_UNITS[0], PPKM_UNITS[3], PPKM_UNITS[4],
    {**PPKM_UNITS[5], "tags": ["essential"]},
]
AMEND_PLAN: Plan = {
    "bappeda-bandung": ["OOOOOHHH", "OOOOOOOH"],
    "diskominfo-pontianak": ["OOOHHH", "OOOOOH"],
    "bkd-kalbar": ["OOHHH", "OOOHH"],
    "setda-ambon": ["OOOHHH", "OOOOHH"],
}
AMEND_LEVELS = """region,from,to,ppkm_level,zone
32.73,2022-02-08,2022-02-21,2,
61.71,2022-02-08,2022-02-21,2,merah
61,2022-02-08,2022-02-21,3,
81.71,2022-02-08,2022-02-21,4,
"""

# ------------------------------------------------------------------------------ SE MenPAN-RB 2/2026
WFA_UNITS: list[Unit] = [
    {"id": "rsud-cibinong", "name": "RSUD Cibinong", "sector": "health", "tags": ["direct_service"]},
    {"id": "dishub", "name": "Dinas Perhubungan", "sector": "transport_distribution"},
    {"id": "bappeda", "name": "Bappeda", "sector": "government_administration"},
    {"id": "disdukcapil", "name": "Disdukcapil", "sector": "other", "tags": ["direct_service"]},
]
WFA_DATES = ["2026-03-16", "2026-03-17", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-30"]
# rsud-cibinong: one WFA on Tue 17 Mar (violation); WFA on Mon 30 Mar is outside the window (decoy).
# dishub: one WFH on Thu 26 Mar (violation). bappeda: mostly WFA on every window day (allowed).
# disdukcapil (direct_service tag): leave on the 25th is fine; one WFA on Fri 27 Mar (violation).
WFA_PLAN: Plan = {
    "rsud-cibinong": ["OOOOO", "OOOOA", "OOOOC", "OOOOO", "OOOOO", "OOOAA"],
    "dishub": ["OOOO", "OOOO", "OOOO", "OOOH", "OOOO", "OOOO"],
    "bappeda": ["OAAAAA", "OAAAAA", "OOAAAA", "OAAAAH", "AAAAAA", "OOOOOO"],
    "disdukcapil": ["OOOO", "OOOO", "OOOC", "OOOO", "OOOA", "OOOO"],
}

# ------------------------------------------------------------------ Bupati Bogor 000.8.3/578-ORG (2026)
BOGOR_UNITS: list[Unit] = [
    {"id": "bappedalitbang", "name": "Bappedalitbang Kabupaten Bogor", "sector": "government_administration",
     "region": "32.01"},
    {"id": "rsud-leuwiliang", "name": "RSUD Leuwiliang", "sector": "health", "tags": ["direct_service"],
     "region": "32.01"},
    {"id": "kecamatan-cibinong", "name": "Kecamatan Cibinong", "sector": "government_administration",
     "tags": ["direct_service"], "region": "32.01"},
]
BOGOR_DATES = ["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02", "2026-04-03",
               "2026-04-06", "2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10"]
# bappedalitbang: WFH on Fridays (allowed); one WFH on Tue 7 Apr (violation). Good Friday 3 Apr is a
# holiday: listed LIBUR. rsud-leuwiliang: one WFH on Good Friday (a holiday: not judged, decoy) and one on
# Fri 10 Apr (violation). kecamatan-cibinong: leave on Wed 1 Apr (allowed), all WFO otherwise.
BOGOR_PLAN: Plan = {
    "bappedalitbang": ["OOOOO", "OOOOO", "OOOOC", "OOOOO", "LLLLL", "OOOOO", "OOOOH", "OOOOO", "OOOOO", "HHHHO"],
    "rsud-leuwiliang": ["OOOO", "OOOO", "OOOO", "OOOO", "OOOH", "OOOO", "OOOO", "OOOO", "OOOO", "OOOH"],
    "kecamatan-cibinong": ["OOO", "OOO", "OOC", "OOO", "LLL", "OOO", "OOO", "OOO", "OOO", "OOO"],
}

# --------------------------------------------------------------------- Kepala BKD DKI e-0021/SE/2025
DKI_UNITS: list[Unit] = [
    {"id": "bkd-dki", "name": "BKD Provinsi DKI Jakarta", "sector": "government_administration", "region": "31"},
    {"id": "rsud-tarakan", "name": "RSUD Tarakan", "sector": "health", "tags": ["direct_service"],
     "region": "31.73"},
    {"id": "gulkarmat-jakpus", "name": "Sudin Penanggulangan Kebakaran Jakarta Pusat", "sector": "disaster",
     "region": "31.71"},
    {"id": "dinkes-depok", "name": "Dinas Kesehatan Kota Depok", "sector": "health", "tags": ["direct_service"],
     "region": "32.76"},
]
DKI_DATES = ["2025-08-28", "2025-08-29"]
# bkd-dki: most WFH on the 29th (the request; allowed). rsud-tarakan (direct service): one WFH on the 29th
# (violation). gulkarmat-jakpus: employees 1-3 are 24-hour service staff (service_24h true); employee 2 WFH on
# the 29th (violation of the per-employee rule); employees 4-5 (office staff) WFH, allowed. dinkes-depok is
# outside DKI Jakarta: its WFH is not judged (decoy). The 28th is outside the window (decoy WFH).
DKI_PLAN: Plan = {
    "bkd-dki": ["OOOOH", "OHHHH"],
    "rsud-tarakan": ["OOOO", "OOOH"],
    "gulkarmat-jakpus": ["OHOOO", "OHOHH"],
    "dinkes-depok": ["OOO", "OOH"],
}
DKI_ATTRIBUTES: dict[str, dict[str, object]] = {
    **{f"gulkarmat-jakpus-{i}": {"service_24h": True} for i in (1, 2, 3)},
    **{f"gulkarmat-jakpus-{i}": {"service_24h": False} for i in (4, 5)},
}


def write(folder: Path) -> None:
    """Write every example file under ``folder``."""
    files: dict[str, str] = {
        "menpanrb-se-25-2021/roster.json": _json(roster(PPKM_UNITS, ["2021-11-16", "2021-11-17"], PPKM_PLAN)),
        "menpanrb-se-25-2021/levels.csv": PPKM_LEVELS,
        "menpanrb-se-05-2022/roster.json": _json(roster(AMEND_UNITS, ["2022-02-15", "2022-02-16"], AMEND_PLAN)),
        "menpanrb-se-05-2022/levels.csv": AMEND_LEVELS,
        "menpanrb-se-02-2026/roster.json": _json(roster(WFA_UNITS, WFA_DATES, WFA_PLAN)),
        "pemkab-bogor-se-000-8-3-578-org-2026/roster.json": _json(roster(BOGOR_UNITS, BOGOR_DATES, BOGOR_PLAN)),
    }
    dki = roster(DKI_UNITS, DKI_DATES, DKI_PLAN, DKI_ATTRIBUTES)
    files["pemprov-dki-bkd-se-e-0021-2025/roster.json"] = _json(dki)
    files["pemprov-dki-bkd-se-e-0021-2025/roster.csv"] = as_csv(dki, ("service_24h",))
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
