"""Where theorems are proved: `serial` (this process), `process` (a pool of worker processes on this
machine, one environment each), `ray` (a Ray actor pool, on a local instance or on the cluster at
`ray_address`; see prover.ray_cluster).

Every executor yields an `Attempt` per theorem as it finishes, in completion order. A worker that dies
is replaced; its theorem is tried once more and then recorded as failed, so the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from prover.ray_cluster import ActorPool, Lost, connect, pack_dir, unpack_dir
from prover.runner import Attempt, Prover, make_record
from prover.theorems import Theorem

log = logging.getLogger(__name__)

_WORKER: Prover | None = None


def died(cfg: DictConfig, theorem: Theorem, reason: str) -> Attempt:
    return Attempt(make_record(cfg, theorem, proved=False, error=reason, stop_reason="error"), None)


def run_serial(cfg: DictConfig, theorems: Sequence[Theorem]) -> Iterator[Attempt]:
    prover = Prover(cfg)
    try:
        for theorem in theorems:
            yield prover.prove(theorem)
    finally:
        prover.close()


def _init_worker(cfg: dict[str, Any]) -> None:
    global _WORKER
    logging.basicConfig(level=logging.WARNING)
    _WORKER = Prover(OmegaConf.create(cfg))


def _prove_in_worker(theorem: Theorem) -> Attempt:
    assert _WORKER is not None, "worker used before its initializer ran"
    return _WORKER.prove(theorem)


def run_process(cfg: DictConfig, theorems: Sequence[Theorem], *, workers: int) -> Iterator[Attempt]:
    """A process pool; when a worker dies (BrokenProcessPool) the pool is rebuilt and the theorems that
    were in flight are retried once, after which they are recorded as failed."""
    pending = list(theorems)
    retried: set[str] = set()
    context = multiprocessing.get_context("spawn")
    plain = OmegaConf.to_container(cfg, resolve=True)
    while pending:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(plain,)
        ) as pool:
            inflight: dict[Future[Attempt], Theorem] = {pool.submit(_prove_in_worker, t): t for t in pending}
            pending = []
            while inflight:
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    theorem = inflight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        inflight[future] = theorem
                if broken:
                    for theorem in inflight.values():
                        if theorem.name in retried:
                            yield died(cfg, theorem, "worker process died twice while proving it")
                        else:
                            retried.add(theorem.name)
                            pending.append(theorem)
                    log.warning("a worker process died; retrying %d theorem(s) in a new pool", len(pending))
                    break


class ProverActor:
    """A Ray actor holding one `Prover` (one environment). `model` (a one-item list, so that Ray hands
    the reference over unresolved) is the driver's local `policy.model.model_name` folder, shipped
    through the object store and unpacked on this actor's node."""

    def __init__(self, cfg: dict[str, Any], model: list[Any] | None = None) -> None:
        conf = OmegaConf.create(cfg)
        if model:
            import ray

            folder = unpack_dir(ray.get(model[0]), Path(tempfile.mkdtemp(prefix="htps-model-")))
            conf.policy.model.model_name = str(folder)
        self.prover = Prover(conf)

    def ready(self) -> bool:
        return True

    def prove(self, theorem: Theorem) -> Attempt:
        return self.prover.prove(theorem)


def local_model_dir(cfg: DictConfig) -> Path | None:
    """The `policy.model.model_name` folder on this machine, if the policy loads one (else a hub name
    or a fresh model, which every node makes itself)."""
    model = cfg.policy.get("model") if "policy" in cfg else None
    name = model.get("model_name") if model is not None else None
    return Path(name) if name and Path(name).is_dir() else None


def run_ray(
    cfg: DictConfig,
    theorems: Sequence[Theorem],
    *,
    workers: int | None,
    address: str | None,
    node_ip: str | None = None,
) -> Iterator[Attempt]:
    """A pool of Ray actors (1 CPU each; `workers` None: one per CPU of the cluster); an actor that dies
    is replaced and its theorem recorded as failed. A local model folder reaches the actors through the
    object store, not a shared disk."""
    import ray

    connect(address, node_ip=node_ip)
    if workers is None:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    plain = OmegaConf.to_container(cfg, resolve=True)
    folder = local_model_dir(cfg)
    model = [ray.put(pack_dir(folder))] if folder is not None else None
    actor_cls = ray.remote(num_cpus=1)(ProverActor)
    pool = ActorPool(
        lambda: actor_cls.remote(plain, model),
        size=min(workers, len(theorems)),
        start_timeout_s=float(cfg.get("ray_actor_start_timeout_s") or 300),
        where=address or "the local Ray instance",
    )
    try:
        for index, value in pool.map(lambda actor, theorem: actor.prove.remote(theorem), theorems):
            yield died(cfg, theorems[index], value.reason) if isinstance(value, Lost) else value
    finally:
        pool.close()


def execute(cfg: DictConfig, theorems: Sequence[Theorem]) -> Iterator[Attempt]:
    kind = str(cfg.executor)
    workers = int(cfg.workers or multiprocessing.cpu_count())
    if kind == "serial" or (kind == "process" and (workers == 1 or len(theorems) <= 1)):
        return run_serial(cfg, theorems)
    if kind == "process":
        return run_process(cfg, theorems, workers=min(workers, len(theorems)))
    if kind == "ray":
        return run_ray(
            cfg,
            theorems,
            workers=int(cfg.workers) if cfg.workers else None,
            address=cfg.get("ray_address"),
            node_ip=cfg.get("ray_node_ip"),
        )
    raise ValueError(f"unknown executor {kind!r} (known: serial, process, ray)")
