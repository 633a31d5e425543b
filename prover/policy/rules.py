"""A rule-based tactic policy: proposes tactics from the goal's shape and its hypotheses.

It reads only the goal text (Lean's own format), so it works on every backend. It is the baseline for
search experiments and the bootstrap policy of expert iteration. Each rule carries a weight; the
log-probabilities are the logs of the normalised weights of the deduplicated candidates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from prover.policy.types import TacticProposal

_CASE_LINE = re.compile(r"^case \S+$")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9']*")
# Lean prints a hypothesis with no user-facing name as `a✝`, but `✝` is not an identifier character
# (Lean.isIdRest), so a tactic naming it does not parse; such hypotheses are named by `rename_i` first.
_INACCESSIBLE = "✝"
_BINARY = (
    ("↔", 20),
    ("→", 25),
    ("∨", 30),
    ("∧", 35),
    ("=", 50),
    ("≠", 50),
    ("≤", 50),
    ("<", 50),
    ("≥", 50),
    (">", 50),
)
_ARITH_REL = ("=", "≠", "≤", "<", "≥", ">")


@dataclass(frozen=True)
class Hyp:
    name: str
    type: str


@dataclass(frozen=True)
class GoalView:
    """A goal's text split into hypotheses (one per name) and target."""

    hyps: tuple[Hyp, ...]
    target: str

    @property
    def names(self) -> frozenset[str]:
        return frozenset(h.name for h in self.hyps)


def parse_goal(text: str) -> GoalView:
    """Split the first goal of Lean goal text (`a b : Nat`, `h : p`, ..., `⊢ target`) into hypotheses and
    target."""
    hyps: list[Hyp] = []
    target_lines: list[str] = []
    in_target = False
    for line in text.splitlines():
        if in_target and not line.strip():
            break  # a blank line ends the first goal of a multi-goal state; tactics act on that one
        if in_target:
            target_lines.append(line.strip())
        elif line.startswith("⊢"):
            in_target = True
            target_lines.append(line[1:].strip())
        elif _CASE_LINE.match(line) or not line.strip():
            continue
        elif " : " in line and not line.startswith(" "):
            names, typ = line.split(" : ", 1)
            hyps.extend(Hyp(name, typ.strip()) for name in names.split())
        elif hyps:
            last = hyps[-1]
            hyps[-1] = Hyp(last.name, f"{last.type} {line.strip()}")
    return GoalView(tuple(hyps), " ".join(target_lines))


