"""The Spark recipe, with a local Spark session, when pyspark and Java are available."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dorost import Config
from dorost.batch import restore_document

pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install 'dorost[spark]')")
pytest.importorskip("pandas")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java 17 (no java on PATH and no JAVA_HOME)", allow_module_level=True)

from dorost.integrations.spark import restore_column

FARSTAIL = "corpora/farstail/farstail_unique_sentences.txt"
FOUNDATION = ("unify_arabic_letters", "remove_invisible_junk", "tidy_zwnj", "fix_punctuation", "normalize_whitespace")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dorost-test")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_restore_column_with_map_in_pandas(spark: Any, shared: Path) -> None:
    with open(shared / FARSTAIL, encoding="utf-8") as corpus:
        texts: list[str | None] = [line.rstrip("\n") for _, line in zip(range(200), corpus, strict=False)]
    texts[7] = None  # a missing text passes through, and is no error
    config = Config().with_fixes(only=FOUNDATION)
    frame = spark.createDataFrame([(n, text) for n, text in enumerate(texts)], "id INT, text STRING")
    rows = restore_column(frame, "text", config, edits=True).collect()
    assert sorted(row["id"] for row in rows) == list(range(200))
    changed = 0
    for row in rows:
        expected = restore_document(texts[row["id"]], config, edits=True)
        assert row["text"] == expected.text
        assert row["dorost_edit_count"] == sum(expected.counts.values())
        assert row["dorost_error"] == expected.error
        changed += expected.changed
    assert changed > 0
    missing = next(row for row in rows if row["id"] == 7)
    assert missing["text"] is None and missing["dorost_error"] is None and missing["dorost_edit_count"] == 0
