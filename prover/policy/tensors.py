"""Small tensor helpers for batching token sequences (padding, masks after end-of-sequence)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import torch
from transformers import PreTrainedTokenizerBase


def pad(
    seqs: Sequence[Sequence[int]], *, value: int, side: Literal["left", "right"]
) -> tuple[torch.Tensor, torch.Tensor]:
    """Pad integer sequences to one length; returns (ids, attention mask), both `long`."""
    width = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), width), value, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for row, seq in enumerate(seqs):
        if not seq:
            continue
        cols = slice(width - len(seq), width) if side == "left" else slice(0, len(seq))
        ids[row, cols] = torch.tensor(list(seq), dtype=torch.long)
        mask[row, cols] = 1
    return ids, mask


def upto_first(tokens: torch.Tensor, token_id: int | Sequence[int]) -> torch.Tensor:
    """Mask (same shape, bool) of the tokens up to and including the first `token_id` (or the first of
    any of several ids) in each row."""
    stops = torch.tensor([token_id] if isinstance(token_id, int) else list(token_id), device=tokens.device)
    hit = torch.isin(tokens, stops).long()
    before = torch.cumsum(hit, dim=1) - hit
    return before == 0


def positions(mask: torch.Tensor) -> torch.Tensor:
    """Position ids that start at 0 on each row's first real token (needed with left padding)."""
    return (torch.cumsum(mask, dim=1) - 1).clamp(min=0)


def target_token_ids(
    tokenizer: PreTrainedTokenizerBase, target: str, *, max_tokens: int, eos: int | None = None
) -> list[int]:
    """Token ids of a tactic target (the format's `target(tactic)`) followed by `eos` (default: the
    tokenizer's; a chat format's end-of-turn token instead), at most `max_tokens`: what the policy is
    trained on and what scoring sums over."""
    ids = tokenizer.encode(target, add_special_tokens=False)
    end = int(tokenizer.eos_token_id) if eos is None else int(eos)
    return (ids + [end])[:max_tokens]


def prompt_token_ids(
    tokenizer: PreTrainedTokenizerBase, text: str, *, max_tokens: int, encoder: bool
) -> list[int]:
    """Token ids of a prompt, truncated to its tail (the target and the format's final marker are at
    the end of a prompt).

    Encoder inputs end with eos (as T5/ByT5 were trained); decoder prompts start with the tokenizer's
    bos when it has one distinct from eos (Llama-style models are trained with it; GPT-2 style ones,
    whose bos is eos, are not), exactly once: a chat template that already wrote it keeps its own.
    """
    ids = tokenizer.encode(text, add_special_tokens=False)
    eos = int(tokenizer.eos_token_id)
    if encoder:
        return ids[-(max_tokens - 1) :] + [eos]
    bos = tokenizer.bos_token_id
    if bos is not None and bos != eos:
        if ids and ids[0] == bos:
            ids = ids[1:]
        return [int(bos)] + ids[-(max_tokens - 1) :]
    return ids[-max_tokens:]
