"""The fixes: small pure units, each named for what it repairs.

A fix is a function ``(text, config) -> list[Change]`` that proposes sorted,
non-overlapping replacements in the text it is given and never edits anything else.
Its docstring's first line is its one-line explanation (``dorost fixes`` prints it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dorost.config import Config
from dorost.edits import Change

FixFunction = Callable[[str, Config], list[Change]]


@dataclass(frozen=True, slots=True)
class Fix:
    """A named fix and the family it belongs to (encoding, layout, letters, separators).

    ``needs``, when given, are characters without which the fix finds nothing: on a text that
    holds none of them the fix would propose no change, so the pipeline does not call it.
    """

    name: str
    family: str
    function: FixFunction
    needs: frozenset[str] | None = None

    @property
    def summary(self) -> str:
        doc = (self.function.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else self.name

    def __call__(self, text: str, config: Config) -> list[Change]:
        return self.function(text, config)
