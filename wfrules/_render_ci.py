"""Renderers for CI: GitHub Actions annotations, JUnit XML and SARIF 2.1.0.

Each is a small pure function ``render_*(report, lang) -> str``. Every violation becomes one annotation,
one failing JUnit test case and one SARIF result, located on the roster line of its first offending
assignment (the CSV row; in a JSON roster the line of the assignment object).

>>> from wfrules import Report
>>> render_github(Report(ok=True, circulars=("demo",), violations=(), summary={}), "en")
'OK: no violations\\n'
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ._jsontext import dumps
from ._messages import Lang, format_date, text
from ._report import Report, RuleInfo, Violation

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def verdict(report: Report, lang: Lang) -> str:
    """The one-line verdict every format shows (text, Markdown, HTML, JUnit/SARIF summaries)."""
    errors, warnings = len(report.errors), len(report.warnings)
    if not report.violations:
        return text("report.ok", lang)
    if report.ok:
        return text("report.ok_with_warnings", lang, warnings=warnings)
    return text("report.failed", lang, errors=errors, warnings=warnings)


def _details(violation: Violation, lang: Lang) -> list[str]:
    """The lines under a violation's message: the clause, the people, where they are in the roster."""
    lines = [text("report.clause", lang, citation=violation.citation)]
    if violation.employees:
        lines.append(text("report.employees", lang, employees=", ".join(violation.employees)))
    where = location(violation, lang)
    if where:
        lines.append(where)
    return lines


def location(violation: Violation, lang: Lang) -> str | None:
    """Where a violation is in the roster (file and known line numbers), or ``None`` when unknown."""
    lines = violation.lines
    if not violation.file:
        return None
    known = list(map(str, lines)) if lines and min(lines) > 0 else [str(n) for n in lines if n > 0]
    if not known:
        return None
    key = "report.location" if len(known) == 1 else "report.location_lines"
    return text(key, lang, file=violation.file, line=known[0], lines=", ".join(known))


# ---------------------------------------------------------------------------------------- GitHub Actions


def escape_data(value: str) -> str:
    """Escape an annotation's message (GitHub workflow commands: ``%``, CR and LF).

    >>> escape_data("50% cap\\nnext")
    '50%25 cap%0Anext'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape an annotation property (``file``, ``title``): as :func:`escape_data`, plus ``:`` and ``,``.

    >>> escape_property("a,b: c")
    'a%2Cb%3A c'
    """
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, lang: Lang = "en") -> str:
    """One ``::error``/``::warning`` workflow command per violation, on the roster line, then the verdict."""
    lines = []
    for violation in report.in_lang(lang).violations:
        props = []
        if violation.file:
            props.append(f"file={escape_property(violation.file)}")
            if violation.line is not None:
                props.append(f"line={violation.line}")
        title = text("report.annotation_title", lang, circular=violation.circular, rule=violation.rule,
                     unit=violation.unit, date=violation.date.isoformat())
        props.append(f"title={escape_property(title)}")
        body = "\n".join([text("report.violation_at", lang, unit=violation.unit, date=format_date(violation.date, lang),
                                message=violation.message), *_details(violation, lang)])
        lines.append(f"::{violation.severity} {','.join(props)}::{escape_data(body)}")
    lines.append(verdict(report, lang))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ JUnit

