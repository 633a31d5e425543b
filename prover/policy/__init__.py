"""Tactic policies and critics: the shared types, prompt formats and the transformers policy."""

from prover.policy.formats import FORMATS, GptfFormat, InternLMFormat, PromptFormat, RawFormat, get_format
from prover.policy.types import Critic, TacticPolicy, TacticProposal, dedupe, priors

__all__ = [
    "FORMATS",
    "Critic",
    "GptfFormat",
    "InternLMFormat",
    "PromptFormat",
    "RawFormat",
    "TacticPolicy",
    "TacticProposal",
    "dedupe",
    "get_format",
    "priors",
]
