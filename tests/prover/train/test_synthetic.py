"""Synthetic theorems: deterministic, distinct, accepted by the kernel, and the check can fail."""

import dataclasses
import re

import pytest

from prover.benchmarks import BUNDLED
from prover.env.embedded.env import EmbeddedEnv
from prover.theorems import Theorem, load_benchmark
from prover.train.bootstrap import search_policy
from prover.train.synthetic import KINDS, canonical, difficulty, generate


@pytest.fixture(scope="module")
def env():
    return EmbeddedEnv()


@pytest.fixture(scope="module")
def theorems(env):
    return generate(env, count=60, seed=3, exclude=load_benchmark(BUNDLED, "train"))


def test_generation_is_deterministic_in_the_seed(env, theorems):
    assert generate(env, count=60, seed=3, exclude=load_benchmark(BUNDLED, "train")) == theorems
    assert generate(env, count=60, seed=4) != theorems


def test_every_kind_appears_with_unique_statements_and_names(theorems):
    assert len(theorems) == 60
    assert {t.topic for t in theorems} == set(KINDS)
    assert len({t.name for t in theorems}) == 60
    assert all(re.fullmatch(rf"synth_{t.topic}_3_\d+", t.name) for t in theorems)
    bodies = [canonical(t.statement.split(" ", 2)[2]) for t in theorems]
    assert len(set(bodies)) == len(bodies)
    bundled = {canonical(t.statement.split(" ", 2)[2]) for t in load_benchmark(BUNDLED, "train")}
    assert not bundled & set(bodies)
    assert all(t.split == "train" and t.statement.startswith(f"theorem {t.name} ") for t in theorems)


def test_statements_equal_up_to_renaming_are_duplicates():
    assert canonical("(p q : Prop) (hp : p) : p ∨ q") == canonical("(a b : Prop) (h1 : a) : a ∨ b")
    assert canonical("(p q : Prop) (hp : p) : p ∨ q") != canonical("(p q : Prop) (hp : p) : q ∨ p")
    plain = generate(EmbeddedEnv(), count=20, seed=5, kinds=("connectives",))
    body = canonical(plain[7].statement.split(" ", 2)[2])
    renamed = Theorem("other", f"theorem other {body}")  # `v0 v1 ...`: a renaming of plain[7]
    again = generate(EmbeddedEnv(), count=20, seed=5, kinds=("connectives",), exclude=[renamed])
    assert body not in {canonical(t.statement.split(" ", 2)[2]) for t in again}
    assert again[:7] == plain[:7]


def test_difficulty_follows_the_proof_length_and_spans_one_to_six_steps():
    theorems = generate(EmbeddedEnv(), count=200, seed=11, kinds=("connectives",))
    steps = {len(t.proof.splitlines()) for t in theorems}
    assert min(steps) == 1 and max(steps) == 6
    assert {t.difficulty for t in theorems} == {"easy", "medium", "hard"}
    assert difficulty("exact h") == "easy" and difficulty("a\nb\nc") == "medium"
    assert difficulty("\n".join("abcde")) == "hard"


def test_hypothesis_and_variable_names_vary(theorems):
    hyp_names = {m for t in theorems for m in re.findall(r"\((\w+'*) : [^)]*[=≤<∀∃∧∨→]", t.statement)}
    assert len(hyp_names) >= 8
    atoms = {t.statement.split("(", 2)[1].split(":")[0].strip() for t in theorems if t.topic == "connectives"}
    assert len(atoms) >= 3


def test_every_proof_passes_a_fresh_whole_script_check(theorems):
    fresh = EmbeddedEnv()
    for theorem in theorems:
        assert fresh.check(theorem, theorem.proof).ok, (theorem.statement, theorem.proof)


def test_a_falsified_statement_is_rejected_by_the_kernel(env, theorems):
    arith = next(t for t in theorems if t.topic == "arith")
    head, _ = arith.statement.rsplit(") : ", 1)
    assert env.check(dataclasses.replace(arith, statement=f"{head}) : False"), arith.proof).ok is False
    eq = next(t for t in theorems if t.topic == "equality")
    off_by_one = dataclasses.replace(eq, statement=eq.statement + " + 1")
    assert env.check(off_by_one, eq.proof).ok is False
    conn = next(t for t in theorems if t.topic == "connectives" and "constructor" in t.proof)
    swapped = dataclasses.replace(conn, proof=conn.proof.replace("exact", "exact Or.inl", 1))
    assert env.check(conn, swapped.proof).ok is False


def test_bootstrap_proposes_a_synthetic_theorems_own_proof(theorems):
    theorem = next(t for t in theorems if "\n" in t.proof)
    policy, _ = search_policy(None, iteration=0, model=None, theorem=theorem, refs={})
    (proposals,) = policy.propose(["⊢ True"], n=32)
    tactics = {p.tactic for p in proposals}
    assert set(theorem.proof.splitlines()) <= tactics


def test_unknown_kind_is_a_clear_error(env):
    with pytest.raises(ValueError, match="unknown synthetic kinds"):
        generate(env, count=1, seed=0, kinds=("geometry",))


def test_an_exhausted_kind_stops_instead_of_spinning(env):
    theorems = generate(env, count=5000, seed=0, kinds=("predicates",))
    assert 50 < len(theorems) < 5000
    assert len({canonical(t.statement.split(" ", 2)[2]) for t in theorems}) == len(theorems)
