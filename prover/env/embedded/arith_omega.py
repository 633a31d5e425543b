"""A mirror of Lean 4 core's `omega` tactic on the Nat fragment of `arith_expr`.

What is mirrored (Lean sources: `src/Lean/Elab/Tactic/Omega/{Frontend,OmegaM,Core}.lean`):
- Goal (`falseOrByContra`): `False` is kept; `¬P`, `a ≠ b` and `P → Q` introduce their premise;
  anything else (including `True` and opaque goals) is negated into a hypothesis.
- Facts (`addFact`): `=`, `≤`, `<` become linear constraints (`a < b` as `a + 1 ≤ b`); `∧` splits;
  `∨` is queued as a disjunction; `P → Q` becomes `¬P ∨ Q`; `P ↔ Q` becomes `(P ∧ Q) ∨ (¬P ∧ ¬Q)`;
  `a ≠ b` and `¬(a = b)` become `a < b ∨ b < a`; negations are pushed (`pushNot`). `True`,
  `False`, opaque facts and `¬` of those are ignored, exactly as Lean ignores them.
- Terms (`asLinearCombo`, `analyzeAtom`): ground subterms (literals combined by `+ * - / ^`, as
  `groundNat?`; not `%` or `succ`) are evaluated; `+`, `succ` are linear; `x * y` is linear when one
  side's linear form is constant, otherwise the product is an atom with `0 ≤ x * y`; `x / k`, `x % k`
  for a ground `k` use an atom `q = x / k` with `k q ≤ x < k q + k` (`k = 0` gives `0` and `x`);
  other `/` atoms get no facts, other `%` atoms get `0 ≤ x % y` (and `< y` when `y = b ^ e` with a
  literal `b > 0`); `b ^ (e + 1)` with ground `b` becomes `b ^ e * b`, other ground-base powers are
  atoms without facts, other powers are Nat atoms; `a - b` is a Nat atom with Lean's dichotomy
  `b ≤ a ∧ t + b = a ∨ a < b ∧ t = 0` (and `a - b - c` is read as `a - (b + c)`). Every Nat atom
  gets `0 ≤ t`. Atoms are keyed by structure (Lean identifies atoms up to defeq, so we are weaker).
- Search (`omegaImpl`, `splitDisjunction`): eliminate; if no contradiction, split the most recent
  disjunction; when its left branch yields no new fact, the disjunction is dropped; otherwise both
  branches must be refuted, each with the disjunctions that remain.

Deliberately weaker: atom identity is structural (Lean identifies atoms up to defeq); `x * y` and
`y * x` are different atoms, as in Lean. Lean's real-shadow steps depend on its hash-map and variable
order, so a refutation that used an inexact step is accepted only when the rational relaxation of
the branch's facts (each tidied as Lean tidies it) is already infeasible: Lean's eliminations only
strengthen that relaxation, so it refutes such a branch in any order. Residual risk: a refutation by
exact steps only is accepted even though Lean, choosing equalities in another order, could meet an
inexact step that we did not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from prover.env.embedded.arith_expr import (
    Add,
    And,
    ArithLimit,
    Atom,
    Div,
    Eq,
    FalseF,
    Formula,
    Iff,
    Imp,
    Le,
    Lit,
    Lt,
    Mod,
    Mul,
    NatExpr,
    Ne,
    Not,
    Opaque,
    Or,
    Pow,
    Sub,
    Succ,
    TrueF,
    Unsupported,
    check_depth,
    nat_binop,
    nat_pow,
)
from prover.env.embedded.arith_problem import Budget, Problem, tidy

Lin = tuple[int, dict[int, int]]


@dataclass(frozen=True)
class _IGe:
    """Internal atom fact `sum(c * t) ≥ 0`; `t` is a NatExpr, a variable index, or None (constant 1)."""

    parts: tuple


def ground(e: NatExpr, depth: int = 0) -> int | None:
    """Lean's `groundNat?`: literals combined by `+ * - / ^` (not `%`, not `succ`)."""
    check_depth(depth)
    if isinstance(e, Lit):
        if e.n < 0:
            raise Unsupported(f"negative Nat literal {e.n}")
        return e.n
    if isinstance(e, Add | Mul | Sub | Div | Pow):
        x, y = ground(e.a, depth + 1), ground(e.b, depth + 1)
        return None if x is None or y is None else nat_binop(type(e), x, y)
    return None


