"""What a trained checkpoint proves by itself and with the rest of the system, at one HTPS budget.

Usage: python bench/learned_policy.py --checkpoint OUT/checkpoints/iter_000005 [--splits valid test]
       [--max-expansions 24] [--num-tactics 16] [--batch-size 8] [--variants NAME ...]
       [--ablations [NAME ...]] [--goals 200] [--threads N] [--limit N] [--override KEY=VALUE ...]
Prints, per split and variant, the theorems proved (theorems searched serially, same seed, same
budget):
- rules: the rules policy with a constant critic (iteration 0's baseline);
- model alone: the trained model's own samples (well-formedness filter on) and its critic, no rules,
  no memory (`python -m prover.prove policy=hf policy.model.model_name=<checkpoint>/model`);
- full system: the model reranking rules + sampled + remembered tactics, with its critic
  (`policy=mix`);
with `--ablations` also (all, or the ones named: `constant-critic`, `no-memory`, `no-model`): the full
system with a constant 0.5 critic, without the memory, and memory + rules with no model at all.
`--override` applies Hydra overrides to every variant with the model (e.g. its sampling temperature,
`++policy.temperature=0.7`; pass the same `--temperature` to measure its well-formed share).
Each variant's line follows `prove`'s own table of proved/total per topic. Then, per split:
- the critic's AUC separating the goals the full system's searches proved from those they found to
  fail (each node's value, set when the node was created), and the same for the model alone, with
  the critic's mean value on each side;
- well-formed: the share of the model's RAW samples (no filter, duplicates counted) that parse and
  name a known tactic (`prover/policy/wellformed.py`), over up to `--goals` distinct goals of the
  model-alone searches, 16 samples each at `--temperature`, how many name a `✝` hypothesis, and the
  same share over each goal's distinct samples (which weighs rare junk as much as frequent tactics).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import torch
from hydra import compose, initialize_config_dir

from prover.policy.hf import HFPolicy
from prover.policy.wellformed import check_tactic
from prover.prove import run
from prover.train.critic_eval import critic_auc
from search.graph import load_tree
from search.types import SearchTree, Status

CONFIGS = str(Path(__file__).resolve().parents[1] / "configs")

VARIANTS: dict[str, list[str]] = {
    "rules": ["policy=rules"],
    "model alone": ["policy=hf"],
    "full system": ["policy=mix"],
}
ABLATIONS: dict[str, tuple[str, list[str]]] = {
    "constant-critic": ("full, constant critic", ["policy=mix", "policy.constant_critic=0.5"]),
    "no-memory": ("full, no memory", ["policy=mix", "policy.memory_weight=0", "policy.retrieved=0"]),
    "no-model": (
        "memory + rules, constant critic",
        [
            "policy=mix",
            "policy.mix_weight=0",
            "policy.samples=0",
            "policy.constant_critic=0.5",
        ],
    ),
}


def prove(overrides: list[str], model: Path, split: str, args: argparse.Namespace):
    """Run `prove` on `split` (it prints its per-topic table); returns (proved, total, seconds, trees)."""
    with tempfile.TemporaryDirectory() as out, initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        learned = "policy=rules" not in overrides
        cfg = compose(
            "prove",
            overrides=[
                *overrides,
                *([f"policy.model.model_name={model}", *args.override] if learned else []),
                f"benchmark.split={split}",
                f"benchmark.limit={'null' if args.limit is None else args.limit}",
                f"search.max_expansions={args.max_expansions}",
                f"search.num_tactics={args.num_tactics}",
                f"search.batch_size={args.batch_size}",
                "search.max_seconds=null",
                "executor=serial",
                f"out_dir={out}",
            ],
        )
        began = time.perf_counter()
        records = run(cfg)
        seconds = time.perf_counter() - began
        trees = [load_tree(p) for p in sorted((Path(out) / "trees").glob("*.json"))]
    return sum(r.proved for r in records), len(records), seconds, trees


def value_means(trees: list[SearchTree]) -> str:
    """The critic's mean value on proved and on failed goals (what the AUC ranks), per tree's nodes."""
    sides: dict[Status, list[float]] = {Status.PROVED: [], Status.FAILED: []}
    for tree in trees:
        for node in tree.nodes:
            if node.value is not None and node.status in sides:
                sides[node.status].append(node.value)
    mean = {k: sum(v) / len(v) if v else float("nan") for k, v in sides.items()}
    return f"mean value proved {mean[Status.PROVED]:.3f}, failed {mean[Status.FAILED]:.3f}"


def well_formed_share(model: Path, trees: list[SearchTree], *, goals: int, temperature: float) -> str:
    policy = HFPolicy.create(model_name=str(model), device="cpu")
    texts = list(dict.fromkeys(n.goal for t in trees for n in t.nodes))[:goals]
    every: Counter[str] = Counter()
    distinct: Counter[str] = Counter()
    for i in range(0, len(texts), 8):
        for row in policy.samples(texts[i : i + 8], n=16, temperature=temperature, seed=i):
            for tactic in [p.tactic for p in row] + [
                "\0" + t for t in dict.fromkeys(p.tactic.strip() for p in row)
            ]:
                verdict = check_tactic(tactic.removeprefix("\0"))
                kind = "ok" if verdict.ok else "dagger" if "✝" in verdict.reason else "bad"
                (distinct if tactic.startswith("\0") else every)[kind] += 1
    all_n, distinct_n = sum(every.values()), sum(distinct.values())
    return (
        f"well-formed: {every['ok']}/{all_n} raw samples = {every['ok'] / max(all_n, 1):.1%} "
        f"({every['dagger']} name a ✝ hypothesis); distinct per goal {distinct['ok']}/{distinct_n} = "
        f"{distinct['ok'] / max(distinct_n, 1):.1%}; over {len(texts)} goals, 16 samples each"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True, type=Path)
    parser.add_argument("--splits", nargs="+", default=["valid", "test"])
    parser.add_argument("--max-expansions", type=int, default=24)
    parser.add_argument("--num-tactics", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--temperature", type=float, default=1.0)
    parser.add_argument("--goals", type=int, default=200)
    parser.add_argument(
        "--limit", type=int, default=None, help="first N theorems of each split (a smoke test)"
    )
    parser.add_argument(
        "--variants", nargs="+", choices=sorted(VARIANTS), default=None, help="a subset (default: all)"
    )
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    parser.add_argument("--ablations", nargs="*", choices=sorted(ABLATIONS), default=None)
    parser.add_argument(
        "--override",
        nargs="+",
        default=[],
        help="Hydra overrides of every variant with the model, e.g. ++policy.temperature=0.7",
    )
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    model = (args.checkpoint / "model").resolve()
    if not (model / "config.json").is_file():
        raise SystemExit(f"{args.checkpoint}: no model/ checkpoint folder there")
    chosen = [] if args.ablations is None else args.ablations or sorted(ABLATIONS)
    variants = {k: v for k, v in VARIANTS.items() if args.variants is None or k in args.variants}
    variants |= dict(ABLATIONS[key] for key in chosen)
    budget = f"HTPS {args.max_expansions} expansions, {args.num_tactics} tactics"
    for split in args.splits:
        print(f"{split} ({budget})")
        print(f"  {'variant':34} proved   seconds")
        trees: dict[str, list[SearchTree]] = {}
        for name, overrides in variants.items():
            proved, total, seconds, trees[name] = prove(overrides, model, split, args)
            print(f"  {name:34} {proved:3d}/{total:<3d} {seconds:8.1f}", flush=True)
        for name in [k for k in ("full system", "model alone", "full, constant critic") if k in trees]:
            result = critic_auc(trees[name])
            shown = "n/a" if result.auc is None else f"{result.auc:.3f}"
            print(
                f"  critic AUC ({name}): {shown} over {result.proved} proved / {result.failed} failed goals; "
                f"{value_means(trees[name])}"
            )
        if "model alone" in trees:
            wf = well_formed_share(
                model, trees["model alone"], goals=args.goals, temperature=args.temperature
            )
            print(f"  {wf}", flush=True)


if __name__ == "__main__":
    main()
