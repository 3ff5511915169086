"""Build dorost's Persian language model from the shippable corpora in ../shared/corpora.

    python scripts/build_model.py [--corpora ../shared/corpora] [--out src/dorost/data/lm.bin]

Re-runnable and deterministic; takes well under a minute on one core. Only folders marked shippable
in ``corpora/README.md`` are read (their notices are reproduced in ``src/dorost/data/NOTICE.md``).
The last tenth of the lines of every running-text corpus is held out of the build for evaluation
(``benchmarks/spacing.py`` reads the same slices through :func:`held_out`).

Sources and their roles:

- human running text (documentation translations, UD treebanks, PerSpellData sentences): word and
  bigram counts, the evidence for every spelling decision, and sentence edges: how often a word
  starts a sentence (at a paragraph's start or after . ! ? ؟) and how often such a mark follows it,
  and how often a Latin word stands just before or just after it;
- machine-translated text: adds words (seen twice or more) but no counts: it writes ZWNJ far more
  than people do (``به\u200cطور``) and would otherwise dictate contested spellings;
- verb stems (hazm's verbs.dat, shekar's verbs.csv): past and present stems, for the verbal prefix
  ``می``/``نمی`` and for compound verbs, which are written apart (``به رسمیت شناختن``);
- bound tails (``سازی``, ``آمیز``, ``پذیر``): second parts that the human text joins with ZWNJ to many
  words and hardly ever writes alone, so that an unattested compound (``ایمن سازی``) is joined too; and
  second parts that the trusted word lists set off after many words (``شناسی``, ``گرایی``, ``نگاری``),
  which explain a word whose letters run together (``دیرینهشناس``) and, where every source of running text
  sets them off too, join two words;
- lexicons (Lilak, shekar's compound list, hazm's word list, wordfreq): existence of words unseen in
  the text (count 1). Lists with mixed spellings are filtered: a joined spelling such as ``میشود`` or
  ``گروهها`` is dropped when a ZWNJ spelling of the same letters is attested by a trusted source.
- word order (``classes.bin``): the word pairs of the machine-translated text (every line) and of
  FarsTail's sentences, whose spacing is damaged (so it gives no spelling evidence) but whose words
  stand in human order: the back-off of a pair the human text never saw, for reordering runs only;
- word triples and the words beside numbers (``trigrams.bin``): the human text and FarsTail's sentences;
  the words that start a sentence in FarsTail's sentences and the machine translations (the back-off
  of the human text's sentence starts); and the first pairs of the sentences of all three (not of
  PerSpellData's fragments), for reordering runs only;
- the spacing fix's spelling tables (``spellings.bin``): derived from ``lm.bin`` alone by the fix's own
  code (``Lexicon.derive``), so that a process reads them instead of deriving them at start-up.
  ``--spellings-only`` derives them again from the ``lm.bin`` at ``--out`` without reading the corpora;
- the spacing fix's ready-built answers (``verdicts.bin``): the fix restores the built part of the human running
  text once and the answers it asked for most ship, so that a process starts with them; stamped with the model's
  and the code's fingerprints, they are ignored once either changes (``tests/test_verdicts.py`` says so):
  ``--verdicts-only`` gathers them again with the ``lm.bin`` at ``--out`` (about half a minute).

Nothing development-only is read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dorost.chars import ALL_DIGITS, ARABIC_LETTER_CLASS, NON_JOINING, ZWNJ  # noqa: E402
from dorost.fixes.spacing.lexicon import Lexicon  # noqa: E402
from dorost.fixes.spacing.remembered import DATA_FILE as VERDICTS_FILE  # noqa: E402
from dorost.fixes.spacing.remembered import MEMORIES as VERDICT_MEMORIES  # noqa: E402
from dorost.fixes.spacing.remembered import encode as encode_verdicts  # noqa: E402
from dorost.fixes.spacing.remembered import fingerprint as verdicts_fingerprint  # noqa: E402
from dorost.language.classes import (  # noqa: E402
    BREAK,
    form_classes,
    with_ratios,
)
from dorost.language.classes import DATA_FILE as CLASSES_FILE  # noqa: E402
from dorost.language.classes import UPOS as CLASS_NAMES  # noqa: E402
from dorost.language.classes import VERSION as CLASSES_VERSION  # noqa: E402
from dorost.language.classes import pack as pack_classes  # noqa: E402
from dorost.language.model import MAGIC, VERSION, LanguageModel, normalize_word  # noqa: E402
from dorost.language.spellings import DATA_FILE as SPELLINGS_FILE  # noqa: E402
from dorost.language.spellings import encode as encode_spellings  # noqa: E402
from dorost.language.trigrams import DATA_FILE as TRIGRAMS_FILE  # noqa: E402
from dorost.language.trigrams import MAGIC as TRIGRAMS_MAGIC  # noqa: E402
from dorost.language.trigrams import START as TRIGRAMS_START  # noqa: E402
from dorost.language.trigrams import VERSION as TRIGRAMS_VERSION  # noqa: E402
from dorost.memory import Memory  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_OUT = ROOT / "src" / "dorost" / "data" / "lm.bin"

# (folder, file, sample every n-th line) — human running text, all shippable.
HUMAN_TEXT: tuple[tuple[str, str, int], ...] = (
    ("cncf-glossary-fa", "text.txt", 1),
    ("debian-handbook-fa", "text.txt", 1),
    ("gin-docs-fa", "text.txt", 1),
    ("hf-course-fa", "text.txt", 1),
    ("http-explained-fa", "text.txt", 1),
    ("opensource-guide-fa", "text.txt", 1),
    ("pep8-fa", "text.txt", 1),
    ("perspelldata", "perspelldata_correct_sentences.txt", 1),
    ("react-docs-fa", "text.txt", 1),
    ("ud-persian-perdt", "fa_perdt-ud-dev.sentences.txt", 1),
    ("ud-persian-seraji", "fa_seraji-ud-dev.sentences.txt", 1),
    ("vite-docs-fa", "text.txt", 1),
    ("vitepress-docs-fa", "text.txt", 1),
    ("vue-docs-fa", "text.txt", 1),
)
MACHINE_TEXT: tuple[tuple[str, str, int], ...] = (
    ("ms-beginners-fa-mt", "text.txt", 1),
    ("openlogic-fa-mt", "text.txt", 1),
    ("openclaw-docs-fa-mt", "text.txt", 6),
)
# Word order only: pairs counted in these texts (every line of their built part) are the back-off of
# a pair the human text never saw (see dorost.language.classes). Machine translation and FarsTail's
# unreliable spacing say nothing about spelling, but their words stand in Persian order.
BACKOFF_TEXT: tuple[tuple[str, str], ...] = (
    *((folder, name) for folder, name, _step in MACHINE_TEXT),
    ("farstail", "farstail_unique_sentences.txt"),
)
HELD_OUT_SHARE = 0.1

_PART = f"[{ARABIC_LETTER_CLASS}\u064b-\u0655\u0670\u0640]+"
_TOKEN = re.compile(f"{_PART}(?:{ZWNJ}{_PART})*")
_VOID_ZWNJ = re.compile(f"(?<=[{NON_JOINING}]){ZWNJ}")
_GAP = re.compile(r"[ \t]*")
# Sentence edges: a corpus line is a paragraph; a sentence ends at . ! ? ؟ followed by a space or
# the line's end (closing quotes and brackets between allowed: `است».`), so `node.js` and `1.2` do
# not end one. What may stand before a sentence's first word (opening quotes and brackets) and
# after its last word before the mark (closing ones).
_OPENERS = "\\s«\"“‘'(\\["
_CLOSING = "»)\\]\"'”’"
_STARTS_PARAGRAPH = re.compile(f"[{_OPENERS}]*")
_STARTS_SENTENCE = re.compile(f".*[.!?؟][{_CLOSING}]*\\s[{_OPENERS}]*", re.DOTALL)
# A Latin word beside Persian ones (`ref`, `watch()`, `HTTP`): what comes before a Persian word
# ends in a letter or digit (after a closing bracket the Persian word starts a clause); what
# comes after one may open with a bracket or quote.
_LATIN_WORD = re.compile(r"[^\s\u0600-\u06ff]*[A-Za-z][^\s\u0600-\u06ff]*(?<=[A-Za-z0-9])")
_LATIN_START = re.compile(r"[^\sA-Za-z\u0600-\u06ff]?[A-Za-z][^\s\u0600-\u06ff]*$")
_SENTENCE_MARKS = re.compile(f"[.!?؟]+[{_CLOSING}]*\\s+(?=\\S)")
_ENDS_SENTENCE = re.compile(f"[{_CLOSING}\\s]*[.!?؟]+(?:[{_CLOSING}]*)(?:\\s|$)")

# Bound morphemes written with ZWNJ (Academy of Persian Language and Literature, دستور خط فارسی).
PREFIXES = ("نمی", "می")
SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها",
    "ترین", "تر", "اند", "ایم", "اید", "ام", "اش", "ات",
)  # fmt: skip


def split_lines(path: Path) -> tuple[list[str], list[str]]:
    """The built part and the held-out last tenth of a corpus file's non-empty lines."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cut = len(lines) - max(1, int(len(lines) * HELD_OUT_SHARE))
    return lines[:cut], lines[cut:]


