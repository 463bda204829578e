"""The message catalog: every user-facing sentence, by id, in English and Bahasa Indonesia.

Renderers and the engine never hard-code a sentence; they call :func:`text` with an id and parameters.

>>> text("share.max", "en", modes="WFH", count=4, denominator=7, denominator_name="listed",
...      pct="57%", limit_pct="50%", bound=3, excess=1, target="WFO")
'WFH 4 of 7 listed = 57% > 50% cap (3); move 1 to WFO'
>>> text("share.max", "id", modes="WFH", count=4, denominator=7, denominator_name="yang terjadwal",
...      pct="57%", limit_pct="50%", bound=3, excess=1, target="WFO")
'4 dari 7 pegawai yang terjadwal berstatus WFH (57%), melebihi batas 50% (3 orang); ubah status 1 orang menjadi WFO'
"""

from __future__ import annotations

import datetime as dt
import locale
import os
from typing import Final, Literal

from ._vocab import SECTORS

Lang = Literal["en", "id"]
LANGS: Final[tuple[Lang, ...]] = ("en", "id")


def check_lang(lang: object, where: str = "lang") -> None:
    """Refuse a language wfrules does not speak (a :class:`~wfrules.UsageError` naming ``where``): the one
    check every function taking ``lang`` makes.

    >>> check_lang("id")
    >>> check_lang("fr")
    Traceback (most recent call last):
    wfrules._errors.UsageError: lang: unknown language 'fr' (lang is 'en' or 'id')
    """
    if lang not in LANGS:
        from ._errors import Problem, UsageError

        raise UsageError(Problem(f"unknown language {lang!r}", where, hint="lang is 'en' or 'id'"))

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
        # --- reports: column names, HTML/Markdown/CI renderers (issue 6) ---
        "col.date": "date",
        "col.unit": "unit",
        "col.sector": "sector",
        "col.circular": "circular",
        "col.rule": "rule",
        "col.severity": "severity",
        "col.excess": "excess",
        "col.message": "message",
        "col.employees": "employees",
        "col.citation": "citation",
        "col.line": "line",
        "col.onsite": "onsite",
        "col.remote": "remote",
        "col.absent": "absent",
        "col.off": "off",
        "col.listed": "listed",
        "col.max_remote": "remote cap",
        "col.min_onsite": "onsite minimum",
        "report.heading": "Roster check",
        "report.location": "roster: {file}, line {line}",
        "report.location_lines": "roster: {file}, lines {lines}",
        "report.violation_at": "{unit} on {date}: {message}",
        "report.annotation_title": "{circular}/{rule}: {unit} {date}",
        "report.no_violations": "No violations.",
        "report.generated": "Generated by wfrules {version}; messages in English.",
        "report.rule_passed": "no violation of {rule} ({circular})",
        "html.summary": "Summary",
        "html.verdict": "Verdict",
        "html.roster": "Roster",
        "html.counts": "Assignments, units, dates, rules checked",
        "html.errors_warnings": "Errors / warnings",
        "html.chart": "Who is where, per unit and day",
        "html.chart_note": "Each bar is one unit on one day: remote staff at the bottom, then onsite, then absent. "
        "The dashed line is the cap on remote staff: blue above it breaks the cap. The dotted line is the minimum "
        "onsite: green must reach it. A red outline marks a day with a violation.",
        "html.chart_bar": "{unit}, {date}: {onsite} onsite, {remote} remote, {absent} absent",
        "html.cap": "cap: at most {bound} remote",
        "html.floor": "at least {bound} onsite",
        "html.legend.onsite": "onsite (WFO, DL)",
        "html.legend.remote": "remote (WFH, WFA)",
        "html.legend.absent": "absent (leave, sick, permit, no notice)",
        "html.legend.cap": "remote cap",
        "html.legend.floor": "onsite minimum",
        "html.violations": "Violations",
        "html.circulars": "Circulars",
        "html.number": "Number",
        "html.issuer": "Issued by",
        "html.jurisdiction": "Jurisdiction",
        "html.issued": "Date issued",
        "html.based_on": "Based on",
        "html.sources": "Sources",
        "html.rules": "Rules",
        "html.violated": "violated",
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
        "explain.quota.undecided": (
            "quota: no limit among the decided rules; {count} rule(s) depend on what was not given"
        ),
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
        # Issue 7 follow-up (lint/explain/refines over the issue-8 rule language).
        "kind.region": "region {region}",
        "refines.assuming": "assuming: {assumption}",
        "refines.people": "of whom: {people}",
        "lint.WFR108": "{what}: circular {circular!r} has no rule {rule!r}",
        "lint.WFR108.hint": "its rules: {rules}",
        "lint.WFR112": "rules {rules} can only all hold when the unit lists nobody, if the context gives "
                       "{assumption} ({kinds}, {dates})",
        "lint.WFR112.hint": "the limits {limits} exclude every roster on those context values; a warning because "
                            "the context table may never give them",
        "reason.revoked": "revoked by {by} from {date}",
        "reason.context": "its condition {condition} does not hold (the context gives {value})",
        "reason.region": "the unit's region {region} is not in the scope's regions ({regions})",
        "reason.depends.context": "depends on context variable {variables} (give --context FILE to decide)",
        "reason.depends.region": "depends on the unit's region (give --region or a roster with regions)",
        "explain.depends": "depends",
        "explain.employees": "counts only employees {who}",
        "explain.amended": "as amended by {by} from {date}",
        "reason.not.region": "the unit's region {region} is in {regions}",
        "explain.depends.count": "{count} rule(s) depend on what was not given (not in the quota)",
        "explain.min_remote": "remote ≥ {value}",
        "explain.max_onsite": "onsite ≤ {value}",
    },
    "id": {
        # Reviewed for the civil-service register (issue 6): the count first, then the status, as an
        # inspectorate report would say it ("4 dari 7 pegawai ... berstatus WFH/WFA"), not word for word.
        "share.max": "{count} dari {denominator} pegawai {denominator_name} berstatus {modes} ({pct}), melebihi "
        "batas {limit_pct} ({bound} orang); ubah status {excess} orang menjadi {target}",
        "share.max.zero": "tidak boleh ada pegawai berstatus {modes} (batas 0%), tetapi terdapat {count} dari "
        "{denominator} pegawai {denominator_name}; ubah status {excess} orang menjadi {target}",
        "share.min": "baru {count} dari {denominator} pegawai {denominator_name} berstatus {modes} ({pct}), kurang "
        "dari {limit_pct} yang diwajibkan ({bound} orang); perlu {excess} orang lagi berstatus {modes}",
        "share.min.all": "seluruh {denominator} pegawai {denominator_name} (100%) wajib berstatus {modes}, tetapi "
        "baru {count} orang; kurang {excess} orang",
        "headcount.max": "{count} orang berstatus {modes}, melebihi batas {bound} orang; ubah status {excess} orang "
        "menjadi {target}",
        "headcount.min": "baru {count} orang berstatus {modes}, kurang dari minimal {bound} orang; perlu {excess} "
        "orang lagi berstatus {modes}",
        "forbid": "status {modes} tidak diperbolehkan pada tanggal ini, tetapi terdapat {count} orang; ubah status "
        "{excess} orang menjadi {target}",
        "unfixable": "tidak dapat dipenuhi hanya dengan mengubah status: hanya {available} orang yang statusnya "
        "dapat diubah",
        "of.listed": "yang terjadwal",
        "of.working": "yang bekerja",
        "of.staff": "di unit kerja",
        "of.modes": "berstatus {modes}",
        "report.title": "pemeriksaan wfrules: {circulars}",
        "report.scope": "{assignments} entri jadwal, {units} unit kerja, {dates} tanggal; {rules} ketentuan",
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
        # rule language: amendments (issue 8)
        "citation.amended": "sebagaimana diubah dengan {by}{clause} (berlaku {date})",
        # --- quota, plan, fix (issue 5) ---
        "quota.title": "kuota wfrules: {circulars}",
        "quota.col.unit": "unit kerja",
        "quota.col.date": "tanggal",
        "quota.col.listed": "terjadwal",
        "quota.col.max_remote": "maks. WFH",
        "quota.col.min_onsite": "min. WFO",
        "quota.col.rules": "ketentuan yang membatasi",
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
        "warning.empty_roster": "{path}: jadwal kerja tidak berisi satu entri pun; tidak ada yang diperiksa",
        # --- reports: column names, HTML/Markdown/CI renderers (issue 6) ---
        "col.date": "tanggal",
        "col.unit": "unit kerja",
        "col.sector": "sektor",
        "col.circular": "surat edaran",
        "col.rule": "ketentuan",
        "col.severity": "tingkat",
        "col.excess": "kelebihan",
        "col.message": "keterangan",
        "col.employees": "pegawai",
        "col.citation": "dasar",
        "col.line": "baris",
        "col.onsite": "hadir di kantor",
        "col.remote": "bekerja dari rumah",
        "col.absent": "tidak hadir",
        "col.off": "libur",
        "col.listed": "terjadwal",
        "col.max_remote": "batas WFH",
        "col.min_onsite": "minimal hadir",
        "report.heading": "Hasil pemeriksaan jadwal kerja",
        "report.location": "jadwal: {file}, baris {line}",
        "report.location_lines": "jadwal: {file}, baris {lines}",
        "report.violation_at": "{unit} pada {date}: {message}",
        "report.annotation_title": "{circular}/{rule}: {unit} {date}",
        "report.no_violations": "Tidak ada pelanggaran.",
        "report.generated": "Dibuat dengan wfrules {version}; keterangan dalam bahasa Indonesia.",
        "report.rule_passed": "tidak ada pelanggaran atas {rule} ({circular})",
        "html.summary": "Ringkasan",
        "html.verdict": "Kesimpulan",
        "html.roster": "Jadwal kerja",
        "html.counts": "Entri jadwal, unit kerja, tanggal, ketentuan yang diperiksa",
        "html.errors_warnings": "Pelanggaran / peringatan",
        "html.chart": "Kehadiran pegawai per unit kerja per hari",
        "html.chart_note": "Setiap batang menggambarkan satu unit kerja pada satu hari: paling bawah pegawai yang "
        "bekerja dari rumah, di atasnya yang hadir di kantor, lalu yang tidak hadir. Garis putus-putus adalah batas "
        "pegawai yang boleh bekerja dari rumah: bagian biru yang melewatinya berarti batas terlampaui. Garis "
        "titik-titik adalah jumlah minimal pegawai yang wajib hadir: bagian hijau harus mencapainya. Bingkai merah "
        "menandai hari yang ada pelanggarannya.",
        "html.chart_bar": "{unit}, {date}: {onsite} hadir di kantor, {remote} bekerja dari rumah, "
        "{absent} tidak hadir",
        "html.cap": "batas: paling banyak {bound} orang bekerja dari rumah",
        "html.floor": "paling sedikit {bound} orang hadir",
        "html.legend.onsite": "hadir di kantor (WFO, dinas luar)",
        "html.legend.remote": "bekerja dari rumah/dari mana saja (WFH, WFA)",
        "html.legend.absent": "tidak hadir (cuti, sakit, izin, tanpa keterangan)",
        "html.legend.cap": "batas WFH",
        "html.legend.floor": "minimal hadir",
        "html.violations": "Pelanggaran",
        "html.circulars": "Surat edaran",
        "html.number": "Nomor",
        "html.issuer": "Penerbit",
        "html.jurisdiction": "Wilayah berlaku",
        "html.issued": "Tanggal terbit",
        "html.based_on": "Merujuk pada",
        "html.sources": "Sumber",
        "html.rules": "Ketentuan",
        "html.violated": "dilanggar",
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
        "explain.count": "{count} ketentuan berlaku, {other} tidak berlaku",
        "explain.applies": "berlaku",
        "explain.not_applicable": "tidak berlaku",
        "explain.quota": "kuota: {parts}",
        "explain.quota.none": "kuota: tidak ada batasan",
        "explain.quota.undecided": (
            "kuota: tidak ada batasan dari ketentuan yang dapat diputuskan; {count} ketentuan bergantung pada data "
            "yang tidak diberikan"
        ),
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
        "lint.WFR105": "ketentuan {rule!r} tidak mencantumkan kutipan (citation)",
        "lint.WFR105.hint": "tambahkan citation: {{clause: ..., text: ...}} dengan kata-kata surat edaran",
        "lint.WFR106": "based_on menyebut {parent!r}, yang tidak ada di katalog",
        "lint.WFR106.hint": "{suggestion}; pemeriksaan penurunan dilewati",
        "lint.WFR107": "id surat edaran {circular!r} juga dipakai oleh {other}",
        "lint.WFR107.hint": "beri setiap surat edaran id sendiri",
        "lint.WFR110": "ketentuan {a!r} dan {b!r} hanya dapat sama-sama dipenuhi bila unit tidak menjadwalkan "
        "siapa pun: {a_limit} lawan {b_limit}; keduanya bertumpang tindih pada {kinds}, {dates}",
        "lint.WFR110.hint": "persempit salah satu ruang lingkup atau masa berlaku, atau ubah salah satu batas",
        "lint.WFR111": "tidak ada unit dengan pegawai terjadwal yang dapat memenuhi ketentuan {rules} sekaligus "
        "({kinds}, {dates})",
        "lint.WFR111.hint": "batas {limits} menolak setiap roster; ubah salah satunya",
        "lint.WFR120": "masa berlaku ketentuan {rule!r} tidak memuat satu pun hari kerja ({dates})",
        "lint.WFR120.hint": "akhir pekan, hari libur nasional dan cuti bersama bukan hari kerja; periksa tanggalnya",
        "lint.WFR121": "ketentuan {rule!r} tertutup oleh {other!r}: di mana pun ketentuan itu berlaku, {other!r} juga "
        "berlaku dan paling tidak sama ketatnya ({limit} lawan {other_limit})",
        "lint.WFR121.hint": "hapus ketentuan itu, atau ubah salah satunya bila keduanya memang dimaksudkan",
        "lint.WFR130": "{circular} tidak menurunkan induknya {parent} dengan benar: {count} contoh "
        "penyimpangan, misalnya {example}",
        "lint.WFR130.hint": "jalankan 'wfrules refines {circular} --parent {parent}' untuk semua contohnya",
        "lint.WFR190": "tidak dapat menalar {what}{rule}; pemeriksaan yang memerlukannya dilewati",
        "lint.WFR190.hint": "bahasa aturan telah berkembang melampaui yang dipahami lint, explain dan refines",
        "lint.in_rule": " (ketentuan {rule!r})",
        "refines.yes": "{child} menurunkan {parent} dengan benar: paling tidak sama ketatnya di mana pun "
        "{parent} berlaku ({cells} sel jenis unit × kelas tanggal diperiksa)",
        "refines.no": "{child} tidak menurunkan {parent} dengan benar: {count} contoh penyimpangan",
        "refines.undecided": "{child} terhadap {parent}: tidak dapat diputuskan ({reasons})",
        "refines.where": "pada: {kinds}; tanggal: {dates}",
        "refines.parent_requires": "{parent} mewajibkan ({rule}): {limit}",
        "refines.child_allows": "{child} membolehkan: {limits}",
        "refines.no_rule": "apa saja (tidak ada ketentuannya yang berlaku)",
        "refines.example": "misalnya {cell}",
        # Issue 7 follow-up (lint/explain/refines over the issue-8 rule language).
        "kind.region": "wilayah {region}",
        "refines.assuming": "dengan anggapan: {assumption}",
        "refines.people": "yaitu: {people}",
        "lint.WFR108": "{what}: surat edaran {circular!r} tidak memiliki ketentuan {rule!r}",
        "lint.WFR108.hint": "ketentuannya: {rules}",
        "lint.WFR112": "ketentuan {rules} hanya dapat dipenuhi bersama bila unit tidak menjadwalkan siapa pun, "
                       "jika konteksnya {assumption} ({kinds}, {dates})",
        "lint.WFR112.hint": "batas {limits} menolak setiap roster pada nilai konteks itu; hanya peringatan karena "
                            "tabel konteks mungkin tidak pernah memberikannya",
        "reason.revoked": "dicabut oleh {by} mulai {date}",
        "reason.context": "syaratnya {condition} tidak terpenuhi (nilai konteksnya {value})",
        "reason.region": "wilayah unit {region} tidak termasuk wilayah ruang lingkup ({regions})",
        "reason.depends.context": "bergantung pada variabel konteks {variables} (berikan --context FILE)",
        "reason.depends.region": "bergantung pada wilayah unit (berikan --region atau roster dengan wilayah)",
        "explain.depends": "bergantung",
        "explain.employees": "hanya menghitung pegawai {who}",
        "explain.amended": "sebagaimana diubah oleh {by} mulai {date}",
        "reason.not.region": "wilayah unit {region} termasuk {regions}",
        "explain.min_remote": "jarak jauh ≥ {value}",
        "explain.max_onsite": "di kantor ≤ {value}",
        "explain.depends.count": "{count} ketentuan bergantung pada data yang tidak diberikan (tidak dihitung "
                                 "dalam kuota)",
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
