"""Exact reasoning about what a set of limits allows in one cell (one unit on one date).

A cell is a vector of head counts per *atom*: the modes that no limit in the set tells apart (e.g.
``remote`` = WFH + WFA when every limit counts both or neither), plus the unit's employees with no
assignment that day (they count only in ``staff`` denominators). Each limit becomes one linear inequality
with integer coefficients over those counts, *exactly* (rounding included: ``L ≤ ⌊p·M/d⌋`` is ``d·L ≤ p·M``),
so "can a cell satisfy these limits and break that one?" is an integer feasibility question. It is decided
by branch and bound over an exact (rational) simplex: no sampling, no floating point. A search that needs
more than :data:`NODE_LIMIT` branches, or that passes the work limit of its :class:`Search` (shared by all
the questions of one ``refines`` call: :data:`WORK_LIMIT`), gives up with :class:`Undecided` instead of
guessing.

>>> from wfrules._circular import ShareLimit
>>> half = ShareLimit.model_validate({"kind": "share", "modes": ["remote"], "max": "50%", "of": "listed",
...                                   "rounding": "down"})
>>> none = ShareLimit.model_validate({"kind": "share", "modes": ["remote"], "max": 0, "of": "listed"})
>>> system = System.of([half, none])
>>> system.witness(allowed=[half], broken=none).describe()
'2 listed: 1 WFO, 1 WFH'
>>> system.witness(allowed=[none], broken=half) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._circular import ForbidLimit, HeadcountLimit, ShareLimit
from ._messages import Lang, text
from ._vocab import GROUPS, MODES, Mode

AnyLimit = ShareLimit | HeadcountLimit | ForbidLimit

#: Branch-and-bound nodes explored before a question is declared undecided.
NODE_LIMIT = 4000

#: Units of simplex work (tableau entries built, or recomputed by pivots) one :class:`Search` -- all the
#: questions of one ``refines`` call -- may spend before the rest is declared undecided. A unit costs about 0.1 µs of
#: CPU (measured on the test machine), so some 5 s in all.
WORK_LIMIT = 50_000_000


#: Units of simplex work one question may spend in the plain search (see :func:`integer_point`) before the
#: leaner one takes over.
PLAIN_WORK = 10_000_000


class Undecided(Exception):
    """The search gave up (more than :data:`NODE_LIMIT` branches, or :class:`OutOfWork`): neither yes nor no
    is claimed."""


class OutOfWork(Undecided):
    """A :class:`Search` spent its :data:`WORK_LIMIT`: this question and every later one are undecided."""


@dataclass(frozen=True, slots=True)
class Ineq:
    """``sum(coefs[j] * x[j]) <= rhs``."""

    coefs: tuple[int, ...]
    rhs: int

    def holds(self, x: Sequence[int]) -> bool:
        """Whether the counts ``x`` satisfy it."""
        return sum(c * v for c, v in zip(self.coefs, x, strict=True)) <= self.rhs

    def negated(self) -> Ineq:
        """``sum > rhs``, i.e. ``-sum <= -rhs - 1`` (counts are integers)."""
        return Ineq(tuple(-c for c in self.coefs), -self.rhs - 1)


def _share_fraction(limit: ShareLimit) -> Fraction:
    # The same conversion as ShareLimit.bound, so the inequality and the engine agree on 33.3%.
    return Fraction(repr(limit.value))


@dataclass(frozen=True, slots=True)
class System:
    """The atoms of a set of limits and the translation of each limit to an :class:`Ineq`."""

    atoms: tuple[frozenset[Mode], ...]

    @classmethod
    def of(cls, limits: Iterable[AnyLimit]) -> System:
        """The coarsest split of the modes that every limit's counted and denominator modes respect."""
        sets: list[frozenset[Mode]] = [GROUPS["listed"]]
        for limit in limits:
            sets.append(limit.counted)
            if isinstance(limit, ShareLimit) and limit.of != "staff":
                sets.append(limit.denominator_modes)
        groups: dict[tuple[bool, ...], set[Mode]] = {}
        for mode in MODES:
            groups.setdefault(tuple(mode in s for s in sets), set()).add(mode)
        atoms = sorted((frozenset(g) for g in groups.values()), key=lambda a: min(MODES.index(m) for m in a))
        return cls(tuple(atoms))

    @property
    def size(self) -> int:
        """Number of variables: one per atom, and one for the employees with no assignment that day."""
        return len(self.atoms) + 1

    def _sum(self, modes: frozenset[Mode]) -> list[int]:
        return [1 if atom <= modes else 0 for atom in self.atoms] + [0]

    def _staff(self) -> list[int]:
        return [1] * self.size

    def ineq(self, limit: AnyLimit) -> Ineq:
        """``limit`` as an exact linear inequality over this system's counts."""
        for atom in self.atoms:
            if atom & limit.counted and not atom <= limit.counted:
                raise ValueError("the limit splits an atom; build the System with it")
        counted = self._sum(limit.counted)
        if isinstance(limit, ForbidLimit):
            return Ineq(tuple(counted), 0)
        if isinstance(limit, HeadcountLimit):
            if limit.max is not None:
                return Ineq(tuple(counted), limit.max)
            assert limit.min is not None
            return Ineq(tuple(-c for c in counted), -limit.min)
        share = _share_fraction(limit)
        p, d = share.numerator, share.denominator
        denominator = self._staff() if limit.of == "staff" else self._sum(limit.denominator_modes)
        rounding = limit.rounding if d > 1 else "down"  # an exact product needs no rounding
        # L <= round(p*M/d) and L >= round(p*M/d), each written without division (see the module docstring).
        if limit.max is not None:
            scale, rhs = {"down": (1, 0), "up": (1, d - 1), "nearest": (2, d)}[rounding or "down"]
            coefs = [scale * (d * c - p * m) for c, m in zip(counted, denominator, strict=True)]
            return Ineq(tuple(coefs), rhs)
        scale, rhs = {"down": (1, d - 1), "up": (1, 0), "nearest": (2, d - 1)}[rounding or "down"]
        coefs = [scale * (p * m - d * c) for c, m in zip(counted, denominator, strict=True)]
        return Ineq(tuple(coefs), rhs)

    def listed_at_least(self, count: int) -> Ineq:
        """At least ``count`` assignments listed (not ``off``)."""
        return Ineq(tuple(-c for c in self._sum(GROUPS["listed"])), -count)

    def solve(self, ineqs: Sequence[Ineq], *, search: Search | None = None) -> Cell | None:
        """A cell satisfying every inequality (small: the LP relaxation minimises the head count), or
        ``None`` when none exists. Raises :class:`Undecided` past :data:`NODE_LIMIT` branches (or past the
        limits of ``search``, see :class:`Search`)."""
        point = integer_point([list(i.coefs) for i in ineqs], [i.rhs for i in ineqs], self.size, search=search)
        if point is None:
            return None
        assert all(i.holds(point) for i in ineqs)
        return Cell(self, tuple(point))

    def witness(self, allowed: Sequence[AnyLimit], broken: AnyLimit, *, listed: int = 0,
                search: Search | None = None) -> Cell | None:
        """A cell every limit of ``allowed`` accepts and ``broken`` rejects (``None``: there is none)."""
        ineqs = [self.ineq(limit) for limit in allowed] + [self.ineq(broken).negated()]
        if listed:
            ineqs.append(self.listed_at_least(listed))
        return self.solve(ineqs, search=search)

    def feasible(self, limits: Sequence[AnyLimit], *, listed: int = 0, search: Search | None = None) -> Cell | None:
        """A cell satisfying every limit with at least ``listed`` assignments listed, or ``None``."""
        ineqs = [self.ineq(limit) for limit in limits]
        if listed:
            ineqs.append(self.listed_at_least(listed))
        return self.solve(ineqs, search=search)


