"""The shortcuts that spare restore_spacing work give what the full computation gives, on real text."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from itertools import accumulate, islice, pairwise
from pathlib import Path

import pytest

import dorost
from dorost.chars import ZWNJ
from dorost.config import Config
from dorost.fixes.spacing import compounds, lattice, lexicon, signs, units
from dorost.fixes.spacing import fix as spacing_fix
from dorost.fixes.spacing import words as spacing_words
from dorost.language import model, normalize_word
from dorost.text import SpanSet, protected


def _lines_with_paths(shared: Path) -> list[str]:
    """Lines of the Debian handbook that hold a URL or a file path among Persian words (/etc/mdadm/mdadm.conf)."""
    text = (shared / "corpora" / "debian-handbook-fa" / "text.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if protected(line)][:150]


def _unguarded_parts_word_by_word(run: str, offset: int, guarded: SpanSet) -> list[tuple[int, str]]:
    """The stretches of a run whose words lie outside the guarded spans, each word looked at (no shortcut)."""
    parts: list[tuple[int, list[str]]] = []
    position = offset
    outside = False
    for word in run.split(" "):
        inside = position in guarded or position + len(word) - 1 in guarded
        if not inside:
            if not outside:
                parts.append((position, []))
            parts[-1][1].append(word)
        outside = not inside
        position += len(word) + 1
    return [(start, " ".join(words)) for start, words in parts]


def test_span_overlap_is_membership_of_some_position(shared: Path) -> None:
    lines = _lines_with_paths(shared)
    assert len(lines) > 50
    checked = 0
    for line in lines:
        guarded = protected(line)
        # Every stretch of up to 12 characters: overlapping a span is holding one of its positions.
        for start in range(0, len(line), 3):
            for end in range(start + 1, min(len(line), start + 12) + 1):
                assert guarded.overlaps(start, end) == any(position in guarded for position in range(start, end))
                checked += 1
    assert checked > 10_000
    assert not SpanSet([]).overlaps(0, 10)


def test_runs_away_from_a_path_are_kept_whole_and_near_one_split_as_before(shared: Path) -> None:
    whole = split = 0
    for line in _lines_with_paths(shared):
        guarded = protected(line)
        for match in spacing_words.RUN.finditer(line):
            run, offset = match.group(), match.start()
            parts = spacing_fix._unguarded_parts(run, offset, guarded)
            assert parts == _unguarded_parts_word_by_word(run, offset, guarded)
            if parts == [(offset, run)]:
                whole += 1
            else:
                split += 1
    assert whole > 500 and split > 10  # both kinds are here (و/یا, مسیر/پوشه beside Persian words)


def _texts_runs(lines: list[str]) -> list[list[str]]:
    """The runs of each line, as restore_spacing judges them: all of a text's at once."""
    return [runs for line in lines if len(runs := spacing_words.RUN.findall(line)) > 1]


def test_the_pairs_of_a_texts_runs_are_judged_at_once_as_one_pair_at_a_time(shared: Path) -> None:
    lex = lexicon.Lexicon(model())
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    lines = text.splitlines()[:400] + _lines_with_paths(shared)
    # A word longer than MAX_WORD is in no judged pair, whatever its letters (here a word and a bound suffix).
    lines.append("کتاب " + "ب" * (lexicon.MAX_WORD + 1) + " ها را، از این")
    suspect = across = 0
    for runs in _texts_runs(lines):
        joined = " ".join(runs)
        words = joined.split(" ")
        ends = list(accumulate(run.count(" ") + 1 for run in runs))
        apart = frozenset(end - 1 for end in ends[:-1])
        verdicts = lex.pair_verdicts(joined, words, apart)
        assert len(verdicts) == len(words) - 1
        for k, verdict in enumerate(verdicts):
            first, second = words[k], words[k + 1]
            if k in apart or max(len(first), len(second)) > lexicon.MAX_WORD:
                assert verdict is False
                # The last word of a run and the first of the next: often a pair the fix would read on its own.
                across += k in apart and lex._judge_pair(first, second) is not False
            else:
                assert verdict == lex._judge_pair(first, second), (first, second)
                suspect += verdict is True
    assert suspect > 20 and across > 10