@dataclass
class _Registry:
    """Atoms in order of discovery (their index is the variable) and facts owed for new atoms."""

    atoms: dict = field(default_factory=dict)
    pending: list = field(default_factory=list)

    def copy(self) -> _Registry:
        return _Registry(dict(self.atoms), list(self.pending))

    def lookup(self, key, facts) -> Lin:
        if key not in self.atoms:
            self.atoms[key] = len(self.atoms)
            self.pending.extend(facts(len(self.atoms) - 1))
        return 0, {self.atoms[key]: 1}

    def fresh(self) -> int:
        self.atoms[("fresh", len(self.atoms))] = len(self.atoms)
        return len(self.atoms) - 1


def _add(x: Lin, y: Lin, k: int = 1) -> Lin:
    coeffs = dict(x[1])
    for v, c in y[1].items():
        coeffs[v] = coeffs.get(v, 0) + k * c
    return x[0] + k * y[0], {v: c for v, c in coeffs.items() if c}


def _scale(k: int, x: Lin) -> Lin:
    return k * x[0], {v: k * c for v, c in x[1].items() if k * c}


def linearize(e: NatExpr, reg: _Registry, depth: int = 0) -> Lin:
    """Linear form of `↑e : Int` over the registry's atoms, as Lean's `asLinearCombo`."""
    check_depth(depth)
    value = ground(e, depth)
    if value is not None:
        return value, {}
    if isinstance(e, Atom):
        return reg.lookup(("cast", e), lambda i: [_IGe(((1, i),))])
    if isinstance(e, Succ):
        return _add(linearize(e.a, reg, depth + 1), (1, {}))
    if isinstance(e, Add):
        return _add(linearize(e.a, reg, depth + 1), linearize(e.b, reg, depth + 1))
    if isinstance(e, Mul):
        return _mul(e, reg, depth)
    if isinstance(e, Sub):
        if isinstance(e.a, Sub):
            return linearize(Sub(e.a.a, Add(e.a.b, e.b)), reg, depth + 1)
        return reg.lookup(("cast", e), lambda i: [_IGe(((1, i),)), _dichotomy(e)])
    if isinstance(e, Div | Mod):
        return _div_mod(e, reg, depth)
    if isinstance(e, Pow):
        base = ground(e.a, depth + 1)
        if base is None:
            return reg.lookup(("cast", e), lambda i: [_IGe(((1, i),))])
        return _ground_base_pow(base, e.a, e.b, reg, depth + 1)
    raise Unsupported(f"not a Nat expression: {e!r}")


def _dichotomy(e: Sub) -> Formula:
    return Or(And(Le(e.b, e.a), Eq(Add(e, e.b), e.a)), And(Lt(e.a, e.b), Eq(e, Lit(0))))


def _mul(e: Mul, reg: _Registry, depth: int) -> Lin:
    # Lean linearises both factors speculatively and rolls the atom state back for a true product.
    saved = reg.copy()
    x, y = linearize(e.a, reg, depth + 1), linearize(e.b, reg, depth + 1)
    nonneg = _IGe(((1, e),))
    if not x[1] or not y[1]:
        reg.pending.append(nonneg)
        return _scale(x[0], y) if not x[1] else _scale(y[0], x)
    reg.atoms, reg.pending = saved.atoms, saved.pending
    reg.pending.append(nonneg)
    return reg.lookup(("mul", e.a, e.b), lambda i: [])


def _div_mod(e: Div | Mod, reg: _Registry, depth: int) -> Lin:
    k = ground(e.b, depth + 1)
    if k is None:
        if isinstance(e, Div):
            return reg.lookup(("idiv", e.a, e.b), lambda i: [])
        return reg.lookup(("imod", e.a, e.b), lambda i: _mod_facts(e, i))
    if isinstance(e, Div):
        return _quotient(e.a, k, reg, depth)
    x = linearize(e.a, reg, depth + 1)
    return _add(x, _scale(k, _quotient(e.a, k, reg, depth)), -1)


