"""The provers of expert iteration: in-process, and a Ray actor pool that loads the newest checkpoint."""

from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from prover.benchmarks import BUNDLED
from prover.policy.hf import HFPolicy
from prover.policy.memory import TacticMemory
from prover.theorems import load_benchmark
from prover.train.checkpoint import save_checkpoint
from prover.train.pool import LocalProvers, RayProvers, make_provers, reference_proofs
from prover.train.replay import ReplayBuffer
from prover.train.trainer import make_optimizer

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")


def config(out: Path, *extra: str):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(
            "train",
            overrides=[
                f"out_dir={out}",
                "search.max_expansions=6",
                "search.num_tactics=4",
                "policy.model.d_model=32",
                "policy.model.n_layer=1",
                "policy.model.n_head=2",
                "policy.model.max_new_tokens=8",
                "policy.model.device=cpu",
                *extra,
            ],
        )


def checkpoint(root: Path, iteration: int) -> Path:
    policy = HFPolicy.create(n_layer=1, n_head=2, d_model=32, max_new_tokens=8, device="cpu")
    return save_checkpoint(
        root,
        policy=policy,
        optimizer=make_optimizer(policy),
        buffer=ReplayBuffer(capacity=4),
        iteration=iteration,
        memory=TacticMemory([("⊢ True", "trivial")]),
    )


@pytest.fixture(scope="module")
def theorems():
    return load_benchmark(BUNDLED, "train")[:2]


def test_local_provers_search_with_the_rules_and_the_bootstrap(tmp_path, theorems):
    cfg = config(tmp_path)
    provers = LocalProvers(cfg, reference_proofs(cfg))
    try:
        rules = provers.prove(theorems, mode="rules", iteration=0)
        boot = provers.prove(theorems, mode="search", iteration=0)
        with pytest.raises(ValueError, match="learned model"):
            provers.prove(theorems, mode="search", iteration=1)
    finally:
        provers.close()
    assert [a.record.name for a in rules] == [t.name for t in theorems]
    assert all(a.record.proved for a in boot)  # the reference proofs' tactics are proposed


def test_ray_provers_match_local_and_reload_the_newest_checkpoint(tmp_path, theorems):
    pytest.importorskip("ray")
    cfg = config(tmp_path, "executor=ray", "workers=2")
    root = tmp_path / "checkpoints"
    provers = make_provers(cfg, checkpoints=root)
    assert isinstance(provers, RayProvers)
    local = LocalProvers(cfg, reference_proofs(cfg))
    try:
        remote = provers.prove(theorems, mode="search", iteration=0)
        here = local.prove(theorems, mode="search", iteration=0)
        assert [(a.record.name, a.record.proved) for a in remote] == [
            (a.record.name, a.record.proved) for a in here
        ]
        with pytest.raises(FileNotFoundError, match="no checkpoint|there is none"):
            provers.prove(theorems, mode="eval", iteration=1)
        first = checkpoint(root, 1)
        provers.prove(theorems, mode="eval", iteration=1)
        assert provers.loaded() == [str(first), str(first)]
        second = checkpoint(root, 2)
        attempts = provers.prove(theorems, mode="search", iteration=2)
        assert provers.loaded() == [str(second), str(second)]
        assert all(a.record.stop_reason != "error" for a in attempts)
    finally:
        provers.close()
        local.close()


def test_unknown_executor_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown train executor"):
        make_provers(config(tmp_path, "executor=slurm"), checkpoints=tmp_path)
