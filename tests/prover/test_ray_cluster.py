"""`prove` and `train` through `ray_address=` on a real Ray cluster: a head node and a worker node (its
own temp dir) started with `ray start`, with token authentication, on the loopback interface only.

The nodes use 127.0.0.2 and 127.0.0.3: Ray replaces 127.0.0.1 (and `localhost`) by the machine's
outward address (ray._private.services.resolve_ip_for_localhost), any other 127.x address it keeps.
Each node runs in its own session; the tests stop exactly those process groups, never `ray stop`
(which would stop every Ray instance on the machine).
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from hydra import compose, initialize_config_dir

from prover.prove import run as prove
from prover.results import read_records
from prover.train.loop import run as train

pytest.importorskip("ray")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = str(ROOT / "configs")
RAY = str(Path(sys.executable).parent / "ray")
HEAD_IP, WORKER_IP, DOOMED_IP = "127.0.0.2", "127.0.0.3", "127.0.0.4"
START_TIMEOUT_S = 120
RUN_TIMEOUT_S = 600

THEOREMS = """\
theorem t_and_swap (p q : Prop) : p ∧ q → q ∧ p := by
  sorry

theorem t_or_swap (p q : Prop) : p ∨ q → q ∨ p := by
  sorry

theorem t_lt_succ (a b : Nat) (h : a < b) : a + 1 ≤ b := by
  sorry

theorem t_false (p : Prop) : p := by
  sorry
"""
PROVE = ["search.max_expansions=40", "benchmark.split=valid", "benchmark.limit=6", "seed=3"]
TRAIN = [
    "iterations=1",
    "bootstrap_theorems=3",
    "eval_limit=3",
    "search.max_expansions=6",
    "search.num_tactics=4",
    "policy.model.d_model=32",
    "policy.model.n_layer=1",
    "policy.model.n_head=2",
    "policy.model.max_new_tokens=8",
    "policy.model.device=cpu",
    "trainer.steps_per_iteration=2",
    "trainer.batch_size=4",
    "seed=5",
]


def loopback_usable() -> bool:
    try:
        for ip in (HEAD_IP, WORKER_IP, DOOMED_IP):
            socket.create_server((ip, 0)).close()
    except OSError:
        return False
    return True


def free_port(ip: str = HEAD_IP) -> int:
    with socket.create_server((ip, 0)) as sock:
        return sock.getsockname()[1]


def base_env(**extra: str) -> dict[str, str]:
    """This environment without Ray settings a previous local `ray.init` or the user left behind."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


