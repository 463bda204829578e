"""``lint``: what is wrong or suspicious in a rule file, before anyone checks a roster against it.

Every finding has a stable code (:data:`CODES`), a severity, the file and line when known, a message and
a hint. Errors are things no reading of the file can make right (a schema error, rules that contradict
each other whatever the context and the people); warnings are things to look at (a missing citation, a
rule shadowed by a stricter one, a window without a working day, a circular looser than the parent it is
``based_on``, rules that contradict each other for some context values). The exit status of ``wfrules
lint`` is 1 on an error finding and 0 otherwise (``--strict``: 1 on any finding).

What lint cannot know is treated as free, and only what holds for every value is an error: a rule's
``context`` condition makes a contradiction it takes part in a warning (WFR112, naming the values); rules
with an ``employees`` filter count people lint does not see, so they take part in no contradiction and no
shadowing. A circular that ``amends`` or ``revokes`` catalog circulars is linted with them, as ``check``
resolves them, and its findings are those involving its own rules or versions.

>>> result = lint(["menpanrb-se-01-2024"])
>>> result.ok, [f.code for f in result.findings]
(True, [])
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Literal

from ._calendar import is_working_day
from ._catalog import catalog_ids, load_circular, looks_like_path
from ._circular import Circular, Scope
from ._errors import CatalogError, CircularError, InputError, Problem
from ._explain import describe_limit
from ._feasible import Search, System, Undecided
from ._kinds import (
    DateClass,
    Item,
    Kind,
    Span,
    Unsupported,
    context_cases,
    date_classes,
    mentioned,
    merge_spans,
    resolved_items,
    unit_kinds,
    unsupported,
)
from ._loaders import parse_circular, read_text
from ._messages import Lang, text
from ._refines import refines
from ._source import JsonLocator, SourceError, YamlLocator, parse_json, parse_yaml
from ._vocab import SECTORS, TAG_ALIASES, did_you_mean, suggest

Severity = Literal["error", "warning"]

#: Every finding code, its severity and what it means (the README's table lists the same).
CODES: dict[str, tuple[Severity, str]] = {
    "WFR100": ("error", "the file is not valid YAML or JSON"),
    "WFR101": ("error", "the file does not follow the rule-file schema (missing field, wrong type, bad value)"),
    "WFR102": ("error", "a rule id is used twice in one circular"),
    "WFR103": ("error", "a sector that is not in the vocabulary"),
    "WFR104": ("warning", "a tag that looks like a misspelt known tag (e.g. direct_servce)"),
    "WFR105": ("warning", "a rule without a citation"),
    "WFR106": ("warning", "based_on names a circular that is not in the catalog"),
    "WFR107": ("warning", "two linted files declare the same circular id"),
    "WFR108": ("error", "amends or revokes a rule that the (catalog) circular it names does not have"),
    "WFR110": ("error", "two rules that overlap in scope and dates can only both hold when nobody is listed"),
    "WFR111": ("error", "rules that together no unit with anyone listed can meet"),
    "WFR112": ("warning", "rules that no unit with anyone listed can meet together for some context values"),
    "WFR120": ("warning", "a rule whose window contains no working day (weekends, holidays, cuti bersama)"),
    "WFR121": ("warning", "a rule shadowed by a stricter rule that applies wherever it does"),
    "WFR130": ("warning", "the circular is looser than a catalog circular it is based_on (see refines)"),
    "WFR190": ("warning", "a construct lint cannot reason about; the checks that need it were skipped"),
}

Locate = Callable[[tuple[str | int, ...], bool], tuple[int, int] | None]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of ``lint``."""

    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    circular: str | None = None
    rule: str | None = None

    @property
    def location(self) -> str:
        """``FILE:LINE[:COL]`` (as much as is known)."""
        return str(Problem("", self.path, self.line, self.column).location)

    def to_json(self) -> dict[str, object]:
        """The finding's entry in ``lint --format json``."""
        return {"code": self.code, "severity": self.severity, "path": self.path, "line": self.line,
                "column": self.column, "circular": self.circular, "rule": self.rule, "message": self.message,
                "hint": self.hint}


