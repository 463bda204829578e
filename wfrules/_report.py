"""The result of a check: violations as data (CONTRACT §3), never exceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, PrivateAttr

from ._errors import Problem, UsageError
from ._messages import Lang, check_lang, text
from ._model import Frozen

if TYPE_CHECKING:
    from ._circular import Circular


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
    #: The roster file the violation was found in (``None`` for a roster built in Python).
    file: str | None = None
    #: Parallel to ``employees``: the 1-based line of each one's assignment in ``file`` (empty when unknown).
    lines: tuple[int, ...] = ()

    @property
    def line(self) -> int | None:
        """The first line to look at (the earliest offending assignment), or ``None`` when unknown."""
        known = [n for n in self.lines if n > 0]
        return min(known) if known else None

    @property
    def rule_key(self) -> str:
        """A stable id for the rule across reports: ``circular/rule``."""
        return f"{self.circular}/{self.rule}"

    def render_message(self, lang: Lang = "en") -> str:
        """The violation's message in ``lang`` (the ``message`` field is in the language of the check)."""
        return message_of(self.actual, self.required, self.excess, self.fixable, lang)

    @classmethod
    def _trusted(cls, fields: dict[str, Any], fields_set: set[str]) -> Violation:
        """A violation from values the engine built with the right types (no validation), as
        :meth:`model_construct` makes one but without its per-field loop: ``fields`` holds every field, in
        declaration order, and ``fields_set`` the names a validating call would have been given. A test
        checks that what this builds equals the validated violation, field by field and in JSON."""
        violation = cls.__new__(cls)
        _set(violation, "__dict__", fields)
        _set(violation, "__pydantic_fields_set__", fields_set)
        _set(violation, "__pydantic_extra__", None)
        _set(violation, "__pydantic_private__", None)
        return violation


_set = object.__setattr__
#: The fields a violation found in a file is built with (every field), and one built in Python without
#: (``file`` and ``lines`` keep their defaults).
FIELDS_LOCATED: frozenset[str] = frozenset(Violation.model_fields)
FIELDS_UNLOCATED: frozenset[str] = FIELDS_LOCATED - {"file", "lines"}


def message_of(actual: dict[str, Any], required: dict[str, Any], excess: int, fixable: bool, lang: Lang) -> str:
    """A violation's message in ``lang``, from its ``actual`` and ``required`` numbers (what
    :meth:`Violation.render_message` says; the engine calls it before the violation exists)."""
    modes = "/".join(actual["modes"])
    params: dict[str, object] = {
        "modes": modes,
        "count": actual["count"],
        "excess": excess,
        "target": required.get("move_to", "WFO"),
    }
    kind = required["kind"]
    if kind == "share":
        of = required["of"]
        name = (
            text(f"of.{of}", lang)
            if isinstance(of, str)
            else text("of.modes", lang, modes="/".join(of))
        )
        params |= {
            "denominator": actual["denominator"],
            "denominator_name": name,
            "pct": _pct(actual["share"], lang),
            "limit_pct": _pct(required["share"], lang),
        }
    bound = "max" if "max" in required else "min"
    params["bound"] = required[bound]
    key = "forbid" if kind == "forbid" else f"{kind}.{bound}"
    if kind == "share" and bound == "max" and required["share"] == 0:
        key = "share.max.zero"
    elif kind == "share" and bound == "min" and required["share"] == 1:
        key = "share.min.all"
    message = text(key, lang, **params)
    if not fixable:
        message += "; " + text("unfixable", lang, available=required.get("changeable", 0))
    return message


def _with_message(violation: Violation, message: str) -> Violation:
    """``violation.model_copy(update={"message": message})``, as pydantic makes it (a shallow copy, with
    ``message`` among the fields set), without its per-call machinery for a plain :class:`Violation`; the
    violation itself when that copy would equal it in every respect (same message, already set)."""
    if type(violation) is not Violation or violation.__pydantic_extra__ or violation.__pydantic_private__:
        return violation.model_copy(update={"message": message})
    fields_set = violation.__pydantic_fields_set__
    current = violation.__dict__["message"]
    if "message" in fields_set and type(current) is str and type(message) is str and current == message:
        return violation
    return Violation._trusted({**violation.__dict__, "message": message}, fields_set | {"message"})


def message_key(violation: Violation) -> tuple[object, ...] | None:
    """What :func:`message_of` reads of ``violation``, as a key two violations share only when their
    messages are the same text in any language; ``None`` when a value is not of the engine's plain types
    (then the message is rendered on its own). Renderers format each distinct message once with it."""
    actual, required, excess, fixable = violation.actual, violation.required, violation.excess, violation.fixable
    if type(actual) is not dict or type(required) is not dict or type(excess) is not int or type(fixable) is not bool:
        return None
    modes, count, kind = actual.get("modes"), actual.get("count"), required.get("kind")
    bound = "max" if "max" in required else "min"
    value, move_to = required.get(bound), required.get("move_to", "WFO")
    changeable = 0 if fixable else required.get("changeable", 0)
    if not (
        type(count) is int and type(value) is int and type(changeable) is int and type(kind) is str
        and type(move_to) is str and isinstance(modes, (list, tuple)) and all(isinstance(m, str) for m in modes)
    ):
        return None
    key: tuple[object, ...] = (kind, tuple(modes), count, excess, bound, value, move_to, fixable, changeable)
    if kind != "share":
        return key
    of, denominator = required.get("of"), actual.get("denominator")
    share, limit = _number_key(actual.get("share")), _number_key(required.get("share"))
    if isinstance(of, (list, tuple)) and all(isinstance(m, str) for m in of):
        of = tuple(of)
    elif type(of) is not str:
        return None
    if type(denominator) is not int or share is None or limit is None:
        return None
    return (*key, of, denominator, share, limit)



