"""The layout fixes' shortcuts (scores remembered per word, per pair, per document) change no result."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import pytest

from dorost import Config, repair
from dorost.fixes.layout import join_broken_lines, reorder_reversed_runs, restore_visual_order
from dorost.fixes.layout import visual as visual_module
from dorost.fixes.layout._common import language_model, scoring_form
from dorost.fixes.layout.runs import fix as runs_fix
from dorost.fixes.layout.runs import marks
from dorost.fixes.layout.runs.tokens import read_token, word_classes
from dorost.fixes.layout.visual import line_evidence, visual_to_logical
from dorost.language.model import LanguageModel, normalize_word

LAYOUT = ["restore_visual_order", "remove_page_furniture", "reorder_reversed_runs", "join_broken_lines"]
# The sample article's line 12 as pdftotext printed it: three runs, last-first.
MISORDERED = "با پذیرش باره نوشت روز سه شنبه سوم جولای، وزارت خارجه روسیه  نشریه دیپلمات در این "


def test_line_evidence_is_the_same_with_a_shared_memory() -> None:
    model = language_model()
    lines = [
        "این اقدام پس از تصویب قانونی در دسامبر امکان پذیر شد",
        visual_to_logical("این اقدام پس از تصویب قانونی در دسامبر امکان پذیر شد"),
        "این کتاب و آن کتاب و این کتاب",
        "\ufeb3\ufefc\ufee1 این کتاب",
    ]
    seen: dict[str, tuple[float, float]] = {}
    for line in lines:
        assert line_evidence(line, model, seen) == line_evidence(line, model)


class _Unremembered:
    """The shipped model under another name: line_evidence then scores every token afresh."""

    def __getattr__(self, name: str) -> object:
        return getattr(language_model(), name)


def test_remembered_token_scores_add_up_as_scoring_afresh() -> None:
    # The shipped model's path sums remembered scores without a Python step per token (lines with
    # presentation forms take the glyph scores too); the sum must be the very same float.
    fresh = _Unremembered()
    lines = [
        "این اقدام پس از تصویب قانونی در دسامبر امکان پذیر شد.",
        visual_to_logical("نشریه دیپلمات در گزارشی درباره به رسمیت شناختن طالبان گفت"),
        "\ufeb3\ufefc\ufee1 \ufea9\ufee7\ufef4\ufe8e و كتاب «عمدتاً» PDF ۱۴۰۳",
        "\ufe8e\ufef4\ufee8\ufea9 \ufee1\ufefc\ufeb3",
        "",
    ]
    for line in lines:
        assert line_evidence(line, language_model()) == line_evidence(line, fresh)  # type: ignore[arg-type]


def test_a_visual_line_among_many_reading_lines_is_still_converted() -> None:
    # The per-document memory must not blur one line's own strong evidence.
    reading = ["این کتاب بسیار خوب است و همه آن را خوانده اند."] * 30
    visual = visual_to_logical("این اقدام پس از تصویب قانونی در دسامبر امکان پذیر شد")
    text = "\n".join([*reading[:15], visual, *reading[15:]])
    result = repair(text, Config().with_fixes(only=LAYOUT))
    assert "این اقدام پس از تصویب قانونی در دسامبر امکان پذیر شد" in result.text.splitlines()


def test_a_misordered_line_is_repaired_the_same_after_other_documents(shared: Path) -> None:
    # Scores remembered across calls (word counts, unigrams, pairs) give the same repair.
    config = Config()
    first = reorder_reversed_runs(MISORDERED, config)
    clean = (shared / "corpora" / "debian-handbook-fa" / "text.txt").read_text("utf-8")[:60_000]
    assert reorder_reversed_runs(clean, config) == []
    assert reorder_reversed_runs(MISORDERED, config) == first
    assert first and first[0].after.startswith("نشریه دیپلمات در این باره")


def test_one_paragraph_per_line_documentation_is_not_joined(shared: Path) -> None:
    # Lines ending in a colon (`… انجام دهید:`) introduce the next paragraph: a false join before.
    text = (shared / "corpora" / "vue-docs-fa" / "text.txt").read_text("utf-8")[:300_000]
    assert join_broken_lines(text, Config()) == []


def test_the_reading_order_shortcut_changes_no_result(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # restore_visual_order answers "nothing to do" from a bound on the tokens' positive evidence;
    # without the shortcut, the line-by-line reckoning must choose nothing either.
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    reading = [line for line in lines[:400] if line.strip()]
    visual = [visual_to_logical(line) for line in reading[:40]]
    # Mixed documents: a few visual lines among reading ones, and reading text with words that
    # read better backwards (رد, درک) whose bound is not zero.
    texts = [
        *reading,
        *visual,
        "\n".join([*reading[:6], visual[0], *reading[6:12]]),
        "\n".join([reading[0], visual[1], visual[2]]),
        "درک رد درک رد کاخ ماد",
        "\ufeb3\ufefc\ufee1 \ufea9\ufee7\ufef4\ufe8e و كتاب",
    ]
    config = Config()
    quick = [restore_visual_order(text, config) for text in texts]
    shortcuts = sum(map(visual_module._surely_logical, texts))
    monkeypatch.setattr(visual_module, "_surely_logical", lambda text: False)
    assert [restore_visual_order(text, config) for text in texts] == quick
    assert shortcuts >= len(reading) * 0.9  # reading text mostly takes the shortcut...
    assert sum(1 for changes in quick[len(reading) :] if changes) >= 35  # ...and visual text is still converted


def test_the_reading_order_shortcut_answers_as_every_tokens_own_bound_would(shared: Path) -> None:
    # _surely_logical sums only the bounds of tokens not known to have none; its answer, with the
    # memory empty and again with every token remembered, is the one every token's own bound gives.
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    reading = [line for line in lines[400:1000] if line.strip()]
    texts = [*reading, *(visual_to_logical(line) for line in reading[:60])]
    texts += [line + " رد درک" for line in reading[:60]]  # words read better backwards: bounds not 0
    texts += ["\n".join(reading[k : k + 8]) for k in range(0, 200, 8)]

    def reckoned(text: str) -> bool:
        tokens = text.split()
        bound = sum(map(visual_module._shipped_bound, tokens))
        return bound == 0.0 or bound + len(tokens) ** 2 * 2.0**-48 < 3.0

    expected = [reckoned(text) for text in texts]
    assert 0 < expected.count(False) < len(texts) - 400
    visual_module._forget_bounds()
    assert [visual_module._surely_logical(text) for text in texts] == expected
    assert visual_module._NO_BOUND and len(visual_module._NO_BOUND) < len(visual_module._BOUNDS)
    assert [visual_module._surely_logical(text) for text in texts] == expected


# Word pairs of every kind the class association treats apart: two frequent words with classes of
# their own, one such word, two numbers, words the lexicons know, a form guess, an unknown word.
PAIRS = [
    ("به", "کتابخانه\u200cهای"),
    ("را", "می\u200cنویسیم"),
    ("است", "و"),
    ("باید", "بخواهند"),
    ("۱۳۹۷", "۶"),
    ("سازمان", "ملل"),
    ("قلمبیلگنده", "کتاب"),
    ("کتاب", "بزرگ\u200cترین"),
    ("", "کتاب"),
    ("کتاب", ""),
]


@pytest.mark.parametrize(("prev", "word"), PAIRS)
def test_the_class_association_from_columns_is_the_double_sum(prev: str, word: str) -> None:
    # associate() sums a column remembered per class distribution; the same sum taken afresh over
    # both words' classes must give the very same number.
    classes = word_classes(language_model())
    assert classes is not None
    first, second = classes.own_class(prev), classes.own_class(word)
    both = bool(first and second)
    ratio = classes.upos_ratio if both else classes.ratio
    left = classes.distribution(prev) if both or not first else ((first, 1.0),)
    right = classes.distribution(word) if both or not second else ((second, 1.0),)
    total = 0.0
    for a, weight in left:
        total += weight * sum(share * ratio[a][b] for b, share in right)
    numbers = bool(prev) and prev.isdigit() and word.isdigit()
    expected = 0.0 if not word or numbers or total <= 0 else math.log(total)
    assert classes.associate(classes.profile(prev), classes.profile(word)) == expected
    assert classes.association(prev, word) == expected


@pytest.mark.parametrize(
    "word", ["كتاب", "عمدتاً", "کتـــاب", "«کتابخانه\u200cها،", "\ufedb\ufe98\ufe8e\ufe8f", "می\u200cشود."]
)
def test_a_word_is_looked_up_in_its_lookup_form(word: str) -> None:
    # The joins look a word up once, in the model's lookup form; its count and a compound made of
    # two such forms must be what the model's own lookups give.
    model = language_model()
    assert isinstance(model, LanguageModel)
    token = read_token(model, word)
    assert normalize_word(token.form) == token.form
    assert token.count == model.word_count(scoring_form(word))
    assert token.logprob == model.word_logprob(scoring_form(word))
    compound = token.form + "\u200c" + "ها"
    found = model.ids.get(compound, 0)
    assert (model.counts[found] if found else 0) == model.word_count(compound)


def _wrapped_article() -> list[str]:
    """The sample article's restored text wrapped at 70 columns, as a PDF's text comes."""
    text = (Path(__file__).parent / "data" / "article-expected.txt").read_text("utf-8")
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines += [*textwrap.wrap(paragraph.strip(), 70), ""]
    return lines


def _counting_orders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lines best_order judges from now on (their words, one space apart), in turn."""
    judged: list[str] = []
    original = runs_fix.best_order

    def counting(*args: Any, **kwargs: Any) -> tuple[list[int], float]:
        judged.append(" ".join(args[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(runs_fix, "best_order", counting)
    return judged


def test_a_wrapped_text_without_marks_is_not_judged_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # No line shows an extractor's mark (a double or a trailing space): no run is found misordered,
    # and the unmarked lines, rarely misordered, are not judged one by one.
    judged = _counting_orders(monkeypatch)
    assert reorder_reversed_runs("\n".join(_wrapped_article()), Config()) == []
    assert judged == []


def test_a_misordered_marked_line_has_every_line_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    # One line printed last-first by pdftotext (runs apart by two spaces, a trailing space): it is
    # restored, and then every line of the document is judged, the unmarked ones too.
    lines = _wrapped_article()
    index = next(i for i, line in enumerate(lines) if line.startswith("نشریه دیپلمات در این باره"))
    words = lines[index].split()
    lines[index] = " ".join(words[5:]) + "  " + " ".join(words[:5]) + " "
    judged = _counting_orders(monkeypatch)
    changes = reorder_reversed_runs("\n".join(lines), Config())
    assert len(changes) == 1
    assert changes[0].after == " ".join(words)
    assert set(judged) == {" ".join(line.split()) for line in lines if len(line.split()) >= 5}
    # The marked line meets the same neighbours when all lines are judged afresh: its order is
    # found once.
    assert judged.count(" ".join(lines[index].split())) == 1


def _spaced_texts() -> list[str]:
    """Persian lines joined with every kind of gap and line end an extractor or a typist leaves."""
    words = ["نشریه", "دیپلمات", "در", "این", "باره", "نوشت", "PDF", "۱۴۰۳", "روسیه"]
    gaps = [" ", "  ", "\t", "\u00a0", " \u00a0", "\r", "\u2009"]
    ends = ["\n", "\r\n", " \n", " \r\n", "\n\n", "\n \n", "\r\r\n"]
    texts: list[str] = []
    for i, gap in enumerate(gaps):
        for end in ends:
            first = " ".join(words[:4]) + gap + " ".join(words[4:])
            second = " ".join(words[i % 3 :])
            texts += [first + end + second, second + end + first, second + end + second + end, first]
    return texts


def test_a_text_shows_a_mark_wherever_one_of_its_lines_does() -> None:
    # reorder_reversed_runs gives up at once on a text that shows no mark: that must be every text
    # where no line shows one (a \r before a line break is no part of the line).
    from dorost.fixes.layout._common import split_lines

    texts = _spaced_texts()
    unmarked = [text for text in texts if not marks.MARKED_IN_TEXT.search(text)]
    assert unmarked and len(unmarked) < len(texts)
    for text in texts:
        if any(marks.MARKED.search(line.text) for line in split_lines(text)):
            assert marks.MARKED_IN_TEXT.search(text), repr(text)


def test_lines_keep_their_offsets_and_content() -> None:
    from dorost.fixes.layout._common import split_lines

    for text in _spaced_texts():
        lines = split_lines(text)
        assert "\n".join(line.text for line in lines).replace("\r", "") == text.replace("\r\n", "\n").replace("\r", "")
        for line in lines:
            assert text[line.start : line.end] == line.text
            assert line.content == line.text.strip()
            assert line.blank == (not line.text.strip())


def test_a_text_split_again_gives_its_own_lines_in_a_list_of_its_own() -> None:
    # The layout fixes split the same text one after another: the second split is the first's lines,
    # in a new list (a fix may change its list), and another text, even one of the same length, is split afresh.
    from dorost.fixes.layout._common import split_lines

    text = "این متن\nدر دو سطر"
    first = split_lines(text)
    first.append(first[0])
    again = split_lines(text)
    assert again == split_lines("".join(text)) and len(again) == 2 and again is not first
    other = "این متن\nدر سه سطر"
    assert [line.content for line in split_lines(other)] == ["این متن", "در سه سطر"]
    assert [line.content for line in split_lines(text)] == ["این متن", "در دو سطر"]


@pytest.mark.parametrize("seed", range(20))
def test_the_wrap_width_counted_by_bisection_is_the_width_counted_line_by_line(seed: int) -> None:
    from random import Random

    from dorost.fixes.layout import paragraphs

    rng = Random(seed)
    width = rng.randint(40, 100)
    lengths = [rng.randint(width // 3, width) for _ in range(rng.randint(0, 40))]
    best_width, best_count = 0, 0
    for candidate in sorted(set(lengths)):
        count = sum(1 for length in lengths if paragraphs._WRAP_BAND * candidate <= length <= candidate)
        if count > best_count or (count == best_count and candidate > best_width):
            best_width, best_count = candidate, count
    share = best_count >= paragraphs._MIN_WRAPPED_SHARE * len(lengths)
    enough = best_count >= paragraphs._MIN_WRAPPED and best_width >= paragraphs._MIN_WIDTH and share
    assert paragraphs._crowded_width(lengths) == (best_width if enough else 0)


def test_lines_that_cannot_reach_the_threshold_are_not_read_and_nothing_changes(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the text's bound, restore_visual_order reads only the lines whose own bound may reach
    # the line threshold where the text's cannot reach the document's; reading every line must
    # choose the same lines. Documents of 8 reading lines, some with words that read better
    # backwards (رد, درک), some with one or two visual lines among them.
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    reading = [line for line in lines[:800] if line.strip()]
    texts: list[str] = []
    for k in range(0, 480, 8):
        document = reading[k : k + 8]
        if k % 24 == 8:
            document[3] = visual_to_logical(document[3])
        if k % 24 == 16:
            document[2] += " رد"  # a word that reads better backwards: the text's bound is 3
        if k % 48 == 40:
            document[6] += " درک"
        texts.append("\n".join(document))
    texts.append("درک رد درک رد کاخ ماد\n" + reading[0])
    texts.append("\n".join([reading[0], visual_to_logical(reading[1]), reading[2]]))
    config = Config()
    pruned: list[int] = []
    able = visual_module._able_to_turn

    def counting(lines: list[Any], *bounds: Any) -> list[Any]:
        kept = able(lines, *bounds)
        pruned.append(len(lines) - len(kept))
        return kept

    monkeypatch.setattr(visual_module, "_able_to_turn", counting)
    quick = [restore_visual_order(text, config) for text in texts]
    monkeypatch.setattr(visual_module, "_able_to_turn", lambda lines, *bounds: lines)
    assert [restore_visual_order(text, config) for text in texts] == quick
    assert sum(1 for count in pruned if count) >= 5  # lines were left unread...
    assert sum(1 for changes in quick if changes) >= 15  # ...and visual lines are still converted


def test_marks_only_on_lines_not_judged_leave_the_other_lines_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    # A PDF's text often shows marks only where no run is judged: a blank line holding spaces, a line
    # in Latin with a trailing space. Those lines are read, no other, and nothing changes.
    lines = _wrapped_article()
    lines[1] = "   "
    lines[4] = "Kremlin, Moscow, 2025 "
    read: list[str] = []
    original = runs_fix.read_candidate

    def reading(index: int, line: Any) -> Any:
        read.append(line.text)
        return original(index, line)

    monkeypatch.setattr(runs_fix, "read_candidate", reading)
    assert reorder_reversed_runs("\n".join(lines), Config()) == []
    assert read == ["   ", "Kremlin, Moscow, 2025 "]
    # One line printed last-first among them: every line is read and that line is restored.
    index = next(i for i, line in enumerate(lines) if line.startswith("نشریه دیپلمات در این باره"))
    words = lines[index].split()
    lines[index] = " ".join(words[5:]) + "  " + " ".join(words[:5]) + " "
    read.clear()
    changes = reorder_reversed_runs("\n".join(lines), Config())
    assert [change.after for change in changes] == [" ".join(words)]
    assert sorted(read) == sorted(lines)


def test_a_drawn_sentence_end_is_found_in_joined_tokens_wherever_one_token_shows_it() -> None:
    # Token bounds are worked out together unless some token opens with a sentence's final mark
    # (its bound counts the mark): one search over the tokens joined by line breaks must find
    # exactly the lists where _DRAWN_END matches a token.
    import random

    rng = random.Random(11)
    pieces = [".", "!", "؟", "?", "«", ")", "(", '"', "a", "5", "کتاب", "ی", "..."]
    found = 0
    for _ in range(20_000):
        tokens = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        expected = any(visual_module._DRAWN_END.match(token) for token in tokens)
        assert visual_module._drawn_end_opens_a_token("\n".join(tokens)) == expected, tokens
        found += expected
    assert 2_000 < found < 18_000


def test_lines_able_to_turn_are_the_same_with_their_tokens_forgotten() -> None:
    # _able_to_turn reads each token's remembered bound; where the memory was cleared meanwhile,
    # it works the bounds out afresh and must keep the same lines.
    reading = "این کتاب بسیار خوب است و همه آن را خوانده اند"
    texts = [
        "\n".join([reading, visual_to_logical(reading), reading + " رد", "درک رد درک رد"]),
        "\n".join([reading + " رد", reading, reading]),
    ]
    for text in texts:
        assert not visual_module._surely_logical(text)
        lines = [line for line in visual_module.split_lines(text) if line.content]
        kept = visual_module._able_to_turn(lines, *visual_module._line_bounds(lines))
        visual_module._BOUNDS.clear()
        assert visual_module._able_to_turn(lines, *visual_module._line_bounds(lines)) == kept
    assert 0 < len(visual_module._able_to_turn(lines, *visual_module._line_bounds(lines))) < len(lines)


def test_the_token_memory_empties_at_its_bound_and_judges_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past its bound the memory of token bounds is emptied when a text brings tokens not seen
    # before, and then holds that text's tokens only; a text of known tokens leaves it as it is.
    monkeypatch.setattr(visual_module, "_BOUNDS_KEPT", 5)
    visual_module._forget_bounds()
    reading = "این کتاب بسیار خوب است و همه آن را خوانده اند"
    drawn = visual_to_logical("کتاب های او در سال گذشته بسیار خوانده شد")
    assert visual_module._surely_logical(reading)
    assert set(visual_module._BOUNDS) == set(reading.split())
    assert not visual_module._surely_logical(drawn)
    assert set(visual_module._BOUNDS) == set(drawn.split())
    assert not visual_module._surely_logical(drawn)
    assert set(visual_module._BOUNDS) == set(drawn.split())
    assert visual_module._surely_logical(reading)
    assert set(visual_module._BOUNDS) == set(reading.split())
    # The tokens known to have no bound are remembered tokens with a bound of 0, forgotten with them.
    assert {token for token in reading.split() if visual_module._BOUNDS[token] == 0} == visual_module._NO_BOUND
    visual_module._forget_bounds()