@dataclass(frozen=True, slots=True)
class LintResult:
    """The findings of every linted file, in file order."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    lang: Lang = "en"

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """Number of warning findings."""
        return len(self.findings) - self.errors

    @property
    def ok(self) -> bool:
        """No error findings (warnings allowed)."""
        return self.errors == 0

    def to_json(self) -> dict[str, object]:
        """``lint --format json``."""
        return {"ok": self.ok, "files": list(self.files), "findings": [f.to_json() for f in self.findings],
                "summary": {"errors": self.errors, "warnings": self.warnings}, "lang": self.lang}

    def render_json(self) -> str:
        """The JSON text, indented, ending with a newline."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    def render_text(self) -> str:
        """``FILE:LINE: severity WFRnnn: message (hint)`` per finding, then a summary line."""
        lang = self.lang
        lines = [text("lint.title", lang, files=", ".join(self.files))]
        for f in self.findings:
            hint = f" ({f.hint})" if f.hint else ""
            lines.append(f"{f.location}: {text('lint.severity.' + f.severity, lang)} {f.code}: {f.message}{hint}")
        if not self.findings:
            lines.append(text("lint.clean", lang))
        elif self.ok:
            lines.append(text("lint.ok_with_warnings", lang, warnings=self.warnings))
        else:
            lines.append(text("lint.failed", lang, errors=self.errors, warnings=self.warnings))
        return "\n".join(lines) + "\n"

    def render_sarif(self) -> str:
        """SARIF 2.1.0 (one run; the codes are the rule ids), for code-scanning tools."""
        rules = [{"id": code, "shortDescription": {"text": about},
                  "defaultConfiguration": {"level": severity}} for code, (severity, about) in CODES.items()]
        results = []
        for f in self.findings:
            region = {"startLine": f.line} | ({"startColumn": f.column} if f.column else {}) if f.line else None
            location: dict[str, object] = {"artifactLocation": {"uri": f.path or "<input>"}}
            if region:
                location["region"] = region
            message = f.message + (f" ({f.hint})" if f.hint else "")
            results.append({"ruleId": f.code, "level": f.severity, "message": {"text": message},
                            "locations": [{"physicalLocation": location}]})
        sarif = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "wfrules", "rules": rules}}, "results": results}],
        }
        return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _finding(code: str, message: str, path: str | None, where: tuple[int, int] | None = None,
             hint: str | None = None, circular: str | None = None, rule: str | None = None) -> Finding:
    line, column = where if where else (None, None)
    return Finding(code, CODES[code][0], message, path, line, column, hint, circular, rule)


# ------------------------------------------------------------------------------------------ reading


def _catalog_text(circular_id: str) -> tuple[str, str]:
    folder = resources.files("wfrules") / "catalog"
    for suffix in (".yaml", ".yml", ".json"):
        entry = folder / f"{circular_id}{suffix}"
        if entry.is_file():
            return entry.read_text(encoding="utf-8"), f"wfrules/catalog/{entry.name}"
    load_circular(circular_id)  # raises CatalogError with the did-you-mean hint
    raise CatalogError(Problem(f"no circular {circular_id!r} in the catalog", "lint"))  # pragma: no cover


def _read(ref: str | os.PathLike[str]) -> tuple[str, str]:
    """The text and display path of a catalog id or a rule file; :class:`InputError` when unreadable."""
    if isinstance(ref, os.PathLike) or looks_like_path(ref):
        path = Path(ref)
        return read_text(path, CircularError), str(path)
    return _catalog_text(ref)


def _schema_code(problem: Problem) -> str:
    if "is used twice" in problem.message:
        return "WFR102"
    if "unknown sector" in problem.message:
        return "WFR103"
    return "WFR101"


def lint_text(source: str, path: str = "<circular>", *, lang: Lang = "en") -> tuple[Circular | None, list[Finding]]:
    """Lint a rule file's text: the circular (``None`` when it does not load) and the findings.

    >>> circular, findings = lint_text("id: x\\nrules: [", "x.yaml")
    >>> [(f.code, f.line) for f in findings]
    [('WFR100', 2)]
    """
    is_json = path.lower().endswith(".json")
    try:
        parse_json(source) if is_json else parse_yaml(source)
    except SourceError as exc:
        return None, [_finding("WFR100", exc.message, path, (exc.line, exc.column or 0) if exc.line else None,
                               exc.hint)]
    try:
        circular = parse_circular(source, path, max_errors=1000)
    except CircularError as exc:
        return None, [Finding(_schema_code(p), "error", p.message, p.path, p.line, p.column, p.hint)
                      for p in exc.problems]
    locator = JsonLocator(source) if is_json else YamlLocator(source)
    return circular, lint_circular(circular, path=path, locate=locator, lang=lang)


