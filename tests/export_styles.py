"""Rendering a roster the way HR systems and Excel export it (for tests: the loader must read them all alike).

:class:`Style` is one way of writing a CSV roster: delimiter, encoding and BOM, line endings, header names
(English or Indonesian), date spelling, mode aliases and letter case, sector names, padding, Excel's text
apostrophe in front of NIPs, blank lines, an Excel ``sep=`` line, column order and quoting. :func:`export`
writes a JSON-shaped roster (``tests/strategies.rosters``) in a style, as bytes; :data:`styles` draws styles.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

HEADERS = {
    "en": {"employee": "employee", "unit": "unit", "date": "date", "mode": "mode", "sector": "sector",
           "tags": "tags"},
    "id": {"employee": "NIP", "unit": "Unit Kerja", "date": "Tanggal", "mode": "Status", "sector": "Sektor",
           "tags": "tags"},
    "id_lower": {"employee": "nip", "unit": "opd", "date": "tgl", "mode": "keterangan", "sector": "sektor",
                 "tags": "label"},
}
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def spell_date(day: dt.date, how: str) -> str:
    """``day`` written in one of the accepted spellings."""
    return {
        "iso": day.isoformat(),
        "dmy_slash": day.strftime("%d/%m/%Y"),
        "dmy_dash": day.strftime("%d-%m-%Y"),
        "dmy_dot": day.strftime("%d.%m.%Y"),
        "dmy_short": f"{day.day}/{day.month}/{day.year}",
        "long_id": f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}",
        "long_en": f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
        "abbrev": f"{day.day} {MONTHS_EN[day.month - 1][:3]} {day.year}",
        "excel_abbrev": f"{day.day:02d}-{MONTHS_EN[day.month - 1][:3]}-{day.year}",
        "weekday_id": f"{WEEKDAYS_ID[day.weekday()]}, {day.day} {MONTHS_ID[day.month - 1]} {day.year}",
        "midnight": day.strftime("%d/%m/%Y") + " 0:00",
    }[how]


DATE_SPELLINGS = ("iso", "dmy_slash", "dmy_dash", "dmy_dot", "dmy_short", "long_id", "long_en", "abbrev",
                  "excel_abbrev", "weekday_id", "midnight")
ORDER = ("employee", "unit", "sector", "tags", "date", "mode")


@dataclass(frozen=True)
class Style:
    """One way of exporting a CSV roster."""

    delimiter: str = ","
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    header: str = "en"
    date: str = "iso"
    lower_modes: bool = False
    pad: bool = False
    apostrophe: bool = False
    blank_lines: bool = False
    sep_line: bool = False
    quote_all: bool = False
    order: tuple[str, ...] = ORDER


ISO = Style()
#: The Indonesian Excel export of the issue: ``;``, BOM, CRLF, 16/04/2024, lower-case aliases, Indonesian names.
EXCEL_ID = Style(delimiter=";", bom=True, newline="\r\n", header="id", date="dmy_slash", lower_modes=True)

styles = st.builds(
    Style,
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    bom=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
    header=st.sampled_from(sorted(HEADERS)),
    date=st.sampled_from(DATE_SPELLINGS),
    lower_modes=st.booleans(),
    pad=st.booleans(),
    apostrophe=st.booleans(),
    blank_lines=st.booleans(),
    sep_line=st.booleans(),
    quote_all=st.booleans(),
    order=st.permutations(ORDER).map(tuple),
)


def export(roster: Mapping[str, Any], style: Style, *, sector_names: Mapping[str, str] | None = None) -> bytes:
    """The roster (JSON-shaped, CONTRACT §2) as a CSV file in ``style``, as bytes on disk.

    ``sector_names`` maps a unit's sector as written in the roster to how the export spells it (e.g. the
    Indonesian name); modes are written as given (``lower_modes`` lower-cases them).
    """
    units = {u["id"]: u for u in roster["units"]}
    unit_of = {e["id"]: e["unit"] for e in roster["employees"]}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=style.delimiter, lineterminator=style.newline,
                        quoting=csv.QUOTE_ALL if style.quote_all else csv.QUOTE_MINIMAL)
    if style.sep_line:
        out.write(f"sep={style.delimiter}{style.newline}")
    names = HEADERS[style.header]
    writer.writerow([names[c] for c in style.order])
    for index, a in enumerate(roster["assignments"]):
        unit = units[unit_of[a["employee"]]]
        sector = unit.get("sector") or "other"
        if sector_names:
            sector = sector_names.get(sector, sector)
        day = a["date"] if isinstance(a["date"], dt.date) else dt.date.fromisoformat(a["date"])
        cells = {
            "employee": ("'" if style.apostrophe else "") + a["employee"],
            "unit": unit["id"],
            "sector": sector,
            "tags": ";".join(unit.get("tags") or ()),
            "date": spell_date(day, style.date),
            "mode": a["mode"].lower() if style.lower_modes else a["mode"],
        }
        if style.pad:
            cells = {k: f" {v} " if v else v for k, v in cells.items()}
        writer.writerow([cells[c] for c in style.order])
        if style.blank_lines and index % 3 == 1:
            out.write(style.newline)
    text = out.getvalue()
    if style.encoding == "utf-16":
        return text.encode("utf-16")  # always with a BOM: how Excel's "Unicode text" is written
    data = text.encode(style.encoding)
    return (b"\xef\xbb\xbf" + data) if style.bom and style.encoding == "utf-8" else data
