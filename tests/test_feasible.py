"""The exact solver of :mod:`wfrules._feasible`: the same answers as the plain Fraction simplex it replaced,
exact in both searches, and a bounded amount of work per :class:`Search` (counted, never timed)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfrules import _feasible
from wfrules._feasible import OutOfWork, Search, Undecided, integer_point, lp_minimum

# ------------------------------------------------------------------- the reference: Fractions, as before


def _ref_pivot(rows: list[list[Fraction]], obj: list[Fraction], r: int, col: int) -> None:
    pivot = rows[r][col]
    rows[r] = [v / pivot for v in rows[r]]
    for i, row in enumerate(rows):
        if i != r and row[col]:
            factor = row[col]
            rows[i] = [x - factor * y for x, y in zip(row, rows[r], strict=True)]
    if obj[col]:
        factor = obj[col]
        obj[:] = [x - factor * y for x, y in zip(obj, rows[r], strict=True)]


def _ref_iterate(rows: list[list[Fraction]], obj: list[Fraction], basis: list[int], allowed: int) -> None:
    while True:
        col = next((j for j in range(allowed) if obj[j] < 0), None)
        if col is None:
            return
        best: tuple[Fraction, int, int] | None = None
        for i, row in enumerate(rows):
            if row[col] > 0:
                key = (row[-1] / row[col], basis[i], i)
                if best is None or key < best:
                    best = key
        assert best is not None
        _ref_pivot(rows, obj, best[2], col)
        basis[best[2]] = col


def ref_lp_minimum(a: Sequence[Sequence[int]], b: Sequence[int], n: int) -> list[Fraction] | None:
    """The two-phase simplex over Fractions that :func:`lp_minimum` replaced (wfrules 5d242ac)."""
    m = len(a)
    negative = [i for i in range(m) if b[i] < 0]
    width = n + m + len(negative)
    rows: list[list[Fraction]] = []
    basis: list[int] = []
    artificial = n + m
    for i in range(m):
        sign = -1 if b[i] < 0 else 1
        row = [Fraction(0)] * (width + 1)
        for j in range(n):
            row[j] = Fraction(sign * a[i][j])
        row[n + i] = Fraction(sign)
        row[-1] = Fraction(sign * b[i])
        if sign < 0:
            row[artificial] = Fraction(1)
            basis.append(artificial)
            artificial += 1
        else:
            basis.append(n + i)
        rows.append(row)
    obj = [Fraction(0)] * (n + m) + [Fraction(1)] * len(negative) + [Fraction(0)]
    for i in negative:
        obj = [x - y for x, y in zip(obj, rows[i], strict=True)]
    _ref_iterate(rows, obj, basis, width)
    if obj[-1] != 0:
        return None
    for i in reversed(range(len(rows))):
        if basis[i] >= n + m:
            col = next((j for j in range(n + m) if rows[i][j] != 0), None)
            if col is None:
                del rows[i], basis[i]
            else:
                _ref_pivot(rows, obj, i, col)
                basis[i] = col
    obj = [Fraction(1)] * n + [Fraction(0)] * (width - n) + [Fraction(0)]
    for i, j in enumerate(basis):
        if j < n:
            obj = [x - y for x, y in zip(obj, rows[i], strict=True)]
    _ref_iterate(rows, obj, basis, n + m)
    point = [Fraction(0)] * n
    for i, j in enumerate(basis):
        if j < n:
            point[j] = rows[i][-1]
    return point


def ref_integer_point(a: Sequence[Sequence[int]], b: Sequence[int], n: int, node_limit: int) -> list[int] | None:
    """The depth-first branch and bound that :func:`integer_point` replaced (wfrules 5d242ac)."""
    stack: list[tuple[tuple[int, int, int], ...]] = [()]
    nodes = 0
    while stack:
        extra = stack.pop()
        nodes += 1
        if nodes > node_limit:
            raise Undecided("reference")
        rows = [list(r) for r in a]
        rhs = list(b)
        for j, low, high in extra:
            unit = [0] * n
            unit[j] = 1
            if high >= 0:
                rows.append(unit)
                rhs.append(high)
            rows.append([-u for u in unit])
            rhs.append(-low)
        point = ref_lp_minimum(rows, rhs, n)
        if point is None:
            continue
        fractional = next((j for j, v in enumerate(point) if v.denominator != 1), None)
        if fractional is None:
            return [int(v) for v in point]
        value = point[fractional]
        low, high = _feasible._bounds_of(extra, fractional)
        stack.append((*extra, (fractional, math.ceil(value), high)))
        stack.append((*extra, (fractional, low, math.floor(value))))
    return None


# The shapes of the reasoning's systems: few variables, small coefficients, shares like 97·L <= 3·M.
_COEF = st.one_of(st.integers(-4, 4), st.sampled_from([-100, -97, -3, 3, 97, 100]))
_SYSTEMS = st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(st.lists(_COEF, min_size=n, max_size=n), min_size=1, max_size=4),
    st.just(n),
)).flatmap(lambda am: st.tuples(st.just(am[0]), st.lists(st.integers(-120, 60), min_size=len(am[0]),
                                                             max_size=len(am[0])), st.just(am[1])))


def _holds(a: Sequence[Sequence[int]], b: Sequence[int], x: Sequence[int]) -> bool:
    return all(v >= 0 for v in x) and all(sum(c * v for c, v in zip(row, x, strict=True)) <= r
                                          for row, r in zip(a, b, strict=True))


@given(_SYSTEMS)
def test_the_lp_reaches_the_same_vertex_as_the_fraction_simplex(system: tuple[list[list[int]], list[int], int]) -> None:
    """Integer rows over one denominator are the same numbers: the same pivots, the same optimal vertex."""
    a, b, n = system
    assert lp_minimum(a, b, n) == ref_lp_minimum(a, b, n)


@given(_SYSTEMS)
def test_the_plain_search_finds_the_same_point_as_before(system: tuple[list[list[int]], list[int], int]) -> None:
    """Within :data:`PLAIN_WORK`, :func:`integer_point` answers exactly what the Fraction search answered."""
    a, b, n = system
    try:
        expected = ref_integer_point(a, b, n, node_limit=20)
    except Undecided:
        return
    search = Search()
    assert search.integer_point(a, b, n) == expected
    assert search.work <= _feasible.PLAIN_WORK  # so the plain search gave that answer


@given(_SYSTEMS)
def test_the_lean_search_is_exact(system: tuple[list[list[int]], list[int], int]) -> None:
    """Forced from the first pivot, the lean search finds an integer point exactly when there is one."""
    a, b, n = system
    try:
        expected = ref_integer_point(a, b, n, node_limit=20)
    except Undecided:
        return
    saved = _feasible.PLAIN_WORK
    try:
        _feasible.PLAIN_WORK = 0
        found = Search().integer_point(a, b, n)
    finally:
        _feasible.PLAIN_WORK = saved
    assert (found is None) == (expected is None)
    assert found is None or _holds(a, b, found)


# The system behind tests/data/refines/slow/equal-shares-*: 97·(x0 + x1) - 3·(x2 + x3 + x4) <= -100.
SHARES = ([[97, 97, -3, -3, -3, 0, 0]], [-100], 7)


def test_the_equal_shares_system_keeps_its_point_and_is_cheaper_lean(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain search walks 104 nodes (the answer of the Fraction search); the lean one a handful."""
    a, b, n = SHARES
    plain = Search()
    assert plain.integer_point(a, b, n) == [0, 0, 0, 0, 34, 0, 0]  # as the Fraction search found
    assert plain.nodes == 104
    lean = Search()
    monkeypatch.setattr(_feasible, "PLAIN_WORK", 0)
    point = lean.integer_point(a, b, n)
    assert point is not None
    assert _holds(a, b, point)
    assert sum(point) == 34
    assert lean.nodes <= 8  # the plain search's first node included
    assert lean.work < plain.work / 50