@dataclass(frozen=True, slots=True)
class Cell:
    """Concrete head counts: ``counts[i]`` people in atom ``i`` (the last: employees with no assignment)."""

    system: System
    counts: tuple[int, ...]

    def modes(self) -> dict[Mode, int]:
        """The cell as counts per mode: each atom's people in its first mode (WFO before DL, WFH before WFA…)."""
        out: dict[Mode, int] = {}
        for atom, count in zip(self.system.atoms, self.counts, strict=False):
            if count:
                mode = min(atom, key=MODES.index)
                out[mode] = out.get(mode, 0) + count
        return out

    @property
    def unassigned(self) -> int:
        """Employees of the unit with no assignment that date (they count only in ``staff``)."""
        return self.counts[-1]

    @property
    def listed(self) -> int:
        """Assignments that are not ``off``."""
        return sum(n for m, n in self.modes().items() if m in GROUPS["listed"])

    def satisfies(self, limit: AnyLimit) -> bool:
        """Evaluate ``limit`` on this cell the way the engine does (through ``limit.bound``)."""
        modes = self.modes()
        count = sum(n for m, n in modes.items() if m in limit.counted)
        if isinstance(limit, ShareLimit):
            if limit.of == "staff":
                denominator = sum(modes.values()) + self.unassigned
            else:
                denominator = sum(n for m, n in modes.items() if m in limit.denominator_modes)
        else:
            denominator = 0
        bound = limit.bound(denominator)
        is_max = isinstance(limit, ForbidLimit) or limit.max is not None
        return count <= bound if is_max else count >= bound

    def describe(self, lang: Lang = "en") -> str:
        """``2 listed: 1 WFO, 1 WFH`` (with LIBUR and unassigned employees when there are any)."""
        modes = self.modes()
        parts = [f"{n} {m.value}" for m, n in sorted(modes.items(), key=lambda i: MODES.index(i[0]))]
        if self.unassigned:
            parts.append(text("cell.unassigned", lang, count=self.unassigned))
        return text("cell", lang, listed=self.listed, modes=", ".join(parts) if parts else text("cell.nobody", lang))

    def to_json(self) -> dict[str, object]:
        """``{"listed": 2, "modes": {"WFO": 1, "WFH": 1}, "unassigned": 0}``."""
        modes = self.modes()
        return {
            "listed": self.listed,
            "modes": {m.value: modes[m] for m in MODES if m in modes},
            "unassigned": self.unassigned,
        }


