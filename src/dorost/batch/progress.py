"""The progress bar of a batch run: bytes of input done, MB/s, documents/s and the time left."""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """A tqdm bar on standard error over the input bytes still to do, or nothing when disabled."""

    def __init__(self, total_bytes: int, enabled: bool) -> None:
        self._bar: Any = None
        self._documents = 0
        self._started = time.perf_counter()
        self._shown = 0.0
        if not enabled:
            return
        from tqdm import tqdm

        self._bar = tqdm(
            total=total_bytes,
            unit="B",
            unit_scale=True,
            unit_divisor=1000,
            desc="dorost batch",
            file=sys.stderr,
            dynamic_ncols=True,
            smoothing=0.1,
        )

    def advance(self, nbytes: int, documents: int) -> None:
        self._documents += documents
        if self._bar is None:
            return
        self._bar.update(max(0, nbytes))
        now = time.perf_counter()
        if now - self._shown >= 0.5:
            self._shown = now
            self._show_documents(now, refresh=False)

    def _show_documents(self, now: float, refresh: bool) -> None:
        rate = self._documents / max(now - self._started, 1e-9)
        self._bar.set_postfix_str(f"{self._documents:,} docs, {rate:,.0f} docs/s", refresh=refresh)

    def close(self) -> None:
        if self._bar is not None:
            self._show_documents(time.perf_counter(), refresh=True)
            self._bar.close()
