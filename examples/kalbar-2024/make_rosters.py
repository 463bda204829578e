"""Generate the West Kalimantan (Kalbar) example rosters for SE 800/01/Prov/2024.

Writes four files next to this script:

- ``roster-compliant.json`` / ``roster-compliant.csv``: one roster of 71 employees in
  eight units (seven provincial OPDs of Kalimantan Barat plus the Pontianak Kota
  sub-district office, as the circular also binds the wali kota) for Tue 16, Wed 17 and
  Thu 18 April 2024, obeying the circular ``kalbar-se-800-01-2024`` (CONTRACT.md
  section 4) on every unit and date. Non-essential units use their remote allowance up
  to floor(listed / 2).
- ``roster-violating.json`` / ``roster-violating.csv``: the same staff with a handful
  of deliberate violations and some decoys that must *not* be reported.

The JSON and CSV files of a pair hold exactly the same assignments (the JSON is the
normalised form, the CSV the denormalised one of CONTRACT.md section 2). Mode codes are
written as an attendance system would export them (``CT``, ``CAP``, ``S``, ...).

The output is fully deterministic (no randomness, fixed order), so the script is safe
to re-run: ``python examples/kalbar-2024/make_rosters.py`` rewrites the same bytes.
Standard library only.

The deliberate violations of ``roster-violating.*`` (and the decoys that must not be
reported) are listed in the comment above ``VIOLATING_CHANGES`` and in README.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATES: tuple[str, ...] = ("2024-04-16", "2024-04-17", "2024-04-18")
# The codes this script writes (CONTRACT.md section 1): canonical ones and a few aliases
# (CT = cuti tahunan, CAP = cuti karena alasan penting, S = sakit).
MODES = frozenset({"WFO", "DL", "WFH", "WFA", "CT", "CAP", "SAKIT", "S", "LIBUR"})


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    sector: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    unit: str
    nip: str
    name: str
    position: str
    modes: tuple[str, ...]  # compliant mode codes, one per entry of DATES


UNITS: tuple[Unit, ...] = (
    Unit("rsud-soedarso", "RSUD dr. Soedarso", "health", ("direct_service",)),
    Unit("satpol-pp", "Satuan Polisi Pamong Praja", "security_order", ("direct_service",)),
    Unit("diskominfo", "Dinas Komunikasi dan Informatika", "government_administration", ()),
    Unit("bkd", "Badan Kepegawaian Daerah", "government_administration", ()),
    Unit("disdik", "Dinas Pendidikan", "education", ()),
    Unit(
        "kecamatan-pontianak-kota",
        "Kantor Camat Pontianak Kota",
        "government_administration",
        ("direct_service",),
    ),
    Unit("dishub", "Dinas Perhubungan", "transport_distribution", ()),
    Unit("biro-umum", "Biro Umum Setda", "leadership_support", ()),
)

# The compliant roster. One employee per line: NIP parts (birth date YYYYMMDD, appointment
# YYYYMM, sex digit 1 = male / 2 = female, serial), then the modes on 16, 17 and 18 April,
# then "name | position". A "[unit-id]" line starts a unit.
STAFF_TABLE = """
[rsud-soedarso]
19780514 200603 1 002  WFO   WFO   WFO   dr. Yohanes Atan, Sp.PD | Dokter Ahli Madya
19860902 201402 2 001  WFO   WFO   WFO   dr. Fitri Handayani | Dokter Ahli Muda
19840321 200904 2 003  WFO   WFO   LIBUR Ns. Utin Nurhasanah, S.Kep. | Perawat Ahli Muda
19921108 201903 2 001  LIBUR WFO   WFO   Ns. Maria Goreti Lenny, S.Kep. | Perawat Ahli Pertama
19900719 201501 1 001  WFO   LIBUR WFO   Stefanus Ngo, A.Md.Kep. | Perawat Terampil
19881230 201103 2 004  WFO   CT    WFO   Sri Wahyuni, A.Md.Keb. | Bidan Terampil
19910406 201903 1 002  WFO   WFO   WFO   Hendra Wijaya, S.Farm., Apt. | Apoteker Ahli Pertama
19890625 201403 2 002  WFO   SAKIT WFO   Andi Nurhayati, A.Md.AK | Pranata Laboratorium Kesehatan Terampil
19870112 201012 1 001  LIBUR WFO   WFO   Agustinus Ngadi, A.Md.Rad. | Radiografer Terampil
19930817 202012 2 001  WFO   WFO   CT    Uray Fitriani, S.Gz. | Nutrisionis Ahli Pertama
19940203 202012 1 003  WFO   WFO   WFO   Muhammad Arfah, A.Md.PK | Perekam Medis Terampil
19951011 202101 2 002  WFO   WFO   LIBUR Ns. Susanti Tjhai, S.Kep. | Perawat Ahli Pertama
19910529 201703 2 001  WFO   LIBUR WFO   Yulita Sumiati, A.Md.Kep. | Perawat Terampil
19851115 201004 1 001  DL    WFO   WFO   Syarif Hamid Alkadrie, S.KM | Administrator Kesehatan Ahli Muda
19760809 199903 1 002  WFO   WFO   WFO   Bambang Purnomo, A.Md.Kep. | Perawat Penyelia
[satpol-pp]
19750217 199803 1 001  WFO   WFO   WFO   Abang Rusdi Effendi, S.Sos. | Kepala Seksi Operasi dan Pengendalian
19900309 201503 1 002  DL    WFO   WFO   Gusti Ardiansyah | Polisi Pamong Praja Ahli Pertama
19881022 200912 1 001  WFO   WFO   WFO   Fransiskus Jamin | Polisi Pamong Praja Terampil
19820604 200601 1 003  WFO   WFO   DL    Andi Baso Rahman | Polisi Pamong Praja Mahir
19931201 201903 2 001  WFO   WFO   WFO   Dayang Nurul Aini | Polisi Pamong Praja Terampil
19800416 200501 1 002  WFO   CT    WFO   Slamet Riyadi | Polisi Pamong Praja Mahir
19950125 202012 1 004  WFO   WFO   WFO   Kurniawan Liu | Polisi Pamong Praja Terampil
19870914 201012 2 002  WFO   WFO   WFO   Lusia Idang | Pengadministrasi Umum
19791130 200301 1 001  WFO   WFO   WFO   Syamsuddin | Polisi Pamong Praja Mahir
[diskominfo]
19810823 200512 1 001  WFO   WFO   WFO   Hendrik Tjhai, S.Kom., M.T. | Kepala Bidang Aplikasi Informatika
19860510 201003 2 002  WFH   WFO   WFO   Nurul Hidayah, S.I.Kom. | Pranata Humas Ahli Muda
19940903 201903 1 003  WFO   WFH   WFO   Yosef Anyang, S.Kom. | Pranata Komputer Ahli Pertama
19960214 202101 2 001  WFH   WFO   WFO   Rika Novianti, S.Stat. | Statistisi Ahli Pertama
19921212 201903 1 001  WFO   WFH   WFO   Muhammad Ridwan, S.Tr.Sandi | Sandiman Ahli Pertama
19900630 201412 2 001  WFH   WFO   WFO   Vivi Susanti | Pranata Humas Terampil
19890318 201103 1 002  WFO   WFH   WFO   Wahyu Nugroho | Pranata Komputer Terampil
[bkd]
19761005 200003 1 001  WFO   WFO   WFO   Andi Muhammad Yusuf, S.H., M.Si. | Kepala Bidang Mutasi dan Promosi
19820727 200601 2 002  WFH   WFO   WFO   Endang Lestari | Analis Kepegawaian Ahli Muda
19940419 201903 2 004  WFA   WFH   WFO   Sherly Gunawan, S.Psi. | Analis Kepegawaian Ahli Pertama
19901224 201503 1 001  WFO   WFH   WFO   Markus Alung, S.Psi. | Asesor SDM Aparatur Ahli Pertama
19910131 201412 2 001  WFH   WFO   WFO   Utin Rahmawati | Pranata Komputer Terampil
19850808 200912 1 003  WFO   WFA   WFO   Agus Setiawan | Arsiparis Terampil
19780303 200201 2 001  CT    WFA   WFO   Sitti Aminah | Pengadministrasi Kepegawaian
19930615 201903 1 002  WFA   WFO   WFO   Robertus Kilat, S.Sos. | Analis Kepegawaian Ahli Pertama
[disdik]
19700520 199503 1 001  WFO   WFO   WFO   Drs. Paulus Asoi, M.Pd. | Kepala Bidang Pembinaan SMA
19721111 199803 2 002  DL    WFH   DL    Siti Khadijah, S.Pd., M.Pd. | Pengawas Sekolah Ahli Madya
19930708 201903 2 003  WFH   WFO   WFO   Yuliana Sinta, S.E. | Perencana Ahli Pertama
19900919 201503 1 001  WFO   WFH   WFO   Rahmad Hidayat | Analis Kebijakan Ahli Pertama
19950327 202101 2 001  WFH   WFO   WFO   Felisia Wong, S.Kom. | Pranata Komputer Ahli Pertama
19830202 200601 1 002  WFO   WFH   WFO   Sutrisno | Pengelola Keuangan
19871206 201012 2 001  WFH   WFO   WFO   Syarifah Nurlaila | Pengolah Data Pendidikan
19790814 200403 1 001  WFO   WFH   WFO   Andi Ilham, S.Pd. | Pengawas Sekolah Ahli Muda
19920505 201412 2 003  WFH   WFO   CT    Dewi Kartika Sari | Pengadministrasi Umum
[kecamatan-pontianak-kota]
19800618 200310 1 001  WFO   WFO   WFO   Uray Muhammad Yusri, S.STP., M.Si. | Camat
19790909 200403 2 001  WFO   WFH   WFO   Sri Rahayu Ningsih, S.Sos. | Sekretaris Camat
19840123 200901 1 002  DL    WFO   WFO   Abang Ismail | Kepala Seksi Pelayanan Umum
19911030 201412 2 001  WFO   WFO   WFO   Herlina Kho | Pengadministrasi Kependudukan
19830404 200801 1 001  WFO   WFH   WFO   Antonius Bujang | Kepala Seksi Pemerintahan
19950821 202012 2 005  WFO   WFO   WFO   Nur Asiah | Pengelola Layanan Operasional
19931102 201903 1 002  WFO   WFH   WFO   Rahmat Syukur | Pranata Komputer Terampil
[dishub]
19771219 200203 1 001  WFO   WFO   WFO   Joko Susilo, S.T. | Kepala Seksi Lalu Lintas Angkutan Jalan
19880503 201012 1 001  WFO   WFO   WFO   Suryadi | Penguji Kendaraan Bermotor Ahli Pertama
19900222 201412 1 002  DL    WFO   WFO   Benediktus Awin | Penguji Kendaraan Bermotor Terampil
19860714 200912 1 004  WFO   WFO   WFO   Arif Rahman Hakim | Pengawas Angkutan Sungai dan Penyeberangan
19920926 201903 2 001  CAP   WFO   WFO   Ratna Sari Dewi, S.T. | Analis Transportasi
19810315 200601 1 002  WFO   S     WFO   Edi Tjhang | Pengelola Sarana dan Prasarana
19940606 202012 1 002  WFO   WFO   WFO   Andi Fajar | Petugas Terminal
19890109 201103 2 001  WFO   WFO   WFO   Margaretha Yanti | Pengadministrasi Umum
[biro-umum]
19780702 200203 2 001  WFO   WFO   WFO   Syarifah Maryam, S.E., M.M. | Kepala Bagian Rumah Tangga
19901010 201503 1 002  WFO   DL    WFO   Dedi Kurniawan | Analis Protokol
19910428 201412 2 002  WFH   WFO   WFO   Christina Apui | Sekretaris Pimpinan
19870801 201012 1 003  WFO   WFH   WFO   Muhammad Iqbal | Pengelola Barang Milik Daerah
19930211 201903 2 002  WFH   WFO   WFO   Tri Wulandari, A.Md. | Pengadministrasi Keuangan
19941205 202101 1 001  WFA   WFA   WFO   Ferry Tan, S.Kom. | Pranata Komputer Ahli Pertama
19850517 200912 2 001  WFH   WFH   WFO   Andi Sitti Rahmah, S.E. | Penata Laporan Keuangan
19820929 200601 1 003  WFO   WFO   WFO   Yakobus Ahon | Pengemudi
"""


# Changes that turn the compliant roster into the violating one: (name, date) -> mode.
#
# Intended violations, as (rule, unit, date): expected excess (CONTRACT.md section 4;
# N = listed = every assignment except LIBUR; onsite = WFO, DL; remote = WFH, WFA):
#
# - (essential-wfo-100, rsud-soedarso, 2024-04-16): excess 1. Nurse Susanti Tjhai works
#   from home; health is essential, so no one may be remote (excess = remote = 1).
# - (direct-service-present-100, rsud-soedarso, 2024-04-16): excess 1. The same WFH nurse
#   breaks "100% present". N = 13 (two nurses are LIBUR, not listed), onsite = 12
#   (11 WFO + the administrator on DL), excess = N - onsite = 1.
# - (direct-service-present-100, satpol-pp, 2024-04-16): excess 1. Slamet Riyadi starts
#   his annual leave (CT) a day early; leave counts against 100% present. N = 9,
#   onsite = 8 (7 WFO + Gusti Ardiansyah on DL), excess = 1. Leave is not remote, so
#   essential-wfo-100 holds.
# - (others-wfh-max-50, diskominfo, 2024-04-17): excess 1. 4 of 7 remote; the cap is
#   floor(7 / 2) = 3, excess = 4 - 3 = 1.
# - (others-wfh-max-50, bkd, 2024-04-16): excess 2. Two more staff take WFA: 6 of 8
#   remote. N = 8 includes Sitti Aminah on leave (CT), cap = floor(8 / 2) = 4,
#   excess = 6 - 4 = 2 (a "working staff" denominator would give 3).
# - (direct-service-present-100, kecamatan-pontianak-kota, 2024-04-16): excess 1. One
#   front-office clerk works from home: N = 7, onsite = 6 (5 WFO + 1 DL). Rule 2 holds
#   (1 <= floor(7 / 2) = 3).
# - (essential-wfo-100, dishub, 2024-04-17): excess 1. One officer works from home; the
#   unit has no direct_service tag, so only rule 1 applies (and only counts remote).
#
# Decoys that must NOT be reported:
# - rsud-soedarso: two nurses on LIBUR (shift off) on 16 April are not listed at all.
# - satpol-pp and rsud-soedarso: DL on 16 April counts as onsite.
# - dishub: Ratna Sari Dewi on leave (CAP) on 16 April; not direct_service, not remote.
# - rsud-soedarso: Muhammad Arfah WFH on Thu 18 April, outside the window.
VIOLATING_CHANGES: dict[tuple[str, str], str] = {
    ("Ns. Susanti Tjhai, S.Kep.", "2024-04-16"): "WFH",  # rsud: rules 1 and 3
    ("Slamet Riyadi", "2024-04-16"): "CT",  # satpol-pp: rule 3
    ("Vivi Susanti", "2024-04-17"): "WFH",  # diskominfo: 4 of 7 remote
    ("Markus Alung, S.Psi.", "2024-04-16"): "WFA",  # bkd: 6 of 8 remote
    ("Agus Setiawan", "2024-04-16"): "WFA",  # bkd
    ("Nur Asiah", "2024-04-16"): "WFH",  # kecamatan: rule 3 only
    ("Arif Rahman Hakim", "2024-04-17"): "WFH",  # dishub: rule 1 only
    ("Muhammad Arfah, A.Md.PK", "2024-04-18"): "WFH",  # decoy: outside the window
}

Row = dict[str, str]


def parse_staff(table: str) -> list[Person]:
    """Parse STAFF_TABLE, failing loudly on anything implausible."""
    staff: list[Person] = []
    unit_ids = {u.id for u in UNITS}
    unit = ""
    for lineno, line in enumerate(table.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("["):
            unit = line.strip("[]")
            if unit not in unit_ids:
                raise ValueError(f"STAFF_TABLE line {lineno}: unknown unit {unit!r}")
            continue
        head, position = line.split(" | ")
        born, appointed, sex, serial, *rest = head.split()
        modes, name = tuple(rest[: len(DATES)]), " ".join(rest[len(DATES) :])
        if not name or not set(modes) <= MODES:
            raise ValueError(f"STAFF_TABLE line {lineno}: bad modes or missing name")
        nip = f"{born}{appointed}{sex}{serial}"
        birth_date = dt.datetime.strptime(born, "%Y%m%d").date()
        appointed_date = dt.datetime.strptime(appointed + "01", "%Y%m%d").date()
        age = (appointed_date - birth_date).days // 365
        if not (len(nip) == 18 and nip.isdigit() and sex in ("1", "2") and len(serial) == 3):
            raise ValueError(f"STAFF_TABLE line {lineno}: bad NIP {nip!r}")
        if not (18 <= age <= 40 and appointed_date < dt.date(2024, 4, 1)):
            raise ValueError(f"STAFF_TABLE line {lineno}: implausible appointment date")
        if not unit:
            raise ValueError(f"STAFF_TABLE line {lineno}: employee before any [unit]")
        staff.append(Person(unit, nip, name, position, modes))
    for key in ("nip", "name"):
        values = [getattr(p, key) for p in staff]
        if len(set(values)) != len(values):
            raise ValueError(f"STAFF_TABLE: duplicate {key}")
    return staff


def build(changes: dict[tuple[str, str], str]) -> tuple[list[Row], list[Row]]:
    """Return (employees, assignments) with ``changes`` applied over the compliant modes."""
    staff = parse_staff(STAFF_TABLE)
    unknown = {name for name, _ in changes} - {p.name for p in staff}
    if unknown or not set(changes.values()) <= MODES:
        raise ValueError(f"bad changes: unknown employees {sorted(unknown)} or modes")
    employees: list[Row] = [
        {"id": p.nip, "name": p.name, "unit": p.unit, "position": p.position} for p in staff
    ]
    assignments: list[Row] = [
        {"employee": p.nip, "date": date, "mode": changes.get((p.name, date), p.modes[i])}
        for i, date in enumerate(DATES)
        for p in staff
    ]
    return employees, assignments


def dump_line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_json(path: Path, employees: list[Row], assignments: list[Row]) -> None:
    units = [{"id": u.id, "name": u.name, "sector": u.sector, "tags": list(u.tags)} for u in UNITS]
    sections = (("units", units), ("employees", employees), ("assignments", assignments))
    parts = []
    for key, items in sections:
        body = ",\n".join(f"    {dump_line(item)}" for item in items)
        parts.append(f'  "{key}": [\n{body}\n  ]')
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")


def write_csv(path: Path, employees: list[Row], assignments: list[Row]) -> None:
    units = {u.id: u for u in UNITS}
    by_nip = {e["id"]: e for e in employees}
    header = ["employee", "name", "unit", "unit_name", "sector", "tags", "date", "mode"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for a in assignments:
            emp = by_nip[a["employee"]]
            unit = units[emp["unit"]]
            writer.writerow(
                [
                    a["employee"],
                    emp["name"],
                    unit.id,
                    unit.name,
                    unit.sector,
                    ";".join(unit.tags),
                    a["date"],
                    a["mode"],
                ]
            )


def main() -> None:
    for stem, changes in (("roster-compliant", {}), ("roster-violating", VIOLATING_CHANGES)):
        employees, assignments = build(changes)
        write_json(HERE / f"{stem}.json", employees, assignments)
        write_csv(HERE / f"{stem}.csv", employees, assignments)
        print(f"wrote {stem}.json and {stem}.csv: {len(employees)} employees, {len(assignments)} assignments")


if __name__ == "__main__":
    main()
