"""The request loop both fake REPL processes run (`fake_repl.py`, `replay_repl.py`), as REPL/Main.lean
reads and answers: right-trimmed lines up to a blank line make one request (`getLines`); a lone blank
line is not JSON and kills the process with "uncaught exception", as it kills the real REPL; lines
starting with `#` or `--` are skipped; answers are pretty JSON followed by a blank line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TextIO

Handler = Callable[[dict], dict | None]


def answer(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n\n")
    sys.stdout.flush()


def _read_query() -> str:
    query = ""
    while True:
        line = sys.stdin.readline()
        if not line.strip():
            return query + line if query else line
        query += line.rstrip()


def serve(*, tactic: Handler, command: Handler, log: TextIO | None = None) -> None:
    """Answer requests until stdin ends: `{"tactic", "proofState"}` goes to `tactic`, `{"cmd"}` to
    `command` (a None answer prints nothing); anything else ends the process as the REPL does."""
    while True:
        query = _read_query()
        if query == "":
            return
        if query.startswith(("#", "--")):
            continue
        if log is not None:
            log.write(query.strip() + "\n")
            log.flush()
        try:
            req = json.loads(query)
        except json.JSONDecodeError as exc:
            message = json.dumps({"message": f"Could not parse JSON:\n{exc}"})
            sys.stderr.write(f"uncaught exception: {message}\n")
            raise SystemExit(1) from None
        if "tactic" in req and "proofState" in req:
            result = tactic(req)
        elif "cmd" in req:
            result = command(req)
        else:
            sys.stderr.write("uncaught exception: Could not parse as a valid JSON command\n")
            raise SystemExit(1)
        if result is not None:
            answer(result)
