"""The limits a server keeps, so that no request can take the machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one server accepts and how much work it does at once.

    - ``max_text_bytes``: largest text (UTF-8 bytes), pasted or uploaded;
    - ``max_pdf_bytes``: largest PDF upload;
    - ``timeout``: seconds a request may wait for a worker and run, before 503 (no worker came
      free) or 504 (the repair did not finish);
    - ``concurrency``: repairs that run at once, each in its own worker;
    - ``max_pending``: requests admitted at once (running or waiting); more get 503 at once.
      Memory is bounded by about ``max_pending`` times the largest request;
    - ``workers``: ``"process"`` runs repairs in worker processes, killed when past the time limit;
      ``"thread"`` in threads of the server's process (see :mod:`dorost.web.workers`);
    - ``header_timeout``: seconds a client has, from connecting (or from the first byte of its next
      request on a kept-alive connection), to send a request's line and headers; then 408 and the
      connection is closed (a client that sent nothing is closed without an answer). A client that
      trickles its headers a byte at a time cannot hold a connection open for ever (slowloris);
    - ``max_connections``: open connections at once, idle ones included; a request that arrives while
      more are open is answered 503. With ``header_timeout`` it bounds what idle clients hold.
    """

    max_text_bytes: int = 5 * MB
    max_pdf_bytes: int = 50 * MB
    timeout: float = 60.0
    concurrency: int = max(1, min(4, os.cpu_count() or 1))
    max_pending: int = 32
    workers: Literal["process", "thread"] = "process"
    header_timeout: float = 10.0
    max_connections: int = 1000

    def __post_init__(self) -> None:
        if self.max_text_bytes <= 0 or self.max_pdf_bytes <= 0:
            raise ValueError("size limits must be positive")
        if self.timeout <= 0:
            raise ValueError("the time limit must be positive")
        if self.header_timeout <= 0:
            raise ValueError("the header time limit must be positive")
        if self.max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        if self.concurrency < 1 or self.max_pending < self.concurrency:
            raise ValueError("concurrency must be at least 1 and max_pending at least concurrency")
        if self.workers not in ("process", "thread"):
            raise ValueError(f"workers must be process or thread, not {self.workers!r}")

    def to_dict(self) -> dict[str, object]:
        return {
            "max_text_bytes": self.max_text_bytes,
            "max_pdf_bytes": self.max_pdf_bytes,
            "timeout_s": self.timeout,
            "concurrency": self.concurrency,
            "max_pending": self.max_pending,
            "workers": self.workers,
            "header_timeout_s": self.header_timeout,
            "max_connections": self.max_connections,
        }


def describe_size(size: int) -> str:
    """``5242880`` → ``'5 MB'``; sizes under a megabyte in KB.

    >>> describe_size(5 * MB), describe_size(1536), describe_size(int(2.5 * MB))
    ('5 MB', '2 KB', '2.5 MB')
    """
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1024))} KB"
