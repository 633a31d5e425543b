"""Tactic blocks nested in terms (`⟨n, by omega⟩`, `(by exact hp)`), handed from the grammar to the
term elaborator.

The grammar parses a `by` block where it stands (Lean's `Term.byTactic`: `"by " tacticSeq`) and puts
a placeholder token `⟪k⟫` in the term text; the term parser reads it as `("by", k)`, and `proofs`
runs block `k` through the runner registered here when it meets the placeholder against an expected
type. `⟪` is not a Lean token, so no user text can forge a placeholder.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

_ids = itertools.count(1)
_blocks: dict[int, Any] = {}
# The script runner registers itself here: (block, goal, theorem name) -> None, raising on failure.
RUNNER: list[Callable[[Any, Any, str], None]] = []


def register(tactics: Any) -> int:
    """Store a parsed block; the id stays valid for the process (blocks are small and parse results
    are cached, so a script is registered once)."""
    key = next(_ids)
    _blocks[key] = tactics
    return key


def run(key: int, goal: Any, theorem: str) -> None:
    """Close `goal` with block `key`; raises the runner's error when it does not."""
    if not RUNNER:
        raise RuntimeError("no tactic runner registered for nested 'by' blocks")
    RUNNER[0](_blocks[key], goal, theorem)
