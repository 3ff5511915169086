"""restore_spacing: properties on generated Persian text and the seed article's careful-editor words."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dorost import Config, fix, repair, replay
from dorost.chars import NON_JOINING
from dorost.fixes.spacing import fix as spacing_fix
from dorost.fixes.spacing import lattice, lexicon, restore_spacing
from dorost.fixes.spacing import words as spacing_words
from dorost.language import model

ZWNJ = "\u200c"
ONLY = Config().with_fixes(only=["tidy_zwnj", "restore_spacing"])
# Real words and affixes, spaced and joined every way the damage does it.
PIECES = [
    "می", "نمی", "شود", "کند", "ها", "های", "گروه", "سازمان", "بین", "المللی", "کتاب", "به", "از",
    "خانه", "این", "که", "را", "تر", "ترین", "بزرگ", "نشانه", "گذاری", "رسمیت", "وزارت", "خارجه",
    "کشور", "Python", "3.11", "،", ".", "ب", "ه", "تحر", "یم",
]  # fmt: skip
SEPARATORS = [" ", "", ZWNJ]


@st.composite
def damaged_persian(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(piece + sep for piece, sep in zip(pieces, seps, strict=True)).strip()


@settings(max_examples=150, deadline=None)
@given(damaged_persian())
def test_idempotent_and_replayable(text: str) -> None:
    once = repair(text, ONLY)
    assert replay(once.original, once.edits) == once.text
    assert fix(once.text, ONLY) == once.text


@settings(max_examples=150, deadline=None)
@given(damaged_persian())
def test_never_zwnj_after_a_non_joining_letter_and_latin_untouched(text: str) -> None:
    out = fix(text, ONLY)
    assert not re.search(f"[{NON_JOINING}]{ZWNJ}", out)
    # (tidy_zwnj drops a ZWNJ between Latin letters; restore_spacing never touches Latin.)
    assert re.findall(r"[A-Za-z0-9.]+", out) == re.findall(r"[A-Za-z0-9.]+", text.replace(ZWNJ, ""))
    # Only separators change: the letters stay the same, in the same order.
    assert re.sub(f"[ {ZWNJ}]", "", out) == re.sub(f"[ {ZWNJ}]", "", text)


def test_changes_are_sorted_separators_with_confidence() -> None:
    text = "سازمان های بین المللی می گویند گروههای تکفیری"
    changes = restore_spacing(text, Config())
    assert changes == sorted(changes, key=lambda change: change.start)
    assert all(text[c.start : c.end] in (" ", "") and c.after in (ZWNJ, "", " ") for c in changes)
    assert all(0.5 <= c.confidence <= 0.99 for c in changes)


def test_seed_article_words_of_the_careful_editor(shared: Path) -> None:
    seed = (shared / "seed" / "article-as-extracted.txt").read_text(encoding="utf-8")
    out = fix(seed)
    expected = [
        word.replace("+", ZWNJ)
        for word in str.split(
            "انگیزه+های ماه+ها نشانه+گذاری نگرانی+های گروه+های به+ویژه بی+سابقه می+داند سه+شنبه "
            "امکان+پذیر می+داد گروه+ها سازمان+های می+شود رئیس+جمهور بین+المللی می+گیرد تحلیلگران "
            "همزمان می+کوشد می+رسد ماه+های پرسش+های می+دهند برجای"
        )
    ]
    missing = [word for word in expected if word not in out]
    assert not missing
    for contested in ("به رسمیت", "وزارت خارجه"):
        assert contested in out


def test_clean_held_out_sentences_mostly_unchanged(shared: Path) -> None:
    lines = (
        (shared / "corpora" / "ud-persian-perdt" / "fa_perdt-ud-dev.sentences.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    held = lines[-len(lines) // 10 :][:150]
    changed = sum(fix(line, ONLY) != fix(line, Config().with_fixes(only=["tidy_zwnj"])) for line in held)
    # The treebank itself joins some plurals (بیماریهای); a careful editor separates them, so a few
    # lines change. Anything beyond a small share would mean false changes.
    assert changed <= 0.15 * len(held)


def test_verb_forms_are_recognised_by_their_stems() -> None:
    from dorost.fixes.spacing.lexicon import shared_lexicon

    lex = shared_lexicon()
    for verb in ("شناختن", "کردند", "شده", "می" + ZWNJ + "کنند", "کنم"):
        assert lex.verb_form(verb), verb
    # A bare present stem, or one with ی, makes nouns and adjectives with ZWNJ (امکان\u200cپذیر, ذخیره\u200cسازی).
    for other in ("پذیر", "سازی", "کتاب", "خانه"):
        assert not lex.verb_form(other), other


def test_rare_spelling_scored_in_context_as_the_common_one() -> None:
    from dorost.fixes.spacing.lexicon import shared_lexicon

    lex = shared_lexicon()
    joined, spaced = lex.lm.index("آنها"), lex.lm.index("آن" + ZWNJ + "ها")
    top, ratio = lex.alias[joined]
    assert top == spaced and ratio < 0
    assert spaced not in lex.alias


def test_model_tails_are_bound_second_parts() -> None:
    from dorost.fixes.spacing.lexicon import _BOUND_TAILS, shared_lexicon

    lex = shared_lexicon()
    joined_tails = set(cast(list[str], lex.lm.header["joined_tails"]))
    # Written with ZWNJ after many words and hardly ever alone in running text.
    assert {"سازی", "پذیر", "آمیز"} <= lex.tails
    # Not tails: suffixes the fix knows already, comparatives, and endings joined directly in many words.
    assert not lex.tails & {"ها", "های", "تر", "ترین", "تری", "تان", "داری", "دار"}
    # The model's joined tails are read across a space only where they are bound (شناسی, نشین; ``_BOUND_TAILS``).
    assert "کننده" in joined_tails and not (joined_tails - _BOUND_TAILS) & lex.tails
    assert {"شناسی", "نشین"} <= lex.tails and not lex.tails & {"خوار", "پسند", "جویی", "رسانی"}
    assert not joined_tails & {"داری", "دار"}


def test_tails_from_the_word_lists() -> None:
    from dorost.fixes.spacing.lexicon import shared_lexicon

    lex = shared_lexicon()
    joined_tails = set(cast(list[str], lex.lm.header["joined_tails"]))
    # The trusted lists set these off by ZWNJ after many words. Every source of running text sets نگاری off too,
    # so it joins words across a space; the news sentences write شناسی apart as often, so it only explains
    # joined letters.
    assert "نگاری" in lex.tails
    assert {"شناسی", "گرایی", "نشین"} <= joined_tails
    # Free words that the lists also set off (شماری از, محور) and the second parts of names (علی خان, حسن پور)
    # are no tails of either kind.
    assert not (lex.tails | joined_tails) & {"شماری", "محور", "خان", "پور", "خانه"}
    # A ZWNJ before a tail in a known joined spelling costs what an affix join costs.
    assert lex.shape("زبان" + ZWNJ + "شناسی")[1] == (3,)


def test_long_unknown_word_splits_but_prefixed_word_stays() -> None:
    from dorost.fixes.spacing.lexicon import shared_lexicon

    lex = shared_lexicon()
    glued, prefixed = "وارونهکنید", "باایمان"
    assert not lex.lm.is_word(glued) and not lex.lm.is_word(prefixed)
    assert lex.unknown_logprob(glued) < lex.unknown_logprob("وارونه")
    assert lex.prefixed(prefixed) and lex.unknown_logprob(prefixed) == lex.unknown
    assert fix("آن نام را وارونهکنید", ONLY) == "آن نام را وارونه کنید"
    assert fix("مردانی باایمان بودند", ONLY) == "مردانی باایمان بودند"


def test_joined_spellings_that_running_text_commonly_writes_are_kept() -> None:
    from dorost.fixes.spacing.lexicon import KEEP_JOINED_RATIO, KEEP_JOINED_TEXT, shared_lexicon

    lex = shared_lexicon()
    lm = lex.lm
    assert lex.kept_joined
    for index in lex.kept_joined:
        word = lm.words[index]
        rivals = [i for i in lex.spellings(word) if i != index]
        assert ZWNJ not in word and rivals and lm.text_counts[index] >= KEEP_JOINED_TEXT
        assert all(lm.text_counts[index] >= KEEP_JOINED_RATIO * lm.text_counts[i] for i in rivals)
        assert not any("ه" + ZWNJ in lm.words[i] for i in rivals), word
    joined, spaced = lm.text_count("آنها"), lm.text_count("آن" + ZWNJ + "ها")
    assert (lm.index("آنها") in lex.kept_joined) == (joined >= KEEP_JOINED_RATIO * spaced)
    # Words hardly ever written joined show that a text lost its ZWNJs; a kept spelling does not.
    for lost in ("میشود", "گروههای", "میپرورانند"):
        assert lex.shows_loss(lost), lost
    for word in ("آنها", "کتاب", "میزان", "می" + ZWNJ + "شود"):
        assert not lex.shows_loss(word), word
    kept = "اینها بزرگترین شهرهای کشور هستند"
    assert fix(kept, ONLY) == kept
    damaged = "اینها بزرگترین شهرهای کشور هستند که گروههای زیادی به آنجا میروند"
    repaired = fix(damaged, ONLY)
    assert "گروه" + ZWNJ + "های" in repaired and "می" + ZWNJ + "روند" in repaired
    assert fix(repaired, ONLY) == repaired


def test_glued_words_are_a_sign_of_lost_spaces_read_from_the_model() -> None:
    from dorost.fixes.spacing.lexicon import GLUE_SIGN_PAIR, GLUE_SIGN_TEXT, shared_lexicon

    lex = shared_lexicon()
    lm = lex.lm
    for glued, first, second in (("ازیک", "از", "یک"), ("استکه", "است", "که"), ("کهشما", "که", "شما")):
        assert lex.shows_glue(glued), glued
        # The verdict follows the model's counts, not a list.
        assert min(lm.text_count(first), lm.text_count(second)) >= GLUE_SIGN_TEXT
        assert lm.bigram_count(first, second) >= GLUE_SIGN_PAIR
    # Not glued: words of running text, a ZWNJ lost (به\u200cطور, نوشته\u200cاست), a name.
    for word in ("کتاب", "بهطور", "نوشتهاست", "موریرا", "گروه" + ZWNJ + "های"):
        assert not lex.shows_glue(word), word
    # An unknown word that a compound-maker begins (دو) is split only in a text that shows glued words.
    assert fix("برای دوجدول آماده شوید", ONLY) == "برای دوجدول آماده شوید"
    assert fix("برای دوجدول ازیک فایل", ONLY) == "برای دو جدول از یک فایل"
    # Two words of running text that make no compounds are split without the sign (``pair_glued``).
    assert fix("برای جدولمسیر آماده شوید", ONLY) == "برای جدول مسیر آماده شوید"


def test_glued_words_are_a_sign_only_as_often_as_damage_leaves_them(shared: Path) -> None:
    # A long clean text with one glued pair in it (a typo) is no text that lost its spaces: its long unknown words stay
    # whole. Where glued pairs come as often as damage leaves them, they are read as glued.
    from dorost.fixes.spacing.lexicon import shared_lexicon
    from dorost.fixes.spacing.signs import GLUE_SIGN_CHARS

    lex = shared_lexicon()
    treebank = (shared / "corpora" / "ud-persian-perdt" / "fa_perdt-ud-dev.sentences.txt").read_text(encoding="utf-8")
    clean = [line for line in treebank.splitlines() if not any(map(lex.shows_glue, line.split()))]
    body = " ".join(clean)[: 2 * GLUE_SIGN_CHARS]
    assert "دو جدول" in fix("ازیک فایل. برای دوجدول آماده شوید", ONLY)
    typo = fix("ازیک فایل. " + body + " برای دوجدول آماده شوید", ONLY)
    assert "از یک فایل" in typo and "دوجدول" in typo
    damaged = " ازیک ".join(body[k : k + GLUE_SIGN_CHARS // 2] for k in range(0, len(body), GLUE_SIGN_CHARS // 2))
    assert "دو جدول" in fix(damaged + " برای دوجدول آماده شوید", ONLY)


def _real_lines(shared: Path) -> list[str]:
    """FarsTail's damaged sentences and a treebank's clean ones: windows that change and many that stay."""
    farstail = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    treebank = (shared / "corpora" / "ud-persian-perdt" / "fa_perdt-ud-dev.sentences.txt").read_text(encoding="utf-8")
    return farstail.splitlines()[:500] + treebank.splitlines()[:300]


def test_the_bound_never_falls_below_a_reading_the_beam_finds(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every change the beam finds (shortcut off) gains no more over the input reading than the bound allows.
    monkeypatch.setattr(lexicon, "_LEXICON", None)
    monkeypatch.setattr(lattice, "BOUND_AFTER", 10**9)
    segment = lattice.segment
    checked: list[float] = []

    def checking(lex: Any, window: Any, before: str | None, after: str | None) -> Any:
        found = segment(lex, window, before, after)
        if found is not None:
            start = lattice._unit_for(lex, before, window.glued) if before else None
            best = lattice._best_possible(lex, lattice._bound(lex, window), start, after, window.glued)
            reference = lattice._original_score(lex, window.tokens, start, after, window.glued)
            assert best - reference >= found[1] - lattice.BOUND_SLACK
            checked.append(found[1])
        return found

    monkeypatch.setattr(spacing_fix, "segment", checking)
    for line in _real_lines(shared):
        restore_spacing(line, Config())
    assert len(checked) > 50


def test_the_bound_shortcut_changes_no_result(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _real_lines(shared)
    results = {}
    skipped = 0
    best_possible, original_score = lattice._best_possible, lattice._original_score
    bounds: list[float] = []

    def counting_bound(*args: Any) -> float:
        bounds.append(best_possible(*args))
        return bounds[-1]

    def counting_reference(*args: Any) -> float:
        nonlocal skipped
        reference = original_score(*args)
        if bounds and bounds.pop() - reference < lattice.MARGIN - lattice.BOUND_SLACK:
            skipped += 1
        return reference

    monkeypatch.setattr(lattice, "_best_possible", counting_bound)
    monkeypatch.setattr(lattice, "_original_score", counting_reference)
    # Never, from a stretch's second segmenting on (the default), and from its first.
    default = lattice.BOUND_AFTER
    for after in (10**9, default, 0):
        monkeypatch.setattr(lexicon, "_LEXICON", None)
        monkeypatch.setattr(lattice, "BOUND_AFTER", after)
        results[after] = [restore_spacing(line, Config()) for line in lines]
    assert results[default] == results[10**9] == results[0]
    assert sum(map(len, results[0])) > 100  # the lines do change
    assert skipped > 300  # and the bound spared the beam


def test_pairs_told_apart_by_their_joined_letters_are_judged_as_in_full(shared: Path) -> None:
    lex = lexicon.Lexicon(model())
    pairs = {
        (first, second)
        for line in _real_lines(shared)
        for run in spacing_words.RUN.findall(line)
        for first, second in pairwise(run.split(" "))
    }
    verdicts = {pair: lex.new_pair_suspect(*pair) for pair in pairs}
    assert verdicts == {pair: lex._judge_pair(*pair) for pair in pairs}
    assert 20 < sum(verdicts.values()) < len(pairs) / 2


def test_the_documents_own_spelling_is_recorded_kept_on_a_second_run_and_never_carried_to_another_text() -> None:
    # A text that writes شده\u200cاست intact and shows ZWNJs turned into spaces (می خواهند): its spaced شده است takes
    # the ZWNJ, with the confidence that marks an edit made on the document's own spelling.
    written = f"این کتاب در سال ۱۳۵۰ نوشته شده{ZWNJ}است. خانه{ZWNJ}ها را ساخته شده است و مردم آن را می خواهند."
    result = repair(written, ONLY)
    followed = [edit for edit in result.edits if edit.confidence == spacing_fix.ECHO_CONFIDENCE]
    assert [(edit.before, edit.after) for edit in followed] == [(" ", ZWNJ)]
    assert result.text.count(f"شده{ZWNJ}است") == 2
    assert repair(result.text, ONLY).edits == ()
    # The same damage in a text that never writes the ZWNJ spelling, read right after: no memory of the first text.
    other = "این کتاب در سال ۱۳۵۰ نوشته شده است. خانه ها را ساخته شده است و مردم آن را می خواهند."
    assert f"شده{ZWNJ}است" not in fix(other, ONLY)
    assert repair(written, ONLY).text == result.text


def test_the_words_a_text_derives_are_read_in_one_pass_as_each_search_would_find_them() -> None:
    # `Vocabulary.derives` reads the text once for every word asked; each word's own search through the
    # whole text, asked for every word written whole again and again, made a long glued line quadratic.
    from dorost.fixes.spacing.signs import Vocabulary, _derives_searched

    text = (
        "مجموعهٔ ناشمارا و شمارایی آن. هر مجموعهٔ شمارا تابعی دارد، (ناپیدا) و «زیبایی» و نیکویی؛ "
        "ناآگاه\u200cها و دانایی\u200cها و توانا.ناتوان و ماه\u200cرویی و ناشناختهٔ دیگر"
    )
    vocabulary = Vocabulary(text, None)
    words = {
        *re.findall(r"\S+", text),
        "شمارا",
        "پیدا",
        "زیبا",
        "نیکو",
        "آگاه",
        "دانا",
        "توان",
        "ماه\u200cرو",
        "شناخته",
        "رو",
    }
    for word in sorted(words):
        assert vocabulary.derives(word) == _derives_searched(text, word), word
    assert vocabulary.derives("پیدا") and vocabulary.derives("نیکو") and not vocabulary.derives("مجموعه")
