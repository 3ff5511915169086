"""The pipeline's shortcuts change no result: a fix is skipped only where it would find nothing."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from itertools import pairwise
from pathlib import Path

import pytest

from dorost import Config
from dorost.edits import Change
from dorost.fixes import Fix
from dorost.fixes.layout import visual
from dorost.pipeline import FIXES, _character_class, _plan, run

CASES = Path(__file__).resolve().parent / "cases"
CONFIGS = (Config(), Config(digits="persian"), Config(diacritics="remove", digits="latin"))
# Damaged Persian text that each character fix acts on: entities, mojibake, glyph forms, Arabic
# letters, kashida, junk and bidi marks, digits of three systems, diacritics, stray ZWNJs.
DAMAGED = [
    "فعال است &ndash; تهدید &#1587;لام و R&D",
    "ط³ظ„ط§ظ… ط¯ظ†غŒط§ و Ø³Ù„Ø§Ù…",
    "\ufeb3\ufefc\ufee1 \ufea9\ufee7\ufef4\ufe8e",
    "اين كتاب و ھمه ى",
    "گـــزارش و پسوند ـها",
    "سل\u200bام\u00ad \u202bدنیا\u202c نسخه Windows\u200f.",
    "سال ۲۰٢٤ و 1403 و ٤٥٦ صفحه",
    "عمدتاً کِتاب",
    "بندر\u200cها و می\u200c\u200cشود \u200c",
]


def _texts(shared: Path) -> list[str]:
    texts = list(DAMAGED)
    for case_file in sorted(CASES.glob("*.json")):
        data = json.loads(case_file.read_text("utf-8"))
        cases = data if isinstance(data, list) else data.get("cases", [])
        texts += [case["input"] for case in cases if isinstance(case.get("input"), str)]
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    texts += [line for line in lines[:300] if line.strip()]
    return texts


def test_a_fix_finds_nothing_in_text_without_the_characters_it_needs(shared: Path) -> None:
    # The contract the pipeline's skip rests on, tried on text made to lack those characters:
    # each text with them taken out, and each text with all but one removed.
    checked = 0
    for fix in FIXES:
        if fix.needs is None:
            continue
        assert fix.needs, fix.name
        for text in _texts(shared):
            present = [ch for ch in text if ch in fix.needs]
            if not present:
                continue
            without = "".join(ch for ch in text if ch not in fix.needs)
            for config in CONFIGS:
                assert fix.function(without, config) == [], (fix.name, without)
            checked += 1
    assert checked >= 100  # the damaged texts and the cases hold every fix's characters


def test_the_pipeline_gives_the_same_result_without_the_shortcut(shared: Path) -> None:
    texts = _texts(shared)[:400]
    rng = random.Random(6)
    # Text where one fix's change brings another fix's character in (an entity that decodes to a
    # kashida, an Arabic yeh or a ZWNJ), so that a later round needs a fresh look at the text.
    texts += ["گ&#1600;&#1600;زارش", "كتاب&zwnj; &#1610;ک", "ط³ظ„ط§ظ… &#x0643;"]
    texts += ["".join(rng.sample(text, len(text))) for text in DAMAGED]  # letters out of order
    plain = tuple(dataclasses.replace(fix, needs=None) for fix in FIXES)
    assert any(fix.needs for fix in FIXES)
    for config in CONFIGS:
        for text in texts:
            assert run(text, config) == run(text, config, plain), text


def _explode(text: str, config: Config) -> list[Change]:
    raise RuntimeError("called")


def test_a_fix_is_not_called_on_text_without_what_it_needs() -> None:
    fixes = (Fix("unify_arabic_letters", "letters", _explode, frozenset("\u0643\u064a")),)
    assert run("این کتاب", Config(), fixes).text == "این کتاب"
    with pytest.raises(RuntimeError, match="called"):
        run("این كتاب", Config(), fixes)
    # A character that an earlier fix writes is seen in the next round.
    writes_kaf = Fix("decode_html_entities", "encoding", lambda text, config: [Change(0, 1, "\u0643")])
    with pytest.raises(RuntimeError, match="called"):
        run("x کتاب", Config(), (writes_kaf, *fixes))


def test_the_character_class_holds_exactly_its_characters() -> None:
    chars = frozenset("-]\\^[ab" + "".join(map(chr, range(0xFB50, 0xFB60))) + "\u0640\u0642")
    pattern = re.compile(_character_class(chars))
    for point in range(0x10000):
        ch = chr(point)
        assert (pattern.fullmatch(ch) is not None) == (ch in chars), hex(point)


def test_token_bounds_worked_out_together_are_each_tokens_own(shared: Path) -> None:
    # restore_visual_order's first-sight shortcut: the bounds of a document's new tokens, found
    # for all of them at once, are the very floats each token's own reckoning gives.
    lines = (shared / "corpora" / "farstail" / "farstail_unique_sentences.txt").read_text("utf-8").splitlines()
    words = sorted({word for line in lines[:1500] for word in line.split()})
    rng = random.Random(7)
    marks, edges = "\u064b\u064c\u0650\u0651\u0670\u0640", "«»().،؛:!؟…-*"
    tokens = [*words, *(word[::-1] for word in words)]  # read backwards: many the lexicon knows
    for word in words[:3000]:
        tokens += [
            rng.choice(edges) + rng.choice(marks) + rng.choice(edges) + word,  # a mark inside the edge
            word[::-1] + rng.choice(edges) + rng.choice(marks),
            "«" + word[::-1].replace("\u06cc", "\u064a").replace("\u06a9", "\u0643") + rng.choice(marks) + "».",
        ]
    tokens += [".", "...", "«»", "\u0640", "\u064b\u064b", ".یزول", "(.دنامب", "\ufeb3\ufefc\ufee1", "رد", "در"]
    bounds: dict[str, float] = {}
    no_bound: set[str] = set()
    for start in range(0, len(tokens), 40):  # a document's worth of new tokens at a time
        visual._remember_bounds(list(dict.fromkeys(tokens[start : start + 40])), bounds, no_bound)
    assert len(bounds) == len(set(tokens))
    assert all(bounds[token] == visual._shipped_bound(token) for token in tokens)
    assert sum(1 for token in tokens if bounds[token] > 0) > 1000  # tokens read better backwards
    # The tokens said to have no bound are exactly those whose bound is 0.
    assert no_bound == {token for token in tokens if visual._shipped_bound(token) == 0}


def test_a_text_shows_a_space_at_a_line_edge_wherever_the_edge_pattern_finds_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # normalize_whitespace runs its edge pattern (tried at every position) only where a few
    # substring tests find a space or tab beside a line break, a carriage return or an end.
    from dorost.fixes import whitespace

    rng = random.Random(6)
    pieces = [" ", "\t", "\n", "\r", "\r\n", "کتاب", "«", "a", "  ", "۱"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    found = [text for text in texts if whitespace._EDGE().search(text)]
    assert len(found) > 5_000
    assert all(map(whitespace._may_have_edge, found))
    config = Config()
    quick = [whitespace.normalize_whitespace(text, config) for text in texts]
    skipped = sum(not whitespace._may_have_edge(text) for text in texts)
    monkeypatch.setattr(whitespace, "_may_have_edge", lambda text: True)
    assert [whitespace.normalize_whitespace(text, config) for text in texts] == quick
    assert skipped > 1_000


def test_a_fix_needing_a_few_characters_or_many_is_called_exactly_where_the_text_holds_one() -> None:
    # A fix that needs at most four characters asks the text for each; one that needs more is
    # found by the plan's pattern. Either is called where the text holds one of them, and only there.
    calls: list[str] = []

    def record(name: str) -> Fix:
        def function(text: str, config: Config) -> list[Change]:
            calls.append(name)
            return []

        return Fix(name, "letters", function, frozenset(chars[name]))

    chars = {
        "unify_arabic_letters": "\u0643\u064a\u0649\u06c0",
        "unify_digits": "\u0660\u0661\u0662\u0663\u0664",
        # A fix that needs a letter of the Persian alphabet (and more) asks for each too, its letters first.
        "repair_mojibake": "\u00c3\u00d8\u00d9\u0637\u0639",
    }
    fixes = (record("repair_mojibake"), record("unify_arabic_letters"), record("unify_digits"))
    assert _plan(Config(), fixes).steps[0].few == ("\u0639", "\u0637", "\u00d9", "\u00d8", "\u00c3")
    for text, expected in [
        ("این کتاب ۱۴۰۳", []),
        ("این \u06c0 کتاب", ["unify_arabic_letters"]),
        ("سال \u0664", ["unify_digits"]),
        ("\u0649 \u0660", ["unify_arabic_letters", "unify_digits"]),
        ("عالی \u0660", ["repair_mojibake", "unify_digits"]),
        ("Ø§Ù", ["repair_mojibake"]),
    ]:
        calls.clear()
        run(text, Config(), fixes)
        assert calls == expected, text


def test_numbers_that_may_change_by_default_are_found_in_one_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    # unify_digits (digits="keep") stops unless a text holds an Arabic-Indic digit or a Latin and a
    # Persian digit side by side; one pattern finds either, and without it the fix gives the same.
    from dorost.fixes import digits

    rng = random.Random(8)
    pieces = ["1", "9", "\u06f1", "\u06f9", "\u0661", "\u0669", " ", "سال", "a", "/", "."]
    latin, persian = "0123456789", "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(20_000)]
    for text in texts:
        mixed = any((a in latin and b in persian) or (a in persian and b in latin) for a, b in pairwise(text))
        expected = mixed or any("\u0660" <= ch <= "\u0669" for ch in text)
        assert (digits._KEPT_MAY_CHANGE().search(text) is not None) == expected, text
    config = Config()
    quick = [digits.unify_digits(text, config) for text in texts]
    monkeypatch.setattr(digits, "_KEPT_MAY_CHANGE", lambda: re.compile(""))  # every text goes on
    assert [digits.unify_digits(text, config) for text in texts] == quick
    assert sum(1 for changes in quick if changes) > 2_000


def test_a_space_after_a_number_is_looked_for_only_where_a_number_is_followed_by_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # fix_punctuation runs its two number patterns (each tries every position) only where a digit, spaces and one of
    # their marks follow each other; where they do not, neither pattern finds anything and the fix gives the same.
    from dorost.fixes import punctuation

    rng = random.Random(9)
    pieces = ["1", "\u06f3", "\u0664", "\u066a", "%", " ", "  ", "\t", "\n", "\u060c", "\u061b", "\u061f", ".", ","]
    pieces += ["سال", "«", "(", "a", " است", ".۵", "در سال ۱۳۹۹ ", " ، ", " . ", "فصل ۱۳ "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(20_000)]
    patterns = (punctuation._SPACE_AFTER_NUMBER(), punctuation._SPACE_AFTER_NUMBER_STOP())
    hinted = 0
    for text in texts:
        if punctuation._SPACE_AFTER_NUMBER_HINT().search(text) is None:
            assert not any(pattern.search(text) for pattern in patterns), text
        else:
            hinted += 1
    config = Config()
    quick = [punctuation.fix_punctuation(text, config) for text in texts]
    monkeypatch.setattr(punctuation, "_SPACE_AFTER_NUMBER_HINT", lambda: re.compile(""))  # every text goes on
    assert [punctuation.fix_punctuation(text, config) for text in texts] == quick
    found = sum(1 for text in texts if any(pattern.search(text) for pattern in patterns))
    assert hinted > 3_000 and found > 1_000  # the patterns do find spaces after numbers here


def test_the_tokens_read_for_addresses_are_the_tokens_a_pattern_for_them_finds(shared: Path) -> None:
    # url_spans reads the tokens that hold / @ or www. from those signs, not with a pattern that tries every position;
    # the spans are those that pattern's tokens give, on real text with paths and addresses and on random strings.
    from dorost import text as text_module

    token = re.compile(r"(?<!\S)\S*?(?:/|@|www\.)\S*")

    def by_pattern(text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for found in token.finditer(text):
            base = found.start()
            spans += [(base + m.start(), base + m.end()) for m in text_module._PROTECTED().finditer(found.group())]
        return spans

    handbook = (shared / "corpora" / "debian-handbook-fa" / "text.txt").read_text(encoding="utf-8").splitlines()
    real = [line for line in handbook if "/" in line or "@" in line or "www." in line][:400]
    real += ["\n".join(real[k : k + 20]) for k in range(0, len(real), 20)]
    rng = random.Random(10)
    pieces = ["/", "@", "www.", "ww", "w", ".", "a", "b.ir", "http://", "~", "C:", " ", "\n", "\t", "\u00a0"]
    pieces += ["\u2003", "سلام", "-", "_", "x@y.com", "//", "www.a.ir"]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    found = 0
    for text in real + randoms:
        expected = by_pattern(text)
        assert text_module.url_spans(text) == expected, text
        assert list(text_module._signed_tokens(text)) == [(m.start(), m.group()) for m in token.finditer(text)], text
        found += bool(expected)
    assert found > 3_000
    assert sum(1 for text in real if by_pattern(text)) > 200
