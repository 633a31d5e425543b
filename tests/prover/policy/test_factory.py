import importlib.util

import pytest

from prover.policy.factory import load_policy
from prover.policy.hf import HFPolicy


def test_hf_backend_builds_a_policy_from_options():
    policy = load_policy(
        backend="hf",
        architecture="encoder-decoder",
        n_layer=1,
        n_head=1,
        d_model=16,
        prompt_format="raw",
        device="cpu",
    )
    assert isinstance(policy, HFPolicy)
    assert policy.is_encoder_decoder and policy.format.name == "raw"


def test_vllm_backend_fails_clearly():
    expected = NotImplementedError if importlib.util.find_spec("vllm") else ImportError
    with pytest.raises(expected, match="vllm|vLLM"):
        load_policy(backend="vllm")


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown policy backend"):
        load_policy(backend="onnx")
