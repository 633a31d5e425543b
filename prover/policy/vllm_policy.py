"""`VLLMPolicy`: tactic proposals and critic values from vLLM's offline engine (optional extra, GPU).

Follows vLLM's documented offline API (v0.10+ / V1 engine): `vllm.LLM(model=..., tokenizer=...,
seed=..., dtype=..., gpu_memory_utilization=..., logprobs_mode=...)`, `vllm.SamplingParams(n=...,
temperature=..., max_tokens=..., logprobs=..., prompt_logprobs=..., seed=..., stop_token_ids=...)`,
and `LLM.generate(prompts, sampling_params, use_tqdm=False)` over `{"prompt_token_ids": [...]}`
prompts, returning `RequestOutput`s whose `outputs` are `CompletionOutput`s (`text`, `token_ids`,
`cumulative_logprob`) and whose `prompt_logprobs` give, per prompt token, a `{token_id: Logprob}` map.

Semantics match `HFPolicy`:
- a candidate's `logprob` is the model's own log-probability at temperature 1: the engine is built
  with `logprobs_mode="raw_logprobs"` (logprobs before temperature and other processing), and
  `logprobs=0` asks for the sampled tokens' log-probabilities, so `cumulative_logprob` is their sum;
- the critic is P(SOLVABLE) = softmax over the two label tokens after the critic prompt, read as
  prompt log-probabilities of `critic prompt + label` for each label (exact for any vocabulary,
  unlike top-k logprobs, and cheap with vLLM's prefix caching).
Encoder-decoder models (T5 / ReProver's ByT5) are not served by vLLM's V1 engine: use backend=hf.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from transformers import AutoConfig, AutoTokenizer

from prover.policy.formats import get_format
from prover.policy.hf import POLICY_FILE
from prover.policy.tensors import prompt_token_ids
from prover.policy.types import TacticProposal, dedupe

_VALUE_EPS = 1e-6


def _import_vllm() -> Any:
    try:
        import vllm
    except ImportError as exc:
        raise ImportError("backend='vllm' needs the optional extra: pip install 'htps-prover[vllm]'") from exc
    return vllm


class VLLMPolicy:
    """A decoder-only checkpoint (a hub name, or a folder written by `HFPolicy.save`, whose
    `policy.json` options are read) served by vLLM. Options as `HFPolicy`'s, plus `dtype` and
    `gpu_memory_utilization` for the engine; `beam_search` is not offered (sampling only)."""

    def __init__(
        self,
        *,
        model_name: str,
        prompt_format: str = "gptf",
        max_prompt_tokens: int = 1024,
        max_new_tokens: int = 128,
        critic_labels: Sequence[str] = ("Y", "N"),
        seed: int = 0,
        dtype: str = "auto",
        gpu_memory_utilization: float = 0.5,
        **ignored: object,
    ) -> None:
        vllm = _import_vllm()
        saved_file = Path(model_name) / POLICY_FILE
        saved = json.loads(saved_file.read_text()) if saved_file.is_file() else {}
        if saved.get("beam_search"):
            raise ValueError("the vLLM backend samples; beam_search is only offered by backend='hf'")
        if AutoConfig.from_pretrained(model_name).is_encoder_decoder:
            raise ValueError(
                f"{model_name} is an encoder-decoder model; vLLM serves decoders: use backend='hf'"
            )
        self.format = get_format(saved.get("prompt_format", prompt_format))
        self.max_prompt_tokens = int(saved.get("max_prompt_tokens", max_prompt_tokens))
        self.max_new_tokens = int(saved.get("max_new_tokens", max_new_tokens))
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.eos_id = int(self.tokenizer.eos_token_id)
        labels = saved.get("critic_labels", list(critic_labels))
        self.critic_ids = [
            int(self.tokenizer.encode(label, add_special_tokens=False)[-1]) for label in labels
        ]
        if self.critic_ids[0] == self.critic_ids[1]:
            raise ValueError(f"critic labels {labels} map to the same token")
        self._vllm = vllm
        self.llm = vllm.LLM(
            model=model_name,
            tokenizer=model_name,
            seed=seed,
            dtype=dtype,
            gpu_memory_utilization=gpu_memory_utilization,
            logprobs_mode="raw_logprobs",
        )

    def _prompt(self, text: str) -> dict[str, list[int]]:
        ids = prompt_token_ids(self.tokenizer, text, max_tokens=self.max_prompt_tokens, encoder=False)
        return {"prompt_token_ids": ids}

    def propose(
        self,
        goals: Sequence[str],
        *,
        n: int,
        temperature: float = 1.0,
        seed: int | None = None,
        names: Sequence[str | None] | None = None,
    ) -> list[list[TacticProposal]]:
        """At most `n` distinct tactics per goal, best first, from one `generate` call."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        if temperature <= 0:
            raise ValueError(f"temperature must be positive when sampling, got {temperature}")
        if not goals:
            return []
        names = list(names) if names is not None else [None] * len(goals)
        params = self._vllm.SamplingParams(
            n=n,
            temperature=temperature,
            top_p=1.0,
            max_tokens=self.max_new_tokens,
            logprobs=0,
            seed=seed,
            stop_token_ids=[self.eos_id],
        )
        prompts = [self._prompt(self.format.prompt(g, name=nm)) for g, nm in zip(goals, names, strict=True)]
        outputs = self.llm.generate(prompts, params, use_tqdm=False)
        return [
            dedupe(TacticProposal(c.text, float(c.cumulative_logprob)) for c in request.outputs)
            for request in outputs
        ]

    def values(self, goals: Sequence[str], names: Sequence[str | None] | None = None) -> list[float]:
        """P(SOLVABLE) per goal, in (0, 1)."""
        if not goals:
            return []
        names = list(names) if names is not None else [None] * len(goals)
        params = self._vllm.SamplingParams(max_tokens=1, prompt_logprobs=0, temperature=1.0)
        prompts = []
        for goal, name in zip(goals, names, strict=True):
            base = self._prompt(self.format.critic_prompt(goal, name=name))["prompt_token_ids"]
            prompts += [{"prompt_token_ids": base + [label]} for label in self.critic_ids]
        outputs = self.llm.generate(prompts, params, use_tqdm=False)
        values = []
        for k in range(len(goals)):
            yes, no = (outputs[2 * k + j].prompt_logprobs[-1][self.critic_ids[j]].logprob for j in (0, 1))
            p = 1.0 / (1.0 + math.exp(no - yes))
            values.append(min(max(p, _VALUE_EPS), 1 - _VALUE_EPS))
        return values
