"""restore_visual_order weighs first the lines that may read better backwards: it chooses what weighing all would."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from dorost import Config
from dorost.fixes.layout import visual
from dorost.fixes.layout.visual import restore_visual_order, visual_to_logical


def test_long_documents_choose_the_same_lines_as_when_every_line_is_weighed(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long documents of reading lines (their bound reaches the document threshold: every line may
    # be chosen), some with a few or many lines drawn in visual order, some with the words that
    # read better backwards (رد, درک) that give a line a positive bound.
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    reading = [line for line in lines[:3_000] if line.strip()]
    rng = random.Random(17)
    texts: list[str] = []
    for k in range(0, 2_400, 40):
        document = reading[k : k + 40]
        turned = rng.choice([0, 0, 1, 3, 12, 40])
        for index in rng.sample(range(len(document)), turned):
            document[index] = visual_to_logical(document[index])
        for index in rng.sample(range(len(document)), rng.choice([0, 2, 6])):
            document[index] += rng.choice([" رد", " درک", " رد درک"])
        if turned >= 12:
            # Words no lexicon knows either way (their evidence is 0): in a visual document, chosen too.
            document.insert(rng.randrange(len(document)), "قثص ضطظ غفق")
        texts.append("\n".join(document))
    config = Config()
    weighed: list[int] = []
    weigh = visual._weigh

    def counting(lines: list[Any], model: Any) -> Any:
        weighed.append(len(lines))
        return weigh(lines, model)

    monkeypatch.setattr(visual, "_weigh", counting)
    quick = [restore_visual_order(text, config) for text in texts]
    fewer = sum(1 for count in weighed if count < 20)
    # Every line counted as one that may read better backwards: every line is weighed.
    line_bounds = visual._line_bounds
    monkeypatch.setattr(visual, "_line_bounds", lambda lines: ([1.0] * len(lines), line_bounds(lines)[1]))
    assert [restore_visual_order(text, config) for text in texts] == quick
    assert fewer >= 20  # documents whose lines were mostly left unweighed...
    assert sum(1 for changes in quick if changes) >= 20  # ...and visual lines are still turned
    assert sum(1 for changes in quick if not changes) >= 10
