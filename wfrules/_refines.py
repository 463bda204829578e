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
* **employee filters** (``employees: where/unless``): whom a rule counts depends on people. Units whose
  employees all share the same attributes are looked at (each filter then keeps everyone or no one); a
  counterexample names them ("every employee has service_24h = true"). Where no such unit gives a
  counterexample, the parent rule still holds for every mix of employees when CHILD's rules that count
  everyone imply it, or a CHILD rule with the very same filter does; otherwise mixed units are not decided
  and the verdict is ``None``, saying so.
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

from ._circular import Circular, EmployeeFilter, ForbidLimit, HeadcountLimit, ShareLimit
from ._explain import describe_limit
from ._feasible import AnyLimit, Cell, System, Undecided
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
    population: Population = field(default_factory=Population)

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

    def assumptions(self) -> str:
        """The context values and employees' attributes the counterexample needs (empty: none)."""
        return "; ".join(p for p in (self.assuming, self.population.describe()) if p)

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
            "assuming": {"context": self.context, "employees": self.population.to_json()},
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
        return "\n".join(lines) + "\n"


def _kept_status(item: Item, population: Population) -> str:
    """How a rule reads a unit of ``population``: ``plain`` (it counts everyone), ``vacuous`` (it counts no
    one and so holds) or ``impossible`` (it counts no one and still requires people: a headcount minimum)."""
    selection = item.rule.employees
    if population.keeps_all(selection):
        return "plain"
    limit = item.rule.limit
    if isinstance(limit, HeadcountLimit) and limit.min:
        return "impossible"
    return "vacuous"


def _cap_of_a_part(limit: AnyLimit) -> bool:
    """Whether the limit, holding for a group, holds for every part of it: a cap whose bound does not shrink
    with the denominator (forbid, a headcount cap, a share cap of 0)."""
    return (isinstance(limit, (ForbidLimit, HeadcountLimit)) and limit.max is not None) or (
        isinstance(limit, ShareLimit) and limit.max == 0)


def _same_filter(selection: EmployeeFilter | None, key: str) -> bool:
    return selection is not None and filter_key(selection) == key


def _settled_for_every_population(p: int, applicable: Sequence[int], split: int, rules: Sequence[Item],
                                  system: System) -> bool:
    """Whether CHILD's rules imply PARENT rule ``p`` for *every* set of employees (not only units whose
    employees share attributes): the child rules that count everyone imply it (for an unfiltered ``p``, or
    for a cap that counts no more of a part than of the whole: a headcount cap, a cap of zero), or a child
    rule with the very same employee filter does (it counts the very same people)."""
    selection = rules[p].rule.employees
    everyone = [rules[i].rule.limit for i in applicable if i >= split and rules[i].rule.employees is None]
    if selection is None:
        candidates = [everyone]
    else:
        key = filter_key(selection)
        same = [i for i in applicable if i >= split and _same_filter(rules[i].rule.employees, key)]
        candidates = [[rules[i].rule.limit] for i in same]
        if _cap_of_a_part(rules[p].rule.limit):
            candidates.append(everyone)
    for limits in candidates:
        try:
            if system.witness(limits, rules[p].rule.limit) is None:
                return True
        except Undecided:
            continue
    return False