# ---------------------------------------------------------------------------------------- the checks

_KNOWN_TAGS = ("direct_service",)


def _scopes_with_paths(scope: Scope, path: tuple[str | int, ...]) -> Iterable[tuple[Scope, tuple[str | int, ...]]]:
    yield scope, path
    for index, child in enumerate(scope.any_of or ()):
        yield from _scopes_with_paths(child, (*path, "any_of", index))
    if scope.not_ is not None:
        yield from _scopes_with_paths(scope.not_, (*path, "not"))


def lint_circular(circular: Circular, *, path: str | None = None, locate: Locate | None = None,
                  lang: Lang = "en") -> list[Finding]:
    """The findings on a loaded circular (every check after the schema)."""

    def at(*steps: str | int, key: bool = False) -> tuple[int, int] | None:
        return locate(tuple(steps), key) if locate is not None else None

    def add(code: str, message: str, where: tuple[int, int] | None, hint: str | None = None,
            rule: str | None = None) -> None:
        findings.append(_finding(code, message, path, where, hint, circular.id, rule))

    findings: list[Finding] = []
    for index, rule in enumerate(circular.rules):
        if rule.citation is None:
            add("WFR105", text("lint.WFR105", lang, rule=rule.id), at("rules", index, "id"),
                text("lint.WFR105.hint", lang), rule.id)
        for scope, steps in _scopes_with_paths(rule.scope, ("rules", index, "scope")):
            for name in ("tags", "all_tags"):
                for position, tag in enumerate(getattr(scope, name) or ()):
                    close = suggest(tag, [*_KNOWN_TAGS, *TAG_ALIASES])
                    if close is not None and tag not in _KNOWN_TAGS:
                        hint = did_you_mean(tag, [TAG_ALIASES.get(close, close)]) or ""
                        add("WFR104", text("lint.WFR104", lang, tag=tag), at(*steps, name, position),
                            text("lint.WFR104.hint", lang, suggestion=hint, tag=tag), rule.id)
    known_ids = catalog_ids()
    for position, parent_id in enumerate(circular.based_on):
        if parent_id not in known_ids:
            hint = did_you_mean(parent_id, known_ids, "wfrules catalog lists the known ids") or ""
            add("WFR106", text("lint.WFR106", lang, parent=parent_id), at("based_on", position),
                text("lint.WFR106.hint", lang, suggestion=hint))
    changed = _check_changes(circular, known_ids, at, add, lang)
    constructs = unsupported(circular)
    for rule_id, what in constructs:
        add("WFR190", text("lint.WFR190", lang, what=what,
                           rule=text("lint.in_rule", lang, rule=rule_id) if rule_id else ""),
            _rule_at(circular, rule_id, at), text("lint.WFR190.hint", lang), rule_id)
    if constructs:
        return findings
    for position, parent_id in enumerate(circular.based_on):
        # A circular that amends or revokes its parent is a later version of it, not a derived circular:
        # it may loosen on purpose.
        if parent_id in known_ids and parent_id != circular.id and parent_id not in changed:
            _check_parent(circular, load_circular(parent_id), at("based_on", position), add, lang)
    _check_windows(circular, at, add, lang)
    _check_together(circular, [load_circular(c) for c in sorted(changed)], at, add, lang)
    return findings


def _check_changes(circular: Circular, known_ids: Sequence[str], at: Callable[..., tuple[int, int] | None],
                   add: Add, lang: Lang) -> set[str]:
    """WFR108 for amendments and revocations of missing rules of catalog circulars; the catalog circulars
    the file changes (those whose rules exist), to lint it together with them."""
    changed: set[str] = set()
    for name in ("amends", "revokes"):
        for index, change in enumerate(getattr(circular, name)):
            if change.circular not in known_ids or change.circular == circular.id:
                continue
            target = load_circular(change.circular)
            ids = [r.id for r in target.rules]
            wanted = [change.rule] if name == "amends" else list(change.rules or ())
            missing = [r for r in wanted if r not in ids]
            for rule_id in missing:
                add("WFR108", text("lint.WFR108", lang, what=name, circular=target.id, rule=rule_id),
                    at(name, index, "rule" if name == "amends" else "rules"),
                    text("lint.WFR108.hint", lang, rules=", ".join(ids)))
            if not missing:
                changed.add(target.id)
    return changed


