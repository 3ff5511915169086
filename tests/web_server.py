"""A real `dorost serve` on a free loopback port, for the end-to-end and load tests and the load benchmark."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO


class ServerDidNotStart(RuntimeError):
    """`dorost serve` exited or did not answer `/api/health` in time; the message holds its log."""


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]

    def log_text(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def started_server(*flags: str, wait_s: float = 30.0) -> Iterator[Server]:
    """Start `python -m dorost serve` with ``flags``, wait until it answers, stop it afterwards."""
    port = free_port()
    # The log goes to a file, not a pipe: a server that writes much must never block on it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "dorost", "serve", "--port", str(port), *flags],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"http://127.0.0.1:{port}", port, process, log)
        try:
            wait_until_up(server, wait_s)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def running_server(*flags: str) -> Iterator[str]:
    """The URL of a started server (see `started_server`)."""
    with started_server(*flags) as server:
        yield server.url


def wait_until_up(server: Server, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerDidNotStart(f"dorost serve exited with {server.process.returncode}: {server.log_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/health", timeout=2) as answer:
                if json.load(answer)["status"] == "ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise ServerDidNotStart(f"dorost serve did not answer within {wait_s:.0f} s: {server.log_text()}")
