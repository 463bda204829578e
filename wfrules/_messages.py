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
        # --- reasoning about circulars: lint, explain, refines (issue 7) ---
        "limit.share.max": "{modes} ≤ {pct} of {of}{rounding}",
        "limit.share.min": "{modes} ≥ {pct} of {of}{rounding}",
        "limit.headcount.max": "{modes} ≤ {count} people",
        "limit.headcount.min": "{modes} ≥ {count} people",
        "limit.forbid": "no {modes}",
        "limit.other": "a {kind} limit (not described by this version)",
        "limit.rounding": ", rounded {rounding}",
        "rounding.down": "down",
        "rounding.up": "up",
        "rounding.nearest": "to nearest",
        "limit.max_of": "at most {bound} of {denominator}",
        "limit.min_of": "at least {bound} of {denominator}",
        "limit.max_people": "at most {bound}",
        "limit.min_people": "at least {bound}",
        "cell": "{listed} listed: {modes}",
        "cell.nobody": "nobody",
        "cell.unassigned": "{count} not scheduled",
        "kind.sectors": "{sectors}",
        "kind.tags": "tagged {tags}",
        "kind.without": "not tagged {tags}",
        "kind.unit": "unit {unit}",
        "kind.any": "any unit",
        "reason.window": "outside the window ({window})",
        "reason.window.none": "outside the window",
        "reason.sectors": "the scope excludes the sector {sector} (it covers {sectors})",
        "reason.tags": "requires the tag {tags}",
        "reason.all_tags": "requires all of the tags {tags}",
        "reason.units": "unit {unit} is not listed (the scope names {units})",
        "reason.any_of": "matches none of the alternatives: {reasons}",
        "reason.not": "excluded by 'not': {what}",
        "reason.not.sectors": "the sector {sector} is one of {sectors}",
        "reason.not.tags": "the unit is tagged {tags}",
        "reason.not.units": "the unit is {unit}",
        "reason.not.scope": "the unit matches the excluded scope",
        "reason.severity": "a warning, not counted in the quota",
        "reason.other": "the scope does not match this unit",
        "explain.title": "explain {circulars}: {subject} on {date}",
        "explain.subject.unit": "unit {unit} ({sector}{tags})",
        "explain.subject.kind": "a {sector} unit{tags}",
        "explain.subject.tags": ", tagged {tags}",
        "explain.listed": "{listed} listed",
        "explain.count": "{count} rule(s) apply, {other} do not",
        "explain.applies": "applies",
        "explain.not_applicable": "does not apply",
        "explain.quota": "quota: {parts}",
        "explain.quota.none": "quota: no limit applies",
        "explain.max_remote": "remote ≤ {value}",
        "explain.min_onsite": "onsite ≥ {value}",
        "explain.numbers": "give --listed N or a roster for the numbers",
        "lint.title": "wfrules lint: {files}",
        "lint.clean": "OK: no findings",
        "lint.severity.error": "error",
        "lint.severity.warning": "warning",
        "lint.ok_with_warnings": "OK: no errors ({warnings} warnings)",
        "lint.failed": "FAILED: {errors} errors, {warnings} warnings",
        "lint.WFR104": "tag {tag!r} is not a known tag",
        "lint.WFR104.hint": "{suggestion} (tags are free: ignore this if {tag!r} is meant)",
        "lint.WFR105": "rule {rule!r} has no citation",
        "lint.WFR105.hint": "add citation: {{clause: ..., text: ...}} with the circular's words",
        "lint.WFR106": "based_on names {parent!r}, which is not in the catalog",
        "lint.WFR106.hint": "{suggestion}; the refinement check was skipped",
        "lint.WFR107": "circular id {circular!r} is also declared by {other}",
        "lint.WFR107.hint": "give each circular its own id",
        "lint.WFR110": "rules {a!r} and {b!r} can only both hold when the unit lists nobody: {a_limit} vs "
        "{b_limit}; they overlap on {kinds}, {dates}",
        "lint.WFR110.hint": "narrow one scope or window, or change one limit",
        "lint.WFR111": "no unit with anyone listed can meet rules {rules} together ({kinds}, {dates})",
        "lint.WFR111.hint": "the limits {limits} exclude every roster; change one of them",
        "lint.WFR120": "the window of rule {rule!r} contains no working day ({dates})",
        "lint.WFR120.hint": "weekends, public holidays and cuti bersama are not working days; check the dates",
        "lint.WFR121": "rule {rule!r} is shadowed by {other!r}: wherever it applies, {other!r} applies too and "
        "is at least as strict ({limit} vs {other_limit})",
        "lint.WFR121.hint": "remove it, or change one of the two if both are meant",
        "lint.WFR130": "{circular} does not refine its parent {parent}: {count} counterexample(s), e.g. "
        "{example}",
        "lint.WFR130.hint": "run 'wfrules refines {circular} --parent {parent}' for every counterexample",
        "lint.WFR190": "cannot reason about {what}{rule}; the checks that need it were skipped",
        "lint.WFR190.hint": "the rule language has grown past what lint, explain and refines understand",
        "lint.in_rule": " (rule {rule!r})",
        "refines.yes": "{child} refines {parent}: at least as strict wherever {parent} applies "
        "({cells} unit-kind × date-class cells checked)",
        "refines.no": "{child} does not refine {parent}: {count} counterexample(s)",
        "refines.undecided": "{child} vs {parent}: undecided ({reasons})",
        "refines.where": "where: {kinds}; dates: {dates}",
        "refines.parent_requires": "{parent} requires ({rule}): {limit}",
        "refines.child_allows": "{child} allows: {limits}",
        "refines.no_rule": "anything (no rule of the circular applies)",
        "refines.example": "e.g. {cell}",
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
        # --- reasoning about circulars: lint, explain, refines (issue 7) ---
        "limit.share.max": "{modes} paling banyak {pct} dari pegawai {of}{rounding}",
        "limit.share.min": "{modes} paling sedikit {pct} dari pegawai {of}{rounding}",
        "limit.headcount.max": "{modes} paling banyak {count} orang",
        "limit.headcount.min": "{modes} paling sedikit {count} orang",
        "limit.forbid": "tidak boleh ada {modes}",
        "limit.other": "batas jenis {kind} (belum dapat diuraikan versi ini)",
        "limit.rounding": ", dibulatkan {rounding}",
        "rounding.down": "ke bawah",
        "rounding.up": "ke atas",
        "rounding.nearest": "ke terdekat",
        "limit.max_of": "paling banyak {bound} dari {denominator}",
        "limit.min_of": "paling sedikit {bound} dari {denominator}",
        "limit.max_people": "paling banyak {bound}",
        "limit.min_people": "paling sedikit {bound}",
        "cell": "{listed} terjadwal: {modes}",
        "cell.nobody": "tidak ada",
        "cell.unassigned": "{count} tidak terjadwal",
        "kind.sectors": "{sectors}",
        "kind.tags": "bertanda {tags}",
        "kind.without": "tanpa tanda {tags}",
        "kind.unit": "unit {unit}",
        "kind.any": "unit mana pun",
        "reason.window": "di luar masa berlaku ({window})",
        "reason.window.none": "di luar masa berlaku",
        "reason.sectors": "ruang lingkupnya tidak mencakup sektor {sector} (hanya {sectors})",
        "reason.tags": "mensyaratkan tanda {tags}",
        "reason.all_tags": "mensyaratkan semua tanda {tags}",
        "reason.units": "unit {unit} tidak disebut (ruang lingkup menyebut {units})",
        "reason.any_of": "tidak cocok dengan satu pun alternatif: {reasons}",
        "reason.not": "dikecualikan oleh 'not': {what}",
        "reason.not.sectors": "sektor {sector} termasuk {sectors}",
        "reason.not.tags": "unit bertanda {tags}",
        "reason.not.units": "unitnya {unit}",
        "reason.not.scope": "unit cocok dengan ruang lingkup yang dikecualikan",
        "reason.severity": "hanya peringatan, tidak dihitung dalam kuota",
        "reason.other": "ruang lingkupnya tidak mencakup unit ini",
        "explain.title": "penjelasan {circulars}: {subject} pada {date}",
        "explain.subject.unit": "unit {unit} ({sector}{tags})",
        "explain.subject.kind": "unit sektor {sector}{tags}",
        "explain.subject.tags": ", bertanda {tags}",
        "explain.listed": "{listed} terjadwal",
        "explain.count": "{count} aturan berlaku, {other} tidak berlaku",
        "explain.applies": "berlaku",
        "explain.not_applicable": "tidak berlaku",
        "explain.quota": "kuota: {parts}",
        "explain.quota.none": "kuota: tidak ada batasan",
        "explain.max_remote": "jarak jauh ≤ {value}",
        "explain.min_onsite": "di kantor ≥ {value}",
        "explain.numbers": "beri --listed N atau roster untuk angkanya",
        "lint.title": "wfrules lint: {files}",
        "lint.clean": "SESUAI: tidak ada temuan",
        "lint.severity.error": "kesalahan",
        "lint.severity.warning": "peringatan",
        "lint.ok_with_warnings": "SESUAI: tidak ada kesalahan ({warnings} peringatan)",
        "lint.failed": "TIDAK SESUAI: {errors} kesalahan, {warnings} peringatan",
        "lint.WFR104": "tanda {tag!r} bukan tanda yang dikenal",
        "lint.WFR104.hint": "{suggestion} (tanda bebas: abaikan bila memang {tag!r} yang dimaksud)",
        "lint.WFR105": "aturan {rule!r} tidak mencantumkan kutipan (citation)",
        "lint.WFR105.hint": "tambahkan citation: {{clause: ..., text: ...}} dengan kata-kata surat edaran",
        "lint.WFR106": "based_on menyebut {parent!r}, yang tidak ada di katalog",
        "lint.WFR106.hint": "{suggestion}; pemeriksaan penurunan dilewati",
        "lint.WFR107": "id surat edaran {circular!r} juga dipakai oleh {other}",
        "lint.WFR107.hint": "beri setiap surat edaran id sendiri",
        "lint.WFR110": "aturan {a!r} dan {b!r} hanya dapat sama-sama dipenuhi bila unit tidak menjadwalkan "
        "siapa pun: {a_limit} lawan {b_limit}; keduanya bertumpang tindih pada {kinds}, {dates}",
        "lint.WFR110.hint": "persempit salah satu ruang lingkup atau masa berlaku, atau ubah salah satu batas",
        "lint.WFR111": "tidak ada unit dengan pegawai terjadwal yang dapat memenuhi aturan {rules} sekaligus "
        "({kinds}, {dates})",
        "lint.WFR111.hint": "batas {limits} menolak setiap roster; ubah salah satunya",
        "lint.WFR120": "masa berlaku aturan {rule!r} tidak memuat satu pun hari kerja ({dates})",
        "lint.WFR120.hint": "akhir pekan, hari libur nasional dan cuti bersama bukan hari kerja; periksa tanggalnya",
        "lint.WFR121": "aturan {rule!r} tertutup oleh {other!r}: di mana pun aturan itu berlaku, {other!r} juga "
        "berlaku dan paling tidak sama ketatnya ({limit} lawan {other_limit})",
        "lint.WFR121.hint": "hapus aturan itu, atau ubah salah satunya bila keduanya memang dimaksudkan",
        "lint.WFR130": "{circular} tidak menurunkan induknya {parent} dengan benar: {count} contoh "
        "penyimpangan, misalnya {example}",
        "lint.WFR130.hint": "jalankan 'wfrules refines {circular} --parent {parent}' untuk semua contohnya",
        "lint.WFR190": "tidak dapat menalar {what}{rule}; pemeriksaan yang memerlukannya dilewati",
        "lint.WFR190.hint": "bahasa aturan telah berkembang melampaui yang dipahami lint, explain dan refines",
        "lint.in_rule": " (aturan {rule!r})",
        "refines.yes": "{child} menurunkan {parent} dengan benar: paling tidak sama ketatnya di mana pun "
        "{parent} berlaku ({cells} sel jenis unit × kelas tanggal diperiksa)",
        "refines.no": "{child} tidak menurunkan {parent} dengan benar: {count} contoh penyimpangan",
        "refines.undecided": "{child} terhadap {parent}: tidak dapat diputuskan ({reasons})",
        "refines.where": "pada: {kinds}; tanggal: {dates}",
        "refines.parent_requires": "{parent} mewajibkan ({rule}): {limit}",
        "refines.child_allows": "{child} membolehkan: {limits}",
        "refines.no_rule": "apa saja (tidak ada aturannya yang berlaku)",
        "refines.example": "misalnya {cell}",
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