def held_out(corpora: Path = DEFAULT_CORPORA) -> dict[str, list[str]]:
    """The held-out lines of every running-text corpus, by folder name."""
    return {
        folder: split_lines(corpora / folder / name)[1]
        for folder, name, _step in HUMAN_TEXT + MACHINE_TEXT
        if (corpora / folder / name).exists()
    }


def clean_token(token: str) -> str:
    return _VOID_ZWNJ.sub("", normalize_word(token))


def clauses(line: str) -> Iterator[list[str]]:
    """Runs of Persian words separated only by spaces; anything else (punctuation, Latin) breaks a run."""
    for run, _starts, _ends in clause_edges(line):
        yield run


def clause_edges(line: str) -> Iterator[tuple[list[str], bool, bool]]:
    """:func:`clauses`, each with whether it starts a sentence and whether a sentence-final mark ends it.

    A run starts a sentence at the line's start (a paragraph's) or after . ! ? ؟ and a space, with
    only opening quotes or brackets before its first word; it ends one when its last word is followed
    by such a mark (closing quotes or brackets between allowed). A run after a comma, a colon or a
    Latin word is a clause, not a sentence: ``state را`` is no sentence starting with را.
    """
    for run, starts, ends, _after, _before in clause_neighbours(line):
        yield run, starts, ends


def clause_neighbours(line: str) -> Iterator[tuple[list[str], bool, bool, bool, bool]]:
    """:func:`clause_edges`, each also with whether a Latin word stands just before its first word
    and whether one stands just after its last word, a space apart (``ref را``, ``مانند HTTP``)."""
    run: list[str] = []
    starts = after_latin = False
    last_end = 0
    for match in _TOKEN.finditer(line):
        gap = line[last_end : match.start()]
        if not run or not gap or _GAP.fullmatch(gap) is None:
            if run:
                yield run, starts, _ENDS_SENTENCE.match(gap) is not None, after_latin, _latin_first(gap)
                run = []
            starts = (_STARTS_SENTENCE if last_end else _STARTS_PARAGRAPH).fullmatch(gap) is not None
            after_latin = _latin_last(gap)
        run.append(clean_token(match.group()))
        last_end = match.end()
    if run:
        rest = line[last_end:]
        yield run, starts, _ENDS_SENTENCE.match(rest) is not None, after_latin, _latin_first(rest)


def _latin_last(gap: str) -> bool:
    """True when the gap ends with a Latin word (ending in a letter or digit) and a space."""
    chunks = gap.split()
    return bool(chunks) and gap[-1:].isspace() and _LATIN_WORD.fullmatch(chunks[-1]) is not None


def _latin_first(gap: str) -> bool:
    """True when the gap starts with a space and a Latin word."""
    chunks = gap.split()
    return bool(chunks) and gap[:1].isspace() and _LATIN_START.match(chunks[0]) is not None


def count_text(
    lines: Iterable[str],
    unigrams: Counter[str],
    bigrams: Counter[tuple[str, str]],
    merge: dict[tuple[str, str], str] | None = None,
    edges: SentenceEdges | None = None,
) -> int:
    """Count words and word pairs; ``merge`` rewrites spaced pairs to their majority ZWNJ spelling.

    With ``edges``, also the words that start a sentence and those a sentence-final mark follows.
    """
    tokens = 0
    for line in lines:
        if edges is not None:
            edges.sentences += 1 + len(_SENTENCE_MARKS.findall(line))
        for run, starts, ends, after_latin, before_latin in clause_neighbours(line):
            if merge:
                run = merged(run, merge)
            previous = ""
            for word in run:
                unigrams[word] += 1
                bigrams[previous, word] += 1
                previous = word
            tokens += len(run)
            if edges is not None:
                if starts:
                    edges.starts[run[0]] += 1
                if ends:
                    edges.ends[run[-1]] += 1
                if after_latin:
                    edges.after_latin[run[0]] += 1
                if before_latin:
                    edges.before_latin[run[-1]] += 1
    return tokens


class SentenceEdges:
    """Counts of sentence starts (every sentence, whatever its first word) and of the Persian words
    that start one, and of the words a sentence-final mark follows; and of the words just after and
    just before a Latin word."""

    def __init__(self) -> None:
        self.sentences = 0
        self.starts: Counter[str] = Counter()
        self.ends: Counter[str] = Counter()
        self.after_latin: Counter[str] = Counter()
        self.before_latin: Counter[str] = Counter()


def merged(run: list[str], merge: dict[tuple[str, str], str]) -> list[str]:
    out: list[str] = []
    for word in run:
        if out and (out[-1], word) in merge:
            out[-1] = merge[out[-1], word]
        else:
            out.append(word)
    return out


def spaced_variants(
    unigrams: Counter[str], bigrams: Counter[tuple[str, str]], normative: set[str]
) -> dict[tuple[str, str], str]:
    """Spaced pairs the same text more often writes as one ZWNJ word (``بین المللی`` → ``بین\u200cالمللی``).

    Even clean text keeps a few spaced compounds; counting them as two words would teach the model
    that the damage is normal. A pair is rewritten when its ZWNJ spelling is attested at least twice
    and at least as often as the spaced one, if its second part hardly occurs elsewhere (``المللی``);
    half as often if Lilak lists the compound (``رئیس\u200cجمهور``); when both parts are free words and
    Lilak is silent (``به صورت``) three times as often, since either spelling is acceptable there.
    """
    merge: dict[tuple[str, str], str] = {}
    for word, count in unigrams.items():
        if ZWNJ not in word or count < 2:
            continue
        parts = word.split(ZWNJ)
        if len(parts) != 2:
            continue
        pair = (parts[0], parts[1])
        spaced = bigrams.get(pair, 0)
        if not spaced:
            continue
        bound = unigrams[parts[1]] <= 1.5 * spaced or parts[0] in PREFIXES or parts[1] in SUFFIXES
        if count >= (0.5 if word in normative else 1 if bound else 3) * spaced:
            merge[pair] = word
    return merge


