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


def quote_override(key: str, argv: list[str] | None = None) -> None:
    """Let `key=<any text>` reach Hydra verbatim (e.g. a Lean statement with spaces, parentheses, `:`).

    The shell has already removed the user's quotes, and Hydra's override grammar would parse the
    text; so the value is rewritten in place as a single-quoted Hydra string, its backslashes and
    quotes escaped (hydra.cc override grammar: quoted values).
    """
    args = sys.argv if argv is None else argv
    for i, arg in enumerate(args[1:], start=1):
        prefix, sep, value = arg.partition("=")
        if (
            sep
            and prefix.lstrip("+~") == key
            and not (value[:1] in "'\"" and value and value[-1:] == value[:1])
        ):
            escaped = value.replace("\\", "\\\\").replace("'", "\\'")
            args[i] = f"{prefix}='{escaped}'"
