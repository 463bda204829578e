"""Why a rule does or does not apply to a unit on a date, and what the applicable rules allow.

>>> import datetime as dt
>>> from wfrules import load_circular
>>> kalbar = load_circular("kalbar-se-800-01-2024")
>>> e = explain([kalbar], dt.date(2024, 4, 16), sector="health", tags=["direct_service"], listed=7)
>>> [v.rule for v in e.applies]
['essential-wfo-100', 'direct-service-present-100']
>>> [(v.rule, v.reason) for v in e.not_applicable]
[('others-wfh-max-50', "excluded by 'not': the sector health is one of health, security_order, disaster, \
energy, logistics, transport_distribution, vital_object, strategic_project, construction, basic_utility")]
>>> e.quota.max_remote, e.quota.min_onsite
(0, 7)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ._circular import Circular, EmployeeFilter, ForbidLimit, HeadcountLimit, Rule, Scope, ShareLimit
from ._engine import Cell as TallyCell
from ._engine import _Compiled, tally
from ._errors import Problem, RosterError, UsageError
from ._feasible import AnyLimit
from ._kinds import KNOWN_FIELDS, Unsupported, date_classes
from ._messages import Lang, check_lang, text
from ._quota import CellQuota, CellRules, cell_quota, filtered_quota
from ._regions import canonical_region, region_label, within
from ._resolve import Resolver, UnitLike
from ._roster import Roster
from ._vocab import GROUPS, MODES, Mode, did_you_mean, parse_sector, parse_tag

if TYPE_CHECKING:
    from ._context import ContextTable

# ------------------------------------------------------------------------------------- limits in words


def _pct(value: float) -> str:
    number = (Decimal(repr(value)) * 100).normalize()
    return f"{number:f}%"


def _of_name(limit: ShareLimit, lang: Lang) -> str:
    if isinstance(limit.of, str):
        return text(f"of.{limit.of}", lang)
    return text("of.modes", lang, modes=", ".join(limit.of))


def describe_limit(limit: AnyLimit, lang: Lang = "en") -> str:
    """A limit in words: ``remote ≤ 50% of listed, rounded down``.

    >>> from wfrules import load_circular
    >>> [describe_limit(r.limit) for r in load_circular("kalbar-se-800-01-2024").rules]
    ['remote ≤ 0% of listed', 'remote ≤ 50% of listed, rounded down', 'onsite ≥ 100% of listed']
    >>> describe_limit(load_circular("kalbar-se-800-01-2024").rules[1].limit, "id")
    'remote paling banyak 50% dari pegawai yang terjadwal, dibulatkan ke bawah'
    """
    if not isinstance(limit, (ShareLimit, HeadcountLimit, ForbidLimit)):  # a kind added after this module
        return text("limit.other", lang, kind=getattr(limit, "kind", type(limit).__name__))
    modes = ", ".join(limit.modes)
    if isinstance(limit, ForbidLimit):
        return text("limit.forbid", lang, modes=modes)
    side = "max" if limit.max is not None else "min"
    if isinstance(limit, ShareLimit):
        rounding = ""
        if limit.rounding is not None and limit.value not in (0, 1):
            rounding = text("limit.rounding", lang, rounding=text(f"rounding.{limit.rounding}", lang))
        return text(f"limit.share.{side}", lang, modes=modes, pct=_pct(limit.value), of=_of_name(limit, lang),
                    rounding=rounding)
    return text(f"limit.headcount.{side}", lang, modes=modes, count=limit.bound(0))


def describe_filter(selection: EmployeeFilter) -> str:
    """An employee filter in words: ``where service_24h = true (missing: false)``.

    >>> describe_filter(EmployeeFilter.model_validate({"where": {"shift": ["a", "b"]}, "unless": {"cuti": True}}))
    'where shift = a/b, unless cuti = true'
    """
    parts = []
    for word, conditions in (("where", selection.where), ("unless", selection.unless)):
        if conditions:
            parts.append(f"{word} " + " and ".join(f"{k} = {'/'.join(v)}" for k, v in conditions.items()))
    text_ = ", ".join(parts)
    if selection.missing:
        text_ += " (missing: " + ", ".join(f"{k} = {v}" for k, v in selection.missing.items()) + ")"
    return text_


# ------------------------------------------------------------------------------------ why not in scope


def _names(values: Iterable[str]) -> str:
    return ", ".join(values)


def scope_reason(scope: Scope, unit: str, sector: str, tags: Sequence[str], lang: Lang = "en", *,
                 region: str | None = None) -> str | None:
    """Why a unit is not in ``scope`` (``None`` when it is), following :meth:`Scope.matches` criterion by
    criterion (``region``: the unit's canonical region, for scopes that select by region).

    >>> scope_reason(Scope.model_validate({"tags": ["direct_service"]}), "u", "health", [])
    'requires the tag direct_service'
    >>> scope_reason(Scope.model_validate({"regions": ["java-bali"]}), "u", "health", [], region="61.71")
    "the unit's region 61.71 is not in the scope's regions (java-bali)"
    """
    if scope.matches(unit, sector, tags, region=region):
        return None
    if scope.model_fields_set - KNOWN_FIELDS[Scope]:
        return text("reason.other", lang)
    tagset = frozenset(tags)
    if scope.regions is not None and region is not None and not any(within(region, r) for r in scope.regions):
        return text("reason.region", lang, region=region_label(region), regions=_names(scope.regions))
    if scope.sectors is not None and sector not in scope.sectors:
        return text("reason.sectors", lang, sector=sector, sectors=_names(scope.sectors))
    if scope.tags is not None and not tagset.intersection(scope.tags):
        return text("reason.tags", lang, tags=" / ".join(scope.tags))
    if scope.all_tags is not None and not tagset.issuperset(scope.all_tags):
        return text("reason.all_tags", lang, tags=_names(scope.all_tags))
    if scope.units is not None and unit not in scope.units:
        return text("reason.units", lang, unit=unit, units=_names(scope.units))
    if scope.any_of is not None and not any(s.matches(unit, sector, tagset, region=region) for s in scope.any_of):
        reasons = [scope_reason(s, unit, sector, tags, lang, region=region) or "" for s in scope.any_of]
        return text("reason.any_of", lang, reasons="; ".join(reasons))
    if scope.not_ is not None:
        return text("reason.not", lang, what=_why_matched(scope.not_, unit, sector, tagset, lang, region))
    return text("reason.other", lang)


def _why_matched(scope: Scope, unit: str, sector: str, tags: frozenset[str], lang: Lang,
                 region: str | None = None) -> str:
    """What makes a unit match ``scope`` (the excluded scope of a ``not``), in words."""
    only = {name for name in ("sectors", "tags", "units") if getattr(scope, name) is not None}
    if scope.model_fields_set == {"any_of"} and scope.any_of:
        matched = next((s for s in scope.any_of if s.matches(unit, sector, tags, region=region)), None)
        if matched is not None:
            return _why_matched(matched, unit, sector, tags, lang, region)
    if scope.model_fields_set == {"regions"} and region is not None:
        return text("reason.not.region", lang, region=region_label(region), regions=_names(scope.regions or ()))
    if scope.model_fields_set <= {"sectors", "tags", "units"} and len(only) == 1:
        if scope.sectors is not None:
            return text("reason.not.sectors", lang, sector=sector, sectors=_names(scope.sectors))
        if scope.tags is not None:
            return text("reason.not.tags", lang, tags=_names(sorted(tags.intersection(scope.tags))))
        return text("reason.not.units", lang, unit=unit)
    return text("reason.not.scope", lang)


def _window_reason(rule: Rule, lang: Lang) -> str:
    try:
        classes = date_classes([rule])
    except Unsupported:  # an open-ended recurrence: say no more than "outside"
        return text("reason.window.none", lang)
    labels = ", ".join(c.label() for c in classes)
    return text("reason.window", lang, window=labels) if labels else text("reason.window.none", lang)


# ---------------------------------------------------------------------------------------------- quota


@dataclass(frozen=True, slots=True)
class CellCounts:
    """What a roster says about one unit on one date: assignments per mode, and the unit's staff."""

    counts: dict[Mode, int]
    staff: int

    @property
    def listed(self) -> int:
        """Assignments that are not ``off``."""
        return sum(n for m, n in self.counts.items() if m in GROUPS["listed"])


@dataclass(frozen=True, slots=True)
class LimitQuota:
    """One applicable rule's limit: in words, and in people when the denominator is known."""

    circular: str
    rule: str
    limit: str
    is_max: bool
    modes: tuple[str, ...]
    bound: int | None
    denominator: int | None


@dataclass(frozen=True, slots=True)
class Quota:
    """What the applicable rules allow together, from :func:`wfrules._quota.cell_quota`: ``max_remote`` /
    ``min_onsite`` (and ``min_remote`` / ``max_onsite``, which caps on WFO make matter; ``None``: no rule
    applies, or the numbers need a head count that was not given) and each rule's own limit."""

    limits: tuple[LimitQuota, ...]
    max_remote: int | None
    min_onsite: int | None
    min_remote: int | None = None
    max_onsite: int | None = None
    feasible: bool = True


def _denominator(limit: AnyLimit, cell: CellCounts | None, listed: int | None) -> int | None:
    if not isinstance(limit, ShareLimit):
        return 0
    if cell is not None:
        if limit.of == "staff":
            return cell.staff
        return sum(n for m, n in cell.counts.items() if m in limit.denominator_modes)
    if listed is not None and limit.denominator_modes == GROUPS["listed"] and limit.of != "staff":
        return listed
    return None


def quota_of(applicable: Sequence[tuple[Circular, Rule]], cell: CellCounts | None = None,
             listed: int | None = None, lang: Lang = "en", *, joint: CellQuota | None = None) -> Quota:
    """The limits of the applicable rules for one unit and date, and what they allow together.

    Each rule's own limit is put in people when its denominator is known; the combined ``max_remote`` and
    ``min_onsite`` are :func:`wfrules._quota.cell_quota`'s, the one quota machinery ``quota``, ``plan`` and
    ``fix`` share (``None`` when the head count is unknown, or when no rule bounds that side). Rules that
    count only some employees, and limit kinds this module does not know, are described but left out of
    the combined numbers — unless ``joint`` is given: the quota of a roster's cell judged on its people
    (``wfrules quota``'s, which takes employee filters into account).

    >>> from wfrules import load_circular
    >>> kalbar = load_circular("kalbar-se-800-01-2024")
    >>> q = quota_of([(kalbar, kalbar.rules[1])], listed=7)
    >>> q.max_remote, q.min_onsite
    (3, 4)
    """
    limits: list[LimitQuota] = []
    counted: list[tuple[Circular, Rule]] = []
    for circular, rule in applicable:
        limit = rule.limit
        if not isinstance(limit, (ShareLimit, HeadcountLimit, ForbidLimit)):  # its bound may need more context
            limits.append(LimitQuota(circular.id, rule.id, describe_limit(limit, lang), True,
                                     tuple(getattr(limit, "modes", ())), None, None))
            continue
        is_max = isinstance(limit, ForbidLimit) or limit.max is not None
        denominator = _denominator(limit, cell, listed)
        bound = None if denominator is None or rule.employees is not None else limit.bound(denominator)
        limits.append(LimitQuota(circular.id, rule.id, describe_limit(limit, lang), is_max, limit.modes, bound,
                                 denominator if isinstance(limit, ShareLimit) else None))
        if rule.employees is None:
            counted.append((circular, rule))
    if joint is None:
        if not counted or (cell is None and listed is None):
            return Quota(tuple(limits), None, None)
        counts: dict[Mode, int] = dict(cell.counts) if cell is not None else {Mode.WFO: listed or 0}
        staff = cell.staff if cell is not None else (listed or 0)
        joint = cell_quota(counts, counted, staff=staff)
    return Quota(tuple(limits), joint.max_remote, joint.min_onsite, joint.min_remote, joint.max_onsite,
                 joint.feasible)


# --------------------------------------------------------------------------------------------- explain


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """One rule: whether it applies and, when not, why."""

    circular: str
    rule: str
    applies: bool
    reason: str | None
    reason_code: str | None
    severity: str
    limit: str
    citation: str | None
    #: The context variables (or ``region``) the verdict reads or, for ``depends``, needs.
    variables: tuple[str, ...] = ()
    #: For an applicable rule: the version in force (amended by…) and whom it counts (employee filter).
    note: str | None = None

    def to_json(self) -> dict[str, object]:
        """The rule's entry in ``explain --format json``."""
        out: dict[str, object] = {"rule": self.rule, "circular": self.circular, "severity": self.severity,
                                  "limit": self.limit, "citation": self.citation}
        if not self.applies:
            out |= {"reason": self.reason, "reason_code": self.reason_code}
        if self.variables:
            out["variables"] = list(self.variables)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every rule of the circulars for one unit (or unit kind) on one date, and the resulting quota."""

    circulars: tuple[str, ...]
    date: dt.date
    unit: str | None
    sector: str
    tags: tuple[str, ...]
    listed: int | None
    applies: tuple[RuleVerdict, ...]
    not_applicable: tuple[RuleVerdict, ...]
    quota: Quota
    lang: Lang = "en"
    counts: dict[str, int] = field(default_factory=dict)
    #: Rules whose answer needs what was not given (a context table, a region), with what they need.
    depends: tuple[RuleVerdict, ...] = ()
    region: str | None = None

    def to_json(self) -> dict[str, object]:
        """CONTRACT §3: ``{"applies": [...], "not_applicable": [{"rule", "reason"}], …}``."""
        return {
            "circulars": list(self.circulars),
            "date": self.date.isoformat(),
            "unit": self.unit,
            "sector": self.sector,
            "tags": list(self.tags),
            "listed": self.listed,
            "counts": self.counts,
            "region": self.region,
            "applies": [v.to_json() for v in self.applies],
            "not_applicable": [v.to_json() for v in self.not_applicable],
            "depends": [v.to_json() for v in self.depends],
            "quota": {
                "max_remote": self.quota.max_remote,
                "min_onsite": self.quota.min_onsite,
                "min_remote": self.quota.min_remote,
                "max_onsite": self.quota.max_onsite,
                "feasible": self.quota.feasible,
                "rules": [
                    {"rule": q.rule, "circular": q.circular, "limit": q.limit,
                     ("max" if q.is_max else "min"): q.bound, "denominator": q.denominator}
                    for q in self.quota.limits
                ],
            },
            "lang": self.lang,
        }

    def render_text(self) -> str:
        """A readable account: each rule with its verdict, then the quota."""
        lang = self.lang
        tags = text("explain.subject.tags", lang, tags=", ".join(self.tags)) if self.tags else ""
        if self.unit is not None:
            subject = text("explain.subject.unit", lang, unit=self.unit, sector=self.sector, tags=tags)
        else:
            subject = text("explain.subject.kind", lang, sector=self.sector, tags=tags)
        lines = [text("explain.title", lang, circulars=", ".join(self.circulars), subject=subject,
                      date=self.date.isoformat())]
        if self.listed is not None:
            lines.append(text("explain.listed", lang, listed=self.listed))
        lines.append(text("explain.count", lang, count=len(self.applies), other=len(self.not_applicable)))
        if self.depends:
            lines.append(text("explain.depends.count", lang, count=len(self.depends)))
        lines.append("")
        quota = {(q.circular, q.rule): q for q in self.quota.limits}
        for verdict in self.applies:
            q = quota[(verdict.circular, verdict.rule)]
            numbers = ""
            if q.bound is not None:
                key = ("limit.max_" if q.is_max else "limit.min_") + ("of" if q.denominator is not None
                                                                      else "people")
                numbers = " = " + text(key, lang, bound=q.bound, denominator=q.denominator)
            note = f" ({verdict.note})" if verdict.note else ""
            lines.append(f"  + [{text('explain.applies', lang)}] {verdict.circular} / {verdict.rule}: "
                         f"{verdict.limit}{numbers}{note}")
        for verdict in self.not_applicable:
            lines.append(f"  - [{text('explain.not_applicable', lang)}] {verdict.circular} / {verdict.rule}: "
                         f"{verdict.reason}")
        for verdict in self.depends:
            lines.append(f"  ? [{text('explain.depends', lang)}] {verdict.circular} / {verdict.rule}: "
                         f"{verdict.reason}")
        lines.append("")
        parts = []
        if self.quota.max_remote is not None:
            parts.append(text("explain.max_remote", lang, value=self.quota.max_remote))
        if self.quota.min_onsite is not None:
            parts.append(text("explain.min_onsite", lang, value=self.quota.min_onsite))
        if self.quota.min_remote:
            parts.append(text("explain.min_remote", lang, value=self.quota.min_remote))
        if self.quota.max_onsite is not None and self.listed is not None and self.quota.max_onsite < self.listed:
            parts.append(text("explain.max_onsite", lang, value=self.quota.max_onsite))
        if parts:
            lines.append(text("explain.quota", lang, parts="; ".join(parts)))
        elif not self.applies:
            # With undecided rules, "no limit" would be a guess: say the quota counts only the decided ones.
            key = "explain.quota.undecided" if self.depends else "explain.quota.none"
            lines.append(text(key, lang, count=len(self.depends)))
        if self.applies and self.listed is None and any(q.bound is None for q in self.quota.limits):
            lines.append(text("explain.numbers", lang))
        return "\n".join(lines) + "\n"


#: How messages name the unit when explaining for a unit kind (no unit named in a scope is called this).
KIND_ID = "(a unit of this kind)"


@dataclass(frozen=True, slots=True)
class _Subject:
    """A unit kind as the resolver reads a unit: id, sector, tags and region."""

    id: str
    sector: str
    tags: tuple[str, ...]
    region: str | None = None


def explain(
    circulars: Circular | Iterable[Circular],
    date: dt.date,
    *,
    unit: str | None = None,
    roster: Roster | None = None,
    sector: str | None = None,
    tags: Iterable[str] = (),
    listed: int | None = None,
    region: str | None = None,
    context: ContextTable | None = None,
    lang: Lang = "en",
) -> Explanation:
    """Every rule of ``circulars`` on ``date`` for a unit of ``roster`` (``unit`` + ``roster``) or for a
    unit kind (``sector``, ``tags`` and, for region scopes, ``region``): which apply, why the others do not,
    and the quota (in people when the roster or ``listed`` gives the head count).

    Rules are resolved as ``check`` resolves them (:class:`wfrules._resolve.Resolver`): region scopes,
    context conditions (``context``: the context table), and the version in force on ``date`` when one of
    the circulars amends or revokes another's rule. A rule whose answer needs what was not given — a
    context table for its ``context`` condition, a region for its region scope — is listed under
    ``depends``, naming the variable, never guessed. A rule with an employee filter applies, and says whom
    it counts; it is left out of the combined quota (which is in head counts).

    Pure: reads nothing, prints nothing. Raises :class:`~wfrules.UsageError` for a unit not in the roster,
    an unknown sector, or a missing subject; :class:`~wfrules.InputError` for a context table without a
    value the rules need, as ``check`` does.
    """
    if isinstance(circulars, Circular):
        circulars = [circulars]
    circulars = list(circulars)
    check_lang(lang)
    cell: CellCounts | None = None
    counts: dict[str, int] = {}
    resolver = Resolver(circulars, context=context, roster=roster)
    subject: UnitLike
    if roster is not None or unit is not None:
        if roster is None or unit is None:
            raise UsageError(Problem("give both a unit and the roster it is in", "explain",
                                     hint="--unit U --roster R, or --sector S [--tag T]"))
        found = roster.unit_by_id.get(unit)
        if found is None:
            raise UsageError(Problem(f"no unit {unit!r} in the roster", "--unit",
                                     hint=did_you_mean(unit, list(roster.unit_by_id), "check the unit id")))
        sector, unit_tags = found.sector, tuple(found.tags)
        counted = tally(roster)
        entry = counted.cells.get((unit, date))
        per_mode = {m: entry.counts[i] for i, m in enumerate(MODES) if entry.counts[i]} if entry else {}
        cell = CellCounts(per_mode, counted.units[unit].staff)
        counts = {m.value: n for m, n in per_mode.items()}
        listed = cell.listed
        subject = found
        region = resolver.region_of(found)
    else:
        if sector is None:
            raise UsageError(Problem("give a unit kind (--sector S [--tag T]) or a unit of a roster", "explain",
                                     hint="--sector health --tag direct_service, or --unit U --roster R"))
        try:
            sector = parse_sector(sector)
            region = canonical_region(region) if region is not None else None
        except ValueError as exc:
            raise UsageError(Problem(str(exc), "--sector" if region is None else "--region")) from None
        unit_tags = tuple(sorted({parse_tag(t) for t in tags}))
        subject = _Subject(KIND_ID, sector, unit_tags, region)
    unit_id = unit if unit is not None else KIND_ID
    applies: list[RuleVerdict] = []
    not_applicable: list[RuleVerdict] = []
    depends: list[RuleVerdict] = []
    applicable: list[tuple[Circular, Rule]] = []
    for circular in circulars:
        for rule in circular.rules:
            citation = f"{circular.cited_as}, {rule.citation}" if rule.citation else None

            def verdict(reason: str | None, code: str | None, limit: str, variables: tuple[str, ...] = (),
                        note: str | None = None, circular: Circular = circular, rule: Rule = rule,
                        citation: str | None = citation) -> RuleVerdict:
                return RuleVerdict(circular.id, rule.id, reason is None, reason, code, rule.severity, limit,
                                   citation, variables, note)

            limit_text = describe_limit(rule.limit, lang)
            if not rule.applies_on(date):
                not_applicable.append(verdict(_window_reason(rule, lang), "window", limit_text))
                continue
            if rule.scope.uses_regions and region is None:
                depends.append(verdict(text("reason.depends.region", lang), "region", limit_text, ("region",)))
                continue
            try:
                matches = resolver.scope_matches(rule, subject)
            except RosterError as exc:
                if roster is not None:
                    raise
                raise UsageError(Problem(f"region {region!r} has no known province, and rule {rule.id!r} "
                                         "selects by region", "--region",
                                         hint="write its Kemendagri code (e.g. 32.71) or a province name")) from exc
            if not matches:
                why = scope_reason(rule.scope, unit_id, sector, unit_tags, lang, region=region)
                not_applicable.append(verdict(why, _reason_code(rule.scope, unit_id, sector, unit_tags, region),
                                              limit_text))
                continue
            version = resolver.version(circular, rule, date)
            if version is None:
                by, since = next((by, start) for start, changed, by in reversed(resolver.changes(circular, rule))
                                 if changed is None and start <= date)
                not_applicable.append(verdict(text("reason.revoked", lang, by=by, date=since.isoformat()),
                                              "revoked", limit_text))
                continue
            in_force = version.rule
            if in_force.context is not None:
                variables = tuple(sorted(in_force.context))
                if context is None or region is None:
                    key = "reason.depends.context" if context is None else "reason.depends.region"
                    depends.append(verdict(text(key, lang, variables=", ".join(variables)),
                                           "context" if context is None else "region", limit_text, variables))
                    continue
                if not resolver.context_holds(in_force, subject, date):
                    values = {v: resolver.context_value(v, subject, date, in_force) for v in variables}
                    condition = "; ".join(f"{v} in {'/'.join(in_force.context[v])}" for v in variables)
                    given = "; ".join(f"{v} = {values[v]}" for v in variables)
                    not_applicable.append(verdict(text("reason.context", lang, condition=condition, value=given),
                                                  "context", limit_text, variables))
                    continue
            notes = []
            if version.amended_by is not None and version.since is not None:
                notes.append(text("explain.amended", lang, by=version.amended_by, date=version.since.isoformat()))
            if in_force.employees is not None:
                notes.append(text("explain.employees", lang, who=describe_filter(in_force.employees)))
            applies.append(verdict(None, None, describe_limit(in_force.limit, lang), note="; ".join(notes) or None))
            applicable.append((circular, in_force))
    joint = None
    if roster is not None and unit is not None and any(r.employees is not None for _, r in applicable):
        # The rules that count only some employees are judged on the cell's people, as `wfrules quota` does.
        info = counted.units[unit]
        compiled = CellRules(tuple(_Compiled.of(c, r) for c, r in applicable
                                   if isinstance(r.limit, (ShareLimit, HeadcountLimit, ForbidLimit))), info.staff)
        joint = filtered_quota(resolver, info, counted.cells.get((unit, date), TallyCell()), compiled)
    return Explanation(
        circulars=tuple(c.id for c in circulars), date=date, unit=unit, sector=sector, tags=unit_tags,
        listed=listed, applies=tuple(applies), not_applicable=tuple(not_applicable),
        quota=quota_of(applicable, cell, listed, lang, joint=joint), lang=lang, counts=counts, depends=tuple(depends),
        region=region,
    )


def _reason_code(scope: Scope, unit: str, sector: str, tags: Sequence[str], region: str | None = None) -> str:
    """The criterion that excludes the unit: ``region``, ``sector``, ``tag``, ``all_tags``, ``unit``,
    ``any_of``, ``not``."""
    if scope.model_fields_set - KNOWN_FIELDS[Scope]:
        return "other"
    if scope.regions is not None and region is not None and not any(within(region, r) for r in scope.regions):
        return "region"
    if scope.sectors is not None and sector not in scope.sectors:
        return "sector"
    if scope.tags is not None and not set(tags).intersection(scope.tags):
        return "tag"
    if scope.all_tags is not None and not set(tags).issuperset(scope.all_tags):
        return "all_tags"
    if scope.units is not None and unit not in scope.units:
        return "unit"
    if scope.any_of is not None and not any(s.matches(unit, sector, tags, region=region) for s in scope.any_of):
        return "any_of"
    return "not" if scope.not_ is not None else "other"