def _strip_parens(text: str) -> str:
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and _depth_zero_span(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _depth_zero_span(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "([⟨{"
        depth -= ch in ")]⟩}"
        if depth < 0:
            return False
    return depth == 0


def split_top(text: str) -> tuple[str, str, str] | None:
    """The loosest binary connective at bracket depth 0 (right-assoc ones split at their first
    occurrence): returns (left, op, right), or None for atoms, negations and binders."""
    text = _strip_parens(text)
    if text.startswith(("∀", "∃", "fun ")):
        return None
    best: tuple[int, int, str] | None = None
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([⟨{":
            depth += 1
        elif ch in ")]⟩}":
            depth -= 1
        elif depth == 0:
            for op, prec in _BINARY:
                if text.startswith(op, i) and (best is None or prec < best[0]):
                    best = (prec, i, op)
            if ch in "∀∃" and best is None:
                break
    if best is None:
        return None
    _, i, op = best
    return text[:i].strip(), op, text[i + len(op) :].strip()


def shape(text: str) -> str:
    """One of forall, exists, not, true, false, or a connective/relation symbol, or `atom`."""
    text = _strip_parens(text)
    if text.startswith("∀"):
        return "forall"
    if text.startswith("∃"):
        return "exists"
    split = split_top(text)
    if split is not None:
        return split[1]
    if text.startswith("¬"):
        return "not"
    if text in ("True", "False"):
        return text.lower()
    return "atom"


def fresh(base: str, taken: set[str]) -> str:
    name, k = base, 1
    while name in taken:
        name, k = f"{base}{k}", k + 1
    taken.add(name)
    return name


def _binder_names(target: str) -> list[str]:
    head = target[1:].split(",", 1)[0]
    head = head.replace("(", " ").replace(")", " ").split(":")[0]
    return [n for n in head.split() if _IDENT.fullmatch(n)]


def _nat_vars(view: GoalView) -> list[str]:
    return [h.name for h in view.hyps if h.type == "Nat" and _INACCESSIBLE not in h.name]


def _target_rules(view: GoalView, taken: set[str]) -> Iterator[tuple[str, float]]:
    kind = shape(view.target)
    if kind == "forall":
        names = [fresh(n, taken) for n in _binder_names(view.target)]
        yield f"intro {' '.join(names)}", 8.0
        yield "intro", 1.0
    elif kind in ("→", "not"):
        yield f"intro {fresh('h', taken)}", 8.0
        yield "intros", 1.0
    if kind in ("∧", "↔", "true"):
        yield "constructor", 8.0
    if kind == "∨":
        yield "left", 4.0
        yield "right", 4.0
    if kind == "exists":
        for witness in ["0", "1", *_nat_vars(view)]:
            yield f"exists {witness}", 2.0
    if kind in ("=", "↔", "≤"):
        yield "rfl", 3.0
    if kind in _ARITH_REL or kind == "false" or kind == "not":
        yield "omega", 5.0
    if not any(h.type == "Nat" for h in view.hyps) and kind in (*_ARITH_REL, "∧", "∨", "not", "→"):
        yield "decide", 3.0
    if kind == "=":
        yield "rw [Nat.add_comm]", 1.0
        yield "simp only [Nat.add_comm, Nat.mul_comm]", 0.5
    if kind not in ("false", "forall") and any(h.type.startswith("¬") for h in view.hyps):
        yield "exfalso", 1.0


def _hyp_rules(view: GoalView, taken: set[str]) -> Iterator[tuple[str, float]]:
    target = _strip_parens(view.target)
    for h in view.hyps:
        typ = _strip_parens(h.type)
        kind = shape(typ)
        if typ == target:
            yield f"exact {h.name}", 20.0
        if kind == "∧" or kind == "↔":
            yield f"obtain ⟨{fresh('h', taken)}, {fresh('h', taken)}⟩ := {h.name}", 4.0
        elif kind == "∨":
            yield f"rcases {h.name} with {fresh('h', taken)} | {fresh('h', taken)}", 4.0
        elif kind == "exists":
            var = _binder_names(typ)[0] if _binder_names(typ) else "x"
            yield f"obtain ⟨{fresh(var, taken)}, {fresh('h', taken)}⟩ := {h.name}", 4.0
        elif kind in ("→", "forall", "not"):
            yield f"apply {h.name}", 3.0
        elif kind == "=":
            yield f"rw [{h.name}]", 2.0
            yield f"rw [← {h.name}]", 1.0
        elif kind == "false":
            yield f"exact False.elim {h.name}", 10.0
    for var in _nat_vars(view):
        if re.search(rf"(?<![\w']){re.escape(var)}(?![\w'])", view.target):
            yield f"induction {var}", 1.5
            yield f"cases {var}", 0.5
    if any(_INACCESSIBLE in h.name for h in view.hyps):
        yield "rename_i " + " ".join(fresh("x", taken) for h in view.hyps if _INACCESSIBLE in h.name), 3.0


def rule_candidates(text: str) -> list[tuple[str, float]]:
    """Deduplicated (tactic, weight) proposals for one goal, heaviest first (ties keep rule order)."""
    view = parse_goal(text)
    taken = set(view.names)
    weights: dict[str, float] = {}
    generic = [("assumption", 2.0), ("contradiction", 1.0), ("trivial", 1.0)]
    for tactic, weight in [*_hyp_rules(view, taken), *_target_rules(view, taken), *generic]:
        if _INACCESSIBLE not in tactic:
            weights[tactic] = max(weight, weights.get(tactic, 0.0))
    return sorted(weights.items(), key=lambda kv: -kv[1])


@dataclass(frozen=True)
class RulesPolicy:
    """The `TacticPolicy` of the rules: deterministic, so `temperature` and `seed` are ignored."""

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float = 1.0, seed: int | None = None
    ) -> list[list[TacticProposal]]:
        out = []
        for text in goals:
            cands = rule_candidates(text)[:n]
            total = sum(w for _, w in cands)
            out.append([TacticProposal(tactic, math.log(w / total)) for tactic, w in cands])
        return out
