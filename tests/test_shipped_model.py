"""One loader for the shipped language model: every fix that consults it gets the same object."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from dorost.fixes.layout._common import language_model
from dorost.language import model, shipped_model

# A fresh interpreter counts the models it builds while the whole pipeline repairs a text that wakes
# every fix that consults the model: the layout fixes (a line in visual order, lines to join),
# restore_lam_alef (its lam-alef printed alef first) and restore_spacing (its ZWNJ lost).
_COUNT_MODELS = textwrap.dedent(
    """
    import dorost
    from dorost.fixes.layout.visual import visual_to_logical
    from dorost.language.model import LanguageModel

    built = []
    original = LanguageModel.__init__

    def counting(self, data):
        built.append(len(data))
        original(self, data)

    LanguageModel.__init__ = counting
    damaged = (
        "وزیر بهداشت از اعالم اطالعات سالمت خبر داد و گفت کتابهای\\n"
        "تازه برای عالقهمندان منتشر می شود.\\n"
        + visual_to_logical("این کتاب برای دانشجویان رشته پزشکی نوشته شده است.")
    )
    result = dorost.repair(damaged)
    fixes = {edit.fix for edit in result.edits}
    print(len(built), " ".join(sorted(fixes)))
    """
)


def test_every_fix_shares_one_model() -> None:
    assert language_model() is shipped_model() is model()


def test_the_pipeline_builds_the_model_once() -> None:
    run = subprocess.run([sys.executable, "-c", _COUNT_MODELS], capture_output=True, text=True, check=True)
    built, *fixes = run.stdout.split()
    # The fixes that read the model all ran and changed something, on one model built once.
    assert {"restore_lam_alef", "restore_spacing", "restore_visual_order"} <= set(fixes)
    assert built == "1"
