"""reorder_reversed_runs: how the order model reads a word first in its sentence."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from dorost.language.model import DISCOUNT


def test_the_back_off_for_a_rare_sentence_start_is_the_model_s_typical_back_off() -> None:
    # _INNER_BACKOFF stands for the share of its followers' mass a word keeps for pairs the model never
    # saw, over the model's words weighted by their counts (a geometric mean); rebuilt with another
    # model, the constant must follow it.
    from dorost.fixes.layout.runs.starts import _INNER_BACKOFF
    from dorost.language import model

    m = model()
    total = weighted = 0.0
    for count, followers in zip(m.context_totals, m.followers, strict=True):
        if count and followers:
            total += count
            weighted += count * math.log(DISCOUNT * followers / count)
    assert abs(math.exp(weighted / total) - _INNER_BACKOFF) < 0.01


def test_a_rare_word_starts_a_sentence_as_readily_as_it_follows_a_word() -> None:
    from dorost.fixes.layout.runs.starts import _INNER_BACKOFF, sentence_start
    from dorost.language import model

    m = model()
    # A noun seen once or never (`کاسنی`, a herb): its start reads as its unigram times the typical
    # back-off, not the sentence starts' own, three times smaller (most sentences start with a few
    # words).
    for word in ("کاسنی", "هلیوپاز"):
        assert m.word_count(word) < 5
        inner = math.log(_INNER_BACKOFF) + m.word_logprob(word)
        assert m.sentence_start_logprob(word) < inner - 0.5
        assert abs(sentence_start(m, word) - inner) < 0.5
    # Words the model saw starting many sentences keep their own start statistics (`در`, `این`,
    # `همچنین`); `را` and `است`, which start none of the order text's sentences either, read rarer
    # still than the model alone reads them.
    for word in ("در", "این", "همچنین"):
        assert abs(sentence_start(m, word) - m.sentence_start_logprob(word)) < 0.1
    for word in ("را", "است"):
        assert sentence_start(m, word) < m.sentence_start_logprob(word) - 0.5
    assert max(sentence_start(m, "را"), sentence_start(m, "است")) < min(
        sentence_start(m, "در"), sentence_start(m, "این")
    )


def test_a_no_break_space_is_the_author_s_not_an_extractor_s_mark() -> None:
    from dorost.fixes.layout._common import split_lines
    from dorost.fixes.layout.runs.candidates import read_candidate

    # A list's item as ParsiNLU's passages space it: a space and a no-break space after the dash, a
    # no-break space at the line's end. Extractors print plain spaces: no double space, no trailing space.
    typed = "زندگی می کنند. مانند خرس، گوزن 2 – \u00a0جانورانی که زیر خاک بسر می برند. مانند کرم خاکی 3 –\u00a0"
    candidate = read_candidate(0, split_lines(typed)[0])
    assert candidate is not None
    assert not candidate.marked
    assert " \u00a0" in candidate.printed  # the repair keeps the author's spaces
    # The same line with the gaps an extractor leaves shows both marks.
    printed = typed.replace(" \u00a0", "  ").replace("\u00a0", " ")
    marked = read_candidate(0, split_lines(printed)[0])
    assert marked is not None
    assert marked.trailing and marked.doubles == 1


def test_the_order_text_s_sentence_starts_are_the_back_off_of_the_model_s() -> None:
    # `عراق` (seen 77 times) starts none of the model's sentences but 26 of FarsTail's (news): it reads
    # as a likelier start than the model's back-off to its unigram made it, while `را`, which starts no
    # sentence of either, reads rarer; the model's frequent first words keep their own counts.
    from dorost.fixes.layout.runs.starts import _start_logprob
    from dorost.fixes.layout.runs.tokens import trigram_counts
    from dorost.language import model

    m, tri = model(), trigram_counts()
    assert tri is not None
    iraq = m.index("عراق")
    assert m.sentence_starts[iraq] == 0
    unigram = math.exp(m.unigram_logprob(iraq))
    assert tri.start_probability(iraq, unigram) > 5 * unigram
    assert _start_logprob(m, "عراق") > m.sentence_start_logprob("عراق") + 1.0
    assert _start_logprob(m, "را") < m.sentence_start_logprob("را")
    assert abs(_start_logprob(m, "در") - m.sentence_start_logprob("در")) < 0.1


def test_the_documents_sentence_starts_raise_a_start_but_not_the_lines_own() -> None:
    # A sentence's first word (and its first pair) hears the document's own sentence starts, as a
    # join hears its pairs; the line judged takes its own off.
    from dorost.fixes.layout.runs.echo import Echo

    text = (
        "پروژه را معرفی کنید. برندسازی چیزی فراتر از یک نام است. برندسازی نحوه صحبت کردن است. از برندسازی پروژه بگویید."
    )
    document = Echo.of([text.split()])
    own = Echo.of([str.split("فراتر از یک نام است. برندسازی نحوه صحبت")])
    assert document.start(own, -12.0, "برندسازی") > -12.0 + 3.0
    assert document.start(own, -12.0, "پروژه") == -12.0  # the text's first word follows no full stop
    assert document.start(document, -12.0, "برندسازی") == -12.0
    # The first pair: the document's sentences that start with `برندسازی` go on with `چیزی` (the
    # line's own, with `نحوه`, taken off), so that pair reads better at a sentence's start than
    # after another word, where the document also writes `برندسازی پروژه`.
    after_start = document.mix(own, -9.0, "برندسازی", "چیزی", None, opens=True)
    assert after_start > document.mix(own, -9.0, "برندسازی", "چیزی", "کردن") > -9.0


def test_a_sentence_s_first_pair_reads_the_sentences_first_pairs() -> None:
    # After a full stop (or at a line that starts a sentence: START) a pair reads how sentences go on
    # after their first word; a word before it that is not known (None) leaves the pair alone.
    from dorost.fixes.layout.runs.joins import join2
    from dorost.fixes.layout.runs.trigrams import START, context_test, join3
    from dorost.language import model

    m = model()
    for first, second in (("به", "عنوان"), ("وی", "گفت")):
        assert join3(m, START, first, second) > join2(m, first, second) + 0.8
        assert join3(m, "است.", first, second) == join3(m, START, first, second)
        assert join3(m, None, first, second) == join2(m, first, second)
    # `این را` is a rarer start than the pairs alone say, `این کار` a commoner one.
    at_start = join3(m, START, "این", "کار") - join3(m, START, "این", "را")
    assert at_start > join2(m, "این", "کار") - join2(m, "این", "را") + 0.3
    # The search looks a start up only where the counts know the word after it.
    words = str.split("خبر داد. به عنوان مثال")
    reads = context_test(m, words)
    assert reads(1, 2, 3) and reads(START, 2, 3)
    assert not reads(None, 2, 3)


def test_best_order_is_exact_where_the_line_starts_a_sentence() -> None:
    # Where the line starts a sentence its first pair reads the sentences' first pairs, and a run of
    # one word that starts the repaired line reads the start before it: the dynamic programme still
    # finds the best set of borders as order_gain counts them, lines with a full stop inside included.
    from dorost.fixes.layout.runs.joins import DASHES
    from dorost.fixes.layout.runs.order import Setting, best_order, order_gain
    from dorost.language import model

    m = model()
    text = str.split(
        "به گزارش خبرگزاری ایرنا وزیر نیرو از برنامه تازه وزارتخانه برای مدیریت مصرف آب خبر داد. "
        "این برنامه از ابتدای سال آینده در همه استان\u200cها اجرا می\u200cشود. "
        "در این طرح کشاورزان برای آبیاری به روش\u200cهای تازه کمک می\u200cگیرند. "
        "همچنین وزارتخانه گفت که هزینه آب برای مصرف بیشتر از اندازه بالا می\u200cرود."
    )
    starts = [i for i in range(len(text)) if i == 0 or text[i - 1].endswith(".")]
    rng = random.Random(5)
    lone = 0
    for _ in range(30):
        start = rng.choice(starts)
        count = rng.randint(5, 9)
        line = text[start : start + count]
        cuts = sorted(rng.sample(range(count - 1), rng.randint(1, 3)))
        bounds = list(zip([0, *(c + 1 for c in cuts)], [*cuts, count - 1], strict=True))[::-1]
        lone += bounds[0][0] == bounds[0][1]
        printed = [word for first, last in bounds for word in line[first : last + 1]]
        gaps = [" "] * (count - 1)
        after = text[start + count] if start + count < len(text) else None
        got, gain = best_order(printed, gaps, Setting(m, None, after))
        best = 0.0
        for size in range(1, 5):
            for borders in itertools.combinations(range(count - 1), size):
                if printed[borders[-1] + 1] not in DASHES:
                    best = max(best, order_gain(printed, gaps, list(borders), Setting(m, None, after)))
        assert gain == pytest.approx(best)
        if got:
            assert order_gain(printed, gaps, got, Setting(m, None, after)) == pytest.approx(gain)
    assert lone > 0


def test_a_border_before_a_bound_part_is_spelt_with_a_zwnj() -> None:
    # A pair the model knows neither apart nor as one word, cut at a run border: where the right part
    # is one the model's text writes after a ZWNJ (`ترین`, `هایی`, the ezafe `ی`), the border was a ZWNJ.
    # A verb's stem is no such part (`می\u200cدهد` does not make `دهد` one), nor is a word of its own.
    from dorost.fixes.layout.runs.spelling import restored_line
    from dorost.language import model

    m = model()

    def repaired(line: str, cut: int) -> str:
        words = line.split()
        return restored_line(words, [" "] * (len(words) - 1), [cut], m)

    assert repaired("ترین کوه ایران وسیع", 2) == "وسیع\u200cترین کوه ایران"
    assert repaired("هایی به ما می\u200cرسد ستاره", 3) == "ستاره\u200cهایی به ما می\u200cرسد"
    assert repaired("دهد. درد را فعالیت بدنی تسکین", 2) == "فعالیت بدنی تسکین دهد. درد را"
    assert repaired("آبی رنگ است دریای", 2) == "دریای آبی رنگ است"


def test_best_order_is_exact_with_runs_of_one_word_inside_the_line() -> None:
    # Orders with a run of one word inside the repaired line (or at its end), after a word of the line
    # before: the dynamic programme finds the best set of borders as order_gain counts them.
    from dorost.fixes.layout.runs.joins import DASHES
    from dorost.fixes.layout.runs.order import Setting, best_order, order_gain
    from dorost.language import model

    m = model()
    text = str.split(
        "وزارت امور خارجه روسیه در بیانیه\u200cای اعلام کرد که این کشور برای گسترش همکاری با کشورهای "
        "همسایه آماده است و در این باره با مقام\u200cهای آن کشورها گفت\u200cوگو خواهد کرد و به گزارش "
        "خبرگزاری\u200cها نتیجه این گفت\u200cوگوها در سال آینده اعلام می\u200cشود."
    )
    rng = random.Random(11)
    inner = 0
    for _ in range(30):
        start = rng.randrange(1, len(text) - 10)
        count = rng.randint(6, 9)
        line = text[start : start + count]
        cuts = sorted(rng.sample(range(count - 1), rng.randint(2, 3)))
        bounds = list(zip([0, *(c + 1 for c in cuts)], [*cuts, count - 1], strict=True))[::-1]
        inner += any(first == last for first, last in bounds[1:])
        printed = [word for first, last in bounds for word in line[first : last + 1]]
        gaps = [" "] * (count - 1)
        setting = Setting(m, text[start - 1], text[start + count] if start + count < len(text) else None)
        got, gain = best_order(printed, gaps, setting)
        best = 0.0
        for size in range(1, 5):
            for borders in itertools.combinations(range(count - 1), size):
                if printed[borders[-1] + 1] not in DASHES:
                    best = max(best, order_gain(printed, gaps, list(borders), setting))
        assert gain == pytest.approx(best)
        if got:
            assert order_gain(printed, gaps, got, setting) == pytest.approx(gain)
    assert inner > 5


def test_a_word_in_construct_goes_on_to_its_complement() -> None:
    # A word written in construct (the ezafe on a final ه, `کرهٔ`; a plural's `های`) is followed by its
    # complement, never by a conjunction, the object marker or the copula: a border that leaves one
    # before `و` or `است.` reads badly. The ezafe on ه, rare in the model's text, reads as the bare
    # word does (`کره زمین`); before, `کرهٔ و` read 5.9 better than `کرهٔ زمین`.
    from dorost.fixes.layout.runs.joins import join2
    from dorost.language import model

    m = model()
    assert join2(m, "کرهٔ", "زمین") >= join2(m, "کره", "زمین")
    assert join2(m, "کرهٔ", "زمین") > join2(m, "کرهٔ", "و") + 3
    assert join2(m, "کرۀ", "زمین") > join2(m, "کرۀ", "و") + 3
    assert join2(m, "فاصلهٔ", "است.") < join2(m, "ناچیز", "است.")
    for word in ("و", "که", "را", "است."):
        assert join2(m, "ویژگی\u200cهای", word) < join2(m, "ویژگی\u200cهای", "جدید")
    # Words not in construct keep their pairs: `کره و` and `ویژگی\u200cها و` are ordinary Persian.
    assert join2(m, "کره", "و") > join2(m, "کرهٔ", "و") + 2
    assert join2(m, "ویژگی\u200cها", "و") > join2(m, "ویژگی\u200cهای", "و")
