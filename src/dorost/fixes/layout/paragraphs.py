"""Lines into paragraphs: join lines an extractor broke in mid-sentence, drop artefact blank lines.

The evidence is the document's own wrap width. Lines that end in mid-sentence and are followed by
more prose show the width the text was wrapped at (most of them end close to it). Then:

- a line that ends in mid-sentence and is about as long as the wrap width was wrapped: it is
  joined to the next prose line, across any blank lines between them (those are page or column
  artefacts, as in the sample article, where blank lines fall inside sentences); so is a shorter
  line whose next word would not have fit on it (``… در میلینگ لیست`` before
  ``debian-boot@lists.debian.org …``); a line of closing punctuation alone (``...).``) or a short
  line of Latin words that ends a sentence is the end of the sentence before it;
- a line that ends a sentence (or a proof, with its mark ``□``) is a paragraph's last line (a
  wrap that falls on a sentence end by chance splits a paragraph in two, which breaks no
  sentence; joining two paragraphs would lose a break that cannot be told from it by line length
  alone), except in a text that sets its paragraphs apart with blank lines, where such a line at
  the width with no blank line after it is wrapped;
- the document's first line, when short and without final punctuation, is its title;
- in a text wrapped by a wrapper that counts characters (its lines in mid-paragraph leave no room
  for the next word), a line that opens a paragraph and would have had room for the next word
  ends where its content ends: a heading or a paragraph of one line (not one that leaves a
  bracket open; before a line that shows an extractor's marks of misordered runs, the room must
  be there for that line's longest word); and after a round of joins,
  a line alone between blank lines, after a paragraph's end and before a paragraph one a line, is
  one too;
- in a text that sets its paragraphs apart with blank lines and has none inside a paragraph (a
  PDF front end's geometric paragraphs), a blank line is a paragraph break: a line alone between
  blank lines is a paragraph of its own however wide it is (a heading, a list's introduction
  ending in a colon, a paragraph of one line); but a gap more than twice as wide as the text's
  paragraph gap is where a page ended (its number and running head removed), and a line at the
  width whose next word would not have fit on it goes on across it (such a gap inside a paragraph
  does not hide that the text sets its paragraphs apart);
- a line ending in a colon short of the wrap width introduces what follows (a list, a quotation):
  a paragraph end; so does one at the width when the next word would have fit after the colon and
  no quotation opens there;
- after a line ending in a colon, lines that end no sentence and hold none, down to a last line
  short of the width before a blank line or the text's end, are a list's items one a line (a
  wrapped paragraph ends a sentence);
- lines alike one after another are a list's items: three in a row that end on the same word or
  open with a term and its colon or dash (not a sentence's last word, ``است. سماک یا سماغ: …``, and
  not ending on a conjunction), and a line opened by a pictograph (``✅ …``);
- a list numbered inside its paragraph (``… ۲. بلوک\u200cکننده\u200cها … ۳. شل\u200cکننده\u200cها …``) is prose: a line
  the wrap opened on one of its numbers is no item, and one it ended on one is no sentence end;
- beside paragraphs one per line (a document with lines far longer than its width: clean
  documentation, or a second round of joins), a line is joined only when it ends on a
  preposition, a conjunction or a word in construct (ezafe: ``… ویژگی\u200cهای``), or when the
  next word would not have fit on it and lines inside a paragraph show that width (headings and
  items alone make a "width" of their own lengths): a list item ends where its content ends, and
  a colon is the writer's line end there; so does a line that ends on a verb that ends sentences
  (``… درک خواهید کرد``) before one that opens a sentence, there and where no more than two lines
  show the width (a short message one sentence a line); in a text that ends no sentence with a mark
  anywhere (a note, a list without its bullets: wrapped prose ends sentences inside its lines too),
  only a line cut on a preposition, a conjunction or a word in construct is joined;
- a list item is never joined to the line before it; one that runs to the wrap width and ends in
  mid-sentence goes on in the next line when that is no item (a wrapped numbered item). A line
  that starts with a dash after a line wrapped in mid-sentence, with no item before or after it,
  is no list: the wrap fell before a dash inside the sentence (``… نکنید :)`` / ``- شما با …``);
- short lines, tables (a dot leader is a cell border too), code and lines without Persian are never
  joined; nor are fields one a line (a label, its colon and a value without Persian: ``تاریخ:
  1402/08/15``), nor lines three in a row at least that are short of the wrap band with room left
  for the next word (verse one hemistich a line, a list without its marks); a
  document whose lines do not show a wrap width (poetry, one paragraph per line: most of its
  mid-sentence line ends do not crowd under one width) is left alone, and so is verse one couplet
  a line (its line ends rhyme). Where the "width" is longer than any wrap (paragraphs one per
  line), only a line that ends on a preposition or a conjunction is joined.

Lengths are measured with spaces single, as the wrapper printed the line: a stray double space
does not widen the wrap width.

When artefact blank lines were removed, blank lines no longer say where paragraphs are, so every
paragraph break between prose lines becomes one blank line (an editor's plain-text layout).
A Latin word hyphenated across a line break (``inter-`` / ``national``) is rejoined. A paragraph a join
made keeps no double space and no trailing space: those are an extractor's marks of one printed line
(see :func:`_unmarked`).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from dorost.chars import BIDI_EMBEDDINGS, BIDI_MARKS
from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.layout._common import (
    LATIN_LETTER,
    OPEN_WORDS,
    Line,
    ends_sentence,
    has_persian,
    in_construct,
    is_verse,
    language_model,
    quoted_verse,
    scoring_form,
    split_lines,
)
from dorost.language import LanguageModel
from dorost.patterns import lazy_pattern

_DASH_ITEM = lazy_pattern(r"^[-–—]\s")
# A line of closing punctuation alone ends the sentence of the line before it (`...).`).
_CLOSING_ONLY = lazy_pattern(r"^[.…!?؟)\]»\"'”’،؛:]+$")
# So does a bracketed number's end and the full stop (`… (۰ یا` / `۵).`, `… (حدود` / `۲۵٪).`).
_NUMBER_CLOSING = lazy_pattern(r"^[0-9۰-۹٠-٩]{1,4}[%٪]?[)\]»]+[.!?؟…]$")
# Latin words, names and code identifiers with their brackets and punctuation, no formula signs;
# `@` for a scoped package (`… همچنین این استفاده شده در` / `@vue/tsconfig.`, wrapped vue-docs-fa).
_LATIN_WORDS = lazy_pattern(r"^[A-Za-z0-9@\s\[\]().,:;_/'\"!?-]+$")
# A list item opens with a bullet, a number or letter, a heading mark, or a pictograph used as a
# bullet (`✅ پیکربندی محیط\u200cها …`, `📚 ادغام در دوره …`: clean ms-beginners-fa-mt). A number, a
# dash and a number is a range the wrap put first (`… باید بین` / `15 - 10 درجه نگهداری شود`).
# Embedding marks before it are pdftotext's (`\u202b۲. از معادل\u200cهای …` once unwrap_embedded_runs has
# put its number in order; remove_invisible_junk drops the mark later): the item opens after them.
_LIST_ITEM = lazy_pattern(
    r"^[\u202a-\u202e]*(?:[-*•·▪●◦–—]\s|[0-9۰-۹٠-٩]{1,3}\s*(?:[.):]|[\-–](?!\s*[0-9۰-۹٠-٩]))\s|[a-zA-Z][.)]\s|(?:الف|[بپتثجچ])\s*[)\-–]\s|#"
    "|[\u2600-\u27bf\u2b50\U0001f300-\U0001faff])"
)
# A term and its colon or dash at a line's start (`رهبری پروژه: هدایت تیم\u200cهای …`, `رندرینگ HTML --
# رندرینگ قالب\u200cهای …`): three lines in a row that open so are entries of a definition list, not a
# sentence wrapped across them (clean ms-beginners-fa-mt, gin-docs-fa).
# The term is words alone, no brackets or commas (`سومالی (سومالیایی: Soomaaliya\u200e; …` is a sentence).
# A word that ends a sentence is no term: `است. سماک یا سماغ: فرشته بهمن …` is a sentence's
# last word and the next sentence (benchmark, visual-order ParsiNLU passage of definitions inline).
_TERM = "[^\\s()\\[\\]«»,،;؛:.!?؟]+"
# A doubled hyphen (`--`) sets a longer term apart too, six words at most: documentation writes it
# for a dash where a sentence writes none (`از فرمت JSON در تولید استفاده کنید -- فرمت قابل خواندن …`,
# `ترکیب باینری واحد با قالب -- جاگذاری …`: gin-docs-fa's lists of practices, joined one to the next).
_LABEL = lazy_pattern(
    f"^(?:(?:{_TERM}\\s){{0,3}}{_TERM}:|(?:{_TERM}\\s){{1,4}}[-–—]{{1,2}}|(?:{_TERM}\\s){{5,6}}--)\\s"
)


def _labelled(content: str) -> bool:
    """``_LABEL`` matches: a colon or a dash is in the line (most lines hold neither: unasked)."""
    if "-" not in content and ":" not in content and "–" not in content and "—" not in content:
        return False
    return _LABEL().match(content) is not None


# What a line that ends on a semicolon ends on, as _parallel compares lines' endings: items of a list
# one a line, each ending on a semicolon (`… هنگام نصب یک گراف وابستگی تازه ابداع کند؛` / `تغییرات
# وابستگی قابل\u200cبازبینی هستند، … ثبت می\u200cشوند؛` / `اعتبارسنجی انتشار … نصب خواهند کرد؛` / `غافلگیری\u200cهای …`,
# clean openclaw-docs-fa-mt), end alike whatever their last words: a wrap does not fall after a
# semicolon three lines in a row.
_SEMICOLON = ";"
# An item number: `۳.` or `۳)` standing as a word (two digits at most, so no year).
_NUMBER = lazy_pattern(r"(?<!\S)([0-9۰-۹]{1,2})([.)])(?=\s|$)")
# What every such number holds: a digit before its mark (see _has_digit_mark).
_NUMBER_DIGITS = frozenset("0123456789۰۱۲۳۴۵۶۷۸۹")


def _has_digit_mark(text: str) -> bool:
    """``text`` holds a digit before a full stop or a round bracket (``[0-9۰-۹][.)]``), as every item
    number does: a text without one has none, and no line is read for one.

    Each full stop and bracket is found by ``str.find`` and the character before it asked: a pattern
    that opens with a class of digits tries every character of the text (on 0.5 MB of text wrapped
    at 70 columns, 1.6 ms against 0.5 for the whole texts, 2.2 against 1.5 for their lines).

    >>> _has_digit_mark("در سال ۱۴۰۲ (بند ۳) آمد"), _has_digit_mark("۳ کتاب. (و) 1")
    (True, False)
    """
    for mark in ".)":
        at = text.find(mark, 1)
        while at >= 0:
            if text[at - 1] in _NUMBER_DIGITS:
                return True
            at = text.find(mark, at + 1)
    return False


# Plain spaces doubled inside a line: what a join sets single on the lines it joins (see _unmarked).
_DOUBLE_SPACE = lazy_pattern(r"(?<=\S) {2,}(?=\S)")
# A join's confidence, and that of the spaces it sets single.
_JOINED = 0.85
# A number and the round bracket after it, opening a line (`۱۹۶) بیان می\u200cکنند.`).
_BRACKETED_NUMBER = lazy_pattern(r"^[0-9۰-۹٠-٩]{1,3}\)\s")
# A sentence that ends inside a line, another word after it (`قرار داشت. در سال …`).
_INNER_SENTENCE_END = lazy_pattern(r"\S[.!?؟]\s+\S")
# The same as pdftotext prints it, the mark and its space inside a left-to-right embedding
# (`کرد\u202a .\u202cدر واقع`, xrs_Vahid-Proposal.pdf), read without the embedding's marks: a
# letter, then the mark spaced on either side, then the next word.
_EMBEDDED_SENTENCE_END = lazy_pattern(r"[^\W\d_](?: [.!?؟]\s*|[.!?؟]\s+)\S")
# A proof's end mark (white square, end of proof) ends its paragraph as a full stop ends a
# sentence: `اثبات. … بدست می\u200cآید. □` before `گزاره ۲.۳. …` (basemax_proceedings_persian.pdf).
_PROOF_END = ("\u25a1", "\u220e")
# Cells: a tab, a bar, three spaces, or a dot leader between an entry and its page or gloss (a table of
# contents, a glossary: ``Function Space . . . . . . فضای تابع``, xrs_Vahid-Proposal.pdf, whose entries
# were joined one to the next).
_TABLE = lazy_pattern(r"\t|\||\S {3,}\S|(?:\. ?){5}")


def _has_table(text: str) -> bool:
    """``_TABLE`` finds cells in ``text``; where none of its signs is there, unasked (most text)."""
    return ("\t" in text or "|" in text or "   " in text or ". ." in text or "....." in text) and _TABLE().search(
        text
    ) is not None


def _field(content: str) -> bool:
    """A Persian label and, after its colon, a value without Persian: ``تاریخ انتشار: 1402/08/15``,
    ``مجوز: MIT License``, ``نصب: npm install --save-dev vitepress``."""
    label, colon, value = content.rpartition(": ")
    if not colon or not value.strip() or has_persian(value) or not has_persian(label):
        return False
    # A gloss in brackets left open is a sentence going on: ``… رایش آلمان (آلمانی:`` /
    # ``Deutsches Reich) بود …`` (benchmark, a visual-order ParsiNLU passage).
    return label.rfind("(") <= label.rfind(")")


def _fields(lines: list[Line], body: list[int]) -> set[int]:
    """Lines of a list of fields: two field lines (:func:`_field`) in a row at least.

    Each field ends where its value ends, and so does the list: a value is no sentence to go on in
    the next line (``… ارزیابی ریسک: 1402/08/15`` / ``اعلان\u200cهای ایمیلی …: ۱۴۰۲/۰۸/۱۵``, a
    document's details one a line, were joined under a width their lengths made). Wrapped prose
    does not end two lines in a row on a colon and a value without Persian.
    """
    marked = [": " in lines[index].content and _field(lines[index].content) for index in body]
    return {
        index
        for at, index in enumerate(body)
        if marked[at] and ((at > 0 and marked[at - 1]) or (at + 1 < len(body) and marked[at + 1]))
    }


def _set_one_a_line(body: list[int], roomy: list[bool]) -> set[int]:
    """Lines in runs of ``_SET_RUN`` or more in a row, each short of the wrap band with room left on it
    for the next line's first word (``roomy``, for each line of ``body`` but the last): lines set one a
    line, not a paragraph wrapped.

    A wrap leaves a line short of its band only where the next word is long, never three times in a
    row. Verse one hemistich a line, whose odd lines do not rhyme (a ghazal: ``یوسف گم گشته بازآید
    به کنعان غم مخور`` / ``کلبه احزان شود روزی گلستان غم مخور`` / ``ای دل غمدیده حالت به شود دل بد
    مکن`` / ``وین سر شوریده …``, 34 to 38 characters quoted in a text wrapped at 55) and a list's items
    without their marks were joined to one another and to the paragraph after them.
    """
    found: set[int] = set()
    run: list[int] = []
    for at, room in enumerate([*roomy, False]):
        if room:
            run.append(body[at])
            continue
        if len(run) >= _SET_RUN:
            found.update(run)
        run = []
    return found


def _ends_as_set(content: str) -> bool:
    """The line may end where a line set one a line ends: not on a sentence's end, a clause mark, a
    preposition, a conjunction or a word in construct, an extractor's embedding marks aside (``… بسط
    داده شد\u202a.\u202c\u202c`` ends a sentence; ``… مبنای کار ما،`` goes on: xrs_Vahid-Proposal.pdf)."""
    content = content.rstrip(_EMBEDDING_MARKS)
    return bool(content) and not (_ended(content) or content.endswith(_CLAUSE_MARKS) or _cut_in_phrase(content))


def _ended(content: str) -> bool:
    """A line's content ends a sentence or a proof (see _PROOF_END)."""
    return ends_sentence(content) or content.endswith(_PROOF_END)


