"""Every report format carries the same violations as ``--format json``, counted by independent parsers.

JUnit is read with ``xml.etree``, SARIF is validated against the official SARIF 2.1.0 schema (vendored in
``tests/data``) with ``jsonschema``, GitHub annotations are matched by a regular expression, the HTML and
Markdown tables are parsed with the standard library. The locations are checked against the roster file
itself: the line an annotation points at is a row (CSV) or an assignment object (JSON) of that unit, date
and one of the violation's employees.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import wfrules
from tests.rule_strategies import circular_dicts
from tests.strategies import rosters, to_csv
from wfrules._cli import main
from wfrules._render import RENDERERS, render

ROOT = Path(__file__).resolve().parent.parent
# The official SARIF 2.1.0 schema (OASIS) is not ours to copy into the repository: point WFRULES_SARIF_SCHEMA at a
# downloaded copy to validate against it; otherwise our own schema of the part of SARIF that wfrules writes is used.
_OFFICIAL = os.environ.get("WFRULES_SARIF_SCHEMA")
SARIF_SCHEMA_PATH = Path(_OFFICIAL) if _OFFICIAL else ROOT / "tests" / "data" / "sarif-subset.schema.json"
SARIF_SCHEMA = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
SARIF_VALIDATOR = jsonschema.validators.validator_for(SARIF_SCHEMA)
CIRCULARS = ["kalbar-se-800-01-2024", "menpanrb-se-01-2024"]
ROSTERS = ["examples/kalbar-2024/roster-violating.csv", "examples/kalbar-2024/roster-violating.json"]

Key = tuple[str, str, str, str, int | None]  # rule key, unit, date, severity, line


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", *args], stdout=out, stderr=err)
    assert code in (0, 1), err.getvalue()
    return code, out.getvalue()


# ------------------------------------------------------------------------------- independent parsers


def from_json(output: str) -> list[Key]:
    data = json.loads(output)
    keys = []
    for v in data["violations"]:
        lines = [n for n in v.get("lines", []) if n > 0]
        keys.append((f"{v['circular']}/{v['rule']}", v["unit"], v["date"], v["severity"], min(lines, default=None)))
    return keys


def from_junit(output: str) -> list[Key]:
    root = ET.fromstring(output)
    keys = []
    failures = 0
    for case in root.iter("testcase"):
        failure = case.find("failure")
        if failure is None:
            continue
        failures += 1
        unit, date = case.attrib["name"].rsplit(" ", 1)
        line = case.attrib.get("line")
        keys.append((case.attrib["classname"], unit, date, failure.attrib["type"], int(line) if line else None))
    assert int(root.attrib["failures"]) == failures
    return keys


def from_sarif(output: str) -> list[Key]:
    log = json.loads(output)
    jsonschema.validate(log, SARIF_SCHEMA, cls=SARIF_VALIDATOR, format_checker=SARIF_VALIDATOR.FORMAT_CHECKER)
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)  # stable, unique rule ids
    keys = []
    for result in run_["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["properties"]["circular"] == result["ruleId"].split("/")[0]
        assert rule["properties"]["citation"]
        line = None
        for location in result.get("locations", []):
            line = location["physicalLocation"].get("region", {}).get("startLine")
        props = result["properties"]
        keys.append((result["ruleId"], props["unit"], props["date"], result["level"], line))
    return keys


ANNOTATION = re.compile(r"^::(?P<level>error|warning) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def from_github(output: str) -> list[Key]:
    keys = []
    for raw in output.splitlines():
        found = ANNOTATION.match(raw)
        if not found:
            assert not raw.startswith("::"), raw
            continue
        props = dict(item.split("=", 1) for item in found["props"].split(","))
        assert "\n" not in found["message"]
        assert "\r" not in found["message"]
        rule_key, where = _unescape(props["title"]).split(": ", 1)
        unit, date = where.rsplit(" ", 1)
        keys.append((rule_key, unit, date, found["level"], int(props["line"]) if "line" in props else None))
    return keys


class _Rows(HTMLParser):
    """The ``tr.violation`` rows of the HTML report (data attributes and cell texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "tr" and "violation" in (attributes.get("class") or ""):
            self.rows.append({"attrs": attributes, "cells": {}})
        elif tag == "td" and self.rows and self._cell is None:
            self._cell = attributes.get("class") or ""
            self.rows[-1]["cells"][self._cell] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and self.rows:
            self.rows[-1]["cells"][self._cell] += data


def from_html(output: str) -> list[Key]:
    parser = _Rows()
    parser.feed(output)
    keys = []
    for row in parser.rows:
        a = row["attrs"]
        severity = "error" if "error" in a["class"].split() else "warning"
        line = row["cells"].get("line") or None
        keys.append((a["data-rule"], a["data-unit"], a["data-date"], severity, int(line) if line else None))
    return keys


def from_markdown(output: str) -> list[tuple[str, str]]:
    """(rule key, unit) of each row of the Markdown table (header and separator skipped)."""
    table = [line for line in output.splitlines() if line.startswith("|")][2:]
    rows = [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in table]
    return [(row[2], row[1]) for row in rows]


PARSERS = {"json": from_json, "junit": from_junit, "sarif": from_sarif, "github": from_github, "html": from_html}


# ---------------------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("roster", ROSTERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_format_carries_the_json_violations(roster: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = [roster, *(x for c in CIRCULARS for x in ("--circular", c)), "--lang", lang]
    code, reference = run(*args, "--format", "json")
    expected = from_json(reference)
    snapshots = [json.loads((ROOT / "tests" / "snapshots" / f"{c}.{lang}.json").read_text(encoding="utf-8"))
                 for c in CIRCULARS]
    assert len(expected) == sum(len(s["violations"]) for s in snapshots) > 0
    assert all(key[4] is not None for key in expected)  # every violation found on this roster has a line
    for fmt, parse in PARSERS.items():
        fmt_code, output = run(*args, "--format", fmt)
        assert fmt_code == code
        found = parse(output)
        # JUnit groups the violations by circular (one test suite each); the others keep the report's order.
        assert (sorted(found, key=repr) if fmt == "junit" else found) == (
            sorted(expected, key=repr) if fmt == "junit" else expected), fmt
    _, markdown = run(*args, "--format", "markdown")
    assert from_markdown(markdown) == [(k[0], k[1]) for k in expected]
    _, plain = run(*args, "--format", "text")
    assert plain.count("[" + wfrules._messages.text("severity.error", lang) + "]") == len(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize("roster", ROSTERS)
def test_locations_point_at_the_offending_assignments(roster: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, output = run(roster, "--circular", "kalbar-se-800-01-2024", "--format", "json")
    lines = (ROOT / roster).read_text(encoding="utf-8").splitlines()
    for v in json.loads(output)["violations"]:
        assert v["file"] == roster
        assert len(v["lines"]) == len(v["employees"])
        for employee, number in zip(v["employees"], v["lines"], strict=True):
            text = lines[number - 1]
            if roster.endswith(".csv"):
                (row,) = csv.reader([text])
                assert row[0] == employee
                assert row[2] == v["unit"]
                assert row[6] == v["date"]
            else:
                assert f'"employee": "{employee}"' in text
                assert f'"date": "{v["date"]}"' in text


def test_the_python_api_agrees_with_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    roster = wfrules.load_roster(ROSTERS[0])
    report = wfrules.check(roster, [wfrules.load_circular(c) for c in CIRCULARS])
    _, reference = run(ROSTERS[0], *(x for c in CIRCULARS for x in ("--circular", c)), "--format", "json")
    expected = from_json(reference)
    assert [(f"{r['circular']}/{r['rule']}", r["unit"], str(r["date"]), r["severity"], r["line"])
            for r in report.to_records()] == expected
    assert from_html(render(report, "html", "en")) == expected
    parser = _NotebookRows()
    parser.feed(report._repr_html_())
    assert parser.rows == len(expected)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(wfrules.UsageError, match="pandas"):
            report.to_pandas()
    else:
        frame = report.to_pandas()
        assert list(zip(frame["rule"], frame["unit"], frame["line"], strict=True)) == [
            (k[0].split("/")[1], k[1], k[4]) for k in expected]
        assert len(report.to_pandas("units")) == roster.model_dump()["units"].__len__()


class _NotebookRows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows = 0
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._body = self._body or tag == "tbody"
        if self._body and tag == "tr":
            self.rows += 1


def test_output_file_is_written_whole_and_stdout_stays_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "report.sarif"
    code, printed = run(ROSTERS[0], "--circular", "kalbar-se-800-01-2024", "--format", "sarif", "-o", str(target))
    assert (code, printed) == (1, "")
    assert len(from_sarif(target.read_text(encoding="utf-8"))) == 7
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]  # no temporary file left behind


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_chooses_the_exit_code(fail_on: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, _ = run(ROSTERS[0], "--circular", "kalbar-se-800-01-2024", "--fail-on", fail_on, "-f", "github")
    assert code == expected


def test_fail_on_warning_fails_on_warnings_only(tmp_path: Path) -> None:
    kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
    soft = kalbar.model_copy(update={"id": "soft-kalbar", "rules": tuple(
        r.model_copy(update={"severity": "warning"}) for r in kalbar.rules)})
    softened = tmp_path / "soft.yaml"
    softened.write_text(wfrules.dump_circular(soft), encoding="utf-8")
    roster = str(ROOT / ROSTERS[0])
    code, output = run(roster, "--circular", str(softened), "--format", "json")
    assert code == 0
    assert json.loads(output)["violations"]
    assert all(v["severity"] == "warning" for v in json.loads(output)["violations"])
    assert run(roster, "--circular", str(softened), "--fail-on", "warning")[0] == 1
    _, annotations = run(roster, "--circular", str(softened), "--format", "github")
    assert from_github(annotations) == from_json(output)
    assert all(k[3] == "warning" for k in from_junit(run(roster, "--circular", str(softened), "-f", "junit")[1]))


def test_annotations_escape_what_github_would_misread() -> None:
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "u,1", "sector": "health"}],
        "employees": [{"id": "e:1", "unit": "u,1"}],
        "assignments": [{"employee": "e:1", "date": "2024-04-16", "mode": "WFH"}],
    })._with_source("dir,with:odd%chars/roster.json", lambda i: 7)
    report = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")])
    output = render(report, "github")
    (first, *_) = output.splitlines()
    found = ANNOTATION.match(first)
    assert found is not None
    props = dict(item.split("=", 1) for item in found["props"].split(","))
    assert _unescape(props["file"]) == "dir,with:odd%chars/roster.json"
    assert props["line"] == "7"
    assert _unescape(props["title"]).startswith("kalbar-se-800-01-2024/essential-wfo-100: u,1 ")
    assert "0%25 cap" in found["message"]
    assert from_sarif(render(report, "sarif"))[0][4] == 7


