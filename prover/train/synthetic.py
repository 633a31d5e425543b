"""Fresh synthetic theorems in the embedded fragment, true by construction, for the train pool.

Each generator builds a random proof first and reads the statement off it (forward derivations
for connectives, sums of hypotheses for arithmetic, rewrite chains for equalities, instantiated
universals for predicates), so every theorem comes with a proof script; `generate` keeps a theorem
only when the embedded kernel accepts that script as a whole (the cheap certificate of truth) and
its statement is new.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from prover.env.base import Environment
from prover.theorems import Theorem
from prover.train import synthetic_logic

log = logging.getLogger(__name__)

KINDS = ("connectives", "arith", "equality", "predicates")


@dataclass(frozen=True)
class Draft:
    """A statement (`binders`, `target`) with the proof script it was built from."""

    binders: str
    target: str
    script: str


def _connectives(rng: random.Random) -> Draft:
    return Draft(*synthetic_logic.connectives(rng))


def _arith_omega(rng: random.Random) -> Draft:
    a, b, c = rng.sample(["a", "b", "c", "m", "n", "x", "y"], 3)
    k1, k2 = rng.randint(0, 5), rng.randint(0, 5)
    strict = rng.random() < 0.5
    rel = "<" if strict else "≤"
    hyps = [f"(h1 : {a} + {k1} {rel} {b})", f"(h2 : {b} + {k2} ≤ {c})"]
    slack = rng.randint(0, 2)
    total = k1 + k2 + (1 if strict else 0) - slack
    shape = rng.randrange(3)
    if shape == 0:
        goal = f"{a} + {total} ≤ {c}"
    elif shape == 1:
        goal = f"{a} + {total} ≤ {c} + {rng.randint(0, 3)}"
    else:
        goal = f"{a} < {c} + {1 + rng.randint(0, 2)}" if total >= 0 else f"{a} ≤ {c} + 5"
    if total < 0:
        goal = f"{a} ≤ {c} + {-total}"
    return Draft(f"({a} {b} {c} : Nat) {' '.join(hyps)}", goal, "omega")


def _arith_lemmas(rng: random.Random) -> Draft:
    """Order chains closed by core lemmas, distributivity rewrites finished by `omega`, and
    conjunctions of linear facts split into bullets."""
    a, b, c, d = rng.sample(["a", "b", "c", "d", "m", "n", "x", "y", "z"], 4)
    k = rng.randint(1, 6)
    shape = rng.randrange(5)
    if shape == 0:
        return Draft(
            f"({a} {b} {c} : Nat) (h1 : {a} ≤ {b}) (h2 : {b} < {c})",
            f"{a} < {c}",
            "exact Nat.lt_of_le_of_lt h1 h2",
        )
    if shape == 1:
        return Draft(
            f"({a} {b} {c} {d} : Nat) (h1 : {a} ≤ {b}) (h2 : {b} ≤ {c}) (h3 : {c} ≤ {d})",
            f"{a} ≤ {d}",
            "apply Nat.le_trans h1\nexact Nat.le_trans h2 h3",
        )
    if shape == 2:
        return Draft(
            f"({a} {b} : Nat)", f"{a} * ({b} + {k}) = {k} * {a} + {a} * {b}", "rw [Nat.mul_add]\nomega"
        )
    if shape == 3:
        return Draft(
            f"({a} {b} {c} : Nat)",
            f"({a} + {b}) * {c} = {c} * {b} + {a} * {c}",
            f"rw [Nat.add_mul]\nrw [Nat.mul_comm {c} {b}]\nomega",
        )
    return Draft(
        f"({a} {b} : Nat) (h1 : {a} < {b})",
        f"{a} + 1 ≤ {b} ∧ {a} < {b} + {k}",
        "constructor\n· omega\n· omega",
    )


def _arith(rng: random.Random) -> Draft:
    return _arith_omega(rng) if rng.random() < 0.4 else _arith_lemmas(rng)


_PREDICATE_NAMES = (("P", "Q", "R"), ("F", "G", "H"), ("A", "B", "C"), ("p", "q", "r"))
_NAT_VARS = ("n", "m", "k", "x", "y", "i", "j")
_HYP_NAMES = (
    ("h1", "h2", "h3"),
    ("h", "h'", "h''"),
    ("ha", "hb", "hc"),
    ("H1", "H2", "H3"),
    ("hyp", "hP", "hQ"),
)


def _rename(draft: Draft, mapping: dict[str, str]) -> Draft:
    """`draft` with whole identifiers renamed (all at once, so a swap is safe); dotted names such as
    `Nat.mul_comm` and field accesses are left alone."""
    if not mapping:
        return draft
    pattern = re.compile(r"(?<![\w'.])(" + "|".join(map(re.escape, mapping)) + r")(?![\w'])")
    swap = lambda text: pattern.sub(lambda m: mapping[m.group(1)], text)  # noqa: E731
    return Draft(swap(draft.binders), swap(draft.target), swap(draft.script))


def _varied_names(rng: random.Random, draft: Draft, kind: str) -> Draft:
    """Hypothesis (and, for predicates, predicate and bound-variable) names drawn per theorem."""
    mapping = dict(zip(("h1", "h2", "h3"), rng.choice(_HYP_NAMES), strict=True))
    if kind == "predicates":
        mapping |= dict(zip(("P", "Q", "R"), rng.choice(_PREDICATE_NAMES), strict=True))
        mapping |= dict(zip(("n", "m"), rng.sample(_NAT_VARS, 2), strict=True))
        mapping["hn"] = "h" + mapping["n"]
    return _rename(draft, mapping)


def _expr(rng: random.Random, var: str, others: Sequence[str]) -> str:
    k = rng.randint(1, 4)
    o = rng.choice(others)
    return rng.choice(
        [f"{var} * {var} + {k}", f"{o} * {var} + {k}", f"({var} + {k}) * {o}", f"{var} * ({o} + {k})"]
    )


def _equality(rng: random.Random) -> Draft:
    x, y, z, w = rng.sample(["a", "b", "c", "d", "x", "y", "z"], 4)
    chain = rng.random() < 0.5
    hyps = [f"(h1 : {x} = {y})"] + ([f"(h2 : {y} = {z})"] if chain else [])
    end = z if chain else y
    template = _expr(rng, "VAR", [w])
    lhs, rhs = template.replace("VAR", x), template.replace("VAR", end)
    rewrites = "h1, h2" if chain else "h1"
    draw = rng.random()
    if draw < 0.35:
        return _equality_steps(rng, x, y, z, w)
    if draw < 0.55:
        k = rng.randint(1, 9)
        return Draft(
            f"({x} {y} : Nat)",
            f"{x} * {y} + {k} = {k} + {y} * {x}",
            f"rw [Nat.mul_comm {x} {y}, Nat.add_comm ({y} * {x}) {k}]",
        )
    names = " ".join(sorted({x, y, w} | ({z} if chain else set())))
    return Draft(f"({names} : Nat) {' '.join(hyps)}", f"{lhs} = {rhs}", f"rw [{rewrites}]")


def _equality_steps(rng: random.Random, x: str, y: str, z: str, w: str) -> Draft:
    """Equalities needing a hypothesis rewritten backwards, or a substitution then lemma rewrites."""
    k = rng.randint(1, 9)
    if rng.random() < 0.5:
        return Draft(
            f"({x} {y} {z} : Nat) (h1 : {x} = {y}) (h2 : {x} + {k} = {z})",
            f"{y} + {k} = {z}",
            "rw [← h1]\nexact h2",
        )
    return Draft(
        f"({x} {y} {w} : Nat) (h1 : {x} = {y} + {k})",
        f"{x} * {w} = {w} * {y} + {w} * {k}",
        f"rw [h1]\nrw [Nat.mul_comm ({y} + {k}) {w}]\nrw [Nat.mul_add]",
    )


def _predicates(rng: random.Random) -> Draft:
    k = rng.randint(0, 40)
    shape = rng.randrange(9)
    if shape == 8:
        return Draft(
            "(P Q : Nat → Prop) (h1 : ∀ n, P n → Q n) (h2 : ∀ n, P n)",
            "∀ n, Q n ∧ P n",
            "intro n\nconstructor\n· exact h1 n (h2 n)\n· exact h2 n",
        )
    chain = "(P Q R : Nat → Prop) (h1 : ∀ n, P n → Q n) (h2 : ∀ n, Q n → R n)"
    if shape == 4:
        return Draft(f"{chain} (h3 : P {k})", "∃ m, R m", f"exact ⟨{k}, h2 {k} (h1 {k} h3)⟩")
    if shape == 5:
        return Draft(chain, "∀ n, P n → R n", "intro n hn\nexact h2 n (h1 n hn)")
    if shape == 6:
        step = "(P : Nat → Prop) (h1 : ∀ n, P n → P (n + 1))"
        return Draft(f"{step} (h2 : P {k})", f"P ({k} + 2)", f"exact h1 ({k} + 1) (h1 {k} h2)")
    if shape == 7:
        return Draft(
            "(P Q : Nat → Prop) (h : ∀ n, P n ∧ Q n)",
            f"Q {k} ∧ P {k}",
            f"constructor\n· exact (h {k}).2\n· exact (h {k}).1",
        )
    binders = "(P Q : Nat → Prop) (h1 : ∀ n, P n → Q n)"
    if shape == 0:
        return Draft(f"{binders} (h2 : P {k})", "∃ m, Q m", f"exact ⟨{k}, h1 {k} h2⟩")
    if shape == 1:
        return Draft(f"{binders} (h2 : P {k})", f"Q {k}", f"exact h1 {k} h2")
    if shape == 2:
        return Draft(f"{binders} (h2 : P {k})", "∃ m, Q m ∧ P m", f"exact ⟨{k}, h1 {k} h2, h2⟩")
    return Draft(f"{binders} (h2 : ∃ n, P n)", "∃ m, Q m", "obtain ⟨n, hn⟩ := h2\nexact ⟨n, h1 n hn⟩")


# Consecutive duplicate drafts after which a kind counts as exhausted and leaves the rotation.
_EXHAUSTED = 200
_IDENT = re.compile(r"(?<![\w'.])[^\W\d][\w']*")


def canonical(body: str) -> str:
    """`body` with every identifier renamed by order of first appearance, so statements equal up to
    a consistent renaming (of variables, hypotheses or predicates) compare equal."""
    names: dict[str, str] = {}
    return _IDENT.sub(lambda m: names.setdefault(m.group(0), f"v{len(names)}"), body)


def difficulty(script: str) -> str:
    """The benchmark's difficulty labels by tactic steps (bullets count): easy up to 2, medium up
    to 4, hard beyond."""
    steps = len(script.splitlines())
    return "easy" if steps <= 2 else "medium" if steps <= 4 else "hard"


_GENERATORS: dict[str, Callable[[random.Random], Draft]] = {
    "connectives": _connectives,
    "arith": _arith,
    "equality": _equality,
    "predicates": _predicates,
}


def generate(
    env: Environment,
    *,
    count: int,
    seed: int,
    kinds: Sequence[str] = KINDS,
    exclude: Sequence[Theorem] = (),
    max_tries: int = 20,
) -> list[Theorem]:
    """Up to `count` new theorems (split `train`, topic = kind, name `synth_<kind>_<seed>_<i>`, the
    proof in `proof`), round-robin over `kinds` (a kind leaves the rotation after `_EXHAUSTED` duplicates in a row), deterministic in `seed`; each one's proof passed
    `env.check`, and no two statements (nor any of `exclude`'s) are equal up to a renaming
    (`canonical`). Difficulty is `difficulty(proof)`. Gives up after `max_tries * count` drafts."""
    unknown = [k for k in kinds if k not in _GENERATORS]
    if unknown or not kinds:
        raise ValueError(f"unknown synthetic kinds {unknown or kinds} (known: {', '.join(KINDS)})")
    rng = random.Random(seed)
    seen = {canonical(t.statement.split(" ", 2)[-1]) for t in exclude}
    out: list[Theorem] = []
    rejected = duplicates = 0
    active, stalls = list(kinds), dict.fromkeys(kinds, 0)
    for _ in range(max_tries * count):
        if len(out) == count or not active:
            break
        kind = active[len(out) % len(active)]  # balanced while each kind still yields fresh drafts
        draft = _varied_names(rng, _GENERATORS[kind](rng), kind)
        body = f"{draft.binders} : {draft.target}"
        if canonical(body) in seen:
            duplicates += 1
            stalls[kind] += 1
            if stalls[kind] == _EXHAUSTED:
                active.remove(kind)
            continue
        stalls[kind] = 0
        name = f"synth_{kind}_{seed}_{len(out)}"
        theorem = Theorem(
            name,
            f"theorem {name} {body}",
            split="train",
            topic=kind,
            difficulty=difficulty(draft.script),
            proof=draft.script,
        )
        if not env.check(theorem, draft.script).ok:
            rejected += 1
            continue
        seen.add(canonical(body))
        out.append(theorem)
    log.info(
        "synthetic: kept %d, %d duplicate draft(s), %d rejected by the kernel", len(out), duplicates, rejected
    )
    return out