# ------------------------------------------------------------------------------ employees told apart


@dataclass(frozen=True, slots=True)
class Mixed:
    """A cell whose people fall into *classes* that employee filters tell apart: class ``k`` is kept by the
    filters named in ``classes[k]`` (by key) and by no other. Each class has its own counts per atom (and
    its own employees with no assignment); a limit with a filter counts only the classes that filter keeps,
    a limit without one counts every class. So "is there a cell, for *some* employees, that these limits
    accept and that one rejects?" stays one exact integer question.

    >>> from wfrules._circular import ForbidLimit, ShareLimit
    >>> none = ForbidLimit.model_validate({"kind": "forbid", "modes": ["remote"]})
    >>> half = ShareLimit.model_validate({"kind": "share", "modes": ["remote"], "max": "50%", "of": "listed",
    ...                                   "rounding": "down"})
    >>> mixed = Mixed(System.of([none, half]), (frozenset({"night"}), frozenset()))
    >>> cell = mixed.witness([(half, None)], (none, "night"))   # half remote overall, yet a night worker remote
    >>> [c.describe() for c in cell.parts]
    ['2 listed: 1 WFO, 1 WFH', '0 listed: nobody']
    >>> mixed.witness([(none, None)], (none, "night")) is None
    True
    """

    system: System
    classes: tuple[frozenset[str], ...]

    @property
    def size(self) -> int:
        """Number of variables: the base system's per class."""
        return self.system.size * len(self.classes)

    def _spread(self, ineq: Ineq, key: str | None) -> Ineq:
        coefs: list[int] = []
        for kept in self.classes:
            keeps = key is None or key in kept
            coefs.extend(ineq.coefs if keeps else (0,) * self.system.size)
        return Ineq(tuple(coefs), ineq.rhs)

    def ineq(self, limit: AnyLimit, key: str | None) -> Ineq:
        """``limit`` counting the classes the filter ``key`` keeps (``None``: every class)."""
        return self._spread(self.system.ineq(limit), key)

    def witness(self, allowed: Sequence[tuple[AnyLimit, str | None]], broken: tuple[AnyLimit, str | None], *,
                listed: int = 0, search: Search | None = None) -> MixedCell | None:
        """Counts every limit of ``allowed`` accepts and ``broken`` rejects (``None``: there are none); the
        work is charged to ``search`` (see :class:`Search`) when one is given."""
        ineqs = [self.ineq(limit, key) for limit, key in allowed]
        ineqs.append(self.ineq(*broken).negated())
        if listed:
            ineqs.append(self._spread(self.system.listed_at_least(listed), None))
        point = integer_point([list(i.coefs) for i in ineqs], [i.rhs for i in ineqs], self.size, search=search)
        if point is None:
            return None
        assert all(i.holds(point) for i in ineqs)
        width = self.system.size
        return MixedCell(self, tuple(Cell(self.system, tuple(point[k * width:(k + 1) * width]))
                                     for k in range(len(self.classes))))


