"""A bounded replay buffer of training samples, seeded, saved to and loaded from disk.

Two eviction rules once `capacity` is reached:
- `fifo`: the oldest sample leaves (favours the latest policy's data, as HTPS's online trainers do);
- `reservoir`: each of the `seen` samples so far stays with equal probability capacity/seen (a uniform
  sample of everything ever added; Vitter's algorithm R).
`sample(k)` draws a batch uniformly without replacement from what is held.
"""

from __future__ import annotations

import json
import random
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from prover.train.samples import Sample, TacticSample, from_dict, to_dict

Eviction = Literal["fifo", "reservoir"]


class ReplayBuffer:
    def __init__(self, *, capacity: int, eviction: Eviction = "fifo", seed: int = 0) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        if eviction not in ("fifo", "reservoir"):
            raise ValueError(f"unknown eviction {eviction!r}: 'fifo' or 'reservoir'")
        self.capacity = capacity
        self.eviction: Eviction = eviction
        self.seen = 0
        self._items: deque[Sample] = deque(maxlen=capacity if eviction == "fifo" else None)
        self._rng = random.Random(seed)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> list[Sample]:
        return list(self._items)

    def add(self, samples: Iterable[Sample]) -> None:
        for sample in samples:
            self.seen += 1
            if self.eviction == "fifo" or len(self._items) < self.capacity:
                self._items.append(sample)
                continue
            slot = self._rng.randrange(self.seen)
            if slot < self.capacity:
                self._items[slot] = sample

    def sample(self, k: int, *, tactic_share: float | None = None) -> list[Sample]:
        """`min(k, len(self))` distinct held samples, uniformly at random.

        `tactic_share` (in [0, 1]) instead draws `round(k * tactic_share)` of them among the tactic
        samples and the rest among the critic samples (a kind with too few fills up from the other):
        search yields many more critic samples than tactic samples, and a uniform batch would starve
        the policy."""
        if tactic_share is None:
            return self._rng.sample(list(self._items), min(k, len(self._items)))
        if not 0.0 <= tactic_share <= 1.0:
            raise ValueError(f"tactic_share must be in [0, 1], got {tactic_share}")
        tactics = [s for s in self._items if isinstance(s, TacticSample)]
        critics = [s for s in self._items if not isinstance(s, TacticSample)]
        k = min(k, len(self._items))
        want = min(len(tactics), max(k - len(critics), round(k * tactic_share)))
        return self._rng.sample(tactics, want) + self._rng.sample(critics, k - want)

    def state_dict(self) -> dict[str, object]:
        return {
            "capacity": self.capacity,
            "eviction": self.eviction,
            "seen": self.seen,
            "rng": _rng_to_json(self._rng.getstate()),
        }

    def save(self, path: str | Path) -> None:
        """Write the buffer as JSONL: a header line with its state, then one sample per line."""
        with Path(path).open("w", encoding="utf-8") as f:
            f.write(json.dumps(self.state_dict()) + "\n")
            for sample in self._items:
                f.write(json.dumps(to_dict(sample), ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> ReplayBuffer:
        """The buffer `save` wrote, including its RNG state, so later draws continue identically."""
        with Path(path).open(encoding="utf-8") as f:
            state = json.loads(f.readline())
            buffer = cls(capacity=state["capacity"], eviction=state["eviction"])
            buffer._items.extend(from_dict(json.loads(line)) for line in f if line.strip())
        buffer.seen = state["seen"]
        buffer._rng.setstate(_rng_from_json(state["rng"]))
        return buffer


def _rng_to_json(state: tuple) -> list:
    version, internal, gauss = state
    return [version, list(internal), gauss]


def _rng_from_json(state: list) -> tuple:
    version, internal, gauss = state
    return (version, tuple(internal), gauss)
