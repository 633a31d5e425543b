"""The provers of expert iteration: in the trainer's process, or a Ray actor pool.

`LocalProvers` searches with the trainer's live model. `RayProvers` runs one `Prover` (one
environment) per Ray actor, as in the HTPS online setup: the actors search with the NEWEST checkpoint
(model and tactic memory), which the trainer sends once per checkpoint through Ray's object store (or
through `trainer.shared_dir`), and reload only when a newer one appears.

A job's `mode`: `rules` (the rules and a constant critic: the baseline), `search` (the policy of one
expert-iteration round: see `bootstrap.search_policy`), `eval` (the learned policy of
`bootstrap.learned_policy`), `model` (the learned model alone, its own critic: no rules, no memory).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
from prover.ray_cluster import ActorPool, Lost, connect, pack_dir, unpack_dir
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


@dataclass(frozen=True)
class CheckpointSource:
    """Where an actor gets a checkpoint's `model/` folder (weights and tactic memory): `blob`, a
    one-item list (so that Ray hands the reference over unresolved) holding the object-store reference
    of its tar archive; or `path`, a copy under `trainer.shared_dir`, which every node must mount at the
    same path. `label` names the checkpoint (its path on the trainer's machine), `version` tells a
    rewritten one from the old (its meta.json's mtime)."""

    label: str
    version: int = 0
    blob: list[Any] | None = None
    path: str | None = None


class ProverActor:
    """Body of one Ray actor: a `Prover` plus the model and memory of the newest checkpoint it was sent.
    It reads nothing from the trainer's disk: `refs` (the reference proofs) and checkpoints come
    through Ray."""

    def __init__(self, cfg: dict[str, Any], refs: Mapping[str, Theorem]) -> None:
        self.cfg = OmegaConf.create(cfg)
        self.refs = refs
        self.prover = Prover(self.cfg, policy=RulesPolicy(), critic=ConstantCritic())
        self.label: str | None = None
        self.version = 0
        self.unpacked: Path | None = None
        self.model: HFPolicy | None = None
        self.memory: TacticMemory | None = None

    def ready(self) -> bool:
        return True

    def prove(
        self, theorem: Theorem, mode: Mode, iteration: int, source: CheckpointSource | None = None
    ) -> Attempt:
        if needs_model(mode, iteration):
            if source is None:
                raise ValueError(f"mode {mode!r} at iteration {iteration} needs a checkpoint")
            self._reload(source)
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
        return self.label

    def _reload(self, source: CheckpointSource) -> None:
        if (source.label, source.version) == (self.label, self.version):
            return
        if source.blob is not None:
            import ray

            if self.unpacked is not None:
                shutil.rmtree(self.unpacked, ignore_errors=True)
            self.unpacked = Path(tempfile.mkdtemp(prefix="htps-checkpoint-"))
            model_dir = unpack_dir(ray.get(source.blob[0]), self.unpacked)
        else:
            assert source.path is not None
            model_dir = Path(source.path)
            if not model_dir.is_dir():
                import ray

                raise FileNotFoundError(
                    f"trainer.shared_dir: {model_dir} is not visible on the Ray node at "
                    f"{ray.util.get_node_ip_address()}; mount the shared folder at the same path on every "
                    "node, or leave trainer.shared_dir unset to send checkpoints through Ray's object store"
                )
        self.model = HFPolicy.create(model_name=str(model_dir), device=str(self.cfg.policy.model.device))
        memory_file = model_dir / MEMORY_FILE
        self.memory = TacticMemory.load(memory_file) if memory_file.is_file() else None
        self.label, self.version = source.label, source.version
        log.info("prover actor loaded %s", source.label)


class RayProvers:
    """A pool of `workers` Ray actors (one CPU each; see prover.ray_cluster.ActorPool); a dead actor is
    replaced and its theorem recorded as failed.

    The trainer sends each new checkpoint's `model/` folder once: by default through Ray's object store
    (every node fetches it from the trainer's), or, with `shared_dir`, as a copy under that folder, which
    every node must mount at the same path."""

    def __init__(
        self,
        cfg: DictConfig,
        *,
        checkpoints: Path,
        workers: int,
        address: str | None = None,
        node_ip: str | None = None,
        shared_dir: str | Path | None = None,
    ) -> None:
        import ray

        self.cfg, self.checkpoints = cfg, Path(checkpoints)
        self.shared_dir = Path(shared_dir) if shared_dir else None
        connect(address, node_ip=node_ip)
        actor_cls = ray.remote(num_cpus=1)(ProverActor)
        plain = OmegaConf.to_container(cfg, resolve=True)
        refs = ray.put(reference_proofs(cfg))
        self.pool = ActorPool(
            lambda: actor_cls.remote(plain, refs),
            size=workers,
            start_timeout_s=float(cfg.get("ray_actor_start_timeout_s") or 300),
            where=address or "the local Ray instance",
        )
        self._published: CheckpointSource | None = None

    def _source(self, checkpoint: Path) -> CheckpointSource:
        """The checkpoint's model folder, published once (again only when it was rewritten)."""
        import ray

        label, version = str(checkpoint), (checkpoint / "meta.json").stat().st_mtime_ns
        old = self._published
        if old is not None and (old.label, old.version) == (label, version):
            return old
        if self.shared_dir is None:
            source = CheckpointSource(label, version, blob=[ray.put(pack_dir(checkpoint / "model"))])
        else:
            source = CheckpointSource(label, version, path=str(self._copy_to_shared(checkpoint)))
        if old is not None and old.path is not None and old.path != source.path:
            shutil.rmtree(old.path, ignore_errors=True)
        self._published = source
        return source

    def _copy_to_shared(self, checkpoint: Path) -> Path:
        assert self.shared_dir is not None
        run = hashlib.sha1(str(self.checkpoints.resolve()).encode()).hexdigest()[:10]
        final = self.shared_dir / f"{run}_{checkpoint.name}"
        tmp = self.shared_dir / f".tmp_{run}_{checkpoint.name}"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(checkpoint / "model", tmp)
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        return final

    def _drop_published(self) -> None:
        if self._published is not None and self._published.path is not None:
            shutil.rmtree(self._published.path, ignore_errors=True)
        self._published = None

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
        """`model`/`memory` are ignored: the actors get the newest checkpoint's (see the class)."""
        source = None
        if needs_model(mode, iteration):
            newest = latest_checkpoint(self.checkpoints)
            if newest is None:
                raise FileNotFoundError(
                    f"the Ray provers load the newest checkpoint, and there is none under {self.checkpoints}"
                )
            source = self._source(newest)
        results: list[Attempt | None] = [None] * len(theorems)
        with _progress(theorems, desc) as bar:
            for index, value in self.pool.map(
                lambda actor, theorem: actor.prove.remote(theorem, mode, iteration, source), theorems
            ):
                results[index] = (
                    died(self.cfg, theorems[index], value.reason) if isinstance(value, Lost) else value
                )
                bar.update()
        return [a for a in results if a is not None]

    def loaded(self) -> list[str | None]:
        """The checkpoint each started actor holds (None: none loaded yet)."""
        import ray

        return ray.get([actor.loaded.remote() for actor in self.pool.ready_actors()])

    def close(self) -> None:
        self.pool.close()
        self._drop_published()


def make_provers(cfg: DictConfig, *, checkpoints: Path) -> LocalProvers | RayProvers:
    """`cfg.executor`: `local` (in-process) or `ray` (`cfg.workers` actors, `cfg.ray_address`)."""
    kind = str(cfg.get("executor", "local"))
    if kind == "local":
        return LocalProvers(cfg, reference_proofs(cfg))
    if kind == "ray":
        workers = int(cfg.get("workers") or 2)
        return RayProvers(
            cfg,
            checkpoints=checkpoints,
            workers=workers,
            address=cfg.get("ray_address"),
            node_ip=cfg.get("ray_node_ip"),
            shared_dir=cfg.trainer.get("shared_dir") if "trainer" in cfg else None,
        )
    raise ValueError(f"unknown train executor {kind!r} (known: local, ray)")