def read_lexicons(corpora: Path) -> tuple[set[str], set[str], set[str]]:
    """Trusted spellings (Lilak, shekar compounds), noisy ones (hazm, wordfreq), and Lilak alone.

    Lilak is the normative list: the most consistent ZWNJ lexicon of the lot.
    """
    trusted: set[str] = set()
    for line in (corpora / "lilak-lexicon" / "lexicon.csv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trusted.add(line.split(",", 1)[0])
    trusted.update((corpora / "lilak-lexicon" / "dic_users.txt").read_text(encoding="utf-8").splitlines())
    normative = set(trusted)
    trusted.update((corpora / "shekar-data" / "compound_words.csv").read_text(encoding="utf-8").splitlines())
    noisy: set[str] = set()
    for line in (corpora / "hazm-data" / "words.dat").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) > 0:
            noisy.add(parts[0])
    for line in (corpora / "wordfreq-fa" / "wordfreq_fa_small.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            noisy.add(line.split("\t", 1)[0])

    def words(entries: set[str]) -> set[str]:
        cleaned = {clean_token(entry.strip()) for entry in entries}
        return {w for w in cleaned if _TOKEN.fullmatch(w) and (len(w) > 1 or w == "و")}

    return words(trusted), words(noisy), words(normative)


def split_affix(word: str, known: set[str]) -> bool:
    """True when a joined word is a known stem plus a ZWNJ prefix or suffix (``میشود``, ``گروهها``)."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in known:
            return True
    for suffix in SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) > 1 and stem in known and stem[-1] not in NON_JOINING:
            return True
    return False


def read_verb_stems(corpora: Path) -> tuple[list[str], list[str]]:
    """Past and present verb stems (شناخت, شناس) from hazm's verbs.dat and shekar's verbs.csv (MIT)."""
    past: set[str] = set()
    present: set[str] = set()
    for line in (corpora / "hazm-data" / "verbs.dat").read_text(encoding="utf-8").splitlines():
        if "#" in line:
            first, second = line.split("#", 1)
            past.add(first.strip())
            present.add(second.strip())
    for line in (corpora / "shekar-data" / "verbs.csv").read_text(encoding="utf-8").splitlines():
        fields = line.split(",")
        if len(fields) >= 2:
            present.add(fields[0].strip())
            past.add(fields[1].strip())

    def stems(entries: set[str]) -> list[str]:
        return sorted(w for w in (clean_token(e) for e in entries) if _TOKEN.fullmatch(w))

    return stems(past), stems(present)


def adverbs_after_ba(corpora: Path, unigrams: Counter[str], bigrams: Counter[tuple[str, str]]) -> list[str]:
    """Words that running text joins to ``به`` with ZWNJ as a lexicalised adverb (``به\u200cویژه``).

    The preposition به is written apart (Academy orthography); the fix joins it across a space only
    to these: the ZWNJ spelling at least 4 times as common as the spaced one in the human text (before
    any merging), seen 10 times, and the second part an adjective or adverb in Lilak (``به علت``, ``به طور``,
    ``به عنوان`` are prepositional phrases of a noun and stay apart; ``ویژه`` is an adjective; words
    Lilak lacks are left out too: ``به جایی`` is a phrase).
    """
    others: set[str] = set()
    for line in (corpora / "lilak-lexicon" / "lexicon.csv").read_text(encoding="utf-8").splitlines():
        fields = line.split(",")
        if len(fields) >= 2 and not line.startswith("#") and fields[1].startswith(("adjective", "adverb")):
            others.add(clean_token(fields[0]))
    found = []
    for word, count in unigrams.items():
        if not word.startswith("به" + ZWNJ) or word.count(ZWNJ) != 1 or count < 10:
            continue
        rest = word.split(ZWNJ)[1]
        if count >= 4 * bigrams.get(("به", rest), 0) and rest in others:
            found.append(rest)
    return sorted(found)


def bound_tails(
    unigrams: Counter[str], past: list[str], present: list[str], alone_share: float = 3, joined_share: float = 0
) -> list[str]:
    """Second parts that running text writes joined to many words and hardly ever alone (``سازی``, ``آمیز``).

    Nouns and adjectives made with a present stem (``ساز``, ``پذیر``), a stem + ``ی`` or ``نده`` (``گیری``,
    ``کننده``) or a derivational suffix (``مند``, ``گرا``) are written joined to their first part, with
    ZWNJ after a joining letter (Academy orthography: «پیاده\u200cسازی», «امکان\u200cپذیر»). A tail qualifies
    when at least 4 different first parts take it (not counting the prefixes می/نمی or the preposition
    به), the ZWNJ compounds are at least ``alone_share`` times as common as the tail alone, it has three
    letters or more, it is not an inflected verb (``برمی\u200cآید``: a verb's prefix, not a compound), and
    words take it with ZWNJ ``joined_share`` times as often as they join it directly after a joining
    letter (``نگهداری``).
    """
    from dorost.fixes.spacing.words import SUFFIXES as FIX_SUFFIXES
    from dorost.fixes.spacing.words import verb_form_on_stems as _verb_form

    compounds: Counter[str] = Counter()
    heads: dict[str, set[str]] = {}
    for word, count in unigrams.items():
        if ZWNJ not in word:
            continue
        head, tail = word.rsplit(ZWNJ, 1)
        if head.split(ZWNJ)[-1] in (*PREFIXES, "به", "بر", "در"):
            continue
        compounds[tail] += count
        heads.setdefault(tail, set()).add(head)
    # Words that running text writes with the tail joined after a joining letter (نگهداری, راهداری):
    # a tail that makes as many such words as ZWNJ compounds is not a ZWNJ tail.
    joined: Counter[str] = Counter()
    for word, count in unigrams.items():
        if ZWNJ in word:
            continue
        for tail in heads:
            head = word[: -len(tail)]
            if len(head) > 1 and word.endswith(tail) and head[-1] not in NON_JOINING and head in unigrams:
                joined[tail] += count
    past_set, present_set = frozenset(past), frozenset(present)
    return sorted(
        tail
        for tail, count in compounds.items()
        if len(heads[tail]) >= 4
        and count >= alone_share * unigrams.get(tail, 0)
        and count >= joined_share * joined[tail]
        and len(tail) >= 3
        and tail not in FIX_SUFFIXES
        and not tail.startswith(("ها", "ای", "ام", "اش", "ات", "تان", "شان", "مان", "تر"))
        and re.fullmatch(f"[{ARABIC_LETTER_CLASS}]+", tail) is not None
        and not _verb_form(tail, past_set, present_set)
    )


# Tails from the word lists (see listed_tails): a second part that the lists set off by ZWNJ after this many
# different first parts (numerals not counted: سه\u200cروزه, صدساله are contested, written apart as often),
LIST_TAIL_HEADS = 10
# ... that running text uses alone, after a clause break or a function word (a word seen this often), at most
# this share of the times it writes it after a first part the lists or the text join to it (شماری از, محور),
LIST_TAIL_FREE_SHARE = 0.25
LIST_TAIL_FUNCTION_TEXT = 300
# ... and that the lists write joined directly after a joining letter (نگهداری, کشتزار) at most this share of
# the times they set it off by ZWNJ.
LIST_TAIL_JOINED_SHARE = 1 / 3
# A tail of the lists joins two words across a space only where every source of running text that uses it this
# often after a first part sets it off by ZWNJ this many times as often as it writes it apart (set_off_tails).
SOURCE_TAIL_USES = 5
SET_OFF_RATIO = 3.0
# Number words: a first part made of them is a numeral (سه, صد, دویست و پنجاه).
NUMBER_WORDS = frozenset({
    "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده", "سیزده", "چهارده",
    "پانزده", "شانزده", "هفده", "هجده", "نوزده", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد",
    "نود", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد", "هزار", "میلیون",
    "میلیارد", "چند", "نیم",
})  # fmt: skip


def _numeral(word: str) -> bool:
    return all(part in NUMBER_WORDS or part == "و" for part in word.replace(ZWNJ, " ").split())


def listed_tails(
    listed: set[str],
    others: set[str],
    unigrams: Counter[str],
    bigrams: Counter[tuple[str, str]],
    past: list[str],
    present: list[str],
) -> dict[str, set[str]]:
    """Second parts that the trusted word lists set off by ZWNJ after many first parts (``شناسی``, ``گرایی``,
    ``نشین``, ``نگاری``): bound tails that running text is too small to show, or writes with a space as often
    as with ZWNJ (``جامعه شناسی``), so that :func:`bound_tails` misses them.

    ``listed``: the trusted lists' words (Lilak, shekar's compounds); ``others``: every other spelling known
    (noisy lists, running text). A tail qualifies when the lists set it off after :data:`LIST_TAIL_HEADS`
    first parts that are not numerals; running text seldom uses it as a word of its own (after a clause
    break or a function word, :data:`LIST_TAIL_FREE_SHARE` of its uses after a first part that some list or
    the text joins to it; or hardly at all), and at least half its standalone uses follow such a first part;
    the lists seldom join it directly after a joining letter (:data:`LIST_TAIL_JOINED_SHARE`); and, as
    in :func:`bound_tails`, it has three letters or more and is no suffix, plural or verb form. Each comes with
    the first parts that the lists or the text set it off after.
    """
    from dorost.fixes.spacing.words import SUFFIXES as FIX_SUFFIXES
    from dorost.fixes.spacing.words import verb_form_on_stems as _verb_form

    heads: dict[str, set[str]] = {}
    listed_heads: dict[str, set[str]] = {}
    for source in (listed, unigrams.keys()):
        for word in source:
            if ZWNJ not in word:
                continue
            head, tail = word.rsplit(ZWNJ, 1)
            if head.split(ZWNJ)[-1] in (*PREFIXES, "به", "بر", "در"):
                continue
            heads.setdefault(tail, set()).add(head)
            if source is listed and not _numeral(head):
                listed_heads.setdefault(tail, set()).add(head)
    past_set, present_set = frozenset(past), frozenset(present)
    candidates = {
        tail
        for tail, found in listed_heads.items()
        if len(found) >= LIST_TAIL_HEADS
        and len(tail) >= 3
        and tail not in FIX_SUFFIXES
        and not tail.startswith(("ها", "ای", "ام", "اش", "ات", "تان", "شان", "مان", "تر"))
        and re.fullmatch(f"[{ARABIC_LETTER_CLASS}]+", tail) is not None
        and not _verb_form(tail, past_set, present_set)
    }
    spaced: Counter[str] = Counter()
    free: Counter[str] = Counter()
    for (first, second), count in bigrams.items():
        if second not in candidates:
            continue
        if first in heads[second]:
            spaced[second] += count
        elif not first or unigrams.get(first, 0) >= LIST_TAIL_FUNCTION_TEXT:
            free[second] += count
    joined_text: Counter[str] = Counter()
    for word, count in unigrams.items():
        if ZWNJ in word and word.rsplit(ZWNJ, 1)[1] in candidates:
            joined_text[word.rsplit(ZWNJ, 1)[1]] += count
    # Words that some list or the text writes with the tail joined directly after a joining letter, to a
    # known first part (نگه + داری, کشت + زار).
    known = listed | set(unigrams)
    lengths = sorted({len(tail) for tail in candidates})
    joined: Counter[str] = Counter()
    for word in known | others:
        if ZWNJ in word:
            continue
        for length in lengths:
            tail = word[-length:]
            if len(word) > length + 1 and tail in candidates and _joins(word[-length - 1]) and word[:-length] in known:
                joined[tail] += 1
    found: dict[str, set[str]] = {}
    for tail in sorted(candidates):
        alone = unigrams.get(tail, 0)
        compounds = spaced[tail] + joined_text[tail]
        if not (free[tail] <= LIST_TAIL_FREE_SHARE * compounds or (alone <= 3 and free[tail] <= 1)):
            continue
        if alone > 3 and alone - spaced[tail] > compounds:
            continue  # names mostly (علی خان, حسن پور): the text's standalone uses follow other words
        set_off = sum(1 for head in listed_heads[tail] if head[-1] not in NON_JOINING)
        if joined[tail] <= LIST_TAIL_JOINED_SHARE * set_off:
            found[tail] = heads[tail]
    return found


def set_off_tails(
    found: dict[str, set[str]], texts: dict[str, list[str]], merge: dict[tuple[str, str], str]
) -> list[str]:
    """The tails of :func:`listed_tails` that every source of running text sets off by ZWNJ (``نگاری``, ``آوری``):
    in each source that writes the tail after a known first part :data:`SOURCE_TAIL_USES` times or more, the
    ZWNJ spelling is at least :data:`SET_OFF_RATIO` times as common as the spaced one, and the text has it
    twice at least. Only these join two words across a space; the others explain a word whose letters run
    together (دیرینهشناس → دیرینه\u200cشناس) but leave a space alone, for house styles differ: the news
    sentences write ``جامعه شناسی`` and ``اطلاع رسانی`` apart more often than not, the documentation joins them.
    """
    kept: list[str] = []
    by_source: list[tuple[Counter[str], Counter[str]]] = []
    for lines in texts.values():
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        count_text(lines, unigrams, bigrams, merge)
        set_off: Counter[str] = Counter()
        spaced: Counter[str] = Counter()
        for word, count in unigrams.items():
            head, _, tail = word.rpartition(ZWNJ)
            if head and head in found.get(tail, ()):
                set_off[tail] += count
        for (first, second), count in bigrams.items():
            if first in found.get(second, ()):
                spaced[second] += count
        by_source.append((set_off, spaced))
    for tail in sorted(found):
        if sum(set_off[tail] for set_off, _ in by_source) < 2:
            continue
        if all(
            set_off[tail] >= SET_OFF_RATIO * spaced[tail]
            for set_off, spaced in by_source
            if set_off[tail] + spaced[tail] >= SOURCE_TAIL_USES
        ):
            kept.append(tail)
    return kept


def _joins(letter: str) -> bool:
    return letter not in NON_JOINING


def _by_id(counter: Counter[str], ids: dict[str, int], size: int) -> array[int]:
    values = array("I", [0] * size)
    for word, count in counter.items():
        if ids.get(word, 0) > 0:
            values[ids[word]] = count
    return values


def build(corpora: Path) -> tuple[bytes, dict[str, object], bytes, bytes]:
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    sources: dict[str, int] = {}
    texts = {folder: split_lines(corpora / folder / name)[0][::step] for folder, name, step in HUMAN_TEXT}
    for lines in texts.values():
        count_text(lines, unigrams, bigrams)
    trusted, noisy, normative = read_lexicons(corpora)
    merge = spaced_variants(unigrams, bigrams, normative)
    after_ba = adverbs_after_ba(corpora, unigrams, bigrams)
    unigrams.clear()
    bigrams.clear()
    edges = SentenceEdges()
    for folder, lines in texts.items():
        sources[folder] = count_text(lines, unigrams, bigrams, merge, edges)
    # Machine translation writes ZWNJ everywhere (به\u200cطور 2116 times against 48 spaced in these
    # folders, 305 against 537 in the human text): it adds words, never spelling evidence.
    machine: Counter[str] = Counter()
    for folder, name, step in MACHINE_TEXT:
        sources[folder] = count_text(split_lines(corpora / folder / name)[0][::step], machine, Counter())
    text_tokens = sum(unigrams.values())
    past, present = read_verb_stems(corpora)
    listed = set(trusted)

    trusted |= {w for w, c in machine.items() if c >= 2 and (len(w) > 1 or w == "و")}
    zwnj_letters = {w.replace(ZWNJ, "") for w in list(unigrams) + list(trusted) if ZWNJ in w}
    known = set(unigrams) | trusted
    kept_noisy = {w for w in noisy - known if w not in zwnj_letters and not split_affix(w, known)}
    lexicon_only = (trusted - set(unigrams)) | kept_noisy
    # Single letters other than و are fragments (justified PDFs), not words.
    text_words = [w for w in unigrams if len(w) > 1 or w == "و"]
    vocabulary = ["", *sorted(set(text_words) | lexicon_only, key=lambda w: (-unigrams[w], w))]
    ids = {word: index for index, word in enumerate(vocabulary)}
    size = len(vocabulary)
    # Tails: those running text shows (bound_tails), and those the word lists show (listed_tails) that every
    # source of running text sets off by ZWNJ; the other tails of the lists only explain joined letters.
    from_lists = listed_tails(listed, noisy, unigrams, bigrams, past, present)
    tails = sorted(set(bound_tails(unigrams, past, present)) | set(set_off_tails(from_lists, texts, merge)))

    text_counts = array("I", [0] * size)
    counts = array("I", [0] * size)
    for word, index in ids.items():
        if index:
            text_counts[index] = unigrams[word]
            counts[index] = unigrams[word] + (1 if word in lexicon_only else 0)
    totals = array("I", [0] * size)
    followers = array("I", [0] * size)
    keyed: list[tuple[int, int]] = []
    for (first, second), count in bigrams.items():
        a, b = ids.get(first, -1), ids.get(second, -1)
        if a < 0 or b <= 0:
            continue
        keyed.append((a * size + b, count))
        totals[a] += count
        followers[a] += 1
    keyed.sort()
    starts, ends, after_latin, before_latin = (
        _by_id(counter, ids, size) for counter in (edges.starts, edges.ends, edges.after_latin, edges.before_latin)
    )
    keys = array("q", [key for key, _ in keyed])
    pair_counts = array("I", [count for _, count in keyed])

    header: dict[str, object] = {
        "version": VERSION,
        "tokens": text_tokens + len(lexicon_only),
        "text_tokens": text_tokens,
        "words": size - 1,
        "lexicon_only_words": len(lexicon_only),
        "bigrams": len(keys),
        "sources": sources,
        "held_out_share": HELD_OUT_SHARE,
        "merged_spaced_pairs": len(merge),
        "sentences": edges.sentences,
        "sentence_start_words": sum(1 for count in starts if count),
        "sentence_ends": sum(ends),
        "after_latin": sum(after_latin),
        "after_latin_words": sum(1 for count in after_latin if count),
        "before_latin": sum(before_latin),
    }
    header["past_stems"], header["present_stems"] = past, present
    header["tails"] = tails
    # Tails also written alone now and then (کننده, ساز), and seldom joined directly to a word (not داری:
    # نگهداری, حسابداری): they explain an unknown joined word
    # (ادارهکننده → اداره\u200cکننده) but do not join words across a space; so do the other tails of the lists.
    # Those of the lists need four letters or more: a name's last letters often make a short one (ایرانسرا).
    listed_joined = {tail for tail in from_lists if len(tail) > 3}
    header["joined_tails"] = sorted((set(bound_tails(unigrams, past, present, 1, 2)) | listed_joined) - set(tails))
    header["after_ba"] = after_ba
    # UTF-16, as the program holds the words: decoding it is a copy.
    vocab_blob = "\n".join(vocabulary).encode("utf-16-le")
    header["vocab_bytes"] = len(vocab_blob)
    header_blob = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    sections = [len(header_blob).to_bytes(4, "little"), header_blob, vocab_blob]
    # Where each word's pairs start among the sorted keys (its followers are its pairs): read, not summed, at load.
    pair_starts = array("I", accumulate(followers, initial=0))
    for values in (
        *(counts, text_counts, totals, followers, keys, pair_counts, pair_starts),
        *(starts, ends, after_latin, before_latin),
    ):
        if sys.byteorder == "big":
            values.byteswap()
        sections.append(values.tobytes())
    # Not compressed: reading the 10 MB costs a program less than inflating 1 MB; the CRC-32 catches damage.
    body = b"".join(sections)
    payload = MAGIC + bytes([VERSION]) + zlib.crc32(body).to_bytes(4, "little") + body
    backoff: Counter[tuple[str, str]] = Counter()
    for folder, name in BACKOFF_TEXT:
        count_text(split_lines(corpora / folder / name)[0], Counter(), backoff, merge)
    more = [split_lines(corpora / folder / name)[0] for folder, name in ORDER_TEXT]
    starting = [split_lines(corpora / folder / name)[0][::step] for folder, name, step in START_TEXT]
    opening = [lines for folder, lines in texts.items() if folder not in FRAGMENT_TEXT] + starting
    trigrams = build_trigrams(texts.values(), merge, ids, more, starting, opening)
    # The class pairs' ratios: derived from the file's counts by the loader's own code, and added to it.
    word_classes = build_classes(corpora, vocabulary, unigrams, bigrams, backoff)
    word_classes = with_ratios(word_classes, LanguageModel(payload), payload)
    return payload, header, word_classes, trigrams


# Trigrams (see dorost.language.trigrams): a pair is kept as a context when this many triples start
# with it, a triple when seen this many times. Triples seen once are kept (0.24 -> 0.6 MB): two orders
# of a misordered line most often differ in joins the text saw once or never, and a triple seen once
# told them apart where the pair alone did not (benchmarks/layout.py, news seed 7, damaged lines exact,
# random / pdftotext's gaps: 175 -> 177 and 301 -> 304 with the sentence starts below).
TRIGRAM_MIN_CONTEXT = 3
TRIGRAM_MIN_COUNT = 1


# A number written in digits (Persian, Arabic-Indic or ASCII; ۳۴٫۲۵, ۱۲٬۰۰۰, 1.5), standing as a word
# of its own: after a space, an opening mark or the line's start, and not followed by a letter.
_DIGIT = ALL_DIGITS
_NUMBER = re.compile(f'(?<![^\\s«("“])[{_DIGIT}]+(?:[٫٬.,/][{_DIGIT}]+)*(?![{_DIGIT}\\w])')
_NEIGHBOUR = re.compile(f"(?P<number>{_NUMBER.pattern})|(?P<word>{_TOKEN.pattern})")


class NumberNeighbours:
    """The words that stand just before and just after a number written in digits, a space apart
    (`سال ۱۳۹۷`, `۱۶ بهمن`): the model's clauses break at digits, so its bigrams never see them."""

    def __init__(self) -> None:
        self.numbers = 0
        self.tokens = 0
        self.pairs = 0  # a number just after another (`۱۶ ۱۳۹۷` is rare: dates put a month between)
        self.sentences = 0
        self.starts = 0  # numbers that start a sentence (a list item's `۱.` too)
        self.before: Counter[str] = Counter()
        self.after: Counter[str] = Counter()

    def count(self, line: str) -> None:
        self.sentences += 1 + len(_SENTENCE_MARKS.findall(line))
        previous: re.Match[str] | None = None
        for match in _NEIGHBOUR.finditer(line):
            number = match.group("number") is not None
            if number:
                self.numbers += 1
                gap = line[previous.end() if previous else 0 : match.start()]
                self.starts += (_STARTS_SENTENCE if previous else _STARTS_PARAGRAPH).fullmatch(gap) is not None
            else:
                self.tokens += 1
            if (
                previous is not None
                and _GAP.fullmatch(line[previous.end() : match.start()])
                and previous.end() < match.start()
            ):
                was_number = previous.group("number") is not None
                if was_number and number:
                    self.pairs += 1
                elif was_number:
                    self.after[clean_token(match.group())] += 1
                elif number:
                    self.before[clean_token(previous.group())] += 1
            previous = match


# Word order beside the human text: FarsTail's sentences (268k words; its words stand in human order,
# its spacing says nothing here, and spaced pairs are merged as in the human text). Its triples and the
# words beside its numbers are counted with the human text's: it holds the dates and measures of news
# and textbooks (`سال ۱۳۹۷`, `۵۸ کیلومتر`) that documentation seldom writes (1,377 numbers in the human
# text, 2,974 in FarsTail). The machine translations are left out: twice the human text, they would
# dominate it.
ORDER_TEXT: tuple[tuple[str, str], ...] = (("farstail", "farstail_unique_sentences.txt"),)
# Sentence starts beside the human text's (33k sentences): FarsTail's (14k) and the machine translations'
# (21k, openclaw sampled as for its words), about as many again. They are the back-off of the human text's
# starts, not counts added to them, so they cannot outweigh it: a word the human text starts sentences
# with keeps its own share.
START_TEXT: tuple[tuple[str, str, int], ...] = (("farstail", "farstail_unique_sentences.txt", 1), *MACHINE_TEXT)
# A sentence's first pair (the triple START, first, second) is counted in the sentences of the human text and of
# START_TEXT (FarsTail's and the machine translations', whose words stand in Persian order), found as the model's
# own sentence starts are: a misordered line's wrong orders most often differ from the true one in a sentence's
# first words, where the word before a pair (none) told nothing. About 0.07 MB. Not in PerSpellData's lines: they
# are fragments of sentences (17 % of them start with `و`, 4 % with `که`; 0.5 % of the documentation's sentences
# start with `و`), and their first pairs read `و خواستار` as a likely start.
FRAGMENT_TEXT = ("perspelldata",)


def build_trigrams(
    texts: Iterable[list[str]],
    merge: dict[tuple[str, str], str],
    ids: dict[str, int],
    more: Iterable[list[str]] = (),
    starting: Iterable[list[str]] = (),
    opening: Iterable[list[str]] = (),
) -> bytes:
    """The word triples of the human running text and of ``more``, tokenised and merged as the human
    text's bigrams, by lm.bin id; the words beside their numbers (see :class:`NumberNeighbours`); the
    words that start the sentences of ``starting``, found as the human text's are; and the first pairs
    of the sentences of ``opening``, as triples after :data:`TRIGRAMS_START`."""
    triples: Counter[tuple[int, int, int]] = Counter()
    numbers = NumberNeighbours()
    for lines in [*texts, *more]:
        for line in lines:
            numbers.count(line)
            for run in clauses(line):
                run_ids = [ids.get(word, 0) for word in merged(run, merge)]
                for first, second, third in zip(run_ids, run_ids[1:], run_ids[2:], strict=False):
                    if first > 0 and second > 0 and third > 0:
                        triples[first, second, third] += 1
    for lines in opening:
        for line in lines:
            for run, starts, _ends in clause_edges(line):
                pair = [ids.get(word, 0) for word in merged(run, merge)[:2]] if starts else []
                if len(pair) == 2 and pair[0] > 0 and pair[1] > 0:
                    triples[TRIGRAMS_START, pair[0], pair[1]] += 1
    size = len(ids)
    contexts: dict[int, list[int]] = {}
    for (first, second, _third), count in triples.items():
        entry = contexts.setdefault(first * size + second, [0, 0])
        entry[0] += count
        entry[1] += 1
    keys = sorted(key for key, (total, _followers) in contexts.items() if total >= TRIGRAM_MIN_CONTEXT)
    kept: dict[int, list[tuple[int, int]]] = {}
    for (first, second, third), count in triples.items():
        key = first * size + second
        if count >= TRIGRAM_MIN_COUNT and contexts[key][0] >= TRIGRAM_MIN_CONTEXT:
            kept.setdefault(key, []).append((third, count))
    starts = array("I", [0])
    thirds = array("I")
    counts = array("H")
    for key in keys:
        for third, count in sorted(kept.get(key, [])):
            thirds.append(third)
            counts.append(min(count, 0xFFFF))
        starts.append(len(thirds))
    edges = SentenceEdges()
    for lines in starting:
        count_text(lines, Counter(), Counter(), merge, edges)
    order_starts = sorted((ids[word], count) for word, count in edges.starts.items() if ids.get(word, 0) > 0)
    before = sorted((ids[word], count) for word, count in numbers.before.items() if ids.get(word, 0) > 0)
    after = sorted((ids[word], count) for word, count in numbers.after.items() if ids.get(word, 0) > 0)
    header = {
        "version": TRIGRAMS_VERSION,
        "words": size,
        "contexts": len(keys),
        "start_contexts": sum(1 for key in keys if key // size == TRIGRAMS_START),
        "trigrams": len(thirds),
        "min_context": TRIGRAM_MIN_CONTEXT,
        "min_count": TRIGRAM_MIN_COUNT,
        "numbers": numbers.numbers,
        "number_tokens": numbers.tokens,
        "number_pairs": numbers.pairs,
        "number_starts": numbers.starts,
        "sentences": numbers.sentences,
        # Every word after a number, those outside the vocabulary included, and how many differ.
        "after_number": sum(numbers.after.values()) + numbers.pairs,
        "after_number_words": len(numbers.after) + (1 if numbers.pairs else 0),
        "before_number_words": len(before),
        "after_number_kept": len(after),
        "order_sentences": edges.sentences,
        "order_start_words": len(order_starts),
    }
    arrays = (
        array("q", keys),
        array("I", [contexts[key][0] for key in keys]),
        array("I", [contexts[key][1] for key in keys]),
        starts,
        thirds,
        counts,
        array("I", [word for word, _ in before]),
        array("I", [count for _, count in before]),
        array("I", [word for word, _ in after]),
        array("I", [count for _, count in after]),
        array("I", [word for word, _ in order_starts]),
        array("I", [count for _, count in order_starts]),
    )
    if sys.byteorder == "big":
        for values in arrays:
            values.byteswap()
    header_blob = json.dumps(header, sort_keys=True).encode("utf-8")
    blob = b"".join([len(header_blob).to_bytes(4, "little"), header_blob, *(values.tobytes() for values in arrays)])
    return TRIGRAMS_MAGIC + bytes([TRIGRAMS_VERSION]) + zlib.compress(blob, 9)


# Word classes (see dorost.language.classes): the UD treebanks' parts of speech, Lilak's and hazm's.
TREEBANKS: tuple[tuple[str, str], ...] = (
    ("ud-persian-perdt", "fa_perdt-ud-dev.conllu"),
    ("ud-persian-seraji", "fa_seraji-ud-dev.conllu"),
)
LILAK_CLASSES = {
    "verb": "VERB", "noun_singular": "NOUN", "noun_plural": "NOUN", "adjective": "ADJ",
    "adjective_comparative": "ADJ", "adjective_superlative": "ADJ", "adverb": "ADV", "numeral": "NUM",
    "pronoun": "PRON", "foreign": "X", "adposition": "ADP", "conjunction": "CCONJ",
    "interjection": "INTJ", "classifier": "NOUN", "determiner": "DET",
}  # fmt: skip
HAZM_CLASSES = {
    "N": "NOUN", "AJ": "ADJ", "ADV": "ADV", "NUM": "NUM", "PL": "NOUN", "CL": "NOUN", "AJC": "ADJ",
    "P": "ADP", "CONJ": "CCONJ", "DET": "DET", "PRO": "PRON", "INT": "INTJ", "POSTP": "ADP",
}  # fmt: skip
# Modal verbs are a class of their own (MODAL): the treebanks tag `بخواهند` and `بتوانند` VERB and
# `باید` AUX, so the class pairs read `بخواهند | بدهند` as two verbs side by side and `باید | توجه`
# as `است` before a noun, both unlikely (associations -0.7 to -8), and lines that read well were
# reordered. The forms of خواستن and توانستن with a prefix or a past ending (bare present forms
# `خواهد`, `نخواهند` are the future auxiliary; bare `توان`, `خواست` are also nouns), and of بایستن.
MODAL_FORM = re.compile(
    f"(?:(?:ن?می{ZWNJ}?|ب)خواه(?:م|ی|د|یم|ید|ند)|(?:ن?می{ZWNJ}?|ب|ن)توان(?:م|ی|د|یم|ید|ند)"
    f"|(?:ن?می{ZWNJ}?|ن)?(?:خواست|توانست)(?:م|ی|یم|ید|ند)"
    f"|(?:ن?می{ZWNJ}?|ن)?توانست|ن?می{ZWNJ}?خواست|(?:ن?می{ZWNJ}?|ب|ن)توان"
    f"|ن?باید|(?:ن?می{ZWNJ}?|ن)?بایست(?:ی)?)"
)
# The most frequent words of the running text are classes of their own (را is no به).
OWN_CLASS_WORDS = 150
# How many treebank occurrences' worth a word's lexicon classes count.
LEXICON_WEIGHT = 1.0
# Class weights are rounded to this step (a small table of distinct distributions).
CLASS_STEP = 0.05


def treebank_words(corpora: Path) -> Counter[tuple[str, str]]:
    """(word, UPOS) counts of the treebanks' built part (the held-out last tenth of their sentences is
    left out, as from the running text); a multiword token (ماتمش) takes its first part's class."""
    tagged: Counter[tuple[str, str]] = Counter()
    for folder, name in TREEBANKS:
        text = (corpora / folder / name).read_text(encoding="utf-8")
        blocks = [block for block in text.split("\n\n") if block.strip()]
        cut = len(blocks) - max(1, int(len(blocks) * HELD_OUT_SHARE))
        for block in blocks[:cut]:
            rows = [line.split("\t") for line in block.splitlines() if not line.startswith("#")]
            rows = [fields for fields in rows if len(fields) == 10 and "." not in fields[0]]
            covered: set[str] = set()
            for number, fields in enumerate(rows):
                if "-" in fields[0]:
                    low, high = (int(part) for part in fields[0].split("-"))
                    covered.update(str(part) for part in range(low, high + 1))
                    following = rows[number + 1] if number + 1 < len(rows) else fields
                    form, upos = fields[1], following[3]
                elif fields[0] in covered:
                    continue
                else:
                    form, upos = fields[1], fields[3]
                word = clean_token(form)
                if upos in CLASS_NAMES and _TOKEN.fullmatch(word):
                    tagged[word, upos] += 1
    return tagged


def lexicon_classes(corpora: Path) -> dict[str, set[str]]:
    """The parts of speech Lilak and hazm give each word."""
    found: dict[str, set[str]] = {}
    for line in (corpora / "lilak-lexicon" / "lexicon.csv").read_text(encoding="utf-8").splitlines():
        fields = line.split(",")
        if len(fields) >= 2 and not line.startswith("#") and fields[1] in LILAK_CLASSES:
            found.setdefault(clean_token(fields[0]), set()).add(LILAK_CLASSES[fields[1]])
    for line in (corpora / "hazm-data" / "words.dat").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 3:
            tags = {HAZM_CLASSES[tag] for tag in fields[2].split(",") if tag in HAZM_CLASSES}
            if tags:
                found.setdefault(clean_token(fields[0]), set()).update(tags)
    return found


def build_classes(
    corpora: Path,
    vocabulary: list[str],
    unigrams: Counter[str],
    bigrams: Counter[tuple[str, str]],
    backoff: Counter[tuple[str, str]],
) -> bytes:
    """The word-class file (see :mod:`dorost.language.classes`), aligned with the model's vocabulary, without
    the ratios of its class pairs (:func:`with_ratios` adds them).

    A word's class distribution: its treebank counts plus :data:`LEXICON_WEIGHT` occurrences spread
    over the classes the lexicons give it (by the classes' treebank shares), or over the classes its
    form suggests, or over those of the treebank's words that neither explains (mostly names). The
    :data:`OWN_CLASS_WORDS` most frequent words are classes of their own. Class pairs are counted
    over the running text's word pairs, each word spread over its classes. The ``backoff`` pairs (of
    :data:`BACKOFF_TEXT`) of two words of the vocabulary are stored for each first word, sorted.
    """
    tagged = treebank_words(corpora)
    lexicon = lexicon_classes(corpora)
    upos_total: Counter[str] = Counter()
    by_word: dict[str, Counter[str]] = {}
    for (word, upos), count in tagged.items():
        upos_total[upos] += count
        by_word.setdefault(word, Counter())[upos] += count
    # The classes of treebank words no lexicon lists and whose form says nothing: the unknown prior.
    unexplained: Counter[str] = Counter()
    for (word, upos), count in tagged.items():
        if word not in lexicon and not form_classes(word):
            unexplained[upos] += count
    own = [w for w in sorted(unigrams, key=lambda w: (-unigrams[w], w)) if len(w) > 1 or w == "و"]
    own = own[:OWN_CLASS_WORDS]
    names = [BREAK, *CLASS_NAMES, *own]
    index = {name: i for i, name in enumerate(names)}

    def spread(weights: dict[str, float]) -> dict[str, float]:
        total = sum(weights.values())
        return {name: weight / total for name, weight in weights.items() if weight > 0}

    unknown = spread({name: float(count) for name, count in unexplained.items()})

    def classes_of(word: str) -> dict[str, float]:
        if MODAL_FORM.fullmatch(word):
            return {"MODAL": 1.0}
        listed = lexicon.get(word)
        if listed:
            prior = spread({name: float(upos_total[name] + 1) for name in listed})
        else:
            prior = form_classes(word) or unknown
        seen = by_word.get(word, Counter())
        total = sum(seen.values()) + LEXICON_WEIGHT
        return {name: (seen[name] + LEXICON_WEIGHT * prior.get(name, 0.0)) / total for name in set(prior) | set(seen)}

    def rounded(weights: dict[str, float]) -> tuple[tuple[int, float], ...]:
        kept = {name: round(weight / CLASS_STEP) * CLASS_STEP for name, weight in weights.items()}
        if not any(kept.values()):
            best = max(weights, key=lambda name: (weights[name], name))
            kept = {best: 1.0}
        total = sum(kept.values())
        return tuple(sorted((index[name], round(weight / total, 4)) for name, weight in kept.items() if weight > 0))

    table: list[tuple[tuple[int, float], ...]] = []
    table_index: dict[tuple[tuple[int, float], ...], int] = {}
    codes = array("H", [0] * len(vocabulary))
    distributions: dict[str, tuple[tuple[int, float], ...]] = {"": ((0, 1.0),)}
    for word_id, word in enumerate(vocabulary):
        entry = ((0, 1.0),) if word_id == 0 else rounded(classes_of(word))
        distributions[word] = entry
        if entry not in table_index:
            table_index[entry] = len(table)
            table.append(entry)
        codes[word_id] = table_index[entry]
    # Two tables of class pairs: parts of speech only (for two frequent words, whose own pair is the
    # word bigram itself), and with the frequent words as their own classes.
    size = len(names)
    pairs = [0.0] * (size * size)
    upos_pairs = [0.0] * (size * size)
    for (first, second), count in sorted(bigrams.items()):
        left, right = distributions.get(first), distributions.get(second)
        if left is None or right is None or not second:
            continue
        for a, weight_a in left:
            for b, weight_b in right:
                upos_pairs[a * size + b] += count * weight_a * weight_b
        own_left = ((index[first], 1.0),) if first in index else left
        own_right = ((index[second], 1.0),) if second in index else right
        for a, weight_a in own_left:
            for b, weight_b in own_right:
                pairs[a * size + b] += count * weight_a * weight_b
    header: dict[str, object] = {
        "version": CLASSES_VERSION,
        "vocabulary": len(vocabulary),
        "classes": names,
        "table": [[[c, w] for c, w in entry] for entry in table],
        "unknown": sorted([name, round(weight, 4)] for name, weight in unknown.items()),
        "treebank_words": sum(tagged.values()),
    }
    ids = {word: i for i, word in enumerate(vocabulary)}
    keyed = sorted(
        (ids[first], ids[second], count)
        for (first, second), count in backoff.items()
        if first and ids.get(first, 0) > 0 and ids.get(second, 0) > 0
    )
    starts = array("I", [0] * (len(vocabulary) + 1))
    totals = array("I", [0] * len(vocabulary))
    for first, _second, count in keyed:
        starts[first + 1] += 1
        totals[first] += count
    for i in range(len(vocabulary)):
        starts[i + 1] += starts[i]
    seconds = array("I", [second for _first, second, _count in keyed])
    pair_counts = array("H", [min(count, 0xFFFF) for _first, _second, count in keyed])
    header["backoff_pairs"] = len(keyed)
    header["backoff_tokens"] = sum(count for (_first, second), count in backoff.items() if second)
    counts = array("f", pairs)
    upos_counts = array("f", upos_pairs)
    arrays = (codes, counts, upos_counts, starts, totals, seconds, pair_counts)
    if sys.byteorder == "big":
        for values in arrays:
            values.byteswap()
    return pack_classes(header, [values.tobytes() for values in arrays])


def build_spellings(model_data: bytes) -> bytes:
    """``spellings.bin``: the spacing fix's spelling tables of the model file ``model_data``, derived by the
    fix's own code, which names its recipe in them."""
    return encode_spellings(Lexicon.derive(LanguageModel(model_data)), model_data, Lexicon.RECIPE)


def write_spellings(model_path: Path) -> None:
    spellings_out = model_path.with_name(SPELLINGS_FILE)
    spellings = build_spellings(model_path.read_bytes())
    spellings_out.write_bytes(spellings)
    print(f"wrote {spellings_out} ({len(spellings) / 1e6:.2f} MB)")


# The spacing fix's ready-built answers (``verdicts.bin``): an answer asked for at least this many times while the
# built part of the human running text is restored ships. Chosen on the throughput benchmark's first 0.5 MB, restored
# in fresh processes, against answers gathered without that text: fewer entries read faster and help less.
VERDICTS_LEAST_ASKED = 6


class _Asked(Memory[Hashable, object]):
    """A memory that never forgets and counts how often each of its answers is asked for."""

    __slots__ = ("asked",)

    def __init__(self) -> None:
        super().__init__(sys.maxsize)
        self.asked: Counter[Hashable] = Counter()

    def get(self, key: Hashable, default: object = None) -> object:
        self.asked[key] += 1
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.asked[key] += 1  # type: ignore[index]
        return super().__contains__(key)

    def __getitem__(self, key: Hashable) -> object:
        self.asked[key] += 1
        return super().__getitem__(key)


def gather_verdicts(
    model_data: bytes, lines: Iterable[str], least: int = VERDICTS_LEAST_ASKED
) -> dict[str, dict[object, object]]:
    """The spacing fix's answers asked for at least ``least`` times while ``lines`` are restored, each memory's
    commonest first: computed by the fix itself with the model file ``model_data``."""
    from dorost.batch import restore_document
    from dorost.fixes.spacing import lexicon as spacing

    lm = LanguageModel(model_data)
    lex = Lexicon(lm, Lexicon.derive(lm))
    counted = {name: _Asked() for name in VERDICT_MEMORIES}
    for name, memory in counted.items():
        setattr(lex, name, memory)
    shared, spacing._LEXICON = spacing._LEXICON, lex
    try:
        for line in lines:
            restore_document(line)
    finally:
        spacing._LEXICON = shared
    gathered: dict[str, dict[object, object]] = {}
    for name, memory in counted.items():
        asked = memory.asked.items()
        common = sorted((-times, key) for key, times in asked if times >= least and dict.__contains__(memory, key))
        gathered[name] = {key: dict.__getitem__(memory, key) for _, key in common}
    return gathered


def build_verdicts(model_data: bytes, corpora: Path, least: int = VERDICTS_LEAST_ASKED) -> bytes:
    """``verdicts.bin``: the spacing fix's commonest answers over the built part of the human running text."""
    lines = [line for folder, name, _step in HUMAN_TEXT for line in split_lines(corpora / folder / name)[0]]
    gathered = gather_verdicts(model_data, lines, least)
    stamp = verdicts_fingerprint(LanguageModel(model_data).fingerprint)
    if stamp is None:
        raise SystemExit("the spacing fix's sources are not readable: no verdicts.bin can be stamped")
    return encode_verdicts(gathered, stamp)


def write_verdicts(model_path: Path, corpora: Path) -> None:
    verdicts_out = model_path.with_name(VERDICTS_FILE)
    verdicts = build_verdicts(model_path.read_bytes(), corpora)
    verdicts_out.write_bytes(verdicts)
    print(f"wrote {verdicts_out} ({len(verdicts) / 1e6:.2f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--spellings-only", action="store_true", help="derive only spellings.bin, from the lm.bin at --out"
    )
    parser.add_argument(
        "--verdicts-only",
        action="store_true",
        help="gather only verdicts.bin (the spacing fix's commonest answers), with the lm.bin at --out",
    )
    args = parser.parse_args()
    if args.spellings_only:
        write_spellings(args.out)
        return
    if args.verdicts_only:
        write_verdicts(args.out, args.corpora)
        return
    payload, header, word_classes, trigrams = build(args.corpora)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(payload)
    classes_out = args.out.with_name(CLASSES_FILE)
    classes_out.write_bytes(word_classes)
    trigrams_out = args.out.with_name(TRIGRAMS_FILE)
    trigrams_out.write_bytes(trigrams)
    summary = {key: value for key, value in header.items() if key not in ("vocab_bytes", "past_stems", "present_stems")}
    summary["after_ba"] = header["after_ba"]
    summary["tails"] = header["tails"]
    summary["joined_tails"] = header["joined_tails"]
    summary["verb_stems"] = [len(header["past_stems"]), len(header["present_stems"])]  # type: ignore[arg-type]
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    print(f"wrote {args.out} ({len(payload) / 1e6:.1f} MB), {classes_out} ({len(word_classes) / 1e6:.2f} MB)")
    print(f"wrote {trigrams_out} ({len(trigrams) / 1e6:.2f} MB)")
    write_spellings(args.out)
    write_verdicts(args.out, args.corpora)


if __name__ == "__main__":
    main()
