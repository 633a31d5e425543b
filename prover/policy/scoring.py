"""Teacher-forced log-probabilities of given tactics under an `HFPolicy`'s model (candidate scoring).

Each prompt is run through the model once: a decoder's key/value cache, or an encoder's states, is
shared by that prompt's candidates, so scoring K candidates costs one prompt pass plus K short
continuations instead of K full sequences.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from transformers.modeling_outputs import BaseModelOutput

from prover.policy.tensors import pad, positions


def candidate_logprobs(
    model: torch.nn.Module,
    prompts: Sequence[Sequence[int]],
    owner: Sequence[int],
    targets: Sequence[Sequence[int]],
    *,
    pad_id: int,
    decoder_start_id: int | None,
    device: torch.device,
) -> torch.Tensor:
    """log p(target | prompt[owner[k]]) for every target k (sum over its tokens), as a 1-D tensor.

    `decoder_start_id` is None for decoder-only models; otherwise the model is an encoder-decoder.
    """
    index = torch.tensor(list(owner), dtype=torch.long, device=device)
    tgt, tmask = pad(targets, value=pad_id, side="right")
    tgt, tmask = tgt.to(device), tmask.to(device)
    if decoder_start_id is None:
        logp = _decoder(model, prompts, index, tgt, tmask, pad_id=pad_id, device=device)
    else:
        logp = _encoder_decoder(model, prompts, index, tgt, tmask, pad_id=pad_id, start=decoder_start_id)
    token_logp = logp.gather(-1, tgt.unsqueeze(-1)).squeeze(-1)
    return (token_logp * tmask).sum(dim=1)


def _decoder(model, prompts, index, tgt, tmask, *, pad_id: int, device: torch.device) -> torch.Tensor:
    ids, mask = pad(prompts, value=pad_id, side="left")
    ids, mask = ids.to(device), mask.to(device)
    out = model(input_ids=ids, attention_mask=mask, position_ids=positions(mask), use_cache=True)
    first = torch.log_softmax(out.logits[:, -1].float(), dim=-1)[index].unsqueeze(1)
    if tgt.shape[1] == 1:
        return first
    cache = out.cache
    cache.batch_select_indices(index)
    lengths = mask.sum(dim=1)[index].unsqueeze(1)
    steps = torch.arange(tgt.shape[1] - 1, device=device).unsqueeze(0)
    rest = model(
        input_ids=tgt[:, :-1],
        attention_mask=torch.cat([mask[index], tmask[:, :-1]], dim=1),
        position_ids=lengths + steps,
        cache=cache,
    ).logits
    return torch.cat([first, torch.log_softmax(rest.float(), dim=-1)], dim=1)


def _encoder_decoder(model, prompts, index, tgt, tmask, *, pad_id: int, start: int) -> torch.Tensor:
    device = tgt.device
    ids, mask = pad(prompts, value=pad_id, side="right")
    ids, mask = ids.to(device), mask.to(device)
    states = model.get_encoder()(input_ids=ids, attention_mask=mask).last_hidden_state
    starts = torch.full((tgt.shape[0], 1), start, dtype=torch.long, device=device)
    decoder_ids = torch.cat([starts, tgt[:, :-1]], dim=1)
    decoder_mask = torch.cat([torch.ones_like(starts), tmask[:, :-1]], dim=1)
    logits = model(
        encoder_outputs=BaseModelOutput(last_hidden_state=states[index]),
        attention_mask=mask[index],
        decoder_input_ids=decoder_ids,
        decoder_attention_mask=decoder_mask,
    ).logits
    return torch.log_softmax(logits.float(), dim=-1)
