"""The provers of expert iteration: in-process, and a Ray actor pool that gets the newest checkpoint
through Ray's object store or a configured shared folder."""

import shutil
import time
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from prover.benchmarks import BUNDLED
from prover.policy.hf import HFPolicy
from prover.policy.memory import TacticMemory
from prover.ray_cluster import connect, pack_dir
from prover.theorems import load_benchmark
from prover.train.checkpoint import save_checkpoint
from prover.train.pool import (
    CheckpointSource,
    LocalProvers,
    ProverActor,
    RayProvers,
    make_provers,
    reference_proofs,
)
from prover.train.replay import ReplayBuffer
from prover.train.trainer import make_optimizer

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")
# Ray rewrites 127.0.0.1 to the machine's outward address; another loopback address keeps Ray on `lo`.
LOOPBACK = "127.0.0.2"


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
    cfg = config(tmp_path, "executor=ray", "workers=2", f"ray_node_ip={LOOPBACK}")
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
        with pytest.raises(FileNotFoundError, match="there is none"):
            provers.prove(theorems, mode="eval", iteration=1)
        first = checkpoint(root, 1)
        provers.prove(theorems, mode="eval", iteration=1)
        # an actor that proved nothing this round (the other took both theorems) has loaded nothing
        assert str(first) in provers.loaded() and set(provers.loaded()) <= {str(first), None}
        second = checkpoint(root, 2)
        attempts = provers.prove(theorems, mode="search", iteration=2)
        assert str(second) in provers.loaded() and set(provers.loaded()) <= {str(first), str(second), None}
        assert all(a.record.stop_reason != "error" for a in attempts)
    finally:
        provers.close()
        local.close()


def test_an_actor_needs_no_access_to_the_trainers_checkpoint_folder(tmp_path, theorems):
    """The object store carries the checkpoint: the actor loads it after the folder is gone."""
    ray = pytest.importorskip("ray")
    connect(None, node_ip=LOOPBACK)
    cfg = config(tmp_path)
    saved = checkpoint(tmp_path / "checkpoints", 1)
    blob = ray.put(pack_dir(saved / "model"))
    shutil.rmtree(saved)
    actor = ray.remote(num_cpus=1)(ProverActor).remote(
        OmegaConf.to_container(cfg, resolve=True), reference_proofs(cfg)
    )
    try:
        source = CheckpointSource(str(saved), blob=[blob])
        attempt = ray.get(actor.prove.remote(theorems[0], "eval", 1, source))
        assert attempt.record.name == theorems[0].name and attempt.record.stop_reason != "error"
        assert ray.get(actor.loaded.remote()) == str(saved)
    finally:
        ray.kill(actor)


def test_shared_dir_publishes_each_checkpoint_there(tmp_path, theorems):
    pytest.importorskip("ray")
    shared = tmp_path / "shared"
    cfg = config(
        tmp_path, "executor=ray", "workers=1", f"ray_node_ip={LOOPBACK}", f"trainer.shared_dir={shared}"
    )
    root = tmp_path / "checkpoints"
    provers = make_provers(cfg, checkpoints=root)
    try:
        first = checkpoint(root, 1)
        provers.prove(theorems[:1], mode="eval", iteration=1)
        assert provers.loaded() == [str(first)]
        published = [p.name for p in shared.iterdir()]
        assert len(published) == 1 and published[0].endswith(first.name)
        assert (shared / published[0] / "config.json").is_file()
        second = checkpoint(root, 2)
        provers.prove(theorems[:1], mode="eval", iteration=2)
        assert provers.loaded() == [str(second)]
        assert [p.name.endswith(second.name) for p in shared.iterdir()] == [True]  # the old copy is gone
        time.sleep(0.01)  # a rewritten checkpoint (a resumed run) is published again, not deleted
        checkpoint(root, 2)
        provers.prove(theorems[:1], mode="eval", iteration=2)
        assert [(p / "config.json").is_file() for p in shared.iterdir()] == [True]
    finally:
        provers.close()
    assert list(shared.iterdir()) == []


def test_a_shared_dir_missing_on_the_actors_node_is_a_clear_error(tmp_path, theorems):
    cfg = config(tmp_path)
    actor = ProverActor(OmegaConf.to_container(cfg, resolve=True), reference_proofs(cfg))
    source = CheckpointSource("iter_000001", path=str(tmp_path / "not-mounted"))
    with pytest.raises(FileNotFoundError, match="not visible on the Ray node.*trainer.shared_dir unset"):
        actor.prove(theorems[0], "eval", 1, source)


def test_unknown_executor_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown train executor"):
        make_provers(config(tmp_path, "executor=slurm"), checkpoints=tmp_path)
