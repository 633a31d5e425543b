"""`python -m prover.doctor`: what this machine can run, one line per item, with what to do when missing.

Items: the Python packages, `elan`/`lean`/`lake` and their versions (against `lean_project`'s toolchain),
the Lean REPL through lean-interact, lean-dojo, the bubblewrap sandbox, Ray, CUDA and vLLM. Each line
reads `ok`, `--` (missing or unusable: the hint says what to do) or `..` (optional, not set up).

Exit status: 0 when every item of the groups asked for with `--need` is ok (default `core`: what the
default `env=embedded` run needs), 1 otherwise. Groups: core, lean (env=repl), dojo (env=dojo), gpu
(policy=hf on CUDA, vLLM). `--repl` also starts the REPL through lean-interact (slow the first time:
it clones and builds the REPL) and runs one command.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from prover.benchmarks import BUNDLED

GROUPS = ("core", "lean", "dojo", "gpu")
ELAN_HINT = (
    "install elan: curl https://raw.githubusercontent.com/leanprover/elan/master/elan-init.sh -sSf | sh"
)


@dataclass(frozen=True)
class Finding:
    """One line of the report. `ok`: usable; otherwise `hint` says what to do."""

    item: str
    ok: bool
    detail: str
    hint: str = ""
    group: str = "core"

    def line(self) -> str:
        mark = "ok" if self.ok else "--" if self.group != "optional" else ".."
        text = f"{mark:>2}  {self.item:<14} {self.detail}"
        return text if self.ok or not self.hint else f"{text}  ->  {self.hint}"


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def package(item: str, dist: str, module: str, *, group: str, hint: str) -> Finding:
    """A package counts when it is installed and imports."""
    version = _version(dist)
    if version is None:
        return Finding(item, False, "not installed", hint, group)
    try:
        importlib.import_module(module)
    except Exception as exc:  # a broken install raises anything at import time
        return Finding(item, False, f"{version} does not import: {exc!r:.120}", hint, group)
    return Finding(item, True, version, group=group)


def run_version(command: Sequence[str], *, cwd: Path | None = None) -> str | None:
    """The first line of `command`'s output, or None when it cannot run."""
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cwd, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if done.returncode == 0 and lines else None


def toolchain(project: Path) -> list[Finding]:
    """elan, lean and lake (run in `project`, so elan picks the project's toolchain)."""
    wanted = (project / "lean-toolchain").read_text(encoding="utf-8").strip() if project.is_dir() else "?"
    findings = []
    for tool, hint in (
        ("elan", ELAN_HINT),
        ("lean", f"elan installs it: run `lake build` in {project} (toolchain {wanted})"),
        ("lake", f"elan installs it: run `lake build` in {project} (toolchain {wanted})"),
    ):
        version = run_version((tool, "--version"), cwd=project if project.is_dir() else None)
        if version is None:
            findings.append(Finding(tool, False, "not found on PATH (Lean is absent)", hint, "lean"))
        else:
            findings.append(Finding(tool, True, version, group="lean"))
    lean = findings[1]
    if lean.ok and wanted.rsplit(":", 1)[-1].lstrip("v") not in lean.detail:
        findings.append(
            Finding(
                "toolchain",
                False,
                f"{lean.detail} but {project} wants {wanted}",
                "run `elan default " + wanted + "`",
                "lean",
            )
        )
    return findings


def repl(project: Path, *, start: bool) -> Finding:
    """The REPL through lean-interact: installed, and (with `start`) answering one command."""
    if _version("lean-interact") is None:
        return Finding(
            "repl",
            False,
            "lean-interact not installed",
            "pip install '.[lean]' (or give env.repl_cmd)",
            "lean",
        )
    if shutil.which("lake") is None:
        return Finding("repl", False, "lean-interact installed, but Lean is absent", ELAN_HINT, "lean")
    if not start:
        return Finding(
            "repl",
            True,
            "lean-interact ready (`--repl` starts it: first time clones and builds)",
            group="lean",
        )
    from prover.env.repl import ReplEnv
    from prover.theorems import Theorem

    try:
        with ReplEnv(project_dir=project, sandbox="none", import_timeout_s=1800) as env:
            env.start(Theorem("doctor", "theorem doctor : True"))
    except Exception as exc:  # report whatever went wrong, this is a diagnosis
        return Finding(
            "repl",
            False,
            f"did not start: {exc!s:.200}",
            "see the message; `lake build` in the project",
            "lean",
        )
    return Finding("repl", True, f"started through lean-interact in {project}", group="lean")


