"""Theorems: what a benchmark is made of, and loaders from `.lean` files and JSONL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theorem:
    """One theorem to prove.

    `statement` is the Lean declaration head without its body, e.g.
    ``theorem and_swap (p q : Prop) : p ∧ q → q ∧ p``; `header` holds what must precede it in a Lean
    file (imports, `open`s). `file`/`line` locate the statement for error messages; `proof` is the
    tactic block text of a reference proof when one is known (e.g. loaded from a proof file).
    """

    name: str
    statement: str
    split: str = ""
    topic: str = ""
    difficulty: str = ""
    file: str = ""
    line: int = 0
    header: str = ""
    proof: str | None = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.file else self.name
