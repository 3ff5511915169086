"""`dorost serve` against clients that connect and never finish a request head (slowloris), and
against many idle connections, over real sockets on loopback.

The server gives each request head ``--header-timeout`` seconds, counted from the connection (or
from the first byte of the next request on a kept-alive connection) and not renewed by more bytes;
then it answers 408 (nothing, if nothing came) and closes. ``--max-connections`` bounds open
connections, idle ones included (more: 503). tests/test_hardening_web.py covers stalled bodies (408
from the application), 413 and load.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

pytest.importorskip("starlette", reason="the web extra is missing: pip install 'dorost[web]'")
pytest.importorskip("uvicorn", reason="the web extra is missing: pip install 'dorost[web]'")

from dorost import repair
from web_server import running_server

SENTENCE = "اين كتاب &ndash; بسيار خوب است ."
HEADER_TIMEOUT = 1.5
# The latest a stalled client may be closed: the limit plus room for a loaded test machine.
LATEST = HEADER_TIMEOUT + 8.0
# A little under the limit: a timer may fire a hair early by the client's clock.
EARLIEST = HEADER_TIMEOUT - 0.2
MAX_CONNECTIONS = 10


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    flags = ("--header-timeout", str(HEADER_TIMEOUT), "--max-connections", str(MAX_CONNECTIONS))
    with running_server("--workers", "thread", *flags) as address:
        yield address


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _connect(url: str) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", _port(url)))
    client.settimeout(LATEST + 5)
    return client


def _until_closed(client: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (a reset counts as closing)."""
    received = b""
    try:
        while chunk := client.recv(4096):
            received += chunk
    except (ConnectionResetError, BrokenPipeError):
        pass
    return received


def _fix(url: str) -> str:
    request = urllib.request.Request(
        url + "/api/fix",
        data=json.dumps({"text": SENTENCE}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return str(json.load(answer)["text"])


def test_a_half_sent_head_gets_408_and_is_closed_while_others_are_served(url: str) -> None:
    started = time.monotonic()  # each deadline starts once the server has the connection
    partial = _connect(url)
    silent = _connect(url)
    partial.sendall(b"POST /api/fix HTTP/1.1\r\nHost: x\r\nContent-Type: appl")
    assert _fix(url) == repair(SENTENCE).text  # served while both stall
    answer = _until_closed(partial)
    partial_closed = time.monotonic() - started
    nothing = _until_closed(silent)
    silent_closed = time.monotonic() - started
    partial.close()
    silent.close()
    assert _fix(url) == repair(SENTENCE).text  # and after
    assert answer.startswith(b"HTTP/1.1 408 ")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"connection: close" in head.lower()
    assert json.loads(body) == {"error": f"the request headers did not arrive within {HEADER_TIMEOUT:g} s"}
    assert nothing == b""  # a client that sent nothing is closed without an answer
    assert EARLIEST <= partial_closed <= LATEST
    assert EARLIEST <= silent_closed <= LATEST


def test_a_head_trickled_a_byte_at_a_time_does_not_renew_its_deadline(url: str) -> None:
    started = time.monotonic()
    client = _connect(url)
    client.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
    closed = threading.Event()

    def trickle() -> None:  # one header byte every 0.1 s, for ever
        while not closed.is_set():
            try:
                client.sendall(b"X")
            except OSError:
                return
            time.sleep(0.1)

    sender = threading.Thread(target=trickle, daemon=True)
    sender.start()
    answer = _until_closed(client)
    elapsed = time.monotonic() - started
    closed.set()
    sender.join(5)
    client.close()
    # The 408 may be lost to the reset that the trickled bytes cause once the socket is closed.
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408 ")
    assert EARLIEST <= elapsed <= LATEST


def test_the_next_request_on_a_kept_alive_connection_has_its_own_deadline(url: str) -> None:
    client = _connect(url)
    client.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
    first = b""
    while b'"status"' not in first:  # the health answer is one small JSON object
        chunk = client.recv(4096)
        assert chunk, "closed before answering"
        first += chunk
    assert first.startswith(b"HTTP/1.1 200 ")
    time.sleep(HEADER_TIMEOUT * 0.8)  # idle, within the keep-alive wait
    started = time.monotonic()
    client.sendall(b"GET /api/health HTTP/1.1\r\nHo")
    answer = _until_closed(client)
    elapsed = time.monotonic() - started
    client.close()
    assert answer.startswith(b"HTTP/1.1 408 ")
    # Counted from the second request's first byte, not from the connection or the first request.
    assert EARLIEST <= elapsed <= LATEST


def test_idle_connections_past_the_limit_get_503_until_their_deadline_closes_them(url: str) -> None:
    idle = [_connect(url) for _ in range(MAX_CONNECTIONS + 2)]
    try:
        time.sleep(0.3)  # all accepted
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "/api/health", timeout=30)
        assert refused.value.code == 503
        for client in idle:
            assert _until_closed(client) == b""
        assert _fix(url) == repair(SENTENCE).text
    finally:
        for client in idle:
            client.close()