def _quotient(a: NatExpr, k: int, reg: _Registry, depth: int) -> Lin:
    value = ground(a, depth + 1)
    if k == 0 or value is not None:
        return (value // k if k and value is not None else 0), {}
    return reg.lookup(
        ("div", a, k),
        lambda i: [_IGe(((1, a), (-k, i))), _IGe(((k, i), (k - 1, None), (-1, a)))],
    )


def _mod_facts(e: Mod, i: int) -> list:
    b = e.b
    if isinstance(b, Pow) and isinstance(b.a, Lit) and b.a.n > 0:
        return [_IGe(((1, i),)), _IGe(((1, b), (-1, i), (-1, None)))]
    return [_IGe(((1, i),))]


def _ground_base_pow(base: int, a: NatExpr, exp: NatExpr, reg: _Registry, depth: int) -> Lin:
    check_depth(depth)
    k = ground(exp, depth + 1)
    if k is not None:
        return nat_pow(base, k), {}
    prev = _succ_pred(exp)
    if prev is None:
        return reg.lookup(("ipow", a, exp), lambda i: [])
    return _scale(base, _ground_base_pow(base, a, prev, reg, depth + 1))


def _succ_pred(e: NatExpr) -> NatExpr | None:
    if isinstance(e, Succ):
        return e.a
    if isinstance(e, Add) and e.b == Lit(1):
        return e.a
    return None


def _push_not(f: Formula) -> Formula | None:
    """Lean's `pushNot`: the fact obtained from `¬f`, or None when Lean ignores it."""
    if isinstance(f, Lt):
        return Le(f.b, f.a)
    if isinstance(f, Le):
        return Lt(f.b, f.a)
    if isinstance(f, Eq):
        return Or(Lt(f.a, f.b), Lt(f.b, f.a))
    if isinstance(f, Ne):
        return Eq(f.a, f.b)
    if isinstance(f, Not):
        return f.f
    if isinstance(f, And):
        return Or(Not(f.f), Not(f.g))
    if isinstance(f, Or):
        return And(Not(f.f), Not(f.g))
    if isinstance(f, Iff):
        return Or(And(f.f, Not(f.g)), And(Not(f.f), f.g))
    if isinstance(f, Imp):
        return And(f.f, Not(f.g))
    return None


@dataclass
class _Meta:
    """Lean's `MetaProblem` together with its atom state."""

    problem: Problem
    reg: _Registry
    facts: list
    disjunctions: list
    processed: set
    raw: list = field(default_factory=list)  # every constraint as first tidied, before substitution

    def branch(self, fact: Formula, rest: list) -> _Meta:
        problem, reg = self.problem.copy(), self.reg.copy()
        return _Meta(problem, reg, [fact], list(rest), set(self.processed), list(self.raw))


def _constraint(m: _Meta, lin: Lin, *, equality: bool, budget: Budget) -> int:
    m.facts[:0] = [f for f in m.reg.pending if f not in m.processed]
    m.reg.pending = []
    n = max(m.reg.atoms.values(), default=-1) + 1
    coeffs = tuple(lin[1].get(v, 0) for v in range(n))
    m.raw.append(tidy(coeffs, -lin[0], -lin[0] if equality else None))
    m.problem.add_fact(lin[0], coeffs, equality=equality, budget=budget, new_var=m.reg.fresh)
    return 1


def _diff(m: _Meta, hi: NatExpr, lo: NatExpr, shift: int = 0) -> Lin:
    x = linearize(hi, m.reg)
    return _add(x, _add(linearize(lo, m.reg), (shift, {})), -1)


def _add_fact(m: _Meta, f, budget: Budget, depth: int = 0) -> int:
    """Lean's `addFact`: record `f`, returning how many facts were recorded."""
    check_depth(depth)
    budget.spend()
    if not m.problem.possible:
        return 0
    if isinstance(f, _IGe):
        lin: Lin = (0, {})
        for c, t in f.parts:
            term = (1, {}) if t is None else (0, {t: 1}) if isinstance(t, int) else linearize(t, m.reg)
            lin = _add(lin, term, c)
        return _constraint(m, lin, equality=False, budget=budget)
    if isinstance(f, Eq):
        return _constraint(m, _diff(m, f.a, f.b), equality=True, budget=budget)
    if isinstance(f, Le | Lt):
        return _constraint(m, _diff(m, f.b, f.a, int(isinstance(f, Lt))), equality=False, budget=budget)
    if isinstance(f, Ne):
        return _add_fact(m, Or(Lt(f.a, f.b), Lt(f.b, f.a)), budget, depth + 1)
    if isinstance(f, Not):
        pushed = _push_not(f.f)
        return 0 if pushed is None else _add_fact(m, pushed, budget, depth + 1)
    if isinstance(f, And):
        return _add_fact(m, f.f, budget, depth + 1) + _add_fact(m, f.g, budget, depth + 1)
    if isinstance(f, Or):
        m.disjunctions.insert(0, f)
        return 1
    if isinstance(f, Imp):
        return _add_fact(m, Or(Not(f.f), f.g), budget, depth + 1)
    if isinstance(f, Iff):
        return _add_fact(m, Or(And(f.f, f.g), And(Not(f.f), Not(f.g))), budget, depth + 1)
    if isinstance(f, TrueF | FalseF | Opaque):
        return 0
    raise Unsupported(f"not a formula: {f!r}")


def _process(m: _Meta, budget: Budget) -> int:
    n = 0
    while m.facts:
        f = m.facts.pop(0)
        if isinstance(f, _IGe):
            if f in m.processed:
                continue
            m.processed.add(f)
        n += _add_fact(m, f, budget)
    return n


def _refute(m: _Meta, budget: Budget) -> bool:
    """Lean's `omegaImpl`: True when every case leads to a contradiction."""
    _process(m, budget)
    p = m.problem.copy()
    if p.possible:
        p.eliminate(budget, m.reg.copy().fresh)
    if not p.possible and (not p.inexact or _rationally_infeasible(m.raw, budget.max_steps)):
        return True
    while m.disjunctions:
        disj, rest = m.disjunctions[0], m.disjunctions[1:]
        left = m.branch(disj.f, rest)
        if _process(left, budget) > 0:
            return _refute(left, budget) and _refute(m.branch(disj.g, rest), budget)
        m.disjunctions = rest
    return False


def _rationally_infeasible(raw: list, max_steps: int) -> bool:
    """Whether the facts have no rational solution: then Lean refutes them in any elimination order.

    Lean's real-shadow steps depend on its variable and hash-map order; a refutation we found with such
    a step is only trusted when the rational relaxation already fails (a budget overrun means no).
    """
    q = Problem(rational=True)
    for coeffs, lo, hi in raw:
        q.add_constraint(coeffs, lo, hi)
    try:
        q.eliminate(Budget(max_steps), _no_fresh_variables)
    except ArithLimit:
        return False
    return not q.possible


def _no_fresh_variables() -> int:
    raise AssertionError("rational elimination never solves equalities")


def _goal_facts(goal: Formula) -> list:
    """Lean's `falseOrByContra`: the hypotheses introduced while reducing the goal to `False`."""
    facts: list = []
    while True:
        if isinstance(goal, FalseF):
            return facts
        if isinstance(goal, Not):
            facts.append(goal.f)
            return facts
        if isinstance(goal, Ne):
            facts.append(Eq(goal.a, goal.b))
            return facts
        if isinstance(goal, Imp):
            facts.append(goal.f)
            goal = goal.g
            continue
        facts.append(Not(goal))
        return facts


def omega(hyps: Sequence[Formula], goal: Formula, *, max_steps: int = 100_000) -> bool:
    """True iff Lean's `omega` (as mirrored here) proves `goal` from `hyps`.

    `max_steps` bounds facts processed, equalities solved and Fourier–Motzkin combinations over all
    case splits; past it `ArithLimit` is raised.
    """
    budget = Budget(max_steps)
    m = _Meta(Problem(), _Registry(), list(hyps) + _goal_facts(goal), [], set())
    return _refute(m, budget)
