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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from prover.env.base import Environment
from prover.theorems import Theorem

log = logging.getLogger(__name__)

KINDS = ("connectives", "arith", "equality", "predicates")


@dataclass(frozen=True)
class Draft:
    """A statement (`binders`, `target`) with the proof script it was built from."""

    binders: str
    target: str
    script: str


def _paren(formula: str) -> str:
    return f"({formula})" if any(op in formula for op in ("∧", "∨", "→", "↔")) else formula


def _arg(term: str) -> str:
    """A proof term in argument position (an application needs parentheses there)."""
    return f"({term})" if " " in term and not term.startswith("⟨") else term


def _connectives(rng: random.Random) -> Draft:
    atoms = rng.sample(["p", "q", "r", "s", "t"], rng.randint(3, 4))
    hyps: list[tuple[str, str]] = []
    facts: list[tuple[str, str]] = []  # (type, proof term)
    for i, atom in enumerate(rng.sample(atoms, rng.randint(1, 2)), start=1):
        hyps.append((f"h{i}", atom))
        facts.append((atom, f"h{i}"))
    for _ in range(rng.randint(1, 2)):
        premise, conclusion = rng.choice([f for f, _ in facts]), rng.choice(atoms)
        if rng.random() < 0.4:
            conclusion = f"{conclusion} ∧ {rng.choice(atoms)}"
        name = f"h{len(hyps) + 1}"
        hyps.append((name, f"{_paren(premise)} → {conclusion}"))
        facts.append((conclusion, f"{name} {_arg(facts[[f for f, _ in facts].index(premise)][1])}"))
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.4 and len(facts) > 1:
            (a, ta), (b, tb) = rng.sample(facts, 2)
            facts.append((f"{_paren(a)} ∧ {_paren(b)}", f"⟨{ta}, {tb}⟩"))
        elif kind < 0.7:
            a, ta = rng.choice(facts)
            other = rng.choice(atoms)
            left = rng.random() < 0.5
            typ = f"{_paren(a)} ∨ {other}" if left else f"{other} ∨ {_paren(a)}"
            facts.append((typ, f"Or.{'inl' if left else 'inr'} {_arg(ta)}"))
        else:
            pairs = [(f, t) for f, t in facts if " ∧ " in f and "(" not in f and " " not in t]
            if pairs:
                f, t = rng.choice(pairs)
                left, right = f.split(" ∧ ", 1)
                facts.append((left, f"{t}.1") if rng.random() < 0.5 else (right, f"{t}.2"))
    if rng.random() < 0.25:
        return _or_elim(rng, atoms)
    target, term = facts[-1]
    intros = [h for h in hyps if h[0] in term][: rng.randint(0, 2)]
    kept = [h for h in hyps if h not in intros]
    goal = target
    for _, typ in reversed(intros):
        goal = f"{_paren(typ)} → {goal}"
    lines = ([f"intro {' '.join(n for n, _ in intros)}"] if intros else []) + [f"exact {term}"]
    binders = f"({' '.join(sorted(atoms))} : Prop) " + " ".join(f"({n} : {t})" for n, t in kept)
    return Draft(binders.strip(), goal, "\n".join(lines))


def _or_elim(rng: random.Random, atoms: Sequence[str]) -> Draft:
    """Case analysis on a disjunction, each case closed through its own implication."""
    p, q, r = atoms[:3]
    binders = f"({' '.join(sorted(atoms))} : Prop) (h : {p} ∨ {q}) (h1 : {p} → {r}) (h2 : {q} → {r})"
    if rng.random() < 0.5:
        script = f"rcases h with h{p} | h{q}\n· exact h1 h{p}\n· exact h2 h{q}"
        return Draft(binders, r, script)
    script = f"cases h with\n| inl h{p} => exact Or.inr (h1 h{p})\n| inr h{q} => exact Or.inr (h2 h{q})"
    return Draft(binders, f"{q} ∨ {r}", script)


def _arith(rng: random.Random) -> Draft:
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
    if rng.random() < 0.3:
        k = rng.randint(1, 9)
        return Draft(
            f"({x} {y} : Nat)",
            f"{x} * {y} + {k} = {k} + {y} * {x}",
            f"rw [Nat.mul_comm {x} {y}, Nat.add_comm ({y} * {x}) {k}]",
        )
    names = " ".join(sorted({x, y, w} | ({z} if chain else set())))
    return Draft(f"({names} : Nat) {' '.join(hyps)}", f"{lhs} = {rhs}", f"rw [{rewrites}]")


def _predicates(rng: random.Random) -> Draft:
    k = rng.randint(0, 12)
    shape = rng.randrange(8)
    chain = "(P Q R : Nat → Prop) (h1 : ∀ n, P n → Q n) (h2 : ∀ n, Q n → R n)"
    if shape == 4:
        return Draft(f"{chain} (h3 : P {k})", "∃ m, R m", f"exact ⟨{k}, h2 {k} (h1 {k} h3)⟩")
    if shape == 5:
        return Draft(chain, "∀ n, P n → R n", "intro n hn\nexact h2 n (h1 n hn)")
    if shape == 6:
        step = "(P : Nat → Prop) (h : ∀ n, P n → P (n + 1))"
        return Draft(f"{step} (h0 : P {k})", f"P ({k} + 2)", f"exact h ({k} + 1) (h {k} h0)")
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
    proof in `proof`), round-robin over `kinds`, deterministic in `seed`; each one's proof passed
    `env.check`, and no two statements (nor any of `exclude`'s) are equal up to the name. Gives up
    after `max_tries * count` drafts."""
    unknown = [k for k in kinds if k not in _GENERATORS]
    if unknown or not kinds:
        raise ValueError(f"unknown synthetic kinds {unknown or kinds} (known: {', '.join(KINDS)})")
    rng = random.Random(seed)
    seen = {t.statement.split(" ", 2)[-1] for t in exclude}
    out: list[Theorem] = []
    rejected = 0
    for attempt in range(max_tries * count):
        if len(out) == count:
            break
        kind = kinds[attempt % len(kinds)]
        draft = _GENERATORS[kind](rng)
        body = f"{draft.binders} : {draft.target}"
        if body in seen:
            continue
        name = f"synth_{kind}_{seed}_{len(out)}"
        theorem = Theorem(name, f"theorem {name} {body}", split="train", topic=kind, proof=draft.script)
        if not env.check(theorem, draft.script).ok:
            rejected += 1
            continue
        seen.add(body)
        out.append(theorem)
    if rejected:
        log.info("synthetic: %d draft(s) rejected by the kernel", rejected)
    return out
