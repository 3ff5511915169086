"""Bounded memories of pure functions, kept across documents by the fixes that consult the model.

A fix that judges the same word or pair in document after document remembers its verdicts; a
corpus holds an unbounded number of distinct words, so each memory has a bound.

What a memory forgets at its bound was measured over 16 MB of the benchmark corpora
(``benchmarks/throughput.py --memory-ab --long-memory``, and the spacing memories' lookups replayed
under other policies). A run slows down as it goes on mostly because its text changes: the
smaller corpora run out, and memories that never forget slow down just as much. Past 8 MB the
bounds cost 6-13 % of CPU against never forgetting, mostly in the smallest memory (the spacing
fix's 5,000 prepared windows). Policies that use only the order entries were kept in were no
faster: keeping the older half at the bound had 5 % fewer misses, the same CPU time, and a peak
13 MB higher (memories stay fuller). Recency (least recently used) would need a Python step on
every lookup. So a memory empties completely at its bound, and every lookup stays a plain dict
lookup (``get``, ``in``, ``[]``: the C methods, never overridden).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class Memory(dict[_K, _V]):
    """A dict that forgets all it holds once past ``bound`` entries: bounded memory, plain dict lookups.

    >>> seen: Memory[str, bool] = Memory(2)
    >>> seen.keep("کتاب", True)
    True
    >>> seen.get("کتاب")
    True
    """

    __slots__ = ("bound",)

    def __init__(self, bound: int) -> None:
        super().__init__()
        self.bound = bound

    def keep(self, key: _K, value: _V) -> _V:
        if len(self) > self.bound:
            self.clear()
        self[key] = value
        return value


# Cyclic garbage collector thresholds for a process that restores a corpus or a large file. The fixes remember
# answers in large dictionaries, and each full collection walks every entry: with Python's defaults
# (700, 10, 10) collection took 14% of the CPU time over 4 MB of text, with these about 3%; the peak
# memory was the same (the restored text makes few reference cycles). `dorost fix` on 2.7 MB of text, which
# also records every edit: 2.7 s of collection in 1,623 collections with the defaults, 0.66 s in 82.
COLLECTOR_THRESHOLDS = (20_000, 20, 20)


# Those who run under the tuned thresholds now (threads, and nested callers: the CLI around a run of a long text),
# and the thresholds the first of them found. The thresholds are the process's, not a thread's: had each caller put
# back what it found, two that overlap could leave the tuned ones behind for good (the second found them tuned).
_TUNING = threading.Lock()
_tuned_for = 0
_found: tuple[int, ...] = ()


@contextmanager
def collector_tuned() -> Iterator[None]:
    """Run the body with :data:`COLLECTOR_THRESHOLDS`, then put the previous thresholds back.

    Bodies that overlap (in threads, or one inside another) share one tuning: the last to end puts
    back the thresholds the first found, unless someone set others meanwhile (those are kept).
    """
    global _tuned_for, _found
    with _TUNING:
        if not _tuned_for:
            _found = gc.get_threshold()
            gc.set_threshold(*COLLECTOR_THRESHOLDS)
        _tuned_for += 1
    try:
        yield
    finally:
        with _TUNING:
            _tuned_for -= 1
            if not _tuned_for and gc.get_threshold() == COLLECTOR_THRESHOLDS:
                gc.set_threshold(*_found)
