"""wfrules: Indonesian WFO/WFH circulars as declarative rule files, and a checker for rosters.

>>> import wfrules
>>> circular = wfrules.load_circular("kalbar-se-800-01-2024")
>>> [rule.id for rule in circular.rules]
['essential-wfo-100', 'others-wfh-max-50', 'direct-service-present-100']

See the README for the rule-file format and the semantics.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public names are imported on first use (PEP 562 module __getattr__), so `import wfrules` -- and every CLI
# command, which imports this package first -- pays only for the modules it uses. A new public name goes in
# _LAZY (name -> the module that defines it), in the TYPE_CHECKING block (for type checkers and editors)
# and in __all__; never as a plain import here.
_LAZY: dict[str, str] = {
    **dict.fromkeys(["catalog", "catalog_ids", "load_circular"], "_catalog"),
    **dict.fromkeys(["Amendment", "Circular", "Citation", "DateRange", "EmployeeFilter", "ForbidLimit",
                     "HeadcountLimit", "HolidayWindow", "Recurrence", "Revocation", "Rule", "Scope", "ShareLimit",
                     "Source", "Window"], "_circular"),
    "json_schema": "_cmd_schema",
    **dict.fromkeys(["ContextError", "ContextTable", "load_context", "parse_context_csv"], "_context"),
    **dict.fromkeys(["Tally", "check", "evaluate", "tally"], "_engine"),
    **dict.fromkeys(["CatalogError", "CircularError", "InputError", "Problem", "RosterError", "UsageError",
                     "WfrulesError"], "_errors"),
    **dict.fromkeys(["Explanation", "Quota", "RuleVerdict", "explain"], "_explain"),
    **dict.fromkeys(["Change", "FixResult", "fix"], "_fix"),
    **dict.fromkeys(["LINT_CODES", "Finding", "LintResult", "lint"], "_lint"),
    **dict.fromkeys(["dump_circular", "load_roster", "parse_circular", "parse_roster_csv", "parse_roster_json"],
                    "_loaders"),
    **dict.fromkeys(["NotGranted", "PlanResult", "Request", "Staff", "load_requests", "load_staff",
                     "parse_requests_csv", "parse_staff_csv", "plan"], "_plan"),
    **dict.fromkeys(["CellQuota", "QuotaEntry", "QuotaReport", "RuleQuota", "cell_quota", "quota"], "_quota"),
    **dict.fromkeys(["Counterexample", "Refinement", "refines"], "_refines"),
    **dict.fromkeys(["RENDERERS", "render"], "_render"),
    **dict.fromkeys(["CellCounts", "CircularInfo", "Report", "RuleInfo", "Violation"], "_report"),
    **dict.fromkeys(["InForce", "Resolver", "rules_in_force"], "_resolve"),
    **dict.fromkeys(["Assignment", "Employee", "Roster", "Unit"], "_roster"),
    **dict.fromkeys(["GROUPS", "MODES", "SECTORS", "Mode"], "_vocab"),
}
#: Public names that differ from the name in their module.
_RENAMED: dict[str, str] = {"LINT_CODES": "CODES"}

if TYPE_CHECKING:
    from ._catalog import catalog, catalog_ids, load_circular
    from ._circular import (
        Amendment,
        Circular,
        Citation,
        DateRange,
        EmployeeFilter,
        ForbidLimit,
        HeadcountLimit,
        HolidayWindow,
        Recurrence,
        Revocation,
        Rule,
        Scope,
        ShareLimit,
        Source,
        Window,
    )
    from ._cmd_schema import json_schema
    from ._context import ContextError, ContextTable, load_context, parse_context_csv
    from ._engine import Tally, check, evaluate, tally
    from ._errors import CatalogError, CircularError, InputError, Problem, RosterError, UsageError, WfrulesError
    from ._explain import Explanation, Quota, RuleVerdict, explain
    from ._fix import Change, FixResult, fix
    from ._lint import CODES as LINT_CODES
    from ._lint import Finding, LintResult, lint
    from ._loaders import dump_circular, load_roster, parse_circular, parse_roster_csv, parse_roster_json
    from ._plan import (
        NotGranted,
        PlanResult,
        Request,
        Staff,
        load_requests,
        load_staff,
        parse_requests_csv,
        parse_staff_csv,
        plan,
    )
    from ._quota import CellQuota, QuotaEntry, QuotaReport, RuleQuota, cell_quota, quota
    from ._refines import Counterexample, Refinement, refines
    from ._render import RENDERERS, render
    from ._report import CellCounts, CircularInfo, Report, RuleInfo, Violation
    from ._resolve import InForce, Resolver, rules_in_force
    from ._roster import Assignment, Employee, Roster, Unit
    from ._vocab import GROUPS, MODES, SECTORS, Mode

__version__ = "0.1.0"

__all__ = [
    "GROUPS",
    "LINT_CODES",
    "MODES",
    "RENDERERS",
    "SECTORS",
    "Amendment",
    "Assignment",
    "CatalogError",
    "CellCounts",
    "CellQuota",
    "Change",
    "Circular",
    "CircularError",
    "CircularInfo",
    "Citation",
    "ContextError",
    "ContextTable",
    "Counterexample",
    "DateRange",
    "Employee",
    "EmployeeFilter",
    "Explanation",
    "Finding",
    "FixResult",
    "ForbidLimit",
    "HeadcountLimit",
    "HolidayWindow",
    "InForce",
    "InputError",
    "LintResult",
    "Mode",
    "NotGranted",
    "PlanResult",
    "Problem",
    "Quota",
    "QuotaEntry",
    "QuotaReport",
    "Recurrence",
    "Refinement",
    "Report",
    "Request",
    "Resolver",
    "Revocation",
    "Roster",
    "RosterError",
    "Rule",
    "RuleInfo",
    "RuleQuota",
    "RuleVerdict",
    "Scope",
    "ShareLimit",
    "Source",
    "Staff",
    "Tally",
    "Unit",
    "UsageError",
    "Violation",
    "WfrulesError",
    "Window",
    "__version__",
    "catalog",
    "catalog_ids",
    "cell_quota",
    "check",
    "dump_circular",
    "evaluate",
    "explain",
    "fix",
    "json_schema",
    "lint",
    "load_circular",
    "load_context",
    "load_requests",
    "load_roster",
    "load_staff",
    "parse_circular",
    "parse_context_csv",
    "parse_requests_csv",
    "parse_roster_csv",
    "parse_roster_json",
    "parse_staff_csv",
    "plan",
    "quota",
    "refines",
    "render",
    "rules_in_force",
    "tally",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), _RENAMED.get(name, name))
    globals()[name] = value  # later look-ups find it directly
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
