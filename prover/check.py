"""`python -m prover.check PATH [env=embedded]`: re-check the tactic proofs in a `.lean` file or folder.

Prints `<name>: ok` or `<name>: FAIL <reason>` per theorem, then `N passed, M failed`; exits 1 if any
theorem failed (a parse error counts as a failure and names its file and line).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import hydra
from hydra.utils import instantiate
from omegaconf import DictConfig

from prover.cli import positional_to_override
from prover.env.base import EnvError, Environment
from prover.theorems import Theorem, scan_lean_file


@dataclass(frozen=True)
class CheckLine:
    name: str
    ok: bool
    reason: str = ""

    def render(self) -> str:
        return f"{self.name}: ok" if self.ok else f"{self.name}: FAIL {self.reason}"


def _lean_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.rglob("*.lean"))
    return [path]


def _theorems_or_errors(path: Path) -> Iterator[Theorem | CheckLine]:
    """Theorems in file order; a declaration that cannot be parsed becomes a failed line naming its file
    and line, and the rest of the file is still checked."""
    for file in _lean_files(path):
        theorems, errors = scan_lean_file(file)
        for err in errors:
            yield CheckLine(name=f"{file}:{err.line}", ok=False, reason=str(err))
        yield from theorems


def check_theorem(env: Environment, theorem: Theorem) -> CheckLine:
    if theorem.proof is None:
        return CheckLine(theorem.name, False, f"{theorem.location}: no proof (the body is `sorry`)")
    try:
        result = env.check(theorem, theorem.proof)
    except EnvError as err:
        return CheckLine(theorem.name, False, f"{theorem.location}: {type(err).__name__}: {err}")
    if result.ok:
        return CheckLine(theorem.name, True)
    return CheckLine(theorem.name, False, f"{theorem.location}: {result.message}")


def run(cfg: DictConfig, out=sys.stdout) -> int:
    """Check every theorem under `cfg.path`; write one line each and a summary; return the exit code."""
    path = Path(cfg.path)
    if not path.exists():
        out.write(f"error: {path}: no such file or folder\n")
        return 2
    passed = failed = 0
    with instantiate(cfg.env) as env:
        for item in _theorems_or_errors(path):
            line = item if isinstance(item, CheckLine) else check_theorem(env, item)
            out.write(line.render() + "\n")
            out.flush()
            passed += line.ok
            failed += not line.ok
    out.write(f"{passed} passed, {failed} failed\n")
    return 1 if failed else 0


@hydra.main(version_base="1.3", config_path="../configs", config_name="check")
def main(cfg: DictConfig) -> None:
    sys.exit(run(cfg))


if __name__ == "__main__":
    positional_to_override("path")
    main()