# -------------------------------------------------------------------------------------------- property


_SCRATCH = Path(tempfile.mkdtemp(prefix="wfrules-formats-"))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(roster=rosters(max_units=3, max_employees=6, aliases=False), circular=circular_dicts(applying=True),
       fmt=st.sampled_from(sorted(PARSERS)), lang=st.sampled_from(["en", "id"]))
def test_property_formats_agree_on_any_roster(roster: dict[str, Any], circular: dict[str, Any], fmt: str,
                                               lang: str) -> None:
    path = _SCRATCH / "roster.csv"
    path.write_text(to_csv(roster), encoding="utf-8")
    if not roster["assignments"]:
        return
    loaded = wfrules.load_roster(path)
    report = wfrules.check(loaded, [wfrules.Circular.model_validate(circular)], lang=lang)  # type: ignore[arg-type]
    expected = from_json(render(report, "json", lang))  # type: ignore[arg-type]
    assert len(expected) == len(report.violations)
    event("violations" if expected else "no violation")
    found = PARSERS[fmt](render(report, fmt, lang))  # type: ignore[arg-type]
    assert sorted(found, key=repr) == sorted(expected, key=repr)
    rows = path.read_text(encoding="utf-8").splitlines()
    for v in report.violations:
        for employee, number in zip(v.employees, v.lines, strict=True):
            (row,) = csv.reader([rows[number - 1]])
            assert (row[0], row[1], row[2]) == (employee, v.unit, v.date.isoformat())


def test_every_format_is_registered() -> None:
    assert set(RENDERERS) == {"text", "json", "markdown", "junit", "sarif", "github", "html"}


@given(st.text())
def test_property_annotation_escaping_round_trips(value: str) -> None:
    from wfrules._render_ci import escape_data, escape_property

    data, prop = escape_data(value), escape_property(value)
    assert "\n" not in data
    assert "\r" not in data
    assert not {",", ":", "\n", "\r"} & set(prop)
    assert _unescape(prop) == value
    assert _unescape(data) == value


def test_output_to_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "no-such-dir" / "report.html"
    code = main(["check", str(ROOT / ROSTERS[0]), "-c", "kalbar-se-800-01-2024", "-f", "html", "-o", str(target)],
                stdout=out, stderr=err)
    assert code == 2
    assert err.getvalue().startswith(f"error: {target}: cannot write")
    assert out.getvalue() == ""
