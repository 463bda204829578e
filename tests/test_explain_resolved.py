"""explain over the issue-8 rule language: regions, context tables, amendments, revocations, employee filters.

explain resolves rules as ``check`` does; what it cannot know without more input (a context value, a region)
is listed under ``depends`` with the variable it needs, never guessed. Its quota is ``wfrules quota``'s.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import given, settings

import wfrules
from tests.conftest import EXAMPLES
from tests.strategies import rosters
from wfrules._cli import main
from wfrules._context import ContextTable
from wfrules._explain import explain

PPKM = wfrules.load_circular("menpanrb-se-25-2021")
AMENDING = wfrules.load_circular("menpanrb-se-05-2022")
DKI = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025")
KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")


def levels(region: str, level: int, zone: str = "") -> ContextTable:
    return ContextTable.from_rows([{"region": region, "from": "2022-02-01", "to": "2022-02-28",
                                    "ppkm_level": level, "zone": zone}])


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_context_rules_depend_on_the_context_variable_when_no_table_is_given() -> None:
    result = explain([PPKM], dt.date(2022, 2, 15), sector="government_administration", region="32.73")
    assert result.applies == ()
    in_java_bali = {v.rule for v in result.depends}
    assert in_java_bali == {"nonessential-java-bali-l1", "nonessential-java-bali-l2", "nonessential-java-bali-l3",
                            "nonessential-java-bali-l4"}
    assert all(v.reason_code == "context" and v.variables == ("ppkm_level",) for v in result.depends)
    assert "depends on context variable ppkm_level" in result.depends[0].reason  # type: ignore[operator]
    # The rules outside Java-Bali do not depend on anything: the region decides them.
    assert {v.reason_code for v in result.not_applicable} == {"not", "tag"}
    assert result.quota.max_remote is None
    # The text must not claim "no limit applies" when four rules are undecided.
    for lang, said in [("en", "no limit among the decided rules; 4 rule(s) depend"),
                       ("id", "4 ketentuan bergantung pada data yang tidak diberikan")]:
        shown = explain([PPKM], dt.date(2022, 2, 15), sector="government_administration", region="32.73",
                        lang=lang).render_text()
        assert said in shown
        assert "no limit applies" not in shown


def test_region_scopes_depend_on_the_region_when_none_is_given() -> None:
    result = explain([PPKM], dt.date(2022, 2, 15), sector="government_administration", listed=4)
    assert len(result.depends) == len(PPKM.rules)
    assert {v.reason_code for v in result.depends} == {"region"}


def test_the_version_in_force_and_the_context_value_decide() -> None:
    context = levels("32.73", 2)
    for day, circulars, bound in [(dt.date(2022, 2, 15), [PPKM, AMENDING], 4),
                                  (dt.date(2022, 2, 16), [PPKM, AMENDING], 6),
                                  (dt.date(2022, 2, 16), [PPKM], 4)]:
        result = explain(circulars, day, sector="government_administration", region="Jawa Barat", listed=8,
                         context=levels("32", 2))
        (applies,) = result.applies
        assert applies.rule == "nonessential-java-bali-l2"
        assert (result.quota.max_onsite, result.quota.min_remote) == (bound, 8 - bound)
        assert ("menpanrb-se-05-2022" in (applies.note or "")) == (bound == 6)
    result = explain([PPKM], dt.date(2022, 2, 16), sector="government_administration", region="32.73",
                     context=context)
    reasons = {v.rule: v for v in result.not_applicable}
    assert reasons["nonessential-java-bali-l3"].reason_code == "context"
    assert "ppkm_level = 2" in (reasons["nonessential-java-bali-l3"].reason or "")


def test_a_revoked_rule_says_by_whom_and_from_when() -> None:
    context = levels("61.71", 2, "merah")
    before = explain([PPKM, AMENDING], dt.date(2022, 2, 15), sector="education", region="61.71", context=context)
    assert [v.rule for v in before.applies] == ["nonessential-outside-l1-l2-red"]
    after = explain([PPKM, AMENDING], dt.date(2022, 2, 16), sector="education", region="61.71", context=context,
                    listed=8)
    revoked = {v.rule: v for v in after.not_applicable if v.reason_code == "revoked"}
    assert set(revoked) == {"nonessential-outside-l1-l2-green", "nonessential-outside-l1-l2-yellow-orange",
                            "nonessential-outside-l1-l2-red"}
    assert revoked["nonessential-outside-l1-l2-red"].reason == "revoked by menpanrb-se-05-2022 from 2022-02-16"
    assert [v.rule for v in after.applies] == ["nonessential-outside-l2"]
    assert after.quota.max_onsite == 6


def test_an_employee_filter_applies_says_whom_it_counts_and_stays_out_of_the_quota() -> None:
    result = explain([DKI], dt.date(2025, 8, 29), sector="health", region="31", listed=5)
    (applies,) = result.applies
    assert applies.rule == "service-24h-staff-onsite"
    assert "where service_24h = true" in (applies.note or "")
    assert result.quota.max_remote is None


def test_a_unit_of_an_example_roster_with_a_context_table() -> None:
    folder = EXAMPLES / "menpanrb-se-05-2022"
    roster = wfrules.load_roster(folder / "roster.json")
    context = wfrules.load_context(folder / "levels.csv")
    day = dt.date(2022, 2, 16)
    quotas = wfrules.quota(roster, [PPKM, AMENDING], context=context)
    for unit in roster.units:
        result = explain([PPKM, AMENDING], day, unit=unit.id, roster=roster, context=context)
        assert result.depends == ()
        entry = quotas.entry(unit.id, day)
        if result.applies:
            assert (result.quota.max_remote, result.quota.min_onsite) == (entry.max_remote, entry.min_onsite)
            assert (result.quota.min_remote, result.quota.max_onsite) == (entry.quota.min_remote,
                                                                          entry.quota.max_onsite)
    code, out, _ = run(["explain", "-c", "menpanrb-se-25-2021", "-c", "menpanrb-se-05-2022", "--date", "2022-02-16",
                        "--unit", roster.units[0].id, "--roster", str(folder / "roster.json"),
                        "--context", str(folder / "levels.csv"), "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert data["depends"] == []
    assert "min_remote" in data["quota"]


def test_cli_region_and_depends() -> None:
    code, out, _ = run(["explain", "-c", "menpanrb-se-25-2021", "--date", "2022-02-16", "--sector", "education",
                        "--region", "DKI Jakarta", "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert data["region"] == "31"
    assert {d["reason_code"] for d in data["depends"]} == {"context"}
    assert all(d["variables"] == ["ppkm_level"] for d in data["depends"])
    code, _, err = run(["explain", "-c", "menpanrb-se-25-2021", "--date", "2022-02-16", "--sector", "education",
                        "--region", "31", "--context", "no-such-levels.csv"])
    assert code == 2
    assert err.startswith("error: ")


@settings(max_examples=40, deadline=None)
@given(rosters())
def test_explain_and_quota_agree_on_every_unit_and_date(data: dict[str, object]) -> None:
    """One quota machinery: for every unit and date of a roster, explain's combined quota is quota's."""
    roster = wfrules.Roster.model_validate(data)
    report = wfrules.quota(roster, KALBAR)
    for entry in report.quotas:
        result = explain(KALBAR, entry.date, unit=entry.unit, roster=roster)
        if result.applies:
            assert (result.quota.max_remote, result.quota.min_onsite) == (entry.max_remote, entry.min_onsite)
        else:
            assert result.quota.max_remote is None


def test_explain_and_quota_agree_with_an_employee_filter() -> None:
    """For a roster's unit, explain judges a filtered rule on the cell's people, as quota does."""
    roster = wfrules.load_roster(EXAMPLES / "pemprov-dki-bkd-se-e-0021-2025" / "roster.json")
    day = dt.date(2025, 8, 29)
    report = wfrules.quota(roster, DKI)
    seen_filtered = False
    for unit in roster.units:
        result = explain(DKI, day, unit=unit.id, roster=roster)
        entry = report.entry(unit.id, day)
        seen_filtered = seen_filtered or any("service_24h" in (v.note or "") for v in result.applies)
        if result.applies:
            assert (result.quota.max_remote, result.quota.min_onsite) == (entry.max_remote, entry.min_onsite)
    assert seen_filtered


def test_a_region_without_a_province_is_a_usage_error() -> None:
    code, out, err = run(["explain", "-c", "menpanrb-se-25-2021", "--date", "2022-02-16", "--sector", "education",
                          "--region", "Kota Bogor"])
    assert code == 2
    assert out == ""
    assert "--region" in err
    assert "\\x00" not in err
    assert "\x00" not in err
