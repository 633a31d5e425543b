"""Time per expansion spent in the search engine itself (selection, backup, bookkeeping).

The environment, policy and critic cost (almost) nothing and their own time is measured and subtracted,
so what remains is the engine's. Windows are measured in process CPU time, so that other processes
competing for the cores inflate them less; callbacks are timed with the cheaper wall clock. Goals are integers; each tactic yields fresh goals, a few merge with
recently created ones, a few are invalid, none closes its goal, so the tree only grows. The table shows
the engine's mean microseconds per expansion while the tree holds about 10^3, 10^4 and 10^5 nodes.

    PYTHONPATH=. python bench/search_overhead.py [--search htps|mcts|best_first] [--max-nodes 200000]
        [--no-gc] [--seed 0]

`--no-gc` disables Python's cyclic garbage collector for the run, to show how much of the cost is the
collector traversing the (large, long-lived) tree.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Sequence

from search import SEARCHES, Budget, Children, Invalid, SearchGoal, TacticCandidate

TACTICS = 8
WINDOWS = (1_000, 10_000, 100_000)


class ZeroCostWorld:
    """Policy, critic and apply with negligible cost; records (nodes, wall clock, callback time)."""

    def __init__(self, seed: int, merge_rate: float, invalid_rate: float) -> None:
        self.rng = random.Random(seed)
        self.merge_rate = merge_rate
        self.invalid_rate = invalid_rate
        self.goals = 1
        self.candidates = [TacticCandidate(f"t{i}", -1.0 - i, 0.5**i) for i in range(TACTICS)]
        self.callback_seconds = 0.0
        self.marks: list[tuple[int, int, float, float]] = []  # (nodes, expansions, wall, callbacks)
        self.expansions = 0

    def goal(self, n: int) -> SearchGoal:
        return SearchGoal(key=str(n), text=str(n), payload=n)

    def policy(self, goals: Sequence[SearchGoal]) -> list[list[TacticCandidate]]:
        t0 = time.perf_counter()
        self.marks.append((self.goals, self.expansions, time.process_time(), self.callback_seconds))
        self.expansions += len(goals)
        out = [self.candidates] * len(goals)
        self.callback_seconds += time.perf_counter() - t0
        return out

    def critic(self, goals: Sequence[SearchGoal]) -> list[float]:
        return [0.5] * len(goals)

    def apply(self, goal: SearchGoal, tactic: str) -> Children | Invalid:
        t0 = time.perf_counter()
        rng = self.rng
        if rng.random() < self.invalid_rate:
            outcome: Children | Invalid = Invalid("rejected")
        else:
            children = []
            for _ in range(1 if rng.random() < 0.7 else 2):
                if rng.random() < self.merge_rate and self.goals > 64:
                    children.append(self.goal(self.goals - rng.randrange(1, 64)))
                else:
                    children.append(self.goal(self.goals))
                    self.goals += 1
            outcome = Children(tuple(children))
        self.callback_seconds += time.perf_counter() - t0
        return outcome


def window_cost(marks: list[tuple[int, int, float, float]], size: int) -> float | None:
    """Mean engine microseconds per expansion between the tree reaching size/2 and 2*size goals.

    Goals are counted as the environment creates them (an upper bound of the tree's node count,
    since a cycle-killed tactic's goals are not added).
    """
    inside = [m for m in marks if size / 2 <= m[0] <= size * 2]
    if len(inside) < 2:
        return None
    (_, e0, w0, c0), (_, e1, w1, c1) = inside[0], inside[-1]
    return ((w1 - w0) - (c1 - c0)) / (e1 - e0) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", default="htps", choices=sorted(SEARCHES))
    parser.add_argument("--max-nodes", type=int, default=200_000)
    parser.add_argument("--merge-rate", type=float, default=0.05)
    parser.add_argument("--invalid-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-gc", action="store_true", help="disable the cyclic garbage collector")
    args = parser.parse_args()
    if args.no_gc:
        gc.disable()
    world = ZeroCostWorld(args.seed, args.merge_rate, args.invalid_rate)
    # about TACTICS * 0.7 * 1.3 new goals per expansion
    expansions = int(args.max_nodes / (TACTICS * (1 - args.invalid_rate) * 1.3)) + 1
    t0 = time.process_time()
    result = SEARCHES[args.search](
        world.goal(0),
        policy=world.policy,
        critic=world.critic,
        apply=world.apply,
        budget=Budget(max_expansions=expansions),
        seed=args.seed,
    )
    total = time.process_time() - t0
    print(
        f"search={args.search} expansions={result.expansions} nodes={len(result.tree.nodes)} "
        f"edges={len(result.tree.edges)} cpu={total:.1f}s stop={result.stop_reason} gc={not args.no_gc}"
    )
    print(f"{'tree size':>10} | {'engine us/expansion':>20}")
    for size in WINDOWS:
        cost = window_cost(world.marks, size)
        print(f"{size:>10} | {'n/a' if cost is None else f'{cost:.1f}':>20}")


if __name__ == "__main__":
    main()
