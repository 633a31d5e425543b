"""prover.ray_cluster on a local Ray instance (on the loopback interface): the actor pool's replacement
of dead actors, its bound on actors the cluster cannot place, folders through the object store."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from prover.ray_cluster import ActorPool, Lost, RayClusterError, connect, pack_dir, split_address, unpack_dir

ray = pytest.importorskip("ray")

# Ray rewrites 127.0.0.1 to the machine's outward address; another loopback address keeps Ray on `lo`.
LOOPBACK = "127.0.0.2"


class Echo:
    def ready(self) -> bool:
        return True

    def run(self, item: int) -> int:
        if item < 0:
            os._exit(1)  # the actor's process dies, as on a lost node
        if item == 13:
            raise KeyError("unlucky")
        time.sleep(0.05)
        return item * 10


@pytest.fixture(scope="module")
def local_ray() -> None:
    connect(None, node_ip=LOOPBACK)


def pool(size: int, *, num_cpus: float = 0.5, start_timeout_s: float = 120) -> ActorPool:
    cls = ray.remote(num_cpus=num_cpus)(Echo)
    return ActorPool(cls.remote, size=size, start_timeout_s=start_timeout_s, where="the test")


def test_every_item_comes_back_once(local_ray) -> None:
    actors = pool(2)
    try:
        got = dict(actors.map(lambda actor, item: actor.run.remote(item), list(range(6))))
    finally:
        actors.close()
    assert got == {i: i * 10 for i in range(6)}


def test_a_dead_actor_loses_its_item_and_is_replaced(local_ray) -> None:
    actors = pool(1)
    try:
        got = dict(actors.map(lambda actor, item: actor.run.remote(item), [1, -1, 2, 3]))
        again = dict(actors.map(lambda actor, item: actor.run.remote(item), [4]))
    finally:
        actors.close()
    lost = got.pop(1)
    assert isinstance(lost, Lost) and lost.reason.startswith("Ray actor died")
    assert got == {0: 10, 2: 20, 3: 30} and again == {0: 40}


def test_an_exception_inside_the_actor_is_raised_as_itself(local_ray) -> None:
    actors = pool(1)
    try:
        with pytest.raises(KeyError, match="unlucky"):
            list(actors.map(lambda actor, item: actor.run.remote(item), [13]))
    finally:
        actors.close()


def test_actors_the_cluster_cannot_place_end_in_a_clear_error_not_a_hang(local_ray) -> None:
    actors = pool(1, num_cpus=4096, start_timeout_s=3)
    began = time.monotonic()
    try:
        with pytest.raises(
            RayClusterError, match=r"no Ray prover actor started within 3s on the test \(2 item"
        ):
            list(actors.map(lambda actor, item: actor.run.remote(item), [1, 2]))
    finally:
        actors.close()
    assert time.monotonic() - began < 60


def test_a_folder_round_trips_through_a_tar_archive(tmp_path: Path) -> None:
    source = tmp_path / "model"
    (source / "sub").mkdir(parents=True)
    (source / "config.json").write_text('{"a": 1}')
    (source / "sub" / "weights.bin").write_bytes(bytes(range(256)) * 100)
    copy = unpack_dir(pack_dir(source), tmp_path / "copy")
    assert (copy / "config.json").read_text() == '{"a": 1}'
    assert (copy / "sub" / "weights.bin").read_bytes() == bytes(range(256)) * 100


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("10.0.0.5:6379", ("10.0.0.5", 6379)),
        ("ray://head.example:10001", ("head.example", 10001)),
        ("[::1]:6379", ("::1", 6379)),
        ("auto", None),
        ("head-without-port", None),
        ("host:port", None),
    ],
)
def test_split_address(address: str, parts) -> None:
    assert split_address(address) == parts


def test_a_prove_actor_gets_the_model_folder_through_the_object_store(local_ray, tmp_path: Path) -> None:
    """`policy.model.model_name=<local folder>` reaches the actor as bytes: it loads after the folder
    is gone from the driver's disk."""
    from hydra import compose, initialize_config_dir
    from omegaconf import OmegaConf

    from prover.benchmarks import BUNDLED
    from prover.executors import ProverActor
    from prover.policy.hf import HFPolicy
    from prover.theorems import load_benchmark

    folder = tmp_path / "model"
    HFPolicy.create(n_layer=1, n_head=2, d_model=32, max_new_tokens=8, device="cpu").save(folder)
    configs = str(Path(__file__).resolve().parents[2] / "configs")
    with initialize_config_dir(config_dir=configs, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=[
                f"out_dir={tmp_path / 'out'}",
                "policy=hf",
                f"policy.model.model_name={folder}",
                "policy.model.device=cpu",
                "search.max_expansions=3",
                "search.num_tactics=2",
            ],
        )
    blob = ray.put(pack_dir(folder))
    shutil.rmtree(folder)
    actor = ray.remote(num_cpus=0.5)(ProverActor).remote(OmegaConf.to_container(cfg, resolve=True), [blob])
    theorem = load_benchmark(BUNDLED, "valid")[0]
    try:
        attempt = ray.get(actor.prove.remote(theorem))
    finally:
        ray.kill(actor)
    assert attempt.record.name == theorem.name and attempt.record.error is None
