"""Load on the real server: many concurrent requests on loopback, answered or refused, never lost."""

from __future__ import annotations

import asyncio
import json
import urllib.request

import pytest

httpx = pytest.importorskip("httpx", reason="the web tests need httpx (pip install 'dorost[web-test]')")
pytest.importorskip("starlette", reason="the web extra is missing: pip install 'dorost[web]'")

from dorost import repair  # noqa: E402
from web_server import running_server  # noqa: E402

SENTENCE = "اين كتاب &ndash; بسيار خوب است ."
REQUESTS = 120


async def burst(url: str, count: int) -> list[httpx.Response]:
    """``count`` requests at once, from a load generator bounded to ``count`` connections."""
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        return list(await asyncio.gather(*(client.post("/api/fix", json={"text": SENTENCE}) for _ in range(count))))


def test_concurrent_requests_are_answered_or_refused_with_json() -> None:
    with running_server("--concurrency", "2", "--max-pending", "24", "--timeout", "60") as url:
        answers = asyncio.run(burst(url, REQUESTS))
        with urllib.request.urlopen(url + "/api/health") as health:
            assert json.load(health)["busy"] == 0  # every admitted request has left
    expected = repair(SENTENCE).text
    statuses = [answer.status_code for answer in answers]
    assert set(statuses) <= {200, 503}
    assert statuses.count(200) >= 24  # at least the first admitted ones are served
    for answer in answers:
        if answer.status_code == 200:
            assert answer.json()["text"] == expected
        else:
            assert answer.json()["error"] and answer.headers["retry-after"]
