"""``wfrules fix``: the fewest changes of mode that make a roster pass.

Example tests read like the circular; property tests check, on random rosters and circulars, that the fixed
roster passes and that no smaller set of changes would (brute force over every outcome of changing modes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from fractions import Fraction
from itertools import combinations_with_replacement
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wfrules
from tests.comply_helpers import one_unit
from tests.rule_strategies import circular_dicts, roster_dicts
from tests.strategies import KALBAR_DATES, canonical_mode, rosters
from wfrules import Circular, Mode, Roster
from wfrules._cli import main

KALBAR = wfrules.load_circular("kalbar-se-800-01-2024")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024"
TUE = dt.date(2024, 4, 16)
Json = dict[str, Any]


def circular(*rules: Json) -> Circular:
    return Circular.model_validate({"id": "local", "number": "1/2024", "title": "Local rules", "issuer": "Kepala",
                                    "jurisdiction": "test", "issued": "2024-04-01", "rules": list(rules)})


def moved(result: wfrules.FixResult) -> list[tuple[str, str, str]]:
    return [(c.employee, c.from_mode.value, c.to_mode.value) for c in result.changes]


# ------------------------------------------------------------------------------------------- examples


def test_the_violating_example_is_fixed_with_the_largest_excess_per_unit_and_date() -> None:
    roster = wfrules.load_roster(EXAMPLES / "roster-violating.json")
    result = wfrules.fix(roster, KALBAR)
    assert result.ok
    assert wfrules.check(result.roster, KALBAR).ok
    largest: dict[tuple[str, dt.date], int] = {}
    for v in result.before.violations:
        largest[v.unit, v.date] = max(largest.get((v.unit, v.date), 0), v.excess)
    assert Counter((c.unit, c.date) for c in result.changes) == Counter(largest)


def test_remote_staff_move_to_the_office_before_anyone_on_leave_is_touched() -> None:
    at_least_half = circular({"id": "half-onsite", "limit": {"kind": "share", "modes": ["onsite"], "min": 0.5,
                                                              "of": "listed", "rounding": "up"}})
    # 6 listed, 1 onsite: 2 must come in; the two remote workers do, the one on leave keeps it.
    result = wfrules.fix(one_unit(["CUTI", "WFH", "WFO", "SAKIT", "WFA", "CUTI"]), at_least_half)
    assert moved(result) == [("e1", "WFH", "WFO"), ("e4", "WFA", "WFO")]


def test_a_leave_is_touched_when_nothing_else_helps_and_libur_never() -> None:
    # Direct service on 16 April: every listed person present; LIBUR is not listed and stays.
    result = wfrules.fix(one_unit(["LIBUR", "CT", "WFO", "WFH"], sector="health", tags=("direct_service",)),
                         KALBAR)
    assert result.ok
    assert moved(result) == [("e1", "CUTI", "WFO"), ("e3", "WFH", "WFO")]
    assert result.roster.assignments[0].mode is Mode.LIBUR
    assert result.roster.assignments[1].leave_type is None


def test_whom_to_move_is_the_first_in_roster_order() -> None:
    result = wfrules.fix(one_unit(["WFO", "WFH", "WFH", "WFH", "WFH"]), KALBAR)
    assert moved(result) == [("e1", "WFH", "WFO"), ("e2", "WFH", "WFO")]
    assert [c.rule for c in result.changes] == ["others-wfh-max-50"] * 2


def test_what_cannot_be_fixed_by_changing_modes_is_said_and_the_rest_is_fixed() -> None:
    picket = circular({"id": "picket-5", "limit": {"kind": "headcount", "modes": ["onsite"], "min": 5}},
                      {"id": "no-wfa", "limit": {"kind": "forbid", "modes": ["WFA"]}})
    result = wfrules.fix(one_unit(["WFA", "WFO", "WFO"]), picket)
    assert not result.ok
    assert [v.rule for v in result.unfixable] == ["picket-5"]
    assert moved(result) == [("e0", "WFA", "WFO")]


def test_a_passing_roster_is_returned_unchanged() -> None:
    roster = wfrules.load_roster(EXAMPLES / "roster-compliant.json")
    result = wfrules.fix(roster, KALBAR)
    assert result.ok
    assert result.changes == ()
    assert result.roster == roster


def test_warnings_are_not_fixed() -> None:
    advice = circular({"id": "advice", "severity": "warning",
                       "limit": {"kind": "headcount", "modes": ["remote"], "max": 0}})
    result = wfrules.fix(one_unit(["WFH", "WFO"]), advice)
    assert result.ok
    assert result.changes == ()


def test_fix_rejects_what_is_not_a_roster_or_circular() -> None:
    with pytest.raises(wfrules.UsageError):
        wfrules.fix(one_unit(["WFO"]), ["kalbar-se-800-01-2024"])  # type: ignore[list-item]
    with pytest.raises(wfrules.UsageError):
        wfrules.fix(one_unit(["WFO"]), KALBAR, lang="fr")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ CLI


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(args, stdout=out, stderr=err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_cli_writes_the_whole_roster_in_the_inputs_format_and_never_edits_the_input(
    tmp_path: Path, suffix: str
) -> None:
    source = EXAMPLES / f"roster-violating.{suffix}"
    before = source.read_bytes()
    target = tmp_path / f"fixed.{suffix}"
    code, out, err = run(["fix", str(source), "-c", "kalbar-se-800-01-2024", "-o", str(target), "--format", "json"])
    assert (code, err) == (0, "")
    assert source.read_bytes() == before
    data = json.loads(out)
    assert len(data["changes"]) == 7
    assert set(data["changes"][0]) >= {"employee", "date", "from", "to", "rule"}
    assert wfrules.check(wfrules.load_roster(target), KALBAR).ok
    # Only the mode cells of the changed assignments differ from the input.
    if suffix == "csv":
        old, new = before.decode().splitlines(), target.read_text().splitlines()
        assert len(old) == len(new)
        assert sum(a != b for a, b in zip(old, new, strict=True)) == 7
    else:
        old_data, new_data = json.loads(before), json.loads(target.read_text())
        assert old_data["units"] == new_data["units"]
        assert old_data["employees"] == new_data["employees"]
        assert sum(a != b for a, b in zip(old_data["assignments"], new_data["assignments"], strict=True)) == 7


def test_cli_converts_between_formats(tmp_path: Path) -> None:
    target = tmp_path / "fixed.csv"
    code, out, _ = run(["fix", str(EXAMPLES / "roster-violating.json"), "-c", "kalbar-se-800-01-2024",
                        "-o", str(target), "--lang", "id"])
    assert code == 0
    assert "jadwal hasil perbaikan sesuai" in out
    assert wfrules.check(wfrules.load_roster(target), KALBAR).ok


def test_cli_exit_1_when_something_cannot_be_fixed(tmp_path: Path) -> None:
    rules = tmp_path / "picket.yaml"
    rules.write_text("id: picket\nnumber: '1'\ntitle: Picket\nissuer: Kepala\njurisdiction: test\n"
                     "issued: 2024-04-01\nrules:\n  - id: picket-50\n"
                     "    limit: {kind: headcount, modes: [onsite], min: 50}\n")
    code, out, _ = run(["fix", str(EXAMPLES / "roster-compliant.csv"), "-c", str(rules), "-o",
                        str(tmp_path / "out.csv")])
    assert code == 1
    assert "cannot be fixed by changing modes" in out


def test_cli_refuses_to_overwrite_the_input_and_unknown_suffixes(tmp_path: Path) -> None:
    copy = tmp_path / "roster.csv"
    copy.write_bytes((EXAMPLES / "roster-violating.csv").read_bytes())
    code, _, err = run(["fix", str(copy), "-c", "kalbar-se-800-01-2024", "-o", str(copy)])
    assert code == 2
    assert "overwrite the input" in err
    assert copy.read_bytes() == (EXAMPLES / "roster-violating.csv").read_bytes()
    code, _, err = run(["fix", str(copy), "-c", "kalbar-se-800-01-2024", "-o", str(tmp_path / "out.xlsx")])
    assert code == 2
    assert "error:" in err


# ---------------------------------------------------------------------------------------- properties


def _cells(roster: Roster) -> dict[tuple[str, dt.date], list[Mode]]:
    unit_of = {e.id: e.unit for e in roster.employees}
    out: dict[tuple[str, dt.date], list[Mode]] = defaultdict(list)
    for a in roster.assignments:
        out[unit_of[a.employee], a.date].append(a.mode)
    return out


LISTED_MODES = tuple(m for m in Mode if m is not Mode.LIBUR)
_GROUPS = {"onsite": {"WFO", "DL"}, "remote": {"WFH", "WFA"}, "absent": {"CUTI", "SAKIT", "IZIN", "TK"},
           "off": {"LIBUR"}, "working": {"WFO", "DL", "WFH", "WFA"},
           "listed": {"WFO", "DL", "WFH", "WFA", "CUTI", "SAKIT", "IZIN", "TK"}}


def _modes(names: str | tuple[str, ...]) -> set[str]:
    """Mode names of a rule (groups, codes or aliases) as canonical codes, from the README's tables."""
    out: set[str] = set()
    for name in [names] if isinstance(names, str) else names:
        key = name.strip().lower()
        out |= _GROUPS[key] if key in _GROUPS else {wfrules.Mode(canonical_mode(name.replace(" ", "_"))).value}
    return out