_HYPHENATED = lazy_pattern(r"[A-Za-z]{2}-$")
_LOWER_START = lazy_pattern(r"^[a-z]{2}")
# A Latin word and a hyphen at a line's end, before a Persian word: a compound's hyphen, which goes
# on without a space (``… ناشی شده از dcpo-`` / ``ترتیب، وجود دارد``, xrs_Vahid-Proposal.pdf). Not a
# dash that closes an aside (``… کردستان -پ\u200cک\u200cک-`` / ``می\u200cداند …``, benchmark, a news passage).
_COMPOUND_HYPHEN = lazy_pattern(r"(?:^|\s)[A-Za-z][A-Za-z0-9]*-$")
# Wrapped lines end within this share of the wrap width; the lines that show the width must
# be at least this many; a prose wrap width is at least this many characters (poems are shorter).
_WRAP_BAND = 0.8
_MIN_WRAPPED = 2
# Fewer lines than this in the wrap band show a width too thinly to tell wrapped lines from lines a
# sentence long (see join_broken_lines).
_THIN_WIDTH = 3
# A sentence's final mark, before a space or the text's end (not a decimal point: `۳.۵`); bidi marks or
# embeddings or a citation between them leave it a final mark (`… است.\u200f`, `… است.[۲]`: see
# ends_sentence).
_MARKED_END = lazy_pattern(f"[.!?؟…][{BIDI_MARKS}{BIDI_EMBEDDINGS}]*(?:\\[[0-9۰-۹٠-٩]{{1,4}}\\])*(?=\\s|$)")
_MIN_WIDTH = 45
# No extractor or wrapper breaks prose lines this long: a wider "width" is the length of paragraphs
# one per line, a few of them without a full stop (clean shippable corpora cut into 40-line
# documents showed such widths of 172 to 1,157 characters, and their lines were joined). There
# only a line cut on a word that cannot end a sentence is joined (after a first round of joins
# in fod_README-fa.pdf, whose narrow and wide columns show two widths: `… میگذاشت. با`).
_MAX_WIDTH = 160
# Most mid-sentence line ends of a wrapped document crowd under its width (measured: at least
# 82 % in the sample article and 83 % in every benchmark document wrapped at 60–90 characters).
# In a document with one paragraph per line (the shippable documentation corpora) the lines that
# end without a full stop are headings and list introductions ending in a colon, of every length:
# at most 13 % of them crowd under any width. Such a document has no wrap width, and joining its
# lines would merge paragraphs an editor keeps apart (`… انجام دهید:` and the item after it).
_MIN_WRAPPED_SHARE = 0.5
# Lines short of the wrap band with room for the next word, this many in a row, are set one a line.
_SET_RUN = 3
# Joins this many in a row at least that end no sentence anywhere are a list's (see _unended_runs).
_MIN_UNENDED_JOINS = 2
# A text that sets this share of its lines apart with blank lines at least writes a paragraph or an item
# a line: there one join of two lines across a blank line, into a paragraph that ends no sentence, is
# two items set apart (``پیکربندی لاگ\u200cگذاری ساختاریافته و ردیابی توزیع\u200cشده`` / blank /
# ``پیاده\u200cسازی سیستم\u200cهای هشداردهی و پاسخ خودکار``, clean ms-beginners-fa-mt: the items' lengths
# made a width). Extractors' texts set fewer apart: pdftotext's of the 23 PDFs in ../shared/pdfs, 65 %
# at most (aut_main), 50 % in two-column pages, whose column breaks a join of two lines must cross
# (``… برای ارتقاء زبان فارسی و غنای واژگان`` / blank / ``نسخهٔ گسترش\u200cیافته ۶.۰ مفهومی``,
# chromium_2col.pdf).
_LINES_SET_APART = 0.9
# A line shorter than this share of the wrap width ends its paragraph even without a full stop.
_SHORT = 0.6
# A line shorter than that (but not than this share) was wrapped when its next word would not fit.
_NO_ROOM = 0.3
# A first line shorter than this share of the width and without final punctuation is a title.
_TITLE = 0.75
# Lines far longer than the width are paragraphs already (one per line), not wrapped lines.
_LONG = 1.35
# A document with this many such lines (and this share of its lines at least) holds paragraphs one
# per line: no extractor's page has them (none of the 23 PDFs in ../shared/pdfs, nor the sample
# article, has one before joining), clean documentation has them in almost every 40-line piece.
_MIN_LONG = 2
_LONG_SHARE = 0.05
# One line of prose this many times the width is a paragraph on one line even alone: no wrap at the
# width makes it, and a page's lines an extractor printed never run so long (a short text pasted
# from a documentation page: ``… استفاده کنید`` and ``نظارت: … تنظیم کنید``, items beside a
# paragraph of 165 characters, read as a paragraph wrapped at 62 and joined; clean gin-docs-fa).
_VERY_LONG = 2
# A text sets its paragraphs apart with blank lines when at least this many paragraph ends are
# followed by one (and none by a line): see :func:`_blank_lines_part_paragraphs`.
_MIN_SET_APART = 3
# A next word fits on a line when it leaves this share of the width free: character counts of
# proportional type vary that much (xelatex_prose.pdf: `… طراحی شده است.`, 67 characters, and
# `شما` would reach 71 of a width of 74, yet geometry says the line is full).
_ROOM = 0.95
# A text wrapped by characters (a plain-text wrapper, not a typesetter's glyph widths) leaves no
# room for the next word on the lines it wrapped. Measured on lines in the middle of a paragraph
# (benchmarks/layout.py, news seed 7, 60 documents a kind): 100 % of them in the wrapped and the
# visual documents, 98 % in those with misordered runs (a misordered line shows another first
# word); in the 15 PDFs in ../shared/pdfs whose text has such lines, 17 to 65 % (geometry, not
# characters, broke their lines). This share of such lines at least, of this many at least, shows
# such a wrap (see _character_width).
_NO_ROOM_SHARE = 0.9
_MIN_MIDDLE = 3
# In such a text, a line that opens a paragraph and leaves room for the next word is a heading or
# a paragraph of one line when it is this share of the wrapper's width at most, or ends on a verb,
# or the next line shows no mark of runs printed last-first (see _ends_with_its_content).
_SHORT_OF_WRAP = 0.9
# A heading or a paragraph of one line ends on no clause mark; no sentence opens with these words.
_CLAUSE_MARKS = ("،", "؛", ",", ";")
_NEVER_OPENS = frozenset(["و", "را", "که"])
# After a verb, these go on with the sentence more often than they open one (`… اجرا می\u200cکند` / `تا
# کیفیت هوا …`): a line after a verb that opens with one is joined to it as before (not after a colon,
# which introduces what follows).
_CLAUSE_GOES_ON = frozenset(["تا", "اما", "ولی", "زیرا", "چون", "چرا", "بلکه", "یا", "لیکن", "ولیکن", "مگر"])
# Left-to-right and right-to-left embeddings and their end, which pdftotext sets around marks.
_EMBEDDING_MARKS = "\u202a\u202b\u202c\u202d\u202e"
_NO_EMBEDDING_MARKS = dict.fromkeys(map(ord, _EMBEDDING_MARKS))
# A Latin term and its Persian gloss in brackets, nothing after them: a heading of translated
# documentation (``Non-Reactive Properties (پراپرتی\u200cهای نمونه مستقل از سیستم reactivity)``,
# vue-docs-fa). The shippable corpora hold 87 such lines alone and 187 paragraphs that open so;
# wrapped at 60 to 90 characters, 1.4 % of those paragraphs' first lines end right after the
# bracket, in the wrap band. A line so made that opens a paragraph ends with its content.
_TERM_AND_GLOSS = lazy_pattern(r"^[A-Za-z][A-Za-z0-9 ._-]{0,40} \([^()]*[\u0600-\u06ff][^()]*\)$")
# A word that ends sentences at least this often (log share, see LanguageModel.sentence_end_logprob)
# is a verb that may end a paragraph without its full stop: on the flush-right test PDFs the
# lines before a front end's unsure break that end so (`ارائه می\u200cدهد`: -1.06, `تأمین مالی کرد`:
# -1.17) all ended a paragraph; those inside one ended on nouns and names (-3.5 and below).
_VERB_END = -1.5