def sandbox() -> Finding:
    try:
        from prover.env.sandbox import INSTALL_HINT, bwrap_problem
    except ImportError:
        return Finding("sandbox", False, "prover.env.sandbox is not available", "update the checkout", "lean")
    problem = bwrap_problem()
    if problem is None:
        return Finding("sandbox", True, "bubblewrap works (env.sandbox=auto uses it)", group="lean")
    return Finding("sandbox", False, problem, INSTALL_HINT, "optional")


def cuda() -> list[Finding]:
    import torch

    if not torch.cuda.is_available():
        hint = "a CUDA GPU and a CUDA build of torch (policy=hf runs on CPU without one)"
        return [Finding("cuda", False, f"torch {torch.__version__}: no CUDA device", hint, "gpu")]
    names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
    return [
        Finding("cuda", True, f"torch {torch.__version__}, CUDA {torch.version.cuda}: {names}", group="gpu")
    ]


def findings(project: Path, *, start_repl: bool) -> list[Finding]:
    python_ok = sys.version_info >= (3, 11)
    items = [Finding("python", python_ok, sys.version.split()[0], "Python 3.11 or newer is required")]
    for item, dist, module in (
        ("torch", "torch", "torch"),
        ("transformers", "transformers", "transformers"),
        ("hydra-core", "hydra-core", "hydra"),
        ("networkx", "networkx", "networkx"),
    ):
        items.append(package(item, dist, module, group="core", hint="pip install -e . (scripts/setup.sh)"))
    items += toolchain(project)
    items.append(repl(project, start=start_repl))
    items.append(sandbox())
    items.append(
        package(
            "lean-dojo", "lean-dojo", "lean_dojo", group="dojo", hint="pip install -e . (a core dependency)"
        )
    )
    if shutil.which("git") is None:
        items.append(
            Finding("git", False, "not found", "lean-dojo traces git repositories: install git", "dojo")
        )
    items.append(
        package("ray", "ray", "ray", group="optional", hint="pip install ray (only for executor=ray)")
    )
    items += cuda()
    items.append(package("vllm", "vllm", "vllm", group="optional", hint="pip install '.[vllm]' (needs CUDA)"))
    return items


def needed(finding: Finding, need: Sequence[str]) -> bool:
    """Whether `finding` is required by the groups in `need` (lean-dojo runs Lean's own toolchain)."""
    return finding.group in need or ("dojo" in need and finding.item in ("elan", "lean", "lake"))


def report(items: Sequence[Finding], need: Sequence[str], write: Callable[[str], object]) -> int:
    """Write one line per finding and the verdict; return the exit status."""
    for finding in items:
        write(finding.line())
    failing = [f for f in items if not f.ok and needed(f, need)]
    groups = ", ".join(need)
    write(
        f"not ready for {groups}: {len(failing)} needed item(s) missing" if failing else f"ready for {groups}"
    )
    return 1 if failing else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prover.doctor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--need", nargs="+", choices=GROUPS, default=["core"], help="groups that must be ok")
    parser.add_argument(
        "--project", type=Path, default=BUNDLED, help="the Lean project (default: lean_project)"
    )
    parser.add_argument("--repl", action="store_true", help="start the REPL through lean-interact")
    args = parser.parse_args(argv)
    items = findings(args.project, start_repl=args.repl)
    return report(items, args.need, print)


if __name__ == "__main__":
    sys.exit(main())