def holds(rule: wfrules.Rule, modes: Counter[Mode], staff: int) -> bool:
    """Whether ``rule`` holds on a day with ``modes`` (an oracle written from the README, not the engine)."""
    limit = rule.limit
    counted = _modes(limit.modes)
    count = sum(n for mode, n in modes.items() if mode.value in counted)
    if isinstance(limit, wfrules.ForbidLimit):
        return count == 0
    if isinstance(limit, wfrules.HeadcountLimit):
        return count <= limit.max if limit.max is not None else count >= (limit.min or 0)
    if limit.of == "staff":
        denominator = staff
    else:
        of = _modes(limit.of)
        denominator = sum(n for mode, n in modes.items() if mode.value in of)
    exact = Fraction(str(limit.value)) * denominator
    if exact.denominator == 1:
        bound = int(exact)
    else:
        bound = {"down": math.floor(exact), "up": math.ceil(exact),
                 "nearest": math.floor(exact + Fraction(1, 2))}[limit.rounding or "down"]
    return count <= bound if limit.max is not None else count >= bound


def brute_force(rules: list[wfrules.Rule], modes: list[Mode], staff: int) -> int | None:
    """The fewest changes of non-LIBUR assignments after which every rule holds (None: no change set works),
    over every outcome of changing modes (a multiset of listed modes for the changeable assignments)."""
    fixed: Counter[Mode] = Counter(m for m in modes if m is Mode.LIBUR)
    current: Counter[Mode] = Counter(m for m in modes if m is not Mode.LIBUR)
    n = sum(current.values())
    best = None
    for combo in combinations_with_replacement(LISTED_MODES, n):
        target: Counter[Mode] = Counter(combo)
        if all(holds(rule, target + fixed, staff) for rule in rules):
            changes = n - sum((target & current).values())
            best = changes if best is None else min(best, changes)
    return best