def _number_key(value: object) -> object:
    """A share as a key: equal keys print alike (``0.0`` and ``-0.0`` do not: zeros are keyed by their
    spelling); ``None`` for what is not an int or a float."""
    if type(value) is not int and type(value) is not float:
        return None
    return value if value else repr(value)


class CellCounts(Frozen):
    """One unit on one date: how many are onsite, remote, absent or off, and the bounds that apply
    (``max_remote``: the strictest cap on remote staff; ``min_onsite``: the strictest minimum onsite)."""

    unit: str
    sector: str
    date: dt.date
    onsite: int
    remote: int
    absent: int
    off: int
    listed: int
    max_remote: int | None = None
    min_onsite: int | None = None


class RuleInfo(Frozen):
    """What a report says about a rule: its id, where it comes from, and how it reads."""

    id: str
    circular: str
    severity: Literal["error", "warning"]
    citation: str
    description: str | None = None

    @property
    def key(self) -> str:
        """``circular/rule``, the id SARIF and JUnit use."""
        return f"{self.circular}/{self.id}"


class CircularInfo(Frozen):
    """A circular's metadata as a report shows it (number, title, issuer, date, sources) and its rules."""

    id: str
    number: str
    cited_as: str
    title: str
    issuer: str
    jurisdiction: str
    issued: dt.date
    based_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    rules: tuple[RuleInfo, ...] = ()

    @classmethod
    def of(cls, circular: Circular) -> CircularInfo:
        """The metadata of a loaded circular."""
        # Built without validation: every value comes from a validated circular with the field's type (a
        # check then builds no validator for these models; tests/test_trusted_models.py compares).
        return cls.model_construct(
            id=circular.id, number=circular.number, cited_as=circular.cited_as, title=circular.title,
            issuer=circular.issuer, jurisdiction=circular.jurisdiction, issued=circular.issued,
            based_on=tuple(circular.based_on),
            sources=tuple(", ".join(str(x) for x in (s.title, s.publisher, s.date, s.url) if x)
                          for s in circular.sources),
            rules=tuple(
                RuleInfo.model_construct(
                    id=r.id, circular=circular.id, severity=r.severity, description=r.description,
                    citation=f"{circular.cited_as}, {r.citation}" if r.citation else circular.cited_as)
                for r in circular.rules
            ),
        )


