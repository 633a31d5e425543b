"""A memory of the tactics that proved goals in earlier searches, queried by goal similarity.

Expert iteration fills it from the tactic samples of its replay buffer; a policy adds the tactics of
the goals most similar to the one at hand to its candidates (the model then scores them). Similarity
is the Jaccard index of the goals' token bigrams after local names (variables and hypotheses) are
replaced by one placeholder, so `a * b * c = a * (b * c)` and `x * y * z = x * (y * z)` look alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9'.✝]*|\d+|\S")
_NAME = re.compile(r"(?<![\w.'])[A-Za-z_][A-Za-z_0-9'✝]*(?![\w'])")
_LOCAL = "_"
# Written next to a checkpoint's model, so that `policy=mix` with that model finds its memory.
MEMORY_FILE = "tactic_memory.jsonl"


def _locals(goal: str) -> set[str]:
    names: set[str] = set()
    for line in goal.splitlines():
        if " : " in line and not line.startswith((" ", "⊢")):
            names.update(line.split(" : ", 1)[0].split())
    names.update(re.findall(r"[∀∃λ]\s*\(?([A-Za-z_][A-Za-z_0-9']*(?:\s+[A-Za-z_][A-Za-z_0-9']*)*)", goal))
    return {n for group in names for n in group.split()}


def _local_order(goal: str) -> list[str]:
    local = _locals(goal)
    return list(dict.fromkeys(t for t in _NAME.findall(goal) if t in local))


def adapt(tactic: str, *, source: str, target: str) -> str:
    """`tactic` (which worked on goal `source`) with `source`'s local names renamed to `target`'s,
    matched by order of first appearance; unchanged when the two goals have different numbers of
    locals."""
    old, new = _local_order(source), _local_order(target)
    if len(old) != len(new) or old == new:
        return tactic
    mapping = dict(zip(old, new, strict=True))
    return _NAME.sub(lambda m: mapping.get(m.group(0), m.group(0)), tactic)


def features(goal: str) -> frozenset[tuple[str, str]]:
    """The goal's token bigrams, local names replaced by a placeholder, `⊢` marking the target."""
    local = _locals(goal)
    tokens = [_LOCAL if t in local else t for t in _TOKEN.findall(goal)]
    return frozenset(zip(tokens, tokens[1:], strict=False))


@dataclass
class TacticMemory:
    """Goal texts with the tactics that worked on them; `query` ranks entries by similarity."""

    entries: list[tuple[str, str]] = field(default_factory=list)
    _features: list[frozenset[tuple[str, str]]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._features = [features(goal) for goal, _ in self.entries]

    def add(self, pairs: Iterable[tuple[str, str]]) -> None:
        known = set(self.entries)
        for goal, tactic in pairs:
            if (goal, tactic) not in known:
                known.add((goal, tactic))
                self.entries.append((goal, tactic))
                self._features.append(features(goal))

    def __len__(self) -> int:
        return len(self.entries)

    def query(self, goal: str, *, k: int) -> list[tuple[str, float]]:
        """At most `k` distinct tactics with the similarity (in (0, 1]) of the goal they worked on,
        most similar first (ties: older entries first), local names adapted to `goal` (see `adapt`);
        entries sharing no bigram with `goal` are never returned."""
        if k <= 0 or not self.entries:
            return []
        mine = features(goal)
        scored = []
        for index, theirs in enumerate(self._features):
            common = len(mine & theirs)
            if common:
                scored.append((-common / len(mine | theirs), index))
        out: dict[str, float] = {}
        for negative, index in sorted(scored):
            source, tactic = self.entries[index]
            tactic = adapt(tactic, source=source, target=goal)
            # An inaccessible local of `goal` (`a✝`) cannot be written: `✝` is no identifier character.
            if tactic not in out and "✝" not in tactic:
                out[tactic] = -negative
                if len(out) == k:
                    break
        return list(out.items())

    def save(self, path: str | Path) -> None:
        with Path(path).open("w", encoding="utf-8") as f:
            for goal, tactic in self.entries:
                f.write(json.dumps({"goal": goal, "tactic": tactic}, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> TacticMemory:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return cls([(row["goal"], row["tactic"]) for row in map(json.loads, filter(None, lines))])


def retrieve(memory: TacticMemory, goals: Sequence[str], *, k: int) -> list[list[tuple[str, float]]]:
    return [memory.query(goal, k=k) for goal in goals]