def applicable(circulars: list[Circular], roster: Roster, unit: str, day: dt.date) -> list[wfrules.Rule]:
    u = roster.unit_by_id[unit]
    return [r for c in circulars for r in c.rules
            if r.severity == "error" and r.applies_on(day) and r.scope.matches(u.id, u.sector, u.tags)]


@settings(max_examples=60)
@given(st.lists(circular_dicts(min_rules=1, max_rules=3), min_size=1, max_size=2, unique_by=lambda c: c["id"]),
       roster_dicts(max_units=2, max_employees=4, nonempty=True))
def test_fix_passes_and_is_minimal_by_brute_force(circulars: list[Json], data: Json) -> None:
    """fix ⇒ check passes wherever changing modes can make it pass, and on every unit and date the number
    of changes is the least any change of modes achieves; LIBUR is never changed."""
    parsed = [Circular.model_validate(c) for c in circulars]
    roster = Roster.model_validate(data)
    result = wfrules.fix(roster, parsed)
    before = _cells(roster)
    assert_fixed_minimally(result, roster, lambda unit, day: brute_force(
        applicable(parsed, roster, unit, day), before.get((unit, day), []), roster.staff_counts[unit]))


def assert_fixed_minimally(result: wfrules.FixResult, roster: Roster,
                           least: Callable[[str, dt.date], int | None]) -> None:
    """LIBUR is never changed, and on every unit and date of the roster: when ``least(unit, day)`` (a brute
    force) says some change of modes passes, the fix passes there with exactly that many changes; when it
    says none does, the fixed roster still reports the day broken. Shared with ``test_fix_filters``."""
    changed = Counter((c.unit, c.date) for c in result.changes)
    for change in result.changes:
        assert change.from_mode is not Mode.LIBUR
        assert change.to_mode is not Mode.LIBUR
    for (unit, day) in {(u.id, d) for u in roster.units for d in roster.dates}:
        fewest = least(unit, day)
        broken = [v for v in result.after.errors if (v.unit, v.date) == (unit, day)]
        if fewest is not None:
            assert not broken, (unit, day, "fixable, yet still broken", broken)
            assert changed[unit, day] == fewest, (unit, day, changed[unit, day], fewest)
        else:
            assert broken, (unit, day, "no change of modes satisfies every rule, yet nothing is reported")