def _printed_length(content: str) -> int:
    """The length of a line with its spaces single, as the wrapper printed it.

    A stray double space (an extractor's or a typist's) lengthens a line beyond its wrap width, and
    one such line set the width a character too long: ``… از جاذبه\u200cهای این شهر:`` (58 characters)
    seemed to leave room for ``بازار`` under a width of 64 that a line with a stray space showed,
    where the text was wrapped at 63 (benchmark, wrapped ParsiNLU passage).

    ``content`` has no space around it (a line's content): its words, one space between each two,
    are what setting its runs of white space single (``re.sub(r"\\s{2,}", " ", content)``) leaves,
    counted without a pattern that scans every character (``str.split`` and ``\\s`` take the same
    characters for white space).
    """
    return len(" ".join(content.split()))


def _is_prose(line: Line, items: bool = False, tables: bool = True) -> bool:
    """A line of Persian prose (with ``items``, a list item's first line counts as one; without
    ``tables``, the text holds no table's cells: none of its lines was found to)."""
    content = line.content
    return (
        not line.blank
        and has_persian(content)
        and (items or not _LIST_ITEM().match(content))
        and not (tables and _has_table(content))
        and not line.text.startswith(("    ", "\t"))
    )


def wrap_width(lines: list[Line]) -> int:
    """The document's wrap width: where its mid-sentence line ends crowd (0: not a wrapped document).

    The line ends measured are those of lines of prose (no list items) that end in mid-sentence
    with more prose after them. Lengths are measured as printed (:func:`_printed_length`): a line
    whose runs an extractor printed apart, or a typist's stray double space, is no longer than the
    wrap allowed.
    """
    body = [index for index, line in enumerate(lines) if not line.blank]
    if len(body) <= _MIN_WRAPPED:
        return 0  # too few line ends to show a width (a paragraph on one line has none)
    prose = {index for index in body if _is_prose(lines[index])}
    open_ends = [a for a, b in itertools.pairwise(body) if a in prose and b in prose and not _ended(lines[a].content)]
    return _crowded_width([_printed_length(lines[a].content) for a in open_ends])


def _crowded_width(lengths: list[int]) -> int:
    """The width under which most of these line lengths crowd (see :func:`wrap_width`), or 0."""
    ordered = sorted(lengths)
    best_width, best_count = 0, 0
    for width in sorted(set(lengths)):
        # The lengths within the band below the width: _WRAP_BAND * width <= length <= width.
        count = bisect_right(ordered, width) - bisect_left(ordered, _WRAP_BAND * width)
        if count > best_count or (count == best_count and width > best_width):
            best_width, best_count = width, count
    if best_count < _MIN_WRAPPED or best_width < _MIN_WIDTH or best_count < _MIN_WRAPPED_SHARE * len(lengths):
        return 0
    return best_width


def _ends_sentence_before(line: Line, width: int) -> bool:
    """The last piece of the sentence before it, wrapped onto a line of its own.

    Closing punctuation alone (``...).``), a bracketed number's end (``۵).``), or a short line of
    Latin words (no Persian) that ends the sentence: ``button[data-v-f3f3eg9]).``, ``pinfo ).``
    (benchmark, wrapped vue-docs-fa and debian-handbook-fa paragraphs). A displayed formula
    (``lim kxk − zkk = ۰.``, with its signs) keeps its line, as in basemax_proceedings_persian.pdf.
    """
    content = line.content
    if not ends_sentence(content):
        return False
    if _CLOSING_ONLY().match(content) or _NUMBER_CLOSING().match(content):
        return True
    return (
        LATIN_LETTER.search(content) is not None
        and _LATIN_WORDS().match(content) is not None
        and _printed_length(content) < _SHORT * width
    )


def _room_after_colon(length: int, second: Line, width: int) -> bool:
    """The next line's first word would have fit after the colon, and no quotation opens there.

    The writer ended the line: ``… یادگیرندگان قادر خواهند بود:`` before the list's first item
    (clean ms-beginners-fa-mt), ``… گزاره زیر را داریم:`` before ``گزاره ۳.۲.``
    (basemax_proceedings_persian.pdf). A quotation after the colon goes on the same paragraph
    (the sample article: ``… در نشست دوحه گفت:`` / ``«طالبان متحد واقعی ما …``).
    """
    words = second.content.split()
    return bool(words) and length + 1 + len(words[0]) <= width and not words[0].startswith(("«", '"', "“"))


def _inside_brackets(content: str) -> bool:
    """The line ends inside a bracket it opened just before: its colon glosses, it introduces no list.

    ``… تحت نام تجاری فلاجیل (به انگلیسی:`` goes on ``Flagyl) و دیگر نام\u200cها …``, and ``… یوونتوس
    (انگلیسی: Juventus Football Club / لاتین:`` goes on too (benchmark, ParsiNLU passages; where the
    next line's runs were misordered its first word would have fit after the colon, and the line
    was taken for a list's introduction). The bracket opens at most three words before the colon,
    or holds a colon already. A bracket opened further back and left open (``برای محاسبه (۲P ∈
    Ep(Q گزاره زیر را داریم:``, a formula's brackets in basemax_proceedings_persian.pdf) says
    nothing.
    """
    opened: list[int] = []
    for index, ch in enumerate(content):
        if ch in "([":
            opened.append(index)
        elif ch in ")]" and opened:
            opened.pop()
    if not opened:
        return False
    inside = content[opened[-1] + 1 : -1]
    return len(inside.split()) <= 3 or ":" in inside


def _inline_numbers(lines: list[Line], body: list[int]) -> tuple[set[int], set[int]]:
    """Lines that open, and lines that end, on the number of a list that runs inside a paragraph.

    A paragraph may enumerate inline: ``… به\u200cکار می\u200cرود. ۱. انواع دیورتیک\u200cها، … ۲.
    بلوک\u200cکننده\u200cهای سمپاتیک، … (پرازوسین) ۳. شل\u200cکننده\u200cهای عروق، …`` (benchmark, a ParsiNLU
    passage wrapped at 60–90 characters). A wrap that falls before such a number makes the line look like a list's
    item (``۴. مهارکننده\u200cهای …``), one that falls after it makes the line look like a sentence's end
    (``… (پرازوسین) ۳.``). The number is inline when the number read just before it is the one
    before it (``۳.`` before ``۴.``), or the number read just after it is the one after it, within
    two lines, and that neighbour stands inside its line; a line's last number may also follow the
    number that opens its line (``۱. انواع … ۲.``). The items of a list one a line open their lines
    one after another, so their numbers never show that, and a number inside an item
    (``۲. … پایتون نسخه ۳. …``) is read before the next item's own.
    """
    # Every number in reading order: (position in body, line, value, mark, start, end).
    # A line is read for them where a digit stands before a full stop or a bracket, as in each of
    # them (``_has_digit_mark`` reads a line at a fraction of the cost of ``_NUMBER``, whose look-behind
    # is tried at every character): few lines hold one.
    numbers = _NUMBER()
    marks = [
        (at, index, int(m.group(1)), m.group(2), m.start(), m.end())
        for at, index in enumerate(body)
        if _has_digit_mark(lines[index].content)
        for m in numbers.finditer(lines[index].content)
    ]
    starts: set[int] = set()
    ends: set[int] = set()
    for k, (at, index, number, mark, start, end) in enumerate(marks):
        opens = start == 0
        closes = start > 0 and end == len(lines[index].content) and mark == "."
        if not (opens or closes):
            continue
        before = marks[k - 1] if k > 0 and marks[k - 1][0] >= at - 2 else None
        after = marks[k + 1] if k + 1 < len(marks) and marks[k + 1][0] <= at + 2 else None
        inline = (
            before is not None
            and before[2:4] == (number - 1, mark)
            and (before[4] > 0 or (closes and before[1] == index))
        ) or (opens and after is not None and after[1] != index and after[2:4] == (number + 1, mark) and after[4] > 0)
        # A line that opens on the first of three numbers in sequence, the next two inside it or
        # the line after (`۱. چهارپایان، ۲. خزندگان، ۳. آبزیان، …`: benchmark, a visual-order
        # ParsiNLU passage): an item one a line holds no two numbers after its own in sequence.
        if opens and not inline and k + 2 < len(marks):
            following = marks[k + 1 : k + 3]
            inline = all(
                other[0] <= at + 1 and other[2:4] == (number + step, mark) and other[4] > 0
                for step, other in enumerate(following, start=1)
            )
        if inline and opens:
            starts.add(index)
        if inline and closes:
            ends.add(index)
    return starts, ends


def _last_word(line: Line) -> str:
    words = line.content.split()
    return words[-1] if words else ""


def _cut_in_phrase(content: str) -> bool:
    """The line ends on a word after which its phrase must go on: a preposition or a conjunction
    (``… که``), or a word in construct (``… ویژگی\u200cهای``, see :func:`in_construct`); pdftotext's
    embedding marks after the word aside (``… از طریق SDK Manager می\u200cگذاشت. با\u202c``)."""
    word = content.rsplit(None, 1)[-1].rstrip(_EMBEDDING_MARKS)
    return word in OPEN_WORDS or in_construct(word)


# A line that may open a sentence starts with a word of letters (a name may carry `@`), not a
# formula (`xk+۱ = xk + dk و …`) nor a word that goes on a clause (`که`, `بطوریکه`).
# Its letters may carry marks and a ZWNJ (`لطفاً`, `می\u200cتوانید`), which are no word characters.
_OPENS_SENTENCE = lazy_pattern(
    r"^(?!(?:و|را|که|بطوریکه|به\u200cطوری\u200cکه)\s)@?[^\W\d_](?:[^\W\d_]|[\u064b-\u065f\u0670\u200c])*[،,:]?(?:\s|$)"
)


