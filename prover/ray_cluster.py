"""Ray for both executors: connecting (a local instance or a cluster), shipping folders to actors, and
the actor pool that replaces dead actors.

Connecting follows Ray's token authentication (https://docs.ray.io/en/latest/ray-security/token-auth.html):
a driver joining a cluster started with `RAY_AUTH_MODE=token` needs `RAY_AUTH_MODE=token` in its own
environment and the cluster's token (`RAY_AUTH_TOKEN`, the file `RAY_AUTH_TOKEN_PATH` names, or
`~/.ray/auth_token`). Ray itself never turns token mode on for an explicit address, so `connect` leaves
the environment as the user set it and turns each failure into a `RayClusterError` whose one-line
message names the address and the fix.

Nothing here assumes a disk shared between nodes: a folder an actor needs (a model checkpoint with its
tactic memory) travels as one tar archive through Ray's object store (`pack_dir` / `unpack_dir`).
"""

from __future__ import annotations

import io
import logging
import os
import socket
import tarfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Ray replaces these node addresses by the machine's outward one (ray._private.services
# .resolve_ip_for_localhost), so traffic leaves the loopback interface; any other 127.x.y.z is kept.
_REWRITTEN_BY_RAY = frozenset({"127.0.0.1", "localhost", "::1"})
_TOKEN_SOURCES = "~/.ray/auth_token, the file RAY_AUTH_TOKEN_PATH names, or RAY_AUTH_TOKEN"
_AUTH_FAILURE_MARKERS = ("InvalidAuthToken", "Unauthenticated", "AuthenticationError")


class RayClusterError(RuntimeError):
    """Ray could not be reached, authenticated or used; the message names the address and the fix."""


def split_address(address: str) -> tuple[str, int] | None:
    """(host, port) of `host:port`, `[v6]:port` or `ray://host:port`; None for `auto`/`local`/bad ones."""
    rest = address.removeprefix("ray://")
    host, sep, port = rest.rpartition(":")
    if not sep or not port.isdigit() or not host:
        return None
    return host.strip("[]"), int(port)


def _probe(address: str, timeout_s: float) -> None:
    """Fail fast on an address nobody listens at (Ray itself retries such a one for minutes)."""
    parts = split_address(address)
    if parts is None:
        return
    host, port = parts
    try:
        socket.create_connection((host, port), timeout=timeout_s).close()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise RayClusterError(
            f"cannot reach the Ray cluster at {address} ({reason}): start its head there with "
            f"`ray start --head --port={port}`, or set ray_address= to the address that command printed"
        ) from None


def _last_line(err: BaseException) -> str:
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines[-1] if lines else type(err).__name__


def _token_mode() -> bool:
    return os.environ.get("RAY_AUTH_MODE", "").lower() == "token"


def _connection_message(address: str, err: BaseException) -> str:
    chain = f"{err} {err.__cause__ or ''}"
    if any(marker in chain for marker in _AUTH_FAILURE_MARKERS):
        if not _token_mode():
            return (
                f"the Ray cluster at {address} requires token authentication: set RAY_AUTH_MODE=token "
                f"in this shell, with the cluster's token in {_TOKEN_SOURCES} "
                "(`ray get-auth-token` on the head node prints it)"
            )
        return (
            f"the Ray cluster at {address} rejected this machine's token: put the token the cluster was "
            f"started with in {_TOKEN_SOURCES} (`ray get-auth-token` on the head node prints it)"
        )
    import ray

    return (
        f"could not connect to the Ray cluster at {address} ({_last_line(err.__cause__ or err)}): check "
        f"that it runs Ray {ray.__version__} like this machine, and that ray_node_ip= (if set) is an "
        "address of this machine the cluster can reach"
    )


def connect(address: str | None, *, node_ip: str | None = None, probe_timeout_s: float = 5.0) -> None:
    """Join the Ray cluster at `address` (None: `RAY_ADDRESS`, else start a local instance), with
    `node_ip` as this machine's address in it (None: Ray's own choice). Idempotent."""
    import ray
    from ray.exceptions import AuthenticationError

    if ray.is_initialized():
        return
    shown = address or os.environ.get("RAY_ADDRESS") or None
    for key, host in (("ray_node_ip", node_ip), ("ray_address", (split_address(shown or "") or ("",))[0])):
        if host in _REWRITTEN_BY_RAY:
            log.warning(
                "%s=%s: Ray replaces it by this machine's outward address; another 127.x.y.z address "
                "keeps a one-machine cluster on the loopback interface",
                key,
                host,
            )
    if shown not in (None, "auto", "local"):
        _probe(shown, probe_timeout_s)
    options: dict[str, Any] = {"address": address, "ignore_reinit_error": True, "log_to_driver": False}
    if node_ip:
        options["_node_ip_address"] = node_ip
    if shown is None:
        options["include_dashboard"] = False
    try:
        ray.init(**options)
    except AuthenticationError:  # token mode on, but no token anywhere
        raise RayClusterError(
            f"cannot authenticate to the Ray cluster at {shown or 'a local instance'}: RAY_AUTH_MODE=token "
            f"but no token found; put the cluster's token in {_TOKEN_SOURCES} "
            "(`ray get-auth-token` on the head node prints it)"
        ) from None
    except (ConnectionError, RuntimeError, ValueError) as err:
        if shown is None:
            raise RayClusterError(f"could not start a local Ray instance: {_last_line(err)}") from None
        raise RayClusterError(_connection_message(shown, err)) from None


