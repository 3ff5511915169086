"""Bounded memories of pure functions, kept across documents by the fixes that consult the model.

A fix that judges the same word or pair in document after document remembers its verdicts; a
corpus holds an unbounded number of distinct words, so each memory has a bound.
"""

from __future__ import annotations

from collections.abc import Hashable
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
