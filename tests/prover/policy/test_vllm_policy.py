"""`VLLMPolicy` against a fake `vllm` module speaking the offline API (and the real one on a GPU)."""

import importlib.util
import json
import math
import sys

import pytest
import torch

from prover.policy.factory import load_policy
from prover.policy.hf import POLICY_FILE, HFPolicy
from prover.policy.scoring import candidate_logprobs
from prover.policy.vllm_policy import VLLMPolicy

from .fakes import fake_vllm

GOALS = ["p q : Prop\nhp : p\n⊢ p ∨ q", "⊢ True"]


def assert_logprobs_are_the_models(hf, goals, requests):
    """Each completion carries the transformers model's temperature-1 log-probability of its tokens
    (stop token included), whatever temperature it was sampled at."""
    prompts = [hf.prompt_ids(hf.format.prompt(goal)) for goal in goals]
    owner = [i for i, request in enumerate(requests) for _ in request.outputs]
    tokens = [list(c.token_ids) for request in requests for c in request.outputs]
    with torch.no_grad():
        expected = candidate_logprobs(
            hf.model, prompts, owner, tokens, pad_id=hf.pad_id, decoder_start_id=None, device=hf.device
        ).tolist()
    got = [c.cumulative_logprob for request in requests for c in request.outputs]
    assert got == pytest.approx(expected, abs=1e-2)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("ckpt") / "model"
    HFPolicy.create(n_layer=1, n_head=2, d_model=32, max_new_tokens=6, device="cpu", seed=1).save(path)
    return path


@pytest.fixture(scope="module")
def hf(checkpoint):
    return HFPolicy.create(model_name=str(checkpoint), device="cpu")


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setitem(sys.modules, "vllm", fake_vllm)
    # The fake computes on the CPU; the policy still insists on seeing a CUDA device.
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    fake_vllm.LLM.instances.clear()
    return fake_vllm


def test_proposals_carry_raw_sequence_logprobs_and_sampling_options(fake, checkpoint, hf):
    policy = VLLMPolicy(model_name=str(checkpoint), seed=3)
    (llm,) = fake.LLM.instances
    assert llm.kwargs["logprobs_mode"] == "raw_logprobs" and llm.kwargs["model"] == str(checkpoint)
    assert llm.kwargs["seed"] == 3
    out = policy.propose(GOALS, n=3, temperature=1.5, seed=7)
    prompts, params = llm.calls[-1]
    assert (params.n, params.temperature, params.seed, params.logprobs) == (3, 1.5, 7, 0)
    assert params.max_tokens == 6 and params.stop_token_ids == [policy.eos_id]
    assert prompts[0]["prompt_token_ids"] == hf.prompt_ids(hf.format.prompt(GOALS[0]))
    assert len(out) == 2
    for row, request in zip(out, llm.results[-1], strict=True):
        best: dict[str, float] = {}
        for c in request.outputs:
            if c.text.strip():
                best[c.text.strip()] = max(best.get(c.text.strip(), -math.inf), c.cumulative_logprob)
        assert {p.tactic: p.logprob for p in row} == best
        assert [p.logprob for p in row] == sorted(best.values(), reverse=True)
    assert policy.propose(GOALS, n=3, temperature=1.5, seed=7) == out
    assert_logprobs_are_the_models(hf, GOALS, llm.results[-1])
    assert policy.propose([], n=3) == []


def test_scores_match_the_transformers_policy_of_the_same_checkpoint(fake, checkpoint, hf):
    policy = VLLMPolicy(model_name=str(checkpoint))
    candidates = [["simp", "exact Or.inl hp", "a very long tactic text"], []]
    scores = policy.score(GOALS, candidates)
    assert [len(row) for row in scores] == [3, 0]
    assert scores[0] == pytest.approx(hf.score(GOALS, candidates)[0], abs=1e-4)
    assert policy.score(GOALS, [[], []]) == [[], []]


def test_critic_matches_the_transformers_critic_of_the_same_checkpoint(fake, checkpoint, hf):
    policy = VLLMPolicy(model_name=str(checkpoint))
    assert policy.values(GOALS) == pytest.approx(hf.values(GOALS), abs=1e-4)
    assert policy.values([]) == []


def test_explicit_options_win_over_the_checkpoint_which_wins_over_defaults(fake, checkpoint, tmp_path):
    assert VLLMPolicy(model_name=str(checkpoint)).max_new_tokens == 6
    policy = VLLMPolicy(model_name=str(checkpoint), max_new_tokens=3, prompt_format="raw")
    assert (policy.max_new_tokens, policy.format.name) == (3, "raw")
    beams = tmp_path / "beams"
    HFPolicy.create(n_layer=1, n_head=2, d_model=32, beam_search=True, device="cpu").save(beams)
    assert json.loads((beams / POLICY_FILE).read_text())["beam_search"] is True
    with pytest.raises(ValueError, match="beam_search"):
        VLLMPolicy(model_name=str(beams))
    assert VLLMPolicy(model_name=str(beams), beam_search=False).max_new_tokens == 128


def test_clear_errors(monkeypatch, fake, checkpoint, tmp_path):
    with pytest.raises(ValueError, match="model_name"):
        load_policy(backend="vllm")
    assert isinstance(load_policy(backend="vllm", model_name=str(checkpoint), device="auto"), VLLMPolicy)
    t5 = tmp_path / "t5"
    HFPolicy.create(architecture="encoder-decoder", n_layer=1, n_head=1, d_model=16, device="cpu").save(t5)
    with pytest.raises(ValueError, match="encoder-decoder"):
        VLLMPolicy(model_name=str(t5))
    with pytest.raises(ValueError, match="n must be"):
        VLLMPolicy(model_name=str(checkpoint)).propose(GOALS, n=0)
    with pytest.raises(ValueError, match="CUDA"):
        VLLMPolicy(model_name=str(checkpoint), device="cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="CUDA"):
        load_policy(backend="vllm", model_name=str(checkpoint))
    monkeypatch.setitem(sys.modules, "vllm", None)  # what `import vllm` sees when it is not installed
    with pytest.raises(ImportError, match=r"htps-prover\[vllm\]"):
        VLLMPolicy(model_name=str(checkpoint))


@pytest.mark.gpu
@pytest.mark.skipif(
    importlib.util.find_spec("vllm") is None or not torch.cuda.is_available(), reason="needs vllm and CUDA"
)
def test_real_vllm_serves_a_checkpoint(tmp_path):
    # Head size 64: every vLLM attention backend takes it (the fake's checkpoint has 16).
    path = tmp_path / "model"
    HFPolicy.create(n_layer=1, n_head=2, d_model=128, max_new_tokens=8, device="cpu", seed=1).save(path)
    hf = HFPolicy.create(model_name=str(path), device="cpu")
    policy = VLLMPolicy(model_name=str(path), gpu_memory_utilization=0.2, dtype="float32")
    out = policy.propose(GOALS, n=4, temperature=1.0, seed=0)
    assert len(out) == 2 and all(1 <= len(row) <= 4 for row in out)
    assert_logprobs_are_the_models(hf, GOALS, policy.sample(GOALS, n=8, temperature=2.0, seed=1))
    tactics = [[p.tactic for p in row] for row in out]
    expected = hf.score(GOALS, tactics)
    assert policy.score(GOALS, tactics) == [pytest.approx(row, abs=1e-2) for row in expected]
    assert policy.values(GOALS) == pytest.approx(hf.values(GOALS), abs=1e-3)
