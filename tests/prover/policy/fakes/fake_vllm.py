"""A FAKE `vllm` module for tests: the offline API's shapes (`LLM`, `SamplingParams`, `RequestOutput`,
`CompletionOutput`, `Logprob`) computed with transformers on the CPU, so a `VLLMPolicy` under test sees
exactly what the real engine would return for the same checkpoint."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import AutoModelForCausalLM


@dataclass
class SamplingParams:
    n: int = 1
    temperature: float = 1.0
    top_p: float = 1.0
    max_tokens: int | None = 16
    logprobs: int | None = None
    prompt_logprobs: int | None = None
    seed: int | None = None
    stop_token_ids: list[int] = field(default_factory=list)


@dataclass
class Logprob:
    logprob: float
    rank: int | None = None
    decoded_token: str | None = None


@dataclass
class CompletionOutput:
    index: int
    text: str
    token_ids: list[int]
    cumulative_logprob: float | None
    logprobs: Any = None
    finish_reason: str | None = "stop"


@dataclass
class RequestOutput:
    request_id: str
    prompt: str | None
    prompt_token_ids: list[int]
    prompt_logprobs: list[dict[int, Logprob] | None] | None
    outputs: list[CompletionOutput]
    finished: bool = True


class LLM:
    instances: list[LLM] = []

    def __init__(self, model: str, **kwargs: Any) -> None:
        from transformers import AutoTokenizer

        self.kwargs = {"model": model, **kwargs}
        self.model = AutoModelForCausalLM.from_pretrained(model).eval()
        self.tokenizer = AutoTokenizer.from_pretrained(kwargs.get("tokenizer", model))
        self.calls: list[tuple[list[dict], SamplingParams]] = []
        self.results: list[list[RequestOutput]] = []
        LLM.instances.append(self)

    @torch.no_grad()
    def _logprobs(self, ids: list[int]) -> torch.Tensor:
        return torch.log_softmax(self.model(input_ids=torch.tensor([ids])).logits[0].float(), -1)

    def generate(self, prompts: list[dict], sampling_params: SamplingParams, use_tqdm: bool = True):
        self.calls.append((prompts, sampling_params))
        out = []
        for i, prompt in enumerate(prompts):
            ids = list(prompt["prompt_token_ids"])
            plp = None
            if sampling_params.prompt_logprobs is not None:
                table = self._logprobs(ids)
                plp = [None] + [{t: Logprob(table[k, t].item())} for k, t in enumerate(ids[1:])]
            completions = [self._sample(ids, sampling_params, j) for j in range(sampling_params.n)]
            out.append(RequestOutput(str(i), None, ids, plp, completions))
        self.results.append(out)
        return out

    def _sample(self, ids: list[int], params: SamplingParams, index: int) -> CompletionOutput:
        # vLLM fans n samples out into child requests; child i is seeded with `seed + i`.
        generator = None if params.seed is None else torch.Generator().manual_seed(params.seed + index)
        tokens: list[int] = []
        total = 0.0
        for _ in range(params.max_tokens or 1):
            raw = self._logprobs(ids + tokens)[-1]
            probs = torch.softmax(raw / params.temperature, -1)
            token = int(torch.multinomial(probs, 1, generator=generator))
            total += raw[token].item()  # raw_logprobs: before temperature
            tokens.append(token)
            if token in params.stop_token_ids:
                break
        # The stop token stays in token_ids but not in the text (vLLM's skip_special_tokens default).
        kept = [t for t in tokens if t not in params.stop_token_ids]
        text = self.tokenizer.decode(kept, skip_special_tokens=True)
        return CompletionOutput(index, text, tokens, total if params.logprobs is not None else None)
