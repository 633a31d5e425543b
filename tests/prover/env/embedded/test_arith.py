"""Tests for the Nat arithmetic procedures; omega cases come from Lean 4's `tests/lean/run/omega.lean`."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.env.embedded.arith import (
    Add,
    And,
    ArithLimit,
    Atom,
    Div,
    Eq,
    FalseF,
    Iff,
    Imp,
    Le,
    Lit,
    Lt,
    Mod,
    Mul,
    Ne,
    Not,
    Opaque,
    Or,
    Pow,
    Sub,
    Succ,
    TrueF,
    Unsupported,
    decide,
    definitely_distinct,
    evaluate,
    omega,
    polynomial,
)

a, b, c, d, x, y, z, n, e, i = (Atom(s) for s in "abcdxyznei")
L = Lit


# --- evaluate / decide ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        (Sub(L(3), L(5)), 0),
        (Sub(L(5), L(3)), 2),
        (Div(L(7), L(0)), 0),
        (Mod(L(7), L(0)), 7),
        (Div(L(7), L(2)), 3),
        (Mod(L(7), L(3)), 1),
        (Pow(L(0), L(0)), 1),
        (Pow(L(2), L(10)), 1024),
        (Succ(Mul(L(3), L(4))), 13),
    ],
)
def test_evaluate_uses_lean_nat_semantics(expr, value):
    assert evaluate(expr) == value


def test_evaluate_rejects_atoms_and_huge_values():
    with pytest.raises(Unsupported):
        evaluate(Add(L(1), x))
    with pytest.raises(ArithLimit):
        evaluate(Pow(L(2), L(10**6)))
    assert evaluate(Pow(L(1), L(10**30))) == 1


def test_deep_expressions_raise_arith_limit_instead_of_recursion_error():
    deep = L(0)
    for _ in range(2000):
        deep = Succ(deep)
    with pytest.raises(ArithLimit):
        evaluate(deep)
    with pytest.raises(ArithLimit):
        omega([], Eq(deep, deep))


def test_decide_closed_formulas():
    assert decide(Lt(L(2), L(3)))
    assert not decide(Lt(L(3), L(3)))
    assert decide(Iff(Eq(Sub(L(2), L(5)), L(0)), TrueF()))
    assert not decide(And(Le(L(1), L(2)), FalseF()))
    assert decide(Imp(FalseF(), FalseF()))
    assert decide(Not(Ne(Mod(L(10), L(4)), L(2))))
    with pytest.raises(Unsupported):
        decide(Opaque("p"))
    with pytest.raises(Unsupported):
        decide(Eq(x, L(0)))


# --- polynomial ------------------------------------------------------------------------------------


def test_polynomial_identifies_ring_equal_expressions():
    lhs = Pow(Add(x, y), L(2))
    rhs = Add(Add(Mul(x, x), Mul(L(2), Mul(x, y))), Mul(y, y))
    assert polynomial(lhs) == polynomial(rhs)
    assert polynomial(Mul(a, b)) == polynomial(Mul(b, a))
    assert polynomial(Succ(x)) == polynomial(Add(L(1), x))
    assert polynomial(Sub(L(5), L(2))) == polynomial(L(3))


def test_polynomial_distinguishes_and_reports_exactness():
    assert polynomial(Add(x, x)) != polynomial(Mul(x, x))
    assert definitely_distinct(Add(x, L(1)), x)
    assert not definitely_distinct(Mul(a, b), Mul(b, a))
    # `x - x` is 0 as a function, but its polynomial has an opaque variable: not "definitely distinct".
    assert polynomial(Sub(x, x)) != polynomial(L(0))
    assert not polynomial(Sub(x, x)).exact
    assert not definitely_distinct(Sub(x, x), L(0))


# --- omega: goals Lean's omega proves ----------------------------------------------------------------

PROVED = [
    ([Lt(a, b), Lt(b, c)], Lt(a, c)),
    ([], Imp(Lt(a, b), Imp(Lt(b, c), Lt(a, c)))),
    ([], Le(Sub(a, b), a)),
    ([], Or(Eq(Mod(x, L(2)), L(0)), Eq(Mod(x, L(2)), L(1)))),
    ([], Ne(Mul(L(2), x), Add(Mul(L(2), y), L(1)))),
    ([], Eq(Add(a, b), Add(b, a))),
    ([], Le(Div(n, L(2)), n)),
    ([Le(b, a)], Eq(Add(Sub(a, b), b), a)),
    ([], Eq(Div(x, L(0)), L(0))),
    ([Ne(x, L(0))], Lt(L(0), x)),
    ([Le(a, c), Le(b, c)], Lt(a, Succ(c))),
    ([Lt(L(7), L(3))], FalseF()),
    ([Lt(L(7), x), Lt(x, L(3))], FalseF()),
    ([Eq(Add(Mul(L(2), x), Mul(L(4), y)), L(5))], FalseF()),
    ([Eq(Add(Mul(L(6), x), Mul(L(7), y)), L(5))], FalseF()),
    ([Eq(Sub(Sub(x, y), z), L(0)), Lt(Add(y, z), x)], FalseF()),
    ([Le(Sub(a, Sub(b, c)), L(5)), Le(Add(c, L(3)), b), Le(Add(b, L(6)), Add(a, c))], FalseF()),
    (
        [Lt(Sub(Div(x, L(2)), Div(y, L(3))), Mod(x, L(2))), Le(Add(Mul(L(2), y), L(4)), Mul(L(3), x))],
        FalseF(),
    ),
    ([], Le(Div(Add(x, L(4)), L(2)), Add(x, L(2)))),
    ([], Eq(Sub(Mod(x, L(4)), Mod(x, L(8))), L(0))),
    ([Lt(L(0), n)], Eq(Mod(Sub(Mul(L(2), n), L(1)), L(2)), L(1))),
    ([Eq(Add(Mod(a, b), L(1)), L(0))], FalseF()),
    ([Lt(L(7), Mul(a, b))], Lt(L(0), Div(Mul(a, b), L(8)))),
    ([Le(z, L(1))], Lt(Add(Add(Mod(x, Pow(L(2), i)), Mod(y, Pow(L(2), i))), z), Mul(L(2), Pow(L(2), i)))),
    ([Lt(x, Pow(L(2), Add(e, L(1))))], Lt(x, Mul(Pow(L(2), e), L(2)))),
    ([Lt(x, Pow(L(2), Succ(e)))], Lt(x, Mul(Pow(L(2), e), L(2)))),
    (
        [Imp(Eq(a, b), Not(Eq(c, d)))],
        Or(Or(Lt(a, b), And(Eq(a, b), Lt(c, d))), Or(Lt(b, a), And(Eq(b, a), Lt(d, c)))),
    ),
    ([Iff(Lt(a, L(3)), Lt(b, L(3))), Lt(L(5), b)], Le(L(3), a)),
    ([Lt(L(7), a), Lt(L(2), b)], Iff(Lt(L(0), a), Lt(L(0), b))),
    ([Lt(x, y), Not(Not(Lt(y, x)))], FalseF()),
    ([Lt(b, L(0))], Opaque("prime 10")),
    ([Lt(L(3), L(2))], Le(L(3), Sub(Add(a, b), c))),
    ([Eq(Add(y, L(1)), Mul(L(3), x))], Not(Eq(Mod(y, L(3)), L(0)))),
]


@pytest.mark.parametrize(("hyps", "goal"), PROVED)
def test_omega_proves_what_lean_proves(hyps, goal):
    assert omega(hyps, goal)


def test_mess_example_from_lean_tests():
    mess = Atom("mess S")
    lhs = Add(mess, Add(Add(Mul(n, mess), Mul(n, L(2))), L(1)))
    rhs = Add(Add(Mul(n, mess), mess), Add(Mul(n, L(2)), L(2)))
    assert omega([], Lt(lhs, rhs))


# --- omega: goals that are false, or that Lean's omega fails on ---------------------------------------

REFUSED = [
    ([], Eq(Add(Sub(a, b), b), a)),  # false without b ≤ a
    ([], Eq(Mul(a, b), Mul(b, a))),  # true, but Lean's omega fails: products are distinct atoms
    ([], Lt(a, b)),
    ([], TrueF()),  # Lean: `example : True := by fail_if_success omega`
    ([FalseF()], Lt(a, b)),  # Lean ignores a `False` hypothesis (not a recognised fact)
    ([Opaque("p")], Opaque("p")),
    ([Imp(Opaque("p"), Lt(a, L(0))), Opaque("p")], FalseF()),
    ([], Le(x, Mul(x, x))),  # true on Nat, but `x * x` is an atom known only to be ≥ 0
    ([], Le(Mul(x, y), Mul(Add(x, L(1)), y))),  # true, but non-linear
    ([Le(x, L(3))], Le(Pow(x, L(2)), L(9))),  # true, but x ^ 2 is an atom
    ([], Lt(L(0), Pow(L(2), e))),  # a `2 ^ e` atom carries no positivity fact
    ([], Le(Mod(x, y), x)),  # true, but `x % y` only gets `0 ≤ x % y`
    ([], Le(L(0), Div(x, y))),  # Lean pushes the cast inside: `↑x / ↑y` is an Int atom with no facts
    ([Lt(L(0), y)], Lt(Mod(x, y), y)),  # true, but Lean only knows `0 ≤ x % y` for a variable `y`
    ([Eq(Add(Mul(L(6), x), Mul(L(7), y)), L(19))], FalseF()),  # satisfiable: x = 2, y = 1
    ([Or(FalseF(), Lt(x, L(0)))], FalseF()),  # Lean drops a disjunction whose left side adds no fact
]


@pytest.mark.parametrize(("hyps", "goal"), REFUSED)
def test_omega_refuses(hyps, goal):
    assert not omega(hyps, goal)


def test_omega_step_budget():
    hyps = [Ne(Atom(k), L(0)) for k in range(12)]
    with pytest.raises(ArithLimit):
        omega(hyps, Eq(Add(Atom(0), Atom(1)), L(1)), max_steps=200)


# --- property: omega never proves a formula with a small counterexample -------------------------------

ATOMS = (x, y, z)


def _exprs():
    leaf = st.one_of(st.sampled_from(ATOMS), st.integers(0, 4).map(Lit))

    def extend(sub):
        binary = st.sampled_from([Add, Sub, Mul, Div, Mod])
        return st.one_of(
            st.builds(lambda k, s, t: k(s, t), binary, sub, sub),
            st.builds(Succ, sub),
            st.builds(lambda s, k: Pow(s, Lit(k)), sub, st.integers(0, 2)),
        )

    return st.recursive(leaf, extend, max_leaves=4)


def _formulas():
    atom = st.builds(lambda k, s, t: k(s, t), st.sampled_from([Eq, Lt, Le, Ne]), _exprs(), _exprs())

    def extend(sub):
        return st.one_of(
            st.builds(Not, sub),
            st.builds(lambda k, f, g: k(f, g), st.sampled_from([And, Or, Imp, Iff]), sub, sub),
        )

    return st.recursive(atom, extend, max_leaves=4)


def _subst(f, env):
    """Replace atoms by literals, so `decide` can evaluate the formula."""
    if isinstance(f, Atom):
        return Lit(env[f])
    if isinstance(f, Lit | TrueF | FalseF | Opaque):
        return f
    return type(f)(*(_subst(getattr(f, k), env) for k in f.__dataclass_fields__))


def _holds_everywhere(hyps, goal, bound=6):
    for values in itertools.product(range(bound), repeat=len(ATOMS)):
        env = dict(zip(ATOMS, values, strict=True))
        if all(decide(_subst(h, env)) for h in hyps) and not decide(_subst(goal, env)):
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(_formulas(), max_size=2), _formulas())
def test_omega_never_proves_a_formula_with_a_counterexample(hyps, goal):
    try:
        proved = omega(hyps, goal, max_steps=20_000)
    except ArithLimit:
        return
    if proved:
        assert _holds_everywhere(hyps, goal)


def test_deep_formulas_raise_arith_limit():
    deep = Lt(x, L(0))
    for _ in range(2000):
        deep = And(deep, TrueF())
    with pytest.raises(ArithLimit):
        omega([deep], FalseF())


def _k(k, v):
    return Mul(L(k), v)


def test_real_shadow_refutation_is_accepted_when_rationally_infeasible():
    # 2x < 3y, 12y < 4z, 2z < 4x has no rational solution: Lean refutes it in any elimination order.
    hyps = [Lt(_k(2, x), _k(3, y)), Lt(_k(12, y), _k(4, z)), Lt(_k(2, z), _k(4, x))]
    assert omega(hyps, FalseF())


def test_integer_only_refutation_by_real_shadow_is_refused():
    # Integer-infeasible (9z ≤ 1 after tightening forces z = x = 0) but rationally feasible
    # (x = 0.3, z = 0.1): the refutation needs a tightened real-shadow step whose availability depends
    # on Lean's elimination order, so we deliberately do not claim it.
    hyps = [Le(Add(_k(4, x), L(1)), Add(_k(3, z), L(2))), Lt(_k(6, z), Add(_k(2, x), _k(3, x)))]
    assert not omega(hyps, FalseF())


def test_dark_shadow_problem_is_refused():
    # Pugh's example: no integer solutions, but refuting it needs the dark shadow, which omega lacks.
    s = Add(_k(11, x), _k(13, y))
    hyps = [Le(L(27), s), Le(s, L(45)), Le(_k(7, x), Add(_k(9, y), L(4))), Le(_k(9, y), Add(_k(7, x), L(10)))]
    assert not any(
        27 <= 11 * p + 13 * q <= 45 and -10 <= 7 * p - 9 * q <= 4 for p in range(9) for q in range(9)
    )
    assert not omega(hyps, FalseF())
