"""Throughput of the embedded kernel: tactic applications per second on one core.

(a) replay: every reference proof in `lean_project/Benchmark/Proofs/` is re-checked with
    `EmbeddedEnv.check`; prints proofs accepted and tactic lines per second.
(b) stress: random tactics from a fixed pool applied to random goals reached from the benchmark
    statements (seeded); prints `apply` calls per second with the result cache off (a fresh env per
    call), so every call does the full work.

Usage: python bench/env_throughput.py [--seed 0] [--steps 20000]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from prover.env.base import Subgoals, TheoremUnsupported
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem, load_reference_proofs

ROOT = Path(__file__).resolve().parents[1] / "lean_project"

POOL = [
    "intro h",
    "intros",
    "intro n",
    "constructor",
    "left",
    "right",
    "assumption",
    "rfl",
    "decide",
    "omega",
    "trivial",
    "exfalso",
    "contradiction",
    "exact h",
    "apply h",
    "cases h",
    "induction n",
    "induction a",
    "rw [h]",
    "rw [Nat.add_comm]",
    "rw [Nat.mul_comm]",
    "exists 0",
    "exists 1",
    "exact Nat.le_refl a",
    "exact Nat.zero_le a",
    "simp",
    "rintro ⟨h1, h2⟩",
    "apply Nat.le_trans h1",
    "by_cases h : a = 0",
    "exact ⟨_, _⟩",
    "obtain ⟨x, hx⟩ := h",
    "exact Or.inl h",
    "rename_i x",
]


def load_proofs(root: Path) -> list[tuple[Theorem, str]]:
    return [(t, t.proof) for t in load_reference_proofs(root).values() if t.proof]


def replay(proofs: list[tuple[Theorem, str]], rounds: int) -> None:
    """The first pass is cold (statements and tactic texts parsed for the first time); later rounds
    reuse the kernel's parse caches, as a search re-applying the same tactics does."""
    tactic_lines = sum(sum(1 for x in s.splitlines() if x.strip()) for _, s in proofs)
    env = EmbeddedEnv()
    start = time.perf_counter()
    accepted = sum(env.check(t, s).ok for t, s in proofs)
    cold = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for t, s in proofs:
            env.check(t, s)
    warm, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"(a) replay: {accepted}/{len(proofs)} reference proofs accepted ({tactic_lines} tactic lines)")
    print(f"(a) replay, cold first pass: {tactic_lines / cold:,.0f} tactic lines/s ({cold:.2f} s)")
    print(
        f"(a) replay, warm: {tactic_lines * rounds / warm:,.0f} tactic lines/s ({rounds} rounds, {warm:.2f} s)"
    )
    # Per second of this process's CPU time: the figure to compare on a machine shared with other jobs.
    print(
        f"(a) replay, warm, per CPU second: {tactic_lines * rounds / cpu:,.0f} tactic lines/s ({cpu:.2f} s CPU)"
    )


def stress(proofs: list[tuple[Theorem, str]], steps: int, seed: int) -> None:
    rng = random.Random(seed)
    env = EmbeddedEnv()
    roots = []
    for t, _ in proofs:
        try:
            roots.append(env.start(t))
        except TheoremUnsupported:
            continue
    frontier = list(roots)
    calls, errors = 0, 0
    start = time.perf_counter()
    while calls < steps:
        goal = rng.choice(frontier)
        result = EmbeddedEnv().apply(goal, rng.choice(POOL))
        calls += 1
        if isinstance(result, Subgoals):
            frontier.extend(result.goals)
            if len(frontier) > 5000:
                frontier = roots + rng.sample(frontier, 2000)
        elif not hasattr(result, "goals") and type(result).__name__ == "TacticError":
            errors += 1
    elapsed = time.perf_counter() - start
    print(
        f"(b) stress: {calls / elapsed:,.0f} apply calls/s ({calls} calls, {errors} errors, {elapsed:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    proofs = load_proofs(ROOT)
    print(f"loaded {len(proofs)} reference proofs from {ROOT}")
    replay(proofs, args.rounds)
    stress(proofs, args.steps, args.seed)


if __name__ == "__main__":
    main()
