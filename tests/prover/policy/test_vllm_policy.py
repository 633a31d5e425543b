"""`VLLMPolicy` against a fake `vllm` module speaking the offline API (and the real one on a GPU)."""

import importlib.util
import math
import sys

import pytest
import torch

from prover.policy.factory import load_policy
from prover.policy.hf import HFPolicy
from prover.policy.vllm_policy import VLLMPolicy

from .fakes import fake_vllm

GOALS = ["p q : Prop\nhp : p\n⊢ p ∨ q", "⊢ True"]


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("ckpt") / "model"
    HFPolicy.create(n_layer=1, n_head=2, d_model=32, max_new_tokens=6, device="cpu", seed=1).save(path)
    return path


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setitem(sys.modules, "vllm", fake_vllm)
    fake_vllm.LLM.instances.clear()
    return fake_vllm


def test_proposals_carry_raw_sequence_logprobs_and_sampling_options(fake, checkpoint):
    policy = VLLMPolicy(model_name=str(checkpoint), seed=3)
    (llm,) = fake.LLM.instances
    assert llm.kwargs["logprobs_mode"] == "raw_logprobs" and llm.kwargs["model"] == str(checkpoint)
    out = policy.propose(GOALS, n=3, temperature=1.5, seed=7)
    prompts, params = llm.calls[-1]
    assert (params.n, params.temperature, params.seed, params.logprobs) == (3, 1.5, 7, 0)
    assert params.max_tokens == 6 and params.stop_token_ids == [policy.eos_id]
    hf = HFPolicy.create(model_name=str(checkpoint), device="cpu")
    assert prompts[0]["prompt_token_ids"] == hf.prompt_ids(hf.format.prompt(GOALS[0]))
    assert len(out) == 2
    for row, request in zip(out, llm.results[-1], strict=True):
        best: dict[str, float] = {}
        for c in request.outputs:
            if c.text.strip():
                best[c.text.strip()] = max(best.get(c.text.strip(), -math.inf), c.cumulative_logprob)
        assert {p.tactic: p.logprob for p in row} == best
        assert [p.logprob for p in row] == sorted(best.values(), reverse=True)


def test_critic_matches_the_transformers_critic_of_the_same_checkpoint(fake, checkpoint):
    policy = VLLMPolicy(model_name=str(checkpoint))
    hf = HFPolicy.create(model_name=str(checkpoint), device="cpu")
    assert policy.values(GOALS) == pytest.approx(hf.values(GOALS), abs=1e-4)
    assert policy.values([]) == []


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
    monkeypatch.setitem(sys.modules, "vllm", None)  # what `import vllm` sees when it is not installed
    with pytest.raises(ImportError, match=r"htps-prover\[vllm\]"):
        VLLMPolicy(model_name=str(checkpoint))


@pytest.mark.gpu
@pytest.mark.skipif(
    importlib.util.find_spec("vllm") is None or not torch.cuda.is_available(), reason="needs vllm and CUDA"
)
def test_real_vllm_serves_a_checkpoint(checkpoint):
    policy = VLLMPolicy(model_name=str(checkpoint), gpu_memory_utilization=0.2)
    out = policy.propose(GOALS, n=4, temperature=1.0, seed=0)
    assert len(out) == 2 and all(1 <= len(row) <= 4 for row in out)
    assert all(0 < v < 1 for v in policy.values(GOALS))
