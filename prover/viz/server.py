"""Serve a folder of viewer pages on localhost only (the pages need no server; this is a convenience
for remote machines reached through an SSH tunnel)."""

from __future__ import annotations

import functools
import logging
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger(__name__)
HOST = "127.0.0.1"  # never another interface: trees can hold private theorem statements


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        log.debug("%s " + format, self.address_string(), *args)


def make_server(directory: Path, *, port: int = 0) -> ThreadingHTTPServer:
    """A server for `directory` bound to 127.0.0.1; `port=0` lets the OS pick a free port
    (read it back from `server.server_address[1]`). The caller runs `serve_forever()`."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    return ThreadingHTTPServer((HOST, port), handler)
