"""Training data from real proofs only: which search trees may become tactic and critic samples.

A tree is refused when
- its search claimed a proof that the whole-script re-check then rejected (the record is not proved,
  the tree says proved, or the tree's `recheck` says so): its "proved" nodes were never proved; or
- a tactic that closed or split a goal (any edge not failed) is one the screen refuses: a goal closed
  through `sorry`, `stop`, `apply?`, native decision that was not allowed, or anything else off the
  allowlist would be labelled provable (critic) and its tactic become a policy target.

Failed edges may hold any text: they taught nothing false (their goals were not closed by them).
"""

from __future__ import annotations

from typing import Any

from prover.env.soundness import screen_tactic
from prover.runner import Attempt


def untrusted_reason(attempt: Attempt, *, allow_native_decide: bool = False) -> str | None:
    """Why `attempt`'s tree must not become training samples, or None when it may."""
    tree: dict[str, Any] | None = attempt.tree
    if tree is None:
        return "no search tree"
    recheck = tree.get("recheck")
    if isinstance(recheck, dict) and recheck.get("ok") is False:
        return f"the proof failed the re-check: {recheck.get('message')}"
    if tree.get("proved") and not attempt.record.proved:
        return f"the search claimed a proof that did not count: {attempt.record.error}"
    for edge in tree.get("edges", []):
        if edge.get("status") == "failed":
            continue
        refused = screen_tactic(str(edge.get("tactic", "")), allow_native_decide=allow_native_decide)
        if refused is not None:
            return (
                f"tactic {edge.get('tactic')!r} (edge {edge.get('id')}) is refused by the screen: {refused}"
            )
    return None


def is_trainable(attempt: Attempt, *, allow_native_decide: bool = False) -> bool:
    return untrusted_reason(attempt, allow_native_decide=allow_native_decide) is None