class Node:
    """One `ray start` node in its own session (so its process group is exactly its processes)."""

    def __init__(self, args: list[str], env: dict[str, str], temp_dir: Path) -> None:
        ports = ["--node-manager-port", "--object-manager-port", "--metrics-export-port"]
        ports += ["--dashboard-agent-listen-port", "--dashboard-agent-grpc-port", "--runtime-env-agent-port"]
        command = [RAY, "start", *args, f"--temp-dir={temp_dir}", "--num-cpus=1", "--disable-usage-stats"]
        command += [f"{flag}={free_port()}" for flag in ports]
        self.process = subprocess.Popen(
            command, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self.group = self.process.pid
        try:
            out, _ = self.process.communicate(timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        if self.process.returncode != 0:
            self.stop()
            raise RuntimeError(f"ray start failed: {out.decode(errors='replace')[-2000:]}")

    def pids(self) -> list[int]:
        """The node's daemons (its process group) and their descendants (Ray's worker processes, which
        have process groups of their own)."""
        roots = [p for p in psutil.process_iter() if _pgid(p.pid) == self.group]
        found = {p.pid for p in roots}
        for root in roots:
            try:
                found |= {child.pid for child in root.children(recursive=True)}
            except psutil.Error:
                continue
        return sorted(found)

    def stop(self, sig: int = signal.SIGTERM, grace_s: float = 15.0) -> None:
        """Send `sig` to this node's processes, SIGKILL what is left after `grace_s`, wait for them."""
        for signum, wait_s in ((sig, grace_s), (signal.SIGKILL, 10.0)):
            for pid in self.pids():
                try:
                    os.kill(pid, signum)
                except ProcessLookupError:
                    continue
            deadline = time.monotonic() + wait_s
            while self.pids() and time.monotonic() < deadline:
                time.sleep(0.2)
            if not self.pids():
                return


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


class Cluster:
    """A head at 127.0.0.2 and a worker at 127.0.0.3, one CPU each, with token authentication."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="htps-ray-", dir="/tmp"))  # short: Ray's socket paths
        self.token = self.dir / "token"
        self.token.write_text(secrets.token_hex(32))
        self.port = free_port()
        self.address = f"{HEAD_IP}:{self.port}"
        self.nodes: list[Node] = []
        try:
            head = [f"--node-ip-address={HEAD_IP}", "--head", f"--port={self.port}"]
            head += ["--include-dashboard=false", f"--dashboard-port={free_port()}"]
            head += [f"--ray-client-server-port={free_port()}"]
            self.nodes.append(Node(head, self.env(), self.dir / "head"))
            self.add_worker(WORKER_IP)
        except BaseException:
            self.stop()
            raise

    def add_worker(self, ip: str) -> Node:
        node = Node([f"--node-ip-address={ip}", f"--address={self.address}"], self.env(), self.dir / ip)
        self.nodes.append(node)
        return node

    def env(self, **extra: str) -> dict[str, str]:
        return base_env(**{"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(self.token), **extra})

    def pids(self) -> list[int]:
        return [pid for node in self.nodes for pid in node.pids()]

    def stop(self) -> None:
        for node in reversed(self.nodes):
            node.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if not loopback_usable():
        pytest.skip(f"{HEAD_IP}/{WORKER_IP} are not loopback addresses here")
    running = Cluster()
    try:
        yield running
    finally:
        running.stop()
    assert running.pids() == []


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    path = tmp_path / "Small.lean"
    path.write_text(THEOREMS)
    return path


def cli(
    module: str, out: Path, overrides: list[str], env: dict[str, str], timeout: float = RUN_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", module, f"out_dir={out}", f"hydra.run.dir={out}/hydra", *overrides]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def compose_cfg(name: str, out: Path, overrides: list[str]):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(name, overrides=[f"out_dir={out}", *overrides])


def outcome(records) -> list[tuple]:
    return sorted((r.name, r.proved, r.proof, r.expansions, r.stop_reason, r.error) for r in records)


class PeerWatch:
    """Samples the TCP peers of the given nodes' processes and of `pids` (psutil, like `ss -tnp`)."""

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes, self.pids, self.peers = nodes, set[int](), set[str]()
        self.seen: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeerWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            for pid in {*self.pids, *(pid for node in self.nodes for pid in node.pids())}:
                try:
                    proc = psutil.Process(pid)
                    self.seen.add(proc.cmdline()[0])
                    self.peers |= {plain_ip(c.raddr.ip) for c in proc.net_connections("tcp") if c.raddr}
                except (psutil.Error, IndexError):
                    continue
            time.sleep(0.2)


def plain_ip(ip: str) -> str:
    """`::ffff:127.0.0.2` (an IPv4 peer of an IPv6 socket) as `127.0.0.2`."""
    address = ipaddress.ip_address(ip)
    return str(getattr(address, "ipv4_mapped", None) or address)


def is_loopback(ip: str) -> bool:
    return ipaddress.ip_address(ip).is_loopback


def test_prove_through_the_cluster_matches_serial_and_stays_on_loopback(cluster: Cluster, tmp_path) -> None:
    out = tmp_path / "cluster"
    overrides = on_ray(cluster.address, 2)
    env = cluster.env()
    command = [sys.executable, "-m", "prover.prove", f"out_dir={out}", f"hydra.run.dir={out}/hydra"]
    with PeerWatch(cluster.nodes) as watch:
        driver = subprocess.Popen(
            [*command, *PROVE, *overrides], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        watch.pids.add(driver.pid)
        stdout, stderr = driver.communicate(timeout=RUN_TIMEOUT_S)
    assert driver.returncode == 0, stderr.decode()[-3000:]
    serial = prove(compose_cfg("prove", tmp_path / "serial", [*PROVE, "executor=serial"]))
    remote = read_records(out / "results.jsonl")
    assert len(remote) == 6 and outcome(remote) == outcome(serial)
    assert stdout.decode().strip().splitlines()[-1] == f"proved {sum(r.proved for r in serial)}/6"
    assert watch.peers and all(is_loopback(ip) for ip in watch.peers), watch.peers
    # an actor's process title is `ray::ProverActor.prove` only while a call runs (a sample every 0.2 s
    # can miss every call on a loaded machine), `ray::ProverActor` between calls
    assert {HEAD_IP, WORKER_IP} <= watch.peers and any(s.startswith("ray::ProverActor") for s in watch.seen)


def test_train_through_the_cluster_matches_the_local_provers(cluster: Cluster, tmp_path) -> None:
    out = tmp_path / "cluster"
    overrides = on_ray(cluster.address, 2)
    done = cli("prover.train", out, [*TRAIN, *overrides], cluster.env())
    assert done.returncode == 0, done.stderr[-3000:]
    train(compose_cfg("train", tmp_path / "local", [*TRAIN, "executor=local"]))

    def rows(path: Path) -> list[dict]:
        timing = {"seconds", "samples_per_s"}
        lines = (path / "iterations.jsonl").read_text().splitlines()
        return [{k: v for k, v in json.loads(line).items() if k not in timing} for line in lines]

    assert len(rows(out)) == 2 and rows(out) == rows(tmp_path / "local")


def test_a_driver_without_token_mode_gets_the_fix_in_one_line(cluster: Cluster, tmp_path, bench) -> None:
    # RAY_NUM_REDIS_GET_RETRIES: Ray retries a refused connection this many times (20 by default)
    env = base_env(HOME=str(tmp_path), RAY_NUM_REDIS_GET_RETRIES="2")
    done = cli("prover.prove", tmp_path / "o", small(bench, cluster.address), env)
    last = one_line_error(done)
    assert f"the Ray cluster at {cluster.address} requires token authentication" in last
    assert "set RAY_AUTH_MODE=token" in last


def test_a_wrong_token_gets_the_fix_in_one_line(cluster: Cluster, tmp_path, bench) -> None:
    (tmp_path / "wrong").write_text(secrets.token_hex(32))
    env = cluster.env(RAY_AUTH_TOKEN_PATH=str(tmp_path / "wrong"), RAY_NUM_REDIS_GET_RETRIES="2")
    done = cli("prover.prove", tmp_path / "o", small(bench, cluster.address), env)
    assert f"the Ray cluster at {cluster.address} rejected this machine's token" in one_line_error(done)


def test_token_mode_without_a_token_gets_the_fix_in_one_line(cluster: Cluster, tmp_path, bench) -> None:
    env = base_env(HOME=str(tmp_path), RAY_AUTH_MODE="token")
    done = cli("prover.prove", tmp_path / "o", small(bench, cluster.address), env)
    last = one_line_error(done)
    assert f"cannot authenticate to the Ray cluster at {cluster.address}" in last and "no token" in last


@pytest.mark.parametrize("module", ["prover.prove", "prover.train"])
def test_an_unreachable_cluster_is_one_line_naming_it(module: str, tmp_path, bench) -> None:
    if not loopback_usable():
        pytest.skip(f"{HEAD_IP} is not a loopback address here")
    address = f"{HEAD_IP}:{free_port()}"  # nothing listens there
    overrides = small(bench, address) if module == "prover.prove" else [*TRAIN, *on_ray(address, 1)]
    began = time.monotonic()
    done = cli(module, tmp_path / "o", overrides, base_env(), timeout=120)
    last = one_line_error(done)
    assert f"cannot reach the Ray cluster at {address}" in last and "ray start --head" in last
    assert time.monotonic() - began < 60


def on_ray(address: str, workers: int) -> list[str]:
    return ["executor=ray", f"workers={workers}", f"ray_address={address}", f"ray_node_ip={HEAD_IP}"]


def small(bench: Path, address: str, workers: int = 1) -> list[str]:
    """The four theorems of `bench` through the cluster at `address`."""
    return [
        f"benchmark.path={bench}",
        "benchmark.name=file",
        "benchmark.split=all",
        *on_ray(address, workers),
    ]


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The failed run's error: the last line of its log (Hydra logs to stdout), with no traceback."""
    assert done.returncode == 2, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    assert "[ERROR]" in last, done.stdout[-2000:]
    return last


def test_a_lost_node_fails_only_its_theorem(cluster: Cluster, tmp_path, bench) -> None:
    """SIGKILL a third node mid-run: its theorem is recorded as failed, the other actors prove the rest,
    and the replacement actor the cluster has no CPU for blocks nothing."""
    doomed = cluster.add_worker(DOOMED_IP)
    hang = "{t_and_swap: hang, t_or_swap: hang, t_lt_succ: hang, t_false: hang}"
    faults = [
        "env._target_=prover.env.faults.FaultyEnv",
        "+env.inner._target_=prover.env.embedded.EmbeddedEnv",
    ]
    faults += [f"+env.faults={hang}", "+env.hang_seconds=60", "~env.max_steps", "~env.timeout_s"]
    overrides = [*small(bench, cluster.address, workers=3), "theorem_timeout_s=10", *faults]
    out = tmp_path / "o"
    command = [sys.executable, "-m", "prover.prove", f"out_dir={out}", f"hydra.run.dir={out}/hydra"]
    driver = subprocess.Popen([*command, *overrides], cwd=ROOT, env=cluster.env(), stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not busy_actor(doomed) and time.monotonic() < deadline and driver.poll() is None:
            time.sleep(0.2)
        assert busy_actor(doomed), "no actor on the third node started proving"
        doomed.stop(signal.SIGKILL, grace_s=5)
        _, stderr = driver.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        driver.kill()
    assert driver.returncode == 0, stderr.decode()[-3000:]
    records = {r.name: r for r in read_records(out / "results.jsonl")}
    assert set(records) == {"t_and_swap", "t_or_swap", "t_lt_succ", "t_false"}
    errors = sorted(r.error.split(":")[0] for r in records.values())
    assert errors == ["Ray actor died", "timeout", "timeout", "timeout"], errors


def busy_actor(node: Node) -> bool:
    """Whether one of `node`'s processes is a prover actor inside `prove` (Ray sets that as its title)."""
    for pid in node.pids():
        try:
            if psutil.Process(pid).cmdline()[:1] == ["ray::ProverActor.prove"]:
                return True
        except (psutil.Error, IndexError):
            continue
    return False
