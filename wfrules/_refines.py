"""Does a circular respect its parent? ``refines(child, parent)`` decides it exactly.

CHILD refines PARENT when, for every unit and every date on which a rule of PARENT applies, every roster
cell (one unit on one date) that passes CHILD's rules also passes PARENT's: CHILD is at least as strict
wherever PARENT applies. Units and dates are finitely many *kinds* and *date classes* (see
:mod:`wfrules._kinds`); for each, "is there a cell CHILD accepts and this PARENT rule rejects?" is an
exact integer question (see :mod:`wfrules._feasible`). A yes comes with a concrete cell.

Only error-severity rules count: a warning neither forbids (in CHILD) nor requires (in PARENT).

What the rules cannot know is treated as free, and a counterexample says what it assumes:

* **context** (``context: {ppkm_level: 2}``): the values come from a table, per region and date, so every
  case of the variables is looked at; a counterexample names the values it needs ("assuming ppkm_level = 2").
* **employee filters** (``employees: where/unless``): whom a rule counts depends on people. The people of
  a cell fall into classes that the filters tell apart (each combination of "kept or not" that some
  attributes give), each class with its own counts; so "is there, for *some* employees, a cell CHILD
  accepts and PARENT rejects?" is still one exact integer question. A counterexample says whom it needs
  ("of whom: 1 listed: 1 WFH with service_24h = true").
* **amendments and revocations** between the two circulars are not applied (each is compared as it reads);
  amendments within what is given to :func:`refines` cannot occur (a circular never amends itself).

>>> from wfrules import load_circular
>>> result = refines(load_circular("kalbar-se-800-01-2024"), load_circular("menpanrb-se-01-2024"))
>>> result.refines, sorted({s for c in result.counterexamples for s in c.sectors})
(False, ['post'])
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._circular import Circular
from ._explain import describe_limit
from ._feasible import WORK_LIMIT, Cell, Mixed, MixedCell, OutOfWork, Search, System, Undecided
from ._kinds import (
    Case,
    Item,
    Kind,
    Population,
    Span,
    Unsupported,
    context_cases,
    date_classes,
    filter_key,
    mentioned,
    merge_spans,
    populations,
    resolved_items,
    unit_kinds,
    unsupported,
)
from ._messages import Lang, text


@dataclass(frozen=True, slots=True)
class Counterexample:
    """Units of these sectors (with exactly ``tags`` of the mentioned tags; ``unit``: a named unit; ``region``:
    in/outside the named regions), on ``dates``, under ``assuming`` (context values) and ``population``
    (employees' attributes): CHILD accepts ``example``, PARENT's ``parent_rule`` rejects it."""

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
    region: str | None = None
    #: A region of the kind (an example) and context values of the case (an example), for rebuilding it.
    region_example: str | None = None
    context_example: dict[str, str] = field(default_factory=dict)
    assuming: str = ""
    context: dict[str, list[str]] = field(default_factory=dict)
    #: When employee filters are involved: the example's people by kind (their attributes, their modes).
    employees: tuple[tuple[Population, Cell], ...] = ()

    def where(self, lang: Lang = "en") -> str:
        """The unit kind in words: ``post, not tagged direct_service``."""
        parts = [text("kind.sectors", lang, sectors=", ".join(self.sectors))]
        if self.tags:
            parts.append(text("kind.tags", lang, tags=", ".join(self.tags)))
        if self.without_tags:
            parts.append(text("kind.without", lang, tags=", ".join(self.without_tags)))
        if self.unit is not None:
            parts.append(text("kind.unit", lang, unit=self.unit))
        if self.region is not None:
            parts.append(text("kind.region", lang, region=self.region))
        return ", ".join(parts)

    def people(self, lang: Lang = "en") -> str:
        """Whom the example's people are, by the attributes the filters read (empty without filters)."""
        return "; ".join(f"{cell.describe(lang)} with {population.describe(every=False)}"
                         for population, cell in self.employees)

    def assumptions(self) -> str:
        """The context values the counterexample needs (empty: none)."""
        return self.assuming

    def to_json(self) -> dict[str, object]:
        """One counterexample of ``refines --format json``."""
        kind: dict[str, object] = {"sectors": list(self.sectors), "tags": list(self.tags),
                                   "without_tags": list(self.without_tags), "unit": self.unit}
        if self.region is not None:
            kind["region"] = self.region
            kind["region_example"] = self.region_example
        return {
            "parent_rule": self.parent_rule,
            "child_rules": list(self.child_rules),
            "unit_kind": kind,
            "dates": [s.to_json() for s in self.dates],
            "assuming": {"context": self.context},
            "employees": [{"attributes": population.to_json(), **cell.to_json()}
                          for population, cell in self.employees],
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
            if c.assumptions():
                lines.insert(len(lines) - 3, "   " + text("refines.assuming", lang, assumption=c.assumptions()))
            if c.employees:
                lines.append("   " + text("refines.people", lang, people=c.people(lang)))
        return "\n".join(lines) + "\n"


def refines(child: Circular, parent: Circular, *, lang: Lang = "en", work_limit: int = WORK_LIMIT) -> Refinement:
    """Decide whether ``child`` is at least as strict as ``parent`` wherever ``parent`` applies.

    Pure and exact (no sampling); an unsupported construct makes the verdict ``None`` with the reason. The
    cost is bounded: all the integer questions of the call share one :class:`~wfrules._feasible.Search`
    with ``work_limit`` units of simplex work (default :data:`~wfrules._feasible.WORK_LIMIT`) and at most
    :data:`~wfrules._feasible.NODE_LIMIT` branches each. A question past a limit is undecided, and says so
    in ``unsupported``: the verdict is then ``None``, unless a counterexample was found (``False``: it is real).
    """
    problems = [f"{circular.id}: {field_name}" + (f" (rule {rule})" if rule else "")
                for circular in (child, parent) for rule, field_name in unsupported(circular)]
    if problems:
        return Refinement(child.id, parent.id, None, (), tuple(problems), 0, lang)
    parent_rules = [i for _, i in resolved_items([parent], severities=("error",))]
    child_rules = [i for _, i in resolved_items([child], severities=("error",))]
    rules = parent_rules + child_rules
    try:
        kinds = unit_kinds(rules)
        classes_of_dates = date_classes(rules)
        cases = context_cases(rules)
        people = populations(rules)
    except Unsupported as exc:
        where = f" (rule {exc.rule})" if exc.rule else ""
        return Refinement(child.id, parent.id, None, (), (exc.what + where,), 0, lang)
    tags, _ = mentioned(rules)
    # People are told apart by the employee filters (one class when there are none): a counterexample may
    # mix employees of every kind the filters' attributes allow.
    classes = tuple(frozenset(k for k, kept in population.keeps if kept) for population in people)
    mixed = Mixed(System.of([r.rule.limit for r in rules]), classes)
    keys = [filter_key(r.rule.employees) if r.rule.employees is not None else None for r in rules]
    in_scope = {kind: [kind.matches(r.rule.scope) for r in rules] for kind in kinds}
    holds = [[case.holds(r.rule) for r in rules] for case in cases]
    split = len(parent_rules)
    witnesses: dict[tuple[int, frozenset[int]], MixedCell | None] = {}
    found: dict[tuple[int, tuple[int, ...], Kind, str], tuple[Case, tuple[str, ...], list[Span]]] = {}
    cells = 0
    undecided: list[str] = []
    # One search for every question of this call: one work limit for all, each distinct system solved once.
    search = Search(work_limit=work_limit)
    out_of_work: list[str] = []  # the questions left undecided once the work limit was passed

    def witness(p: int, children: frozenset[int]) -> MixedCell | None:
        key = (p, children)
        if key not in witnesses:
            question = f"{rules[p].id} against {sorted(rules[i].id for i in children)}"
            try:
                cell = mixed.witness([(rules[i].rule.limit, keys[i]) for i in sorted(children)],
                                     (rules[p].rule.limit, keys[p]), search=search)
            except OutOfWork as exc:
                if not out_of_work:
                    undecided.append(f"{question}: {exc}")
                out_of_work.append(question)
                cell = None
            except Undecided as exc:
                undecided.append(f"{question}: {exc}")
                cell = None
            if cell is not None and (cell.kept(keys[p]).satisfies(rules[p].rule.limit) or not all(
                    cell.kept(keys[i]).satisfies(rules[i].rule.limit) for i in children)):
                raise AssertionError("the exact translation disagrees with the limits' own bound()")
            witnesses[key] = cell
        return witnesses[key]

    for date_class in classes_of_dates:
        for kind in kinds:
            in_cell = [i for i in sorted(date_class.rules) if in_scope[kind][i]]
            if not any(i < split for i in in_cell):
                continue
            for c, case in enumerate(cases):
                applicable = [i for i in in_cell if holds[c][i]]
                if not any(i < split for i in applicable):
                    continue
                cells += 1
                children = frozenset(i for i in applicable if i >= split)
                for p in (i for i in applicable if i < split):
                    if witness(p, children) is None:
                        continue
                    # Cases that agree on the variables read by the rules that could apply here (those that do,
                    # and those that do not because of their condition) are one assumption.
                    variables = [v for i in (p, *in_cell) for v in (rules[i].rule.context or {})]
                    key = (p, tuple(sorted(children)), kind, case.describe(variables))
                    found.setdefault(key, (case, tuple(sorted(set(variables))), []))[2].extend(date_class.spans)
    if len(out_of_work) > 1:
        undecided.append(f"and {len(out_of_work) - 1} more question(s) not looked at: the same limit")
    counterexamples = _group(found, rules, witnesses, people, tags, lang)
    verdict: bool | None = not counterexamples
    if undecided and verdict:
        verdict = None
    return Refinement(child.id, parent.id, verdict, tuple(counterexamples), tuple(undecided), cells, lang)


def _group(
    found: dict[tuple[int, tuple[int, ...], Kind, str], tuple[Case, tuple[str, ...], list[Span]]],
    rules: Sequence[Item],
    witnesses: dict[tuple[int, frozenset[int]], MixedCell | None],
    people: Sequence[Population],
    tags: Sequence[str],
    lang: Lang,
) -> list[Counterexample]:
    """One counterexample per parent rule, child rules, tags, unit, region, assumption and dates; sectors
    listed together."""
    groups: dict[tuple[int, tuple[int, ...], tuple[str, ...], str | None, str | None, str, tuple[Span, ...]],
                 tuple[list[str], Kind, Case, tuple[str, ...]]] = {}
    for (p, children, kind, assumed), (case, variables, spans) in found.items():
        key = (p, children, kind.tags, kind.unit, kind.region_text(), assumed, tuple(merge_spans(spans)))
        groups.setdefault(key, ([], kind, case, variables))[0].append(kind.sector)
    out = []
    for (p, children, _, _, _, assumed, dates), (sectors, kind, case, variables) in groups.items():
        witness = witnesses[(p, frozenset(children))]
        assert witness is not None
        filtered = any(rules[i].rule.employees is not None for i in (p, *children))
        parts = tuple((population, cell) for population, cell in zip(people, witness.parts, strict=True)
                      if filtered and any(cell.counts))
        out.append(Counterexample(
            parent_rule=rules[p].label(),
            child_rules=tuple(rules[i].label() for i in children),
            sectors=tuple(sectors),
            tags=kind.tags,
            without_tags=tuple(t for t in tags if t not in kind.tags),
            unit=kind.unit,
            dates=dates,
            parent_requires=describe_limit(rules[p].rule.limit, lang),
            child_allows=tuple(f"{rules[i].label()}: {describe_limit(rules[i].rule.limit, lang)}" for i in children),
            example=witness.total,
            region=kind.region_text(),
            region_example=kind.region,
            context_example=case.example(),
            assuming=assumed,
            context=case.assumption(variables),
            employees=parts,
        ))
    return sorted(out, key=lambda c: (c.parent_rule, c.dates[0].first_date() or dt.date.min, c.sectors, c.tags,
                                      c.region or "", c.assuming))
