"""The HTML report: one self-contained page, checked as data and, where Chromium is installed, in a real browser.

The browser tests render the page headless, read the DOM after layout (a small probe script is added to a
copy of the page: the report itself has none) and decode the screenshot (PNG, stdlib only) to see the bars.
They are skipped, saying why, only when no Chromium binary is found (``apt-get install chromium``; or point
``WFRULES_CHROMIUM`` at a binary).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import wfrules
from wfrules import Report
from wfrules._render_html import COLOURS, render_html

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "examples" / "kalbar-2024" / "roster-violating.csv"


@pytest.fixture(scope="module")
def report() -> Report:
    return wfrules.check(wfrules.load_roster(ROSTER), [wfrules.load_circular("kalbar-se-800-01-2024")])


class _Page(HTMLParser):
    """Tags with their attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def test_the_page_is_self_contained(report: Report) -> None:
    page = render_html(report, "en")
    tags = parse(page).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    for _, attrs in tags:
        for key in ("src", "href", "srcset"):
            assert key not in attrs
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", page)


def test_one_bar_per_unit_and_date_with_the_counts(report: Report) -> None:
    tags = parse(render_html(report, "en")).tags
    bars = [attrs for tag, attrs in tags if tag == "g" and attrs.get("class") == "bar"]
    assert len(bars) == len(report.cells) == report.summary["units"] * report.summary["dates"]
    for bar, cell in zip(bars, report.cells, strict=True):
        assert (bar["data-unit"], bar["data-date"]) == (cell.unit, cell.date.isoformat())
        assert [int(bar[f"data-{g}"] or 0) for g in ("onsite", "remote", "absent")] == [
            cell.onsite, cell.remote, cell.absent]
        assert bar["data-cap"] == ("" if cell.max_remote is None else str(cell.max_remote))
    caps = [attrs for tag, attrs in tags if tag == "line" and attrs.get("class") == "cap"]
    assert len(caps) == sum(c.max_remote is not None for c in report.cells) > 0
    rows = [attrs for tag, attrs in tags if tag == "tr" and "violation" in (attrs.get("class") or "")]
    assert len(rows) == len(report.violations)
    outlined = [attrs for tag, attrs in tags if tag == "rect" and attrs.get("class") == "broken"]
    assert len(outlined) == len({(v.unit, v.date) for v in report.violations})


def test_the_caps_are_the_circulars(report: Report) -> None:
    by_key = {(c.unit, c.date.isoformat()): c for c in report.cells}
    # others-wfh-max-50 on diskominfo, 17 April: 7 listed, at most 3 remote; the health sector: 0 remote;
    # 18 April is outside the window: no cap.
    assert by_key["diskominfo", "2024-04-17"].max_remote == 3
    assert by_key["rsud-soedarso", "2024-04-16"].max_remote == 0
    assert by_key["rsud-soedarso", "2024-04-16"].min_onsite == by_key["rsud-soedarso", "2024-04-16"].listed
    assert by_key["diskominfo", "2024-04-18"].max_remote is None


def test_the_circulars_metadata_and_every_citation_are_shown(report: Report) -> None:
    text = " ".join(" ".join(parse(render_html(report, "id")).text).split())
    kalbar = wfrules.load_circular("kalbar-se-800-01-2024")
    for fact in (kalbar.number, kalbar.issuer, kalbar.title, "13 April 2024", "Surat edaran", "Pelanggaran"):
        assert " ".join(fact.split()) in text
    for violation in report.violations:
        assert " ".join(violation.citation.split()) in text


