"""Where the HTPS engine's CPU time per expansion goes as the tree grows, phase by phase.

The workload is `search_overhead.py --against-open-htps`'s (8 tactics per goal with priors 2^-i, each
leaving 1 (70%) or 2 fresh goals, critic 0.5, c = 1, batch of 8, depth penalty 0.99). The engine's
loop (`search.engine.search_loop`) is run here phase by phase with a CPU timer around each: the
simulations of a batch (selection and virtual loss), the expansion of its leaves (policy call, tactic
applications and adding them to the tree), the critic's evaluation of the new goals, and the backups.
The callbacks' own CPU is subtracted as in `search_overhead.py` (policy and critic measured, apply at
its cost per call in a tight loop). Besides the CPU per expansion of each phase it counts how many
nodes the simulations visit per expansion, which is what makes selection and backup grow with the
tree: a simulation descends from the root through every child of each chosen tactic, and deeper trees
mean longer descents. The last columns divide the simulation and backup CPU by those visits.

    PYTHONPATH=. python bench/engine_phases.py [--sizes 1000 10000 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import logging
import math
import statistics
import time

import numpy as np
from search_overhead import POOLED, TACTICS, WINDOW, Callbacks, World, apply_cpu

from search import Budget, ExpansionCrash
from search.engine import TreePolicy, backup, release, selector, simulate
from search.expansion import Callbacks as SearchCallbacks
from search.expansion import SearchRun

PHASES = ("simulate", "expand", "evaluate", "backup")
TOTALS = (*PHASES, "expansions", "simulations", "visits", "callbacks")  # what `run` adds up


def run(seed: int, size: int) -> dict[str, float]:
    """One search grown past `size` * 1.25 goals; CPU seconds per phase and visit counts while the
    tree grows through the window around `size`."""
    cb = Callbacks(World(seed), int(size * WINDOW[1]) + 200)
    search = SearchRun(
        cb.goal(0),
        callbacks=SearchCallbacks(cb.policy, cb.critic, cb.apply),
        budget=Budget(),
        num_tactics=TACTICS,
    )
    params = TreePolicy(batch_size=8, depth_penalty=0.99, exploration=1.0)
    rng = np.random.default_rng(seed)
    tree = search.tree
    choose = selector(tree, rule=params.rule, c=params.exploration, init_q=params.init_q, rng=rng)
    totals = dict.fromkeys(TOTALS, 0.0)
    clock = time.process_time
    search.evaluate_root()
    try:
        while not search.check_stop():
            inside = size * WINDOW[0] <= cb.world.goals < size * WINDOW[1]
            before_cb, expansions = cb.callback_cpu, search.expansions
            t0 = clock()
            claimed: set[int] = set()
            leaves: list[int] = []
            sims, collided = [], []
            for _ in range(params.batch_size):
                count = len(leaves)
                sim = simulate(tree, params, rng, claimed, leaves, choose=choose)
                (sims if len(leaves) > count else collided).append(sim)
            t1 = clock()
            new = search.expand(leaves)
            t2 = clock()
            search.evaluate(new)
            t3 = clock()
            for sim in sims:
                backup(tree, sim, params)
            for sim in collided:
                release(tree, sim, params)
            t4 = clock()
            if inside:
                for phase, seconds in zip(PHASES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                    totals[phase] += seconds
                totals["callbacks"] += cb.callback_cpu - before_cb
                totals["expansions"] += search.expansions - expansions
                totals["simulations"] += params.batch_size
                totals["visits"] += sum(len(sim.nodes) for sim in (*sims, *collided))
    except ExpansionCrash:
        pass
    per_apply = apply_cpu(cb)
    totals["expand"] -= totals["callbacks"] + per_apply * TACTICS * totals["expansions"]
    return totals


def measure(size: int, repeats: int) -> list[dict[str, float]]:
    """`repeats` runs, each pooling its window over enough runs to cover `POOLED` goals of windows."""
    out = []
    for r in range(repeats):
        pooled = dict.fromkeys(TOTALS, 0.0)
        for extra in range(math.ceil(POOLED / size)):
            for key, value in run(r + 1000 * extra, size).items():
                pooled[key] += value
        out.append(pooled)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("search.expansion").setLevel(logging.ERROR)
    print(
        f"engine CPU us per expansion by phase, median of {args.repeats} runs; visits: nodes the "
        "simulations descend through"
    )
    header = [
        "goals",
        *PHASES,
        "total",
        "sims/exp",
        "visits/sim",
        "visits/exp",
        "sim us/visit",
        "backup us/visit",
    ]
    print(" | ".join(f"{h:>12}" for h in header))
    for size in args.sizes:
        runs = measure(size, args.repeats)

        def med(f) -> float:
            return statistics.median(f(t) for t in runs)  # noqa: B023 (used at once)

        cells = [med(lambda t, p=p: t[p] / t["expansions"] * 1e6) for p in PHASES]
        cells.append(med(lambda t: sum(t[p] for p in PHASES) / t["expansions"] * 1e6))
        cells.append(med(lambda t: t["simulations"] / t["expansions"]))
        cells.append(med(lambda t: t["visits"] / t["simulations"]))
        cells.append(med(lambda t: t["visits"] / t["expansions"]))
        cells.append(med(lambda t: t["simulate"] / t["visits"] * 1e6))
        cells.append(med(lambda t: t["backup"] / t["visits"] * 1e6))
        print(f"{size:>12} | " + " | ".join(f"{c:12.2f}" for c in cells))


if __name__ == "__main__":
    main()
