"""The shipped language model loads quickly and gives sane numbers on real Persian words."""

from __future__ import annotations

import math
import random
import subprocess
import sys
import time

import pytest

from dorost.language import load_model_file, model
from dorost.language.model import DATA_FILE, LanguageModel, read_file

ZWNJ = "\u200c"


def test_model_loads_and_is_cached() -> None:
    started = time.perf_counter()
    fresh = load_model_file()
    assert time.perf_counter() - started < 5  # generous: the point is "no build at run time"
    assert fresh.size > 50_000
    assert model() is model()


# A fresh program prefetches the model in a thread, waits for it as a program about to fork does,
# and checks that the model it then loads is the file's, read with no thread left running.
_PREFETCHED = """
import sys
import threading

from dorost.language import model
from dorost.language.model import DATA_FILE, LanguageModel, finish_prefetch, prefetch, read_file

prefetch()
finish_prefetch()
assert threading.active_count() == 1
waiting = sys.modules["dorost.language.model"]._prefetched
assert len(waiting) == 1  # read and inflated, not yet decoded
loaded, fresh = model(), LanguageModel(read_file(None, DATA_FILE))
assert not waiting  # the model was made of it
assert loaded.words == fresh.words and loaded.ids == fresh.ids
for name in ("counts", "text_counts", "context_totals", "followers", "bigram_keys", "bigram_counts",
             "sentence_starts", "sentence_ends", "after_latin", "before_latin"):
    assert getattr(loaded, name) == getattr(fresh, name), name
prefetch()  # the model is loaded: nothing is read again
assert threading.active_count() == 1 and not waiting
print("same")
"""

# A program that prefetched the model and then needs none of it lets it go.
_DROPPED = """
import sys

from dorost.language.model import drop_prefetch, prefetch

prefetch()
drop_prefetch()
print(len(sys.modules["dorost.language.model"]._prefetched))
"""


