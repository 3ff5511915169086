"""Regular expressions compiled the first time a text needs them.

Compiling every module's patterns at import was a quarter of the start-up of every dorost process,
yet a short text wakes few fixes: most run only where a text holds what they repair (a digit, an
HTML reference, a lam, mojibake). A pattern that only such texts need is declared with
:func:`lazy_pattern` and compiled on its first use; one that every text needs stays a plain
``re.compile``. A ``dorost batch`` worker compiles the lazy patterns its documents need after the fork.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

#: Every lazy pattern declared so far: its accessor, source and flags (a test compiles them all).
DECLARED: list[tuple[Callable[[], re.Pattern[str]], str, int]] = []


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns ``re.compile(pattern, flags)``, compiled on its first call only.

    >>> number = lazy_pattern("[۰-۹]+")
    >>> number().findall("۱۲ و ۳۴")
    ['۱۲', '۳۴']
    >>> number() is number()
    True
    """

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    DECLARED.append((compiled, pattern, flags))
    return compiled
