"""Goals per second of batched tactic proposal, candidate scoring and critic evaluation.

An untrained model rarely emits end-of-sequence, so every candidate runs to `--max-new-tokens`: these
figures are the worst case for that length.

    PYTHONPATH=. python bench/policy_throughput.py [--architecture decoder|llama|encoder-decoder]
        [--tokenizer byte|bpe] [--batch-sizes 1 8 32] [--cache static] [--checkpoint DIR | --n-layer 2 --d-model 128]

`--tokenizer bpe` fits the BPE of `prover.policy.tokenizer` to the train split's Lean text first (as
`train` does), so the figures show what the shorter sequences buy.

Scoring (`HFPolicy.score`, what `policy.combine=rerank` runs on every expansion) is measured on
`--score-candidates` tactics per goal.
"""

from __future__ import annotations

import argparse
import time

import torch

from prover.policy.hf import HFPolicy

GOALS = [
    "a b : ℕ\nh : a ≤ b\n⊢ a + 0 ≤ b",
    "p q r : Prop\nhp : p\nhq : q\nhr : r\n⊢ (p ∧ q) ∧ r",
    "α : Type u_1\nxs ys : List α\n⊢ (xs ++ ys).length = xs.length + ys.length",
    "n : ℕ\nih : ∀ (m : ℕ), m ≤ n → m * 2 = m + m\n⊢ n + 1 ≤ n + 1 → (n + 1) * 2 = n + 1 + (n + 1)",
]


CANDIDATES = [
    "intro h",
    "exact h",
    "omega",
    "constructor",
    "rw [Nat.add_comm]",
    "simp only [Nat.mul_assoc]",
    "exact ⟨hp, hq⟩",
    "induction n with",
    "cases h with",
    "apply Nat.le_of_lt",
    "exact Or.inl hp",
    "obtain ⟨n, hn⟩ := h",
    "decide",
    "rfl",
    "assumption",
    "exact Nat.le_add_left a b",
]


def _best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times)


def measure(policy: HFPolicy, batch: int, *, n: int, k: int, repeats: int) -> tuple[float, float, float]:
    """Best-of-`repeats` goals/s for proposal, scoring `k` candidates and critic values (the machine
    is shared: best is the least disturbed run)."""
    goals = [GOALS[i % len(GOALS)] for i in range(batch)]
    policy.propose(goals, n=n, temperature=1.0, seed=0)
    candidates = [[CANDIDATES[j % len(CANDIDATES)] for j in range(k)]] * batch
    propose = _best(lambda: policy.propose(goals, n=n, temperature=1.0, seed=1), repeats)
    score = _best(lambda: policy.score(goals, candidates), repeats)
    critic = _best(lambda: policy.values(goals), repeats)
    return batch / propose, batch / score, batch / critic


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--architecture", default="decoder", choices=["decoder", "llama", "encoder-decoder"])
    parser.add_argument("--tokenizer", default="byte", choices=["byte", "bpe"])
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--n", type=int, default=8, help="candidates per goal")
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--cache", default=None, help="GenerationConfig cache_implementation, e.g. static")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    parser.add_argument("--score-candidates", type=int, default=16)
    parser.add_argument("--checkpoint", default=None, help="a saved model folder instead of a fresh model")
    parser.add_argument("--n-layer", type=int, default=4)
    parser.add_argument("--d-model", type=int, default=256)
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    corpus = None
    if args.tokenizer == "bpe" and args.checkpoint is None:
        from prover.train.corpus import lean_corpus

        corpus = lean_corpus()
    policy = HFPolicy.create(
        model_name=args.checkpoint,
        architecture=args.architecture,
        tokenizer=args.tokenizer,
        corpus=corpus,
        n_layer=args.n_layer,
        d_model=args.d_model,
        max_new_tokens=args.max_new_tokens,
        device=args.device,
    )
    print(
        f"{args.architecture} ({args.tokenizer}): {policy.model.num_parameters() / 1e6:.1f}M parameters, device {policy.device}, "
        f"{torch.get_num_threads()} threads, n={args.n}, max_new_tokens={args.max_new_tokens}, cache={args.cache}"
    )
    print(
        f"{'batch':>6} {'propose goals/s':>16} {'tactics/s':>10} {'score goals/s':>14} {'critic goals/s':>15}"
    )
    for batch in args.batch_sizes:
        propose, score, critic = measure(
            policy, batch, n=args.n, k=args.score_candidates, repeats=args.repeats
        )
        print(f"{batch:>6} {propose:>16.2f} {propose * args.n:>10.1f} {score:>14.1f} {critic:>15.1f}")


if __name__ == "__main__":
    main()
