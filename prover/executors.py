"""Where theorems are proved: `serial` (this process), `process` (a pool of worker processes on this
machine, one environment each), `ray` (a Ray actor pool; the same code runs on a cluster via its address).

Every executor yields an `Attempt` per theorem as it finishes, in completion order. A worker that dies
is replaced; its theorem is tried once more and then recorded as failed, so the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from omegaconf import DictConfig, OmegaConf

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
    """A Ray actor holding one `Prover` (one environment)."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        self.prover = Prover(OmegaConf.create(cfg))

    def prove(self, theorem: Theorem) -> Attempt:
        return self.prover.prove(theorem)


def run_ray(
    cfg: DictConfig, theorems: Sequence[Theorem], *, workers: int, address: str | None
) -> Iterator[Attempt]:
    """A pool of Ray actors; an actor that dies is replaced and its theorem recorded as failed."""
    import ray
    from ray.exceptions import RayActorError

    ray.init(address=address, ignore_reinit_error=True, include_dashboard=False, log_to_driver=False)
    actor_cls = ray.remote(ProverActor)
    plain = OmegaConf.to_container(cfg, resolve=True)
    actors = [actor_cls.remote(plain) for _ in range(workers)]
    queue = list(reversed(theorems))
    running: dict[Any, tuple[Any, Theorem]] = {}
    try:
        while queue or running:
            while queue and actors:
                actor, theorem = actors.pop(), queue.pop()
                running[actor.prove.remote(theorem)] = (actor, theorem)
            ready, _ = ray.wait(list(running), num_returns=1)
            actor, theorem = running.pop(ready[0])
            try:
                yield ray.get(ready[0])
                actors.append(actor)
            except RayActorError as err:
                yield died(cfg, theorem, f"Ray actor died: {err}")
                actors.append(actor_cls.remote(plain))
    finally:
        for actor in actors + [a for a, _ in running.values()]:
            ray.kill(actor)


def execute(cfg: DictConfig, theorems: Sequence[Theorem]) -> Iterator[Attempt]:
    kind = str(cfg.executor)
    workers = int(cfg.workers or multiprocessing.cpu_count())
    if kind == "serial" or (kind == "process" and (workers == 1 or len(theorems) <= 1)):
        return run_serial(cfg, theorems)
    if kind == "process":
        return run_process(cfg, theorems, workers=min(workers, len(theorems)))
    if kind == "ray":
        return run_ray(cfg, theorems, workers=workers, address=cfg.get("ray_address"))
    raise ValueError(f"unknown executor {kind!r} (known: serial, process, ray)")