#: Characters XML 1.0 cannot carry at all (not even escaped): C0 controls but tab, LF, CR; lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """``value`` with characters XML cannot hold replaced by U+FFFD (a rule file may contain them).

    >>> _xml_text("a" + chr(8) + "b") == "a" + chr(0xFFFD) + "b"
    True
    """
    return _NOT_XML.sub("\ufffd", value)



def render_junit(report: Report, lang: Lang = "en") -> str:
    """JUnit XML: one test suite per circular; a failing test case per violation (``classname`` is the rule key
    ``circular/rule``, the failure's ``type`` its severity) and a passing one per rule that holds everywhere."""
    import xml.etree.ElementTree as ET  # lazy: only this format writes XML

    localised = report.in_lang(lang)
    suites = ET.Element("testsuites", name="wfrules")
    total = failures = 0
    for circular in localised.circulars:
        found = [v for v in localised.violations if v.circular == circular]
        rules = [r for r in _rules(localised) if r.circular == circular]
        broken = {v.rule for v in found}
        suite = ET.SubElement(suites, "testsuite", name=_xml_text(circular))
        for violation in found:
            case = ET.SubElement(suite, "testcase", classname=_xml_text(violation.rule_key),
                                 name=_xml_text(f"{violation.unit} {violation.date.isoformat()}"))
            if violation.file:
                case.set("file", _xml_text(violation.file))
                if violation.line is not None:
                    case.set("line", str(violation.line))
            failure = ET.SubElement(case, "failure", message=_xml_text(violation.message), type=violation.severity)
            failure.text = _xml_text("\n".join([violation.message, *_details(violation, lang)]))
        passed = [r for r in rules if r.id not in broken]
        for rule in passed:
            ET.SubElement(suite, "testcase", classname=_xml_text(rule.key),
                          name=_xml_text(text("report.rule_passed", lang, rule=rule.id, circular=circular)))
        suite.set("tests", str(len(found) + len(passed)))
        suite.set("failures", str(len(found)))
        suite.set("errors", "0")
        total += len(found) + len(passed)
        failures += len(found)
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# ------------------------------------------------------------------------------------------------ SARIF


def _rules(report: Report) -> list[RuleInfo]:
    """The report's rules table; rules named only by violations (a hand-made report) are added."""
    rules = list(report.rules)
    known = {r.key for r in rules}
    for violation in report.violations:
        if violation.rule_key not in known:
            known.add(violation.rule_key)
            rules.append(RuleInfo(id=violation.rule, circular=violation.circular, severity=violation.severity,
                                  citation=violation.citation))
    return rules


def render_sarif(report: Report, lang: Lang = "en") -> str:
    """SARIF 2.1.0: a rules table (``ruleId`` = ``circular/rule``, with the circular and the citation) and
    one result per violation with ``physicalLocation.region.startLine`` on the roster line."""
    from . import __version__

    localised = report.in_lang(lang)
    rules = _rules(localised)
    index = {rule.key: i for i, rule in enumerate(rules)}
    results = []
    for violation in localised.violations:
        result: dict[str, object] = {
            "ruleId": violation.rule_key,
            "ruleIndex": index[violation.rule_key],
            "level": violation.severity,
            "message": {"text": "\n".join([
                text("report.violation_at", lang, unit=violation.unit, date=format_date(violation.date, lang),
                     message=violation.message),
                *_details(violation, lang),
            ])},
            "partialFingerprints": {
                "wfrules/v1": f"{violation.rule_key}/{violation.unit}/{violation.date.isoformat()}",
            },
            "properties": {
                "unit": violation.unit, "sector": violation.sector, "date": violation.date.isoformat(),
                "excess": violation.excess, "employees": list(violation.employees), "fixable": violation.fixable,
            },
        }
        if violation.file:
            physical: dict[str, object] = {"artifactLocation": {"uri": quote(violation.file.replace("\\", "/"))}}
            if violation.line is not None:
                physical["region"] = {"startLine": violation.line}
            result["locations"] = [{"physicalLocation": physical}]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wfrules",
                "version": __version__,
                "rules": [
                    {
                        "id": rule.key,
                        "name": rule.id,
                        "shortDescription": {"text": rule.description or rule.citation},
                        "fullDescription": {"text": rule.citation},
                        "defaultConfiguration": {"level": rule.severity},
                        "properties": {"circular": rule.circular, "citation": rule.citation},
                    }
                    for rule in rules
                ],
            }},
            "language": lang,
            "results": results,
        }],
    }
    return dumps(log) + "\n"  # json.dumps(log, ensure_ascii=False, indent=2), faster
