"""`VLLMPolicy`: tactic proposals, tactic scores and critic values from vLLM's offline engine
(optional extra, CUDA only).

Follows vLLM's offline API as of v0.11 (V1 engine): `vllm.LLM(model=..., tokenizer=..., seed=...,
dtype=..., gpu_memory_utilization=..., logprobs_mode=...)` (extra keywords go to `EngineArgs`),
`vllm.SamplingParams(n=..., temperature=..., top_p=..., max_tokens=..., logprobs=...,
prompt_logprobs=..., seed=..., stop_token_ids=...)`, and `LLM.generate(prompts, sampling_params,
use_tqdm=False)` over `{"prompt_token_ids": [...]}` prompts, returning `RequestOutput`s whose `outputs`
are `CompletionOutput`s (`text`, `token_ids`, `cumulative_logprob`) and whose `prompt_logprobs` hold,
per prompt position, a `{token_id: Logprob}` map (`None` at position 0; a `FlatLogprobs` indexes the
same way).

Semantics match `HFPolicy`:
- a candidate's `logprob` is the model's own log-probability at temperature 1, end-of-sequence
  included: the engine is built with `logprobs_mode="raw_logprobs"` (log-softmax of the logits before
  temperature, top-p and any other processing; V0 reported processed ones, hence explicit), and
  `logprobs=0` asks for the sampled tokens only, so `cumulative_logprob` is their sum;
- with a `seed`, vLLM gives the i-th of the `n` samples the seed `seed + i` (`ParentRequest` in
  `vllm/v1/engine/parallel_sampling.py`), so a seeded call is reproducible;
- `score` and the critic read prompt log-probabilities (`prompt_logprobs=0`: the prompt tokens' own
  log-probabilities, exact for any vocabulary, unlike top-k logprobs). The critic is P(SOLVABLE) =
  softmax over the two label tokens after the critic prompt, from two requests per goal (`critic
  prompt + label`). vLLM skips its prefix cache for requests that ask for prompt log-probabilities
  (`v1/core/kv_cache_manager.py`), so each of them is a full prefill.
Encoder-decoder models (T5 / ReProver's ByT5) are not served by vLLM's V1 engine: use backend=hf.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from transformers import AutoConfig, AutoTokenizer

from prover.policy.formats import get_format
from prover.policy.hf import POLICY_FILE
from prover.policy.tensors import prompt_token_ids, target_token_ids
from prover.policy.types import TacticProposal, dedupe

_VALUE_EPS = 1e-6
_DEFAULTS: dict[str, Any] = {
    "prompt_format": "gptf",
    "max_prompt_tokens": 1024,
    "max_new_tokens": 128,
    "critic_labels": ("Y", "N"),
    "beam_search": False,
}


def _import_vllm() -> Any:
    try:
        import vllm
    except ImportError as exc:
        raise ImportError("backend='vllm' needs the optional extra: pip install 'htps-prover[vllm]'") from exc
    return vllm


def _require_cuda(device: str) -> None:
    if device != "auto" and not device.startswith("cuda"):
        raise ValueError(
            f"the vLLM backend runs on CUDA, got device={device!r}: use backend='hf' on {device}"
        )
    if not torch.cuda.is_available():
        raise RuntimeError("backend='vllm' needs a CUDA device and none is visible: use backend='hf'")


def _options(model_name: str, explicit: dict[str, Any]) -> dict[str, Any]:
    """Explicit options win over the checkpoint's `policy.json`, which wins over the defaults
    (as `HFPolicy.create`)."""
    saved_file = Path(model_name) / POLICY_FILE
    saved = json.loads(saved_file.read_text()) if saved_file.is_file() else {}
    known = {key: value for key, value in saved.items() if key in explicit}
    given = {key: value for key, value in explicit.items() if value is not None}
    return _DEFAULTS | known | given


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    return math.exp(x) / (1.0 + math.exp(x))


class VLLMPolicy:
    """A decoder-only checkpoint (a hub name, or a folder written by `HFPolicy.save`, whose
    `policy.json` options are read) served by vLLM.

    Hyperparameters (keyword-only; None: the checkpoint's `policy.json` value, else `HFPolicy`'s
    default): `prompt_format`, `max_prompt_tokens`, `max_new_tokens`, `critic_labels` as in `HFPolicy`.
    Engine settings: `device` (`"auto"` or `"cuda[:i]"`: vLLM needs CUDA), `seed` (the engine's
    seed, used by calls without their own), `dtype` (`"auto"`: the checkpoint's), and
    `gpu_memory_utilization` (the share of GPU memory vLLM reserves for weights and KV cache).
    `beam_search` is refused (this backend samples). Other options (`architecture`, `n_layer`, ...,
    which only describe fresh models) are ignored.
    """

    def __init__(
        self,
        *,
        model_name: str,
        prompt_format: str | None = None,
        max_prompt_tokens: int | None = None,
        max_new_tokens: int | None = None,
        critic_labels: Sequence[str] | None = None,
        beam_search: bool | None = None,
        device: str = "auto",
        seed: int = 0,
        dtype: str = "auto",
        gpu_memory_utilization: float = 0.5,
        **ignored: object,
    ) -> None:
        vllm = _import_vllm()
        _require_cuda(device)
        explicit = {
            "prompt_format": prompt_format,
            "max_prompt_tokens": max_prompt_tokens,
            "max_new_tokens": max_new_tokens,
            "critic_labels": critic_labels,
            "beam_search": beam_search,
        }
        options = _options(model_name, explicit)
        if options["beam_search"]:
            raise ValueError("the vLLM backend samples; beam_search is only offered by backend='hf'")
        if AutoConfig.from_pretrained(model_name).is_encoder_decoder:
            raise ValueError(
                f"{model_name} is an encoder-decoder model; vLLM serves decoders: use backend='hf'"
            )
        self.format = get_format(options["prompt_format"])
        self.max_prompt_tokens = int(options["max_prompt_tokens"])
        self.max_new_tokens = int(options["max_new_tokens"])
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.eos_id = int(self.tokenizer.eos_token_id)
        labels = list(options["critic_labels"])
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

    def prompt_ids(self, text: str) -> list[int]:
        """As `HFPolicy.prompt_ids`: a decoder prompt's token ids, truncated to its tail."""
        return prompt_token_ids(self.tokenizer, text, max_tokens=self.max_prompt_tokens, encoder=False)

    def target_ids(self, tactic: str) -> list[int]:
        """As `HFPolicy.target_ids`: the tactic's tokens, then eos, at most `max_new_tokens`."""
        return target_token_ids(self.tokenizer, self.format.target(tactic), max_tokens=self.max_new_tokens)

    def _prompt_logprobs(self, sequences: list[list[int]]) -> list[Any]:
        """Each sequence's prompt log-probabilities (position k: log P(token k | tokens before k))."""
        params = self._vllm.SamplingParams(max_tokens=1, prompt_logprobs=0, temperature=1.0)
        prompts = [{"prompt_token_ids": ids} for ids in sequences]
        return [out.prompt_logprobs for out in self.llm.generate(prompts, params, use_tqdm=False)]

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
        if not goals:
            return []
        outputs = self.sample(goals, n=n, temperature=temperature, seed=seed, names=names)
        return [
            dedupe(TacticProposal(c.text, float(c.cumulative_logprob)) for c in request.outputs)
            for request in outputs
        ]

    def sample(
        self,
        goals: Sequence[str],
        *,
        n: int,
        temperature: float,
        seed: int | None,
        names: Sequence[str | None] | None = None,
    ) -> list[Any]:
        """vLLM's `RequestOutput` per goal: `n` completions each, before deduplication."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        if temperature <= 0:
            raise ValueError(f"temperature must be positive when sampling, got {temperature}")
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
        prompts = [
            {"prompt_token_ids": self.prompt_ids(self.format.prompt(g, name=nm))}
            for g, nm in zip(goals, names, strict=True)
        ]
        return self.llm.generate(prompts, params, use_tqdm=False)

    def score(
        self,
        goals: Sequence[str],
        candidates: Sequence[Sequence[str]],
        *,
        names: Sequence[str | None] | None = None,
    ) -> list[list[float]]:
        """The model's log-probability of each given tactic on its goal (as `HFPolicy.score`)."""
        names = list(names) if names is not None else [None] * len(goals)
        sequences, lengths, owner = [], [], []
        for i, (goal, name, cands) in enumerate(zip(goals, names, candidates, strict=True)):
            prompt = self.prompt_ids(self.format.prompt(goal, name=name))
            for tactic in cands:
                target = self.target_ids(tactic)
                sequences.append(prompt + target)
                lengths.append(len(target))
                owner.append(i)
        out: list[list[float]] = [[] for _ in goals]
        if not sequences:
            return out
        for i, ids, length, table in zip(
            owner, sequences, lengths, self._prompt_logprobs(sequences), strict=True
        ):
            positions = range(len(ids) - length, len(ids))
            out[i].append(float(sum(table[k][ids[k]].logprob for k in positions)))
        return out

    def values(self, goals: Sequence[str], names: Sequence[str | None] | None = None) -> list[float]:
        """P(SOLVABLE) per goal, in (0, 1)."""
        if not goals:
            return []
        names = list(names) if names is not None else [None] * len(goals)
        sequences = []
        for goal, name in zip(goals, names, strict=True):
            base = self.prompt_ids(self.format.critic_prompt(goal, name=name))
            sequences += [base + [label] for label in self.critic_ids]
        tables = self._prompt_logprobs(sequences)
        values = []
        for k in range(len(goals)):
            yes, no = (tables[2 * k + j][-1][self.critic_ids[j]].logprob for j in (0, 1))
            p = _sigmoid(yes - no)
            values.append(min(max(p, _VALUE_EPS), 1 - _VALUE_EPS))
        return values