def _may_end_paragraph(content: str) -> bool:
    """The line ends on a word that ends sentences often (a verb: ``… ارائه می\u200cدهد``), with no
    clause mark after it: a paragraph or a list item may end there without its full stop."""
    word = content.rsplit(None, 1)[-1]
    if word.endswith(_CLAUSE_MARKS) or _cut_in_phrase(content):
        return False
    model = language_model()
    if not isinstance(model, LanguageModel):
        return False
    return model.sentence_end_logprob(scoring_form(word.rstrip(":"))) >= _VERB_END


@dataclass(frozen=True)
class _Document:
    """One wrapped text as the joins read it, each fact about its lines found once.

    ``body`` lists the lines with content; a place ``at`` in it names the pair of ``body[at]`` and
    the line after it. ``endings`` and ``labels`` (what :func:`_parallel` compares) hold the body's
    line ``at`` at ``at + 1``: beyond the body, a line ends on nothing and opens with no term.
    """

    lines: list[Line]
    body: list[int]
    prose: set[int]  # lines of prose, and lines an inline list's number opens (see _inline_numbers)
    ended: set[int]  # the lines of prose that end a sentence
    inline_ends: set[int]  # lines that end on an inline list's number, not a sentence's end
    open_ends: list[int]  # lines of prose that end in mid-sentence with prose after them
    printed: dict[int, int]  # each body line's length as printed (see _printed_length)
    width: int
    endings: list[str]  # each line's last word, a closing bracket read as one ending
    labels: list[bool]  # each line opens with a term and its colon or dash
    # Beside paragraphs one per line, the lines that crowd under the width are list items and
    # headings that happen to be alike in length (clean ms-beginners-fa-mt and openclaw-docs-fa-mt
    # lists), or what a first round of joins left of a second column.
    one_per_line: bool
    # The width a wrapper that counts characters wrapped the text at (0: not such a wrap; see _character_width).
    char_width: int
    char_limit: int  # and the most it may be: a line longer than this was not wrapped by it
    items: set[int]  # lines of a list one item a line, but its last (see _listed_items)
    verse: set[int]  # lines of a poem quoted among the prose (see quoted_verse)
    fields: set[int]  # lines of a list of fields (see _fields)
    one_a_line: set[int]  # short lines set one a line (see _set_one_a_line)
    # A trailing space marks a line (see _may_be_misordered) only where most lines have none: pypdf
    # ends every line with one (its text of xelatex_prose.pdf).
    trailing_marks: bool
    # Runs of lines opened by a term: wrapped or not, for each of their lines (see _wrapped_entries).
    entries: dict[int, bool] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str) -> _Document | None:
        """The text's lines, or ``None`` when it shows no wrap width or is verse (nothing to join)."""
        lines = split_lines(text)
        body = [index for index, line in enumerate(lines) if line.content]
        # A table's cells on a line are cells of the whole text (no line break between them): a text
        # without any has no line to look for them on.
        tables = _has_table(text)
        if _too_few_open_ends(lines, body, tables):
            return None  # paragraphs one a line (a later round): no width to find
        # A list numbered inside its paragraph, wrapped: its numbers open or end lines (see _inline_numbers).
        inline_starts, inline_ends = _inline_numbers(lines, body) if _has_digit_mark(text) else (set(), set())
        prose: set[int] = set()
        ended: set[int] = set()
        for index in body:  # each line read once for both
            line = lines[index]
            if _is_prose(line, items=index in inline_starts, tables=tables):
                prose.add(index)
                if _ended(line.content):
                    ended.add(index)
        open_ends = [a for a, b in itertools.pairwise(body) if a in prose and b in prose and a not in ended]
        # The width is read from the open ends' lengths alone, and the other lines are measured only
        # where there is one: a text of paragraphs one a line with a few open ends (a heading, a
        # list's introduction: a later round, most documents of a corpus) has none, and its long
        # lines are not measured (the second round's calls on 0.5 MB wrapped at 70: 8.4 -> 6.9 ms).
        opened = {a: _printed_length(lines[a].content) for a in open_ends}
        width = _crowded_width(list(opened.values()))
        unended = sorted(prose - ended)
        if not width or is_verse(lines, unended, open_ends):
            return None
        printed = {index: opened[index] if index in opened else _printed_length(lines[index].content) for index in body}
        endings: list[str] = [""]
        labels: list[bool] = [False]
        for index in body:
            content = lines[index].content
            word = content.rsplit(None, 1)[-1]  # a line of the body is never blank
            endings.append(")" if word.endswith(")") else _SEMICOLON if word.endswith(("؛", ";")) else word)
            # A term does not open on a conjunction: `یا سماغ: …` goes on the `سماک` that ends the line
            # before (`… نماد دلبستگی است. سماک`, benchmark, a ParsiNLU passage of definitions).
            labels.append(_labelled(content) and content.split(None, 1)[0] not in OPEN_WORDS)
        long_lines = sum(1 for index in body if printed[index] > _LONG * width)
        very_long = any(printed[index] > _VERY_LONG * width for index in prose)
        items = _listed_items(lines, body, prose, width)
        char_width, char_limit = _character_width(lines, body, open_ends, printed, width)
        return cls(
            lines,
            body,
            prose,
            ended,
            inline_ends,
            open_ends,
            printed,
            width,
            [*endings, "", "", ""],
            [*labels, False, False, False],
            one_per_line=very_long or long_lines >= max(_MIN_LONG, _LONG_SHARE * len(body)),
            char_width=char_width,
            char_limit=char_limit,
            items=items,
            verse=quoted_verse(lines, body),
            fields=_fields(lines, body) if ": " in text else set(),
            one_a_line=_set_one_a_line(
                body,
                # The lengths first: most lines of a wrapped text are in its band, and the line's
                # ending is asked of the few short of it.
                [
                    b == a + 1
                    and printed[a] < _WRAP_BAND * width
                    and a in prose
                    and a not in ended
                    and printed[a] + 1 + len(lines[b].content.split(None, 1)[0]) <= _ROOM * width
                    and _ends_as_set(lines[a].content)
                    for a, b in itertools.pairwise(body)
                ],
            ),
            trailing_marks=2 * sum(1 for index in body if lines[index].text[-1:].isspace()) < len(body),
        )


def _too_few_open_ends(lines: list[Line], body: list[int], tables: bool) -> bool:
    """Fewer lines than show a width (:func:`_crowded_width`) could end in mid-sentence before prose.

    Read before the document's lines are: a line of prose (an item or not) that ends no sentence,
    before another, is all an open end may be, and the reading stops at the second found.
    """
    found = 0
    for a, b in itertools.pairwise(body):
        first = lines[a]
        if not _ended(first.content) and _is_prose(first, True, tables) and _is_prose(lines[b], True, tables):
            found += 1
            if found >= _MIN_WRAPPED:
                return False
    return True


def _character_width(
    lines: list[Line], body: list[int], open_ends: list[int], printed: dict[int, int], width: int
) -> tuple[int, int]:
    """The width the text was wrapped at by a wrapper that counts characters, at least and at most
    (0, 0: no such wrap).

    Such a wrapper leaves no room for the next word on a line it broke. Measured on the lines in
    the middle of a paragraph (an open end after an open end: no heading, no paragraph's first
    line) in the wrap band, the widest of them is the width at least (a heading longer than the
    wrapped lines can widen :func:`wrap_width`'s), and the next word would not have fit on them: the
    shortest of them with its next word, less one, is the width at most. Where such a wrapper
    left room for the next word, the line ended where its content ended: a heading (``Render
    Modifiers (نحوه رندر شدن المان را تغییر …)``, 54 characters in a text wrapped at 83, before
    the paragraph ``گوگل این تغییر …``) or a paragraph of one line. An extractor measures glyphs,
    not characters: the next word would fit on most of its lines, and this finds no width there.
    """
    following = dict(itertools.pairwise(body))
    middle = [
        line
        for before, line in itertools.pairwise(open_ends)
        if following[before] == line and _WRAP_BAND * width <= printed[line] <= width
    ]
    if len(middle) < _MIN_MIDDLE:
        return 0, 0
    widest = max(printed[line] for line in middle)
    # With its next word, each line would have been longer than the width: the width is no more
    # than the shortest such length less one.
    reach = [printed[line] + 1 + len(lines[following[line]].content.split(None, 1)[0]) for line in middle]
    roomless = [length for length in reach if length > widest]
    if len(roomless) < _NO_ROOM_SHARE * len(middle):
        return 0, 0
    return widest, min(roomless) - 1


def _may_end_with_its_content(doc: _Document, at: int, first: int) -> bool:
    """What :func:`_ends_with_its_content` asks of ``body[at]`` before all else, cheap to ask first:
    the line is longer than the wrapper makes its lines, or the next line's first word (``first``
    characters) would have fit on it, or it opens with a Latin letter (a term and its gloss, see
    ``_TERM_AND_GLOSS``). A line the wrapper broke (most lines of such a text) is none of these."""
    length = doc.printed[doc.body[at]]
    opening = doc.lines[doc.body[at]].content[:1]
    return length > doc.char_limit or length + 1 + first <= doc.char_width or (opening.isascii() and opening.isalpha())


