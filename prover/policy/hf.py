"""`HFPolicy`: a transformers model as a batched tactic policy and critic.

Proposal: the prompts of all goals go through ONE `generate` call (sampling at a temperature, or beam
search with `n` beams). Each candidate's `logprob` is the model's own sequence log-probability at
temperature 1, read from the raw logits of that call (the sampling scores are warped by the
temperature, and beam scores by the beam bookkeeping). Candidates are deduplicated with `dedupe`.

Critic: as HTPS, the same model, one decoding step from a critic prompt, softmax over two label tokens
(SOLVABLE = `critic_labels[0]`, NON_SOLVABLE = `critic_labels[1]`). We chose this over a value head
because the checkpoint stays an ordinary HF model directory (no extra weights to save or load) and the
critic shares all of the policy's representation, as in the paper.

Prompts: a format with a chat turn (`internlm`) is rendered with the tokenizer's own chat template
when the checkpoint ships one, and its answer ends at the format's end-of-turn token (`<|im_end|>`);
decoder prompts start with bos exactly once (`tensors.prompt_token_ids`).

Well-formedness: sampled tactics that name an inaccessible `✝` hypothesis are always dropped (no
source text can refer to one); with `filter_malformed` (on in `configs/policy/hf.yaml`) so is every sample that fails
`wellformed.check_tactic` (does not parse, or names no known tactic), so the search never pays an
environment call for `lintro h`. `propose(..., raw=True)` returns the unfiltered samples, which the
benchmark uses to measure the model itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import torch
from transformers import GenerationConfig, PreTrainedModel, PreTrainedTokenizerBase

from prover.policy.formats import PromptFormat, get_format
from prover.policy.models import Architecture, TokenizerKind, build_model, load_model, resolve_device
from prover.policy.scoring import candidate_logprobs
from prover.policy.tensors import pad, positions, prompt_token_ids, target_token_ids, upto_first
from prover.policy.types import TacticProposal, dedupe
from prover.policy.wellformed import well_formed

log = logging.getLogger(__name__)

POLICY_FILE = "policy.json"
# The critic never answers exactly 0 or 1: the search takes its logarithm.
_VALUE_EPS = 1e-6


class HFPolicy:
    """A tactic policy and critic over one transformers model (decoder-only or encoder-decoder).

    Hyperparameters (keyword-only):
    - `prompt_format`: a format name (`raw`, `gptf`, `internlm`) or a `PromptFormat`.
    - `device`: `"auto"` (CUDA when present), `"cpu"`, `"cuda:0"`, ...
    - `max_prompt_tokens`: longer prompts keep their LAST tokens (the target and the format's final
      marker are at the end of a goal prompt).
    - `max_new_tokens`: the longest tactic generated (and trained on), end-of-sequence included.
    - `beam_search`: beam search with `n` beams instead of sampling; `temperature` is then unused.
    - `critic_labels`: the SOLVABLE / NON_SOLVABLE label strings; each is read as the last token of its
      encoding, and the two tokens must differ.
    - `cache_implementation`: passed to `GenerationConfig` (None: transformers' dynamic cache).
      `"static"` preallocates the key/value cache instead of growing it at each step; whether that
      pays depends on prompt length and hardware (measure with bench/policy_throughput.py --cache).
    - `filter_malformed`: drop sampled tactics that fail `wellformed.check_tactic` (`✝` ones always go).
    """

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        *,
        prompt_format: str | PromptFormat = "gptf",
        device: str = "auto",
        max_prompt_tokens: int = 1024,
        max_new_tokens: int = 128,
        beam_search: bool = False,
        critic_labels: tuple[str, str] = ("Y", "N"),
        cache_implementation: str | None = None,
        filter_malformed: bool = False,
    ) -> None:
        self.device = resolve_device(device)
        self.model = model.to(self.device)
        self.tokenizer = tokenizer
        self.format = get_format(prompt_format) if isinstance(prompt_format, str) else prompt_format
        self.max_prompt_tokens = max_prompt_tokens
        self.max_new_tokens = max_new_tokens
        self.beam_search = beam_search
        self.critic_labels = tuple(critic_labels)
        self.cache_implementation = cache_implementation
        self.filter_malformed = filter_malformed
        self.is_encoder_decoder = bool(model.config.is_encoder_decoder)
        self.pad_id = int(tokenizer.pad_token_id)
        self.eos_id = self._end_token()
        self.stop_ids = self._stop_tokens()
        self.critic_ids = [self._label_id(label) for label in critic_labels]
        if self.critic_ids[0] == self.critic_ids[1]:
            raise ValueError(f"critic labels {critic_labels} map to the same token")

    @classmethod
    def create(
        cls,
        *,
        model_name: str | None = None,
        architecture: Architecture = "decoder",
        n_layer: int = 4,
        n_head: int = 4,
        d_model: int = 256,
        seed: int = 0,
        tokenizer: TokenizerKind = "byte",
        corpus: Sequence[str] | None = None,
        vocab_size: int = 2048,
        **options: object,
    ) -> HFPolicy:
        """From a hub name or local directory, or (`model_name=None`) a fresh small model (`build_model`:
        `tokenizer="bpe"` fits a BPE of `vocab_size` to `corpus`).

        A directory written by `save` also restores its policy options; explicit `options` win.
        """
        if model_name is None:
            model, tok = build_model(
                architecture=architecture,
                n_layer=n_layer,
                n_head=n_head,
                d_model=d_model,
                seed=seed,
                tokenizer=tokenizer,
                corpus=corpus,
                vocab_size=vocab_size,
            )
            return cls(model, tok, **options)
        saved_file = Path(model_name) / POLICY_FILE
        saved = json.loads(saved_file.read_text()) if saved_file.is_file() else {}
        if "critic_labels" in saved:
            saved["critic_labels"] = tuple(saved["critic_labels"])
        model, tokenizer = load_model(model_name)
        return cls(model, tokenizer, **(saved | options))

    def save(self, directory: str | Path) -> Path:
        """Write an ordinary HF model directory (model + tokenizer) plus `policy.json` options."""
        path = Path(directory)
        self.model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        options = {
            "prompt_format": self.format.name,
            "max_prompt_tokens": self.max_prompt_tokens,
            "max_new_tokens": self.max_new_tokens,
            "beam_search": self.beam_search,
            "critic_labels": list(self.critic_labels),
            "cache_implementation": self.cache_implementation,
            "filter_malformed": self.filter_malformed,
        }
        (path / POLICY_FILE).write_text(json.dumps(options, indent=2))
        return path

    def _end_token(self) -> int:
        """The token that ends an answer: the format's end-of-turn token when the tokenizer has it as
        one token (InternLM2's `<|im_end|>`), else the tokenizer's eos."""
        stop = getattr(self.format, "stop", None)
        if stop is not None:
            ids = self.tokenizer.encode(stop, add_special_tokens=False)
            if len(ids) == 1:
                return int(ids[0])
        return int(self.tokenizer.eos_token_id)

    def _stop_tokens(self) -> list[int]:
        """Every token that ends generation: the answer's end, the tokenizer's eos, and the eos ids of
        the checkpoint's generation config (chat models list their end-of-turn token there)."""
        stops = [self.eos_id, int(self.tokenizer.eos_token_id)]
        configured = getattr(getattr(self.model, "generation_config", None), "eos_token_id", None)
        stops += [configured] if isinstance(configured, int) else list(configured or [])
        return list(dict.fromkeys(int(t) for t in stops))

    def render(self, goal: str, *, name: str | None = None, critic: bool = False) -> str:
        """The prompt text of a goal: the tokenizer's own chat template around the format's chat turn
        when both exist, else the format's literal prompt."""
        chat = getattr(self.format, "chat", None)
        if chat is not None and getattr(self.tokenizer, "chat_template", None):
            messages, opening = chat(goal, name=name, critic=critic)
            text = self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            return str(text) + opening
        if critic:
            return self.format.critic_prompt(goal, name=name)
        return self.format.prompt(goal, name=name)

    def goal_prompt_ids(self, goal: str, *, name: str | None = None, critic: bool = False) -> list[int]:
        """Token ids of a goal's policy (or critic) prompt, as trained on and sampled from."""
        return self.prompt_ids(self.render(goal, name=name, critic=critic))

    def _label_id(self, label: str) -> int:
        ids = self.tokenizer.encode(label, add_special_tokens=False)
        if not ids:
            raise ValueError(f"critic label {label!r} encodes to no token")
        return int(ids[-1])

    def prompt_ids(self, text: str) -> list[int]:
        """Token ids of a prompt, truncated to its tail (see `tensors.prompt_token_ids`)."""
        return prompt_token_ids(
            self.tokenizer, text, max_tokens=self.max_prompt_tokens, encoder=self.is_encoder_decoder
        )

    def target_ids(self, tactic: str) -> list[int]:
        """Token ids of a tactic target followed by eos, at most `max_new_tokens`."""
        return target_token_ids(
            self.tokenizer, self.format.target(tactic), max_tokens=self.max_new_tokens, eos=self.eos_id
        )

    @contextlib.contextmanager
    def _inference(self, seed: int | None) -> Iterator[None]:
        """No gradients, eval mode (restored after), and a private RNG stream when `seed` is given."""
        was_training = self.model.training
        self.model.eval()
        with contextlib.ExitStack() as stack:
            stack.enter_context(torch.no_grad())
            if seed is not None:
                cuda = [self.device] if self.device.type == "cuda" else []
                stack.enter_context(torch.random.fork_rng(devices=cuda))
                torch.manual_seed(seed)
            try:
                yield
            finally:
                self.model.train(was_training)

    def propose(
        self,
        goals: Sequence[str],
        *,
        n: int,
        temperature: float = 1.0,
        seed: int | None = None,
        names: Sequence[str | None] | None = None,
        raw: bool = False,
    ) -> list[list[TacticProposal]]:
        """At most `n` distinct tactics per goal (fewer when samples repeat or are filtered), best first.

        `names` (one per goal) fill the declaration slot of formats that have one (`internlm`).
        `raw`: keep every sample (no `✝` or well-formedness filter), to measure the model itself.
        """
        if not goals:
            return []
        samples = self.samples(goals, n=n, temperature=temperature, seed=seed, names=names)
        keep = (lambda _: True) if raw else well_formed if self.filter_malformed else _accessible
        return [dedupe(p for p in row if keep(p.tactic)) for row in samples]

    def samples(
        self,
        goals: Sequence[str],
        *,
        n: int,
        temperature: float = 1.0,
        seed: int | None = None,
        names: Sequence[str | None] | None = None,
    ) -> list[list[TacticProposal]]:
        """Exactly `n` samples per goal, as drawn: unfiltered and not deduplicated (what `propose`
        filters and merges; the benchmark counts well-formed samples on these)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        names = list(names) if names is not None else [None] * len(goals)
        prompts = [self.goal_prompt_ids(g, name=nm) for g, nm in zip(goals, names, strict=True)]
        with self._inference(seed):
            tokens, valid, logprobs = self._sample(prompts, n=n, temperature=temperature)
        texts = [
            self.tokenizer.decode(row[mask].tolist(), skip_special_tokens=True)
            for row, mask in zip(tokens, valid, strict=True)
        ]
        scores = logprobs.tolist()
        return [
            [TacticProposal(texts[k], scores[k]) for k in range(i * n, (i + 1) * n)]
            for i in range(len(goals))
        ]

    def score(
        self,
        goals: Sequence[str],
        candidates: Sequence[Sequence[str]],
        *,
        names: Sequence[str | None] | None = None,
    ) -> list[list[float]]:
        """The model's log-probability of each given tactic on its goal (the `logprob` that `propose`
        would report had it sampled that tactic), one list per goal, in the candidates' order."""
        names = list(names) if names is not None else [None] * len(goals)
        owner = [i for i, cands in enumerate(candidates) for _ in cands]
        if not owner:
            return [[] for _ in goals]
        prompts = [self.goal_prompt_ids(g, name=nm) for g, nm in zip(goals, names, strict=True)]
        targets = [self.target_ids(t) for cands in candidates for t in cands]
        start = self.model.config.decoder_start_token_id if self.is_encoder_decoder else None
        with self._inference(None):
            flat = candidate_logprobs(
                self.model,
                prompts,
                owner,
                targets,
                pad_id=self.pad_id,
                decoder_start_id=start,
                device=self.device,
            ).tolist()
        out: list[list[float]] = [[] for _ in goals]
        for i, value in zip(owner, flat, strict=True):
            out[i].append(value)
        return out

    def _generation_config(self, n: int, temperature: float) -> GenerationConfig:
        common = {
            "max_new_tokens": self.max_new_tokens,
            "num_return_sequences": n,
            "pad_token_id": self.pad_id,
            "eos_token_id": self.stop_ids,
            "return_dict_in_generate": True,
            "output_logits": True,
        }
        if self.is_encoder_decoder:
            common["decoder_start_token_id"] = self.model.config.decoder_start_token_id
        if self.cache_implementation is not None:
            common["cache_implementation"] = self.cache_implementation
        if self.beam_search:
            # length_penalty 0 ranks beams by summed log-probability, the quantity we report.
            return GenerationConfig(num_beams=n, do_sample=False, length_penalty=0.0, **common)
        if temperature <= 0:
            raise ValueError(f"temperature must be positive when sampling, got {temperature}")
        return GenerationConfig(do_sample=True, temperature=temperature, top_k=0, top_p=1.0, **common)

    def _sample(
        self, prompts: list[list[int]], *, n: int, temperature: float
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Generate `n` continuations per prompt in one call; return (new tokens, valid mask, logprobs).

        Log-probabilities come from the raw (unwarped) logits `generate` returns, followed through the
        beam reorderings with `beam_indices`, so no second forward pass is needed.
        """
        side = "right" if self.is_encoder_decoder else "left"
        ids, mask = pad(prompts, value=self.pad_id, side=side)
        ids, mask = ids.to(self.device), mask.to(self.device)
        config = self._generation_config(n, temperature)
        inputs: dict[str, object] = {"attention_mask": mask}
        if self.is_encoder_decoder:
            # Encode each prompt once; generate repeats the encoder states for the n candidates.
            inputs["encoder_outputs"] = self.model.get_encoder()(input_ids=ids, attention_mask=mask)
        else:
            inputs["input_ids"] = ids
        out = self.model.generate(**inputs, generation_config=config)
        new = out.sequences[:, 1:] if self.is_encoder_decoder else out.sequences[:, ids.shape[1] :]
        steps = new.shape[1]  # beam search may run more steps than the returned sequences are long
        valid = upto_first(new, self.stop_ids)
        logits = torch.stack(out.logits[:steps], dim=1)
        rows = torch.arange(new.shape[0], device=new.device)[:, None].expand(-1, steps)
        if getattr(out, "beam_indices", None) is not None:
            rows = out.beam_indices[:, :steps].clamp(min=0)
        step_index = torch.arange(steps, device=new.device)[None, :].expand_as(rows)
        picked = torch.log_softmax(logits.float(), dim=-1)[rows, step_index]
        token_logp = picked.gather(-1, new.unsqueeze(-1)).squeeze(-1)
        logprobs = (token_logp * valid).sum(dim=1)
        not_eos = valid & ~torch.isin(new, torch.tensor(self.stop_ids, device=new.device))
        return new.cpu(), not_eos.cpu(), logprobs.cpu()

    def critic_logits(self, goals: Sequence[str], names: Sequence[str | None] | None = None) -> torch.Tensor:
        """(len(goals), 2) logits of SOLVABLE and NON_SOLVABLE after each critic prompt (with grad)."""
        names = list(names) if names is not None else [None] * len(goals)
        prompts = [self.goal_prompt_ids(g, name=nm, critic=True) for g, nm in zip(goals, names, strict=True)]
        if self.is_encoder_decoder:
            ids, mask = pad(prompts, value=self.pad_id, side="right")
            start = torch.full((len(goals), 1), self.model.config.decoder_start_token_id, dtype=torch.long)
            logits = self.model(
                input_ids=ids.to(self.device),
                attention_mask=mask.to(self.device),
                decoder_input_ids=start.to(self.device),
            ).logits[:, -1]
        else:
            ids, mask = pad(prompts, value=self.pad_id, side="left")
            mask = mask.to(self.device)
            logits = self.model(
                input_ids=ids.to(self.device),
                attention_mask=mask,
                position_ids=positions(mask),
                logits_to_keep=1,
            ).logits[:, -1]
        return logits[:, self.critic_ids].float()

    def values(self, goals: Sequence[str], names: Sequence[str | None] | None = None) -> list[float]:
        """P(SOLVABLE) per goal, in (0, 1), from one batched forward pass."""
        if not goals:
            return []
        with self._inference(None):
            probs = torch.softmax(self.critic_logits(goals, names), dim=-1)[:, 0]
        return probs.clamp(_VALUE_EPS, 1 - _VALUE_EPS).cpu().tolist()


def _accessible(tactic: str) -> bool:
    return "✝" not in tactic
