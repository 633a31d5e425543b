"""Cost of the tactic screen (`soundness.screen_tactic`, uncached) on the bundled reference proofs.

Usage: python bench/screen_tactics.py [--repeat 5] [--corpus DIR]
Prints the number of whole proofs and single tactics screened, how many were refused (0 expected), and
the mean microseconds per proof and per tactic, without the screen's cache. `--corpus DIR` also screens
every `:= by` proof of the .lean files under DIR (e.g. a checkout of dwrensha/compfiles) and prints the
most common refusal reasons: how much honest human-written Lean the allowlist turns away.
"""

from __future__ import annotations

import argparse
import collections
import re
import time
from pathlib import Path

from prover.benchmarks import BUNDLED
from prover.env.tactic_syntax import Refused, check_tactic
from prover.theorems import load_reference_proofs, scan_lean_file
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


def corpus_report(root: Path, top: int = 12) -> None:
    reasons: collections.Counter[str] = collections.Counter()
    total = 0
    for path in sorted(root.rglob("*.lean")):
        try:
            theorems, _ = scan_lean_file(path)
        except (OSError, ValueError):
            continue
        for theorem in theorems:
            if not theorem.proof:
                continue
            total += 1
            try:
                check_tactic(theorem.proof)
            except Refused as refused:
                reasons[re.sub(r" \(line .*", "", refused.reason)] += 1
    print(f"corpus {root}: {total} proofs, {total - sum(reasons.values())} pass")
    for reason, count in reasons.most_common(top):
        print(f"  {count:5d}  {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    proofs = [t.proof for t in load_reference_proofs(BUNDLED).values() if t.proof]
    tactics = [tactic for proof in proofs for tactic in reference_tactics(proof)]
    for label, texts in (("proofs", proofs), ("tactics", tactics)):
        micros, refused = timed(texts, args.repeat)
        print(f"{label}: {len(texts)} screened, {refused} refused, {micros:.1f} us each")
    if args.corpus is not None:
        corpus_report(args.corpus)


if __name__ == "__main__":
    main()
