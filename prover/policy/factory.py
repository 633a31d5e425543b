"""Build a learned policy from configuration values (what the Hydra `policy` group holds)."""

from __future__ import annotations

from typing import Literal

from prover.policy.hf import HFPolicy
from prover.policy.vllm_policy import VLLMPolicy

Backend = Literal["hf", "vllm"]


def load_policy(*, backend: Backend = "hf", **options: object) -> HFPolicy | VLLMPolicy:
    """`backend="hf"`: `HFPolicy.create(**options)` (see it for the options).

    `backend="vllm"`: a `VLLMPolicy` over `options["model_name"]` (a decoder checkpoint; needs the
    `vllm` extra and a GPU). It cannot build a fresh model: train one with backend hf first.
    """
    if backend == "hf":
        return HFPolicy.create(**options)  # type: ignore[arg-type]
    if backend == "vllm":
        if not options.get("model_name"):
            raise ValueError("backend='vllm' serves a trained checkpoint: set policy.model.model_name")
        return VLLMPolicy(**options)  # type: ignore[arg-type]
    raise ValueError(f"unknown policy backend {backend!r}: 'hf' or 'vllm'")
