"""A Spark recipe: restore a DataFrame's text column with ``mapInPandas`` (``pip install 'dorost[spark]'``).

Every executor runs :func:`dorost.batch.restore_document` on its partitions, batch by batch, so memory
stays bounded and a document that cannot be restored is kept unchanged with its error in a column
instead of failing the Spark task::

    from pyspark.sql import SparkSession
    from dorost.integrations.spark import restore_column

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    frame = spark.read.json("corpus/*.jsonl")
    restore_column(frame, "text").write.parquet("restored")

pyspark is imported only inside the functions, so this module loads without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from dorost.batch.core import restore_document
from dorost.config import Config
from dorost.memory import collector_tuned

ERROR_COLUMN = "dorost_error"
EDITS_COLUMN = "dorost_edits"
COUNT_COLUMN = "dorost_edit_count"


def restore_column(
    frame: Any,
    column: str = "text",
    config: Config | None = None,
    *,
    edits: bool = False,
    markdown: bool = False,
) -> Any:
    """``frame`` with ``column`` restored, plus ``dorost_edit_count`` and ``dorost_error`` columns.

    With ``edits=True`` a ``dorost_edits`` column holds each document's edit list as JSON text. With
    ``markdown=True`` each text is Markdown, whose line breaks and hard breaks are its author's (as ``--markdown``).
    The other columns pass through unchanged; the row order within each partition is kept.
    """
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    fields = [*frame.schema.fields]
    names = [field.name for field in fields]
    if column not in names:
        raise ValueError(f"the DataFrame has no column {column!r}")
    added = [StructField(COUNT_COLUMN, IntegerType(), True), StructField(ERROR_COLUMN, StringType(), True)]
    if edits:
        added.append(StructField(EDITS_COLUMN, StringType(), True))
    schema = StructType([field for field in fields if field.name not in _ADDED] + added)
    restore = restore_batches(column, config or Config(), edits=edits, markdown=markdown)
    return frame.mapInPandas(restore, schema=schema)


_ADDED = (COUNT_COLUMN, ERROR_COLUMN, EDITS_COLUMN)


def restore_batches(
    column: str, config: Config, *, edits: bool = False, markdown: bool = False
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The function ``mapInPandas`` runs: pandas batches in, the same batches restored out."""

    def restore(batches: Iterator[Any]) -> Iterator[Any]:
        # An executor's partition is a corpus run: the cyclic collector runs at dorost batch's thresholds meanwhile
        # (each of its collections walks the fixes' large memories), and at the process's own afterwards.
        with collector_tuned():
            yield from _restored(batches, column, config, edits, markdown)

    return restore


def _restored(batches: Iterator[Any], column: str, config: Config, edits: bool, markdown: bool) -> Iterator[Any]:
    """Each pandas batch with its ``column`` restored and the added columns set."""
    for batch in batches:
        texts: list[object] = []
        counts: list[int] = []
        errors: list[str | None] = []
        edit_lists: list[str] = []
        for text in batch[column].tolist():
            result = restore_document(text, config, edits=edits, markdown=markdown)
            texts.append(result.text)
            counts.append(sum(result.counts.values()))
            errors.append(result.error)
            if edits:
                edit_lists.append(json.dumps(result.edits or [], ensure_ascii=False))
        batch = batch.drop(columns=[name for name in _ADDED if name in batch.columns])
        batch[column] = texts
        batch[COUNT_COLUMN] = counts
        batch[ERROR_COLUMN] = errors
        if edits:
            batch[EDITS_COLUMN] = edit_lists
        yield batch