def _ends_with_its_content(doc: _Document, at: int, set_apart: bool) -> bool:
    """``body[at]`` opens a paragraph and ends where its content ends: a heading or a paragraph of
    one line, in a text a wrapper that counts characters wrapped (see :func:`_character_width`).

    The line is longer than the wrapper makes its lines (``Events (… reactive …)``, 71 characters in
    a text wrapped at 66: benchmark), or the wrapper would have taken the next line's first word
    onto it, with room to spare (a line
    whose next line's runs were misordered shows another first word there: a line wrapped this
    short needs a next word of 6 to 9 characters at least; where the next line shows an
    extractor's marks, :func:`_may_be_misordered`, the room must be there for its longest word:
    ``نیازمندی\u200cهای فالکوت مستلزم تغییر در فایل پیکربندی``, 49 characters at 66, before ``اعمال
    شده  گزیده …  /etc/samba/smb.conf است.``, benchmark, runs, shippable seed 4; paragraphs broken
    mid-sentence in that kind 92 → 87 on news 1 to 4, 7, 11 and shippable 1 to 4) or, closer to
    the width, the line ends
    on a verb (``چگونه مشارکت\u200cکننده\u200cها باید (یا نباید) با شما در تماس باشند``, 58 characters
    at 64, before ``آقای …``: benchmark, headed news) or the next line shows no extractor's mark of
    runs printed last-first (:func:`_may_be_misordered`: its first word is its own) and the line
    leaves no bracket open (``جزئیات بیشتر در مورد v-if: راهنما - Conditional Rendering``, 57
    characters at 62, before ``بنا به …``: benchmark, headed shippable; headings so joined, 56 → 43
    on news seeds 1 to 4, 7, 11 and shippable 1 to 4), and it opens a paragraph: the line
    before ends a sentence, or there is none, or no wrap ended it (:func:`_ends_short`), or
    (``set_apart``: the text sets its paragraphs apart with blank lines) a blank line parts them
    (benchmark, a running head left before a heading:
    ``محمد که از روش`` / blank / ``Template Dependencies (…)``). Not a line that ends on a preposition or a
    conjunction, a comma, or holds a sentence's end (no heading does), nor one before a line that
    opens on a word no sentence opens with (``و``, ``را``, ``که``): the line is prose wrapped, or
    its next line was misordered (benchmark, runs printed last-first: ``… باعث تقویت چشم …،`` /
    ``را برطرف …``). Nor one that leaves a round bracket open, however short: no heading does (of
    the shippable corpora's 7,227 lines of 2 to 20 words without a final mark, 6 do, each cut from
    its sentence), and the first word of a misordered next line seemed to fit (``مشکل آنجاست که
    … عنصری-صفتی (برای مثال``, 63 characters at 85, before ``کلاس-صفتی …``, where
    ``button[data-v-f3f3eg9])`` was the next word: benchmark, runs, shippable seed 4).
    """
    lines, body, width = doc.lines, doc.body, doc.char_width
    length = doc.printed[body[at]]
    longer = length > doc.char_limit  # than the wrapper makes its lines
    if (
        at > 0
        and not ends_sentence(lines[body[at - 1]].content)
        and not (set_apart and body[at - 1] < body[at] - 1)
        and not _ends_short(doc, at - 1)
    ):
        return False  # most lines: in the middle of a paragraph
    content = lines[body[at]].content
    following = lines[body[at + 1]]
    first = following.content.split(None, 1)[0]
    if _TERM_AND_GLOSS().match(content) and first not in _NEVER_OPENS:
        return True  # however close to the width (see _TERM_AND_GLOSS)
    if (
        _SHORT_OF_WRAP * width < length
        and not longer
        and not _may_end_paragraph(content)
        and (_may_be_misordered(following) or _open_bracket(content))
    ):
        return False  # too close to the width to tell
    # Where the next line's runs may have been printed last-first, any of its words may be its first:
    # the room is certain only for the longest.
    marked = _DOUBLE_SPACE().search(following.content) is not None or (
        doc.trailing_marks and following.text[-1:].isspace()
    )
    next_word = max(map(len, following.content.split())) if marked else len(first)
    return (
        (longer or length + 1 + next_word <= width)
        and not _cut_in_phrase(content)
        and not content.endswith(_CLAUSE_MARKS)
        and not _ends_a_sentence_inside(content)
        and first not in _NEVER_OPENS
        and not _open_bracket(content)
    )


def _ends_short(doc: _Document, at: int) -> bool:
    """``body[at]`` is short of the wrapper's width by more than the next line's first word: no wrap
    ended it, and the line after it opens a paragraph (``کارهای ادارای و حقوقی``, a heading of 21
    characters, and blank lines before the heading ``آماده\u200cسازی: آماده\u200cسازی سیستم …``, which
    was joined to its paragraph as if a sentence went on from the first: benchmark, headed)."""
    line, following = doc.lines[doc.body[at]], doc.lines[doc.body[at + 1]]
    length = doc.printed[doc.body[at]]
    words = following.content.split(None, 1)
    return (
        bool(words)
        and length < _SHORT * doc.char_width
        and length + 1 + len(words[0]) <= doc.char_width
        and not _cut_in_phrase(line.content)
    )


def _may_be_misordered(line: Line) -> bool:
    """The line shows an extractor's marks of runs printed last-first: a double space inside it or a
    trailing space (see :mod:`~dorost.fixes.layout.runs`). Its first word may then be another run's."""
    return _DOUBLE_SPACE().search(line.content) is not None or line.text != line.text.rstrip()


def _alone_between_paragraphs(doc: _Document, at: int) -> bool:
    """``body[at]`` stands alone between blank lines, after a paragraph's end (or first) and before
    a paragraph one a line: a heading or a paragraph of one line that a round of joins left alone.

    A text wrapped with headings between its paragraphs comes out of a first round of joins with
    its paragraphs one a line and set apart by blank lines, each heading alone between them; in
    the next round the headings are the lines that show a "width", and one that runs to it was
    joined to the paragraph after it (benchmark, headed documents: ``Composition (… ادغام …)``
    before ``از آنجا که قطر رئوس …``). A line cut on a preposition or a
    conjunction is joined still, and so are lines alone one after another (a column an extractor
    printed a blank line after each line of: fod_README-fa.pdf, ``… توسعه دهندگان ایرانی`` /
    ``با مشکل …``), whose next line is no paragraph one a line.
    """
    lines, body, printed = doc.lines, doc.body, doc.printed
    a, b = body[at], body[at + 1]
    if b == a + 1 or (at > 0 and body[at - 1] == a - 1):
        return False
    return (
        printed[b] > _LONG * doc.width
        and (at == 0 or ends_sentence(lines[body[at - 1]].content))
        and not _cut_in_phrase(lines[a].content)
    )


def _listed_items(lines: list[Line], body: list[int], prose: set[int], width: int) -> set[int]:
    """A list's introduction and its items one a line, all but the last: no line of them goes on.

    After a line ending in a colon, lines of prose that end no sentence and hold none, down to a
    last line short of the wrap band before a blank line or the text's end: a wrapped paragraph
    ends a sentence, and its last line is that sentence's end, so these are a list's items, each
    as long as its content, even where two of them happen to fill the width (``نام کامپوننت برای
    موارد زیر …:`` / ``خود ارجاعی بازگشتی (Recursive self-reference) در تمپلیت خود کامپوننت`` /
    ``نمایش در درخت بازرسی (inspection tree) کامپوننت متعلق به Vue DevTools`` / ``نمایش در …
    کامپوننت اخطار (warning)``: vue-docs-fa, 68, 69 and 44 characters; ``… از جلمه:`` and three
    items of http-explained-fa after paragraphs wrapped at 95). A quotation after the colon
    (``«``) is no list.
    """
    items: set[int] = set()
    run: list[int] = []  # the lines since an introduction, while they may be items
    for index in body:
        content = lines[index].content
        if run and (
            index not in prose
            or ends_sentence(content)
            or _ends_a_sentence_inside(content)
            or content.endswith(":")
            or (len(run) == 1 and content.startswith(("«", '"', "“")))
        ):
            run = []
        if run:
            run.append(index)
            following = index + 1
            if (following == len(lines) or lines[following].blank) and _printed_length(content) < _WRAP_BAND * width:
                if len(run) > 2:  # the introduction and two items at least
                    items.update(run[:-1])
                run = []
        if content.endswith(":") and index in prose:
            run = [index]
    return items


def _lone_dash(doc: _Document, at: int) -> bool:
    """``body[at]`` starts with a dash and no line beside it is a list item: not a list's item."""
    lines, body = doc.lines, doc.body
    if not _DASH_ITEM().match(lines[body[at]].content):
        return False
    return not any(
        0 <= other < len(body) and _LIST_ITEM().match(lines[body[other]].content) for other in (at - 2, at - 1, at + 1)
    )


def _parallel(doc: _Document, at: int) -> bool:
    """``body[at]`` and the next line are alike, and so is the line before or after them: list items.

    Items of a list one a line end on the same word (`… پیاده\u200cسازی خواهید کرد` / `… پیکربندی
    خواهید کرد` / `… مانیتور خواهید کرد`, clean ms-beginners-fa-mt; `… (روشی که … را تغییر
    می\u200cدهد)` / `… (فایل\u200cهایی که …)`, vue-docs-fa: a closing bracket counts as one ending), or open
    with a term and its colon or dash (`رهبری پروژه: …` / `طراحی معماری: …`). Three wrapped lines
    in a row do not; two may (benchmark, wrapped parsinlu passage: `اکیناسه: الکامیدها، …` /
    `ساکاریدها و گلیکوزیدها آقطی: …`). An entry does not end on a conjunction or a preposition: a
    line that does was wrapped (`سکه یا سنجد: نشانه روزی و مهر است. سیر: نشانه دوری از بیماری و`
    / `سرکه: نشانه شکیبایی است …`, a sentence of definitions like a benchmark ParsiNLU passage's),
    and a term does not open on one (`یا سماغ: …` after a line ending `… است. سماک`).
    Lines that end alike are no items when one of them holds a sentence end inside it: that is
    wrapped prose, where a word can end three lines in a row (`… در صدر فهرست تولید طلا` / `قرار
    داشت. در سال ۱۹۷۰ … ۷۹٪ کل طلا` / `تولید جهانی را به خود اختصاص بود. … در تولید طلا`,
    benchmark, a ParsiNLU passage about gold).
    """
    endings, labels = doc.endings, doc.labels
    word = endings[at + 1]
    if labels[at + 1] and labels[at + 2] and word not in OPEN_WORDS:
        # Two entries alone are a list's too when they also end alike (`تنظیم محیط: … پیکربندی کنید` /
        # `کاوش منابع: … مرور کنید`), or the second is longer than the width, which no wrap at it
        # makes (`هدف: … با استفاده از Managed Identity`, 94 characters, the "width", / `سناریو: …
        # فراخوانی شود.`, 114: clean ms-beginners-fa-mt). Two lines of a wrapped paragraph may
        # both open with a term (benchmarks/layout.py, news seed 1: paragraphs broken 0 -> 2 when
        # any two entries were taken for a list's).
        second = doc.printed[doc.body[at + 1]]
        if labels[at] or labels[at + 3] or endings[at + 2] == word or second > doc.width:
            return not _wrapped_entries(doc, at)
    if word == _SEMICOLON and all(endings[index + 1] == word for index in range(at - 2, at)):
        alike = [at - 2, at - 1, at]  # the last of three items or more that end on a semicolon
    elif not word or word in OPEN_WORDS or endings[at + 2] != word:
        return False
    else:
        alike = [index for index in range(at - 1, at + 3) if endings[index + 1] == word]
    if len(alike) < 3:
        return False
    return not any(_ends_a_sentence_inside(doc.lines[doc.body[index]].content) for index in alike)


def _last_entry(doc: _Document, at: int) -> bool:
    """``body[at]`` is the last entry of a definition list one entry a line: it and the two lines
    before it open with a term and its colon or dash, the next line opens with none, and not all
    three run to the wrap width with no room for the next word (entries end where their content
    ends; a paragraph of entries wrapped fills its lines, see :func:`_wrapped_entries`).

    The entries before it are kept apart as alike (:func:`_parallel`), but the last one was joined
    to the paragraph after it: ``امنیت: مدیریت هویت آماده، …`` / ``مدیریت هزینه: …`` / ``استقرار:
    فرمان واحد azd up برای راه\u200cاندازی کامل`` before ``این نسخه نمونه\u200cهای جامع …`` (clean
    ms-beginners-fa-mt, release notes). Not an entry that ends on a preposition, a conjunction or a
    word in construct, nor one before a line that opens no sentence (a formula), nor entries that end
    sentences, whose last may go on: ``گام ۱: … متوقف شوید.`` / ``گام ۲: … حل کنید.`` / ``گام ۳: …
    قرار دهید`` / ``xk+۱ = xk + dk و …`` (an algorithm's steps, basemax_proceedings_persian.pdf). A
    front end's text is left to its geometry.
    """
    labels = doc.labels  # labels[at + 1] is body[at]'s
    if at < 2 or labels[at + 2] or not (labels[at + 1] and labels[at] and labels[at - 1]):
        return False
    lines, body = doc.lines, doc.body
    if any(ends_sentence(lines[body[place]].content) for place in (at - 2, at - 1, at)):
        return False  # entries that end sentences: the last one's may go on (`گام ۳: … قرار دهید` / `xk+۱ = …`)
    if _cut_in_phrase(lines[body[at]].content) or not _OPENS_SENTENCE().match(lines[body[at + 1]].content):
        return False
    return not all(_wrapped_here(doc, place) for place in (at - 2, at - 1, at))


