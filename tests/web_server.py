"""A real `dorost serve` on a free loopback port, for the end-to-end and load tests."""

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
from typing import IO

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(*flags: str) -> Iterator[str]:
    """Start `python -m dorost serve` with ``flags``, wait until it answers, stop it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # The log goes to a file, not a pipe: a server that writes much must never block on it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "dorost", "serve", "--port", str(port), *flags],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"dorost serve exited with {process.returncode}: {log.read().decode()}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as answer:
                if json.load(answer)["status"] == "ok":
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail("dorost serve did not answer within 30 s")