def test_a_search_solves_a_system_once() -> None:
    search = Search()
    a, b, n = SHARES
    first = search.integer_point(a, b, n)
    spent = (search.nodes, search.pivots, search.work)
    assert search.integer_point(a, b, n) == first
    assert (search.nodes, search.pivots, search.work) == spent
    assert (search.questions, search.solved) == (2, 1)


def test_past_its_work_limit_a_search_answers_undecided_and_stays_so() -> None:
    a, b, n = SHARES
    search = Search(work_limit=10_000)
    with pytest.raises(OutOfWork, match="more than 10,000 units of simplex work"):
        search.integer_point(a, b, n)
    assert search.exhausted
    assert 10_000 < search.work < 12_000  # stopped at the first pivot past the limit
    pivots = search.pivots
    with pytest.raises(OutOfWork):  # even a trivial question: the limit is the caller's, not the system's
        search.integer_point([[1]], [1], 1)
    assert search.pivots == pivots
    assert isinstance(OutOfWork("x"), Undecided)


def test_the_node_limit_still_applies_per_question() -> None:
    a, b, n = SHARES
    with pytest.raises(Undecided, match="more than 10 branches"):
        integer_point(a, b, n, node_limit=10)
    search = Search(node_limit=10)
    with pytest.raises(Undecided, match="more than 10 branches"):
        search.integer_point(a, b, n)
    with pytest.raises(Undecided, match="more than 10 branches"):  # remembered, not searched again
        search.integer_point(a, b, n)
    assert search.solved == 1
