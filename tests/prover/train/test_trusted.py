"""Training data from real proofs only (`prover.train.trusted`, used by the expert-iteration loop)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.env.base import CheckResult
from prover.policy.types import TacticProposal
from prover.runner import Attempt, Prover
from prover.theorems import Theorem
from prover.train.loop import _samples
from prover.train.samples import TacticSample
from prover.train.trusted import is_trainable, untrusted_reason

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")
AND_SWAP = Theorem("t_and_swap", "theorem t_and_swap (p q : Prop) (h : p ∧ q) : q ∧ p")


class Scripted:
    """A policy proposing the same tactics for every goal (honest ones, then whatever the test adds)."""

    def __init__(self, tactics: Sequence[str]) -> None:
        self.tactics = list(tactics)

    def propose(self, goals: Sequence[str], *, n: int, temperature: float, seed: int | None):
        return [[TacticProposal(t, -1.0 - i) for i, t in enumerate(self.tactics[:n])] for _ in goals]


class Flat:
    def values(self, goals: Sequence[str]) -> list[float]:
        return [0.5] * len(goals)


def _prover(tactics: Sequence[str]) -> Prover:
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose("prove", overrides=["search.max_expansions=20", "search.num_tactics=8"])
    return Prover(cfg, policy=Scripted(tactics), critic=Flat())


HONEST = ["exact ⟨h.2, h.1⟩", "constructor", "exact h.2", "exact h.1"]


def _samples_of(attempt: Attempt, **kw: bool) -> list:
    return _samples([attempt], min_visits=1, unproved=0.0, **kw)


def test_a_real_proof_gives_tactic_and_critic_samples() -> None:
    prover = _prover(HONEST)
    try:
        attempt = prover.prove(AND_SWAP)
    finally:
        prover.close()
    assert attempt.record.proved and attempt.tree is not None
    assert attempt.tree["recheck"] == {"ok": True, "message": None}
    assert is_trainable(attempt)
    samples = _samples_of(attempt)
    assert any(isinstance(s, TacticSample) for s in samples)


def test_a_proof_that_fails_the_recheck_gives_no_samples() -> None:
    """The REPL once called a sorry-closed split goal proved; the re-check is what decides."""
    prover = _prover(HONEST)
    try:
        env = prover._env()
        env.check = lambda theorem, script: CheckResult(False, "declaration uses 'sorry'")  # type: ignore[method-assign]
        attempt = prover.prove(AND_SWAP)
    finally:
        prover.close()
    assert attempt.tree is not None and attempt.tree["proved"] and not attempt.record.proved
    assert attempt.tree["recheck"]["ok"] is False
    assert "re-check" in untrusted_reason(attempt)
    assert _samples_of(attempt) == []
    # an older tree without the `recheck` field is refused through the record
    del attempt.tree["recheck"]
    assert "did not count" in untrusted_reason(attempt)


def test_unscreened_tactics_on_proof_edges_poison_the_whole_tree() -> None:
    prover = _prover(HONEST)
    try:
        attempt = prover.prove(AND_SWAP)
    finally:
        prover.close()
    assert attempt.tree is not None
    for bad in ("sorry", "stop", "apply?", "native_decide", "decide +native", "omega -- \u2028#exit"):
        tree = copy.deepcopy(attempt.tree)
        used = next(e for e in tree["edges"] if e["status"] == "proved")
        used["tactic"] = bad
        poisoned = Attempt(attempt.record, tree)
        assert not is_trainable(poisoned), bad
        assert _samples_of(poisoned) == []
    native = copy.deepcopy(attempt.tree)
    next(e for e in native["edges"] if e["status"] == "proved")["tactic"] = "native_decide"
    allowed = Attempt(attempt.record, native)
    assert is_trainable(allowed, allow_native_decide=True)  # the user opted in: screened, not unscreened
    assert _samples_of(allowed, allow_native_decide=True)


def test_failed_edges_may_hold_anything() -> None:
    prover = _prover(HONEST)
    try:
        attempt = prover.prove(AND_SWAP)
    finally:
        prover.close()
    assert attempt.tree is not None
    tree = copy.deepcopy(attempt.tree)
    tree["edges"].append(
        {**tree["edges"][0], "id": len(tree["edges"]), "tactic": "sorry", "status": "failed"}
    )
    assert is_trainable(Attempt(attempt.record, tree))


def test_the_search_never_applies_a_refused_tactic_even_on_the_embedded_kernel() -> None:
    prover = _prover(["sorry", "stop", "native_decide", *HONEST])
    try:
        attempt = prover.prove(AND_SWAP)
    finally:
        prover.close()
    assert attempt.record.proved and attempt.tree is not None
    refused = [e for e in attempt.tree["edges"] if e["tactic"] in ("sorry", "stop", "native_decide")]
    assert refused and all(e["status"] == "failed" and "refused before Lean" in e["error"] for e in refused)
    assert is_trainable(attempt)