def test_a_word_without_what_the_lookup_form_changes_is_its_own_join_key() -> None:
    # pair_verdicts looks up the join keys of the words that hold KEY_CHANGES only, and takes every other word as its
    # own key: every character outside the class is one normalize_word keeps and no ezafe hamza, and every one
    # inside it is changed or dropped.
    for char in map(chr, range(0x10000)):
        inside = lexicon.KEY_CHANGES.fullmatch(char) is not None
        assert inside == (normalize_word(char) != char or char == spacing_words.HAMZA_ABOVE), hex(ord(char))


def test_the_pairs_across_mi_and_ha_are_the_words_that_end_and_start_so(shared: Path) -> None:
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    texts = [" ".join(runs) for runs in _texts_runs(text.splitlines()[:2000])]
    texts += ["می", "می ها", "ها می", "می می ها ها", "نمی هاها می", "کتاب علمی"]
    found = 0
    for runs in texts:
        words = runs.split(" ")
        ending = [k for k in range(len(words) - 1) if words[k].endswith("می")]
        starting = [k for k in range(len(words) - 1) if words[k + 1].startswith("ها")]
        assert lexicon.pairs_across(runs, "می ") == ending, runs
        assert lexicon.pairs_across(runs, " ها") == starting, runs
        found += len(ending) + len(starting)
    assert found > 50


def test_pairs_of_words_with_marks_and_arabic_letters_are_judged_by_their_join_keys(shared: Path) -> None:
    # The words pair_verdicts looks up (KEY_CHANGES) among the words it does not, in texts that hold many: FarsTail's
    # lines with Arabic ي and ك put back (as unify_arabic_letters finds them) and those with their own marks.
    lex = lexicon.Lexicon(model())
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    lines = text.splitlines()[:400]
    arabic = str.maketrans({"ی": "\u064a", "ک": "\u0643"})
    lines = [line for line in lines if lexicon.KEY_CHANGES.search(line)] + [line.translate(arabic) for line in lines]
    suspect = 0
    for runs in _texts_runs(lines):
        joined = " ".join(runs)
        words = joined.split(" ")
        for k, verdict in enumerate(lex.pair_verdicts(joined, words)):
            first, second = words[k], words[k + 1]
            assert verdict == lex._judge_pair(first, second), (first, second)
            suspect += verdict is True and lexicon.KEY_CHANGES.search(first + second) is not None
    assert suspect > 20


def test_the_affixes_counted_where_they_meet_their_separator_are_the_matches_of_the_patterns(shared: Path) -> None:
    # Echo.spaced tries _SPACED_AFFIX and _INTACT_AFFIX only where (ن)می and ها meet the separator, past the marks.
    marks = re.compile(f"[{spacing_words.MARK_CLASS}]")
    assert frozenset(filter(marks.fullmatch, map(chr, range(0x10000)))) == signs._MARK_CHARACTERS
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    lines = text.splitlines()[:3000]
    texts = [*lines, *("\n".join(lines[k : k + 40]) for k in range(0, len(lines), 40))]
    texts += [text.replace(ZWNJ, " ") for text in texts]  # a ZWNJ turned into a space: many affixes apart
    # The edges: the text's start and end, نمی and می, marks before ها, an affix glued on both sides (می ها).
    texts += ["می شود", "نمی شود", "کتاب ها", " ها", "آن\u200cها", "گروهِ ها", "گروهِ\u200cهای", "می ها", "نمی\u200cهایش"]
    found = 0
    for sample in texts:
        for pattern, separator in ((signs._SPACED_AFFIX(), " "), (signs._INTACT_AFFIX(), ZWNJ)):
            matches = len(pattern.findall(sample))
            assert signs._affixes(pattern, sample, separator) == matches, (sample[:80], separator)
            found += matches
    assert found > 1000


def test_runs_are_words_apart_by_single_spaces_as_the_nested_pattern_finds_them(shared: Path) -> None:
    # The flat pattern against its definition: words (parts joined by ZWNJ) separated by single spaces.
    nested = re.compile(f"{spacing_words.WORD}(?: {spacing_words.WORD})*")
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    lines = text.splitlines()[:3000] + _lines_with_paths(shared)
    # Damage that puts separators side by side, at word edges and before marks: a ZWNJ and a space, two spaces, a
    # separator before a mark, at the end of a line.
    damaged = [
        line.replace(" ", ZWNJ + " ", 3).replace("ه", "ه" + ZWNJ + "\u064e", 2).replace("ی ", "ی  ", 2) + ZWNJ
        for line in lines[:1000]
    ]
    runs = 0
    for line in lines + damaged:
        found = [(match.start(), match.group()) for match in spacing_words.RUN.finditer(line)]
        assert found == [(match.start(), match.group()) for match in nested.finditer(line)]
        runs += len(found)
    assert runs > 10_000


