"""Checks of the arguments the public functions (``check``, ``quota``, ``fix``, ``plan``) take, in one place,
so that every function refuses a wrong argument with the same :class:`~wfrules.UsageError`.

>>> try:
...     circulars_arg("check", "kalbar-se-800-01-2024")
... except UsageError as err:
...     print(err.message)
check() takes Circular objects, not a string
"""

from __future__ import annotations

from collections.abc import Iterable

from ._circular import Circular
from ._errors import Problem, UsageError
from ._messages import check_lang
from ._roster import Roster


def circulars_arg(func: str, circulars: Circular | Iterable[Circular]) -> list[Circular]:
    """One circular or several, as a list; anything else, or one circular given twice, is a usage error."""
    if isinstance(circulars, Circular):
        return [circulars]
    if isinstance(circulars, (str, bytes)):
        raise UsageError(Problem(f"{func}() takes Circular objects, not a string", "circulars",
                                 hint=f"load it first: wfrules.load_circular({circulars!r})"))
    listed = list(circulars)
    for item in listed:
        if not isinstance(item, Circular):
            raise UsageError(Problem(f"{func}() takes Circular objects, not {type(item).__name__}", "circulars",
                                     hint="load each with wfrules.load_circular(id_or_path)"))
    ids = [c.id for c in listed]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise UsageError(Problem(f"circular {duplicated[0]!r} is given twice", "circulars",
                                 hint="give each circular once; a copy of a catalog file needs an id of its own"))
    return listed


def roster_arg(func: str, roster: object) -> None:
    """Refuse anything but a :class:`~wfrules.Roster`."""
    if not isinstance(roster, Roster):
        raise UsageError(Problem(f"{func}() takes a Roster, not {type(roster).__name__}", "roster",
                                 hint="load it with wfrules.load_roster(path) or wfrules.Roster.model_validate(data)"))


def lang_arg(lang: object) -> None:
    """Refuse a language wfrules does not speak."""
    check_lang(lang)


def context_arg(func: str, context: object) -> None:
    """Refuse a context that is neither ``None`` nor a :class:`~wfrules.ContextTable`."""
    if context is None:
        return
    from ._context import ContextTable  # loaded only when a context is given (a table has loaded it already)

    if not isinstance(context, ContextTable):
        raise UsageError(Problem(f"{func}() takes a ContextTable as context, not {type(context).__name__}",
                                 "context", hint="load it with wfrules.load_context(path)"))


__all__ = ["circulars_arg", "context_arg", "lang_arg", "roster_arg"]
