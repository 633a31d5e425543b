"""The provers of expert iteration: in the trainer's process, or a Ray actor pool.

`LocalProvers` searches with the trainer's live model. `RayProvers` runs one `Prover` (one
environment) per Ray actor, as in the HTPS online setup: each actor loads the NEWEST checkpoint under
`checkpoints` itself (model and tactic memory), and reloads only when a newer one appears, so the
trainer never ships weights to the provers.

A job's `mode`: `rules` (the rules and a constant critic: the baseline), `search` (the policy of one
expert-iteration round: see `bootstrap.search_policy`), `eval` (the learned policy of
`bootstrap.learned_policy`), `model` (the learned model alone, its own critic: no rules, no memory).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

from prover.benchmarks import BUNDLED
from prover.executors import died
from prover.policies import ConstantCritic
from prover.policy.hf import HFPolicy
from prover.policy.memory import MEMORY_FILE, TacticMemory
from prover.policy.rules import RulesPolicy
from prover.policy.types import Critic, TacticPolicy
from prover.runner import Attempt, Prover
from prover.theorems import Theorem, load_reference_proofs
from prover.train.bootstrap import learned_policy, search_policy
from prover.train.checkpoint import latest_checkpoint

log = logging.getLogger(__name__)

Mode = Literal["rules", "search", "eval", "model"]


def reference_proofs(cfg: DictConfig) -> dict[str, Theorem]:
    """The benchmark's reference proofs (the demonstrations of the bootstrap round)."""
    return load_reference_proofs(Path(cfg.benchmark.path) if cfg.benchmark.get("path") else BUNDLED)


def needs_model(mode: Mode, iteration: int) -> bool:
    return mode in ("eval", "model") or (mode == "search" and iteration > 0)


def policy_for(
    cfg: DictConfig,
    theorem: Theorem,
    *,
    mode: Mode,
    iteration: int,
    model: HFPolicy | None,
    memory: TacticMemory | None,
    refs: Mapping[str, Theorem],
) -> tuple[TacticPolicy, Critic]:
    if mode == "rules":
        return RulesPolicy(), ConstantCritic()
    if mode in ("eval", "model"):
        if model is None:
            raise ValueError("evaluating the learned policy needs a model")
        return (model, model) if mode == "model" else learned_policy(cfg, model, memory)
    return search_policy(cfg, iteration=iteration, model=model, theorem=theorem, refs=refs, memory=memory)


def _progress(theorems: Sequence[Theorem], desc: str) -> tqdm:
    return tqdm(total=len(theorems), desc=desc, unit="thm", leave=False)


class LocalProvers:
    """One in-process `Prover`; searches with the model and memory it is given."""

    def __init__(self, cfg: DictConfig, refs: Mapping[str, Theorem]) -> None:
        self.cfg, self.refs = cfg, refs
        self.prover = Prover(cfg, policy=RulesPolicy(), critic=ConstantCritic())

    def prove(
        self,
        theorems: Sequence[Theorem],
        *,
        mode: Mode,
        iteration: int,
        model: HFPolicy | None = None,
        memory: TacticMemory | None = None,
        desc: str = "prove",
    ) -> list[Attempt]:
        attempts: list[Attempt] = []
        with _progress(theorems, desc) as bar:
            for theorem in theorems:
                policy, critic = policy_for(
                    self.cfg,
                    theorem,
                    mode=mode,
                    iteration=iteration,
                    model=model,
                    memory=memory,
                    refs=self.refs,
                )
                attempts.append(self.prover.prove(theorem, policy=policy, critic=critic))
                bar.update()
                bar.set_postfix_str(f"proved {sum(a.record.proved for a in attempts)}/{len(attempts)}")
        return attempts

    def close(self) -> None:
        self.prover.close()


