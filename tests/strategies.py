"""Reusable hypothesis strategies for rosters, written from CONTRACT §1–§2 only (not from the engine).

The main entry point is :func:`rosters`, which draws a JSON-shaped roster dict (CONTRACT §2)::

    {"units": [{"id", "sector"?, "tags"?}], "employees": [{"id", "unit"}],
     "assignments": [{"employee", "date", "mode"}]}

Sectors and modes are written the way users write them: canonical codes, Indonesian/attendance
aliases and (for modes) any letter case. Use :data:`MODE_CANONICAL` / :data:`SECTOR_CANONICAL` (or
:func:`canonical_mode` / :func:`canonical_sector`) to read them back. :func:`to_csv` writes the same
roster as the denormalised CSV of §2 and :func:`rows_of` flattens it to plain rows.

Each employee has at most one assignment per date, and some have none on some dates; units may have
no staff, one person, or an odd headcount; a unit's modes are drawn from a small per-unit palette so
that lopsided days (everyone on ``LIBUR``, everyone remote, caps hit exactly) are common.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from hypothesis import strategies as st

# --- CONTRACT §1: work modes -----------------------------------------------------------------------

#: Canonical mode code -> every spelling accepted for it (the code itself first, then its aliases).
MODE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "WFO": ("WFO", "H", "HADIR"),
    "DL": ("DL", "DINAS_LUAR"),
    "WFH": ("WFH",),
    "WFA": ("WFA",),
    "CUTI": ("CUTI", "C", "CT", "CB", "CS", "CM", "CAP", "CBER", "CLTN"),
    "SAKIT": ("SAKIT", "S"),
    "IZIN": ("IZIN", "I"),
    "TK": ("TK", "A", "ALPA"),
    "LIBUR": ("LIBUR", "OFF", "L"),
}
MODES: tuple[str, ...] = tuple(MODE_SPELLINGS)

#: Any spelling (upper case) -> canonical code.
MODE_CANONICAL: dict[str, str] = {
    spelling: code for code, spellings in MODE_SPELLINGS.items() for spelling in spellings
}

#: Mode groups of §1; ``listed`` is every mode but ``off``.
GROUPS: dict[str, frozenset[str]] = {
    "onsite": frozenset({"WFO", "DL"}),
    "remote": frozenset({"WFH", "WFA"}),
    "absent": frozenset({"CUTI", "SAKIT", "IZIN", "TK"}),
    "off": frozenset({"LIBUR"}),
}
GROUP_OF: dict[str, str] = {mode: group for group, modes in GROUPS.items() for mode in modes}

# --- CONTRACT §1: sectors ---------------------------------------------------------------------------
# Copied from the contract on purpose, not imported from wfrules._vocab: the oracle must read CONTRACT §1
# independently, or a wrong table in the package would agree with itself.

#: Canonical sector code -> Indonesian name (``other`` has none).
SECTOR_NAMES: dict[str, str | None] = {
    "health": "kesehatan",
    "security_order": "keamanan dan ketertiban",
    "disaster": "penanganan bencana",
    "energy": "energi",
    "logistics": "logistik",
    "post": "pos",
    "transport_distribution": "transportasi dan distribusi",
    "vital_object": "objek vital",
    "strategic_project": "proyek strategis",
    "construction": "konstruksi",
    "basic_utility": "utilitas dasar",
    "government_administration": "administrasi pemerintahan",
    "leadership_support": "layanan dukungan pimpinan",
    "education": "pendidikan",
    "other": None,
}
SECTORS: tuple[str, ...] = tuple(SECTOR_NAMES)

#: Any spelling (code, Indonesian name with spaces or with underscores) -> canonical code.
SECTOR_CANONICAL: dict[str, str] = {
    **{code: code for code in SECTORS},
    **{name: code for code, name in SECTOR_NAMES.items() if name},
    **{name.replace(" ", "_"): code for code, name in SECTOR_NAMES.items() if name},
}

#: Tags drawn by default: the one the seed circular uses, near misses that must not match it, and others.
TAGS: tuple[str, ...] = ("direct_service", "indirect_service", "direct_service_desk", "shift", "frontline")

#: 15–18 April 2024: the Kalbar window (16–17) and one day either side.
KALBAR_DATES: tuple[dt.date, ...] = tuple(dt.date(2024, 4, day) for day in (15, 16, 17, 18))


def canonical_mode(spelling: str) -> str:
    """The canonical code of a mode spelling (case-insensitive); ``KeyError`` if unknown."""
    return MODE_CANONICAL[spelling.strip().upper()]


def canonical_sector(spelling: str | None) -> str:
    """The canonical code of a sector spelling; a missing sector is ``other`` (§2)."""
    return "other" if spelling is None else SECTOR_CANONICAL[spelling.strip()]


# --- strategies -------------------------------------------------------------------------------------

_CASINGS: tuple[Callable[[str], str], ...] = (
    str.upper,
    str.lower,
    str.capitalize,
    lambda s: "".join(c.lower() if i % 2 else c.upper() for i, c in enumerate(s)),
)


def mode_spellings(mode: str, *, aliases: bool = True, casing: bool = True) -> st.SearchStrategy[str]:
    """A spelling of the canonical ``mode``: the code or one of its aliases, in any letter case."""
    choices = MODE_SPELLINGS[mode] if aliases else (mode,)
    spelled = st.sampled_from(choices)
    if not casing:
        return spelled
    return st.builds(lambda s, f: f(s), spelled, st.sampled_from(_CASINGS))


def sector_spellings(sector: str, *, aliases: bool = True) -> st.SearchStrategy[str]:
    """A spelling of the canonical ``sector``: the code, or its Indonesian name with spaces or underscores."""
    name = SECTOR_NAMES[sector]
    if not aliases or name is None:
        return st.just(sector)
    return st.sampled_from(sorted({sector, name, name.replace(" ", "_")}))


def _employee_id(style: str, unit_index: int, index: int) -> str:
    if style == "nip":  # 18 digits, like a real NIP
        return f"1980{unit_index:04d}2010{index:06d}"
    if style == "zero":  # 18 digits with leading zeros: must stay text
        return f"{unit_index * 1000 + index:018d}"
    return f"pegawai-{unit_index}-{index}"


@st.composite
def rosters(
    draw: st.DrawFn,
    *,
    dates: Sequence[dt.date | str] = KALBAR_DATES,
    sectors: Sequence[str] = SECTORS,
    modes: Sequence[str] = MODES,
    tags: Sequence[str] = TAGS,
    min_units: int = 1,
    max_units: int = 5,
    min_employees: int = 0,
    max_employees: int = 12,
    aliases: bool = True,
    casing: bool = True,
    omit_defaults: bool = True,
) -> dict[str, Any]:
    """A JSON-shaped roster (CONTRACT §2).

    ``dates``: the dates assignments are drawn from (each employee has at most one per date, maybe none).
    ``sectors``/``modes``: canonical codes to draw from; ``aliases``/``casing`` control their spelling.
    ``tags``: the pool of unit tags (each unit gets a random subset).
    ``omit_defaults``: sometimes leave out ``sector`` when it is ``other`` and ``tags`` when empty.
    """
    day_strings = [d.isoformat() if isinstance(d, dt.date) else d for d in dates]
    style = draw(st.sampled_from(("nip", "zero", "slug")))
    units: list[dict[str, Any]] = []
    employees: list[dict[str, str]] = []
    assignments: list[dict[str, str]] = []
    for u in range(draw(st.integers(min_units, max_units))):
        unit_id = f"unit-{u}"
        sector = draw(st.sampled_from(sectors))
        unit_tags = draw(st.lists(st.sampled_from(tags), unique=True, max_size=3)) if tags else []
        unit: dict[str, Any] = {"id": unit_id}
        if not (omit_defaults and sector == "other" and draw(st.booleans())):
            unit["sector"] = draw(sector_spellings(sector, aliases=aliases))
        if unit_tags or not (omit_defaults and draw(st.booleans())):
            unit["tags"] = unit_tags
        units.append(unit)
        # A small per-unit palette makes lopsided days (all LIBUR, all remote, exactly at a cap) common.
        palette = draw(st.lists(st.sampled_from(modes), min_size=1, max_size=4, unique=True))
        for e in range(draw(st.integers(min_employees, max_employees))):
            employee_id = _employee_id(style, u, e)
            employees.append({"id": employee_id, "unit": unit_id})
            for day in day_strings:
                if draw(st.integers(0, 5)) == 0:  # sometimes not on the roster that day
                    continue
                mode = draw(st.sampled_from(palette))
                spelled = draw(mode_spellings(mode, aliases=aliases, casing=casing))
                assignments.append({"employee": employee_id, "date": day, "mode": spelled})
    assignments = draw(st.permutations(assignments)) if len(assignments) > 1 else assignments
    return {"units": units, "employees": employees, "assignments": list(assignments)}


# --- helpers ----------------------------------------------------------------------------------------


class Row(NamedTuple):
    """One assignment, denormalised (sector and mode as spelled in the roster)."""

    employee: str
    unit: str
    sector: str | None
    tags: tuple[str, ...]
    date: str
    mode: str


def rows_of(roster: Mapping[str, Any]) -> list[Row]:
    """The roster's assignments as plain rows, in roster order."""
    units = {u["id"]: u for u in roster["units"]}
    unit_of = {e["id"]: e["unit"] for e in roster["employees"]}
    out = []
    for a in roster["assignments"]:
        unit = units[unit_of[a["employee"]]]
        out.append(Row(a["employee"], unit["id"], unit.get("sector"), tuple(unit.get("tags", ())),
                       str(a["date"]), a["mode"]))
    return out


CSV_COLUMNS: tuple[str, ...] = ("employee", "unit", "date", "mode", "sector", "tags")


def to_csv(roster: Mapping[str, Any], columns: Iterable[str] = CSV_COLUMNS) -> str:
    """The roster as the denormalised CSV of §2: one row per assignment, tags joined with ``;``.

    A unit without a sector is written as ``other`` (its default). Units and employees without any
    assignment do not appear (the CSV format has no place for them).
    """
    columns = tuple(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows_of(roster):
        record = {"employee": row.employee, "unit": row.unit, "date": row.date, "mode": row.mode,
                  "sector": row.sector or "other", "tags": ";".join(row.tags)}
        writer.writerow([record[c] for c in columns])
    return buffer.getvalue()