@dataclass(frozen=True, slots=True)
class MixedCell:
    """Counts per class of a :class:`Mixed` system: ``parts[k]`` are the people of class ``k``."""

    mixed: Mixed
    parts: tuple[Cell, ...]

    @property
    def total(self) -> Cell:
        """Everyone together."""
        return Cell(self.mixed.system, tuple(sum(c) for c in zip(*(p.counts for p in self.parts), strict=True)))

    def kept(self, key: str | None) -> Cell:
        """The people the filter ``key`` keeps (``None``: everyone), as one cell."""
        chosen = [p.counts for p, kept in zip(self.parts, self.mixed.classes, strict=True)
                  if key is None or key in kept]
        counts = tuple(sum(c) for c in zip(*chosen, strict=True)) if chosen else (0,) * self.mixed.system.size
        return Cell(self.mixed.system, counts)


# --------------------------------------------------------------------------------------- exact LP / ILP
#
# The tableau holds exact rationals, each row as integers over one positive common denominator (kept in
# lowest terms): the same numbers as a tableau of Fractions, so every comparison -- the entering column,
# the ratio test, the ties -- and so every pivot and the vertex reached are the same, at a fraction of the
# cost of Fraction arithmetic.


class Search:
    """The work one caller may spend on its integer questions, and their answers so far.

    Every question of one :func:`wfrules.refines` call goes through one search: the same system of
    inequalities asked twice is solved once (the answer, a point, ``None`` or :class:`Undecided`, is
    remembered), and the simplex work of all questions together is bounded by ``work_limit``. One unit of
    work is one tableau entry built or recomputed by a pivot (a pivot recomputing ``m`` rows of ``w``
    columns costs ``m·w``), so the bound holds whatever the size of the systems. Past it, the question
    being solved and every later one raise :class:`OutOfWork` (an :class:`Undecided`): a caller reports
    what it decided before, and says the rest is undecided. A single question still gives up past
    ``node_limit`` branches (that answer is remembered too).

    >>> search = Search()
    >>> search.integer_point([[2], [-2]], [3, -1], 1), search.integer_point([[2], [-2]], [3, -1], 1)
    ([1], [1])
    >>> search.questions, search.solved, search.nodes
    (2, 1, 3)
    """

    __slots__ = ("_memo", "_plain_until", "node_limit", "nodes", "pivots", "questions", "solved", "work", "work_limit")

    def __init__(self, *, work_limit: int | None = WORK_LIMIT, node_limit: int = NODE_LIMIT) -> None:
        self.work_limit = work_limit  # None: no limit
        self.node_limit = node_limit
        #: Questions asked, questions solved (not answered from memory), branch-and-bound nodes (LPs
        #: solved), simplex pivots and units of work (tableau entries built or recomputed) spent so far.
        self.questions = self.solved = self.nodes = self.pivots = self.work = 0
        self._plain_until = math.inf  # the work past which the plain search gives way to the lean one
        self._memo: dict[tuple[tuple[tuple[int, ...], ...], tuple[int, ...], int], list[int] | Undecided | None] = {}

    @property
    def exhausted(self) -> bool:
        """Whether the work limit has been passed (every further question raises :class:`OutOfWork`)."""
        return self.work_limit is not None and self.work > self.work_limit

    def charge(self, rows: int, width: int, *, pivot: bool = True) -> None:
        """Count one pivot that recomputed ``rows`` rows of ``width`` entries (``pivot=False``: a tableau
        of that size built); raise :class:`OutOfWork` past the limit."""
        self.pivots += pivot
        self.work += rows * width
        if self.work_limit is not None and self.work > self.work_limit:
            raise OutOfWork(f"more than {self.work_limit:,} units of simplex work in one comparison")
        if self.work > self._plain_until:
            raise _PlainSpent

    def integer_point(self, a: Sequence[Sequence[int]], b: Sequence[int], n: int) -> list[int] | None:
        """:func:`integer_point` under this search's limits, remembered by system."""
        self.questions += 1
        key = (tuple(tuple(row) for row in a), tuple(b), n)
        if key in self._memo:
            known = self._memo[key]
            if isinstance(known, Undecided):
                raise Undecided(*known.args)
            return None if known is None else list(known)
        if self.exhausted:
            raise OutOfWork(f"more than {self.work_limit:,} units of simplex work in one comparison")
        self.solved += 1
        try:
            point = _solve(a, b, n, self)
        except OutOfWork:
            raise  # not remembered: it says nothing about this system
        except Undecided as exc:
            self._memo[key] = exc
            raise
        self._memo[key] = point
        return None if point is None else list(point)


