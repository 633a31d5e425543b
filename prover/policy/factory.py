"""Build a learned policy from configuration values (what the Hydra `policy` group holds)."""

from __future__ import annotations

from typing import Literal

from prover.policy.hf import HFPolicy

Backend = Literal["hf", "vllm"]


def load_policy(*, backend: Backend = "hf", **options: object) -> HFPolicy:
    """`backend="hf"`: `HFPolicy.create(**options)` (see it for the options).

    `backend="vllm"` is reserved for a vLLM generator; it is not implemented, and fails clearly either
    way (vllm missing, or present but unsupported here).
    """
    if backend == "hf":
        return HFPolicy.create(**options)  # type: ignore[arg-type]
    if backend == "vllm":
        try:
            import vllm  # noqa: F401
        except ImportError as exc:
            raise ImportError(
                "backend='vllm' needs the optional extra: pip install 'htps-prover[vllm]'"
            ) from exc
        raise NotImplementedError("the vLLM backend is not implemented yet; use backend='hf'")
    raise ValueError(f"unknown policy backend {backend!r}: 'hf' or 'vllm'")