def pack_dir(path: Path) -> bytes:
    """`path`'s files as one uncompressed tar archive (model weights barely compress)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add(path, arcname=".")
    return buffer.getvalue()


def unpack_dir(blob: bytes, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r") as tar:
        tar.extractall(dest, filter="data")
    return dest


@dataclass(frozen=True)
class Lost:
    """An item whose actor died while working on it."""

    reason: str


class ActorPool:
    """`size` Ray actors made by `make()` (each has a `ready()` method), kept across `map` calls.

    An actor that dies is replaced, and the item it held is reported `Lost`. A new actor takes work only
    once `ready()` answered, so a replacement the cluster cannot place (a node gone, no free CPUs) holds
    no item hostage: the live actors take the queue, and only when none is live and none starts within
    `start_timeout_s` does `map` raise `RayClusterError`.
    """

    def __init__(self, make: Callable[[], Any], *, size: int, start_timeout_s: float, where: str) -> None:
        self._make, self.size, self.start_timeout_s, self.where = make, size, start_timeout_s, where
        self._idle: list[Any] = []
        self._busy: list[Any] = []
        self._starting: dict[Any, Any] = {}
        self._restarts = 0
        for _ in range(size):
            self._start()

    def _start(self) -> None:
        actor = self._make()
        self._starting[actor.ready.remote()] = actor

    def _started(self, ref: Any) -> None:
        import ray
        from ray.exceptions import RayActorError

        actor = self._starting.pop(ref)
        try:
            ray.get(ref)
        except RayActorError as err:
            if err.actor_init_failed:
                raise RayClusterError(f"a Ray prover actor failed to start: {_last_line(err)}") from None
            self._restarts += 1
            if self._restarts > 3 * self.size:
                raise RayClusterError(
                    f"Ray prover actors keep dying on {self.where} ({_last_line(err)})"
                ) from None
            self._start()
            return
        self._idle.append(actor)

    def ready_actors(self) -> list[Any]:
        """The started actors (waiting, within `start_timeout_s`, for at least one)."""
        self._await_start()
        return list(self._idle)

    def _await_start(self) -> None:
        import ray

        while not self._idle:
            ready, _ = ray.wait(list(self._starting), num_returns=1, timeout=self.start_timeout_s)
            if not ready:
                raise self._no_actor(left=0)
            self._started(ready[0])

    def _no_actor(self, *, left: int) -> RayClusterError:
        return RayClusterError(
            f"no Ray prover actor started within {self.start_timeout_s:.0f}s on {self.where} "
            f"({left} item(s) left): each actor needs 1 free CPU; add nodes or lower workers="
        )

    def map(self, call: Callable[[Any, Any], Any], items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """Yield (index, `call(actor, item)`'s value, or `Lost`) in completion order. An exception the
        call raised inside the actor is raised here as itself."""
        queue = deque(range(len(items)))
        running: dict[Any, tuple[Any, int]] = {}
        try:
            yield from self._run(call, items, queue, running)
        finally:  # abandoned mid-way: the actors still working are killed by `close`
            self._busy.extend(actor for actor, _ in running.values())

    def _run(self, call, items, queue, running) -> Iterator[tuple[int, Any]]:
        import ray
        from ray.exceptions import RayActorError, RayTaskError

        while queue or running:
            while queue and self._idle:
                actor, index = self._idle.pop(), queue.popleft()
                running[call(actor, items[index])] = (actor, index)
            waiting = list(running) + list(self._starting)
            timeout = None if running else self.start_timeout_s
            ready, _ = ray.wait(waiting, num_returns=1, timeout=timeout)
            if not ready:
                raise self._no_actor(left=len(queue))
            if ready[0] in self._starting:
                self._started(ready[0])
                continue
            actor, index = running.pop(ready[0])
            try:
                value = ray.get(ready[0])
            except RayActorError as err:
                log.warning("a Ray prover actor died; replacing it: %s", _last_line(err))
                self._start()
                yield index, Lost(f"Ray actor died: {_last_line(err)}")
                continue
            except RayTaskError as err:
                raise err.cause if isinstance(err.cause, Exception) else err from None
            self._idle.append(actor)
            yield index, value

    def close(self) -> None:
        import ray

        for actor in [*self._idle, *self._busy, *self._starting.values()]:
            ray.kill(actor)
        self._idle, self._busy, self._starting = [], [], {}
