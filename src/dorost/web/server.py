"""The HTTP server under ``dorost serve``: uvicorn, with a deadline for each request's head.

uvicorn's keep-alive timer runs only between requests, once a response is sent, and stops at the
first byte that comes; h11 itself has no time limit. A client that connects and sends nothing, or
sends half a request line and headers and then stalls or trickles a byte now and then (slowloris),
would hold its connection for ever. :class:`HeaderTimeoutProtocol` gives every request head a
deadline, counted from the connection (the first request) or from the first byte of the next
request on a kept-alive connection, and not renewed by further bytes: past it the server answers
408 (or, if nothing at all came, only closes) and closes the connection. The body has its own limit
in the application (``read_body``: 408), and the keep-alive wait between requests stays uvicorn's.

The server always speaks HTTP/1.1 through h11 (``http=`` below), even where httptools is
installed, so that this deadline holds whatever uvicorn would pick. ``limit_concurrency`` bounds
open connections, idle ones included: a request that arrives while more are open gets uvicorn's
own 503 (plain text, before the application sees it).
"""

from __future__ import annotations

import asyncio
import json

import h11
import uvicorn
from starlette.applications import Starlette
from uvicorn.protocols.http.h11_impl import H11Protocol

from dorost.web.limits import Limits

KEEP_ALIVE_S = 5


def timeout_response(seconds: float) -> bytes:
    """The raw 408 answer to a head that did not arrive in time (h11 sends no answer to a request
    it has not read, so it is written as bytes)."""
    body = json.dumps({"error": f"the request headers did not arrive within {seconds:g} s"}).encode()
    head = (
        "HTTP/1.1 408 Request Timeout\r\n"
        "content-type: application/json\r\n"
        "cache-control: no-store\r\n"
        "connection: close\r\n"
        f"content-length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, with a deadline of :attr:`header_timeout` seconds for each request
    head. A subclass per server sets it (:func:`protocol_class`)."""

    header_timeout: float = Limits().header_timeout

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        # The first byte of a request on a kept-alive connection starts its deadline; later bytes
        # of the same head do not move it.
        if self.conn.their_state is h11.IDLE and self._head_timer is None:
            self._arm_head_timer()
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is read (or the request refused)
            self._disarm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        received, _ = self.conn.trailing_data  # what came of the head, not yet a request
        if received:
            self.transport.write(timeout_response(self.header_timeout))
        self.transport.close()


def protocol_class(limits: Limits) -> type[HeaderTimeoutProtocol]:
    """:class:`HeaderTimeoutProtocol` with the header time limit of ``limits``."""

    class Protocol(HeaderTimeoutProtocol):
        header_timeout = limits.header_timeout

    return Protocol


def serve_app(app: Starlette, limits: Limits, host: str, port: int) -> None:
    """Run ``app`` on ``host``:``port`` until interrupted."""
    uvicorn.run(
        app,
        host=host,
        port=port,
        http=protocol_class(limits),
        limit_concurrency=limits.max_connections,
        timeout_keep_alive=KEEP_ALIVE_S,
        log_level="warning",
        server_header=False,
    )
