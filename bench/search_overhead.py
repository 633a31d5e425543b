"""CPU time per expansion spent in the search engine itself (selection, backup, bookkeeping).

The environment, policy and critic cost (almost) nothing: the policy call (one per batch) prepares
every tactic's outcome and the apply function only looks it up. The CPU time of the policy and critic
calls is measured and subtracted; so is that of the apply calls (8 per expansion), at their cost per
call measured in a tight loop after each run (timing each call would cost more than the call). Time is process CPU time
(`time.process_time`), so that other processes competing for the cores inflate it less. Each figure
is the engine's CPU microseconds per expansion while the tree grows from 0.8x to 1.25x the stated
number of goals (goals counted as the environment creates them), the median over `--repeats` runs,
each run in its own forked process (see `isolated`);
below 10^4 goals that window lasts only a few milliseconds, so each repeat pools it over enough short
extra runs (different seeds) to cover 10^4 goals' worth of windows.

Two workloads:
- default: goals are integers; each of 8 tactics yields 1 child (70%) or 2, a few merge with recently
  created goals (`--merge-rate`), a few tactics are invalid (`--invalid-rate`), none closes its goal.
- `--against-open-htps`: the workload of the comparison, run through both this package's HTPS and
  open-htps (PyPI `htps`, C++, `pip install '.[bench]'`) in the same process, the engines alternating
  run by run: every goal gets the same 8 tactics with the same priors (proportional to 2^-i), each
  yielding 1 (70%) or 2 fresh children; critic value 0.5, c = 1, init Q 0.5, virtual loss 1, batch of
  8 simulations, depth penalty 0.99, deterministic selection. For open-htps the engine's share is the
  CPU time inside `theorems_to_expand` and `expand_and_backup` (building its input objects, the
  equivalent of our callbacks, is not counted).

    PYTHONPATH=. python bench/search_overhead.py [--against-open-htps] [--search htps|mcts|best_first]
        [--sizes 1000 10000 30000 100000] [--repeats 5] [--no-gc] [--seed 0]

`--no-gc` disables Python's cyclic garbage collector, to show what the collector costs.
"""

from __future__ import annotations

import argparse
import gc
import logging
import math
import multiprocessing
import random
import statistics
import time
from collections.abc import Callable, Sequence

from search import SEARCHES, Budget, Children, ExpansionCrash, Invalid, Outcome, SearchGoal, TacticCandidate

TACTICS = 8
PRIORS = [2.0**-i / sum(2.0**-j for j in range(TACTICS)) for i in range(TACTICS)]
SIZES = (1_000, 10_000, 30_000, 100_000)
WINDOW = (0.8, 1.25)
POOLED = 10_000  # smaller sizes pool their window over several runs (see `measure`)
Mark = tuple[int, int, float]  # (goals created, expansions, engine CPU seconds so far)
APPLY_CPU: list[float] = []  # per run of this package's search: CPU seconds of one apply call


class World:
    """The synthetic environment: child counts, merges and invalid tactics drawn from one seeded rng."""

    def __init__(self, seed: int, *, merge_rate: float = 0.0, invalid_rate: float = 0.0) -> None:
        self.rng = random.Random(seed)
        self.merge_rate = merge_rate
        self.invalid_rate = invalid_rate
        self.goals = 1

    def outcome(self) -> tuple[int, ...] | None:
        """Child goal numbers of one tactic application (None: the tactic is invalid)."""
        rng = self.rng
        if self.invalid_rate and rng.random() < self.invalid_rate:
            return None
        children = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            if self.merge_rate and rng.random() < self.merge_rate and self.goals > 64:
                children.append(self.goals - rng.randrange(1, 64))
            else:
                children.append(self.goals)
                self.goals += 1
        return tuple(children)


