"""The function Spark's ``mapInPandas`` runs on each partition, without Spark (it needs only pandas)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

pd = pytest.importorskip("pandas", reason="the spark extra is not installed (pip install 'dorost[spark]')")

from dorost import Config  # noqa: E402
from dorost.integrations.spark import COUNT_COLUMN, ERROR_COLUMN, restore_batches  # noqa: E402
from dorost.memory import COLLECTOR_THRESHOLDS  # noqa: E402


def test_a_partition_is_restored_with_the_collector_at_batch_thresholds_and_as_before_after() -> None:
    """A partition is a corpus run: its batches are restored while the collector runs at dorost batch's
    thresholds (its collections walk the fixes' large memories); the executor's own come back after."""
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def partition() -> Iterator[Any]:
        for texts in (["اين كتاب", "سلام"], ["مي شود"]):
            seen.append(gc.get_threshold())
            yield pd.DataFrame({"text": texts, "id": range(len(texts))})

    batches = list(restore_batches("text", Config())(partition()))
    assert [batch["text"].tolist() for batch in batches] == [["این کتاب", "سلام"], ["می\u200cشود"]]
    assert [batch[COUNT_COLUMN].tolist() for batch in batches] == [[2, 0], [2]]
    assert [batch[ERROR_COLUMN].tolist() for batch in batches] == [[None, None], [None]]
    assert seen == [COLLECTOR_THRESHOLDS] * 2
    assert gc.get_threshold() == before
