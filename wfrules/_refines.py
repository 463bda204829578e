"""Does a circular respect its parent? ``refines(child, parent)`` decides it exactly.

CHILD refines PARENT when, for every unit and every date on which a rule of PARENT applies, every roster
cell (one unit on one date) that passes CHILD's rules also passes PARENT's: CHILD is at least as strict
wherever PARENT applies. Units and dates are finitely many *kinds* and *date classes* (see
:mod:`wfrules._kinds`); for each, "is there a cell CHILD accepts and this PARENT rule rejects?" is an
exact integer question (see :mod:`wfrules._feasible`). A yes comes with a concrete cell.

Only error-severity rules count: a warning neither forbids (in CHILD) nor requires (in PARENT).

>>> from wfrules import load_circular
>>> result = refines(load_circular("kalbar-se-800-01-2024"), load_circular("menpanrb-se-01-2024"))
>>> result.refines, sorted({s for c in result.counterexamples for s in c.sectors})
(False, ['post'])
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from ._circular import Circular, Rule
from ._explain import describe_limit
from ._feasible import Cell, System, Undecided
from ._kinds import Kind, Span, Unsupported, date_classes, mentioned, merge_spans, unit_kinds, unsupported
from ._messages import Lang, text


@dataclass(frozen=True, slots=True)
class Counterexample:
    """Units of these sectors (with exactly ``tags`` of the mentioned tags; ``unit``: a named unit), on
    ``dates``: CHILD accepts ``example``, PARENT's ``parent_rule`` rejects it."""

    parent_rule: str
    child_rules: tuple[str, ...]
    sectors: tuple[str, ...]
    tags: tuple[str, ...]
    without_tags: tuple[str, ...]
    unit: str | None
    dates: tuple[Span, ...]
    parent_requires: str
    child_allows: tuple[str, ...]
    example: Cell

    def where(self, lang: Lang = "en") -> str:
        """The unit kind in words: ``post, not tagged direct_service``."""
        parts = [text("kind.sectors", lang, sectors=", ".join(self.sectors))]
        if self.tags:
            parts.append(text("kind.tags", lang, tags=", ".join(self.tags)))
        if self.without_tags:
            parts.append(text("kind.without", lang, tags=", ".join(self.without_tags)))
        if self.unit is not None:
            parts.append(text("kind.unit", lang, unit=self.unit))
        return ", ".join(parts)

    def to_json(self) -> dict[str, object]:
        """One counterexample of ``refines --format json``."""
        return {
            "parent_rule": self.parent_rule,
            "child_rules": list(self.child_rules),
            "unit_kind": {"sectors": list(self.sectors), "tags": list(self.tags),
                          "without_tags": list(self.without_tags), "unit": self.unit},
            "dates": [s.to_json() for s in self.dates],
            "parent_requires": self.parent_requires,
            "child_allows": list(self.child_allows),
            "example": self.example.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Refinement:
    """The verdict: ``refines`` is True, False, or None (undecided: see ``unsupported``)."""

    child: str
    parent: str
    refines: bool | None
    counterexamples: tuple[Counterexample, ...]
    unsupported: tuple[str, ...]
    cells: int
    lang: Lang = "en"

    def to_json(self) -> dict[str, object]:
        """``refines --format json``."""
        return {
            "child": self.child,
            "parent": self.parent,
            "refines": self.refines,
            "cells_checked": self.cells,
            "counterexamples": [c.to_json() for c in self.counterexamples],
            "unsupported": list(self.unsupported),
            "lang": self.lang,
        }

    def render_json(self) -> str:
        """The JSON text, indented, ending with a newline."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    def render_text(self) -> str:
        """The verdict, then each counterexample: where, when, what PARENT requires, what CHILD allows."""
        lang = self.lang
        if self.refines:
            return text("refines.yes", lang, child=self.child, parent=self.parent, cells=self.cells) + "\n"
        lines = []
        if self.refines is None:
            lines.append(text("refines.undecided", lang, child=self.child, parent=self.parent,
                              reasons="; ".join(self.unsupported)))
        else:
            lines.append(text("refines.no", lang, child=self.child, parent=self.parent,
                              count=len(self.counterexamples)))
        for number, c in enumerate(self.counterexamples, 1):
            dates = ", ".join(s.label() for s in c.dates)
            allows = "; ".join(c.child_allows) if c.child_allows else text("refines.no_rule", lang)
            lines += [
                "",
                f"{number}. " + text("refines.where", lang, kinds=c.where(lang), dates=dates),
                "   " + text("refines.parent_requires", lang, parent=self.parent, rule=c.parent_rule,
                              limit=c.parent_requires),
                "   " + text("refines.child_allows", lang, child=self.child, limits=allows),
                "   " + text("refines.example", lang, cell=c.example.describe(lang)),
            ]
        return "\n".join(lines) + "\n"


def _errors_only(circular: Circular) -> list[Rule]:
    return [r for r in circular.rules if r.severity == "error"]


def refines(child: Circular, parent: Circular, *, lang: Lang = "en") -> Refinement:
    """Decide whether ``child`` is at least as strict as ``parent`` wherever ``parent`` applies.

    Pure and exact (no sampling); an unsupported construct makes the verdict ``None`` with the reason.
    """
    problems = [f"{circular.id}: {field_name}" + (f" (rule {rule})" if rule else "")
                for circular in (child, parent) for rule, field_name in unsupported(circular)]
    if problems:
        return Refinement(child.id, parent.id, None, (), tuple(problems), 0, lang)
    parent_rules, child_rules = _errors_only(parent), _errors_only(child)
    rules = parent_rules + child_rules
    try:
        kinds = unit_kinds(rules)
        classes = date_classes(rules)
    except Unsupported as exc:
        where = f" (rule {exc.rule})" if exc.rule else ""
        return Refinement(child.id, parent.id, None, (), (exc.what + where,), 0, lang)
    tags, _ = mentioned(rules)
    system = System.of([r.limit for r in rules])
    in_scope = {kind: [r.scope is not None and kind.matches(r.scope) for r in rules] for kind in kinds}
    split = len(parent_rules)
    witnesses: dict[tuple[int, frozenset[int]], Cell | None] = {}
    found: dict[tuple[int, tuple[int, ...], Kind], list[Span]] = {}
    cells = 0
    undecided: list[str] = []
    for date_class in classes:
        for kind in kinds:
            applicable = [i for i in sorted(date_class.rules) if in_scope[kind][i]]
            parents = [i for i in applicable if i < split]
            if not parents:
                continue
            cells += 1
            children = frozenset(i for i in applicable if i >= split)
            for p in parents:
                key = (p, children)
                if key not in witnesses:
                    try:
                        witness = system.witness([rules[i].limit for i in sorted(children)], rules[p].limit)
                    except Undecided as exc:
                        undecided.append(f"{rules[p].id} against {sorted(rules[i].id for i in children)}: {exc}")
                        witness = None
                    if witness is not None and (witness.satisfies(rules[p].limit)
                                                or not all(witness.satisfies(rules[i].limit) for i in children)):
                        raise AssertionError("the exact translation disagrees with the limits' own bound()")
                    witnesses[key] = witness
                if witnesses[key] is not None:
                    found.setdefault((p, tuple(sorted(children)), kind), []).extend(date_class.spans)
    counterexamples = _group(found, rules, witnesses, tags, lang)
    verdict: bool | None = not counterexamples
    if undecided and verdict:
        verdict = None
    return Refinement(child.id, parent.id, verdict, tuple(counterexamples), tuple(undecided), cells, lang)


def _group(
    found: dict[tuple[int, tuple[int, ...], Kind], list[Span]],
    rules: Sequence[Rule],
    witnesses: dict[tuple[int, frozenset[int]], Cell | None],
    tags: Sequence[str],
    lang: Lang,
) -> list[Counterexample]:
    """One counterexample per parent rule, child rules, tags, unit and dates; sectors listed together."""
    groups: dict[tuple[int, tuple[int, ...], tuple[str, ...], str | None, tuple[Span, ...]], list[str]] = {}
    for (p, children, kind), spans in found.items():
        key = (p, children, kind.tags, kind.unit, tuple(merge_spans(spans)))
        groups.setdefault(key, []).append(kind.sector)
    out = []
    for (p, children, kind_tags, unit, dates), sectors in groups.items():
        witness = witnesses[(p, frozenset(children))]
        assert witness is not None
        out.append(Counterexample(
            parent_rule=rules[p].id,
            child_rules=tuple(rules[i].id for i in children),
            sectors=tuple(sectors),
            tags=kind_tags,
            without_tags=tuple(t for t in tags if t not in kind_tags),
            unit=unit,
            dates=dates,
            parent_requires=describe_limit(rules[p].limit, lang),
            child_allows=tuple(f"{rules[i].id}: {describe_limit(rules[i].limit, lang)}" for i in children),
            example=witness,
        ))
    return sorted(out, key=lambda c: (c.parent_rule, c.dates[0].first_date() or dt.date.min, c.sectors, c.tags))