def _wrapped_entries(doc: _Document, at: int) -> bool:
    """The lines opened by a term, one after another around ``body[at]``, are one paragraph wrapped.

    Every one but the last runs to the wrap width without ending a sentence, line after line, and
    the last ends one, no longer than the width (a line of the same wrap): ``اکیناسه: الکامیدها، …
    پلی ساکاریدها و گلیکوزیدها`` / ``آقطی:
    گلیکوزیدهای …، سامبوسیگوین و فلاونول (کرستین) ریشه`` / ``ختمی: لیزاب، … پلی فنولیک.``
    (benchmark, a ParsiNLU passage naming plants and what they hold, wrapped at 83 characters).
    The entries of a definition list one a line are as long as their content: they do not all
    crowd under one width, and the last does not alone end a sentence. Lines of the rest of the
    text (its open ends) must show the width too: entries alike in length alone could. And no
    two of the lines open on the same term: a wrap does not, a list's exercises do.

    ``body[at]`` and ``body[at + 1]`` open with a term (as :func:`_parallel` asks), so the group is
    the whole run of such lines around them, the same for every ``at`` in it: its answer is kept
    in ``doc.entries`` for each of them, and a run of n lines costs n, not n² (one text of 8,000
    term lines took 16 s).
    """
    body, labels, entries, width = doc.body, doc.labels, doc.entries, doc.width
    if body[at + 1] != body[at] + 1:
        return False
    if at in entries:
        return entries[at]
    first = at
    while first > 0 and labels[first] and body[first - 1] == body[first] - 1:
        first -= 1
    last = at + 1
    while last + 1 < len(body) and labels[last + 2] and body[last + 1] == body[last] + 1:
        last += 1
    group = [body[index] for index in range(first, last + 1)]
    lines, printed = doc.lines, doc.printed
    wrapped = (
        ends_sentence(lines[group[-1]].content)
        and printed[group[-1]] <= width
        and all(
            _WRAP_BAND * width <= printed[index] <= width and not ends_sentence(lines[index].content)
            for index in group[:-1]
        )
    )
    if wrapped:
        # The width is the rest of the text's too: entries alike in length alone show none.
        members = set(group)
        others = sum(1 for index in doc.open_ends if index not in members and _WRAP_BAND * width <= printed[index])
        wrapped = others >= _MIN_WRAPPED
    if wrapped:
        # A term that opens two of the lines is a list's: a wrap does not open two lines of one
        # paragraph on the same term and its colon (`تمرین: تغییر متغیرهای محیطی …` / `تمرین: بررسی
        # عامل AI …` / `تعریف: PRD …` / `تمرین: سفارشی\u200cسازی …` / `مرور: چرا … استفاده کنیم؟`,
        # exercises of clean ms-beginners-fa-mt one a line, 36 to 42 characters, were joined).
        terms = [lines[index].content.split(None, 1)[0] for index in group]
        wrapped = len(set(terms)) == len(terms)
    for index in range(first, last):
        entries[index] = wrapped
    return wrapped


def _continued(doc: _Document, at: int) -> bool:
    """``body[at + 1]``, no line of prose, goes on the sentence of ``body[at]``."""
    lines, body, width = doc.lines, doc.body, doc.width
    first, second = lines[body[at]], lines[body[at + 1]]
    length = doc.printed[body[at]]
    # A dash that opens a line after a line wrapped at the width, with no list around it, is
    # the sentence's dash (benchmark, wrapped vue-docs-fa: `… باز نکنید :)` / `- شما با …`).
    dash = _WRAP_BAND * width <= length and _is_prose(second, items=True) and _lone_dash(doc, at + 1)
    # `#` opens a heading, but no heading follows a line cut on a preposition or a conjunction at
    # the width: there it is a shell prompt's sign in the sentence (benchmark, visual-order
    # debian-handbook-fa: `… برای کاربران با دسترسی بالا به` / `# ختم می\u200cشود) که …`).
    prompt = (
        second.content.startswith("#")
        and _WRAP_BAND * width <= length
        and _last_word(first) in OPEN_WORDS
        and _is_prose(second, items=True)
    )
    # `۱۹۶)` opens a line as an item's number would, but closes the bracket the line before left
    # open: the wrap fell inside it (benchmark, a wrapped ParsiNLU passage: `… (سوره بقره آیه` /
    # `۱۹۶) بیان می\u200cکنند.`).
    closing = (
        _WRAP_BAND * width <= length
        and _BRACKETED_NUMBER().match(second.content) is not None
        and _is_prose(second, items=True)
        and _open_bracket(first.content)
    )
    return dash or prompt or closing or _ends_sentence_before(second, width)


def _open_bracket(content: str) -> bool:
    """The line leaves a round bracket open."""
    depth = 0
    for ch in content:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth > 0


def _paragraph_gap(doc: _Document) -> int:
    """How many blank lines the text sets between its paragraphs, where no blank line tears a
    paragraph (0: it does not set them apart so).

    Each paragraph that ends short of the wrap band is followed by a blank line (three of them at
    least, none directly by a line), and a line wrapped at the width is followed by one only
    when it stands alone between a paragraph's end and a blank line. Then the blank lines are
    the writer's (or the PDF front end's, which sets geometric paragraphs apart with them), and
    such a line is a paragraph of its own: a list's introduction (``فایل اصلی PDF/LaTeX با
    جدول\u200cهای چهار ستونه:`` before ``طرح\u200cنامه به صورت …``, the generated *_2col.pdf) or a
    paragraph of one line (``از آنجا که … منتهی به اعمال وحشیانه\u200cای`` before ``احدی را
    نمی\u200cتوان …``, xelatex_prose.pdf). Where blank lines fall inside paragraphs, at page or
    column breaks (the sample article: ``… به رسمیت شناختن طالبان گفت این اقدام که پس از`` /
    blank / ``ماه\u200cها …``; xrs_Navid-Khazaee.pdf, whose list items have a blank line after each
    printed line), a paragraph end is found without one, or a wrapped line after another.

    The gap is the count of blank lines most paragraph ends are followed by (the fewest of the
    most frequent counts): one more than twice as wide is where a page ended (see :func:`_wrapped_here`).
    """
    lines, body, prose, printed, width = doc.lines, doc.body, doc.prose, doc.printed, doc.width
    gaps: Counter[int] = Counter()
    # The widest run of three blank lines or more after a line that ends no sentence: a page break
    # whose number and running head were removed leaves the blank lines around them (``… بیمه
    # بی\u200cکاری همچنان`` / three blank lines / ``به کسانی تعلق می\u200cگیرد …``: benchmark, headed news
    # set apart by one blank line, whose headings were joined to their paragraphs across a blank
    # line once the gap was lost). More than twice the gap, it says nothing of the gap: the join
    # goes across it where the line was wrapped (see join_broken_lines).
    page_gap = 0
    for at in range(len(body) - 1):
        a, b = body[at], body[at + 1]
        blank = b > a + 1
        length = printed[a]
        if b not in prose or not (a in prose or (_WRAP_BAND * width <= length and _is_prose(lines[a], items=True))):
            continue
        sentence_end = ends_sentence(lines[a].content)
        if not sentence_end and b - a - 1 > 2:
            page_gap = max(page_gap, b - a - 1)
            continue
        if sentence_end:
            if blank:
                gaps[b - a - 1] += 1
            elif length < _WRAP_BAND * width or length + 1 + len(lines[b].content.split()[0]) <= _ROOM * width:
                # A paragraph ended without a blank line: no wrap left it this short, or the next
                # word would have fit on it with room to spare (benchmark, wrapped vue-docs-fa at
                # 64: `… آموزش می\u200cدهد.`, 52 characters, before `ما نمی\u200cتوانیم …`).
                return 0
        elif blank and length >= _WRAP_BAND * width and at > 0:
            # Alone: a blank line before it, and the line before that ended its paragraph.
            before = body[at - 1]
            if before == a - 1 or not (ends_sentence(lines[before].content) or printed[before] < _SHORT * width):
                return 0  # a blank line inside a wrapped paragraph: a page or column artefact
    if gaps.total() < _MIN_SET_APART:
        return 0
    gap = min(gaps, key=lambda gap: (-gaps[gap], gap))
    return gap if page_gap > 2 * gap or not page_gap else 0


def _width_shown_inside_paragraphs(doc: _Document) -> bool:
    """Lines inside a paragraph (an open end after an open end) show the width, two at least.

    Beside paragraphs one per line (what a round of joins leaves) the lines that still end in
    mid-sentence may be headings alone: their own lengths make a "width" they all run to, and the
    next word never fits on one (benchmark, headed documents in a second round: ``کامل کردن بازی:
    یادگیری … ری\u200cاکت``, 62 characters, the "width" 62, joined to the paragraph after it). A column
    an extractor printed a line at a time shows its width inside its paragraphs too
    (fod_README-fa.pdf: ``با مشکل … مواجه بوده`` after ``… توسعه دهندگان ایرانی``). A colon ends
    an introduction, not a wrapped line: a list's item after it (``screenMenu: یک بولین اختیاری …
    یا خیر``, clean vitepress-docs-fa) shows no width.
    """
    following = dict(itertools.pairwise(doc.body))
    lines, width, printed = doc.lines, doc.width, doc.printed
    inside = sum(
        1
        for before, line in itertools.pairwise(doc.open_ends)
        if following[before] == line
        and _WRAP_BAND * width <= printed[line] <= width
        and not (lines[before].content.endswith(":") or lines[line].content.endswith(":"))
    )
    return inside >= _MIN_WRAPPED


def _wrapped_here(doc: _Document, at: int, least: float = _WRAP_BAND) -> bool:
    """``body[at]`` is this share of the wrap width at least and the next line's first word would
    not have fit on it.

    In a text that sets its paragraphs apart with blank lines this is all that tells a wrapped line
    from a paragraph's end or a heading: a wrap that fell on a sentence's end (``… به کار می\u200cرود.``
    before ``این کشورها …`` with no blank line between, benchmark, headed news), or a page break
    right after a paragraph's first line (``… تا ۸۰٪ از مردم نیازهای``, a page number and a
    running head, ``اولیهٔ بهداشتی خود را …``; ``باید از ComponentExposed از کتابخانه``, 36
    characters, before ``vue-component-type-helpers``, 26, in vue-docs-fa wrapped at 60). In a
    wrap by characters the width is that of its widest line inside a paragraph, and no line is
    longer than its width at most (:func:`_character_width`).
    """
    lines, body, printed = doc.lines, doc.body, doc.printed
    length = printed[body[at]]
    width, limit = (doc.char_width, doc.char_limit) if doc.char_width else (doc.width, doc.width)
    words = lines[body[at + 1]].content.split(None, 1)
    return bool(words) and least * width <= length <= limit and length + 1 + len(words[0]) > width