@settings(max_examples=40)
@given(rosters(dates=KALBAR_DATES, max_units=4, max_employees=9))
def test_acceptance_seed_fix_passes_with_the_largest_excess_per_unit_and_date(data: Json) -> None:
    """Issue 5, must show: on the seed circular, the fixed roster passes check and changes, per unit and
    date, exactly the largest excess among that pair's violations."""
    roster = Roster.model_validate(data)
    result = wfrules.fix(roster, KALBAR)
    assert result.ok
    assert wfrules.check(result.roster, KALBAR).ok
    largest: dict[tuple[str, dt.date], int] = {}
    for v in wfrules.check(roster, KALBAR).violations:
        largest[v.unit, v.date] = max(largest.get((v.unit, v.date), 0), v.excess)
    assert Counter((c.unit, c.date) for c in result.changes) == Counter(largest)
    unchanged = [a for a, b in zip(roster.assignments, result.roster.assignments, strict=True) if a.mode is b.mode]
    assert len(unchanged) == len(roster.assignments) - len(result.changes)
    assert wfrules.fix(roster, KALBAR).changes == result.changes  # deterministic


def test_cli_keeps_an_excel_export_as_it_was_except_the_changed_modes(tmp_path: Path) -> None:
    """Semicolons, a BOM, CRLF line ends and Indonesian column names (an Excel export) survive the fix."""
    lines = (EXAMPLES / "roster-violating.csv").read_text().splitlines()
    header = lines[0].replace("employee", "nip").replace("mode", "status").replace("date", "tanggal")
    rows = [header, *lines[1:]]
    buffer = io.StringIO()  # re-quoted for ';' (names contain commas)
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(csv.reader(rows))
    source = tmp_path / "ekspor.csv"
    source.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())
    target = tmp_path / "perbaikan.csv"
    code, _, err = run(["fix", str(source), "-c", "kalbar-se-800-01-2024", "-o", str(target)])
    assert (code, err) == (0, "")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    old, new = source.read_bytes().decode("utf-8-sig").split("\r\n"), raw.decode("utf-8-sig").split("\r\n")
    assert len(old) == len(new)
    assert new[0] == old[0]
    assert sum(a != b for a, b in zip(old, new, strict=True)) == 7
    assert wfrules.check(wfrules.load_roster(target), KALBAR).ok
