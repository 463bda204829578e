"""The message catalog: every user-facing sentence, by id, in English and Bahasa Indonesia.

Renderers and the engine never hard-code a sentence; they call :func:`text` with an id and parameters.

>>> text("share.max", "en", modes="WFH", count=4, denominator=7, denominator_name="listed",
...      pct="57%", limit_pct="50%", bound=3, excess=1, target="WFO")
'WFH 4 of 7 listed = 57% > 50% cap (3); move 1 to WFO'
>>> text("share.max", "id", modes="WFH", count=4, denominator=7, denominator_name="yang terjadwal",
...      pct="57%", limit_pct="50%", bound=3, excess=1, target="WFO")
'WFH 4 dari 7 pegawai yang terjadwal = 57%, melebihi batas 50% (3 orang); ubah status 1 orang menjadi WFO'
"""

from __future__ import annotations

import datetime as dt
import locale
import os
from typing import Final, Literal

from ._vocab import SECTORS

Lang = Literal["en", "id"]
LANGS: Final[tuple[Lang, ...]] = ("en", "id")

MESSAGES: Final[dict[Lang, dict[str, str]]] = {
    "en": {
        # violations
        "share.max": "{modes} {count} of {denominator} {denominator_name} = {pct} > {limit_pct} cap ({bound}); "
        "move {excess} to {target}",
        "share.min": "{modes} {count} of {denominator} {denominator_name} = {pct} < {limit_pct} required "
        "({bound}); {excess} more needed in {modes}",
        "share.max.zero": "no {modes} allowed (0% cap): {count} of {denominator} {denominator_name}; "
        "move {excess} to {target}",
        "share.min.all": "all {denominator} {denominator_name} must be {modes} (100%), {count} are; "
        "{excess} more needed",
        "headcount.max": "{modes} {count} > at most {bound}; move {excess} to {target}",
        "headcount.min": "{modes} {count} < at least {bound}; {excess} more needed in {modes}",
        "forbid": "{modes} not allowed on this date: {count}; move {excess} to {target}",
        "unfixable": "cannot be met by changing modes: only {available} can be changed",
        # denominators
        "of.listed": "listed",
        "of.working": "working",
        "of.staff": "staff",
        "of.modes": "in {modes}",
        # text report
        "report.title": "wfrules check: {circulars}",
        "report.scope": "{assignments} assignments, {units} units, {dates} dates; {rules} rules",
        "report.ok": "OK: no violations",
        "report.ok_with_warnings": "OK: no errors ({warnings} warnings)",
        "report.failed": "FAILED: {errors} errors, {warnings} warnings",
        "report.unit_date": "{unit} ({sector}) on {date}",
        "report.rule": "[{severity}] {circular} / {rule}",
        "report.clause": "clause: {citation}",
        "report.employees": "employees: {employees}",
        "report.more": "… and {count} more",
        "severity.error": "error",
        "severity.warning": "warning",
        # errors
        "error.more": "… {count} more problem(s) not shown (raise --max-errors to see them)",
        "warning.empty_roster": "{path}: the roster has no assignments; nothing was checked",
        # rule language: amendments (issue 8)
        "citation.amended": "as amended by {by}{clause} (from {date})",
        # --- quota, plan, fix (issue 5) ---
        "quota.title": "wfrules quota: {circulars}",
        "quota.col.unit": "unit",
        "quota.col.date": "date",
        "quota.col.listed": "listed",
        "quota.col.max_remote": "max remote",
        "quota.col.min_onsite": "min onsite",
        "quota.col.rules": "binding rules",
        "quota.unmet": "cannot be met whoever is remote: {rules}",
        "quota.note": "max remote: most who may work WFH/WFA; min onsite: fewest who must be WFO/DL "
        "(absences as in the roster)",
        "fix.title": "wfrules fix: {circulars}",
        "fix.nothing": "nothing to fix: the roster passes the check",
        "fix.change": "{employee}: {source} -> {target} ({rule})",
        "fix.summary": "{changes} change(s) on {days} unit-day(s)",
        "fix.ok": "the fixed roster passes the check",
        "fix.unfixable": "{count} violation(s) cannot be fixed by changing modes:",
        "fix.not_minimal": "{unit} on {date}: the search ran out of budget; these changes fix the day but may not "
        "be the fewest",
        "fix.written": "fixed roster written to {path}",
        "fix.not_written": "no file written (give -o FIXED.json or -o FIXED.csv to write the fixed roster)",
        "plan.title": "wfrules plan: {circulars}, {start} to {end}",
        "plan.summary": "{staff} staff in {units} unit(s), {days} day(s): {assignments} assignments, {remote} remote",
        "plan.unit": "{unit}: remote days per eligible employee {low}-{high}",
        "plan.not_granted": "not granted: {employee} on {date} ({mode}): {reason}",
        "plan.reason.rules": "the rules do not allow it ({rules})",
        "plan.reason.cap": "the unit's remote quota that day is used ({rules})",
        "plan.reason.fair": "remote days are shared fairly in the unit; others had fewer",
        "plan.reason.not_eligible": "not eligible for remote work",
        "plan.reason.not_planned": "not a working day in the plan",
        "plan.reason.duplicate": "another request for the same day came first",
        "plan.infeasible": "{unit} on {date}: the rules cannot all be met with this staff: {rules}",
        "plan.ok": "the plan passes the check",
        "plan.failed": "the plan does not pass the check: {errors} violation(s)",
        "plan.written": "roster written to {path}",
    },
    "id": {
        "share.max": "{modes} {count} dari {denominator} pegawai {denominator_name} = {pct}, melebihi batas "
        "{limit_pct} ({bound} orang); ubah status {excess} orang menjadi {target}",
        "share.max.zero": "tidak boleh ada pegawai {modes} (batas 0%), tetapi ada {count} dari {denominator} "
        "pegawai {denominator_name}; ubah status {excess} orang menjadi {target}",
        "share.min": "{modes} {count} dari {denominator} pegawai {denominator_name} = {pct}, kurang dari "
        "{limit_pct} yang diwajibkan ({bound} orang); perlu {excess} orang lagi berstatus {modes}",
        "share.min.all": "seluruh {denominator} pegawai {denominator_name} wajib berstatus {modes} (100%), "
        "baru {count} orang; kurang {excess} orang",
        "headcount.max": "{modes} {count} orang, melebihi batas {bound} orang; ubah status {excess} orang "
        "menjadi {target}",
        "headcount.min": "{modes} {count} orang, kurang dari minimal {bound} orang; perlu {excess} orang lagi "
        "berstatus {modes}",
        "forbid": "{modes} tidak diperbolehkan pada tanggal ini, tetapi ada {count} orang; ubah status "
        "{excess} orang menjadi {target}",
        "unfixable": "tidak dapat dipenuhi hanya dengan mengubah status: hanya {available} orang yang statusnya "
        "dapat diubah",
        "of.listed": "yang terjadwal",
        "of.working": "yang bekerja",
        "of.staff": "di unit",
        "of.modes": "berstatus {modes}",
        "report.title": "pemeriksaan wfrules: {circulars}",
        "report.scope": "{assignments} entri jadwal, {units} unit kerja, {dates} tanggal; {rules} aturan",
        "report.ok": "SESUAI: tidak ada pelanggaran",
        "report.ok_with_warnings": "SESUAI: tidak ada pelanggaran ({warnings} peringatan)",
        "report.failed": "TIDAK SESUAI: {errors} pelanggaran, {warnings} peringatan",
        "report.unit_date": "{unit} ({sector}) pada {date}",
        "report.rule": "[{severity}] {circular} / {rule}",
        "report.clause": "ketentuan: {citation}",
        "report.employees": "pegawai: {employees}",
        "report.more": "… dan {count} lainnya",
        "severity.error": "pelanggaran",
        "severity.warning": "peringatan",
        "error.more": "… {count} masalah lain tidak ditampilkan (naikkan --max-errors untuk melihatnya)",
        "warning.empty_roster": "{path}: roster tidak berisi entri jadwal; tidak ada yang diperiksa",
        # rule language: amendments (issue 8)
        "citation.amended": "sebagaimana diubah dengan {by}{clause} (berlaku {date})",
        # --- quota, plan, fix (issue 5) ---
        "quota.title": "kuota wfrules: {circulars}",
        "quota.col.unit": "unit kerja",
        "quota.col.date": "tanggal",
        "quota.col.listed": "terjadwal",
        "quota.col.max_remote": "maks. WFH",
        "quota.col.min_onsite": "min. WFO",
        "quota.col.rules": "aturan yang membatasi",
        "quota.unmet": "tidak dapat dipenuhi, siapa pun yang dijadwalkan WFH: {rules}",
        "quota.note": "maks. WFH: paling banyak pegawai yang boleh WFH/WFA; min. WFO: paling sedikit pegawai "
        "yang wajib WFO/DL (cuti dan izin sesuai jadwal)",
        "fix.title": "perbaikan wfrules: {circulars}",
        "fix.nothing": "tidak ada yang perlu diperbaiki: jadwal sudah sesuai",
        "fix.change": "{employee}: {source} -> {target} ({rule})",
        "fix.summary": "{changes} perubahan pada {days} unit-hari",
        "fix.ok": "jadwal hasil perbaikan sesuai dengan ketentuan",
        "fix.unfixable": "{count} pelanggaran tidak dapat diperbaiki hanya dengan mengubah status:",
        "fix.not_minimal": "{unit} pada {date}: batas pencarian tercapai; perubahan ini memperbaiki hari tersebut "
        "tetapi belum tentu paling sedikit",
        "fix.written": "jadwal hasil perbaikan ditulis ke {path}",
        "fix.not_written": "tidak ada berkas yang ditulis (beri -o PERBAIKAN.json atau -o PERBAIKAN.csv)",
        "plan.title": "rencana wfrules: {circulars}, {start} s.d. {end}",
        "plan.summary": "{staff} pegawai di {units} unit kerja, {days} hari: {assignments} entri jadwal, {remote} WFH",
        "plan.unit": "{unit}: hari WFH per pegawai yang boleh WFH {low}-{high}",
        "plan.not_granted": "tidak dikabulkan: {employee} pada {date} ({mode}): {reason}",
        "plan.reason.rules": "tidak diperbolehkan oleh ketentuan ({rules})",
        "plan.reason.cap": "kuota WFH unit pada hari itu sudah terpakai ({rules})",
        "plan.reason.fair": "hari WFH dibagi adil di unit; pegawai lain mendapat lebih sedikit",
        "plan.reason.not_eligible": "tidak termasuk pegawai yang boleh WFH",
        "plan.reason.not_planned": "bukan hari kerja dalam rencana",
        "plan.reason.duplicate": "sudah ada permohonan lain untuk hari yang sama",
        "plan.infeasible": "{unit} pada {date}: ketentuan tidak dapat dipenuhi seluruhnya dengan pegawai yang ada: "
        "{rules}",
        "plan.ok": "rencana jadwal sesuai dengan ketentuan",
        "plan.failed": "rencana jadwal tidak sesuai: {errors} pelanggaran",
        "plan.written": "jadwal ditulis ke {path}",
    },
}


