"""How a search treats Python's cyclic garbage collector: it freezes what it has grown.

The hypertree holds no container object per node or edge (its fields are flat lists of ints, floats,
strs and None, which the collector does not track), but it keeps the caller's `SearchGoal` of every
node, and a large search keeps hundreds of thousands of them. A full collection walks every tracked
object, so without care the collector's share of an expansion grows with the tree (measured with
`bench/search_overhead.py`: about 10 us of engine CPU per expansion at 10^5 goals, and as much again
while the result records are built).

So while a search runs, it calls `gc.freeze()` after each expansion batch: everything
alive then (the tree's goals among it) moves to the permanent generation, which collections skip, in
constant time; building the result records (no cyclic garbage) runs with the collector paused, then
freezes them too. When the search ends (normally or by an exception), `gc.unfreeze()` returns them to the
oldest generation. The price: cyclic garbage that is already unreachable but not yet collected when a
batch ends is only reclaimed after the search (plain reference counting still frees everything else at
once). The collector is left alone when it is disabled or when someone else has frozen objects
(`gc.get_freeze_count() > 0`), as unfreezing would undo their choice.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class GrowthGC:
    """The collector policy of one search; inactive (no-op) unless made by `frozen_growth`."""

    __slots__ = ("active",)

    def __init__(self, active: bool = False) -> None:
        self.active = active

    def after_growth(self) -> None:
        """Called after each expansion batch: freeze everything alive."""
        if self.active:
            gc.freeze()

    @contextmanager
    def building(self) -> Iterator[None]:
        """Around building the result records (many new objects, no cyclic garbage): no collection,
        then freeze them."""
        if not self.active:
            yield
            return
        gc.disable()
        try:
            yield
        finally:
            gc.enable()
            gc.freeze()


@contextmanager
def frozen_growth() -> Iterator[GrowthGC]:
    """The policy for one search: active unless the collector is disabled or someone else has frozen
    objects; unfreezes on exit."""
    if not gc.isenabled() or gc.get_freeze_count() > 0:
        yield GrowthGC()
        return
    try:
        yield GrowthGC(active=True)
    finally:
        gc.unfreeze()
