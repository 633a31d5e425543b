"""The final check in Lean's own terms, by compiling one file: for backends with no REPL (lean-dojo).

`lean_file_check` writes, into a fresh scratch folder,

    <header>

    <statement> := by
      <script, indented, split at "\\n" only>

    #print axioms <name>

and runs `lake env lean --json <file>` in the project, inside the sandbox (`sandbox.wrap_command`). Lean
prints every message as one JSON object per line (`Lean.SerialMessage`: `fileName`, `pos` {line,
column}, `endPos`, `severity` "information" | "warning" | "error", `caption`, `data`). The messages at the
`#print axioms` line are its answer; the others belong to the header and the proof.
`soundness.judge_recheck` then decides, exactly as for the REPL: no error, no `sorry` warning, only the
standard axioms.

Optionally `lean4checker` (leanprover/lean4checker: replays the declarations of a compiled module
through the kernel, catching environments built by code that bypassed it): with `lean4checker_cmd`
set, the file is also compiled to an `.olean` in the scratch folder and the checker runs on that module.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from prover.env.base import CheckResult, EnvTimeout, LeanNotFound
from prover.env.lean_process import lean_not_found_message
from prover.env.sandbox import new_scratch_dir, wrap_command
from prover.env.soundness import LeanMessage, judge_recheck, proof_command, screen_tactic

MODULE = "HtpsFinalCheck"
_SEVERITIES = {"information": "info", "info": "info", "warning": "warning", "error": "error"}


def check_file_text(header: str, statement: str, name: str, script: str) -> tuple[str, int]:
    """The Lean file of the check, and the (1-based) line of its `#print axioms` command."""
    head = f"{header.rstrip()}\n\n" if header.strip() else ""
    body = f"{head}{proof_command(statement, script)}\n\n"
    return f"{body}#print axioms {name}\n", body.count("\n") + 1


def parse_json_messages(output: str) -> list[LeanMessage]:
    """Lean's `--json` output: one message object per line; other lines (progress) are skipped."""
    messages = []
    for line in output.split("\n"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(raw, dict) or "severity" not in raw:
            continue
        pos = raw.get("pos") or {}
        severity = _SEVERITIES.get(str(raw["severity"]), str(raw["severity"]))
        messages.append(
            LeanMessage(severity, str(raw.get("data", "")), pos.get("line", 0), pos.get("column", 0))
        )
    return messages


def _run(command: Sequence[str], *, cwd: Path, timeout_s: float, env: dict[str, str]) -> tuple[int, str, str]:
    """Run `command`, killing its whole process group past `timeout_s` (raises `EnvTimeout`)."""
    try:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env=env,
        )
    except FileNotFoundError as exc:
        raise LeanNotFound(lean_not_found_message(cwd)) from exc
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise EnvTimeout(f"the final check ran past {timeout_s:g} s") from None
    return proc.returncode, out, err


def lean_file_check(
    *,
    project_dir: Path,
    header: str,
    statement: str,
    name: str,
    script: str,
    sandbox: str,
    timeout_s: float,
    allow_native_decide: bool = False,
    lean_cmd: Sequence[str] = ("lake", "env", "lean", "--json"),
    lean4checker_cmd: Sequence[str] | None = None,
    memory_limit_mb: int | None = None,
) -> CheckResult:
    """Compile the proof as a file with `#print axioms` and judge Lean's messages (module docstring).

    statement/name: a named theorem statement and its name (`soundness.named_statement`). sandbox: an
    `env.sandbox` mode. lean_cmd: how to run Lean on a file in `project_dir`, printing JSON messages.
    lean4checker_cmd: e.g. `("lake", "env", "lean4checker")`; None skips the kernel replay.
    """
    refused = screen_tactic(script, allow_native_decide=allow_native_decide)
    if refused is not None:
        return CheckResult(False, f"refused before Lean: {refused}")
    scratch = new_scratch_dir()
    text, axioms_line = check_file_text(header, statement, name, script)
    source = scratch / f"{MODULE}.lean"
    source.write_text(text, encoding="utf-8")
    started = time.monotonic()
    wrap = {"sandbox": sandbox, "project_dir": project_dir, "scratch_dir": scratch}
    env = {
        **os.environ,
        "LEAN_PATH": os.pathsep.join(filter(None, [str(scratch), os.environ.get("LEAN_PATH")])),
    }
    compile_args = (
        [str(source)] if lean4checker_cmd is None else ["-o", str(scratch / f"{MODULE}.olean"), str(source)]
    )
    command = wrap_command([*lean_cmd, *compile_args], memory_limit_mb=memory_limit_mb, **wrap)
    code, out, err = _run(command, cwd=project_dir, timeout_s=timeout_s, env=env)
    messages = parse_json_messages(out)
    if not messages and code != 0:
        return CheckResult(False, f"Lean exited with code {code}: {(err or out).strip()[-400:]}")
    proof = [m for m in messages if m.line != axioms_line]
    answer = [m for m in messages if m.line == axioms_line]
    verdict = judge_recheck(proof, answer, allow_native_decide=allow_native_decide)
    if not verdict.ok or lean4checker_cmd is None:
        return verdict
    left = max(timeout_s - (time.monotonic() - started), 1.0)
    command = wrap_command([*lean4checker_cmd, MODULE], memory_limit_mb=memory_limit_mb, **wrap)
    code, out, err = _run(command, cwd=project_dir, timeout_s=left, env=env)
    if code != 0:
        return CheckResult(False, f"lean4checker rejected the proof: {(err or out).strip()[-400:]}")
    return verdict
