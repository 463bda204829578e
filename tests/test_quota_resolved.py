"""quota and fix on the issue-8 circulars: the same resolution as ``check`` (regions, context tables,
amendments and revocations between the given circulars).

The property: for a unit of any kind and region, on any date, under any context values, with the catalog
circulars alone or with the circular that amends them, a roster at exactly the quota passes ``check``, one
more remote (or one fewer) fails, and ``fix`` makes a breaking roster pass.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import wfrules
from wfrules import Roster
from wfrules._context import ContextTable

PPKM = wfrules.load_circular("menpanrb-se-25-2021")
AMENDING = wfrules.load_circular("menpanrb-se-05-2022")
SETS = {
    "ppkm": [PPKM],
    "ppkm+amending": [PPKM, AMENDING],
    "amending": [AMENDING],
    "kalbar": [wfrules.load_circular("kalbar-se-800-01-2024")],
    "national-2024": [wfrules.load_circular("menpanrb-se-01-2024")],
    "national-2026": [wfrules.load_circular("menpanrb-se-02-2026")],
    "bogor": [wfrules.load_circular("pemkab-bogor-se-000-8-3-578-org-2026")],
}
_PPKM_DATES = [dt.date(2021, 11, 12), dt.date(2021, 11, 13), dt.date(2022, 2, 15), dt.date(2022, 2, 16),
               dt.date(2022, 7, 1), dt.date(2022, 12, 29), dt.date(2022, 12, 30)]
#: Dates in (and around) each set's windows: the dates where a quota says something.
DATES = {
    "ppkm": _PPKM_DATES, "ppkm+amending": _PPKM_DATES, "amending": _PPKM_DATES,
    "kalbar": [dt.date(2024, 4, 16), dt.date(2024, 4, 17), dt.date(2024, 4, 18)],
    "national-2024": [dt.date(2024, 4, 16), dt.date(2024, 4, 17)],
    "national-2026": [dt.date(2026, 3, 16), dt.date(2026, 3, 17), dt.date(2026, 3, 27), dt.date(2026, 3, 30)],
    "bogor": [dt.date(2026, 3, 30), dt.date(2026, 4, 2), dt.date(2026, 4, 3), dt.date(2026, 4, 10),
              dt.date(2026, 5, 14), dt.date(2027, 1, 7)],
}
SET_AND_DATE = st.sampled_from(sorted(SETS)).flatmap(lambda n: st.tuples(st.just(n), st.sampled_from(DATES[n])))
REGIONS = ["32.73", "31", "51", "61.71", "73"]
SECTORS = ["government_administration", "health", "post", "education", "basic_utility"]


def roster_of(remote: int, onsite: int, absent: int, *, sector: str, tags: list[str], region: str,
              day: dt.date) -> Roster:
    modes = ["WFH"] * remote + ["WFO"] * onsite + ["CUTI"] * absent
    return Roster.model_validate({
        "units": [{"id": "u", "sector": sector, "tags": tags, "region": region}],
        "employees": [{"id": f"e{i}", "unit": "u"} for i in range(len(modes))],
        "assignments": [{"employee": f"e{i}", "date": day.isoformat(), "mode": m} for i, m in enumerate(modes)],
    })


def context_of(region: str, day: dt.date, level: int, zone: str) -> ContextTable:
    return ContextTable.from_rows([{"region": region, "from": (day - dt.timedelta(days=3)).isoformat(),
                                    "to": (day + dt.timedelta(days=3)).isoformat(), "ppkm_level": level,
                                    "zone": zone}])


@settings(max_examples=150, deadline=None)
@given(SET_AND_DATE, st.sampled_from(SECTORS),
       st.lists(st.sampled_from(["essential", "critical", "direct_service"]), max_size=2, unique=True),
       st.sampled_from(REGIONS), st.integers(1, 4), st.sampled_from(["hijau", "kuning", "oranye", "merah"]),
       st.integers(1, 9), st.integers(0, 2))
def test_a_roster_at_the_quota_passes_and_one_more_fails(
    set_and_date: tuple[str, dt.date], sector: str, tags: list[str], region: str, level: int, zone: str, working: int,
    absent: int,
) -> None:
    """At max_remote (and min_remote) remote the day passes check; one beyond either end fails."""
    name, day = set_and_date
    circulars = SETS[name]
    context = context_of(region, day, level, zone)
    kind: dict[str, Any] = {"sector": sector, "tags": tags, "region": region, "day": day}
    entry = wfrules.quota(roster_of(0, working, absent, **kind), circulars, context=context).entry("u", day)
    q = entry.quota
    event("infeasible" if not q.feasible else "remote capped" if q.max_remote < working
          else "WFO capped" if q.min_remote > 0 else "no limit binds")
    if not q.feasible:
        return
    assert q.min_remote <= q.max_remote <= working or q.max_remote == q.listed

    def passes(remote: int) -> bool:
        remote = min(remote, working)
        return wfrules.check(roster_of(remote, working - remote, absent, **kind), circulars, context=context).ok

    top, bottom = min(q.max_remote, working), q.min_remote
    assert passes(top), (name, day, q)
    assert passes(bottom), (name, day, q)
    if top < working:
        assert not passes(top + 1), (name, day, q)
    if bottom > 0:
        assert not passes(bottom - 1), (name, day, q)
    # fix, from the worst end, reaches a roster that passes with the fewest changes the quota allows.
    worst = working if top < working else 0
    breaking = roster_of(worst, working - worst, absent, **kind)
    result = wfrules.fix(breaking, circulars, context=context)
    assert result.ok
    needed = worst - top if worst > top else bottom - worst
    assert len(result.changes) == max(0, needed)


def test_the_amended_ppkm_cap_from_16_february_2022() -> None:
    """SE 25/2021 caps WFO of a non-essential office in Java-Bali at level 2 at 50%; SE 05/2022 raises it to
    75% from 16 February 2022. quota says so, and check enforces exactly that."""
    context = context_of("32.73", dt.date(2022, 2, 15), 2, "kuning")
    kind: dict[str, Any] = {"sector": "government_administration", "tags": [], "region": "32.73"}
    before = dt.date(2022, 2, 15)
    after = dt.date(2022, 2, 16)
    for day, circulars, max_onsite in [(before, [PPKM, AMENDING], 4), (after, [PPKM, AMENDING], 6),
                                       (after, [PPKM], 4)]:
        q = wfrules.quota(roster_of(0, 8, 0, day=day, **kind), circulars, context=context).entry("u", day).quota
        assert (q.max_onsite, q.min_remote, q.max_remote) == (max_onsite, 8 - max_onsite, 8)
        assert wfrules.check(roster_of(8 - max_onsite, max_onsite, 0, day=day, **kind), circulars,
                             context=context).ok
        assert not wfrules.check(roster_of(7 - max_onsite, max_onsite + 1, 0, day=day, **kind), circulars,
                                 context=context).ok


def test_quota_needs_the_context_its_rules_need() -> None:
    roster = roster_of(0, 4, 0, sector="government_administration", tags=[], region="32.73",
                       day=dt.date(2022, 2, 16))
    with pytest.raises(wfrules.InputError, match="ppkm_level"):
        wfrules.quota(roster, [PPKM])


def test_fix_moves_the_filtered_employee_and_quota_agrees() -> None:
    dki = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025")
    roster = Roster.model_validate({
        "units": [{"id": "u", "sector": "education", "region": "31"}],
        "employees": [{"id": "e0", "unit": "u", "service_24h": True}, {"id": "e1", "unit": "u"}],
        "assignments": [{"employee": "e0", "date": "2025-08-29", "mode": "WFH"},
                        {"employee": "e1", "date": "2025-08-29", "mode": "WFH"}]})
    fixed = wfrules.fix(roster, [dki])
    assert fixed.ok
    assert [(c.employee, c.to_mode.value) for c in fixed.changes] == [("e0", "WFO")]
    entry = wfrules.quota(roster, [dki]).entry("u", dt.date(2025, 8, 29))
    assert (entry.max_remote, entry.min_onsite) == (1, 1)  # e1 may work from home, e0 may not


def _run(argv: list[str]) -> tuple[int, str, str]:
    import io

    from wfrules._cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_commands_take_the_context_table(tmp_path: Any) -> None:
    import json

    from tests.conftest import EXAMPLES

    folder = EXAMPLES / "menpanrb-se-05-2022"
    both = ["-c", "menpanrb-se-25-2021", "-c", "menpanrb-se-05-2022", "--context", str(folder / "levels.csv")]
    code, out, _ = _run(["quota", str(folder / "roster.json"), *both, "--format", "json"])
    assert code == 0
    quotas = json.loads(out)["quotas"]
    assert any(q["min_remote"] > 0 for q in quotas)  # the WFO caps of PPKM
    code, _, err = _run(["quota", str(folder / "roster.json"), "-c", "menpanrb-se-25-2021"])
    assert code == 2
    assert "ppkm_level" in err
    fixed = tmp_path / "fixed.json"
    code, out, _ = _run(["fix", str(folder / "roster.json"), *both, "-o", str(fixed), "--format", "json"])
    assert code == 0
    roster = wfrules.load_roster(fixed)
    context = wfrules.load_context(folder / "levels.csv")
    assert wfrules.check(roster, [PPKM, AMENDING], context=context).ok


def test_plan_under_ppkm_fills_the_office_as_far_as_the_amended_cap_allows() -> None:
    """A staff list with a region column, PPKM level 2 in Java-Bali: at most 50% WFO until 15 February 2022,
    75% from 16 February (SE 05/2022). Office caps leave remote work unregulated, so by default the plan keeps
    as many in the office as allowed; the plan passes check."""
    from collections import Counter

    from wfrules._plan import parse_staff_csv

    staff = parse_staff_csv("employee,unit,sector,tags,region\n" + "".join(
        f"e{i},bkd,government_administration,,Jawa Barat\n" for i in range(8)))
    context = context_of("32", dt.date(2022, 2, 16), 2, "")
    result = wfrules.plan(staff, [PPKM, AMENDING], dt.date(2022, 2, 14), dt.date(2022, 2, 18), context=context)
    assert result.ok
    onsite = Counter(a.date for a in result.roster.assignments if a.mode.value == "WFO")
    assert [onsite[dt.date(2022, 2, d)] for d in range(14, 19)] == [4, 4, 6, 6, 6]
    remote = wfrules.plan(staff, [PPKM, AMENDING], dt.date(2022, 2, 16), dt.date(2022, 2, 16), context=context,
                          unregulated="remote")
    assert all(a.mode.value == "WFH" for a in remote.roster.assignments)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["true", "false", None]), min_size=1, max_size=6),
       st.sampled_from(["health", "education"]), st.lists(st.sampled_from(["direct_service"]), max_size=1),
       st.booleans())
def test_quota_with_an_employee_filter_is_the_brute_force_optimum(
    duty: list[str | None], sector: str, tags: list[str], with_amending: bool,
) -> None:
    """DKI's rule counts only staff on 24-hour duty. For every way to put each person WFO or WFH, check
    decides; quota's max_remote is the most WFH of any passing way, and min_onsite the fewest WFO."""
    from itertools import product

    dki = wfrules.load_circular("pemprov-dki-bkd-se-e-0021-2025")
    day = dt.date(2025, 8, 29)

    def roster(modes: tuple[str, ...]) -> Roster:
        employees = [{"id": f"e{i}", "unit": "u", **({"service_24h": d} if d is not None else {})}
                     for i, d in enumerate(duty)]
        return Roster.model_validate({
            "units": [{"id": "u", "sector": sector, "tags": tags, "region": "31"}], "employees": employees,
            "assignments": [{"employee": f"e{i}", "date": day.isoformat(), "mode": m} for i, m in enumerate(modes)]})

    passing = [modes for modes in product(["WFO", "WFH"], repeat=len(duty)) if wfrules.check(roster(modes), dki).ok]
    entry = wfrules.quota(roster(("WFO",) * len(duty)), dki).entry("u", day)
    assert passing  # WFO for everyone always passes these rules
    assert entry.max_remote == max(m.count("WFH") for m in passing)
    assert entry.min_onsite == min(m.count("WFO") for m in passing)
    assert entry.quota.feasible
