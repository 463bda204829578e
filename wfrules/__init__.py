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
from ._cmd_schema import json_schema
from ._engine import Tally, check, evaluate, tally
from ._errors import CatalogError, CircularError, InputError, Problem, RosterError, UsageError, WfrulesError
from ._loaders import dump_circular, load_roster, parse_circular, parse_roster_csv, parse_roster_json
from ._render import RENDERERS, render
from ._report import CellCounts, CircularInfo, Report, RuleInfo, Violation
from ._roster import Assignment, Employee, Roster, Unit
from ._vocab import GROUPS, MODES, SECTORS, Mode

__version__ = "0.1.0"

__all__ = [
    "GROUPS",
    "MODES",
    "RENDERERS",
    "SECTORS",
    "Assignment",
    "CatalogError",
    "CellCounts",
    "Circular",
    "CircularError",
    "CircularInfo",
    "Citation",
    "DateRange",
    "Employee",
    "ForbidLimit",
    "HeadcountLimit",
    "InputError",
    "Mode",
    "Problem",
    "Recurrence",
    "Report",
    "Roster",
    "RosterError",
    "Rule",
    "RuleInfo",
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
    "json_schema",
    "load_circular",
    "load_roster",
    "parse_circular",
    "parse_roster_csv",
    "parse_roster_json",
    "render",
    "tally",
]
