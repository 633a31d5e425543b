"""Prompt formats: how a goal becomes the model's input and a tactic its target.

Each format is a small frozen dataclass with `prompt(goal, *, name=None)` (the policy input),
`target(tactic)` (what the model must generate after it) and `critic_prompt(goal, *, name=None)` (the
input from which the critic reads its one SOLVABLE / NON_SOLVABLE decoding step). The published ones:

- `raw`: ReProver's ByT5 tactic generator (an encoder-decoder): the prompt is the goal text itself.
- `gptf`: GPT-f / llmstep: ``[GOAL]{goal}[PROOFSTEP]`` followed by the tactic.
- `internlm`: InternLM2-StepProver: ``DECL {name}\nGOAL {goal}`` as the user turn of its ChatML
  conversation, the answer opened with ``PROOFSTEP `` and closed by ``<|im_end|>``.

A format with a chat turn (`chat`, `stop`) also says how to build its prompt from a checkpoint's own
chat template (`HFPolicy` prefers the tokenizer's template when it ships one, and the literal
wrapper written here otherwise), and which token ends the answer.

Every format reads the goal through `goal_text.normalize_goal` (Mathlib notation such as `ℕ` mapped to
core's `Nat`), the one place where real goals are normalized before a model sees them.

Critic prompts are ours (the published models have no critic); each ends in a marker that no policy
prompt contains, so one shared model can tell the two tasks apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from prover.policy.goal_text import normalize_goal

Messages = list[dict[str, str]]


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
    """InternLM2-StepProver (Wu et al. 2024, the model card's prompt): the user turn
    ``DECL {name}\nGOAL {goal}`` in ChatML, the assistant turn ``PROOFSTEP {tactic}<|im_end|>``:

        <|im_start|>user\nDECL {name}\nGOAL {goal}<|im_end|>\n<|im_start|>assistant\nPROOFSTEP

    Without a declaration name the ``DECL`` line is still written, empty after the keyword, so that
    every prompt has the same shape. The critic prompt (ours) opens the answer with ``CRITIC ``.
    """

    name: str = "internlm"
    stop: str = "<|im_end|>"

    def user(self, goal: str, *, name: str | None = None) -> str:
        return f"DECL {name or ''}\nGOAL {normalize_goal(goal)}"

    def chat(self, goal: str, *, name: str | None = None, critic: bool = False) -> tuple[Messages, str]:
        """The conversation (one user turn) and the text that opens the assistant's answer."""
        return [
            {"role": "user", "content": self.user(goal, name=name)}
        ], "CRITIC " if critic else "PROOFSTEP "

    def _wrap(self, goal: str, name: str | None, critic: bool) -> str:
        messages, opening = self.chat(goal, name=name, critic=critic)
        turn = messages[0]["content"]
        return f"<|im_start|>user\n{turn}<|im_end|>\n<|im_start|>assistant\n{opening}"

    def prompt(self, goal: str, *, name: str | None = None) -> str:
        return self._wrap(goal, name, critic=False)

    def target(self, tactic: str) -> str:
        return tactic

    def critic_prompt(self, goal: str, *, name: str | None = None) -> str:
        return self._wrap(goal, name, critic=True)


FORMATS: dict[str, PromptFormat] = {f.name: f for f in (RawFormat(), GptfFormat(), InternLMFormat())}


def get_format(name: str) -> PromptFormat:
    """The format registered under `name` (`raw`, `gptf`, `internlm`)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown prompt format {name!r}; known: {sorted(FORMATS)}") from None