class Callbacks:
    """Policy, critic and apply of this package's searches over a `World`; marks engine CPU per batch."""

    def __init__(self, world: World, max_goals: int) -> None:
        self.world = world
        self.max_goals = max_goals
        self.candidates = [TacticCandidate(f"t{i}", math.log(p), p) for i, p in enumerate(PRIORS)]
        self.pending: dict[str, dict[str, Outcome]] = {}
        self.callback_cpu = 0.0
        self.expansions = 0
        self.marks: list[Mark] = []

    @staticmethod
    def goal(n: int) -> SearchGoal:
        return SearchGoal(key=str(n), text=str(n), payload=n)

    def policy(self, goals: Sequence[SearchGoal]) -> list[list[TacticCandidate]]:
        t0 = time.process_time()
        self.marks.append((self.world.goals, self.expansions, t0 - self.callback_cpu))
        self.expansions += len(goals)
        self.pending.clear()  # the previous batch is fully applied
        for g in goals:
            # MCTS and best-first see proof states and apply tactics to a state's first goal
            first = g.payload[0] if isinstance(g.payload, tuple) else g
            if first.key not in self.pending:
                self.pending[first.key] = {c.tactic: self._outcome() for c in self.candidates}
        self.callback_cpu += time.process_time() - t0
        return [self.candidates] * len(goals)

    def _outcome(self) -> Outcome:
        children = self.world.outcome()
        if children is None:
            return Invalid("rejected")
        return Children(tuple(self.goal(n) for n in children))

    def critic(self, goals: Sequence[SearchGoal]) -> list[float]:
        t0 = time.process_time()
        values = [0.5] * len(goals)
        self.callback_cpu += time.process_time() - t0
        return values

    def apply(self, goal: SearchGoal, tactic: str) -> Outcome:
        if self.world.goals >= self.max_goals:
            raise ExpansionCrash("the tree is big enough")  # stops the search cleanly
        return self.pending[goal.key][tactic]


def run_ours(search: str, seed: int, max_goals: int, *, merge_rate: float, invalid_rate: float) -> list[Mark]:
    world = World(seed, merge_rate=merge_rate, invalid_rate=invalid_rate)
    cb = Callbacks(world, max_goals)
    kwargs = {"batch_size": 8, "depth_penalty": 0.99, "c_puct": 1.0} if search == "htps" else {}
    SEARCHES[search](
        cb.goal(0), policy=cb.policy, critic=cb.critic, apply=cb.apply, budget=Budget(), seed=seed, **kwargs
    )
    per_call = apply_cpu(cb)
    APPLY_CPU.append(per_call)
    return [(goals, n, cpu - per_call * TACTICS * n) for goals, n, cpu in cb.marks]


def apply_cpu(cb: Callbacks, reps: int = 2000) -> float:
    """CPU seconds of one call of the apply callback (a dict look-up), measured in a tight loop on the
    last batch's goals: every expansion makes `TACTICS` such calls, and their cost is the environment's."""
    cb.max_goals = math.inf
    calls = [(cb.goal(int(key)), tactic) for key, outcomes in cb.pending.items() for tactic in outcomes][:64]
    apply = cb.apply
    t0 = time.process_time()
    for _ in range(reps):
        for goal, tactic in calls:
            apply(goal, tactic)
    return (time.process_time() - t0) / (reps * len(calls))


def run_open_htps(seed: int, max_goals: int) -> list[Mark]:
    import htps

    world = World(seed)
    context = htps.Context([])

    def theorem(n: int) -> htps.Theorem:
        return htps.Theorem(str(n), str(n), [], context, [])

    params = htps.SearchParams(
        exploration=1.0, policy_type=htps.PolicyType.AlphaZero, num_expansions=10**9, succ_expansions=8,
        early_stopping=False, no_critic=False, backup_once=False, backup_one_for_solved=True,
        depth_penalty=0.99, count_threshold=10, tactic_p_threshold=False, tactic_sample_q_conditioning=False,
        only_learn_best_tactics=False, tactic_init_value=0.5, q_value_solved=htps.QValueSolved.One,
        policy_temperature=0.0, metric=htps.Metric.Time, node_mask=htps.NodeMask.NoMask,
        effect_subsampling_rate=1.0, critic_subsampling_rate=1.0,
        early_stopping_solved_if_root_not_proven=False, virtual_loss=1,
    )  # fmt: skip
    tactics = [htps.Tactic(f"t{i}", True, 0) for i in range(TACTICS)]
    search = htps.HTPS(theorem(0), params)
    log_critic = math.log(0.5)
    engine, expansions, marks = 0.0, 0, []
    while world.goals < max_goals:
        marks.append((world.goals, expansions, engine))
        t0 = time.process_time()
        goals = search.theorems_to_expand()
        engine += time.process_time() - t0
        batch = []
        for goal in goals:
            children = [[theorem(n) for n in world.outcome()] for _ in tactics]
            effects = [htps.EnvEffect(goal, t, c) for t, c in zip(tactics, children, strict=True)]
            batch.append(
                htps.EnvExpansion(goal, 0, 0, [0] * TACTICS, effects, log_critic, tactics, children, PRIORS)
            )
        t0 = time.process_time()
        search.expand_and_backup(batch)
        engine += time.process_time() - t0
        expansions += len(goals)
    return marks


def window(marks: list[Mark], size: int) -> tuple[float, int]:
    """Engine CPU seconds and expansions while the tree grows from 0.8x to 1.25x `size` goals."""
    lo = next(m for m in marks if m[0] >= size * WINDOW[0])
    hi = next(m for m in marks if m[0] >= size * WINDOW[1])
    return hi[2] - lo[2], hi[1] - lo[1]


