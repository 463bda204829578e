"""lint: one rule file per finding that triggers it, and one close to it that does not."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from wfrules import InputError, catalog_ids
from wfrules._cli import main
from wfrules._lint import CODES, lint, lint_text

DATA = Path(__file__).parent / "data" / "lint"
ROOT = Path(__file__).resolve().parent.parent


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def codes(*paths: Path) -> list[str]:
    return [f.code for f in lint([str(p) for p in paths]).findings]


def test_the_catalog_lints_clean() -> None:
    """Issue 7 must-show: every catalog circular lints with no finding but the one true warning (WFR130 on
    Kalbar: its text leaves out post, which its parent puts at 100% WFO), and no WFR190: lint reasons about
    every construct the catalog uses (regions, context levels, amendments, holiday windows, weekly
    recurrences, employee filters)."""
    result = lint(catalog_ids())
    assert len(result.files) == len(catalog_ids()) == 7
    assert result.ok
    assert [(f.circular, f.code) for f in result.findings] == [("kalbar-se-800-01-2024", "WFR130")]
    (kalbar,) = result.findings
    assert "post" in kalbar.message
    assert kalbar.line == 13
    assert run(["lint", *catalog_ids()])[0] == 0
    assert run(["lint", "--strict", *catalog_ids()])[0] == 1
    for circular_id in catalog_ids():
        if circular_id != "kalbar-se-800-01-2024":
            assert run(["lint", "--strict", circular_id])[0] == 0, circular_id


@pytest.mark.parametrize(
    ("name", "code", "line"),
    [
        ("wfr100.yaml", "WFR100", 11),
        ("wfr101.yaml", "WFR101", 11),
        ("wfr102.yaml", "WFR102", 13),
        ("wfr103.yaml", "WFR103", 11),
        ("wfr104.yaml", "WFR104", 12),
        ("wfr105.yaml", "WFR105", 9),
        ("wfr106.yaml", "WFR106", 8),
        ("wfr108.yaml", "WFR108", 10),
        ("wfr110.yaml", "WFR110", 17),
        ("wfr111.yaml", "WFR111", 20),
        ("wfr112.yaml", "WFR112", 18),
        ("wfr120.yaml", "WFR120", 11),
        ("wfr121.yaml", "WFR121", 9),
        ("wfr190.yaml", "WFR190", 10),
    ],
)
def test_each_finding_is_triggered_and_located(name: str, code: str, line: int) -> None:
    result = lint([str(DATA / name)])
    assert [f.code for f in result.findings] == [code]
    (finding,) = result.findings
    assert finding.severity == CODES[code][0]
    assert finding.path == str(DATA / name)
    assert finding.line == line
    assert finding.message
    assert finding.hint or code == "WFR100"  # a YAML syntax error has no general advice
    assert result.ok == (finding.severity == "warning")


@pytest.mark.parametrize(
    "name", ["clean.yaml", "wfr108-ok.yaml", "wfr110-ok.yaml", "wfr111-ok.yaml", "wfr112-ok.yaml", "wfr121-ok.yaml",
             "wfr190-ok.yaml"]
)
def test_the_near_misses_are_clean(name: str) -> None:
    assert codes(DATA / name) == []


def test_the_contradiction_names_both_rules_the_overlap_and_the_dates() -> None:
    (finding,) = lint([str(DATA / "wfr110.yaml")]).findings
    assert "'health-onsite-100'" in finding.message
    assert "'onsite-max-25'" in finding.message
    assert "health, 2024-04-17" in finding.message
    (finding,) = lint([str(DATA / "wfr111.yaml")]).findings
    assert all(rule in finding.message for rule in ("onsite-min-60", "remote-min-30", "absent-min-20"))


def test_hints() -> None:
    hints = {f.code: f.hint for name in ("wfr103.yaml", "wfr104.yaml", "wfr106.yaml")
             for f in lint([str(DATA / name)]).findings}
    assert "did you mean 'health'?" in (hints["WFR103"] or "")
    assert "did you mean 'direct_service'?" in (hints["WFR104"] or "")
    assert "did you mean 'menpanrb-se-01-2024'?" in (hints["WFR106"] or "")


def test_free_tags_are_not_findings() -> None:
    # clean.yaml uses the tag "shift": not a near-miss of a known tag.
    assert codes(DATA / "clean.yaml") == []


def test_duplicate_circular_ids_across_files() -> None:
    assert codes(DATA / "clean.yaml", DATA / "clean-copy.yaml") == ["WFR107"]


def test_based_on_runs_refines() -> None:
    refines_data = DATA.parent / "refines"
    assert codes(refines_data / "regency-wfh-60.yaml") == ["WFR130"]
    assert codes(refines_data / "regency-strict.yaml") == []


def test_cli_exit_codes_and_formats() -> None:
    code, out, _ = run(["lint", str(DATA / "wfr110.yaml"), "--format", "json"])
    data = json.loads(out)
    assert code == 1
    assert data["ok"] is False
    assert data["findings"][0]["code"] == "WFR110"
    assert data["findings"][0]["line"] == 17
    code, out, _ = run(["lint", str(DATA / "wfr105.yaml")])
    assert code == 0
    assert "warning WFR105" in out
    assert f"{DATA / 'wfr105.yaml'}:9:9" in out
    assert run(["lint", "--strict", str(DATA / "wfr105.yaml")])[0] == 1
    code, out, _ = run(["lint", str(DATA / "wfr110.yaml"), "--format", "sarif"])
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "WFR110"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 17


@pytest.mark.parametrize("ref", ["no-such-circular", "tests/data/lint/missing.yaml", "tests/data/lint"])
def test_unreadable_input_exits_2(ref: str) -> None:
    code, out, err = run(["lint", ref])
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    with pytest.raises(InputError):
        lint([ref])


def test_lint_text_without_a_file() -> None:
    circular, findings = lint_text((DATA / "wfr121.yaml").read_text(encoding="utf-8"), "x.yaml")
    assert circular is not None
    assert [f.code for f in findings] == ["WFR121"]


def test_indonesian_messages() -> None:
    code, out, _ = run(["lint", str(DATA / "wfr120.yaml"), "--lang", "id"])
    assert code == 0
    assert "tidak memuat satu pun hari kerja" in out


def test_every_code_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, (severity, _) in CODES.items():
        assert re.search(rf"\|\s*`{code}`\s*\|\s*{severity}\s*\|", readme), code


def test_json_rule_files_are_located_too(tmp_path: Path) -> None:
    from wfrules import dump_circular, load_circular

    path = tmp_path / "wfr121.json"
    path.write_text(dump_circular(load_circular(DATA / "wfr121.yaml"), "json"), encoding="utf-8")
    (finding,) = lint([str(path)]).findings
    assert finding.code == "WFR121"
    assert finding.line is not None
    assert '"id": "wfh-max-50"' in path.read_text(encoding="utf-8").splitlines()[finding.line - 1]


HEAD = ('id: t\nnumber: "1"\ntitle: t\nissuer: t\njurisdiction: t\nissued: 2026-03-01\nrules:\n'
        '  - id: a\n    citation: "angka 1"\n')


def _lint_rules(second: str, first: str) -> list[str]:
    _, findings = lint_text(HEAD + first + "  - id: b\n    citation: \"angka 2\"\n" + second, "t.yaml")
    return [f.code for f in findings]


def test_region_scopes_contradict_only_where_they_overlap() -> None:
    first = ("    scope: {regions: [DKI Jakarta]}\n    window: {dates: [2026-03-17]}\n"
             "    limit: {kind: share, modes: [onsite], min: 100%, of: listed}\n")
    overlapping = ("    scope: {regions: [java-bali]}\n    window: {dates: [2026-03-17]}\n"
                   "    limit: {kind: share, modes: [remote], min: 50%, of: listed, rounding: up}\n")
    apart = overlapping.replace("java-bali", "Jawa Barat")
    assert _lint_rules(overlapping, first) == ["WFR110"]
    assert _lint_rules(apart, first) == []
    _, findings = lint_text(HEAD + first + "  - id: b\n    citation: \"angka 2\"\n" + overlapping, "t.yaml")
    assert "region in 31 (DKI Jakarta), java-bali" in findings[0].message


def test_holiday_windows_and_skipped_holidays_decide_the_overlap() -> None:
    # Nyepi 2026 is 19 March (cuti bersama 18 March): the 2 working days before are 16 and 17 March.
    first = ("    window: {holidays: [{holiday: nyepi, year: 2026, working_days_before: 2}]}\n"
             "    limit: {kind: share, modes: [remote], max: 0, of: listed}\n")
    on_nyepi_days = ("    window: {ranges: [{from: 2026-03-17, to: 2026-03-19}]}\n"
                     "    limit: {kind: share, modes: [remote], min: 50%, of: listed, rounding: up}\n")
    after = on_nyepi_days.replace("from: 2026-03-17, to: 2026-03-19", "from: 2026-03-18, to: 2026-04-10")
    assert _lint_rules(on_nyepi_days, first) == ["WFR110"]
    assert _lint_rules(after, first) == []


def test_a_stricter_rule_shadows_a_context_rule_but_not_the_other_way_round() -> None:
    first = ("    context: {ppkm_level: 2}\n"
             "    limit: {kind: share, modes: [remote], max: 50%, of: listed, rounding: down}\n")
    always = "    limit: {kind: share, modes: [remote], max: 0, of: listed}\n"
    assert _lint_rules(always, first) == ["WFR121"]
    _, findings = lint_text(HEAD + first + "  - id: b\n    citation: \"angka 2\"\n" + always, "t.yaml")
    assert findings[0].rule == "a"
    looser = always.replace("max: 0, of: listed", "max: 75%, of: listed, rounding: down")
    assert _lint_rules(looser, first) == []


def test_employee_filters_take_part_in_no_contradiction() -> None:
    first = "    limit: {kind: share, modes: [onsite], min: 100%, of: listed}\n"
    filtered = ("    employees: {where: {shift: night}, missing: {shift: day}}\n"
                "    limit: {kind: headcount, modes: [remote], min: 1}\n")
    assert _lint_rules(filtered, first) == []
    assert _lint_rules(filtered.split("\n", 1)[1], first) == ["WFR110"]


def test_one_bounded_search_per_circular_and_past_its_budget_nothing_is_claimed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """lint's integer questions (contradictions, shadowing) go through one ``Search`` per circular, as
    refines' do: each distinct system is solved once and all share one work limit. A question past the limit
    claims nothing: the finding it would have made is not made, and nothing fails."""
    import wfrules._lint as lint_module
    from wfrules._feasible import Search

    made: list[Search] = []

    class Recorded(Search):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)  # type: ignore[arg-type]
            made.append(self)

    monkeypatch.setattr(lint_module, "Search", Recorded)
    names = ("wfr110.yaml", "wfr111.yaml", "wfr121.yaml")
    found = {name: [f.code for f in lint([str(DATA / name)]).findings] for name in names}
    assert found == {"wfr110.yaml": ["WFR110"], "wfr111.yaml": ["WFR111"], "wfr121.yaml": ["WFR121"]}
    assert len(made) == len(names)
    assert all(search.questions >= search.solved > 0 for search in made)

    class Exhausted(Search):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(work_limit=0)

    monkeypatch.setattr(lint_module, "Search", Exhausted)
    assert {name: [f.code for f in lint([str(DATA / name)]).findings] for name in names} == {
        name: [] for name in names}
