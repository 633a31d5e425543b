"""Goals per second of batched tactic proposal (and critic evaluation) with the default small model.

An untrained model rarely emits end-of-sequence, so every candidate runs to `--max-new-tokens`: these
figures are the worst case for that length.

    PYTHONPATH=. python bench/policy_throughput.py [--architecture decoder|encoder-decoder] [--batch-sizes 1 8 32] [--cache static]
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


def measure(policy: HFPolicy, batch: int, *, n: int, repeats: int) -> tuple[float, float]:
    """Best-of-`repeats` goals/s for proposal and for critic values (the machine is shared: best is
    the least disturbed run)."""
    goals = [GOALS[i % len(GOALS)] for i in range(batch)]
    policy.propose(goals, n=n, temperature=1.0, seed=0)
    propose_times, critic_times = [], []
    for r in range(repeats):
        began = time.perf_counter()
        policy.propose(goals, n=n, temperature=1.0, seed=r)
        propose_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        policy.values(goals)
        critic_times.append(time.perf_counter() - began)
    return batch / min(propose_times), batch / min(critic_times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--architecture", default="decoder", choices=["decoder", "encoder-decoder"])
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--n", type=int, default=8, help="candidates per goal")
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--cache", default=None, help="GenerationConfig cache_implementation, e.g. static")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    policy = HFPolicy.create(
        architecture=args.architecture, max_new_tokens=args.max_new_tokens, device=args.device
    )
    print(
        f"{args.architecture}: {policy.model.num_parameters() / 1e6:.1f}M parameters, device {policy.device}, "
        f"{torch.get_num_threads()} threads, n={args.n}, max_new_tokens={args.max_new_tokens}, cache={args.cache}"
    )
    print(f"{'batch':>6} {'propose goals/s':>16} {'tactics/s':>10} {'critic goals/s':>15}")
    for batch in args.batch_sizes:
        propose_rate, critic_rate = measure(policy, batch, n=args.n, repeats=args.repeats)
        print(f"{batch:>6} {propose_rate:>16.2f} {propose_rate * args.n:>10.1f} {critic_rate:>15.1f}")


if __name__ == "__main__":
    main()