def _rule_at(circular: Circular, rule_id: str | None, at: Callable[..., tuple[int, int] | None]
             ) -> tuple[int, int] | None:
    for index, rule in enumerate(circular.rules):
        if rule.id == rule_id:
            return at("rules", index, "id")
    return None


Add = Callable[..., None]


def _check_parent(circular: Circular, parent: Circular, where: tuple[int, int] | None, add: Add, lang: Lang) -> None:
    result = refines(circular, parent, lang=lang)
    if result.refines is None:
        add("WFR190", text("lint.WFR190", lang, what=f"refines {parent.id}: " + "; ".join(result.unsupported),
                           rule=""), where, text("lint.WFR190.hint", lang))
    elif not result.refines:
        first = result.counterexamples[0]
        example = (f"{first.where(lang)}, {', '.join(s.label() for s in first.dates)}: "
                   f"{parent.id} {first.parent_rule}: {first.parent_requires}")
        add("WFR130", text("lint.WFR130", lang, circular=circular.id, parent=parent.id,
                           count=len(result.counterexamples), example=example), where,
            text("lint.WFR130.hint", lang, circular=circular.id, parent=parent.id))


def _check_windows(circular: Circular, at: Callable[..., tuple[int, int] | None], add: Add, lang: Lang) -> None:
    for index, rule in enumerate(circular.rules):
        if rule.window is None:
            continue
        try:
            classes = date_classes([rule])
        except Unsupported:
            continue  # an open-ended recurrence that is not weekly: reported by _check_together
        if not classes or not _has_working_day(Item(rule), classes):
            labels = ", ".join(c.label() for c in classes) or "-"
            add("WFR120", text("lint.WFR120", lang, rule=rule.id, dates=labels), at("rules", index, "window"),
                text("lint.WFR120.hint", lang), rule.id)


def _has_working_day(rule: Item, classes: Sequence[DateClass]) -> bool:
    for span in (s for c in classes for s in c.spans):
        if span.start is None or span.end is None:
            if set(span.weekdays or range(7)) & {0, 1, 2, 3, 4} and span.holidays is not True:
                return True  # an open-ended run of weekdays (not only holidays) always reaches a working day
            continue
        day = span.start
        while day <= span.end:
            if rule.applies_on(day) and is_working_day(day):
                return True
            day = day.fromordinal(day.toordinal() + 1)
    return False


