import math
from pathlib import Path

import pytest

from prover.policies import ConstantCritic, MixedPolicy, RerankPolicy
from prover.policy.types import TacticProposal


class Fixed:
    def __init__(self, pairs: list[tuple[str, float]]) -> None:
        self.pairs = pairs

    def propose(self, goals, *, n, temperature=1.0, seed=None):
        return [[TacticProposal(t, math.log(p)) for t, p in self.pairs][:n] for _ in goals]


def test_mixture_probabilities_are_hand_computed() -> None:
    # first: a 0.75, b 0.25; second: b 0.5, c 0.5; weight 0.4 ->
    # a = 0.4*0.75 = 0.3, b = 0.4*0.25 + 0.6*0.5 = 0.4, c = 0.6*0.5 = 0.3
    mixed = MixedPolicy(Fixed([("a", 0.75), ("b", 0.25)]), Fixed([("b", 0.5), ("c", 0.5)]), 0.4)
    (out,) = mixed.propose(["⊢ True"], n=3)
    assert [p.tactic for p in out] == ["b", "a", "c"]
    assert [round(math.exp(p.logprob), 6) for p in out] == [0.4, 0.3, 0.3]


def test_mixture_keeps_at_most_n() -> None:
    mixed = MixedPolicy(Fixed([("a", 0.5), ("b", 0.5)]), Fixed([("c", 1.0)]), 0.5)
    assert len(mixed.propose(["⊢ True", "⊢ False"], n=2)[1]) == 2


def test_constant_critic_validates_its_value() -> None:
    assert ConstantCritic(0.3).values(["a", "b"]) == [0.3, 0.3]
    with pytest.raises(ValueError):
        ConstantCritic(1.0)


class Scored(Fixed):
    """Samples like `Fixed` and scores a tactic by a table (unknown tactics: log 1e-6)."""

    def __init__(self, pairs, table) -> None:
        super().__init__(pairs)
        self.table = table
        self.scored: list[list[str]] = []

    def score(self, goals, candidates):
        self.scored = [list(c) for c in candidates]
        return [[math.log(self.table.get(t, 1e-6)) for t in cands] for cands in candidates]


class Memory:
    def __init__(self, tactics) -> None:
        self.tactics = tactics

    def query(self, goal, *, k):
        return self.tactics[:k]


def test_rerank_scores_the_pooled_candidates_and_mixes_with_the_rules() -> None:
    model = Scored([("s", 1.0)], {"r1": 0.1, "s": 0.1, "m": 0.8})
    rules = Fixed([("r1", 0.5), ("r2", 0.5)])
    policy = RerankPolicy(model, rules, Memory([("m", 1.0), ("r1", 0.5)]), weight=0.5, samples=1, retrieved=2)
    (out,) = policy.propose(["⊢ True"], n=4)
    assert model.scored == [["r1", "r2", "s", "m"]]
    # model softmax over (r1, r2, s, m) = (0.1, 1e-6, 0.1, 0.8) / (1.0 + 1e-6); rules: r1 0.5, r2 0.5
    p_model = {t: v / (1.0 + 1e-6) for t, v in {"r1": 0.1, "r2": 1e-6, "s": 0.1, "m": 0.8}.items()}
    expected = {t: 0.5 * p_model[t] + 0.5 * {"r1": 0.5, "r2": 0.5}.get(t, 0.0) for t in p_model}
    assert [p.tactic for p in out] == ["m", "r1", "r2", "s"]
    for p in out:
        assert math.exp(p.logprob) == pytest.approx(expected[p.tactic])
    assert len(policy.propose(["⊢ True"], n=2)[0]) == 2


def test_rerank_memory_share_is_proportional_to_similarity() -> None:
    # model: uniform over (r1, m1, m2); memory: m1 0.6/0.8, m2 0.2/0.8; rules: r1 1.0
    model = Scored([], {"r1": 1.0, "m1": 1.0, "m2": 1.0})
    memory = Memory([("m1", 0.6), ("m2", 0.2)])
    policy = RerankPolicy(model, Fixed([("r1", 1.0)]), memory, weight=0.3, memory_weight=0.4, samples=0)
    (out,) = policy.propose(["⊢ True"], n=3)
    expected = {"r1": 0.1 + 0.3, "m1": 0.1 + 0.4 * 0.75, "m2": 0.1 + 0.4 * 0.25}
    assert [p.tactic for p in out] == ["m1", "r1", "m2"]
    for p in out:
        assert math.exp(p.logprob) == pytest.approx(expected[p.tactic])
    with pytest.raises(ValueError):
        RerankPolicy(model, Fixed([]), memory, weight=0.7, memory_weight=0.4)


def _mix_config(tmp_path, *overrides):
    from hydra import compose, initialize_config_dir

    configs = str(Path(__file__).resolve().parents[2] / "configs")
    small = ["policy.model.n_layer=1", "policy.model.d_model=32", "policy.model.n_head=2"]
    with initialize_config_dir(config_dir=configs, version_base="1.3"):
        return compose("prove", overrides=["policy=mix", f"out_dir={tmp_path}", *small, *overrides])


def test_mix_config_builds_a_reranker_with_the_checkpoint_memory_and_optional_constant_critic(tmp_path):
    from prover.policies import build_policy
    from prover.policy.hf import HFPolicy
    from prover.policy.memory import MEMORY_FILE, TacticMemory

    model = HFPolicy.create(n_layer=1, n_head=2, d_model=32, device="cpu")
    model.save(tmp_path / "model")
    TacticMemory([("⊢ True", "trivial")]).save(tmp_path / "model" / MEMORY_FILE)
    cfg = _mix_config(tmp_path, f"policy.model.model_name={tmp_path / 'model'}")
    policy, critic = build_policy(cfg.policy)
    assert isinstance(policy, RerankPolicy) and critic is policy.model
    assert policy.memory is not None and policy.memory.query("⊢ True", k=1) == [("trivial", 1.0)]
    assert (policy.weight, policy.memory_weight) == (0.4, 0.2)
    _, constant = build_policy(_mix_config(tmp_path, "policy.constant_critic=0.3").policy)
    assert constant == ConstantCritic(0.3)
    plain, _ = build_policy(_mix_config(tmp_path, "policy.combine=mix").policy)
    assert isinstance(plain, MixedPolicy)
    with pytest.raises(ValueError, match="combine"):
        build_policy(_mix_config(tmp_path, "policy.combine=nope").policy)
