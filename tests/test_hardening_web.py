"""`dorost serve` against hostile clients, on a real server on loopback.

tests/test_web_api.py covers the limits in process (413 from the length, 408 for a slow upload,
504, bounded concurrency) and tests/test_web_load.py a burst of 120 requests. Here, over real
sockets: clients that send half a request and stall (they must not keep the server from
answering others), a body far over the limit announced by its length (413 before it is read),
and 200 concurrent requests from a load generator bounded to 200 connections.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.request

import pytest

httpx = pytest.importorskip("httpx", reason="the web tests need httpx (pip install 'dorost[web-test]')")
pytest.importorskip("starlette", reason="the web extra is missing: pip install 'dorost[web]'")

from dorost import repair  # noqa: E402
from web_server import running_server  # noqa: E402

SENTENCE = "اين كتاب &ndash; بسيار خوب است ."
CONCURRENT = 200


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _health(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url + "/api/health", timeout=10) as answer:
        return dict(json.load(answer))


def test_stalled_clients_do_not_block_others() -> None:
    with running_server("--workers", "thread", "--timeout", "5") as url:
        stalled = []
        for index in range(50):
            client = socket.create_connection(("127.0.0.1", _port(url)))
            if index % 2:  # headers that never end
                client.sendall(b"POST /api/fix HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
            else:  # a body that never comes
                client.sendall(b'POST /api/fix HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"text": ')
            stalled.append(client)
        try:
            started = time.monotonic()
            assert _health(url)["status"] == "ok"
            with urllib.request.urlopen(
                urllib.request.Request(
                    url + "/api/fix",
                    data=json.dumps({"text": SENTENCE}).encode(),
                    method="POST",
                    headers={"Content-Type": "application/json"},
                ),
                timeout=30,
            ) as answer:
                assert json.load(answer)["text"] == repair(SENTENCE).text
            assert time.monotonic() - started < 30
            # The stalled bodies are answered 408 once the time limit passes.
            stalled[0].settimeout(30)
            assert stalled[0].recv(100).startswith(b"HTTP/1.1 408")
        finally:
            for client in stalled:
                client.close()


def test_a_body_far_over_the_limit_is_refused_before_it_is_read() -> None:
    with running_server("--workers", "thread", "--max-text-mb", "1") as url:
        client = socket.create_connection(("127.0.0.1", _port(url)))
        try:
            client.sendall(
                b"POST /api/fix HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 2000000000\r\n\r\n{"text": "'
            )
            client.settimeout(30)
            head = client.recv(4096)
        finally:
            client.close()
        assert head.startswith(b"HTTP/1.1 413")
        assert _health(url)["status"] == "ok"


async def _burst(url: str, count: int) -> list[tuple[int, float]]:
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:

        async def one() -> tuple[int, float]:
            started = time.monotonic()
            answer = await client.post("/api/fix", json={"text": SENTENCE})
            return answer.status_code, time.monotonic() - started

        return list(await asyncio.gather(*(one() for _ in range(count))))


def test_two_hundred_concurrent_requests_are_answered_or_refused() -> None:
    with running_server("--concurrency", "2", "--max-pending", "200", "--timeout", "120") as url:
        answers = asyncio.run(_burst(url, CONCURRENT))
        assert _health(url)["busy"] == 0
    statuses = [status for status, _ in answers]
    assert set(statuses) <= {200, 503}
    assert statuses.count(200) == CONCURRENT  # all admitted (max-pending 200), none lost