def _check_together(circular: Circular, changed: Sequence[Circular], at: Callable[..., tuple[int, int] | None],
                    add: Add, lang: Lang) -> None:
    """Contradictions (WFR110, WFR111, WFR112) and shadowed rules (WFR121), over kinds × date classes ×
    context cases, with the circulars the file amends or revokes resolved as ``check`` resolves them."""
    resolved = resolved_items([*changed, circular])
    items = [item for _, item in resolved]
    # Where each item is written: its own rule, or the amendment that made it (None: another circular's rule).
    own_rule = {r.id: i for i, r in enumerate(circular.rules)}
    amended_at = {(a.circular, a.rule, a.start): k for k, a in enumerate(circular.amends)}

    def place(i: int, leaf: str) -> tuple[int, int] | None:
        item = items[i]
        if item.circular == circular.id:
            return at("rules", own_rule[item.id], leaf)
        if item.amended_by == circular.id and item.since is not None:
            return at("amends", amended_at[(item.circular, item.id, item.since)], leaf)
        return None

    mine = [item.circular == circular.id or item.amended_by == circular.id for item in items]
    try:
        kinds = unit_kinds(items)
        classes = date_classes(items)
        cases = context_cases(items)
    except Unsupported as exc:
        add("WFR190", text("lint.WFR190", lang, what=exc.what, rule=text("lint.in_rule", lang, rule=exc.rule)
                           if exc.rule else ""), _rule_at(circular, exc.rule, at), text("lint.WFR190.hint", lang),
            exc.rule)
        return
    tags, _ = mentioned(items)
    system = System.of([r.rule.limit for r in items])
    # One search for every integer question of this circular: each distinct system is solved once, and all
    # of them share one work limit (as in refines); past it a question claims nothing (no finding).
    search = Search()
    # Rules that count only some employees are left out: whether they contradict depends on people.
    counted = [item.rule.employees is None for item in items]
    conditional = [item.rule.context is not None for item in items]
    cells: list[set[tuple[int, int, int]]] = [set() for _ in items]
    by_set: dict[frozenset[int], set[tuple[int, int, int]]] = {}
    scope_of = [[kind.matches(item.rule.scope) for item in items] for kind in kinds]
    holds = [[case.holds(item.rule) for item in items] for case in cases]
    for c, date_class in enumerate(classes):
        for k in range(len(kinds)):
            in_cell = [i for i in date_class.rules if scope_of[k][i]]
            for x in range(len(cases)):
                applicable = frozenset(i for i in in_cell if holds[x][i])
                for i in applicable:
                    cells[i].add((k, c, x))
                judged = frozenset(i for i in applicable if counted[i])
                if judged:
                    by_set.setdefault(judged, set()).add((k, c, x))

    def where(found: set[tuple[int, int, int]]) -> tuple[str, str]:
        return (_kinds_text([kinds[k] for k, _, _ in found], tags, lang),
                _dates_text([classes[c] for _, c, _ in found]))

    def assumption(found: set[tuple[int, int, int]], indexes: Sequence[int]) -> str:
        variables = [v for i in indexes for v in (items[i].rule.context or {})]
        texts = sorted({cases[x].describe(variables) for _, _, x in found})
        return " | ".join(t for t in texts if t)

    def feasible(indexes: Sequence[int]) -> bool:
        try:
            return system.feasible([items[i].rule.limit for i in indexes], listed=1, search=search) is not None
        except Undecided:
            return True  # claim nothing

    def report_conditional(indexes: Sequence[int], found: set[tuple[int, int, int]]) -> None:
        kinds_text, dates_text = where(found)
        last = max(indexes)
        add("WFR112", text("lint.WFR112", lang, rules=", ".join(repr(items[i].label()) for i in indexes),
                           assumption=assumption(found, indexes), kinds=kinds_text, dates=dates_text),
            place(last, "limit"), text("lint.WFR112.hint", lang, limits="; ".join(
                describe_limit(items[i].rule.limit, lang) for i in indexes)), items[last].id)

    contradictory: set[frozenset[int]] = set()
    for a, b in combinations(range(len(items)), 2):
        if not (counted[a] and counted[b]) or not (mine[a] or mine[b]):
            continue
        overlap = cells[a] & cells[b]
        if overlap and not feasible([a, b]):
            contradictory.add(frozenset({a, b}))
            if conditional[a] or conditional[b]:
                report_conditional([a, b], overlap)
                continue
            kinds_text, dates_text = where(overlap)
            add("WFR110", text("lint.WFR110", lang, a=items[a].label(), b=items[b].label(),
                               a_limit=describe_limit(items[a].rule.limit, lang),
                               b_limit=describe_limit(items[b].rule.limit, lang),
                               kinds=kinds_text, dates=dates_text),
                place(b, "limit"), text("lint.WFR110.hint", lang), items[b].id)
    reported: set[frozenset[int]] = set()
    for applicable, found in sorted(by_set.items(), key=lambda i: sorted(i[0])):
        if any(pair <= applicable for pair in contradictory) or any(r <= applicable for r in reported):
            continue
        if not any(mine[i] for i in applicable):
            continue
        if not feasible(sorted(applicable)):
            reported.add(applicable)
            indexes = sorted(applicable)
            if any(conditional[i] for i in indexes):
                report_conditional(indexes, found)
                continue
            ids = ", ".join(repr(items[i].label()) for i in indexes)
            limits = "; ".join(describe_limit(items[i].rule.limit, lang) for i in indexes)
            kinds_text, dates_text = where(found)
            last = max(applicable)
            add("WFR111", text("lint.WFR111", lang, rules=ids, kinds=kinds_text, dates=dates_text),
                place(last, "limit"), text("lint.WFR111.hint", lang, limits=limits), items[last].id)
    _check_shadowed(items, cells, system, search, contradictory, counted, mine, place, add, lang)


