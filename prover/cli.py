"""Helpers shared by the thin `@hydra.main` entry points."""

from __future__ import annotations

import sys


def positional_to_override(key: str, argv: list[str] | None = None) -> None:
    """Let `python -m prover.X PATH k=v` mean `python -m prover.X key=PATH k=v`.

    Hydra only accepts `key=value` overrides; users' scripts call the commands with a bare path first,
    so the first bare argument is rewritten in place before Hydra parses the command line.
    """
    args = sys.argv if argv is None else argv
    for i, arg in enumerate(args[1:], start=1):
        if "=" not in arg and not arg.startswith("-"):
            args[i] = f"{key}={arg}"
            return
