"""check, quota and fix refuse wrong arguments the same way (one set of checks, wfrules._args)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import wfrules
from wfrules import UsageError

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kalbar-2024" / "roster-compliant.json"
FUNCTIONS: dict[str, Callable[..., Any]] = {"check": wfrules.check, "quota": wfrules.quota, "fix": wfrules.fix}


@pytest.fixture(scope="module")
def roster() -> wfrules.Roster:
    return wfrules.load_roster(EXAMPLE)


@pytest.fixture(scope="module")
def kalbar() -> wfrules.Circular:
    return wfrules.load_circular("kalbar-se-800-01-2024")


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_function_accepts_one_circular_or_a_list(name: str, roster: wfrules.Roster,
                                                      kalbar: wfrules.Circular) -> None:
    FUNCTIONS[name](roster, kalbar)
    FUNCTIONS[name](roster, [kalbar])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_catalog_id_instead_of_a_circular(name: str, roster: wfrules.Roster) -> None:
    with pytest.raises(UsageError, match=rf"{name}\(\) takes Circular objects, not a string") as info:
        FUNCTIONS[name](roster, "kalbar-se-800-01-2024")
    assert "load_circular('kalbar-se-800-01-2024')" in (info.value.hint or "")


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_list_holding_something_else(name: str, roster: wfrules.Roster, kalbar: wfrules.Circular) -> None:
    with pytest.raises(UsageError, match=rf"{name}\(\) takes Circular objects, not dict"):
        FUNCTIONS[name](roster, [kalbar, {"id": "x"}])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_circular_given_twice(name: str, roster: wfrules.Roster, kalbar: wfrules.Circular) -> None:
    with pytest.raises(UsageError, match="'kalbar-se-800-01-2024' is given twice"):
        FUNCTIONS[name](roster, [kalbar, kalbar])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_path_instead_of_a_roster(name: str, kalbar: wfrules.Circular) -> None:
    with pytest.raises(UsageError, match=rf"{name}\(\) takes a Roster, not PosixPath"):
        FUNCTIONS[name](EXAMPLE, kalbar)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_context_that_is_not_a_table(name: str, roster: wfrules.Roster, kalbar: wfrules.Circular) -> None:
    with pytest.raises(UsageError, match=rf"{name}\(\) takes a ContextTable as context, not dict"):
        FUNCTIONS[name](roster, kalbar, context={"ppkm_level": 2})


@pytest.mark.parametrize("name", ["check", "fix"])
def test_an_unknown_language(name: str, roster: wfrules.Roster, kalbar: wfrules.Circular) -> None:
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        FUNCTIONS[name](roster, kalbar, lang="fr")


def test_every_function_taking_a_language_refuses_the_same_way(roster: wfrules.Roster,
                                                                 kalbar: wfrules.Circular) -> None:
    """One check (``_messages.check_lang``): explain, the renderers and ``Report.in_lang`` say what check says."""
    import datetime as dt

    report = wfrules.check(roster, kalbar)
    calls: list[Callable[[], object]] = [
        lambda: wfrules.explain([kalbar], dt.date(2024, 4, 16), sector="health", lang="fr"),  # type: ignore[arg-type]
        lambda: wfrules.render(report, "json", lang="fr"),  # type: ignore[arg-type]
        lambda: report.in_lang("fr"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(UsageError, match=r"unknown language 'fr' \(lang is 'en' or 'id'\)"):
            call()
