"""The result of a check: violations as data (CONTRACT §3), never exceptions."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any, Literal

from pydantic import Field

from ._errors import Problem, UsageError
from ._messages import LANGS, Lang, text
from ._model import Frozen


def _pct(value: float, lang: Lang) -> str:
    """``57.1%`` in English, ``57,1%`` in Indonesian (decimal comma)."""
    pct = value * 100
    out = f"{pct:.0f}%" if abs(pct - round(pct)) < 1e-9 else f"{pct:.1f}%"
    return out.replace(".", ",") if lang == "id" else out


class Violation(Frozen):
    """One rule broken by one unit on one date.

    ``excess`` is the least number of the unit's assignments that date whose mode must change for the
    rule to hold; ``employees`` are those whose assignment could be changed to fix it (for a cap: the
    people in the capped modes; for a minimum: the listed people outside the required modes).
    """

    rule: str
    circular: str
    citation: str
    severity: Literal["error", "warning"]
    unit: str
    sector: str
    date: dt.date
    excess: int = Field(ge=1)
    employees: tuple[str, ...]
    message: str
    actual: dict[str, Any]
    required: dict[str, Any]
    fixable: bool = True

    def render_message(self, lang: Lang = "en") -> str:
        """The violation's message in ``lang`` (the ``message`` field is in the language of the check)."""
        modes = "/".join(self.actual["modes"])
        params: dict[str, object] = {
            "modes": modes,
            "count": self.actual["count"],
            "excess": self.excess,
            "target": self.required.get("move_to", "WFO"),
        }
        kind = self.required["kind"]
        if kind == "share":
            of = self.required["of"]
            name = (
                text(f"of.{of}", lang)
                if isinstance(of, str)
                else text("of.modes", lang, modes="/".join(of))
            )
            params |= {
                "denominator": self.actual["denominator"],
                "denominator_name": name,
                "pct": _pct(self.actual["share"], lang),
                "limit_pct": _pct(self.required["share"], lang),
            }
        bound = "max" if "max" in self.required else "min"
        params["bound"] = self.required[bound]
        key = "forbid" if kind == "forbid" else f"{kind}.{bound}"
        if kind == "share" and bound == "max" and self.required["share"] == 0:
            key = "share.max.zero"
        elif kind == "share" and bound == "min" and self.required["share"] == 1:
            key = "share.min.all"
        message = text(key, lang, **params)
        if not self.fixable:
            message += "; " + text("unfixable", lang, available=self.required.get("changeable", 0))
        return message


class Report(Frozen):
    """The verdict of checking one roster against one or more circulars.

    ``ok`` is true when no violation has severity ``error`` (warnings do not fail a check).
    """

    ok: bool
    circulars: tuple[str, ...]
    violations: tuple[Violation, ...]
    summary: dict[str, Any]

    @property
    def errors(self) -> tuple[Violation, ...]:
        """Violations of severity ``error``."""
        return tuple(v for v in self.violations if v.severity == "error")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """Violations of severity ``warning``."""
        return tuple(v for v in self.violations if v.severity == "warning")

    def in_lang(self, lang: Lang) -> Report:
        """The same report with every message in ``lang`` (``en`` or ``id``)."""
        if lang not in LANGS:
            raise UsageError(Problem(f"unknown language {lang!r}", "in_lang", hint="lang is 'en' or 'id'"))
        return self.model_copy(
            update={"violations": tuple(v.model_copy(update={"message": v.render_message(lang)})
                                        for v in self.violations)}
        )

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON report of CONTRACT §3 as plain data."""
        return self.model_dump(mode="json")

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per violation (a tidy table: what a DataFrame or a CSV writer wants).

        >>> Report(ok=True, circulars=(), violations=(), summary={}).to_records()
        []
        """
        return [
            {
                "circular": v.circular, "rule": v.rule, "severity": v.severity, "unit": v.unit,
                "sector": v.sector, "date": v.date, "excess": v.excess, "fixable": v.fixable,
                "count": v.actual["count"], "denominator": v.actual.get("denominator"),
                "share": v.actual.get("share"), "max": v.required.get("max"), "min": v.required.get("min"),
                "required_share": v.required.get("share"), "of": _of_label(v.required.get("of")),
                "rounding": v.required.get("rounding"), "modes": "/".join(v.actual["modes"]),
                "employees": "; ".join(v.employees), "message": v.message, "citation": v.citation,
            }
            for v in self.violations
        ]

    def to_pandas(self) -> Any:
        """The violations as a pandas DataFrame, one row per violation (needs ``pip install 'wfrules[pandas]'``)."""
        try:
            import pandas as pd  # optional dependency, imported only when asked for
        except ImportError:
            raise UsageError(Problem(
                "Report.to_pandas() needs pandas, which is not installed", "to_pandas",
                hint="pip install 'wfrules[pandas]' (or use Report.to_records())",
            )) from None
        return pd.DataFrame(self.to_records(), columns=list(_RECORD_COLUMNS))

    def _repr_html_(self) -> str:
        """Notebook display: the verdict, the counts and the violations table."""
        verdict = "OK" if self.ok else "FAILED"
        colour = "#1a7f37" if self.ok else "#cf222e"
        summary = ", ".join(f"{html.escape(str(k))}: {html.escape(str(v))}" for k, v in self.summary.items())
        head = "".join(f"<th>{html.escape(c)}</th>" for c in _HTML_COLUMNS)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in _HTML_COLUMNS) + "</tr>"
            for r in self.to_records()
        )
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rows else ""
        return (
            f"<div class='wfrules-report'><p><strong style='color:{colour}'>{verdict}</strong> "
            f"({html.escape(', '.join(self.circulars))}) — {summary}</p>{table}</div>"
        )


_RECORD_COLUMNS = (
    "circular", "rule", "severity", "unit", "sector", "date", "excess", "fixable", "count", "denominator",
    "share", "max", "min", "required_share", "of", "rounding", "modes", "employees", "message", "citation",
)
_HTML_COLUMNS = ("date", "unit", "circular", "rule", "severity", "excess", "message", "employees", "citation")


def _of_label(of: object) -> object:
    return "/".join(of) if isinstance(of, (list, tuple)) else of