def test_the_words_of_a_texts_runs_are_the_words_the_signs_read(shared: Path) -> None:
    # The signs of a text without URLs or abbreviations read the runs' words instead of finding the words again.
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    lines = text.splitlines()[:3000] + _lines_with_paths(shared)
    damaged = [line.replace(" ", ZWNJ + " ", 3).replace("ی ", "ی  ", 2) + "\u064e" + ZWNJ for line in lines[:1000]]
    words = 0
    for line in lines + damaged:
        runs = spacing_words.RUN.findall(line)
        found = signs._WORD_ONLY.findall(line)
        assert (" ".join(runs).split(" ") if runs else []) == found
        words += len(found)
    assert words > 50_000


def test_the_pair_memory_stays_within_its_bound_and_forgets_no_verdict(shared: Path) -> None:
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    runs = [run for line in text.splitlines()[:1000] for run in spacing_words.RUN.findall(line) if " " in run]
    small, large = lexicon.Lexicon(model()), lexicon.Lexicon(model())
    small.pair_cache.bound = 40  # emptied every few runs; a long run (past 40 pairs to judge) empties it first
    largest = cleared = 0
    for run in runs:
        words = run.split(" ")
        before = len(small.pair_cache)
        assert small.pair_verdicts(run, words) == large.pair_verdicts(run, words)
        largest = max(largest, len(small.pair_cache))
        cleared += len(small.pair_cache) < before
    assert largest <= 40
    assert cleared > 10
    assert len(large.pair_cache) > 500


def test_lattice_costs_are_the_edit_costs_of_each_reading(shared: Path) -> None:
    # The lattice reads the cost of a unit spelled with the input's own separators as nothing and asks for running
    # text only across a space: every edge costs what _inner_cost says (and a short piece carved out of letters run
    # together, _middle_piece_cost) and passes _needs_text.
    lex = lexicon.Lexicon(model())
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    edges = free = 0
    for line in text.splitlines()[:300]:
        for run in spacing_words.RUN.findall(line):
            window = lattice.prepare(lex, run.split(" ")[:4], False, False)
            if window is None:
                continue
            lattice._build_lattice(lex, window)
            assert window.lattice is not None
            original = window.original
            for i, found in enumerate(window.lattice):
                entry = 0.0 if i == 0 else lattice.EDIT_COST.get((original[i - 1], units.SPACE), 0.0)
                for j, unit, cost, _flags in found or ():
                    carved = lattice._middle_piece_cost(original, i, j)
                    assert cost == entry + lattice._inner_cost(lex, unit.spelling, original, i) + carved
                    assert not compounds.needs_text(lex, unit, original, i, j)
                    edges += 1
                    free += cost == entry
    assert edges > 5_000 and 0 < free < edges


def test_free_words_no_reading_joins_are_not_a_suspect_pair(shared: Path) -> None:
    # Two free words whose joined letters some spelling has (به صورت: بصورت, به\u200cصورت) are a suspect pair only
    # where a reading may join them: where the pair is let go, the lattice of the two words has no unit of both.
    lex = lexicon.Lexicon(model())
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    treebank = (shared / "corpora" / "ud-persian-perdt" / "fa_perdt-ud-dev.sentences.txt").read_text(encoding="utf-8")
    pairs = {
        (first, second)
        for line in text.splitlines()[:2000] + treebank.splitlines()[:1000]
        for run in spacing_words.RUN.findall(line)
        for first, second in pairwise(run.split(" "))
        if ZWNJ not in first + second and lex.free(first) and lex.free(second)
    }
    let_go = kept = 0
    for first, second in sorted(pairs):
        joined = lex.join_key(first) + lex.join_key(second)
        if not lex.spellings(joined) or len(joined) != len(first) + len(second):
            continue
        window = lattice.prepare(lex, [first, second], False, False)
        assert window is not None
        lattice._build_lattice(lex, window)
        assert window.lattice is not None
        both = any(j == len(joined) for j, *_ in window.lattice[0] or ())
        if lex._judge_pair(first, second) is True:
            kept += 1
        else:
            assert not both, (first, second)
            let_go += 1
    assert let_go > 100 and kept > 10
    # No spelling of بصورت, اینکار, استفادهشده may join the words the input wrote apart; صرفنظر, همانطور, ایدهآل may.
    for first, second in (("به", "صورت"), ("این", "کار"), ("استفاده", "شده")):
        assert lex._judge_pair(first, second) == lexicon.LET_GO
    for first, second in (("صرف", "نظر"), ("همان", "طور"), ("ایده", "آل")):
        assert lex._judge_pair(first, second) is True


