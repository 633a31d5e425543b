"""Cost of the tactic screen (`soundness.screen_tactic`, uncached) on the bundled reference proofs.

Usage: python bench/screen_tactics.py [--repeat 5]
Prints the number of whole proofs and single tactics screened, how many were refused (0 expected), and
the mean microseconds per proof and per tactic, without the screen's cache.
"""

from __future__ import annotations

import argparse
import time

from prover.benchmarks import BUNDLED
from prover.env.tactic_syntax import Refused, check_tactic
from prover.theorems import load_reference_proofs
from prover.train.bootstrap import reference_tactics


def timed(texts: list[str], repeat: int) -> tuple[float, int]:
    """Mean microseconds per text and the number refused."""
    refused = 0
    started = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            try:
                check_tactic(text)
            except Refused:
                refused += 1
    return (time.perf_counter() - started) / (repeat * len(texts)) * 1e6, refused // repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    proofs = [t.proof for t in load_reference_proofs(BUNDLED).values() if t.proof]
    tactics = [tactic for proof in proofs for tactic in reference_tactics(proof)]
    for label, texts in (("proofs", proofs), ("tactics", tactics)):
        micros, refused = timed(texts, args.repeat)
        print(f"{label}: {len(texts)} screened, {refused} refused, {micros:.1f} us each")


if __name__ == "__main__":
    main()
