"""Corpus scale: restore millions of documents, in parallel, resumably, with nothing lost.

The core is engine-neutral: :func:`restore_document` restores one document and never raises;
:func:`restore_documents` does it over any iterable. :func:`run_batch` (the ``dorost batch``
command) runs over JSONL, Parquet and text files; the datatrove step and the Spark recipe live in
:mod:`dorost.integrations`.
"""

from __future__ import annotations

from dorost.batch.core import DocumentResult, restore_document, restore_documents

__all__ = ["BatchOptions", "DocumentResult", "restore_document", "restore_documents", "run_batch"]


def __getattr__(name: str) -> object:
    # The runner pulls in multiprocessing and the formats; load it only when asked for.
    if name in ("BatchOptions", "run_batch"):
        from dorost.batch import runner

        return getattr(runner, name)
    raise AttributeError(name)