def test_a_pair_let_go_is_read_with_a_flagged_neighbour(monkeypatch: pytest.MonkeyPatch) -> None:
    # A let-go pair stays out of the stretches of a run unless a word of it is flagged otherwise: then the stretch
    # holds both words, as before the pair was let go (موافقت نامه ای: the suffix may join all three words).
    lex = lexicon.shared_lexicon()
    # Suspect only in a text that turned its ZWNJs into spaces (``_SPACED_ONLY``); these texts did not.
    assert lex._judge_pair("موافقت", "نامه") == lexicon.SPACED_ONLY
    assert lex._judge_pair("نامه", "ای") is True
    windows: list[tuple[str, ...]] = []

    def recording(lex: object, words: list[str], starts: list[int], first: int, last: int, *rest: object) -> None:
        windows.append(tuple(words[first:last]))

    monkeypatch.setattr(spacing_fix, "_fix_window", recording)
    spacing_fix.restore_spacing("و موافقت نامه ای در کار است", Config())
    spacing_fix.restore_spacing("او به صورت کامل رفت", Config())
    assert windows == [("موافقت", "نامه", "ای")]


def test_a_line_that_is_all_damage_is_read_in_bounded_windows_and_restored_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One line of 300 suspect words (می شود apart, a hundred times) made one window whose lattice grew with the line;
    # it is read in windows of at most MAX_WINDOW words, cut where no pair is a candidate for a join, so every
    # می شود is restored, the ones at the cuts too, and each repetition exactly as it is on a line of its own.
    phrase = "کتاب می شود"
    line = " ".join([phrase] * 100)
    sizes: list[int] = []
    real = spacing_fix._fix_window

    def recording(lex: object, words: list[str], starts: list[int], first: int, last: int, *rest: object) -> None:
        sizes.append(last - first)
        real(lex, words, starts, first, last, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(spacing_fix, "_fix_window", recording)
    alone = dorost.fix(phrase)
    assert alone == "کتاب می\u200cشود"
    assert dorost.fix(line) == " ".join([alone] * 100)
    assert len(sizes) > 10 and max(sizes) <= spacing_fix.MAX_WINDOW


def test_the_mark_set_holds_every_character_the_mark_pattern_matches() -> None:
    # _prepare tests letters against the set; the set is built from the pattern over the Arabic block only.
    matched = [chr(code) for code in range(0x110000) if spacing_words.MARKS.match(chr(code))]
    assert len(matched) > 10
    assert frozenset(matched) == spacing_words.MARK_SET


def test_a_pair_suspect_only_where_the_text_lost_its_zwnjs_to_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    # خط مشی: running text writes the pair more often than خط\u200cمشی, so the pair alone is read again only in a text
    # that writes no ZWNJ and sets an affix apart (می شود): there the pair's count is partly the same damage.
    lex = lexicon.shared_lexicon()
    assert lex._judge_pair("خط", "مشی") == lexicon.SPACED_ONLY
    windows: list[tuple[str, ...]] = []
    real = spacing_fix._fix_window

    def recording(lex: object, words: list[str], starts: list[int], first: int, last: int, *rest: object) -> None:
        windows.append(tuple(words[first:last]))
        real(lex, words, starts, first, last, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(spacing_fix, "_fix_window", recording)
    spacing_fix.restore_spacing("خط مشی دولت، که اعلام می شود", Config())
    assert ("خط", "مشی") in windows
    windows.clear()
    spacing_fix.restore_spacing("خط مشی دولت، که اعلام می\u200cشود", Config())
    spacing_fix.restore_spacing("خط مشی دولت، که اعلام میشود", Config())
    assert ("خط", "مشی") not in windows


def test_spellings_by_letters_are_every_spelling_of_the_letters_most_frequent_first() -> None:
    lm = model()
    lex = lexicon.shared_lexicon()
    # Every spelling of the model, word by word: letters with a ZWNJ spelling, and the plain word of those letters.
    expected: dict[str, list[int]] = {}
    for index, word in enumerate(lm.words):
        if ZWNJ in word:
            expected.setdefault(word.replace(ZWNJ, ""), []).append(index)
    for letters, members in expected.items():
        if lm.ids.get(letters, 0):
            members.append(lm.ids[letters])
    assert list(lex.groups) == list(expected)  # the same letters, in the order of the model's words
    several = 0
    for letters, members in expected.items():
        assert lex.groups[letters] == tuple(sorted(members, key=lambda index: -lm.counts[index])), letters
        several += len(members) > 1
    assert several > 1_000  # آنها beside آن\u200cها: the groups built in Python are tested too
    assert lex.groups["آنها"][0] == lm.ids["آن\u200cها"] and lm.ids["آنها"] in lex.groups["آنها"]


def test_the_sorted_spellings_and_the_endings_after_a_stem_are_what_their_definitions_give() -> None:
    lex = lexicon.shared_lexicon()
    # Built from the model's order and merged, not sorted from the set: the same order, each letters once.
    assert list(lex.known_sorted) == sorted(lex.known_letters)
    assert "کتاب" in lex.known_sorted and "آنها" in lex.known_sorted
    # Every ending an analysis writes after a stem (tail and plural: سازی and ها), and every start of one.
    ends = {*lexicon._ANALYSIS_SUFFIXES, *lex.tail_parts, *spacing_words.LETTER_ENDINGS, *spacing_words.PLURALS}
    assert lex.analysis_ends == ends
    assert lex.ending_starts == {written[:k] for written in ends for k in range(len(written) + 1)}
    assert "" in lex.ending_starts and "سازی" in lex.analysis_ends and "های" in lex.analysis_ends


def test_the_large_lookups_are_not_walked_by_the_garbage_collector() -> None:
    # Each collection walks every container it tracks: the lookups of 179k and 30k strings, built once per process,
    # cost 13 + 22 ms of a fresh process's first collections as a list and a set, and the table of known letters
    # (179k) 18 ms of every full collection as a frozenset.
    # (A lexicon of its own: the shared one's lookups may have been built before a test froze the collector's
    # objects, as `dorost batch` does, and a frozen object is never looked at again.)
    lex = lexicon.Lexicon(model())
    built = (lex.known_letters, lex.known_sorted)  # the second built on first need
    gc.collect()  # meets the tuple once
    assert not any(map(gc.is_tracked, built))


def _damaged_texts(shared: Path) -> list[str]:
    """Paragraphs of the Debian handbook as they are, and with the damage the signs read: ZWNJs lost (میشود) or
    turned to spaces (می شود), and words glued (ازاین)."""
    text = (shared / "corpora" / "debian-handbook-fa" / "text.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if ZWNJ in line and len(line) > 200][:120]
    texts = []
    for k, line in enumerate(lines):
        texts.append(line)
        texts.append(line.replace(ZWNJ, "") if k % 2 else line.replace(ZWNJ, " "))
        texts.append(line.replace(" از ", " از", 1).replace(" به ", " به", 2))
    # Many lines together, as a document of wrapped lines is read.
    texts += ["\n".join(texts[k : k + 30]) for k in range(0, len(texts), 30)]
    return texts


def test_a_sign_read_from_the_remembered_verdicts_is_the_sign_read_word_by_word(shared: Path) -> None:
    lex = lexicon.shared_lexicon()
    tests = {"loss": (lex.shows_loss, lex.loss_cache), "glue": (lex.shows_glue, lex.glue_cache)}
    both = [0, 0]
    for k, text in enumerate(_damaged_texts(shared)):
        words = signs._WORD_ONLY.findall(text)
        for name, (test, memory) in tests.items():
            if k % 7 == 0:
                memory.clear()  # nothing remembered: every word tested
            for least in (1, 2, 3, 5):
                # Read first, with what the memory holds now (some words remembered, others not), then word by word.
                read = bool(signs._Sign(test, text, least, found=words, memory=memory))
                tested = filter(test, dict.fromkeys(words) if least == 1 else words)
                assert read == (next(islice(tested, least - 1, None), None) is not None), (name, least, text[:80])
                both[read] += 1
    assert min(both) > 100  # texts that show the damage and texts that do not


def test_a_remembered_answer_of_needs_text_is_the_answer_computed_in_its_own_stretch(shared: Path) -> None:
    # needs_text remembers its answers by the unit's spelling and id, the input's separators inside the unit and
    # whether the text turned its ZWNJs into spaces: every answer the lattice gets, from the memory or not, is the one
    # computed afresh in the stretch that asks it (a lexicon whose memory is emptied before each question).
    lex = lexicon.Lexicon(model())
    fresh = lexicon.Lexicon(model())
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    asked = 0

    def checked(
        lex: lexicon.Lexicon, unit: units.Unit, original: list[str], i: int, j: int, spaced: bool = False
    ) -> bool:
        nonlocal asked
        said = compounds.needs_text(lex, unit, original, i, j, spaced)
        fresh.needs_text_cache.clear()
        assert said == compounds._needs_text(fresh, unit, original, i, j, original[i : j - 1], spaced), unit
        asked += 1
        return said

    real = lattice.needs_text
    lattice.needs_text = checked  # type: ignore[assignment]
    try:
        for line in text.splitlines()[:400]:
            # The line as written, and with its ZWNJs turned into spaces (the commonest damage), read both ways.
            for damaged in (line, line.replace(ZWNJ, " ")):
                for run in spacing_words.RUN.findall(damaged):
                    for spaced in (False, True):
                        window = lattice.prepare(lex, run.split(" ")[:5], False, False, spaced=spaced)
                        if window is not None:
                            lattice._build_lattice(lex, window)
    finally:
        lattice.needs_text = real  # type: ignore[assignment]
    assert asked > 2_000
    assert 0 < len(lex.needs_text_cache) < asked * 0.8  # a fifth of the questions at least were answered from memory


def test_the_signs_read_the_words_the_pattern_finds(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # restore_spacing hands the signs the words of its runs as found, where a URL, a path, an abbreviation or a Latin
    # word's ending took words out of the runs it reads: they are the words _WORD_ONLY finds, found again.
    read: list[tuple[str, list[str] | None]] = []
    read_signs = spacing_fix.read_signs

    def watched(lex: lexicon.Lexicon, text: str, found: list[str] | None, runs: list[tuple[int, str]]) -> signs.Signs:
        read.append((text, found))
        return read_signs(lex, text, found, runs)

    monkeypatch.setattr(spacing_fix, "read_signs", watched)
    texts = _lines_with_paths(shared) + _damaged_texts(shared)
    # Latin words with a Persian ending and abbreviations with a lone letter, lost ZWNJs beside them.
    texts += [f"نسخه APIها و ق.م کوتیر {line}".replace(ZWNJ, "") for line in texts[:100]]
    for text in texts:
        spacing_fix.restore_spacing(text, Config())
    assert len(read) > 200
    taken = 0
    for text, found in read:
        assert found == signs._WORD_ONLY.findall(text), text[:80]
        taken += bool(protected(text)) or "APIها" in text
    assert taken > 100  # texts whose runs lost words to a path or an ending


def test_an_input_word_is_scored_as_before_without_the_price_of_an_unknown_word_it_is_not(shared: Path) -> None:
    # _unit_for works out an input word's unknown-word price only where the word is unknown: a known word is scored by
    # the model alone. Every pair of neighbours of real text (and a stretch's last word before the next) scores what it
    # scored with every input unit priced as an unknown word too, in a text with glued words and one without.
    lex = lexicon.Lexicon(model())
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    lm = lex.lm
    pairs = known = unknown = 0
    for line in text.splitlines()[:400]:
        for run in spacing_words.RUN.findall(line):
            for glued in (False, True):
                found = [lattice._unit_for(lex, word, glued) for word in run.split(" ")]
                priced = [
                    units.Unit(u.spelling, u.index, lex.unknown_logprob(lex.key(w), glued), u.unknown)
                    for u, w in zip(found, run.split(" "), strict=True)
                ]
                for unit, full in zip(found, priced, strict=True):
                    known += unit.index > 0
                    unknown += unit.index == 0
                    assert unit.logprob == (0.0 if unit.index else full.logprob)
                    assert lattice._score(lm, lex, None, unit) == lattice._score(lm, lex, None, full)
                for (prev, unit), (full_prev, full) in zip(pairwise(found), pairwise(priced), strict=True):
                    assert lattice._score(lm, lex, prev, unit) == lattice._score(lm, lex, full_prev, full)
                    pairs += 1
    assert pairs > 5_000 and known > 5_000 and unknown > 100


def _segment_step_by_step(
    lex: lexicon.Lexicon, window: lattice.Window, before: str | None, after: str | None
) -> tuple[list[str], float] | None:
    """``lattice.segment``'s beam as it reads plainly: every step scored by ``_score``, and each beam that grew past
    BEAM cut at once (the beam cuts a beam when it reads it, and works ``_score`` out once per edge)."""
    lm = lex.lm
    lattice._build_lattice(lex, window)
    assert window.lattice is not None and window.glued_at is not None
    n = len(window.text_letters)
    start = lattice._unit_for(lex, before, window.glued) if before else None
    beams: list[list[tuple[float, units.Unit | None, object, int, int]]] = [[] for _ in range(n + 1)]
    beams[0].append((0.0, start, None, 0, 0))
    for i in range(n):
        for j, unit, cost, flags in window.lattice[i] or ():
            for state in beams[i]:
                paid = cost
                previous = state[1]
                if (
                    window.glued_at[i]
                    and previous is not None
                    and (
                        lattice._cheap_split(state[4], flags)
                        or (
                            unit.index
                            and previous.index
                            and lm.pair_count(previous.index, unit.index) >= lattice.GLUE_PAIR
                        )
                    )
                ):
                    paid -= lattice.GLUE_SPLIT_DISCOUNT
                beams[j].append(
                    (state[0] + lattice._score(lm, lex, previous, unit, window.own) - paid, unit, state, i, flags)
                )
            if len(beams[j]) > lattice.BEAM:
                beams[j].sort(key=lambda state: state[0], reverse=True)
                del beams[j][lattice.BEAM :]
    finals = beams[n]
    if not finals:
        return None
    if after:
        tail = lattice._unit_for(lex, after, window.glued)
        finals = [(s[0] + lattice._score(lm, lex, s[1], tail, window.own), *s[1:]) for s in finals]
    best = max(finals, key=lambda state: state[0])
    separators = [units.SPACE] * (n - 1)
    node = best
    while node is not None and node[1] is not None and node[2] is not None:
        for k, sep in enumerate(lex.shape(node[1].spelling)[0]):
            separators[node[3] + k] = sep
        node = node[2]  # type: ignore[assignment]
    if separators == [units.PLAIN.get(sep, sep) for sep in window.original]:
        return None
    gain = best[0] - lattice._original_score(lex, window.tokens, start, after, window.glued, window.own)
    return None if gain < lattice.MARGIN else (separators, gain)


def test_the_beam_finds_the_reading_and_gain_of_the_plain_beam(shared: Path) -> None:
    # Stretches of damaged FarsTail sentences and of the Debian handbook with its ZWNJs lost, read between their
    # neighbours, in a text with glued words and one without: the same reading and gain, float for float.
    lex = lexicon.Lexicon(model())
    corpora = shared / "corpora"
    lines = (corpora / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8").splitlines()[:250]
    debian = (corpora / "debian-handbook-fa" / "text.txt").read_text(encoding="utf-8").splitlines()[:250]
    lines += [line.replace(ZWNJ, "") for line in debian]
    read = changed = 0
    for line in lines:
        for run in spacing_words.RUN.findall(line):
            words = run.split(" ")
            for first in range(0, len(words), 3):
                stretch = words[first : first + 3]
                before = words[first - 1] if first else None
                after = words[first + 3] if first + 3 < len(words) else None
                for glued in (False, True):
                    window = lattice.prepare(lex, stretch, False, glued)
                    plain = lattice.prepare(lex, stretch, False, glued)
                    if window is None or plain is None:
                        continue
                    found = lattice.segment(lex, window, before, after)
                    assert found == _segment_step_by_step(lex, plain, before, after)
                    read += 1
                    changed += found is not None
    assert read > 3_000 and changed > 100


def _begins_known(lex: lexicon.Lexicon, piece: str) -> bool:
    """Whether some attested spelling begins with ``piece``, read off the sorted spellings by a bisection."""
    at = bisect_left(lex.known_sorted, piece)
    return at < len(lex.known_sorted) and lex.known_sorted[at].startswith(piece)


def test_the_search_from_a_letter_stops_where_every_reach_says_what_each_longer_piece_says(shared: Path) -> None:
    # Once the pieces from i begin no attested spelling (at j), the lattice's search stops at the first longer piece
    # without a reading past the reach of every place a stem or a prefix ends (``_stops``). Against the plain reading
    # of each piece: it goes on where the letters after some stem end begin one ending or an ending and the start of
    # another, or the letters after some prefix end begin an attested spelling; the stems after a prefix counted up to
    # the piece's end, the stems from i and the prefixes up to j.
    lex = lexicon.Lexicon(model())
    ends = lex.analysis_ends
    after_stem = set(lex.ending_starts) | {end + start for end in ends for start in lex.ending_starts}
    text = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text(encoding="utf-8")
    checked = prefixed = stopped = 0
    for word in sorted(set(normalize_word(w).replace(ZWNJ, "") for w in text.split()[:20_000])):
        last = len(word)
        reaches: dict[int, int] = {}  # one word's, kept from start to start as the lattice keeps them
        for i in range(len(word)):
            for j in range(i + 1, last + 1):
                if _begins_known(lex, word[i:j]):
                    continue
                stops = lattice._stops(lex, word, i, j, reaches)
                known = [k for k in range(i + 1, j + 1) if word[i:k] in lex.known_letters]
                prefixes = [k for k in range(i + 1, j + 1) if word[i:k] in lattice._PREFIX_SET]
                for longer in range(j, last + 1):
                    stems = known + [
                        end for k in prefixes for end in range(k + 1, longer + 1) if word[k:end] in lex.known_letters
                    ]
                    goes_on = any(word[k:longer] in after_stem for k in stems) or any(
                        _begins_known(lex, word[k:longer]) for k in prefixes
                    )
                    assert all(longer > reach for at, reach in stops if at <= longer) is not goes_on, (word, i, j)
                    checked += 1
                    stopped += not goes_on
                prefixed += bool(prefixes)
    assert checked > 50_000 and prefixed > 100 and stopped > 10_000


def test_a_silent_heh_glued_to_a_word_is_found_without_reading_rests_longer_than_any_word(shared: Path) -> None:
    # heh_glued skips the cuts whose rest is longer than the model's longest word (a long token holds thousands of
    # ه, and looking each rest up hashed it whole: quadratic); the long way reads every cut.
    short, every_cut = lexicon.Lexicon(model()), lexicon.Lexicon(model())
    every_cut.__dict__["longest_word"] = 10**9
    text = (shared / "corpora" / "debian-handbook-fa" / "text.txt").read_text(encoding="utf-8")
    words = [word for word in re.findall(r"[\u0600-\u06ff]+", text[:200_000]) if ZWNJ not in word]
    glued = [first + second for first, second in pairwise(words) if first.endswith("ه")]
    long_tokens = ["ب" + "ده" * 400 + tail for tail in ("جای", "صحیح", "کتاب")]
    keys = [*glued, "فشردهجای", "شیوهصحیح", *long_tokens]
    answers = [short.heh_glued(key) for key in keys]
    assert answers == [every_cut.heh_glued(key) for key in keys]
    assert sum(answers) > 10 and short.heh_glued("شیوهصحیح")
    assert short.longest_word == max(map(len, short.lm.ids))


def test_a_short_key_never_makes_the_lexicon_find_its_longest_word() -> None:
    # The pass over the vocabulary that finds the longest word is paid only by a key too long to be any word
    # (lexicon._LONG_KEY letters or more): a fresh process's first document of ordinary words never pays it.
    lex = lexicon.Lexicon(model())
    keys = ["شیوهصحیح", "فشردهجای", "ب" + "ده" * (lexicon._LONG_KEY // 2 - 3) + "کتاب"]
    assert all(len(key) <= lexicon._LONG_KEY for key in keys)
    answers = [lex.heh_glued(key) for key in keys]
    assert "longest_word" not in lex.__dict__ and answers[0]
    lex.heh_glued("ب" + "ده" * lexicon._LONG_KEY + "کتاب")
    assert lex.__dict__["longest_word"] == max(map(len, lex.lm.ids))
