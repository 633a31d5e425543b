"""A hard wall-clock deadline for one theorem, so that a hanging backend cannot stall a whole run."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class TheoremTimeout(Exception):
    """The theorem ran past its wall-clock deadline (raised inside whatever call was running)."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise `TheoremTimeout` in this thread once `seconds` have passed.

    Uses SIGALRM, which interrupts blocking calls (sleeps, pipe reads) as well as Python code; it only
    exists in the main thread of a process, which is where the serial and process executors run theorems.
    Elsewhere no hard deadline is set and the searches' own time budgets apply.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        if seconds:
            log.debug("no hard deadline outside the main thread")
        yield
        return

    def _expire(signum: int, frame: object) -> None:
        raise TheoremTimeout(f"theorem deadline of {seconds:g} s exceeded")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
