"""Building and loading the transformers model behind `HFPolicy`, with no download by default.

`model_name=None` builds a small randomly initialised model from a config: GPT-2 style for
`architecture="decoder"`, Llama style (RoPE, RMSNorm, SwiGLU, distinct bos/eos: the architecture of
DeepSeek-Prover and InternLM-StepProver) for `"llama"`, T5 style for `"encoder-decoder"`; with the
byte-level ByT5 tokenizer (constructible without files) or a byte-level BPE fit to a corpus
(`tokenizer="bpe"`, see `prover.policy.tokenizer`). Otherwise `model_name` is a hub name or a local checkpoint directory (an ordinary
`save_pretrained` directory holding model and tokenizer).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

import torch
from transformers import (
    AutoConfig,
    AutoModelForCausalLM,
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    ByT5Tokenizer,
    GPT2Config,
    GPT2LMHeadModel,
    LlamaConfig,
    LlamaForCausalLM,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    T5Config,
    T5ForConditionalGeneration,
)

from prover.policy.tokenizer import train_bpe

log = logging.getLogger(__name__)

Architecture = Literal["decoder", "llama", "encoder-decoder"]
TokenizerKind = Literal["byte", "bpe"]


def resolve_device(device: str) -> torch.device:
    """`"auto"` is CUDA when available, else CPU; anything else is passed to `torch.device`."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def build_tokenizer(
    kind: TokenizerKind, *, corpus: Sequence[str] | None = None, vocab_size: int = 2048
) -> PreTrainedTokenizerBase:
    """`byte`: the ByT5 byte tokenizer; `bpe`: a byte-level BPE of `vocab_size` fit to `corpus`."""
    if kind == "byte":
        return ByT5Tokenizer()
    if kind == "bpe":
        if not corpus:
            raise ValueError("a bpe tokenizer is fit to a corpus of Lean text: pass corpus=[...]")
        return train_bpe(corpus, vocab_size=vocab_size)
    raise ValueError(f"unknown tokenizer {kind!r}: 'byte' or 'bpe'")


def build_model(
    *,
    architecture: Architecture = "decoder",
    n_layer: int = 4,
    n_head: int = 4,
    d_model: int = 256,
    max_positions: int = 2048,
    seed: int = 0,
    tokenizer: TokenizerKind = "byte",
    corpus: Sequence[str] | None = None,
    vocab_size: int = 2048,
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """A fresh small model and its tokenizer (`build_tokenizer`), initialised from `seed`.

    `n_layer` counts the decoder layers (and, for T5, also the encoder layers); `d_model` is the
    hidden width (feed-forward is 4x); `max_positions` bounds prompt + tactic tokens for GPT-2, whose
    positions are learned (T5's are relative and unbounded, Llama's rotary).
    """
    tok = build_tokenizer(tokenizer, corpus=corpus, vocab_size=vocab_size)
    ids = {"eos_token_id": tok.eos_token_id, "pad_token_id": tok.pad_token_id}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if architecture == "decoder":
            config = GPT2Config(
                vocab_size=len(tok),
                n_positions=max_positions,
                n_layer=n_layer,
                n_head=n_head,
                n_embd=d_model,
                bos_token_id=tok.eos_token_id,
                **ids,
            )
            model: PreTrainedModel = GPT2LMHeadModel(config)
        elif architecture == "llama":
            if tok.bos_token_id is None or tok.bos_token_id == tok.eos_token_id:
                raise ValueError("a llama decoder needs a tokenizer with distinct bos and eos: tokenizer=bpe")
            config = LlamaConfig(
                vocab_size=len(tok),
                hidden_size=d_model,
                intermediate_size=4 * d_model,
                num_hidden_layers=n_layer,
                num_attention_heads=n_head,
                num_key_value_heads=n_head,
                max_position_embeddings=max_positions,
                bos_token_id=tok.bos_token_id,
                tie_word_embeddings=True,
                **ids,
            )
            model = LlamaForCausalLM(config)
        elif architecture == "encoder-decoder":
            config = T5Config(
                vocab_size=len(tok),
                d_model=d_model,
                d_kv=d_model // n_head,
                d_ff=4 * d_model,
                num_layers=n_layer,
                num_heads=n_head,
                decoder_start_token_id=tok.pad_token_id,
                **ids,
            )
            model = T5ForConditionalGeneration(config)
        else:
            raise ValueError(
                f"unknown architecture {architecture!r}: 'decoder', 'llama' or 'encoder-decoder'"
            )
    return model, tok


def load_model(model_name: str) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load a hub model or a local `save_pretrained` directory; its config says which architecture."""
    config = AutoConfig.from_pretrained(model_name)
    auto = AutoModelForSeq2SeqLM if config.is_encoder_decoder else AutoModelForCausalLM
    model = auto.from_pretrained(model_name)
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    if tokenizer.pad_token_id is None:
        # GPT-style tokenizers ship without a pad token; padding is always masked, so eos serves.
        tokenizer.pad_token = tokenizer.eos_token
    log.info("loaded %s (%s, %d parameters)", model_name, type(model).__name__, model.num_parameters())
    return model, tokenizer