def test_what_the_page_shows_is_escaped() -> None:
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "<b>x</b>", "sector": "health"}],
        "employees": [{"id": "e&1", "unit": "<b>x</b>"}],
        "assignments": [{"employee": "e&1", "date": "2024-04-16", "mode": "WFH"}],
    })
    page = render_html(wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")]), "en")
    assert "<b>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_an_empty_report_still_renders() -> None:
    page = render_html(Report(ok=True, circulars=("demo",), violations=(), summary={}), "en")
    assert "No violations." in page
    assert "<svg" not in page


# ------------------------------------------------------------------------------------------- Chromium


def _chromium() -> str | None:
    configured = os.environ.get("WFRULES_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium binary (apt-get install chromium, or set WFRULES_CHROMIUM)")

# Flags that work headless as root on a machine without network (see the README's HTML section).
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")

# Reads the laid-out page and writes what it measured into the DOM, for --dump-dom to return.
_PROBE = """<script>
addEventListener("load", () => {
  const bars = [...document.querySelectorAll("g.bar")].map(g => {
    const heights = {};
    for (const r of g.querySelectorAll("rect")) heights[r.getAttribute("class")] = r.getBBox().height;
    const svg = g.ownerSVGElement.getBoundingClientRect();
    const box = g.getBoundingClientRect();
    return {unit: g.dataset.unit, onsite: +g.dataset.onsite, remote: +g.dataset.remote,
            absent: +g.dataset.absent, heights, inside: box.left >= svg.left - 1 && box.right <= svg.right + 1};
  });
  const page = document.documentElement;
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({bars, rows: document.querySelectorAll("tr.violation").length,
    overflow: page.scrollWidth > page.clientWidth + 1,
    verdict: getComputedStyle(document.querySelector(".verdict")).color});
  document.body.append(out);
});
</script>"""


def _browse(page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *_FLAGS, f"--user-data-dir={tmp / 'profile'}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )


@needs_chromium
def test_chromium_lays_out_every_bar_in_proportion(report: Report, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report, "en").replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    done = _browse(page, tmp_path, "--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom")
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    probe: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert probe["rows"] == len(report.violations)
    assert not probe["overflow"]
    assert probe["verdict"] == "rgb(179, 38, 30)"  # the failed verdict's colour: the style sheet applied
    assert len(probe["bars"]) == len(report.cells)
    assert all(b["inside"] for b in probe["bars"])
    # Within a unit's chart, one person is the same height everywhere: the bars are to scale.
    scales: dict[str, set[float]] = {}
    for bar in probe["bars"]:
        for group in ("onsite", "remote", "absent"):
            height = bar["heights"].get(group, 0.0)
            assert (height > 0) == (bar[group] > 0)
            if bar[group]:
                scales.setdefault(bar["unit"], set()).add(round(height / bar[group], 1))
    assert len(scales) == report.summary["units"]
    assert all(max(s) - min(s) <= 0.2 for s in scales.values()), scales


def _pixels(path: Path) -> tuple[int, int, Counter[bytes]]:
    """Width, height and a colour histogram of a PNG (8-bit RGB or RGBA, not interlaced), stdlib only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + size]
        pos += 12 + size
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8
    assert interlace == 0
    assert colour in (2, 6)
    bpp = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(bytes(idat)), width * bpp
    previous, counts, i = bytearray(stride), Counter[bytes](), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride) if kind else ():
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], (previous[x - bpp] if x >= bpp else 0)
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        counts.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp))
        previous = line
    return width, height, counts


@needs_chromium
def test_chromium_screenshot_shows_the_bars(report: Report, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report, "id"), encoding="utf-8")
    shot = tmp_path / "report.png"
    done = _browse(page, tmp_path, "--window-size=1000,900", f"--screenshot={shot}")
    assert shot.exists(), done.stderr[-2000:]
    width, height, counts = _pixels(shot)
    assert (width, height) == (1000, 900)
    for group in ("onsite", "remote", "absent", "cap"):
        colour = bytes.fromhex(COLOURS[group][1:])
        assert counts[colour] > 20, (group, counts.most_common(5))
    # The onsite bars are the tallest part of the chart of this roster (most people work at the office).
    assert counts[bytes.fromhex(COLOURS["onsite"][1:])] > counts[bytes.fromhex(COLOURS["remote"][1:])]


@needs_chromium
def test_chromium_a_long_roster_scrolls_inside_its_chart(tmp_path: Path) -> None:
    """Forty days for one unit: the chart scrolls in its frame; the page itself never scrolls sideways."""
    days = [f"2024-04-{d:02d}" for d in range(1, 31)] + [f"2024-05-{d:02d}" for d in range(1, 11)]
    roster = wfrules.Roster.model_validate({
        "units": [{"id": "u", "sector": "health"}],
        "employees": [{"id": f"e{i}", "unit": "u"} for i in range(5)],
        "assignments": [{"employee": f"e{i}", "date": d, "mode": "WFO" if i else "WFH"}
                        for i in range(5) for d in days],
    })
    report = wfrules.check(roster, [wfrules.load_circular("kalbar-se-800-01-2024")])
    page = tmp_path / "long.html"
    page.write_text(render_html(report, "en").replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    done = _browse(page, tmp_path, "--window-size=1000,800", "--virtual-time-budget=5000", "--dump-dom")
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert len(probe["bars"]) == 40
    assert not probe["overflow"]
