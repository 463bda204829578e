"""wfrules: Indonesian WFO/WFH circulars as declarative rule files, and a checker for rosters.

>>> import wfrules
>>> circular = wfrules.load_circular("kalbar-se-800-01-2024")
>>> [rule.id for rule in circular.rules]
['essential-wfo-100', 'others-wfh-max-50', 'direct-service-present-100']

See the README for the rule-file format and the semantics.
"""

from __future__ import annotations

from ._catalog import catalog, catalog_ids, load_circular
from ._circular import (
    Circular,
    Citation,
    DateRange,
    ForbidLimit,
    HeadcountLimit,
    Recurrence,
    Rule,
    Scope,
    ShareLimit,
    Source,
    Window,
)
from ._engine import Tally, check, evaluate, tally
from ._errors import CatalogError, CircularError, InputError, Problem, RosterError, UsageError, WfrulesError
from ._explain import Explanation, Quota, RuleVerdict, explain
from ._lint import CODES as LINT_CODES
from ._lint import Finding, LintResult, lint
from ._loaders import dump_circular, load_roster, parse_circular, parse_roster_csv, parse_roster_json
from ._refines import Counterexample, Refinement, refines
from ._report import Report, Violation
from ._roster import Assignment, Employee, Roster, Unit
from ._vocab import GROUPS, MODES, SECTORS, Mode

__version__ = "0.1.0"

__all__ = [
    "GROUPS",
    "LINT_CODES",
    "MODES",
    "SECTORS",
    "Assignment",
    "CatalogError",
    "Circular",
    "CircularError",
    "Citation",
    "Counterexample",
    "DateRange",
    "Employee",
    "Explanation",
    "Finding",
    "ForbidLimit",
    "HeadcountLimit",
    "InputError",
    "LintResult",
    "Mode",
    "Problem",
    "Quota",
    "Recurrence",
    "Refinement",
    "Report",
    "Roster",
    "RosterError",
    "Rule",
    "RuleVerdict",
    "Scope",
    "ShareLimit",
    "Source",
    "Tally",
    "Unit",
    "UsageError",
    "Violation",
    "WfrulesError",
    "Window",
    "__version__",
    "catalog",
    "catalog_ids",
    "check",
    "dump_circular",
    "evaluate",
    "explain",
    "lint",
    "load_circular",
    "load_roster",
    "parse_circular",
    "parse_roster_csv",
    "parse_roster_json",
    "refines",
    "tally",
]
