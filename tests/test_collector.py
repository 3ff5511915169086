"""The cyclic collector's thresholds while text is restored (dorost.memory.collector_tuned)."""

from __future__ import annotations

import dataclasses
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dorost import Config, pipeline
from dorost.edits import Change
from dorost.memory import COLLECTOR_THRESHOLDS, collector_tuned

# A caller's own thresholds, unlike both Python's defaults and the tuned ones.
_CALLERS = (900, 11, 12)


@pytest.fixture
def callers_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*_CALLERS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _watched(seen: list[tuple[int, ...]]) -> tuple[pipeline.Fix, ...]:
    """The pipeline's fixes, restore_visual_order noting the thresholds it runs under."""

    def watch(fix: pipeline.Fix) -> pipeline.Fix:
        def function(text: str, config: Config) -> list[Change]:
            seen.append(gc.get_threshold())
            return fix.function(text, config)

        return dataclasses.replace(fix, function=function)

    return tuple(watch(fix) if fix.name == "restore_visual_order" else fix for fix in pipeline.FIXES)


def _paragraphs(shared: Path, chars: int) -> str:
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    text = ""
    for line in lines:
        if len(text) >= chars:
            break
        text += line + "\n\n"
    return text


@pytest.mark.usefixtures("callers_thresholds")
def test_a_long_text_is_restored_with_the_collector_tuned_and_the_callers_thresholds_come_back(shared: Path) -> None:
    long_text = _paragraphs(shared, pipeline._TUNED_FROM)
    seen: list[tuple[int, ...]] = []
    result = pipeline.run(long_text, fixes=_watched(seen))
    assert seen and set(seen) == {COLLECTOR_THRESHOLDS}
    assert gc.get_threshold() == _CALLERS
    assert result.text == pipeline.run(long_text).text


@pytest.mark.usefixtures("callers_thresholds")
def test_a_short_text_leaves_the_thresholds_alone(shared: Path) -> None:
    short = _paragraphs(shared, 2000)
    assert len(short) < pipeline._TUNED_FROM
    seen: list[tuple[int, ...]] = []
    pipeline.run_counted(short, fixes=_watched(seen))
    assert seen and set(seen) == {_CALLERS}
    assert gc.get_threshold() == _CALLERS


@pytest.mark.usefixtures("callers_thresholds")
def test_overlapping_tunings_put_back_what_the_first_found() -> None:
    # Thread one starts, thread two starts, one ends, two ends: had each put back what it found, two
    # would leave the tuned thresholds behind for good.
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    inside: list[tuple[int, ...]] = []

    def first() -> None:
        with collector_tuned():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_tuned():
            second_in.set()
            first_out.wait(5)
            inside.append(gc.get_threshold())  # the first has ended: still tuned for the second

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert inside == [COLLECTOR_THRESHOLDS]
    assert gc.get_threshold() == _CALLERS


@pytest.mark.usefixtures("callers_thresholds")
def test_thresholds_set_inside_a_tuning_are_kept() -> None:
    with collector_tuned():
        with collector_tuned():
            assert gc.get_threshold() == COLLECTOR_THRESHOLDS
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS
        gc.set_threshold(1000, 10, 10)
    assert gc.get_threshold() == (1000, 10, 10)
