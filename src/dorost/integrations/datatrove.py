"""A datatrove pipeline step that restores Persian documents (``pip install 'dorost[datatrove]'``).

It has the shape of datatrove's own ``FTFYFormatter``: it restores ``document.text`` in place, and it
adds what a corpus team needs at scale: edits per fix in datatrove's stats, and errors caught per
document, so one document that breaks a fix is passed through unchanged (its error in
``document.metadata["dorost_error"]``) instead of failing the whole shard.

>>> from datatrove.data import Document
>>> step = DorostFormatter()
>>> [doc.text for doc in step.run([Document(text="اين كتاب", id="1")])]
['این کتاب']
>>> step.stats["edits_unify_arabic_letters"].total
2
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from dorost.batch.core import restore_document
from dorost.config import Config
from dorost.fixes import Fix
from dorost.memory import collector_tuned
from dorost.pipeline import FIXES

ERROR_KEY = "dorost_error"
EDITS_KEY = "dorost_edits"


class DorostFormatter(BaseFormatter):  # type: ignore[misc]  # datatrove ships no type information
    """Restore each document's text with dorost; count edits per fix; never fail a shard on one document.

    Stats: ``total`` documents, ``changed``, ``failed``, ``edits`` and ``edits_<fix>`` per fix.
    ``edits=True`` also keeps each document's edit list in ``metadata["dorost_edits"]``; ``markdown=True`` reads
    each text as Markdown, whose line breaks and hard breaks are its author's (``dorost batch --markdown``).
    """

    name = "\N{WRITING HAND} dorost"

    def __init__(
        self,
        config: Config | None = None,
        *,
        edits: bool = False,
        fixes: Sequence[Fix] = FIXES,
        markdown: bool = False,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.edits = edits
        self.fixes = tuple(fixes)
        self.markdown = markdown

    def format(self, text: str) -> str:
        """The restored text; on an error, or for a text that is none (a null), ``text`` as it came."""
        result = restore_document(text, self.config, fixes=self.fixes, markdown=self.markdown)
        return result.text if result.error is None and isinstance(result.text, str) else text

    def run(self, data: Iterable[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        # A task restores a whole shard: the cyclic collector runs at dorost batch's thresholds meanwhile (each of
        # its collections walks the fixes' large memories), and at the task's own once the shard is done.
        with collector_tuned():
            yield from self._restored(data)

    def _restored(self, data: Iterable[Any]) -> Iterator[Any]:
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = restore_document(
                    document.text, self.config, edits=self.edits, fixes=self.fixes, markdown=self.markdown
                )
            if result.error is not None:
                self.stat_update("failed")
                document.metadata[ERROR_KEY] = result.error
                yield document
                continue
            document.text = result.text
            if result.changed:
                self.stat_update("changed")
            edits = sum(result.counts.values())
            if edits:
                self.stat_update("edits", value=edits)
            for fix, count in result.counts.items():
                self.stat_update(f"edits_{fix}", value=count)
            if self.edits:
                document.metadata[EDITS_KEY] = result.edits
            yield document
