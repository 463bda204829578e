"""Which rules are in force for a unit on a date: the one resolution step every command shares.

Beyond window and scope, a rule may depend on the unit's region (``scope.regions``), on context values
looked up per region and date (``context``, from a context table), on the version in force that date
(another circular ``amends`` its limit or ``revokes`` it from a date), and it may count only some
employees (``employees``). :class:`Resolver` answers all of these once per check:

>>> import wfrules
>>> from wfrules._context import ContextTable
>>> ppkm = wfrules.load_circular("menpanrb-se-25-2021")
>>> levels = ContextTable.from_rows([{"region": "32.73", "from": "2021-11-16", "to": "2021-11-29",
...                                   "ppkm_level": 2}])
>>> resolver = Resolver([ppkm], context=levels)
>>> bdg = wfrules.Unit(id="bappeda-bdg", sector="government_administration", region="32.73")
>>> [(f.rule.id, f.rule.limit.max) for f in resolver.in_force(bdg, dt.date(2021, 11, 17))]
[('nonessential-java-bali-l2', 0.5)]

With the amending circular given too, the version in force from its date applies, and says so:

>>> amending = wfrules.load_circular("menpanrb-se-05-2022")
>>> levels = ContextTable.from_rows([{"region": "32.73", "from": "2022-02-14", "to": "2022-02-21",
...                                   "ppkm_level": 2}])
>>> resolver = Resolver([ppkm, amending], context=levels)
>>> [(f.rule.id, f.rule.limit.max, f.amended_by) for f in resolver.in_force(bdg, dt.date(2022, 2, 15))]
[('nonessential-java-bali-l2', 0.5, None)]
>>> [(f.rule.id, f.rule.limit.max, f.amended_by) for f in resolver.in_force(bdg, dt.date(2022, 2, 16))]
[('nonessential-java-bali-l2', 0.75, 'menpanrb-se-05-2022')]
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ._circular import Amendment, Circular, EmployeeFilter, RegionMissing, Revocation, Rule, Scope
from ._errors import ContextError, Problem, RosterError, UsageError
from ._model import normalize_name
from ._regions import canonical_region, region_label
from ._roster import Roster

if TYPE_CHECKING:
    from ._context import ContextTable


class UnitLike(Protocol):
    """What resolution reads of a unit: a roster :class:`~wfrules.Unit`, a tally ``UnitInfo``…"""

    @property
    def id(self) -> str: ...

    @property
    def sector(self) -> str: ...

    @property
    def tags(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class InForce:
    """A rule in force for one unit on one date: ``rule`` carries the limit of the version in force
    (the amended one when ``amended_by`` is set), so ``rule.limit`` is the bound to apply."""

    circular: Circular
    rule: Rule
    #: The circular whose amendment gave ``rule.limit`` (``None``: the rule's own limit).
    amended_by: str | None = None
    amendment: Amendment | None = None

    @property
    def since(self) -> dt.date | None:
        """The date the amended version took effect (``None`` for the original)."""
        return self.amendment.start if self.amendment is not None else None


class _Version:
    # Written out, not a dataclass: @dataclass compiles its methods at every import (start-up time).
    __slots__ = ("amendment", "by", "revocation", "rule", "start")

    def __init__(self, start: dt.date, rule: Rule | None, by: Circular, amendment: Amendment | None,
                 revocation: Revocation | None) -> None:
        self.start = start
        self.rule = rule  # None: revoked from ``start``
        self.by = by
        self.amendment = amendment
        self.revocation = revocation


class Resolver:
    """Resolves, per unit and date, the rules in force (see the module docstring).

    ``context`` is the context table (PPKM levels, zones…), needed by rules with ``context``; ``roster``
    supplies unit regions (``region`` on a unit, or a ``region`` column in a CSV roster) and employee
    attributes, needed by region scopes and employee filters. Whatever a rule needs and is not given is
    an input error naming what is missing, never a silent default.
    """

    def __init__(self, circulars: Iterable[Circular], *, context: ContextTable | None = None,
                 roster: Roster | None = None) -> None:
        self.circulars: tuple[Circular, ...] = tuple(circulars)
        self.context = context
        self.roster = roster
        self._regions: dict[str, str | None] | None = None
        #: Circulars that given circulars amend or revoke but that are not given (their changes do nothing).
        self.not_given: tuple[str, ...] = ()
        self._versions = self._collect_versions()
        self._keeps: dict[int, list[bool]] = {}
        #: Scope decisions of scopes that read neither unit ids nor regions, per (scope, sector, tags): a
        #: province's thousands of units have a few dozen of those. The scope is kept beside its answer, so
        #: an id is never taken for another scope's.
        self._scoped: dict[tuple[int, str, tuple[str, ...]], tuple[Scope, bool]] = {}
        self._staff: dict[int, dict[str, int]] = {}

    # ------------------------------------------------------------------------------------- versions

    def _collect_versions(self) -> dict[tuple[str, str], list[_Version]]:
        by_id = {c.id: c for c in self.circulars}
        versions: dict[tuple[str, str], list[_Version]] = {}
        problems: list[Problem] = []
        for source in self.circulars:
            for index, amendment in enumerate(source.amends):
                target = by_id.get(amendment.circular)
                if target is None:
                    continue  # the amended circular is not checked: nothing to amend
                try:
                    rule = target.rule(amendment.rule)
                except KeyError:
                    problems.append(Problem(f"amends[{index}]: circular {target.id!r} has no rule {amendment.rule!r}",
                                            source.id, hint=f"its rules: {', '.join(r.id for r in target.rules)}"))
                    continue
                amended = rule.model_copy(update={"limit": amendment.limit})
                versions.setdefault((target.id, rule.id), []).append(
                    _Version(amendment.start, amended, source, amendment, None))
            for index, revocation in enumerate(source.revokes):
                target = by_id.get(revocation.circular)
                if target is None:
                    continue
                known = {r.id for r in target.rules}
                for rule_id in revocation.rules if revocation.rules is not None else [r.id for r in target.rules]:
                    if rule_id not in known:
                        problems.append(Problem(f"revokes[{index}]: circular {target.id!r} has no rule {rule_id!r}",
                                                source.id, hint=f"its rules: {', '.join(sorted(known))}"))
                        continue
                    versions.setdefault((target.id, rule_id), []).append(
                        _Version(revocation.start, None, source, None, revocation))
        for key, found in versions.items():
            found.sort(key=lambda v: (v.start, v.by.issued))
            for before, after in itertools.pairwise(found):
                if (before.start, before.by.issued) == (after.start, after.by.issued) and before.by is not after.by:
                    problems.append(Problem(
                        f"{before.by.id} and {after.by.id} both change rule {key[1]!r} of {key[0]} from {after.start}",
                        after.by.id, hint="one of them must take effect later, or be issued later"))
        if problems:
            raise UsageError(problems)
        targets = {a.circular for c in self.circulars for a in c.amends} | {
            r.circular for c in self.circulars for r in c.revokes}
        self.not_given = tuple(sorted(targets - set(by_id)))
        return versions

    def version(self, circular: Circular, rule: Rule, day: dt.date) -> InForce | None:
        """The version of ``rule`` in force on ``day`` (``None`` when revoked by then)."""
        found = self._versions.get((circular.id, rule.id))
        current = InForce(circular, rule)
        for version in found or ():
            if version.start > day:
                break
            if version.rule is None:
                return None
            current = InForce(circular, version.rule, version.by.id, version.amendment)
        return current

    def changes(self, circular: Circular, rule: Rule) -> tuple[tuple[dt.date, Rule | None, str], ...]:
        """The dated changes of ``rule`` by the given circulars, in order: (from, the rule as amended or
        ``None`` when revoked, the changing circular's id). Empty when nothing changes it.

        >>> import wfrules
        >>> ppkm, amending = wfrules.load_circular("menpanrb-se-25-2021"), wfrules.load_circular("menpanrb-se-05-2022")
        >>> rule = ppkm.rule("nonessential-java-bali-l2")
        >>> changes = Resolver([ppkm, amending]).changes(ppkm, rule)
        >>> [(d.isoformat(), r.limit.max if r else None, by) for d, r, by in changes]
        [('2022-02-16', 0.75, 'menpanrb-se-05-2022')]
        """
        return tuple((v.start, v.rule, v.by.id) for v in self._versions.get((circular.id, rule.id), ()))

    def has_versions(self, circular: Circular, rule: Rule) -> bool:
        """Whether another checked circular amends or revokes this rule."""
        return (circular.id, rule.id) in self._versions

    # -------------------------------------------------------------------------------------- regions

    def region_of(self, unit: UnitLike | str) -> str | None:
        """The unit's canonical region (``None`` when it has none)."""
        unit_id = unit if isinstance(unit, str) else unit.id
        if not isinstance(unit, str):
            own = _extra(unit, "region")
            if own is not None:
                return self._canonical(own, unit_id)
        if self._regions is None:
            self._regions = self._roster_regions()
        return self._regions.get(unit_id)

    def _canonical(self, value: Any, unit_id: str) -> str:
        try:
            return canonical_region(str(value))
        except ValueError as exc:
            raise RosterError(Problem(f"unit {unit_id!r}: {exc}", self._roster_path)) from None

    @property
    def _roster_path(self) -> str:
        return (self.roster.source_path if self.roster is not None else None) or "<roster>"

    def _roster_regions(self) -> dict[str, str | None]:
        regions: dict[str, str | None] = {}
        if self.roster is None:
            return regions
        for unit in self.roster.units:
            value = _extra(unit, "region")
            regions[unit.id] = self._canonical(value, unit.id) if value is not None else None
        # A CSV roster is one row per assignment: a unit's region is a column, which every row of the
        # unit must state alike.
        unit_of = {e.id: e.unit for e in self.roster.employees}
        seen: dict[str, tuple[str, int]] = {}
        problems: list[Problem] = []
        for index, assignment in enumerate(self.roster.assignments):
            value = _extra(assignment, "region")
            if value is None:
                continue
            unit_id = unit_of.get(assignment.employee, "")
            region = self._canonical(value, unit_id)
            if unit_id in seen and seen[unit_id][0] != region and len(problems) < 50:
                problems.append(Problem(
                    f"unit {unit_id!r} is in region {region!r} here but {seen[unit_id][0]!r} on an earlier row",
                    self._roster_path, self.roster.line_of(index) or self.roster.line_of(seen[unit_id][1]),
                    hint="a unit has one region; make the rows agree"))
            seen.setdefault(unit_id, (region, index))
            if regions.get(unit_id) is None:
                regions[unit_id] = region
        if problems:
            raise RosterError(problems)
        return regions

    def scope_matches(self, rule: Rule, unit: UnitLike) -> bool:
        """Whether ``unit`` is in the rule's scope (regions included); a missing region is an input error."""
        scope = rule.scope
        if not scope.uses_regions:
            if scope.uses_units:
                return scope.matches(unit.id, unit.sector, unit.tags)
            key = (id(scope), unit.sector, tuple(unit.tags))
            known = self._scoped.get(key)
            if known is None or known[0] is not scope:
                known = self._scoped[key] = (scope, scope.matches(unit.id, unit.sector, unit.tags))
            return known[1]
        try:
            return rule.scope.matches(unit.id, unit.sector, unit.tags, region=self.region_of(unit))
        except RegionMissing as exc:
            raise RosterError(Problem(str(exc), self._roster_path, hint=(
                "give the unit a region: a 'region' field (JSON) or column (CSV) with its Kemendagri code "
                "(e.g. 32.73) or province name"))) from None

    # -------------------------------------------------------------------------------------- context

    def context_value(self, variable: str, unit: UnitLike, day: dt.date, rule: Rule) -> str:
        """The context value for the unit's region on ``day``; :class:`ContextError` when there is none."""
        region = self.region_of(unit)
        where = f"rule {rule.id!r} needs {variable} for unit {unit.id!r} on {day}"
        if self.context is None:
            raise ContextError(Problem(f"{where}, and no context table was given", "--context",
                                       hint="give the levels/zones with --context FILE.csv (region,from,to,...)"))
        if region is None:
            raise ContextError(Problem(f"{where}, but the unit has no region", self._roster_path,
                                       hint="add a 'region' (Kemendagri code or province name) to the unit"))
        value = self.context.value(variable, region, day)
        if value is None:
            raise ContextError(Problem(f"no {variable} for region {region_label(region)} on {day} ({where})",
                                       self.context.path, hint=f"add a row for region {region} covering {day}"))
        return value

    def context_holds(self, rule: Rule, unit: UnitLike, day: dt.date) -> bool:
        """Whether the rule's ``context`` conditions hold for the unit on ``day`` (errors when a value is missing)."""
        if rule.context is None:
            return True
        return rule.context_holds(lambda variable: self.context_value(variable, unit, day, rule))

    # ------------------------------------------------------------------------------------ employees

    def _attributes(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        roster = self._need_roster()
        employees: dict[str, dict[str, Any]] = {
            e.id: {normalize_name(k): v for k, v in (e.model_extra or {}).items()} for e in roster.employees}
        per_assignment: list[dict[str, Any]] = []
        first_seen: set[str] = set()
        for assignment in roster.assignments:
            own = {normalize_name(k): v for k, v in (assignment.model_extra or {}).items()}
            merged = {**employees.get(assignment.employee, {}), **own}
            per_assignment.append(merged)
            if assignment.employee not in first_seen:
                first_seen.add(assignment.employee)
                # An employee with no attribute of its own (a CSV roster) takes those of its first row.
                employees[assignment.employee] = {**own, **employees.get(assignment.employee, {})}
        return per_assignment, employees

    def _need_roster(self) -> Roster:
        if self.roster is None:
            raise UsageError(Problem("a rule counts employees by attribute, and no roster was given", "Resolver",
                                     hint="Resolver(circulars, roster=roster)"))
        return self.roster

    def keeps(self, selection: EmployeeFilter, index: int) -> bool:
        """Whether the filter keeps the roster's assignment ``index`` (attributes of the assignment, else
        of its employee); a missing attribute without a ``missing`` value is a :class:`RosterError`."""
        return self._kept(selection)[index]

    def _kept(self, selection: EmployeeFilter) -> list[bool]:
        key = id(selection)
        if key not in self._keeps:
            roster = self._need_roster()
            per_assignment, per_employee = self._attributes()
            kept: list[bool] = []
            problems: list[Problem] = []
            for index, attributes in enumerate(per_assignment):
                try:
                    kept.append(selection.keeps(attributes))
                except KeyError as exc:
                    kept.append(False)
                    if len(problems) < 50:
                        problems.append(Problem(
                            f"employee {roster.assignments[index].employee!r} has no attribute {exc.args[0]!r}, "
                            "which a rule's employee filter reads", self._roster_path, roster.line_of(index),
                            hint=f"add the {exc.args[0]} field (JSON) or column (CSV), or give the rule "
                                 f"'missing: {{{exc.args[0]}: ...}}'"))
            if problems:
                raise RosterError(problems)
            staff: dict[str, int] = {}
            for employee in roster.employees:
                try:
                    if selection.keeps(per_employee.get(employee.id, {})):
                        staff[employee.unit] = staff.get(employee.unit, 0) + 1
                except KeyError:
                    continue  # listed on no date with the attribute: not counted in the head count
            self._keeps[key] = kept
            self._staff[key] = staff
        return self._keeps[key]

    def staff_kept(self, selection: EmployeeFilter, unit_id: str) -> int:
        """The unit's head count of employees the filter keeps (for ``of: staff``)."""
        self._kept(selection)
        return self._staff[id(selection)].get(unit_id, 0)

    # ------------------------------------------------------------------------------------ in force

    def in_force(self, unit: UnitLike, day: dt.date) -> list[InForce]:
        """The rules in force for ``unit`` on ``day``: window, scope (regions too) and context hold, not
        revoked; each with the limit of the version in force. Raises input errors for missing regions or
        context values. (An employee filter narrows whom a rule counts; it never removes the rule.)"""
        found: list[InForce] = []
        for circular in self.circulars:
            for rule in circular.rules:
                if not rule.applies_on(day) or not self.scope_matches(rule, unit):
                    continue
                current = self.version(circular, rule, day)
                if current is None or not self.context_holds(rule, unit, day):
                    continue
                found.append(current)
        return found


def _extra(model: object, name: str) -> Any:
    extra = getattr(model, "model_extra", None)
    value = extra.get(name) if isinstance(extra, dict) else getattr(model, name, None)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def rules_in_force(circulars: Sequence[Circular], unit: UnitLike, day: dt.date, *,
                   context: ContextTable | None = None, roster: Roster | None = None) -> list[InForce]:
    """Shorthand for ``Resolver(circulars, context=context, roster=roster).in_force(unit, day)``."""
    return Resolver(circulars, context=context, roster=roster).in_force(unit, day)


__all__ = ["InForce", "Resolver", "UnitLike", "rules_in_force"]