def refines(child: Circular, parent: Circular, *, lang: Lang = "en") -> Refinement:
    """Decide whether ``child`` is at least as strict as ``parent`` wherever ``parent`` applies.

    Pure and exact (no sampling); an unsupported construct makes the verdict ``None`` with the reason.
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
        classes = date_classes(rules)
        cases = context_cases(rules)
        people = populations(rules)
    except Unsupported as exc:
        where = f" (rule {exc.rule})" if exc.rule else ""
        return Refinement(child.id, parent.id, None, (), (exc.what + where,), 0, lang)
    tags, _ = mentioned(rules)
    system = System.of([r.rule.limit for r in rules])
    in_scope = {kind: [kind.matches(r.rule.scope) for r in rules] for kind in kinds}
    holds = [[case.holds(r.rule) for r in rules] for case in cases]
    split = len(parent_rules)
    witnesses: dict[tuple[int, str, frozenset[int]], Cell | None] = {}
    found: dict[tuple[int, tuple[int, ...], Kind, str, Population, str], tuple[Case, list[Span]]] = {}
    cells = 0
    undecided: list[str] = []
    mixed: set[str] = set()

    def witness(p: int, status: str, children: frozenset[int]) -> Cell | None:
        key = (p, status, children)
        if key not in witnesses:
            limits = [rules[i].rule.limit for i in sorted(children)]
            try:
                if status == "impossible":
                    cell = system.feasible(limits)
                else:
                    cell = system.witness(limits, rules[p].rule.limit)
            except Undecided as exc:
                undecided.append(f"{rules[p].id} against {sorted(rules[i].id for i in children)}: {exc}")
                cell = None
            if cell is not None and status == "plain" and (
                    cell.satisfies(rules[p].rule.limit)
                    or not all(cell.satisfies(rules[i].rule.limit) for i in children)):
                raise AssertionError("the exact translation disagrees with the limits' own bound()")
            witnesses[key] = cell
        return witnesses[key]

    for date_class in classes:
        for kind in kinds:
            in_cell = [i for i in sorted(date_class.rules) if in_scope[kind][i]]
            if not any(i < split for i in in_cell):
                continue
            for c, case in enumerate(cases):
                applicable = [i for i in in_cell if holds[c][i]]
                if not any(i < split for i in applicable):
                    continue
                cells += 1
                filtered = any(rules[i].rule.employees is not None for i in applicable)
                settled: set[int] = set()
                for population in people if filtered else [Population()]:
                    status = {i: _kept_status(rules[i], population) for i in applicable}
                    if any(status[i] == "impossible" for i in applicable if i >= split):
                        continue  # the child accepts no cell here
                    children = frozenset(i for i in applicable if i >= split and status[i] == "plain")
                    for p in (i for i in applicable if i < split and status[i] != "vacuous"):
                        if witness(p, status[p], children) is None:
                            continue
                        settled.add(p)
                        # Cases that agree on the variables these rules read are one assumption.
                        variables = [v for i in (p, *children) for v in (rules[i].rule.context or {})]
                        key = (p, tuple(sorted(children)), kind, status[p], population, case.describe(variables))
                        found.setdefault(key, (case, []))[1].extend(date_class.spans)
                if filtered:
                    for p in (i for i in applicable if i < split and i not in settled):
                        if not _settled_for_every_population(p, applicable, split, rules, system):
                            mixed.add(rules[p].id)
    counterexamples = _group(found, rules, witnesses, tags, lang)
    verdict: bool | None = not counterexamples
    if mixed and verdict:
        undecided.append("units whose employees differ in the attributes that the employee filters of "
                         f"{', '.join(sorted(mixed))} read are not decided")
    if undecided and verdict:
        verdict = None
    return Refinement(child.id, parent.id, verdict, tuple(counterexamples), tuple(undecided), cells, lang)


def _group(
    found: dict[tuple[int, tuple[int, ...], Kind, str, Population, str], tuple[Case, list[Span]]],
    rules: Sequence[Item],
    witnesses: dict[tuple[int, str, frozenset[int]], Cell | None],
    tags: Sequence[str],
    lang: Lang,
) -> list[Counterexample]:
    """One counterexample per parent rule, child rules, tags, unit, region, assumptions and dates; sectors
    listed together."""
    groups: dict[tuple[int, tuple[int, ...], tuple[str, ...], str | None, str | None, str, Population, str,
                       tuple[Span, ...]], tuple[list[str], Kind, Case]] = {}
    for (p, children, kind, status, population, assumed), (case, spans) in found.items():
        key = (p, children, kind.tags, kind.unit, kind.region_text(), status, population, assumed,
               tuple(merge_spans(spans)))
        groups.setdefault(key, ([], kind, case))[0].append(kind.sector)
    out = []
    for (p, children, _, _, _, status, population, _, dates), (sectors, kind, case) in groups.items():
        witness = witnesses[(p, status, frozenset(children))]
        assert witness is not None
        variables = [v for i in (p, *children) for v in (rules[i].rule.context or {})]
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
            example=witness,
            region=kind.region_text(),
            region_example=kind.region,
            context_example=case.example(),
            assuming=case.describe(variables),
            context=case.assumption(variables),
            population=population,
        ))
    return sorted(out, key=lambda c: (c.parent_rule, c.dates[0].first_date() or dt.date.min, c.sectors, c.tags,
                                      c.region or "", c.assuming))