def join_broken_lines(
    text: str, config: Config, kept: Sequence[tuple[int, int]] = (), unsure: Sequence[tuple[int, int]] = ()
) -> list[Change]:
    """Join lines broken in mid-sentence and remove blank lines that split a sentence.

    Paragraph ends, titles, short lines, lists, tables and poems keep their lines. ``kept``
    (sorted spans of line breaks) are paragraph breaks a front end knows from elsewhere (a PDF's
    geometry): no join crosses one. ``unsure`` are breaks it saw but is not sure of: no join
    crosses one after a line that may end its paragraph, ending on a verb with no clause mark,
    before a line that may open a sentence (flush-right PDFs: ``… ارائه می\u200cدهد`` / ``Ghost،
    یک سازمان …``, two items of a list); a line that ends on a noun, or before a formula or a
    clause's conjunction, still goes on (``… قرار دهید`` / ``xk+۱ = xk + dk و …``,
    basemax_proceedings_persian.pdf).

    >>> from dorost import fix
    >>> damaged = (
    ...     "نشریه دیپلمات در گزارشی درباره به رسمیت شناختن طالبان گفت این اقدام که پس از\\n\\n"
    ...     "ماه\u200cها نشانه\u200cگذاری دیپلماتیک توسط روسیه اتخاذ شد، عمدتاً ناشی از نگرانی\u200cهای\\n"
    ...     "امنیتی مسکو است.")
    >>> fix(damaged).count("\\n")
    0
    """
    if "\n" not in text or not has_persian(text):
        return []
    doc = _Document.read(text)
    if doc is None:
        return [] if kept or unsure else _cut_after_a_sentence_end(text)
    lines, prose, ended, printed, width = doc.lines, doc.prose, doc.ended, doc.printed, doc.width
    one_per_line, char_width, verse, items = doc.one_per_line, doc.char_width, doc.verse, doc.items
    fields, one_a_line, inline_ends = doc.fields, doc.one_a_line, doc.inline_ends
    # Blank lines the text sets between its paragraphs, and never inside one, are paragraph breaks.
    # Not beside paragraphs one per line: those are what a round of joins leaves, its paragraph
    # breaks widened to blank lines, and the lines alone there are misordered or torn lines
    # that round could not join yet (benchmark, misordered runs, a later round).
    gap = 0 if one_per_line else _paragraph_gap(doc)
    shown_inside = one_per_line and _width_shown_inside_paragraphs(doc)
    # Lines that show the width: two or three are as likely lines a sentence long, one a line.
    thin = sum(1 for a in doc.open_ends if _WRAP_BAND * width <= printed[a] <= width) < _THIN_WIDTH
    set_apart = _lines_set_apart(doc.body)  # see _LINES_SET_APART
    # and whether it wraps its paragraphs there (a text an extractor double-spaced)
    set_apart_wrapped = set_apart and _width_shown_inside_paragraphs(doc)
    # A text that ends no sentence with a mark anywhere is written a sentence a line (a message, a
    # note, a list without its bullets), not wrapped: wrapped prose ends sentences inside its lines
    # too. As where no wrap shows, only a line cut on a preposition, a conjunction or a word in
    # construct goes on, and not across a blank line: the writer's, there, and a join across one would
    # widen every other break to a blank line. (A front end's geometry knows its wraps.)
    unpunctuated = not (kept or unsure) and not _MARKED_END().search(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    joins: list[Change] = []
    breaks: list[tuple[int, int]] = []
    joined: set[int] = set()  # the lines a join made one paragraph of
    goes_on: set[int] = set()  # and those of them joined to the line after
    dropped_blank = False
    kept_starts = [start for start, _end in kept]
    unsure_starts = [start for start, _end in unsure]
    front_end = bool(kept or unsure)  # the text is a front end's, which knows the wraps from geometry
    chosen: list[int] = []  # the places ``at`` joined
    for at, (a, b) in enumerate(itertools.pairwise(doc.body)):
        first, second = lines[a], lines[b]
        content = first.content
        length = printed[a]
        if a in verse or b in verse:
            if not (a in verse and b in verse):
                breaks.append((first.end, second.start))  # a poem's lines are left as they are
            continue
        if a in fields or b in fields or a in one_a_line:
            # A field's value ends its line (see _fields); so do short lines set one a line (see _set_one_a_line).
            breaks.append((first.end, second.start))
            continue
        # A list item wrapped at the width goes on in the next line (`۲- در مورد افرادی … جوانب`
        # / `گوناگون آن را …`): joined when it runs to the wrap width and the next line is no item.
        if a not in prose and not (_WRAP_BAND * width <= length and _is_prose(first, items=True)):
            continue
        if b not in prose and not _continued(doc, at):
            continue
        # `… (پرازوسین) ۳.` ends on the number of the next item of an inline list, not a sentence.
        ends_sentence = a in ended if a in prose else _ended(content)
        ends_sentence = ends_sentence and a not in inline_ends
        if ends_sentence:
            # A sentence end at a line end is taken as a paragraph end, but where the text sets its
            # paragraphs apart, a line the wrap ended on one goes on in the next (no blank line).
            join = bool(gap) and b == a + 1 and a in prose and _wrapped_here(doc, at)
        elif gap and b > a + 1 and not _cut_in_phrase(content):
            # The text's own paragraph break (see _paragraph_gap). A line cut on a preposition or a
            # conjunction ends no paragraph: a later round of joins, whose paragraphs are set apart
            # already, still joins it (benchmark, a news passage whose misordered line `… حتی شکار
            # همواره کودکان خود و` stood alone). Nor does a gap more than twice as wide, where a
            # page ended: the blank lines that set its number and running head apart are left.
            join = b - a - 1 > 2 * gap and _wrapped_here(doc, at, _NO_ROOM)
        elif one_per_line and _alone_between_paragraphs(doc, at):
            join = False  # a heading a round of joins left alone (see _alone_between_paragraphs)
        elif a in items:
            join = False  # `… برای موارد زیر …:` / `خود ارجاعی بازگشتی …` / `نمایش در …` (see _listed_items)
        elif _parallel(doc, at):
            join = False  # `تنظیمات فنی: پیکربندی …` / `محیط کارگاه تعاملی: مواد …`
        elif not front_end and _last_entry(doc, at):
            join = False  # `… استقرار: فرمان واحد azd up برای راه\u200cاندازی کامل` / `این نسخه …`
        elif (
            content.endswith(":")
            and not _inside_brackets(content)
            and (
                length < _WRAP_BAND * width
                or one_per_line
                or (set_apart and b > a + 1 and not set_apart_wrapped)
                or _room_after_colon(length, second, width)
            )
        ):
            # A colon ends a list's or a quotation's introduction: a paragraph end unless the
            # line runs to the wrap width (then the break is the wrap's, not the writer's) in a
            # wrapped document (beside paragraphs one per line, it is the writer's: `… را شامل
            # می\u200cشود:` before the list, clean openclaw-docs-fa-mt). So it is before a blank line
            # in a text that sets its lines apart with them and wraps no paragraph (no two lines in
            # a row show the width): `… اختصاص می\u200cدهد:` / blank / `علاوه بر اینکه …`, clean
            # vue-docs-fa paragraphs whose lengths made a "width" of 160. One an extractor
            # double-spaced shows its width inside its paragraphs, and a colon its wrap fell after
            # goes on (benchmarks/layout.py's wrapped news, double-spaced: without that condition,
            # paragraphs broken mid-sentence 0 -> 5 and 6 on seeds 7 and 1).
            join = False
        else:
            # A line short of the width whose next word would not have fit on it was wrapped too
            # (benchmark, wrapped debian-handbook-fa: `… در میلینگ لیست` / `debian-boot@lists…`).
            words = second.content.split(None, 1)
            no_room = bool(words) and length + 1 + len(words[0]) > width
            # So is a short first line, in a text a wrapper that counts characters wrapped, when the
            # next word would not have fit on it: a title leaves room for a paragraph's first word
            # (`نیازمندی\u200cهای فالکوت مستلزم تغییر در فایل پیکربندی`, 49 characters at 66, before
            # `/etc/samba/smb.conf است.`: benchmark, wrapped debian-handbook-fa; of the short first
            # lines of 1,200 such documents, 203 titles left room, the one wrapped line did not).
            wrapped_first = bool(char_width) and no_room and length + 1 + len(words[0]) > char_width
            is_title = at == 0 and length < _TITLE * width and not wrapped_first
            if (width > _MAX_WIDTH or one_per_line or (unpunctuated and b == a + 1)) and _cut_in_phrase(content):
                join = True
            elif width > _MAX_WIDTH or unpunctuated or (one_per_line and not no_room):
                # No wrap: only a line that ends on a preposition or a conjunction was cut. So too
                # beside paragraphs one per line, where a line whose next word would have fit on it
                # ended where its content ended (a list item: `… به عنوان کد` / `پیاده\u200cسازی
                # الگوهای …`, clean ms-beginners-fa-mt): a wrap would have taken the word.
                # Extractors' lines are measured in glyphs, not characters (the next word fits on
                # 60 % of the lines joined in the PDFs), but their pages hold no line far longer
                # than the width. A line joined already is one (fod_README-fa.pdf, a second round:
                # `… در تنظمیات IDE به` / `Appearance & Behavior …`).
                join = False
            elif one_per_line and not shown_inside:
                # Beside paragraphs one per line, the lines that show a "width" and no line inside a
                # paragraph does are headings and items, whose own lengths set it (see
                # _width_shown_inside_paragraphs).
                join = False
            elif (
                char_width
                and _may_end_with_its_content(doc, at, len(words[0]))
                and _ends_with_its_content(doc, at, gap > 0)
            ):
                join = False  # the wrapper would have taken the next word (a heading, a paragraph of one line)
            elif char_width and a not in prose and length + 1 + len(words[0]) <= char_width:
                # A list's item the wrapper would have taken the next word onto ends with its content:
                # the list's last item before a paragraph (`• کاهش تقاضای مصرفی … در ماه\u200cهای اخیر`
                # / `بانک مرکزی روز گذشته …`). One wrapped leaves no room (`۲- … جوانب` / `گوناگون …`).
                join = False
            elif not front_end and printed[b] > _LONG * width and _OPENS_SENTENCE().match(second.content):
                # The next line is far longer than the width and opens a sentence: no wrap at the width
                # made it, it is a paragraph on one line, and the line before it ends where its content
                # ends (`استقرار: فرمان واحد azd up برای راه\u200cاندازی کامل`, 47 characters, the "width"
                # 47, before `این نسخه نمونه\u200cهای جامع …`, 167; `نقش Owner یا Contributor در اشتراک یا
                # گروه منابع` before `این یک مثال سطح متوسط است. …`, 68 at 48: clean ms-beginners-fa-mt,
                # items whose lengths made the width). One that opens on a sentence's last word goes on
                # the line before: a round of joins made it long (`… مواجه بوده` / `اند. این تحریم …`,
                # fod_README-fa.pdf's narrow column in the second round).
                join = False
            else:
                no_room = no_room and length >= _NO_ROOM * width
                join = not is_title and (_SHORT * width <= length or no_room) and length <= _LONG * width
        if join and kept_starts:
            index = bisect_left(kept_starts, first.end)
            join = index == len(kept_starts) or kept_starts[index] >= second.start
        if join and unsure_starts and _may_end_paragraph(content) and _OPENS_SENTENCE().match(second.content):
            index = bisect_left(unsure_starts, first.end)
            join = index == len(unsure_starts) or unsure_starts[index] >= second.start
        # Beside paragraphs one a line, a line that ends on a word that ends sentences (a verb), before
        # one that opens a sentence, ends there: a list's items alike in length show a "width" of their
        # own (`… را درک خواهید کرد` / `دستورات اصلی … را تشخیص دهید`, clean ms-beginners-fa-mt and
        # openclaw-docs-fa-mt). So too where two or three lines at most show the width (`thin`): a short
        # message one sentence a line, without full stops (`… برگزار می\u200cشود` / `لطفاً به موقع …`).
        # Not in a wrapped text, where a sentence's verb often ends a line before more of it
        # (benchmarks/layout.py, seed 7: paragraphs broken mid-sentence 18 -> 75 in all kinds).
        if (
            join
            and (one_per_line or thin)
            and not front_end
            and _may_end_paragraph(content)
            and _OPENS_SENTENCE().match(second.content)
            and (content.endswith(":") or second.content.split(None, 1)[0] not in _CLAUSE_GOES_ON)
        ):
            join = False
        if join and front_end and content.endswith(":") and _OPENS_SENTENCE().match(second.content):
            # A front end measures glyphs, not characters: whether the next word had room after the
            # colon is its geometry's to say, and a colon it found wrapped it joins itself (its
            # wraps). Else the writer ended the line there (`… به یاد داشتن آن\u200cها ارزش دارد:` /
            # `مشارکت چگونه تعریف …`, an item after it: a flush-right page of opensource-guide).
            join = _inside_brackets(content)
        if not join:
            breaks.append((first.end, second.start))
            continue
        chosen.append(at)
    unended = _unended_runs(doc, chosen, set_apart) if chosen and not front_end else set()
    for at in chosen:
        a, b = doc.body[at], doc.body[at + 1]
        first, second = lines[a], lines[b]
        content = first.content
        if at in unended:
            breaks.append((first.end, second.start))
            continue
        start = first.start + len(first.text.rstrip())
        end = second.start + len(second.text) - len(second.text.lstrip())
        dropped_blank = dropped_blank or b > a + 1
        joined.update((a, b))
        goes_on.add(a)
        if content.endswith("-") and _HYPHENATED().search(content) and _LOWER_START().match(second.content):
            joins.append(Change(start - 1, end, "", 0.8))
        elif content.endswith("-") and _COMPOUND_HYPHEN().search(content) and has_persian(second.content[:1]):
            joins.append(Change(start, end, "", _JOINED))
        else:
            joins.append(Change(start, end, " ", _JOINED))
    if not joins:
        return []
    # A paragraph's last line keeps no trailing space (taken with the paragraph break after it,
    # where blank lines are dropped): see _unmarked.
    tails: dict[int, int] = {}
    for index in sorted(joined):
        line = lines[index]
        joins.extend(_unmarked(line))
        if index not in goes_on and len(line.text.rstrip()) < len(line.text):
            tails[line.end] = line.start + len(line.text.rstrip())
    if dropped_blank:
        separator = newline * 2
        joins.extend(Change(tails.pop(start, start), end, separator, 0.7) for start, end in breaks)
    joins.extend(Change(start, end, "", _JOINED) for end, start in tails.items())
    joins.sort(key=lambda change: change.start)
    return joins


# The words a line is cut on where no width shows (see _cut_after_a_sentence_end).
_CUT_WORDS = OPEN_WORDS - {"که"}


def _cut_after_a_sentence_end(text: str) -> list[Change]:
    """Joins in a text that shows no wrap width: a line that ends a sentence inside it and then ends
    on a preposition or a conjunction goes on in the next line of prose, across one blank line at
    most; one that ends on a word in construct goes on in the line right after it.

    Both lines are printed lines, no longer than any wrap makes (``_MAX_WIDTH``): a paragraph on one
    line that stops so was cut short where it came from (benchmarks/layout.py, news passages that
    end ``… باید از روش های علمی و``, joined to the paragraph after them when this was not asked).
    A sentence that opens inside a line and stops on such a word was cut by a wrap: no writer ends a
    line, a paragraph or an item so (``… از طریق SDK Manager می\u200cگذاشت. با`` / blank / ``فراگیر شدن
    مخزن jCenter …``: fod_README-fa.pdf's narrow column through pdftotext, whose lines a first round
    of joins left beside paragraphs one a line, each line set apart by a blank line, and whose line
    ends then show no width; ``… آدرس\u200cهای ایمیل را با دقت چک کنید و از`` / ``کانال\u200cهای ارتباطی
    …``, cyberaware_fa.pdf, whose lines show none). A list of words or phrases ends no sentence inside
    a line. Not ``که``, after which documentation sets a formula or code apart that plain text loses
    (``… برای نمونه می\u200cخواهیم بدانیم که`` / blank / ``از آنجا که …``, clean openlogic-fa-mt; ``… توجه
    کنید که`` / ``کلمات کلیدی export default …``, clean react-docs-fa), nor a word in construct before
    a blank line, where a figure may stand (``… برای تصویر شماره\u200cی`` / blank / ``تنظیم می\u200cشود، …``,
    xrs_Vahid-Proposal.pdf).
    """
    lines = split_lines(text)
    body = [index for index, line in enumerate(lines) if line.content]
    joins: list[Change] = []
    for a, b in itertools.pairwise(body):
        first, second = lines[a], lines[b]
        if b - a > 2 or not _is_prose(first) or not _is_prose(second) or not has_persian(second.content[:1]):
            continue
        if _printed_length(first.content) > _MAX_WIDTH or _printed_length(second.content) > _MAX_WIDTH:
            continue  # a paragraph on one line, no printed line (see the docstring)
        content = first.content
        word = content.rsplit(None, 1)[-1].rstrip(_EMBEDDING_MARKS)
        cut = word in _CUT_WORDS or (b == a + 1 and in_construct(word))
        if cut and _ends_a_sentence_inside(content):
            start = first.start + len(first.text.rstrip())
            end = second.start + len(second.text) - len(second.text.lstrip())
            joins.append(Change(start, end, " ", _JOINED))
    return joins


def _lines_set_apart(body: list[int]) -> bool:
    """The text sets its lines apart with blank lines: a blank line after ``_LINES_SET_APART`` of
    the lines of its ``body`` (but the last) at least."""
    breaks = len(body) - 1
    return breaks > 0 and sum(1 for a, b in itertools.pairwise(body) if b > a + 1) >= _LINES_SET_APART * breaks


def _unended_runs(doc: _Document, chosen: list[int], set_apart: bool) -> set[int]:
    """The places of ``chosen`` (joins, in order) whose runs of joins would make a paragraph of three
    lines at least that ends no sentence anywhere: a list's items one a line, not a paragraph wrapped.

    A paragraph wrapped at a width ends on its sentence's final mark (or a colon, introducing what
    follows), and wrapped prose ends sentences inside its lines too. Items without bullets, one a
    line, end on neither: their lengths alike make a "width" of their own, and each was joined to
    the next (``درک پیکربندی لاگ\u200cهای پیشرفته و تکنیک\u200cهای تحلیل لاگ`` / ``پیاده\u200cسازی
    پروفایلینگ عملکرد و استراتژی\u200cهای پایش`` / ``استفاده مؤثر از ابزارها …``: clean
    ms-beginners-fa-mt, 54 of the 91 joins made on 5,600 stretches of the shared corpora as their
    writers set them). A run that holds a line cut on a preposition, a conjunction or a word in
    construct goes on (a sentence does there: a note without full stops, a text that ends in
    mid-sentence), and so do two lines joined alone (``… منتهی به اعمال`` / ``وحشیانه\u200cای``: a
    paragraph without its final mark, chromium_prose.pdf's pdftotext text) unless a longer run of the
    text is undone, or the join crosses a blank line in a text that sets its lines apart with them
    (see ``_LINES_SET_APART``).
    """
    lines, body, prose = doc.lines, doc.body, doc.prose
    undone: set[int] = set()
    single: set[int] = set()  # joins of two lines alone that end no sentence
    run: list[int] = []
    for k, at in enumerate(chosen):
        run.append(at)
        if k + 1 < len(chosen) and chosen[k + 1] == at + 1:
            continue  # the run goes on
        contents = [lines[body[place]].content for place in run] + [lines[body[at + 1]].content]
        # A sentence's last piece without Persian, on a line of its own right after the run, ends it
        # (``… الهام گرفته شده است`` / ``[2]_.``, a reference: pep8-fa wrapped at 70).
        after = body[at + 2] if at + 2 < len(body) and body[at + 2] == body[at + 1] + 1 else None
        if (
            not contents[-1].endswith(":")
            and not any(_ended(content) or _ends_a_sentence_inside(content) for content in contents)
            and not any(_cut_in_phrase(content) for content in contents[:-1])
            and not (after is not None and after not in prose and _ended(lines[after].content))
        ):
            # Where the text sets its lines apart with blank lines, two lines joined across one into
            # a paragraph that ends no sentence are two items (see _LINES_SET_APART).
            across = set_apart and any(body[place + 1] > body[place] + 1 for place in run)
            (undone if len(run) >= _MIN_UNENDED_JOINS or across else single).update(run)
        run = []
    # Where the text shows its habit of items one a line (a run undone), a join of two lines alone
    # that ends no sentence either is one more pair of its items (``… از هویت\u200cهای جداگانه استفاده
    # کنید`` / ``رازها را به\u200cصورت منظم بچرخانید``, clean ms-beginners-fa-mt's practices).
    return undone | single if undone else undone


def _ends_a_sentence_inside(content: str) -> bool:
    """A sentence ends inside the line's content, as written or as pdftotext embeds its final mark.

    >>> _ends_a_sentence_inside("قرار داشت. در سال"), _ends_a_sentence_inside("کرد\u202a .\u202cدر واقع")
    (True, True)
    >>> _ends_a_sentence_inside("نسخه ۳.۵ منتشر شد"), _ends_a_sentence_inside("فایل config.json را")
    (False, False)
    """
    if _INNER_SENTENCE_END().search(content):
        return True
    return "\u202a" in content and _EMBEDDED_SENTENCE_END().search(content.translate(_NO_EMBEDDING_MARKS)) is not None


def _unmarked(line: Line) -> list[Change]:
    """The double spaces of a line joined into a paragraph, made single.

    A double space and a trailing space are an extractor's marks of one printed line whose runs it
    misordered (see :mod:`~dorost.fixes.layout.runs`), and :func:`reorder_reversed_runs` has
    judged the line as printed before the join. Left in the paragraph, they read as marks of the
    whole paragraph, and the next round moved its sentences across the printed lines: on
    benchmarks/layout.py (misordered runs, news seeds 1, 3, 7, 11 and shippable 1, 3, both gap
    styles) 3 lines were reordered so after a join, all wrongly (``اما پژوهشگران … تجویز
    می\u200cشود. نام علمی … است. این``: the marks of the misordered line ``اما پژوهشگران …`` read
    as the paragraph's), and none is now; paragraphs broken mid-sentence 52 → 50.
    """
    if "  " not in line.content:
        return []  # no double space (most lines): the pattern is not asked
    offset = line.start + len(line.text) - len(line.text.lstrip())
    return [Change(offset + m.start(), offset + m.end(), " ", _JOINED) for m in _DOUBLE_SPACE().finditer(line.content)]