def isolated(run: Callable[[int, int], list[Mark]], seed: int, goals: int) -> list[Mark]:
    """`run(seed, goals)` in a forked child process: every run starts from the same small, clean heap
    (the parent's, before any run), so that no engine measures what an earlier run of either engine
    left in the allocator (run in one process after the other engine's runs, this package's figures
    came out 1.3-1.5x those of a run on its own). The child's apply-call cost joins `APPLY_CPU`."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send((run(seed, goals), APPLY_CPU))
        except BaseException as exc:  # the parent reports it
            send.send((None, repr(exc)))

    process = context.Process(target=child)
    process.start()
    send.close()  # the child holds the only writer now: if it dies without sending, recv raises EOFError
    marks, extra = receive.recv()
    process.join()
    if marks is None:
        raise RuntimeError(f"a run (seed {seed}) failed: {extra}")
    APPLY_CPU[:] = extra
    return marks


def measure(runs: dict[str, Callable[[int, int], list[Mark]]], sizes: Sequence[int], repeats: int) -> dict:
    """Per engine and size, the cost (CPU us per expansion) of every repeat; the engines alternate run
    by run, each run in its own process (`isolated`). One run to the largest size gives every size's
    window; below `POOLED` goals a window is only a few milliseconds of CPU, so that size's figure
    pools its window over `ceil(POOLED / size)` runs (the big run and short runs to just past the
    window), and a stray interruption weighs less."""
    costs: dict[str, dict[int, list[float]]] = {name: {s: [] for s in sizes} for name in runs}
    top = int(max(sizes) * WINDOW[1]) + 2000  # a few batches past the last window
    gc.collect()
    for r in range(repeats):
        for name in runs if r % 2 == 0 else reversed(list(runs)):
            marks = isolated(runs[name], r, top)
            for s in sizes:
                cpu, expansions = window(marks, s)
                for extra in range(1, math.ceil(POOLED / s)):
                    more = window(isolated(runs[name], r + 1000 * extra, int(s * WINDOW[1]) + 200), s)
                    cpu, expansions = cpu + more[0], expansions + more[1]
                costs[name][s].append(cpu / expansions * 1e6)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against-open-htps", action="store_true")
    parser.add_argument("--search", default="htps", choices=sorted(SEARCHES))
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--merge-rate", type=float, default=0.05)
    parser.add_argument("--invalid-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-gc", action="store_true", help="disable the cyclic garbage collector")
    args = parser.parse_args()
    logging.getLogger("search.expansion").setLevel(logging.ERROR)  # each run ends by "crashing" apply
    if args.no_gc:
        gc.disable()
    if args.against_open_htps:
        try:
            import htps  # noqa: F401
        except ImportError:
            parser.exit(2, "open-htps is not installed: pip install '.[bench]' (PyPI package htps)\n")
        runs = {
            "open-htps": lambda r, goals: run_open_htps(args.seed + r, goals),
            "search/": lambda r, goals: run_ours(
                "htps", args.seed + r, goals, merge_rate=0.0, invalid_rate=0.0
            ),
        }
    else:
        runs = {
            f"search/ {args.search}": lambda r, goals: run_ours(
                args.search,
                args.seed + r,
                goals,
                merge_rate=args.merge_rate,
                invalid_rate=args.invalid_rate,
            )
        }
    costs = measure(runs, args.sizes, args.repeats)
    print(
        f"engine CPU us per expansion, median (min) of {args.repeats} runs, gc={'off' if args.no_gc else 'on'}; "
        f"apply callback subtracted at {statistics.median(APPLY_CPU) * 1e6:.2f} us per call"
    )
    names = list(runs)
    header = " | ".join(f"{n:>18}" for n in names)
    print(f"{'goals':>8} | {header}" + (" | ratio search/ : open-htps" if len(names) == 2 else ""))
    for s in args.sizes:
        cells = [f"{statistics.median(costs[n][s]):8.1f} ({min(costs[n][s]):6.1f})" for n in names]
        line = f"{s:>8} | " + " | ".join(f"{c:>18}" for c in cells)
        if len(names) == 2:
            line += (
                f" | {statistics.median(costs['search/'][s]) / statistics.median(costs['open-htps'][s]):.2f}"
            )
        print(line)
    lo, hi = min(args.sizes), max(args.sizes)
    growth = ", ".join(
        f"{n} {statistics.median(costs[n][hi]) / statistics.median(costs[n][lo]):.2f}x" for n in names
    )
    print(f"growth {lo} -> {hi} goals: {growth}")


if __name__ == "__main__":
    main()
