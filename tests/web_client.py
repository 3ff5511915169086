"""One request to the web app in the test's own process, through httpx's ASGI transport."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from starlette.applications import Starlette


def call(app: Starlette, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """Send one request to ``app`` and return its response; the app's own errors come back as 500s."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://dorost.test") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(go())
