"""Web addresses and e-mail addresses survive every fix: a Persian sentence around one is repaired, the address's
characters come out exactly as given (dorost.text.web_addresses says where an address ends).

Addresses are built from parts real Persian pages use: slugs typed on an Arabic keyboard (ي ك), a kashida, ZWNJs
(one after a letter that does not join, two in a row: ones tidy_zwnj removes in prose), harakat, three digit
systems, percent-encoding, a query string with `&amp;`, a fragment; placed in sentences that need repair, after
`«`, `(`, `[`, in a Markdown link, and followed by `،` `.` `)` `»`. Each fix is run alone, and the whole pipeline
under each digit and diacritic policy, and as a Markdown file.

Presentation forms (`ﻛ`) are not generated: they are an extractor's glyphs, never an address's letters, and
expand_presentation_forms writes them back as the letters they show, in an address too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dorost import Config, fix
from dorost.inputs import fix_markdown

EXAMPLES = int(os.environ.get("DOROST_PROPERTY_EXAMPLES", "1000"))
# Each example is some thirty repairs: a fifth of the other properties' count.
PROFILE = settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=list(HealthCheck))

SLUG_WORDS = (
    "راهنماي",  # ي: an Arabic keyboard's yeh
    "كتاب",  # ك
    "گـــزارش",  # kashida
    "آزاد\u200cراه",  # a ZWNJ after د, which joins nothing
    "كتاب\u200c\u200cها",  # a doubled ZWNJ
    "مُحَمَّد",  # harakat
    "۱۴۰۳",
    "٢٣",
    "2024",
    "%D9%81%D8%A7",
    "نصب",
    "page",
)
HOSTS = ("https://example.ir/", "http://fa.example.com/", "www.example.ir/", "ftp://files.example.ir/")
QUERIES = ("", "?q=كتاب&amp;page=۲", "?a=1&b=2", "#بخش-دوم", "?title=ويژه:جستجو")
EMAILS = ("ali.rezaei@example.ir", "info@fa.example.com")

slugs = st.lists(st.sampled_from(SLUG_WORDS), min_size=1, max_size=4).map("-".join)
paths = st.lists(slugs, min_size=1, max_size=3).map("/".join)
web = st.builds(lambda host, path, query: host + path + query, st.sampled_from(HOSTS), paths, st.sampled_from(QUERIES))
addresses = st.one_of(web, st.sampled_from(EMAILS))

# Sentences that need repair around the address: Arabic letters, a lost ZWNJ, a kashida, extra spaces.
BEFORE = ("براي اطلاعات بيشتر به", "نشاني سايت", "اين   مي شود", "گـــزارش را در", "")
# How the address is set in the sentence: the marks around it are the sentence's.
FRAMES = ("{} ", "{}، ", "{}. ", "({}) ", "«{}» ", "[{}] ", "[راهنماي نصب]({}) ", "{}\n")
AFTER = ("مراجعه كنيد.", "را ببينيد", "كتاب ها", "")

CONFIGS = [
    *(Config().with_fixes(only=[name]) for name in Config.fix_names()),
    Config(),
    Config(digits="persian"),
    Config(digits="latin"),
    Config(diacritics="remove"),
]


@PROFILE
@given(st.sampled_from(BEFORE), addresses, st.sampled_from(FRAMES), st.sampled_from(AFTER), st.sampled_from(CONFIGS))
@example("گـــزارش در", "https://example.ir/گـــزارش/۱۴۰۳", "{}، ", "آمده است", Config())
@example("نشاني", "https://example.ir/آزاد\u200cراه", "({}) ", "را ببينيد", Config())
@example("كِتاب در", "www.example.ir/كِتاب", "{}. ", "", Config(diacritics="remove"))
def test_an_address_comes_out_as_given(before: str, address: str, frame: str, after: str, config: Config) -> None:
    text = f"{before} {frame.format(address)}{after}"
    assert address in fix(text, config)
    assert address in fix_markdown(text, config).text


def test_the_sentence_around_an_address_is_still_repaired() -> None:
    # (That the property above cannot pass by leaving the whole line alone.)
    out = fix("براي اطلاعات بيشتر به https://example.ir/راهنماي-نصب، مراجعه كنيد.")
    assert out == "برای اطلاعات بیشتر به https://example.ir/راهنماي-نصب، مراجعه کنید."


# What a page sets inside an address to wrap it or show it, and a copy keeps: none is the address's.
JUNK = ("\u200b", "\u00ad", "\u200e", "\u200f", "\u2060", "\ufeff")


@PROFILE
@given(
    st.sampled_from(BEFORE),
    web,
    st.lists(st.tuples(st.integers(min_value=1), st.sampled_from(JUNK)), min_size=1, max_size=3),
    st.sampled_from(FRAMES),
    st.sampled_from(AFTER),
)
@example("نشاني", "https://example.ir/مهمترین", [(14, "\u00ad")], "{}، ", "را ببينيد")  # not مهم\u200cترین
@example("نشاني", "https://example.ir/میشود", [(13, "\u200f")], "({}) ", "")  # not می\u200cشود
def test_junk_inside_an_address_is_removed_and_nothing_else(
    before: str, address: str, junk: list[tuple[int, str]], frame: str, after: str
) -> None:
    # Junk inside the address only: after its scheme's `://` or its `www.` (which say where an address is: a
    # page breaks a long address after them, not inside them), before its last character.
    damaged = address
    first = address.index("/") + 2 if "://" in address else len("www.")
    for position, character in junk:
        at = first + position % (len(damaged) - first)
        damaged = damaged[:at] + character + damaged[at:]
    text = f"{before} {frame.format(damaged)}{after}"
    assert address in fix(text)
    assert address in fix_markdown(text).text
