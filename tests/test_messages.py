"""The message catalog: both languages say the same things, and reports in Indonesian are Indonesian.

Every user-facing sentence comes from ``wfrules._messages.MESSAGES``; these tests hold the two catalogs to
the same ids and placeholders, and look for English words leaking into Indonesian reports (a sign of a
sentence written into a renderer instead of the catalog).
"""

from __future__ import annotations

import io
import re
import string
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import wfrules
from wfrules._cli import main
from wfrules._messages import LANGS, MESSAGES, text
from wfrules._render import RENDERERS, render

ROOT = Path(__file__).resolve().parent.parent
ROSTER = "examples/kalbar-2024/roster-violating.csv"


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_both_languages_have_the_same_ids() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["id"])
    assert tuple(MESSAGES) == LANGS


@pytest.mark.parametrize("key", sorted(MESSAGES["en"]))
def test_both_languages_take_the_same_placeholders(key: str) -> None:
    assert placeholders(MESSAGES["en"][key]) == placeholders(MESSAGES["id"][key])
    params = dict.fromkeys(placeholders(MESSAGES["en"][key]), "X")
    for lang in LANGS:
        assert text(key, lang, **params)  # formats without a KeyError or a stray brace


def _english_words() -> set[str]:
    """Words of four letters or more that only the English catalog uses (placeholders removed)."""

    def words(lang: str) -> set[str]:
        return {w.lower() for v in MESSAGES[lang].values() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}",
                                                                                                       "", v))}

    return words("en") - words("id") - {"wfrules"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


@pytest.mark.parametrize("fmt", sorted(set(RENDERERS) - {"json", "sarif"}))
def test_indonesian_reports_have_no_english_sentences(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    roster = wfrules.load_roster(ROSTER)
    report = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")], lang="id")
    output = render(report, fmt, "id")
    # Only what people read, not the format's own syntax (``::error file=…``, XML attribute names).
    if fmt == "html":
        parser = _Visible()
        parser.feed(output)
        output = " ".join(parser.parts)
    elif fmt == "junit":
        root = ET.fromstring(output)
        output = " ".join([*(e.text or "" for e in root.iter()), *(e.get("message", "") for e in root.iter()),
                           *(e.get("name", "") for e in root.iter("testcase"))])
    elif fmt == "github":
        output = " ".join(line.split("::")[-1].replace("%0A", " ") for line in output.splitlines())
    # Data is not language: identifiers, the clauses (quoted in the circular's own words), the file name.
    for violation in report.violations:
        for value in (violation.citation, violation.rule_key, violation.rule, violation.circular, violation.unit):
            output = output.replace(value, " ")
    output = output.replace(ROSTER, " ")
    for source in report.sources:
        for value in (source.title, source.issuer, source.cited_as, source.jurisdiction, *source.sources,
                      *(r.citation for r in source.rules), *(r.id for r in source.rules)):
            output = output.replace(value, " ")
    leaked = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", output)} & _english_words()
    assert leaked == set()


@pytest.mark.parametrize(("locale", "lang", "word"),
                         [("id_ID.UTF-8", "id", "Pelanggaran"), ("C.UTF-8", "en", "Violations")])
def test_report_language_defaults_from_lang(monkeypatch: pytest.MonkeyPatch, locale: str, lang: str, word: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    out = io.StringIO()
    main(["check", str(ROOT / ROSTER), "--circular", "kalbar-se-800-01-2024", "--format", "html"], stdout=out)
    assert f'<html lang="{lang}">' in out.getvalue()
    assert f"<h2>{word}</h2>" in out.getvalue()


def test_notebook_table_follows_the_report_language() -> None:
    roster = wfrules.load_roster(ROOT / ROSTER)
    report = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")], lang="id")
    assert "TIDAK SESUAI" in report._repr_html_()
    assert "<th>unit kerja</th>" in report._repr_html_()
    assert "FAILED" in report.in_lang("en")._repr_html_()
