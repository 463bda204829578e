"""The catalog circulars beyond the seed: each one's report on its example roster, snapshotted, plus what
each shows (context tables, amendments, holiday windows, recurrences, region scopes, employee filters).

Refresh the snapshots after a deliberate change with
``WFRULES_UPDATE_SNAPSHOTS=1 pytest tests/test_catalog_circulars.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import wfrules
from wfrules._cli import main

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
SNAPSHOTS = HERE / "snapshots" / "catalog"

#: snapshot name -> (roster, circulars, context table or None)
CASES: dict[str, tuple[str, list[str], str | None]] = {
    "menpanrb-se-25-2021": ("menpanrb-se-25-2021/roster.json", ["menpanrb-se-25-2021"],
                            "menpanrb-se-25-2021/levels.csv"),
    "menpanrb-se-05-2022": ("menpanrb-se-05-2022/roster.json", ["menpanrb-se-25-2021", "menpanrb-se-05-2022"],
                            "menpanrb-se-05-2022/levels.csv"),
    "menpanrb-se-02-2026": ("menpanrb-se-02-2026/roster.json", ["menpanrb-se-02-2026"], None),
    "pemkab-bogor-se-000-8-3-578-org-2026": ("pemkab-bogor-se-000-8-3-578-org-2026/roster.json",
                                             ["pemkab-bogor-se-000-8-3-578-org-2026"], None),
    "pemprov-dki-bkd-se-e-0021-2025": ("pemprov-dki-bkd-se-e-0021-2025/roster.json",
                                       ["pemprov-dki-bkd-se-e-0021-2025"], None),
}


def run_check(roster: str, circulars: list[str], context: str | None, lang: str = "en",
              fmt: str = "json", base: Path = EXAMPLES) -> tuple[int, str, str]:
    args = ["check", str(base / roster), "--format", fmt, "--lang", lang]
    for circular in circulars:
        args += ["--circular", circular]
    if context:
        args += ["--context", str(base / context)]
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_matches_its_snapshot(name: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # From the repository root with relative paths, so the reports' file fields are portable.
    monkeypatch.chdir(HERE.parent)
    roster, circulars, context = CASES[name]
    code, out, err = run_check(roster, circulars, context, lang=lang, base=Path("examples"))
    assert err == ""
    snapshot = SNAPSHOTS / f"{name}.{lang}.json"
    if os.environ.get("WFRULES_UPDATE_SNAPSHOTS"):
        snapshot.write_text(out, encoding="utf-8")
    expected = json.loads(snapshot.read_text(encoding="utf-8"))
    assert json.loads(out) == expected
    assert code == (0 if expected["ok"] else 1)


def test_each_new_circular_has_a_snapshot_case() -> None:
    new = set(wfrules.catalog_ids()) - {"kalbar-se-800-01-2024", "menpanrb-se-01-2024"}
    assert new <= set(CASES)


def test_the_catalog_lists_at_least_five_real_circulars_with_number_issuer_and_date() -> None:
    out = io.StringIO()
    assert main(["catalog", "--format", "json"], stdout=out, stderr=io.StringIO()) == 0
    entries = json.loads(out.getvalue())
    assert len(entries) >= 5
    for entry in entries:
        assert entry["number"]
        assert entry["issuer"]
        assert entry["issued"]
    for circular in wfrules.catalog():
        assert circular.sources, circular.id  # every catalog circular cites where it comes from


def _violations(name: str) -> list[tuple[str, str, str]]:
    _, out, _ = run_check(*CASES[name])
    return [(v["unit"], v["date"], v["rule"]) for v in json.loads(out)["violations"]]


def test_ppkm_limits_follow_the_level_and_zone_of_the_units_region() -> None:
    assert _violations("menpanrb-se-25-2021") == [
        ("bappeda-bandung", "2021-11-17", "nonessential-java-bali-l2"),   # level 2: 5 of 8 WFO > 4
        ("dinkes-bandung", "2021-11-16", "essential-java-bali-l2"),       # essential, level 2: 7 > 6
        ("bkd-kalbar", "2021-11-16", "nonessential-outside-l3"),          # the province's row: level 3
    ]


def test_the_amendment_applies_from_its_date_and_the_violation_names_it() -> None:
    _, out, _ = run_check(*CASES["menpanrb-se-05-2022"])
    found = {(v["unit"], v["date"]): v for v in json.loads(out)["violations"]}
    before, after = found[("bappeda-bandung", "2022-02-15")], found[("bappeda-bandung", "2022-02-16")]
    assert before["required"]["max"] == 4
    assert "amended_by" not in before["required"]
    assert after["required"]["max"] == 6
    assert after["required"]["amended_by"] == "menpanrb-se-05-2022"
    assert after["required"]["in_force_from"] == "2022-02-16"
    assert "as amended by SE MenPAN-RB 5/2022" in after["citation"]
    # Revoked zone rule on the 16th, replaced by the amending circular's own level rule.
    assert found[("diskominfo-pontianak", "2022-02-15")]["rule"] == "nonessential-outside-l1-l2-red"
    assert found[("diskominfo-pontianak", "2022-02-16")]["rule"] == "nonessential-outside-l2"


def test_holiday_windows_resolve_to_the_announced_dates() -> None:
    rule = wfrules.load_circular("menpanrb-se-02-2026").rule("essential-services-no-wfa")
    assert rule.window is not None
    import datetime as dt
    days = [d.isoformat() for d in rule.window.dates_between(dt.date(2026, 3, 1), dt.date(2026, 4, 30))]
    assert days == ["2026-03-16", "2026-03-17", "2026-03-25", "2026-03-26", "2026-03-27"]
    assert [v[1] for v in _violations("menpanrb-se-02-2026")] == ["2026-03-17", "2026-03-26", "2026-03-27"]


def test_weekly_recurrences_skip_good_friday() -> None:
    # rsud-leuwiliang has one WFH on Good Friday (3 April 2026, a public holiday) and one on 10 April.
    assert _violations("pemkab-bogor-se-000-8-3-578-org-2026") == [
        ("bappedalitbang", "2026-04-07", "wfo-monday-to-thursday"),
        ("rsud-leuwiliang", "2026-04-10", "essential-services-wfo-friday"),
    ]


def test_region_scope_and_employee_attribute_read_alike_from_json_and_csv() -> None:
    expected = [("rsud-tarakan", "2025-08-29", "direct-service-units-onsite"),
                ("gulkarmat-jakpus", "2025-08-29", "service-24h-staff-onsite")]
    assert _violations("pemprov-dki-bkd-se-e-0021-2025") == expected
    _, out, _ = run_check("pemprov-dki-bkd-se-e-0021-2025/roster.csv", ["pemprov-dki-bkd-se-e-0021-2025"], None)
    csv_report = json.loads(out)
    _, out, _ = run_check(*CASES["pemprov-dki-bkd-se-e-0021-2025"])
    json_report = json.loads(out)
    # Same verdicts; only where they point differs (each file's own lines).
    def verdicts(report: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
        return [{k: v for k, v in item.items() if k not in ("file", "lines")} for item in report["violations"]]

    assert verdicts(csv_report) == verdicts(json_report)


def test_a_ppkm_check_without_levels_is_an_input_error_naming_what_is_missing() -> None:
    roster, circulars, _ = CASES["menpanrb-se-25-2021"]
    code, out, err = run_check(roster, circulars, None)
    assert code == 2
    assert out == ""
    assert "error: --context: rule 'nonessential-java-bali-l1' needs ppkm_level for unit 'bappeda-bandung'" in err


def test_the_generator_reproduces_the_committed_examples(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(EXAMPLES / "make_catalog_rosters.py"), str(tmp_path)], check=True)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert written
    for name in written:
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name


def _scopes(scope: wfrules.Scope) -> list[wfrules.Scope]:
    return [scope, *(s for child in (scope.any_of or ()) for s in _scopes(child)),
            *(_scopes(scope.not_) if scope.not_ is not None else [])]


def _windows(window: wfrules.Window | None) -> list[wfrules.Window]:
    return [] if window is None else [window, *(w for child in window.any_of for w in _windows(child))]


def test_every_construct_of_the_language_is_used_by_some_catalog_file() -> None:
    used: dict[str, set[str]] = {}

    def mark(construct: str, circular: str) -> None:
        used.setdefault(construct, set()).add(circular)

    for circular in wfrules.catalog():
        if circular.amends:
            mark("amends", circular.id)
        if circular.revokes:
            mark("revokes", circular.id)
        for rule in circular.rules:
            if rule.context is not None:
                mark("context", circular.id)
            if rule.employees is not None:
                mark("employees", circular.id)
            for scope in _scopes(rule.scope):
                if scope.regions is not None:
                    mark("regions", circular.id)
                if scope.not_ is not None and scope.not_.uses_regions:
                    mark("outside a region", circular.id)
            for window in _windows(rule.window):
                for construct in ("holidays", "recurrences", "skip_holidays", "working_days_only", "any_of"):
                    if getattr(window, construct):
                        mark(construct, circular.id)
    assert sorted(used) == sorted(["amends", "revokes", "context", "employees", "regions", "outside a region",
                                   "holidays", "recurrences", "skip_holidays", "working_days_only", "any_of"])
