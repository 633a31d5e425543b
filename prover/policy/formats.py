"""Prompt formats: how a goal becomes the model's input and a tactic its target.

Each format is a small frozen dataclass with `prompt(goal, *, name=None)` (the policy input),
`target(tactic)` (what the model must generate after it) and `critic_prompt(goal, *, name=None)` (the
input from which the critic reads its one SOLVABLE / NON_SOLVABLE decoding step). The published ones:

- `raw`: ReProver's ByT5 tactic generator (an encoder-decoder): the prompt is the goal text itself.
- `gptf`: GPT-f / llmstep: ``[GOAL]{goal}[PROOFSTEP]`` followed by the tactic.
- `internlm`: InternLM2-StepProver without its chat wrapper: ``DECL {name}\nGOAL {goal}\nPROOFSTEP ``.

Every format reads the goal through `goal_text.normalize_goal` (Mathlib notation such as `ℕ` mapped to
core's `Nat`), the one place where real goals are normalized before a model sees them.

Critic prompts are ours (the published models have no critic); each ends in a marker that no policy
prompt contains, so one shared model can tell the two tasks apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from prover.policy.goal_text import normalize_goal


class PromptFormat(Protocol):
    name: str

    def prompt(self, goal: str, *, name: str | None = None) -> str: ...

    def target(self, tactic: str) -> str: ...

    def critic_prompt(self, goal: str, *, name: str | None = None) -> str: ...


@dataclass(frozen=True)
class RawFormat:
    """ReProver: prompt = goal, target = tactic; the critic prompt prefixes ``[CRITIC]``."""

    name: str = "raw"

    def prompt(self, goal: str, *, name: str | None = None) -> str:
        return normalize_goal(goal)

    def target(self, tactic: str) -> str:
        return tactic

    def critic_prompt(self, goal: str, *, name: str | None = None) -> str:
        return f"[CRITIC]{normalize_goal(goal)}"


@dataclass(frozen=True)
class GptfFormat:
    """GPT-f / llmstep: ``[GOAL]{goal}[PROOFSTEP]{tactic}``; critic: ``[GOAL]{goal}[CRITIC]``."""

    name: str = "gptf"

    def prompt(self, goal: str, *, name: str | None = None) -> str:
        return f"[GOAL]{normalize_goal(goal)}[PROOFSTEP]"

    def target(self, tactic: str) -> str:
        return tactic

    def critic_prompt(self, goal: str, *, name: str | None = None) -> str:
        return f"[GOAL]{normalize_goal(goal)}[CRITIC]"


@dataclass(frozen=True)
class InternLMFormat:
    """InternLM2-StepProver: ``DECL {name}\\nGOAL {goal}\\nPROOFSTEP {tactic}``.

    Without a declaration name the ``DECL`` line is still written, empty after the keyword, so that
    every prompt has the same shape.
    """

    name: str = "internlm"

    def prompt(self, goal: str, *, name: str | None = None) -> str:
        return f"DECL {name or ''}\nGOAL {normalize_goal(goal)}\nPROOFSTEP "

    def target(self, tactic: str) -> str:
        return tactic

    def critic_prompt(self, goal: str, *, name: str | None = None) -> str:
        return f"DECL {name or ''}\nGOAL {normalize_goal(goal)}\nCRITIC "


FORMATS: dict[str, PromptFormat] = {f.name: f for f in (RawFormat(), GptfFormat(), InternLMFormat())}


def get_format(name: str) -> PromptFormat:
    """The format registered under `name` (`raw`, `gptf`, `internlm`)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown prompt format {name!r}; known: {sorted(FORMATS)}") from None
