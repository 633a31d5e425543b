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


def test_vllm_backend_needs_a_checkpoint_or_the_extra(tmp_path):
    with pytest.raises(ValueError, match="model_name"):
        load_policy(backend="vllm")
    if importlib.util.find_spec("vllm") is None:
        with pytest.raises(ImportError, match="vllm"):
            load_policy(backend="vllm", model_name=str(tmp_path))


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown policy backend"):
        load_policy(backend="onnx")
