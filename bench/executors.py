"""Wall time of `python -m prover.prove` on one split with each executor, as a user runs it.

Usage: python bench/executors.py [--split valid] [--workers 2] [--executors serial,process,ray]
       [--ray-address HOST:PORT] [--ray-node-ip IP]
Each run is a fresh `python -m prover.prove` process (interpreter start, imports, Ray start or connect
included) writing to a temporary out_dir; `--ray-address` adds a run through that cluster (started by
hand, see the README's "Running on a Ray cluster"; export RAY_AUTH_MODE=token and its token first).
Prints the command, its wall seconds and its `proved N/M` line.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(overrides: list[str]) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable,
            "-m",
            "prover.prove",
            *overrides,
            f"out_dir={out}",
            f"hydra.run.dir={out}/h",
        ]
        began = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(overrides)}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="valid")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--executors", default="serial,process,ray")
    parser.add_argument("--ray-address", default=None)
    parser.add_argument("--ray-node-ip", default=None)
    args = parser.parse_args()
    base = [f"benchmark.split={args.split}", f"workers={args.workers}"]
    node_ip = [f"ray_node_ip={args.ray_node_ip}"] if args.ray_node_ip else []
    runs = [[f"executor={name}", *(node_ip if name == "ray" else [])] for name in args.executors.split(",")]
    if args.ray_address:
        runs.append(["executor=ray", f"ray_address={args.ray_address}", *node_ip])
    print(f"{'seconds':>8}  {'result':<14}  command")
    for extra in runs:
        seconds, result = measure([*base, *extra])
        print(f"{seconds:8.1f}  {result:<14}  python -m prover.prove {' '.join([*base, *extra])}", flush=True)


if __name__ == "__main__":
    main()