class _Tableau:
    """Rows of integers over a positive common denominator per row (``dens``), and the objective row."""

    __slots__ = ("dens", "obj", "oden", "rows", "search")

    def __init__(self, rows: list[list[int]], search: Search | None) -> None:
        self.rows = rows
        self.dens = [1] * len(rows)
        self.obj: list[int] = []
        self.oden = 1
        self.search = search

    def set_objective(self, costs: list[int], basic: Iterable[int]) -> None:
        """The objective row of ``costs`` with the rows in ``basic`` subtracted (their variable is basic)."""
        obj, oden = costs, 1
        for i in basic:
            row, den = self.rows[i], self.dens[i]
            obj, oden = _reduced([o * den - v * oden for o, v in zip(obj, row, strict=True)], oden * den)
        self.obj, self.oden = obj, oden

    def pivot(self, r: int, col: int) -> None:
        """Divide row ``r`` by its entry in ``col`` and clear ``col`` from every other row and the objective."""
        rows = self.rows
        prow = rows[r]
        p = prow[col]
        if p < 0:
            prow = [-v for v in prow]
            p = -p
        # Row r's values are prow[j] / p (its old denominator cancels out).
        prow, p = _reduced(prow, p)
        rows[r] = prow
        self.dens[r] = p
        recomputed = 1
        for i, row in enumerate(rows):
            factor = row[col]
            if i != r and factor:
                recomputed += 1
                rows[i], self.dens[i] = _reduced([v * p - factor * w for v, w in zip(row, prow, strict=True)],
                                                 self.dens[i] * p)
        factor = self.obj[col]
        if factor:
            recomputed += 1
            self.obj, self.oden = _reduced([v * p - factor * w for v, w in zip(self.obj, prow, strict=True)],
                                           self.oden * p)
        if self.search is not None:
            self.search.charge(recomputed, len(prow))

    def iterate(self, basis: list[int], allowed: int) -> None:
        """Simplex iterations with Bland's rule (no cycling) on columns ``< allowed``; the problems here are
        bounded (the objective is a sum of non-negative counts)."""
        rows = self.rows
        while True:
            obj = self.obj
            col = next((j for j in range(allowed) if obj[j] < 0), None)
            if col is None:
                return
            best: tuple[Fraction, int, int] | None = None
            for i, row in enumerate(rows):
                if row[col] > 0:
                    key = (Fraction(row[-1], row[col]), basis[i], i)  # the common denominator cancels out
                    if best is None or key < best:
                        best = key
            if best is None:  # unbounded: cannot happen for a sum of non-negative variables
                raise AssertionError("unbounded LP")
            r = best[2]
            self.pivot(r, col)
            basis[r] = col