class ProverActor:
    """Body of one Ray actor: a `Prover` plus the newest checkpoint's model and memory."""

    def __init__(self, cfg: dict[str, Any], checkpoints: str) -> None:
        self.cfg = OmegaConf.create(cfg)
        self.refs = reference_proofs(self.cfg)
        self.checkpoints = Path(checkpoints)
        self.prover = Prover(self.cfg, policy=RulesPolicy(), critic=ConstantCritic())
        self.path: Path | None = None
        self.model: HFPolicy | None = None
        self.memory: TacticMemory | None = None

    def prove(self, theorem: Theorem, mode: Mode, iteration: int) -> Attempt:
        if needs_model(mode, iteration):
            self._reload()
        policy, critic = policy_for(
            self.cfg,
            theorem,
            mode=mode,
            iteration=iteration,
            model=self.model,
            memory=self.memory,
            refs=self.refs,
        )
        return self.prover.prove(theorem, policy=policy, critic=critic)

    def loaded(self) -> str | None:
        return None if self.path is None else str(self.path)

    def _reload(self) -> None:
        newest = latest_checkpoint(self.checkpoints)
        if newest is None:
            raise FileNotFoundError(f"no checkpoint under {self.checkpoints}")
        if newest == self.path:
            return
        model_dir = newest / "model"
        self.model = HFPolicy.create(model_name=str(model_dir), device=str(self.cfg.policy.model.device))
        memory_file = model_dir / MEMORY_FILE
        self.memory = TacticMemory.load(memory_file) if memory_file.is_file() else None
        self.path = newest
        log.info("prover actor loaded %s", newest)


class RayProvers:
    """A pool of `workers` Ray actors (one CPU each); a dead actor is replaced and its theorem
    recorded as failed."""

    def __init__(
        self, cfg: DictConfig, *, checkpoints: Path, workers: int, address: str | None = None
    ) -> None:
        import ray

        self.cfg, self.checkpoints = cfg, Path(checkpoints)
        ray.init(address=address, ignore_reinit_error=True, include_dashboard=False, log_to_driver=False)
        self._actor_cls = ray.remote(num_cpus=1)(ProverActor)
        self._plain = OmegaConf.to_container(cfg, resolve=True)
        self.actors = [self._new_actor() for _ in range(workers)]

    def _new_actor(self) -> Any:
        return self._actor_cls.remote(self._plain, str(self.checkpoints))

    def prove(
        self,
        theorems: Sequence[Theorem],
        *,
        mode: Mode,
        iteration: int,
        model: HFPolicy | None = None,
        memory: TacticMemory | None = None,
        desc: str = "prove",
    ) -> list[Attempt]:
        """`model`/`memory` are ignored: the actors load the newest checkpoint themselves."""
        import ray
        from ray.exceptions import RayActorError

        if needs_model(mode, iteration) and latest_checkpoint(self.checkpoints) is None:
            raise FileNotFoundError(
                f"the Ray provers load the newest checkpoint, and there is none under {self.checkpoints}"
            )
        results: list[Attempt | None] = [None] * len(theorems)
        queue = list(reversed(range(len(theorems))))
        idle, running = list(self.actors), {}
        with _progress(theorems, desc) as bar:
            while queue or running:
                while queue and idle:
                    actor, index = idle.pop(), queue.pop()
                    running[actor.prove.remote(theorems[index], mode, iteration)] = (actor, index)
                ready, _ = ray.wait(list(running), num_returns=1)
                actor, index = running.pop(ready[0])
                try:
                    results[index] = ray.get(ready[0])
                    idle.append(actor)
                except RayActorError as err:
                    results[index] = died(self.cfg, theorems[index], f"Ray actor died: {err}")
                    self.actors.remove(actor)
                    replacement = self._new_actor()
                    self.actors.append(replacement)
                    idle.append(replacement)
                bar.update()
        return [a for a in results if a is not None]

    def loaded(self) -> list[str | None]:
        """The checkpoint each actor holds (None: none loaded yet)."""
        import ray

        return ray.get([actor.loaded.remote() for actor in self.actors])

    def close(self) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)
        self.actors = []


def make_provers(cfg: DictConfig, *, checkpoints: Path) -> LocalProvers | RayProvers:
    """`cfg.executor`: `local` (in-process) or `ray` (`cfg.workers` actors, `cfg.ray_address`)."""
    kind = str(cfg.get("executor", "local"))
    if kind == "local":
        return LocalProvers(cfg, reference_proofs(cfg))
    if kind == "ray":
        workers = int(cfg.get("workers") or 2)
        return RayProvers(cfg, checkpoints=checkpoints, workers=workers, address=cfg.get("ray_address"))
    raise ValueError(f"unknown train executor {kind!r} (known: local, ray)")
