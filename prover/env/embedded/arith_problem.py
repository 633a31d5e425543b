"""Integer linear constraint problems as Lean 4's `omega` stores and eliminates them.

Mirrors `src/Lean/Elab/Tactic/Omega/Core.lean`: one constraint `lo ≤ c·x ≤ hi` per coefficient vector
(bounds on equal vectors are intersected), every constraint tidied (gcd division with bound
tightening, first nonzero coefficient made positive), equalities solved eagerly (a `±1` coefficient is
substituted; otherwise Pugh's balanced-mod step introduces a fresh variable), then Fourier–Motzkin
elimination preferring a variable with no bounds on one side, then an exact one (all coefficients on
one side `±1`), ties broken by fewest new constraints and then lowest variable index. There is no
dark or grey shadow: an inexact step keeps only the real shadow, as Lean does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from math import gcd

from prover.env.embedded.arith_expr import ArithLimit

Coeffs = tuple[int, ...]
Bound = int | None


@dataclass
class Budget:
    """Shared step counter: every fact, substitution and Fourier–Motzkin combination costs one."""

    max_steps: int
    used: int = 0

    def spend(self, n: int = 1) -> None:
        self.used += n
        if self.used > self.max_steps:
            raise ArithLimit(f"omega exceeded {self.max_steps} steps")


def _strip(coeffs: list[int] | tuple[int, ...]) -> Coeffs:
    n = len(coeffs)
    while n and coeffs[n - 1] == 0:
        n -= 1
    return tuple(coeffs[:n])


def _scale(k: int, lo: Bound, hi: Bound) -> tuple[Bound, Bound]:
    slo = None if lo is None else k * lo
    shi = None if hi is None else k * hi
    return (slo, shi) if k >= 0 else (shi, slo)


def _add_bound(x: Bound, y: Bound) -> Bound:
    return None if x is None or y is None else x + y


def combo(a: int, f: tuple[Coeffs, Bound, Bound], b: int, g: tuple[Coeffs, Bound, Bound]):
    """The fact `a·f + b·g` (always implied by `f` and `g`)."""
    fc, flo, fhi = f
    gc, glo, ghi = g
    n = max(len(fc), len(gc))
    coeffs = [a * (fc[i] if i < len(fc) else 0) + b * (gc[i] if i < len(gc) else 0) for i in range(n)]
    alo, ahi = _scale(a, flo, fhi)
    blo, bhi = _scale(b, glo, ghi)
    return _strip(coeffs), _add_bound(alo, blo), _add_bound(ahi, bhi)


def tidy(coeffs: Coeffs, lo: Bound, hi: Bound, *, tighten: bool = True) -> tuple[Coeffs, Bound, Bound]:
    """Lean's `Fact.tidy`: positive leading coefficient, gcd divided out, bounds tightened.

    With `tighten=False` only the sign is normalised, so the fact keeps its rational meaning.
    """
    coeffs = _strip(coeffs)
    if not coeffs:
        return coeffs, lo, hi
    lead = next(c for c in coeffs if c)
    if lead < 0:
        coeffs = tuple(-c for c in coeffs)
        lo, hi = _scale(-1, lo, hi)
    g = 0
    for c in coeffs:
        g = gcd(g, c)
    if g > 1 and tighten:
        coeffs = tuple(c // g for c in coeffs)
        lo = None if lo is None else -((-lo) // g)
        hi = None if hi is None else hi // g
    return coeffs, lo, hi


def bmod(x: int, m: int) -> int:
    """Lean's `Int.bmod`: the residue of `x` modulo `m` in `[-m/2, m/2)`."""
    r = x % m
    return r if r < (m + 1) // 2 else r - m


