"""Random propositional derivations read backwards: each node picks the rule that closes the goal
(constructor, left/right, intro, apply, obtain, rcases, exact) and the statement is what the tree
proves, so the script is a proof by construction (the kernel check in `synthetic.generate` confirms).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# Atom sets and hypothesis-naming styles a theorem draws from, so a learned policy cannot key on
# one spelling: `{i}` is a counter, `{a}` the atom the hypothesis is about.
MAX_STEPS = 6  # tactic lines (bullets included) in one generated proof

_ATOM_SETS = (("p", "q", "r", "s"), ("a", "b", "c", "d"), ("P", "Q", "R", "S"), ("α", "β", "γ", "δ"))
_HYP_STYLES = ("h{i}", "h{a}", "H{i}", "hyp{i}", "h{a}{i}")


def paren(formula: str) -> str:
    """`formula` as an operand of a connective (compound formulas get parentheses)."""
    return f"({formula})" if any(op in formula for op in ("∧", "∨", "→", "↔", "¬")) else formula


def bullet(lines: list[str]) -> list[str]:
    """A sub-proof as one focused bullet: its first line after `· `, the rest indented under it."""
    return [f"· {lines[0]}"] + [f"  {line}" for line in lines[1:]]


@dataclass
class _Derivation:
    """Mutable state of one derivation: the binder hypotheses it needs and its tactic-step budget."""

    rng: random.Random
    atoms: tuple[str, ...]
    style: str
    budget: int
    steps: int = 0
    binders: list[tuple[str, str]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def name(self, about: str) -> str:
        for i in range(1, 100):
            label = about if about.isascii() else "x"
            candidate = self.style.format(i=i, a=label)
            if "{i}" not in self.style and i > 1:
                candidate = f"{candidate}{i}"
            if candidate not in self.taken and candidate not in self.atoms:
                self.taken.add(candidate)
                return candidate
        raise RuntimeError("no fresh hypothesis name")

    def atom(self) -> str:
        return self.rng.choice(self.atoms)

    def assume(self, typ: str) -> str:
        """A new binder hypothesis of type `typ`; returns its name."""
        name = self.name(typ if len(typ) == 1 else "x")
        self.binders.append((name, typ))
        return name


def _leaf(d: _Derivation, scope: list[tuple[str, str]]) -> tuple[str, list[str]]:
    d.steps += 1
    if scope and d.rng.random() < 0.7:
        name, typ = d.rng.choice(scope)
        return typ, [f"exact {name}"]
    atom = d.atom()
    return atom, [f"exact {d.assume(atom)}"]


def _prove(d: _Derivation, scope: list[tuple[str, str]], depth: int) -> tuple[str, list[str]]:
    """A (target, script) pair: the script proves the target from `scope` and `d.binders`."""
    if depth == 0 or d.steps >= d.budget - 1:
        return _leaf(d, scope)
    rule = d.rng.choice(("and", "or", "imp", "imp", "apply", "obtain", "rcases"))
    d.steps += 1
    if rule == "and" and d.steps <= d.budget - 2:
        left, left_lines = _prove(d, scope, depth - 1)
        right, right_lines = _prove(d, scope, depth - 1)
        return f"{paren(left)} ∧ {paren(right)}", ["constructor", *bullet(left_lines), *bullet(right_lines)]
    if rule == "or":
        inner, lines = _prove(d, scope, depth - 1)
        other = d.atom()
        if d.rng.random() < 0.5:
            return f"{paren(inner)} ∨ {other}", ["left", *lines]
        return f"{other} ∨ {paren(inner)}", ["right", *lines]
    if rule == "apply":
        premise, lines = _prove(d, scope, depth - 1)
        conclusion = d.rng.choice([a for a in d.atoms if a != premise])
        return conclusion, [f"apply {d.assume(f'{paren(premise)} → {conclusion}')}", *lines]
    if rule == "obtain":
        a, b = d.rng.sample(d.atoms, 2)
        pair = d.assume(f"{a} ∧ {b}")
        ha, hb = d.name(a), d.name(b)
        target, lines = _prove(d, [*scope, (ha, a), (hb, b)], depth - 1)
        return target, [f"obtain ⟨{ha}, {hb}⟩ := {pair}", *lines]
    if rule == "rcases" and d.steps <= d.budget - 2:
        return _rcases(d, scope)
    premise = d.atom() if d.rng.random() < 0.7 else " ∧ ".join(d.rng.sample(d.atoms, 2))
    hyp = d.name(premise if len(premise) == 1 else "x")
    target, lines = _prove(d, [*scope, (hyp, premise)], depth - 1)
    return f"{paren(premise)} → {target}", [f"intro {hyp}", *lines]


def _rcases(d: _Derivation, scope: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """Case analysis on a binder disjunction; each case reaches the common target its own way."""
    a, b, c = d.rng.sample(d.atoms, 3)
    disj = d.assume(f"{a} ∨ {b}")
    ha, hb = d.name(a), d.name(b)
    d.steps += 2
    if d.rng.random() < 0.5:
        f, g = d.assume(f"{a} → {c}"), d.assume(f"{b} → {c}")
        return c, [f"rcases {disj} with {ha} | {hb}", f"· exact {f} {ha}", f"· exact {g} {hb}"]
    return f"{b} ∨ {a}", [f"rcases {disj} with {ha} | {hb}", f"· exact Or.inr {ha}", f"· exact Or.inl {hb}"]


def connectives(rng: random.Random) -> tuple[str, str, str]:
    """(binders, target, script) of a random propositional theorem of 1 to `MAX_STEPS` tactic steps."""
    while True:  # the budget is checked per node, so a branching node can overshoot: redraw then
        atoms = rng.choice(_ATOM_SETS)[: rng.randint(3, 4)]
        d = _Derivation(rng, atoms, rng.choice(_HYP_STYLES), budget=rng.randint(2, MAX_STEPS))
        target, lines = _prove(d, [], depth=rng.choice((0, 1, 2, 2, 3, 3, 3)))
        if len(lines) <= MAX_STEPS:
            break
    if rng.random() < 0.2:  # a hypothesis the proof never uses, so `exact` on the first fit is no cue
        d.assume(" → ".join(rng.sample(atoms, 2)))
    rng.shuffle(d.binders)
    hyps = " ".join(f"({n} : {t})" for n, t in d.binders)
    return f"({' '.join(atoms)} : Prop) {hyps}".strip(), target, "\n".join(lines)
