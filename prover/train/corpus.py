"""Lean text for fitting the BPE tokenizer: the train split's statements and reference proofs, and
synthetic statements with their scripts (`synthetic.py`'s drafts; no kernel check is needed for text).

Only the train split is read, so neither the tokenizer nor anything fit on it sees valid or test text.
"""

from __future__ import annotations

import random
from pathlib import Path

from prover.benchmarks import BUNDLED
from prover.theorems import load_benchmark, load_reference_proofs
from prover.train import synthetic


def goal_view(statement: str) -> str:
    """A statement's binders and target in the shape of Lean's goal display (one hypothesis group
    per line, `⊢ target`), close enough for fitting a tokenizer to goal text."""
    text = statement.strip()
    if text.startswith(("theorem ", "lemma ", "example ")):
        text = text.split(" ", 2)[2] if not text.startswith("example ") else text.split(" ", 1)[1]
    text = " " + text  # so that a statement without binders still starts with " : "
    lines, depth, group = [], 0, ""
    for i, ch in enumerate(text):
        if depth == 0 and text.startswith(" : ", i) and not group.strip():
            return "\n".join([*lines, f"⊢ {text[i + 3 :].strip()}"])
        depth += 1 if ch in "({[⦃" else -1 if ch in ")}]⦄" else 0
        group += ch
        if depth == 0 and group.strip():
            lines.append(group.strip()[1:-1] if group.strip()[0] in "({[⦃" else group.strip())
            group = ""
    return "\n".join([*lines, "⊢ "]) if lines else f"⊢ {text}"


def lean_corpus(*, root: str | Path | None = None, synthetic_count: int = 400, seed: int = 0) -> list[str]:
    """Train-split statements (raw and as goals), their reference proofs, and `synthetic_count`
    synthetic drafts (statement as a goal + script), in a fixed order."""
    root = Path(root) if root is not None else BUNDLED
    texts: list[str] = []
    refs = load_reference_proofs(root)
    for theorem in load_benchmark(root, "train"):
        texts += [theorem.statement, goal_view(theorem.statement)]
        ref = refs.get(theorem.name)
        if ref is not None and ref.proof:
            texts.append(ref.proof)
    rng = random.Random(seed)
    kinds = sorted(synthetic._GENERATORS)
    for i in range(synthetic_count):
        draft = synthetic._GENERATORS[kinds[i % len(kinds)]](rng)
        texts += [goal_view(f"{draft.binders} : {draft.target}"), draft.script]
    return texts