def _reduced(values: list[int], den: int) -> tuple[list[int], int]:
    g = math.gcd(den, *values)
    if g == 1:
        return values, den
    return [v // g for v in values], den // g


def lp_minimum(a: Sequence[Sequence[int]], b: Sequence[int], n: int,
               search: Search | None = None) -> list[Fraction] | None:
    """A point minimising ``sum(x)`` subject to ``a·x <= b``, ``x >= 0`` (exact), or ``None`` if infeasible.
    Its pivots are charged to ``search`` when one is given.

    >>> lp_minimum([[-1, -1], [1, -1]], [-3, 0], 2)
    [Fraction(3, 2), Fraction(3, 2)]
    >>> lp_minimum([[1, 0], [-1, 0]], [1, -2], 2) is None
    True
    """
    m = len(a)
    negative = [i for i in range(m) if b[i] < 0]
    width = n + m + len(negative)
    rows: list[list[int]] = []
    basis: list[int] = []
    artificial = n + m
    for i in range(m):
        sign = -1 if b[i] < 0 else 1
        row = [0] * (width + 1)
        for j in range(n):
            row[j] = sign * a[i][j]
        row[n + i] = sign
        row[-1] = sign * b[i]
        if sign < 0:
            row[artificial] = 1
            basis.append(artificial)
            artificial += 1
        else:
            basis.append(n + i)
        rows.append(row)
    if search is not None:
        search.charge(len(rows) + 1, width + 1, pivot=False)
    tableau = _Tableau(rows, search)
    # Phase 1: minimise the sum of the artificial variables.
    tableau.set_objective([0] * (n + m) + [1] * len(negative) + [0], negative)
    tableau.iterate(basis, width)
    if tableau.obj[-1] != 0:
        return None
    # Drive the artificial variables (all at zero) out of the basis; drop rows that are redundant.
    for i in reversed(range(len(rows))):
        if basis[i] >= n + m:
            col = next((j for j in range(n + m) if rows[i][j] != 0), None)
            if col is None:
                del rows[i], tableau.dens[i], basis[i]
            else:
                tableau.pivot(i, col)
                basis[i] = col
    # Phase 2: minimise the head count.
    tableau.set_objective([1] * n + [0] * (width - n) + [0], [i for i, j in enumerate(basis) if j < n])
    tableau.iterate(basis, n + m)
    point = [Fraction(0)] * n
    for i, j in enumerate(basis):
        if j < n:
            point[j] = Fraction(rows[i][-1], tableau.dens[i])
    return point


def integer_point(a: Sequence[Sequence[int]], b: Sequence[int], n: int,
                  node_limit: int = NODE_LIMIT, search: Search | None = None) -> list[int] | None:
    """A non-negative integer ``x`` with ``a·x <= b``, or ``None`` when there is none (branch and bound on
    :func:`lp_minimum`; raises :class:`Undecided` past ``node_limit`` nodes). With a :class:`Search`, its
    limits apply instead (and a system it has solved is not solved again).

    Both searches below are exact; they may only find different points. The *plain* search goes depth
    first, the branch ``x_j <= floor(v)`` before ``x_j >= ceil(v)``, each node's LP being the system plus
    every bound of the branches above it. Nearly every question is settled by it within a few nodes. When
    one question has cost it :data:`PLAIN_WORK` units of simplex work (deep trees, whose LPs grow with
    the depth), the *lean* search starts over: the same order of branches, but each node's LP has at most
    one lower and one upper bound per variable, and ``sum(x) >= ceil(m)`` where ``m`` is the LP minimum of
    its parent node (counts are integers, so no integer point below is lost), which settles most such
    trees in a few nodes.

    >>> integer_point([[2, 0], [-2, 0]], [3, -1], 2)   # 1 <= 2x <= 3
    [1, 0]
    >>> integer_point([[2], [-2]], [1, -1], 1) is None   # 2x = 1 has no integer solution
    True
    """
    if search is None:
        return _solve(a, b, n, Search(work_limit=None, node_limit=node_limit))
    return search.integer_point(a, b, n)


class _PlainSpent(Exception):
    """The plain search spent :data:`PLAIN_WORK` on one question."""


def _solve(a: Sequence[Sequence[int]], b: Sequence[int], n: int, search: Search) -> list[int] | None:
    """The plain search up to :data:`PLAIN_WORK`, then the lean one (see :func:`integer_point`)."""
    search._plain_until = search.work + PLAIN_WORK
    try:
        return _branch_and_bound(a, b, n, search, lean=False)
    except _PlainSpent:
        pass
    finally:
        search._plain_until = math.inf
    return _branch_and_bound(a, b, n, search, lean=True)


def _branch_and_bound(a: Sequence[Sequence[int]], b: Sequence[int], n: int, search: Search, *,
                      lean: bool) -> list[int] | None:
    """Depth first, the branch ``x_j <= floor(v)`` before ``x_j >= ceil(v)``; the nodes count in ``search``
    (see :func:`integer_point` for ``lean``)."""
    # Extra bounds: (variable, lower, upper or -1), and the least head count of an integer point below.
    stack: list[tuple[tuple[tuple[int, int, int], ...], int]] = [((), 0)]
    nodes = 0
    while stack:
        extra, least = stack.pop()
        nodes += 1
        if nodes > search.node_limit:
            raise Undecided(f"more than {search.node_limit} branches")
        search.nodes += 1
        rows = [list(r) for r in a]
        rhs = list(b)
        bounds = [(j, *_bounds_of(extra, j)) for j in sorted({j for j, _, _ in extra})] if lean else extra
        for j, low, high in bounds:
            unit = [0] * n
            unit[j] = 1
            if high >= 0:
                rows.append(unit)
                rhs.append(high)
            if low > 0 or not lean:
                rows.append([-u for u in unit])
                rhs.append(-low)
        if lean and least > 0:
            rows.append([-1] * n)
            rhs.append(-least)
        point = lp_minimum(rows, rhs, n, search)
        if point is None:
            continue
        fractional = next((j for j, v in enumerate(point) if v.denominator != 1), None)
        if fractional is None:
            return [int(v) for v in point]
        value = point[fractional]
        low, high = _bounds_of(extra, fractional)
        least = math.ceil(sum(point))
        up = (*extra, (fractional, math.ceil(value), high))
        down = (*extra, (fractional, low, math.floor(value)))
        stack.append((up, least))
        stack.append((down, least))  # explored first: smaller counterexamples read better
    return None


def _bounds_of(extra: tuple[tuple[int, int, int], ...], j: int) -> tuple[int, int]:
    low, high = 0, -1
    for var, lo, hi in extra:
        if var == j:
            low = max(low, lo)
            high = hi if high < 0 else (min(high, hi) if hi >= 0 else high)
    return low, high
