"""``Resolver.scope_matches`` decides a scope once per distinct (sector, tags) when the scope reads neither
unit ids nor regions (the answer is remembered); it must pick exactly the units ``Scope.matches`` picks for
each unit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rule_strategies import SECTOR_CODES, TAGS, UNIT_IDS, scopes
from wfrules import Circular
from wfrules._circular import Rule, Scope
from wfrules._engine import UnitInfo
from wfrules._resolve import Resolver

units = st.lists(
    st.builds(UnitInfo, id=st.sampled_from([*UNIT_IDS, "u4", "u5", "u6"]), sector=st.sampled_from(SECTOR_CODES),
              tags=st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple), staff=st.just(1)),
    max_size=12, unique_by=lambda u: u.id)


def _rule(scope: dict[str, object]) -> Rule:
    return Rule.model_validate({"id": "r", "scope": scope, "limit": {"kind": "share", "modes": ["remote"],
                                                                     "max": 0.5, "of": "listed", "rounding": "down"}})


@settings(max_examples=300, deadline=None)
@given(scopes(), units)
def test_a_scope_picks_the_units_a_decision_per_unit_picks(scope: dict[str, object], listed: list[UnitInfo]) -> None:
    rule = _rule(scope)
    circular = Circular.model_validate({"id": "c", "number": "1", "title": "t", "issuer": "i", "jurisdiction": "j",
                                        "issued": "2024-01-01", "rules": [rule.model_dump(by_alias=True)]})
    resolver = Resolver([circular])
    expected = {u.id for u in listed if rule.scope.matches(u.id, u.sector, u.tags)}
    assert {u.id for u in listed if resolver.scope_matches(rule, u)} == expected
    assert {u.id for u in listed if resolver.scope_matches(rule, u)} == expected  # remembered: the same


def test_units_of_one_sector_and_tags_share_one_decision() -> None:
    """The memo is used: a scope by sector is decided once for many units alike (a control scope by unit
    ids is decided per unit)."""
    calls: list[str] = []
    original = Scope.matches

    def counting(self: Scope, unit: str, *args: object, **kwargs: object) -> bool:
        calls.append(unit)
        return original(self, unit, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Scope, "matches", counting)
        alike = [UnitInfo(f"u{i}", "health", ("direct_service",), 1) for i in range(50)]
        resolver = Resolver([])
        by_sector = _rule({"sectors": ["health"]})
        assert {u.id for u in alike if resolver.scope_matches(by_sector, u)} == {u.id for u in alike}
        assert len(calls) == 1
        calls.clear()
        by_id = _rule({"units": ["u1", "u7"]})
        assert {u.id for u in alike if resolver.scope_matches(by_id, u)} == {"u1", "u7"}
        assert len(calls) == 50
