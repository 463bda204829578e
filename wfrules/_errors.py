"""The exceptions wfrules raises. Violations of a circular are never exceptions: they are data in a Report.

Exception tree::

    WfrulesError                  base of every error wfrules raises on purpose
    └── InputError                a file, value or argument given to wfrules is wrong (carries Problems)
        ├── RosterError           a roster file or Roster value
        ├── CircularError         a rule file or Circular value
        ├── CatalogError          an unknown catalog id
        └── UsageError            wrong command-line or API usage (bad argument types, unknown language…)

Each ``InputError`` holds one or more ``Problem``s, each with the file ``path``, ``line`` and
``column`` (1-based, when known), the ``message`` and a ``hint`` on how to fix it. The exception's own
``path``/``line``/``column``/``hint`` are those of its first problem.

>>> err = RosterError([Problem("unknown mode 'WHF'", path="r.csv", line=3, column=4, hint="did you mean 'WFH'?")])
>>> str(err)
"r.csv:3:4: unknown mode 'WHF' (did you mean 'WFH'?)"
>>> err.line
3
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: The program's exit codes: no error-severity finding, some, bad input or usage.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the format allows."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        """``FILE:LINE[:COL]`` (or as much of it as is known)."""
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location}: {self.message}{hint}"


class WfrulesError(Exception):
    """Base class of every error raised by wfrules."""


class InputError(WfrulesError, ValueError):
    """Something given to wfrules is wrong; ``problems`` lists every problem found (at least one)."""

    def __init__(self, problems: Iterable[Problem] | Problem | str, *, dropped: int = 0) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems) or [Problem("invalid input")]
        #: How many further problems were found but not kept (past ``max_errors``).
        self.dropped = dropped
        first = self.problems[0]
        self.path = first.path
        self.line = first.line
        self.column = first.column
        self.hint = first.hint
        self.message = first.message
        super().__init__(str(first) if len(self.problems) == 1 else self._many())

    def _many(self) -> str:
        lines = [str(p) for p in self.problems]
        return f"{len(lines)} problems:\n" + "\n".join(lines)


class RosterError(InputError):
    """A roster (file or value) is invalid."""


class CircularError(InputError):
    """A circular rule file (or Circular value) is invalid."""


class CatalogError(InputError):
    """A circular id is not in the catalog."""


class UsageError(InputError):
    """The command line is wrong."""


class ContextError(InputError):
    """A context file is invalid, or lacks a value a rule needs for a unit and date (public as
    ``wfrules.ContextError``; defined here so that modules raising it need not load the context tables)."""