def text(key: str, lang: Lang = "en", /, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    return MESSAGES[lang][key].format(**params)


_WEEKDAYS: Final[dict[Lang, tuple[str, ...]]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
}
_MONTHS_ID: Final[tuple[str, ...]] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
    "November", "Desember",
)


def format_date(day: dt.date, lang: Lang = "en") -> str:
    """A date as people read it: ``Tue 2024-04-16``; ``Selasa, 16 April 2024``.

    >>> format_date(dt.date(2024, 4, 16), "id")
    'Selasa, 16 April 2024'
    """
    weekday = _WEEKDAYS[lang][day.weekday()]
    if lang == "id":
        return f"{weekday}, {day.day} {_MONTHS_ID[day.month - 1]} {day.year}"
    return f"{weekday} {day.isoformat()}"


def sector_name(code: str, lang: Lang = "en") -> str:
    """A sector code in words: ``government administration``; ``administrasi pemerintahan``."""
    if lang == "id":
        return "lainnya" if code == "other" else SECTORS.get(code, code)
    return code.replace("_", " ")


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """``id`` when the environment's locale is Indonesian (``LANG=id_ID.UTF-8``…), else ``en``.

    >>> default_lang({"LANG": "id_ID.UTF-8"}), default_lang({"LANG": "C.UTF-8"})
    ('id', 'en')
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    if environ is None:
        code = locale.getlocale()[0] or ""
        if code.lower().startswith("id"):
            return "id"
    return "en"