def _check_shadowed(items: Sequence[Item], cells: Sequence[set[tuple[int, int, int]]], system: System, search: Search,
                    contradictory: set[frozenset[int]], counted: Sequence[bool], mine: Sequence[bool],
                    place: Callable[[int, str], tuple[int, int] | None], add: Add, lang: Lang) -> None:
    implies: dict[tuple[int, int], bool] = {}

    def stricter(b: int, a: int) -> bool:
        if (b, a) not in implies:
            try:
                implies[(b, a)] = system.witness([items[b].rule.limit], items[a].rule.limit, search=search) is None
            except Undecided:
                implies[(b, a)] = False
        return implies[(b, a)]

    for a, item in enumerate(items):
        if not cells[a] or not counted[a] or not mine[a]:
            continue
        for b, other in enumerate(items):
            if b == a or not counted[b] or not cells[a] <= cells[b] or frozenset({a, b}) in contradictory:
                continue
            if other.rule.severity == "warning" and item.rule.severity == "error":
                continue  # a warning does not enforce what an error requires
            # Two rules that shadow each other (the same limit, the same reach): report the later one only.
            if cells[a] == cells[b] and b > a and stricter(a, b):
                continue
            if stricter(b, a):
                add("WFR121", text("lint.WFR121", lang, rule=item.label(), other=other.label(),
                                   limit=describe_limit(item.rule.limit, lang),
                                   other_limit=describe_limit(other.rule.limit, lang)),
                    place(a, "id"), text("lint.WFR121.hint", lang), item.id)
                break


def _kinds_text(kinds: Sequence[Kind], tags: Sequence[str], lang: Lang) -> str:
    groups: dict[tuple[tuple[str, ...], str | None, str | None], set[str]] = {}
    for kind in kinds:
        groups.setdefault((kind.tags, kind.unit, kind.region_text()), set()).add(kind.sector)
    parts = []
    for (kind_tags, unit, region), sectors in sorted(groups.items(),
                                                     key=lambda i: (i[0][0], i[0][1] or "", i[0][2] or "")):
        words = [", ".join(s for s in SECTORS if s in sectors) if len(sectors) < len(SECTORS)
                 else text("kind.any", lang)]
        if kind_tags:
            words.append(text("kind.tags", lang, tags=", ".join(kind_tags)))
        without = [t for t in tags if t not in kind_tags]
        if without:
            words.append(text("kind.without", lang, tags=", ".join(without)))
        if unit is not None:
            words.append(text("kind.unit", lang, unit=unit))
        if region is not None:
            words.append(text("kind.region", lang, region=region))
        parts.append(" ".join(words[:1]) + (" (" + "; ".join(words[1:]) + ")" if words[1:] else ""))
    return " | ".join(parts)


def _dates_text(classes: Sequence[DateClass]) -> str:
    spans: list[Span] = [s for c in classes for s in c.spans]
    return ", ".join(s.label() for s in merge_spans(spans))


# ---------------------------------------------------------------------------------------------- lint


def lint(refs: Sequence[str | os.PathLike[str]], *, lang: Lang = "en") -> LintResult:
    """Lint catalog ids and rule files. Raises :class:`~wfrules.InputError` for a file that cannot be read
    or an unknown catalog id (the CLI exits 2); everything else is a finding."""
    findings: list[Finding] = []
    files: list[str] = []
    failures: list[InputError] = []
    seen: dict[str, str] = {}
    for ref in refs:
        try:
            source, path = _read(ref)
        except InputError as exc:
            failures.append(exc)
            continue
        files.append(path)
        circular, found = lint_text(source, path, lang=lang)
        findings.extend(found)
        if circular is not None:
            if circular.id in seen:
                findings.append(_finding("WFR107", text("lint.WFR107", lang, circular=circular.id,
                                                        other=seen[circular.id]),
                                         path, None, text("lint.WFR107.hint", lang), circular.id))
            seen.setdefault(circular.id, path)
    if failures:
        raise InputError([p for f in failures for p in f.problems])
    return LintResult(tuple(files), tuple(findings), lang)