@dataclass
class Problem:
    """Constraints `lo ≤ coeffs·x ≤ hi`, keyed by coefficient vector, plus solved equalities.

    A `rational` problem never tightens bounds nor solves equalities: eliminating it decides the
    rational relaxation, whatever the elimination order. `inexact` records that a real-shadow step
    (one Lean might not take in the same order) was used.
    """

    constraints: dict[Coeffs, tuple[Bound, Bound]] = field(default_factory=dict)
    equalities: dict[Coeffs, None] = field(default_factory=dict)
    eliminations: list[tuple[Coeffs, int, int, int]] = field(default_factory=list)
    possible: bool = True
    rational: bool = False
    inexact: bool = False

    def copy(self) -> Problem:
        return Problem(
            dict(self.constraints),
            dict(self.equalities),
            list(self.eliminations),
            self.possible,
            self.rational,
            self.inexact,
        )

    def add_constraint(self, coeffs: Coeffs, lo: Bound, hi: Bound) -> None:
        if not self.possible:
            return
        if not coeffs:
            if (lo is not None and lo > 0) or (hi is not None and hi < 0):
                self.possible = False
            return
        if lo is None and hi is None:
            return
        old = self.constraints.get(coeffs)
        if old is not None:
            lo = old[0] if lo is None else (lo if old[0] is None else max(lo, old[0]))
            hi = old[1] if hi is None else (hi if old[1] is None else min(hi, old[1]))
        if lo is not None and hi is not None and lo > hi:
            self.possible = False
            return
        self.constraints[coeffs] = (lo, hi)
        if lo is not None and lo == hi and not self.rational:
            self.equalities[coeffs] = None

    def add_fact(self, const: int, coeffs: Coeffs, *, equality: bool, budget: Budget, new_var) -> None:
        """Add `const + coeffs·x ≥ 0` (or `= 0`), replaying solved equalities first."""
        fact = (_strip(coeffs), -const, -const if equality else None)
        for ecoeffs, value, var, sign in reversed(self.eliminations):
            y = fact[0][var] if var < len(fact[0]) else 0
            if y:
                fact = combo(-sign * y, (ecoeffs, value, value), 1, fact)
        self.add_constraint(*tidy(*fact))
        self.solve_equalities(budget, new_var)

    def solve_equalities(self, budget: Budget, new_var: Callable[[], int]) -> None:
        while self.possible and self.equalities:
            budget.spend()
            coeffs, m = self._select_equality()
            if m == 1:
                self._solve_easy(coeffs)
            else:
                self._solve_hard(coeffs, m, new_var())

    def _select_equality(self) -> tuple[Coeffs, int]:
        best: tuple[Coeffs, int] | None = None
        for c in self.equalities:
            m = min(abs(x) for x in c if x)
            if best is None:
                best = (c, m)
            elif best[1] >= 2 and (m < best[1] or (m == best[1] and _max_abs(c) < _max_abs(best[0]))):
                best = (c, m)
        assert best is not None
        return best

    def _solve_easy(self, coeffs: Coeffs) -> None:
        var = next(i for i, c in enumerate(coeffs) if abs(c) == 1)
        sign = coeffs[var]
        value = self.constraints[coeffs][0]
        assert value is not None
        old = self.constraints
        self.constraints, self.equalities = {}, {}
        self.eliminations.insert(0, (coeffs, value, var, sign))
        for gc, (glo, ghi) in old.items():
            y = gc[var] if var < len(gc) else 0
            if y == 0:
                self.add_constraint(gc, glo, ghi)
            else:
                self.add_constraint(*tidy(*combo(-sign * y, (coeffs, value, value), 1, (gc, glo, ghi))))

    def _solve_hard(self, coeffs: Coeffs, m: int, var: int) -> None:
        # Pugh's step: sum(bmod(c_i, m) x_i) + m*sigma = bmod(r, m) holds for an integer sigma, and it
        # has a ±1 coefficient where |c_i| = m - 1, so solving it shrinks the hard equality.
        value = self.constraints[coeffs][0]
        assert value is not None
        new = [bmod(c, m) for c in coeffs] + [0] * max(0, var + 1 - len(coeffs))
        new[var] = m
        self.add_constraint(_strip(new), bmod(value, m), bmod(value, m))

    def eliminate(self, budget: Budget, new_var: Callable[[], int]) -> None:
        """Run equality solving and Fourier–Motzkin to a fixpoint; `possible` False means refuted."""
        self.solve_equalities(budget, new_var)
        while self.possible and self.constraints:
            _, lower, upper, irrelevant, exact = self._select_variable()
            budget.spend(1 + len(lower) * len(upper))
            self.inexact = self.inexact or not exact
            self.constraints, self.equalities = {}, {}
            for c, (lo, hi) in irrelevant:
                self.add_constraint(c, lo, hi)
            for f, b in lower:
                for g, a in upper:
                    self.add_constraint(*tidy(*combo(a, f, -b, g), tighten=not self.rational))
            self.solve_equalities(budget, new_var)

    def _select_variable(self):
        nvars = max(len(c) for c in self.constraints)
        best = None
        for var in range(nvars):
            lower, upper, irrelevant = [], [], []
            for c, (lo, hi) in self.constraints.items():
                x = c[var] if var < len(c) else 0
                if x == 0:
                    irrelevant.append((c, (lo, hi)))
                    continue
                slo, shi = _scale(x, lo, hi)
                if slo is not None:
                    lower.append(((c, lo, hi), x))
                if shi is not None:
                    upper.append(((c, lo, hi), x))
            if not lower and not upper:
                continue
            size = len(lower) * len(upper)
            exact = all(abs(x) == 1 for _, x in lower) or all(abs(x) == 1 for _, x in upper)
            if size == 0:
                return var, lower, upper, irrelevant, True
            if best is None or (not best[0] and exact) or (best[0] == exact and size < best[1]):
                best = (exact, size, (var, lower, upper, irrelevant, exact))
        assert best is not None
        return best[2]


def _max_abs(c: Coeffs) -> int:
    return max(abs(x) for x in c)