def test_a_prefetched_model_is_the_files() -> None:
    answer = subprocess.run([sys.executable, "-c", _PREFETCHED], capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split() == ["same"]
    dropped = subprocess.run([sys.executable, "-c", _DROPPED], capture_output=True, text=True, timeout=120)
    assert dropped.returncode == 0, dropped.stderr
    assert dropped.stdout.split() == ["0"]


def test_a_damaged_model_file_is_refused() -> None:
    data = read_file(None, DATA_FILE)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 1
    with pytest.raises(ValueError, match="damaged"):
        LanguageModel(bytes(flipped))
    with pytest.raises(ValueError, match="not a dorost language model"):
        LanguageModel(data[:8] + bytes([9]) + data[9:])


def test_counts_follow_the_shipped_spelling() -> None:
    m = model()
    # The ZWNJ spelling of the verbal prefix dominates clean text; the joined one is rare.
    assert m.word_count("می" + ZWNJ + "شود") > 20 * m.word_count("میشود")
    assert m.word_count("گروه" + ZWNJ + "های") > m.word_count("گروههای")
    # Arabic yeh and kaf are looked up as Persian ی and ک.
    assert m.word_count("كتاب") == m.word_count("کتاب") > 0
    assert m.is_word("بین" + ZWNJ + "المللی")
    assert not m.is_word("کتابسیبلوف")
    assert m.word_count("کتابسیبلوف") == 0


def test_probabilities_are_normalised_and_ordered() -> None:
    m = model()
    assert m.word_logprob("و") > m.word_logprob("کتاب") > m.word_logprob("کتابسیبلوف")
    assert all(value < 0 for value in (m.word_logprob("و"), m.bigram_logprob("به", "عنوان")))
    # Context helps: "عنوان" after "به" is far likelier than on its own.
    assert m.bigram_logprob("به", "عنوان") > m.word_logprob("عنوان") + math.log(10)
    assert m.bigram_logprob("xyz", "عنوان") == m.word_logprob("عنوان")
    words = ["این", "کتاب", "را", "خواندم"]
    assert m.sequence_logprob(words) > m.sequence_logprob(list(reversed(words)))
    assert m.sequence_logprob([]) == 0.0


def test_bigram_distribution_sums_to_at_most_one() -> None:
    m = model()
    prev = "سازمان"
    total = sum(math.exp(m.bigram_logprob(prev, word)) for word in m.words[1:])
    assert 0.9 < total <= 1.0001


def test_verb_stems_and_adverbs_after_ba_are_shipped() -> None:
    header = model().header
    past, present = header["past_stems"], header["present_stems"]
    assert isinstance(past, list) and isinstance(present, list)
    assert "شناخت" in past and "شناس" in present and "کرد" in past and "کن" in present
    # Only adjectives that running text joins to به: nouns (علت, طور, عنوان) stay apart.
    after_ba = header["after_ba"]
    assert isinstance(after_ba, list) and "ویژه" in after_ba
    assert not {"علت", "طور", "عنوان", "صورت"} & set(after_ba)


def test_index_accepts_unnormalised_words() -> None:
    m = model()
    assert m.index("کتاب") == m.index("كتاب") > 0
    assert m.index("") == 0 and m.index("کتابسیبلوف") == 0


def test_sentence_starts_are_not_clause_breaks() -> None:
    m = model()
    # The clause break follows any non-Persian token (`state را`), so را is likelier there than
    # overall; a sentence (after . ! ? ؟ or at a paragraph's start) hardly ever begins with it.
    assert m.bigram_logprob("", "را") > m.word_logprob("را")
    assert m.sentence_start_logprob("را") < m.word_logprob("را") - 1
    assert m.sentence_start_logprob("است") < m.word_logprob("است") - 1
    # Words that open sentences: demonstratives, prepositions, conjunctions.
    for word in ("این", "در", "برای", "اما"):
        assert m.sentence_start_logprob(word) > m.word_logprob(word) + 1
    assert m.sentence_start_logprob("این") > m.sentence_start_logprob("را") + math.log(10)
    # Unseen words back off to the unigram.
    assert m.sentence_start_logprob("کتابسیبلوف") < m.sentence_start_logprob("کتاب")


def test_sentence_start_distribution_sums_to_at_most_one() -> None:
    m = model()
    total = sum(math.exp(m.sentence_start_logprob(word)) for word in m.words[1:])
    # Some sentences start with Latin or digits: the Persian words share less than one.
    assert 0.8 < total <= 1.0001


def test_sentences_end_with_verbs() -> None:
    m = model()
    verbs = ("است", "بود", "شد", "کرد", "می" + ZWNJ + "شود", "دارد")
    others = ("را", "به", "از", "که", "این", "و")
    assert min(m.sentence_end_logprob(w) for w in verbs) > max(m.sentence_end_logprob(w) for w in others) + 2
    assert all(m.sentence_end_logprob(w) < 0 for w in verbs)
    assert m.header["sentences"] > m.header["sentence_ends"] > 0  # type: ignore[operator]


def test_build_counts_sentence_edges_only_at_sentence_marks() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from build_model import clause_edges

    line = "«این کتاب را خواندم». سپس، در نسخه 1.2 آن state را دیدم؟ بله"
    edges = [(" ".join(run), starts, ends) for run, starts, ends in clause_edges(line)]
    assert edges == [
        ("این کتاب را خواندم", True, True),  # paragraph start after «, end before ».
        ("سپس", True, False),  # after a full stop; a comma follows
        ("در نسخه", False, False),  # after a comma: a clause, not a sentence; 1.2 is no full stop
        ("آن", False, False),
        ("را دیدم", False, True),  # after a Latin word: no sentence start
        ("بله", True, False),  # after ؟ and a space; no mark at the end
    ]


def test_words_beside_latin_words() -> None:
    m = model()
    # Persian text names things in Latin (`مانند HTTP`, `ref را`): the object marker and
    # postpositions follow a Latin word, prepositions and "such as" precede one.
    assert m.after_latin_logprob("را") > m.word_logprob("را") + 1
    assert m.after_latin_logprob("را") > m.after_latin_logprob("کتاب") + math.log(100)
    assert m.before_latin_logprob("مانند") > m.before_latin_logprob("را") + math.log(10)
    assert m.before_latin_logprob("مانند") > m.before_latin_logprob("است") + math.log(10)
    # Few sentences start with a Latin word, but far more than with any one unknown word.
    assert m.unknown_logprob < m.latin_start_logprob() < math.log(0.2)


def test_word_classes_load_with_the_model_and_follow_persian_grammar() -> None:
    from dorost.language.classes import classes, form_classes, load

    started = time.process_time()
    fresh = load()
    assert time.process_time() - started < 5  # measured 0.25 s with the model
    assert fresh.codes.itemsize == 2 and len(fresh.codes) == model().size
    c = classes()
    # The treebanks' parts of speech: کتاب a noun, نوشت a verb; the frequent words are classes of their own.
    assert dict(c.distribution("کتاب")).get(c.index["NOUN"], 0) > 0.5
    assert dict(c.distribution("نوشت")).get(c.index["VERB"], 0) > 0.5
    assert c.own_class("را") and c.own_class("به") and not c.own_class("کتاب")
    # Words no list holds get their classes from their form.
    assert form_classes("نمی" + ZWNJ + "نگارانیم") == {"VERB": 0.9, "NOUN": 0.1}
    assert max(form_classes("گلدان" + ZWNJ + "هایمان").items(), key=lambda item: item[1])[0] == "NOUN"
    assert form_classes("گلدان") == {}
    # A preposition takes a noun, not a verb; a verb is followed by و rather than by a noun.
    noun, verb = "گلدان" + ZWNJ + "هایمان", "می" + ZWNJ + "نگارانیم"
    assert c.association("به", noun) > 0 > c.association("به", verb)
    assert c.association("نوشتیم", "و") > c.association("نوشتیم", "کتاب")
    assert c.association("را", verb) > c.association("را", noun)
    assert c.association("", "") == 0.0


def test_word_order_backoff_knows_pairs_the_human_text_never_saw() -> None:
    # `فهرست مجاز` (an allowlist) is frequent in the machine-translated documentation but occurs in
    # neither order in the human text: the back-off text tells its order, the unigram could not.
    from dorost.language.classes import classes

    m, c = model(), classes()
    assert m.bigram_count("فهرست", "مجاز") == 0 == m.bigram_count("مجاز", "فهرست")
    allowed, listed = math.exp(m.word_logprob("مجاز")), math.exp(m.word_logprob("فهرست"))
    assert c.pair_probability("فهرست", "مجاز", allowed) > 10 * allowed
    assert c.pair_probability("مجاز", "فهرست", listed) < listed
    # A first word the back-off text never has before another word leaves the prior as it is.
    assert c.pair_probability("گلدان" + ZWNJ + "هایمان", "مجاز", allowed) == allowed
    assert c.pair_probability("", "مجاز", allowed) == allowed
    # Nor does a word the model does not know (the back-off text has no more of it).
    unknown = math.exp(m.unknown_logprob)
    assert c.pair_probability("فهرست", "گلدان" + ZWNJ + "هایمان", unknown) == unknown


def test_two_numbers_in_digits_are_no_number_phrase() -> None:
    # The treebanks' pairs of numbers are a number and a number word (`۳۰ هزار`, `سه هزار`); two
    # numbers in digits side by side are two numbers (`از پاییز ۱۳۹۷ … ۶ اسفند`), and their classes
    # say nothing of their order.
    from dorost.language.classes import classes

    c = classes()
    assert c.association("۳۰", "هزار") > 1.0
    assert c.association("سه", "هزار") > 1.0
    assert c.association("۱۳۹۷", "۶") == 0.0 == c.association("۱۵", "۲-۳")
    # A number after a preposition keeps its classes' reading.
    assert c.association("از", "۶") > 0.0


def test_lookup_form_drops_marks_and_unifies_letters_only() -> None:
    from dorost.language import normalize_word

    # Tanwin, kashida, harakat and Arabic ي ى ك go; ZWNJ, hamza and every other letter stay.
    assert normalize_word("عمدتاً") == "عمدتا"
    assert normalize_word("کـتـاب") == "کتاب"
    assert normalize_word("كِتابِ") == "کتاب"
    assert normalize_word("موسى") == "موسی"
    assert normalize_word("علي") == "علی"
    assert normalize_word("می" + ZWNJ + "شود") == "می" + ZWNJ + "شود"
    assert normalize_word("مسئله\u0654") == "مسئله\u0654"
    assert normalize_word("Café 12") == "Café 12"


def test_every_pair_is_found_within_its_first_words_pairs() -> None:
    m = model()
    keys, counts, size = m.bigram_keys, m.bigram_counts, m.size
    # Each first word's pairs are looked for among its own (see LanguageModel.pair_count): every
    # stored pair must be found there with its count, and a pair never stored must not.
    assert all(m.pair_count(key // size, key % size) == count for key, count in zip(keys, counts, strict=True))
    first, second = m.index("به"), m.index("عنوان")
    assert m.pair_count(first, second) == m.bigram_count("به", "عنوان") > 100
    assert m.pair_count(second, first) == m.bigram_count("عنوان", "به")
    # Next to a stored pair (the edges of each first word's pairs among them), or anywhere.
    stored = set(keys)
    rng = random.Random(6)
    tried = [key + step for key in keys for step in (-1, 1)] + [rng.randrange(size * size) for _ in range(20_000)]
    assert all(m.pair_count(key // size, key % size) == 0 for key in tried if key not in stored)
    assert m.pair_count(-1, second) == 0