class Report(Frozen):
    """The verdict of checking one roster against one or more circulars.

    ``ok`` is true when no violation has severity ``error`` (warnings do not fail a check). Besides the
    JSON report's fields, a report from :func:`wfrules.check` carries ``cells`` (per unit and date: onsite,
    remote, absent, off, listed and the bounds) and ``sources`` (the circulars' metadata and rules), which
    the HTML, SARIF and JUnit renderers use; they are left out of :meth:`to_json_dict` unless asked for.
    """

    ok: bool
    circulars: tuple[str, ...]
    violations: tuple[Violation, ...]
    summary: dict[str, Any]
    lang: Lang = "en"
    sources: tuple[CircularInfo, ...] = Field(default=(), exclude=True)
    # Per-unit, per-day counts are computed when first asked for (by the HTML report, a notebook), not by
    # every check: ``check`` leaves a function here that builds them from its counts.
    _cells: tuple[CellCounts, ...] | None = PrivateAttr(default=None)
    _cells_source: Callable[[], tuple[CellCounts, ...]] | None = PrivateAttr(default=None)

    @property
    def cells(self) -> tuple[CellCounts, ...]:
        """One :class:`CellCounts` per unit and date of the roster (empty for a report built by hand)."""
        if self._cells is None:
            self._cells = self._cells_source() if self._cells_source is not None else ()
        return self._cells

    def __eq__(self, other: object) -> bool:
        """Reports are equal when their fields and their cells are (how the cells are computed does not count)."""
        if not isinstance(other, Report):
            return NotImplemented
        return self.__dict__ == other.__dict__ and self.cells == other.cells

    __hash__ = None  # type: ignore[assignment]  # a report holds dicts: unhashable, as before

    def with_cells(self, source: Callable[[], tuple[CellCounts, ...]]) -> Report:
        """Attach the function that computes :attr:`cells` on first use (the engine's business; returns ``self``)."""
        self._cells_source = source
        self._cells = None
        return self

    @property
    def rules(self) -> tuple[RuleInfo, ...]:
        """Every rule checked, circular by circular (the SARIF rules table)."""
        return tuple(r for c in self.sources for r in c.rules)

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
        check_lang(lang, "in_lang")
        known: dict[tuple[object, ...], str] = {}
        violations = []
        for violation in self.violations:
            # Each distinct message is formatted once (thousands of violations repeat a few of them).
            key = message_key(violation)
            message = None if key is None else known.get(key)
            if message is None:
                message = violation.render_message(lang)
                if key is not None:
                    known[key] = message
            violations.append(_with_message(violation, message))
        return self.model_copy(update={"violations": tuple(violations), "lang": lang})

    def to_json_dict(self, *, full: bool = False) -> dict[str, Any]:
        """The JSON report of CONTRACT §3 as plain data (``full``: with ``cells`` and ``sources`` too)."""
        data = self.model_dump(mode="json")
        if full:
            data["cells"] = [c.model_dump(mode="json") for c in self.cells]
            data["sources"] = [c.model_dump(mode="json") for c in self.sources]
        return data

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
                "file": v.file, "line": v.line,
            }
            for v in self.violations
        ]

    def cell_records(self) -> list[dict[str, Any]]:
        """One flat dict per unit and date: onsite, remote, absent, off, listed and the bounds that apply."""
        return [c.model_dump() for c in self.cells]

    def unit_records(self) -> list[dict[str, Any]]:
        """Per-unit roll-up: days judged, people-days per group, violations (errors, warnings) and their excess.

        >>> Report(ok=True, circulars=(), violations=(), summary={}).unit_records()
        []
        """
        rows: dict[str, dict[str, Any]] = {}

        def row(unit: str, sector: str) -> dict[str, Any]:
            if unit not in rows:
                rows[unit] = dict.fromkeys(_UNIT_COLUMNS, 0) | {"unit": unit, "sector": sector}
            return rows[unit]

        for cell in self.cells:
            current = row(cell.unit, cell.sector)
            current["dates"] += 1
            for group in ("listed", "onsite", "remote", "absent", "off"):
                current[group] += getattr(cell, group)
        for violation in self.violations:
            current = row(violation.unit, violation.sector)
            current["violations"] += 1
            current["errors" if violation.severity == "error" else "warnings"] += 1
            current["excess"] += violation.excess
        return list(rows.values())

    def to_pandas(self, table: Literal["violations", "units", "cells"] = "violations") -> Any:
        """A pandas DataFrame (needs ``pip install 'wfrules[pandas]'``): one row per violation (the default),
        per unit (``table="units"``, the roll-up) or per unit and date (``table="cells"``)."""
        try:
            import pandas as pd  # optional dependency, imported only when asked for
        except ImportError:
            raise UsageError(Problem(
                "Report.to_pandas() needs pandas, which is not installed", "to_pandas",
                hint="pip install 'wfrules[pandas]' (or use Report.to_records())",
            )) from None
        if table == "units":
            return pd.DataFrame(self.unit_records(), columns=list(_UNIT_COLUMNS))
        if table == "cells":
            return pd.DataFrame(self.cell_records(), columns=list(CellCounts.model_fields))
        if table != "violations":
            raise UsageError(Problem(f"unknown table {table!r}", "to_pandas",
                                     hint="table is 'violations', 'units' or 'cells'"))
        return pd.DataFrame(self.to_records(), columns=list(_RECORD_COLUMNS))

    def _repr_html_(self) -> str:
        """Notebook display: the verdict, the counts and the violations table (in the report's language)."""
        import html  # lazy: only notebooks display a report as HTML

        lang = self.lang
        errors, warnings = len(self.errors), len(self.warnings)
        if not self.violations:
            verdict = text("report.ok", lang)
        elif self.ok:
            verdict = text("report.ok_with_warnings", lang, warnings=warnings)
        else:
            verdict = text("report.failed", lang, errors=errors, warnings=warnings)
        colour = "#1a7f37" if self.ok else "#cf222e"
        summary = text("report.scope", lang, **{k: self.summary.get(k, 0)
                                                 for k in ("assignments", "units", "dates", "rules")})
        head = "".join(f"<th>{html.escape(text('col.' + c, lang))}</th>" for c in _HTML_COLUMNS)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell_text(r[c]))}</td>" for c in _HTML_COLUMNS) + "</tr>"
            for r in self.to_records()
        )
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rows else ""
        return (
            f"<div class='wfrules-report'><p><strong style='color:{colour}'>{html.escape(verdict)}</strong> "
            f"({html.escape(', '.join(self.circulars))}) — {html.escape(summary)}</p>{table}</div>"
        )


_RECORD_COLUMNS = (
    "circular", "rule", "severity", "unit", "sector", "date", "excess", "fixable", "count", "denominator",
    "share", "max", "min", "required_share", "of", "rounding", "modes", "employees", "message", "citation",
    "file", "line",
)
_UNIT_COLUMNS = (
    "unit", "sector", "dates", "listed", "onsite", "remote", "absent", "off", "violations", "errors", "warnings",
    "excess",
)
_HTML_COLUMNS = ("date", "unit", "circular", "rule", "severity", "excess", "message", "employees", "citation")


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def _of_label(of: object) -> object:
    return "/".join(of) if isinstance(of, (list, tuple)) else of
