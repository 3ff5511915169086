"""The fix itself: :func:`restore_spacing`, which finds the suspect stretches of a text and records their edits.

The text's runs of Persian words (outside URLs, paths and abbreviations) are judged at once by the lexicon; only the
runs with a suspect word or pair are read again, each stretch of suspect words with its neighbours as context
(:func:`dorost.fixes.spacing.lattice.segment`), and the separators the best reading changes become the edits, with
the reading's margin as their confidence, where the text-wide signs agree.
"""

from __future__ import annotations

import math
import sys
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, count, pairwise, repeat
from operator import add, contains

from dorost.chars import ZWNJ
from dorost.config import Config
from dorost.edits import Change
from dorost.fixes.spacing.compounds import LISTED_FRAGMENT
from dorost.fixes.spacing.lattice import Window, prepare, segment
from dorost.fixes.spacing.lexicon import FUNCTION_WORD_TEXT, LET_GO, SPACED_ONLY, Lexicon, OwnWords, shared_lexicon
from dorost.fixes.spacing.readings import PLURAL_ENDS_JOINED, candidates
from dorost.fixes.spacing.signs import OWN_WORD_LETTERS, OWN_WORD_TIMES, Echo, Signs, read_signs
from dorost.fixes.spacing.units import JOIN, NONE, PLAIN, SPACE
from dorost.fixes.spacing.words import (
    AND,
    ATTACHED,
    BOUND_MORPHEMES,
    DETERMINERS,
    HEH_COPULA,
    LETTER_ENDINGS,
    MARKS,
    POSSESSIVES,
    PREFIX_LIKE,
    RUN,
    TO,
    joins_next,
)
from dorost.text import SpanSet, protected

# A text that writes this many ZWNJs and shows none lost or turned into a space keeps its ZWNJs: two free words run
# together there lost a space (``_fix_window``). Text that lost ZWNJs at random keeps a few (the realistic dev lines
# that looked so with one or two were damaged), so one or two are no such evidence. Chosen on the dev split.
KEPT_ZWNJ_TEXT = 3
# A text that writes this many ZWNJs and turned none into a space keeps the spaces it sets between two words
# (``_authors_space``); chosen on the dev split (1: mixed damage that kept one ZWNJ lost others to spaces).
KEPT_SPACE_ZWNJS = 2
# A piece that running text writes only inside a compound it writes this often is no word of its own (المللی).
COMPOUND_PIECE_TEXT = 30
# How many times the text must write two parts with a ZWNJ for a boundary between them elsewhere to follow it
# (``_echoed``).
ECHO_SIGHTINGS = 1
# A text that writes two words apart more often than this many times what its share of affixes set apart explains
# writes them both ways: its spaces stay (``_echo_spaced_pairs``). Chosen on the news articles of
# ``benchmarks/article.py``, seed 2 (at 2, clean articles got changes).
ECHO_APART_EXCESS = 1.0
# The confidence of a ZWNJ set before a tail standing alone in a text that lost its ZWNJs to spaces
# (``_join_spaced_tails``): no reading's gain measures it.
SPACED_TAIL_CONFIDENCE = 0.8
# The confidence of a possessive or تری standing alone joined to the word before it (``_join_spaced_endings``).
SPACED_ENDING_CONFIDENCE = 0.8
# The possessive that no free word of Persian spells (شان is also dignity, مان a name: توماس مان).
_NEVER_A_WORD_POSSESSIVE = "تان"
# A stretch of neighbouring suspect words is read as one window; real damage makes windows of a few words (at most 5
# in 2 MB of news), but a long line that is all damage (كتاب مي شود a thousand times) would make one window whose
# lattice grows with the line: 130 KB took 3.4 s and 200 MB. Longer stretches are cut, preferably at a pair that is
# no candidate for a join within the last few words.
MAX_WINDOW = 32
_WINDOW_CUT_REACH = 8
# The share of a text's own rare word's probability that its count in the text gives (``_own_words``): the rest is
# the model's. Chosen on the news articles of ``benchmarks/article.py`` (at 0.1, terms that the text writes on their
# own were carved out of compounds the text writes whole: کاکاپرده, مونوفسفات).
OWN_WORD_SHARE = 0.03
# The confidence of a ZWNJ set because the text itself writes the same two parts with a ZWNJ elsewhere (``_echoed``):
# the author's spelling, not a reading's gain; the one value no other edit of the fix takes, so that the record says
# which edits followed the document.
ECHO_CONFIDENCE = 0.77


def _confidence(gain: float) -> float:
    return round(min(0.99, 1.0 / (1.0 + math.exp(-gain / 2.0))), 3)


def _fix_run(
    lex: Lexicon,
    run: str,
    offset: int,
    words: list[str],
    flagged: list[bool],
    pairs: list[int],
    changes: list[Change],
    signs: Signs,
) -> None:
    """Re-segment the stretches of a run (``words``, at ``offset`` in the text) around its flagged words and suspect
    pairs (``Lexicon.word_verdicts``, ``Lexicon.pair_verdicts``)."""
    count = len(words)
    if SPACED_ONLY in pairs:
        said = True if signs.all_spaced() else LET_GO
        pairs = [said if verdict == SPACED_ONLY else verdict for verdict in pairs]
    if True in pairs:
        for k, said in enumerate(pairs):
            if said is True:
                flagged[k] = flagged[k + 1] = True
    if LET_GO in pairs and True in flagged:
        # A chain of words joined by let-go pairs is flagged where one of them or a word beside the chain is (the
        # stretch there is as if the pairs were suspect); only a chain on its own is not read again.
        chains: list[list[int]] = []
        for k, said in enumerate(pairs):
            if said == LET_GO:
                if chains and chains[-1][1] == k:
                    chains[-1][1] = k + 1
                else:
                    chains.append([k, k + 1])
        grown = True
        while grown:
            grown = False
            for first, last in chains:
                if not all(flagged[first : last + 1]) and True in flagged[max(0, first - 1) : last + 2]:
                    flagged[first : last + 1] = [True] * (last + 1 - first)
                    grown = True
    if True not in flagged:
        return
    for k in [k for k in range(count) if flagged[k] and not lex.index(words[k])]:
        # An unknown word and a neighbour that a moved or a lost space explains (همی نتاریخ: همین تاریخ; تو پخانه:
        # توپخانه) are read together: the neighbour is a word, so neither flags the pair.
        if k > 0 and not flagged[k - 1] and lex.torn_neighbour(words[k - 1], words[k]):
            flagged[k - 1] = True
        if k + 1 < count and not flagged[k + 1] and lex.torn_neighbour(words[k], words[k + 1]):
            flagged[k + 1] = True
    if AND in words:
        # A letter and a two-letter name of a letter joined by و (ویتامین\u200cهای ک و سی): names of letters, each a
        # word of its own, not pieces of broken words to join to a neighbour (ویتامین\u200cها یک). A lone letter by و
        # beside a whole word (کنی د و رفت) or another lone letter (عزیز م و ه مچنین) is the commoner broken word.
        for k in list(compress(range(count), flagged)):
            if (
                len(words[k]) == 1
                and words[k] != AND
                and (
                    (k + 2 < count and words[k + 1] == AND and lex.letter_name(words[k + 2]))
                    or (k > 1 and words[k - 1] == AND and lex.letter_name(words[k - 2]))
                )
            ):
                flagged[k] = False
    # The stretches of flagged words, each re-segmented with its neighbours as context.
    positions = list(compress(range(count), flagged))
    if not positions:
        return
    copula = HEH_COPULA in run  # a word in silent ه and است run together may be here (``copula_unit``)
    made = len(changes)  # the changes of this run start here (``_join_spaced_tails``)
    # Each word's offset in the text: the lengths of the words before it and a space after each.
    starts = list(map(add, accumulate(map(len, words), initial=offset), range(count)))
    first = last = positions[0]
    for k in positions[1:]:
        if k != last + 1 or k - first == MAX_WINDOW:
            if k == last + 1:
                # A stretch this long is no damage of running text (real windows are a few words) but hostile
                # or machine-made input; it is cut so that each window's lattice stays small, at the last pair of
                # the stretch that is no candidate for a join, where one is near.
                cut = next((j for j in range(k, k - _WINDOW_CUT_REACH, -1) if pairs[j - 1] is False), k)
                _fix_window(lex, words, starts, first, cut, changes, signs, copula)
                first = cut
            else:
                _fix_window(lex, words, starts, first, last + 1, changes, signs, copula)
                first = k
        last = k
    _fix_window(lex, words, starts, first, last + 1, changes, signs, copula)
    if signs.all_spaced():
        _join_spaced_tails(lex, words, starts, changes, made)


def _join_spaced_tails(lex: Lexicon, words: list[str], starts: list[int], changes: list[Change], made: int) -> None:
    """Set a ZWNJ before a tail standing alone (مدل سازی, موضع گیری) that no reading joined, in a text that turned its
    ZWNJs into spaces (``Signs.all_spaced``), where running text writes the compound with its ZWNJ more often than its
    two words apart (مدل\u200cسازی, not زمینه سازی, which running text writes both ways as often).

    Such a compound is rare in running text, so the language model's pair of two frequent words outscores it; but the
    text lost every ZWNJ to a space, and the tail (``Lexicon.tails``: سازی, گیری, نشین) is a second part that running
    text hardly ever writes alone. The first word is a free word of running text (no suffix: های بینی) and no
    determiner (یک بینی)."""
    lm = lex.lm
    done = {change.start for change in changes[made:]}
    for k in range(len(words) - 1):
        first, second = words[k], words[k + 1]
        if second not in lex.tails or not joins_next(first[-1]) or first in DETERMINERS or not lex.free(first):
            continue
        space = starts[k + 1] - 1
        if space in done or lm.text_count(first + ZWNJ + second) <= lm.bigram_count(first, second):
            continue
        changes.append(Change(space, space + 1, JOIN, SPACED_TAIL_CONFIDENCE))


# The comparative with the indefinite or ezafe ی (مناسب\u200cتری): no word of its own (تری is Terry, now and then).
_COMPARATIVE_Y = "تری"
_COMPARATIVE = "تر"
# The endings that ``_join_spaced_endings`` joins to the word before them.
_SPACED_ENDINGS = frozenset((*POSSESSIVES, _COMPARATIVE_Y))


def _join_spaced_endings(
    lex: Lexicon, runs: list[tuple[int, str]], words: list[str], ends: list[int], changes: list[Change]
) -> None:
    """Join a possessive or the comparative تری standing alone (مخاطب تان, کاربران تان, مناسب تری) to the word before
    it, in a text that turned its ZWNJs into spaces (``Signs.all_spaced``). The possessive pronouns are suffixes,
    written joined to their word (Academy of Persian Language and Literature, دستور خط فارسی: کتابتان, کتابشان), with a
    ZWNJ only after silent ه (خانه\u200cتان), or as running text writes that very word (انتظارات\u200cتان); تر is
    written joined or set off by ZWNJ (Academy: بزرگ\u200cتر), as running text writes that adjective's comparative.

    تان is no word of its own, so it joins any free word of running text (not a function word) unless running text
    writes the two apart more often than together; شان (dignity: در شان او) and مان (توماس مان) join only where running
    text writes the word with that possessive more often than apart, تری only a word whose comparative running text
    writes (مناسب\u200cتر). No reading joins them: the model counts the pair from running text that wrote it apart now
    and then, and a word with its ending is rare or unseen."""
    lm = lex.lm
    seen = lm.text_count
    # Where the readings changed the text: a word they changed (مان ند read as مانند) is not the word it was.
    done = sorted(change.start for change in changes)
    first_word = 0
    for (start, _run), end in zip(runs, ends, strict=True):
        if _SPACED_ENDINGS.isdisjoint(words[first_word + 1 : end]):
            first_word = end
            continue
        # Each word's offset in the text: the lengths of the words before it in the run and a space after each.
        offsets = list(map(add, accumulate(map(len, words[first_word:end]), initial=start), count()))
        for k in range(first_word + 1, end):
            ending = words[k]
            if ending not in _SPACED_ENDINGS:
                continue
            first = lex.key(words[k - 1])
            if not lex.free(first) or first in DETERMINERS or (len(first) < 3 and seen(first) >= FUNCTION_WORD_TEXT):
                continue
            joined, set_off = seen(first + ending), seen(first + ZWNJ + ending)
            apart = lm.bigram_count(first, ending)
            if ending == _COMPARATIVE_Y:
                comparative = seen(first + _COMPARATIVE) + seen(first + ZWNJ + _COMPARATIVE)
                if not comparative or apart >= joined + set_off + comparative:
                    continue
                joined += seen(first + _COMPARATIVE)
                set_off += seen(first + ZWNJ + _COMPARATIVE)
            elif apart > joined + set_off or (ending != _NEVER_A_WORD_POSSESSIVE and apart >= joined + set_off):
                continue
            space = offsets[k - first_word] - 1
            # Any change inside the word, the ending or at the space after it (a change at the space before the word
            # joins it to the one before, هیچ کدام شان: the ending joins the compound, هیچ\u200cکدام\u200cشان).
            if bisect_right(done, space + len(ending) + 1) > bisect_left(done, space - len(words[k - 1]) + 1):
                continue
            after_heh = not joined and first.endswith("ه")
            glue = JOIN if (set_off > joined or after_heh) and joins_next(first[-1]) else NONE
            changes.append(Change(space, space + 1, glue, SPACED_ENDING_CONFIDENCE))
        first_word = end


def _fragment_pair(lex: Lexicon, first: str, second: str) -> bool:
    """True when two neighbours are a word of running text torn by a space into pieces one of which is a short entry
    of the word lists only (کو فه: کوفه; ``listed_fragment``)."""
    a, b = lex.key(first), lex.key(second)
    count = lex.lm.text_count
    return (
        ZWNJ not in a + b
        and count(a + b) > 0
        and any(len(piece) <= LISTED_FRAGMENT and not count(piece) and piece in lex.lm.ids for piece in (a, b))
        and max(count(a), count(b)) < FUNCTION_WORD_TEXT
    )


def _own_words(lex: Lexicon, window: list[str], signs: Signs) -> OwnWords:
    """The text's own rare words (``Vocabulary``) that the window's letters hold, each with what it adds to a reading's
    score (nats): its probability mixed with its share of the text's words, as a cache language model does, less its
    probability in the model (a word of the lists only that the text writes twice in 800 words: some 3.6 nats). Empty,
    most often."""
    vocabulary = signs.vocabulary
    if vocabulary is None:
        return ()
    words = vocabulary.words(lex)
    if not words:
        return ()
    keys = [MARKS.sub("", lex.key(word)).replace(ZWNJ, "") for word in window]
    letters = "".join(keys)
    # A word the text itself writes whole again and again (بوداگرایی, twice) keeps its letters: no own word (بودا) is
    # read inside it.
    whole = [False] * len(letters)
    at = 0
    for key in keys:
        if vocabulary.every.get(key, 0) >= OWN_WORD_TIMES:
            whole[at : at + len(key)] = [True] * len(key)
        at += len(key)
    longest = vocabulary.longest
    lm = lex.lm
    found: dict[str, float] = {}
    for start in range(len(letters) - OWN_WORD_LETTERS + 1):
        for end in range(start + OWN_WORD_LETTERS, min(len(letters), start + longest) + 1):
            times = words.get(letters[start:end])
            if times and (whole[start] or whole[end - 1]) and letters[start:end] not in keys:
                continue
            if times:
                index = lm.ids.get(letters[start:end], 0)
                model = lm.unigram_logprob(index) if index else lex.unknown_logprob(letters[start:end])
                mixed = (1 - OWN_WORD_SHARE) * math.exp(model) + OWN_WORD_SHARE * times / vocabulary.total
                found[letters[start:end]] = round(math.log(mixed) - model, 3)
    return tuple(sorted(found.items()))


def _torn_own_words(lex: Lexicon, words: list[str], apart: frozenset[int], signs: Signs) -> list[int]:
    """The pairs of neighbours (by the first's place) whose letters run together spell one of the text's own rare words
    (``Vocabulary``: وی تامین, where the text writes ویتامین again and again): a word torn by a space, read again though
    each piece is a word of its own. Not across two runs (``apart``), nor after a determiner: دو لپه (two cotyledons) is
    a phrase, though the text also writes the compound دولپه (a dicot)."""
    vocabulary = signs.vocabulary
    if vocabulary is None or not vocabulary.words(lex):
        return []
    heads = vocabulary.heads()
    own = vocabulary.words(lex)
    return [
        k
        for k in range(len(words) - 1)
        if words[k] in heads
        and k not in apart
        and words[k] not in DETERMINERS
        and words[k] + words[k + 1] in own
        and words[k] + words[k + 1] in lex.lm.ids
    ]


def _fix_window(
    lex: Lexicon,
    words: list[str],
    starts: list[int],
    first: int,
    last: int,
    changes: list[Change],
    signs: Signs,
    copula: bool = False,
) -> None:
    """Re-segment words[first:last] (with their neighbours as context) and record the changes."""
    # One string object per word in the memories' tuple keys, whatever the text it came from.
    before = sys.intern(words[first - 1]) if first > 0 else None
    after = sys.intern(words[last]) if last < len(words) else None
    window = list(map(sys.intern, words[first:last]))
    # A commonly joined spelling (آنها) is kept unless the text shows it lost its ZWNJs, or where the text writes every
    # such word of the stretch joined again and again and never otherwise (``_Usage``).
    kept = [word for word in window if lex.index(word) in lex.kept_joined]
    keep = bool(kept) and (not signs.loss or all(signs.usage.joined_only(lex, word) for word in kept))
    # Unknown words are priced as likelier glued where the text shows glued words (only asked when one is here).
    glued = any(not lex.index(word) or lex.listed_glue(word) for word in window) and bool(signs.glue)
    # A word that may have lost a ZWNJ with the text's others (شدهاست, آکسونها; ``_build_lattice``).
    lost = (
        (copula and any(word.endswith(HEH_COPULA) for word in window))
        or any(word.endswith(PLURAL_ENDS_JOINED) and not lex.index(word) for word in window)
    ) and bool(signs.loss)
    # Two free words may be one word torn apart where the text shows torn words (``Window.torn``).
    torn = (
        len(window) > 1
        and any(
            (lex.free(first) and lex.free(second) and lex.key(first) + lex.key(second) in lex.lm.ids)
            or _fragment_pair(lex, first, second)
            for first, second in pairwise(window)
        )
        and bool(signs.torn)  # read last: the sign reads the whole text
    )
    spaced = signs.all_spaced()
    # A document-dependent part of the reading's scores: a key of both memories, which every text shares.
    own = _own_words(lex, window, signs)
    key = (keep, glued, lost, torn, spaced, before, tuple(window), after, own)
    if lex.window_cache.get(key, False) is None:
        return  # seen before: the input reading stays
    window_key = (keep, glued, lost, torn, spaced, key[6], own)
    if window_key in lex.prepared_cache:
        prepared = lex.prepared_cache[window_key]
    else:
        prepared = prepare(lex, window, keep, glued, lost, torn, spaced, dict(own))
        lex.prepared_cache.keep(window_key, prepared)
    if prepared is None:
        return
    if key in lex.window_cache:
        found = lex.window_cache[key]
    else:
        found = segment(lex, prepared, before, after)
        lex.window_cache.keep(key, found)
    if found is None:
        return
    letters = prepared.letters
    base = starts[first]
    offsets = [base + offset for offset in prepared.offsets]
    original = prepared.original
    separators, gain = found
    confidence = _confidence(gain)
    # The end of a word of the reading whose ZWNJ after به is not written (below) and whose rest is no word: the
    # reading's other closed spaces inside that word go with it (به کار رفتهاند read as به\u200cکاررفته\u200cاند must
    # not leave کاررفته\u200cاند behind; به کار گیری may leave کارگیری); its ZWNJs inside input words stay
    # (رفته\u200cاند).
    dropped_until = -1
    for k, (label, sep) in enumerate(zip(original, separators, strict=True)):
        was = PLAIN.get(label, label)
        if was == sep or (k < dropped_until and was == SPACE):
            continue
        if sep == JOIN and not joins_next(letters[k]):
            sep = NONE  # never a ZWNJ after ا د ذ ر ز ژ و
            if was == sep:
                continue
        if was == NONE and sep == JOIN and not signs.loss:
            # Letters run together, in a text with no sign of lost ZWNJs (no گروههای, no میشود).
            head, tail, whole = _reading_parts(prepared.text_letters, separators, k)
            if lex.lm.ids.get(whole, 0) in lex.kept_joined:
                continue  # a commonly joined spelling carved out of glued words (آنهامواجه: آنها مواجه) stays joined
            if _listed_word_kept(lex, prepared.text_letters, original, separators, k):
                continue
            if (
                signs.usage.zwnjs() >= KEPT_ZWNJ_TEXT
                and not signs.spaced
                and lex.free(head)
                and lex.free(tail)
                and lex.apart_more(head, tail)
                and not signs.usage.sets_off(head)
            ):
                # The text writes its ZWNJs (KEPT_ZWNJ_TEXT at least, none turned to a space), so two free words run
                # together lost the space between them, not a ZWNJ, where running text writes them apart more often
                # (بهصورت: به صورت; تهیهشده: تهیه شده; not پیادهسازی, whose ZWNJ spelling running text prefers) and
                # the text never sets the first off by ZWNJ (به\u200cویژه: its author's habit is به\u200cعنوان).
                sep = SPACE
        if sep != JOIN and was != JOIN and signs.echo is not None:
            # A boundary the reading moves (شدهاست split, آن ها joined) where the text writes the same two parts
            # with a ZWNJ elsewhere: the author's spelling.
            head, tail, _whole = _reading_parts(prepared.text_letters, separators, k)
            if _echoed(lex, signs.echo, head, tail):
                changes.append(Change(*_span(words, starts, offsets, k), JOIN, ECHO_CONFIDENCE))
                continue
        if was == NONE and sep == SPACE and _authors_word(lex, prepared.text_letters, original, k, signs):
            continue
        if (
            was == NONE
            and sep == SPACE
            and joins_next(letters[k])
            and signs.lost_all()
            and (
                _lost_zwnj_pair(lex, prepared, separators, k)
                or _zwnj_spelled_pair(lex, prepared.text_letters, separators, k)
            )
        ):
            sep = JOIN  # جدولمحور, بهصورت in a text that lost all its ZWNJs: جدول\u200cمحور, به\u200cصورت
        if (
            was == SPACE
            and sep == JOIN
            and _after_preposition_to(letters, original, k)
            and not (signs.loss or signs.spaced)
        ):
            # به ویژه in a text that lost no ZWNJ is the author's: the Academy writes the preposition apart
            # (به\u200cویژه is a house style); in a text that did (گروههای, می شود), the space may be a lost ZWNJ.
            end = next((m for m in range(k + 1, len(separators)) if separators[m] == SPACE), len(separators))
            if not candidates(lex, prepared.text_letters[k + 1 : end + 1]):
                dropped_until = end
            continue
        if (
            was == SPACE
            and sep == JOIN
            and not signs.spaced
            and (signs.usage.zwnjs() or signs.loss)  # a text that writes no ZWNJ and lost none says nothing
            and _authors_space(lex, prepared.text_letters, separators, k, signs.usage.zwnjs())
        ):
            continue
        changes.append(Change(*_span(words, starts, offsets, k), sep, confidence))


def _listed_word_kept(lex: Lexicon, letters: str, original: list[str], separators: list[str], k: int) -> bool:
    """True when the reading sets a ZWNJ after letter ``k`` inside an input word that the model knows as written
    (running text or the word lists: همگرا), spelling a word it knows in no form with that ZWNJ (هم\u200cگرا: an
    analysis of a prefix and a tail). In a text with no sign of lost ZWNJs the author's spelling of a known word is
    no damage, and an unattested analysis no evidence against it."""
    plain = [PLAIN.get(label, label) for label in original]
    start = k
    while start > 0 and plain[start - 1] != SPACE:
        start -= 1
    end = k + 1
    while end < len(plain) and plain[end] != SPACE:
        end += 1
    if any(separators[m] == SPACE for m in range(start, end)):
        return False
    written = "".join(letters[m] + (ZWNJ if m < end and plain[m] == JOIN else "") for m in range(start, end + 1))
    reading = "".join(letters[m] + (ZWNJ if m < end and separators[m] == JOIN else "") for m in range(start, end + 1))
    return bool(lex.lm.ids.get(written, 0)) and reading not in lex.lm.ids


def _authors_word(lex: Lexicon, letters: str, original: list[str], k: int, signs: Signs) -> bool:
    """True when the input word around letter ``k``, which the reading splits, is a word of the word lists that running
    text never writes, that the text writes whole again and again (``OWN_WORD_TIMES``) and also makes words of
    (ناشمارا, شمارایی: two words run together take neither), while the text, not counting it, shows too few glued words
    for the glue sign: the author's word (شمارا, countable, in a logic textbook: not شما را, though running text writes
    that pair far more often). A text that writes it only alone (کتاب شمارا خواندم), or a joined spelling that running
    text writes (هریک), is still repaired."""
    vocabulary = signs.vocabulary
    if vocabulary is None:
        return False
    word = _reading_parts(letters, [PLAIN.get(label, label) for label in original], k)[2]
    if not lex.lm.ids.get(word, 0) or lex.lm.text_count(word):
        return False
    vocabulary.words(lex)  # counts ``every``
    if vocabulary.every.get(word, 0) < OWN_WORD_TIMES:
        return False
    return vocabulary.derives(word) and not vocabulary.glued_besides(lex, word)


def _span(words: list[str], starts: list[int], offsets: list[int], k: int) -> tuple[int, int]:
    """Where the separator after letter ``k`` of a window stands in the text: marks after the letter stay with it, so
    the separator sits right before the next letter."""
    start = offsets[k] + 1
    end = offsets[k + 1]
    while start < end and MARKS.match(_text_at(words, starts, start)):
        start += 1
    return start, end


# Words written apart after any word, never set off by a ZWNJ (Academy orthography): the conjunction و and the
# postposition را (آن\u200cرا is a house style that a sighting must not spread).
_NEVER_SET_OFF = frozenset({AND, "را"})


def _echoed(lex: Lexicon, echo: Echo, head: str, tail: str) -> bool:
    """True when the text writes ``head`` and ``tail`` joined by a ZWNJ elsewhere (``Echo``) and running text does not
    reject that spelling: a boundary between them that lost its ZWNJ takes it back (شده است, شدهاست: شده\u200cاست,
    where the text writes شده\u200cاست).

    Running text must write the ZWNJ spelling, or have seen neither spelling where a part is no free word of its own
    (پنی\u200cسیلین, کم\u200cخوابی: the text is the only evidence); a sighting of a typo that joins two free words
    running text never joins (کتاب\u200cخوب) spreads no further. Never a ZWNJ before و or را (``_NEVER_SET_OFF``)
    or after a letter that joins no next letter."""
    return (
        len(head) > 0
        and tail not in _NEVER_SET_OFF
        and joins_next(head[-1])
        and echo.sightings(head, tail) >= ECHO_SIGHTINGS
        and (
            lex.lm.text_count(head + ZWNJ + tail) > 0
            or (lex.lm.bigram_count(head, tail) == 0 and not (lex.free(head) and lex.free(tail)))
        )
    )


def _echo_spaced_pairs(
    lex: Lexicon, runs: list[tuple[int, str]], words: list[str], ends: list[int], echo: Echo, changes: list[Change]
) -> None:
    """Set a ZWNJ between two words that the text writes joined by a ZWNJ elsewhere (``_echoed``), where no reading
    changed them, in a text that turned ZWNJs into spaces (``Echo.spaced``, read by the caller: the space may be a
    lost ZWNJ), unless the text writes them apart more often than its damage explains: a space turned out of each of
    the ``z`` sightings' like would leave about ``z * q / (1 - q)`` of them apart, for the text's share ``q`` of
    affixes set apart. Beyond ``ECHO_APART_EXCESS`` times that, its author writes the two words both ways (شده است
    beside شده\u200cاست in one article of the news) and the spaces stay."""
    heads = echo.heads()
    # The words that may begin a pair, found in C (most texts' words begin none), and those that end in a ZWNJ part.
    hits = set() if heads.isdisjoint(words) else set(compress(range(len(words)), map(heads.__contains__, words)))
    hits.update(
        k
        for k in compress(range(len(words)), map(contains, words, repeat(ZWNJ)))
        if words[k].rpartition(ZWNJ)[2] in heads
    )
    hits.difference_update(end - 1 for end in ends)  # the last word of a run has no neighbour after a space
    if not hits:
        return
    share = echo.spaced()
    where = _WordStarts(runs, words, ends)
    touched = {position for change in changes for position in range(change.start - 1, change.end + 1)}
    found: list[tuple[int, tuple[str, str]]] = []
    apart: dict[tuple[str, str], int] = {}
    sightings = echo.pairs()  # (asked of every hit: common heads such as شده are hits all over a long text)
    for k in sorted(hits):
        word = words[k]
        pair = (word.rpartition(ZWNJ)[2], words[k + 1].partition(ZWNJ)[0])
        if pair not in sightings:
            continue
        apart[pair] = apart.get(pair, 0) + 1
        space = where.start(k) + len(word)
        if space not in touched:
            found.append((space, pair))
    # A verdict per pair, not per place: a long text writes the same pair apart again and again (شده است).
    verdicts: dict[tuple[str, str], bool] = {}
    for space, pair in found:
        verdict = verdicts.get(pair)
        if verdict is None:
            explained = apart[pair] * (1 - share) <= ECHO_APART_EXCESS * sightings[pair] * share
            verdict = verdicts[pair] = explained and _echoed(lex, echo, *pair)
        if verdict:
            changes.append(Change(space, space + 1, JOIN, ECHO_CONFIDENCE))


def _echo_joined_words(
    lex: Lexicon,
    runs: list[tuple[int, str]],
    words: list[str],
    ends: list[int],
    echo: Echo,
    changes: list[Change],
) -> None:
    """Set a ZWNJ inside a word whose letters the text writes elsewhere as two parts joined by a ZWNJ (همجوشه beside
    هم\u200cجوشه), where no reading changed it, in a text that lost ZWNJs by running letters together (``Signs.loss``,
    read by the caller), the parts pass ``_echoed``, and the model knows no such word (neither running text nor a
    word list: سانتیمتر and باکتریهای are spellings some authors use, and a news article writes both); unless the
    text writes the word run together more often than with its ZWNJ: its author writes both. A word with a ZWNJ of
    its own (همجوشه\u200cها) is left to the readings."""
    hits = list(compress(range(len(words)), map(echo.joined_letters().__contains__, words)))
    if not hits:
        return
    where = _WordStarts(runs, words, ends)
    touched = {position for change in changes for position in range(change.start, change.end + 1)}
    found: list[tuple[int, tuple[str, str]]] = []
    joined: dict[tuple[str, str], int] = {}
    for k in hits:
        pair = echo.parts(words[k])
        if pair is None:
            continue
        joined[pair] = joined.get(pair, 0) + 1
        cut = where.start(k) + len(pair[0])
        if cut not in touched:
            found.append((cut, pair))
    for cut, pair in found:
        if joined[pair] <= echo.sightings(*pair) and not lex.index(pair[0] + pair[1]) and _echoed(lex, echo, *pair):
            changes.append(Change(cut, cut, JOIN, ECHO_CONFIDENCE))


class _WordStarts:
    """Where each word of the runs starts in the text, found run by run on first need (the runs' words are
    ``words``, run ``r`` ending before word ``ends[r]``)."""

    def __init__(self, runs: list[tuple[int, str]], words: list[str], ends: list[int]) -> None:
        self.runs = runs
        self.words = words
        self.ends = ends
        self.starts: dict[int, list[int]] = {}

    def start(self, k: int) -> int:
        run = bisect_right(self.ends, k)
        first = self.ends[run - 1] if run else 0
        starts = self.starts.get(run)
        if starts is None:
            # The lengths of the words before each and a space after each.
            lengths = map(len, self.words[first : self.ends[run]])
            starts = self.starts[run] = list(map(add, accumulate(lengths, initial=self.runs[run][0]), count()))
        return starts[k - first]


def _lost_zwnj_pair(lex: Lexicon, window: Window, separators: list[str], k: int) -> bool:
    """True when a reading splits an input word the model does not know after letter ``k`` into two words that
    ``pair_glued`` reads as run together, and nothing else (جدولمحور: جدول + محور; کمدیالهی: کمدی + الهی), the second
    not the conjunction و (a ZWNJ never sets it off)."""
    token = next((token for token in window.tokens if token[0] <= k < token[1] - 1), None)
    if token is None or ZWNJ in token[2] or lex.index(token[2]):
        return False
    head, tail, whole = _reading_parts(window.text_letters, separators, k)
    return (
        window.text_letters[token[0] : token[1]] == whole == head + tail
        and tail != AND
        and ((lex.pair_head(head) and lex.pair_tail(head, tail)) or lex.rare_pair(head, tail))
    )


def _zwnj_spelled_pair(lex: Lexicon, letters: str, separators: list[str], k: int) -> bool:
    """True when running text writes the parts of a reading on either side of letter ``k`` as one word with a ZWNJ
    (به\u200cصورت, منسوخ\u200cشده, سیستم\u200cعامل), the second not the conjunction و.

    In a text that lost all its ZWNJs by running letters together and lost no space (``Signs.lost_all``), two words
    run together there lost a ZWNJ its author wrote, where writers use that spelling at all: a reading that splits them
    takes the ZWNJ back rather than the space running text may prefer (بهصورت: به\u200cصورت 297 times, به صورت 744;
    the dev split of ``benchmarks/spacing.py``, lines that lost every ZWNJ: 15 lines better, none worse).
    """
    head, tail, _whole = _reading_parts(letters, separators, k)
    return tail != AND and lex.lm.text_count(head + ZWNJ + tail) > 0


def _authors_space(lex: Lexicon, letters: str, separators: list[str], k: int, zwnjs: int) -> bool:
    """True when the input's space after letter ``k``, which a reading sets a ZWNJ in, is the author's, in a text that
    turned no ZWNJ into a space (no می شود, no گروه ها) and writes ``zwnjs`` ZWNJs, or writes none (0) but lost them by
    running letters together (میشود, گروههای: ``Signs.loss``).

    The parts on either side are words of their own (``_word_apart``): such an author writes two words apart on
    purpose (رئیس جمهور, وب سایت, تک تک: the news writes them so, and the Academy allows both), where the text keeps
    ``KEPT_SPACE_ZWNJS`` ZWNJs or more. With one ZWNJ only, the text may have lost others to spaces at random, and the
    space stays only where a part is no free word of running text (``Lexicon.free``): a space beside such a word is
    closed at no cost, so the join rests on the compound's few sightings alone (ذوب آهن, a verbal noun and its
    object, read as the listed ذوب\u200cآهن at 0.99).

    A text that lost its ZWNJs only by running letters together lost no space, so its spaces are its author's as in a
    text that keeps its ZWNJs: آیین نامه, به زودی and سیستم عامل stay apart beside میشود and گروههای, as they do in
    the same line with its ZWNJs (the dev split of ``benchmarks/spacing.py``, lines that lost every ZWNJ: 35 spaces
    the gold writes were joined).
    """
    head, tail, _whole = _reading_parts(letters, separators, k)
    compound = head + ZWNJ + tail
    if not (_word_apart(lex, head, compound) and _word_apart(lex, tail, compound)):
        return False
    return zwnjs == 0 or zwnjs >= KEPT_SPACE_ZWNJS or not (lex.free(head) and lex.free(tail))


def _word_apart(lex: Lexicon, part: str, compound: str) -> bool:
    """True when ``part`` of ``compound`` is a word that may stand apart: known to the model, neither a bound morpheme
    (می, ها, تان, است) nor a tail (سازی), and not a piece that running text writes only inside that compound, which
    it writes often (المللی of بین\u200cالمللی)."""
    lm = lex.lm
    return (
        len(part) > 1
        and lm.ids.get(part, 0) > 0
        and part not in ATTACHED
        and part not in PREFIX_LIKE
        and part not in POSSESSIVES
        and part not in lex.tails
        and (lm.text_count(part) > 0 or lm.text_count(compound) < COMPOUND_PIECE_TEXT)
    )


def _reading_parts(letters: str, separators: list[str], k: int) -> tuple[str, str, str]:
    """The parts of a reading on either side of the separator after letter ``k`` (up to its other separators), and the
    whole word of the reading around it (up to its spaces)."""
    start = k
    while start > 0 and separators[start - 1] == NONE:
        start -= 1
    word_start = start
    while word_start > 0 and separators[word_start - 1] != SPACE:
        word_start -= 1
    end = k + 1
    while end < len(separators) and separators[end] == NONE:
        end += 1
    word_end = end
    while word_end < len(separators) and separators[word_end] != SPACE:
        word_end += 1
    return letters[start : k + 1], letters[k + 1 : end + 1], letters[word_start : word_end + 1]


def _after_preposition_to(letters: list[str], original: list[str], k: int) -> bool:
    """True when the letters up to ``k`` end in the word به on its own (a separator or the window's edge before it)."""
    return (
        k >= 1 and letters[k - 1] + letters[k] == TO and (k == 1 or PLAIN.get(original[k - 2], original[k - 2]) != NONE)
    )


def _text_at(words: list[str], starts: list[int], position: int) -> str:
    # Bisection, not a scan of the run's words: a scan per change is quadratic on a long run.
    index = bisect_right(starts, position) - 1
    if index >= 0 and position < starts[index] + len(words[index]):
        return words[index][position - starts[index]]
    return " "


def _unguarded_parts(run: str, offset: int, guarded: SpanSet) -> list[tuple[int, str]]:
    """The stretches of a run whose words lie outside URLs and paths, each with its text offset.

    A path may end or start inside a run (``و/یا``: ``\\w`` matches Persian letters); only the words
    it covers are left alone, not the whole sentence the run holds.
    """
    if not guarded.overlaps(offset, offset + len(run)):
        return [(offset, run)]  # most runs of a text with a URL lie away from it
    parts: list[tuple[int, str]] = []
    kept: list[str] = []
    kept_start = offset
    position = offset
    for word in run.split(" "):
        inside = position in guarded or position + len(word) - 1 in guarded
        if inside:
            if kept:
                parts.append((kept_start, " ".join(kept)))
            kept = []
        else:
            if not kept:
                kept_start = position
            kept.append(word)
        position += len(word) + 1
    if kept:
        parts.append((kept_start, " ".join(kept)))
    return parts


# The letters that abbreviate a calendar after a year (۱۸۷۳ م, ۱۳۲۰ ش, ۶۳۲ ق, ۱۳۵۷ ه), each with the space after it.
_CALENDAR_ABBREVIATIONS = frozenset(letter + " " for letter in "مشقه")
# The two-letter abbreviations of a calendar, written apart after a year as often as with a full stop (ق.م, ه.ش): BC
# (قبل از میلاد), the solar and the lunar Hijri years. Two lone letters there are no word torn by a space.
_CALENDAR_PAIRS = frozenset({"ق م", "ه ش", "ه ق"})
# What a Persian ending may be written onto without a space: a Latin letter or digit, or a closing quotation mark or
# bracket (Applicationی, «Pull»ی, APIها). The ending belongs to that word (``_without_foreign_ending``). Not the
# straight quotes, which open a quotation as often ("چ هره", a torn word, on the benchmark's mixed damage).
_CLOSING_MARKS = frozenset("»”)]")


def _without_foreign_ending(text: str, run: str, start: int) -> tuple[str, int]:
    """The run and where it starts, without a first word that is an ending (ی, ش, ها, ای) written onto a Latin word
    or a closing quotation mark (به هر Applicationی که: the ی of Application, not a word to join to که as یکه). Other
    lone letters there are pieces of a torn ending (callbackه ایی: callbackهایی)."""
    if start < 1:
        return run, start
    before = text[start - 1]
    if not (before in _CLOSING_MARKS or (before.isalnum() and before.isascii())):
        return run, start
    first, space, _rest = run.partition(" ")
    if not space or not (first in LETTER_ENDINGS or first in BOUND_MORPHEMES):
        return run, start
    return run[len(first) + 1 :], start + len(first) + 1


def _calendar_letter(lex: Lexicon, letter: str, following: str) -> bool:
    """True when a calendar's letter after a year stands for the calendar before ``following`` (۱۸۷۳ م در اثر: not
    مدر; ۱۳۲۰ ش به: not شبه): running text writes the next word more often than the letter and it run together.
    Otherwise the letter is a piece of a word torn by a space (۶۶۱ م یلادی: میلادی; ۲۰۰ ه زار: هزار)."""
    count = lex.lm.text_count
    key = lex.key(following)
    return count(key) > count(letter + key)


def _without_abbreviation_letters(lex: Lexicon, text: str, run: str, start: int) -> tuple[str, int]:
    """The run and where it starts, without a first lone letter that a full stop joins to the letter
    before it: an abbreviation's (ق.م, ه.ق), no fragment of a word torn by a space (`ق.م کوتیر` is no
    `مکوتیر`). (A lone letter before a full stop often is one: `کنی د.`.) Nor a calendar's letter after a year
    (``_CALENDAR_ABBREVIATIONS``, ``_calendar_letter``), nor a calendar's two letters written apart after a year
    (``_CALENDAR_PAIRS``: ۷۵۰ ق م is BC, not Qom)."""
    if start < 2 or run[1:2] != " ":
        return run, start
    if text[start - 1] == " " and text[start - 2].isdigit() and run[:3] in _CALENDAR_PAIRS and run[3:4] in ("", " "):
        return run[4:], start + 4
    abbreviation = text[start - 1] == "." and text[start - 2].isalpha()
    calendar = (
        text[start - 1] == " "
        and text[start - 2].isdigit()
        and run[:2] in _CALENDAR_ABBREVIATIONS
        and _calendar_letter(lex, run[0], run[2:].partition(" ")[0])
    )
    if abbreviation or calendar:
        run, start = run[2:], start + 2
    return run, start


def restore_spacing(text: str, config: Config) -> list[Change]:
    """Restore ZWNJ, spaces and joins inside and between Persian words, where the language model is sure.

    >>> from dorost import fix
    >>> fix("سازمان های بین المللی می گویند") == "سازمان\\u200cهای بین\\u200cالمللی می\\u200cگویند"
    True
    >>> fix("گروههای تکفیری") == "گروه\\u200cهای تکفیری"
    True
    >>> fix("حکومت طالبان را به رسمیت شناخت")
    'حکومت طالبان را به رسمیت شناخت'
    """
    guarded = protected(text)
    any_guarded = bool(guarded)  # read once per text: most texts hold no URL or path
    changes: list[Change] = []
    runs: list[tuple[int, str]] = []  # where each run starts, and the run
    whole = not any_guarded  # the runs hold every word of the text
    matched: list[str] = []  # every run as found, whatever is taken out of it below
    for match in RUN.finditer(text):
        run, start = match.group(), match.start()
        matched.append(run)
        if run[1:2] == " ":  # only a run that opens with a lone letter may open with an abbreviation's
            run, start = _without_abbreviation_letters(shared_lexicon(), text, run, start)
            whole = whole and start == match.start()
        if start and start == match.start() and text[start - 1] != " ":
            run, start = _without_foreign_ending(text, run, start)
            whole = whole and start == match.start()
        if any_guarded:
            runs += _unguarded_parts(run, start, guarded)
        elif run:
            runs.append((start, run))
    if not runs:
        return changes
    lex = shared_lexicon()
    # The words and pairs of all the runs are judged at once (a Python step only for the few that may be suspect):
    # most texts have none, and most runs of the others none either.
    joined = " ".join([run for _start, run in runs])
    # Not interned: that costs more than the lookups it spares. The memories with tuple keys intern their words.
    words = joined.split(" ")
    flagged = lex.word_verdicts(words)
    ends = list(accumulate([run.count(" ") + 1 for _start, run in runs]))
    pairs = lex.pair_verdicts(joined, words, frozenset([end - 1 for end in ends[:-1]]))
    if True not in pairs and True not in flagged:
        return changes  # no word and no pair to read again (a let-go pair alone is not read)
    # The words _WORD_ONLY finds are the words of the runs as found (a run is such words apart by single spaces): the
    # runs' own, where no URL or abbreviation took words out of them. (Found again by the signs, one pass each, they
    # were 305 passes over 0.5 MB of text wrapped at 70 columns, 154 documents, most of which hold some.)
    found = words if whole else " ".join(matched).split(" ")
    signs = read_signs(lex, text, found, runs)
    torn_own = _torn_own_words(lex, words, frozenset([end - 1 for end in ends[:-1]]), signs)
    if torn_own:
        pairs = list(pairs)
        for k in torn_own:
            pairs[k] = True
    spaced_only = SPACED_ONLY in pairs and signs.all_spaced()
    first = 0
    for (start, run), end in zip(runs, ends, strict=True):
        if (
            True in flagged[first:end]
            or True in pairs[first : end - 1]
            or (spaced_only and SPACED_ONLY in pairs[first : end - 1])
        ):
            _fix_run(lex, run, start, words[first:end], flagged[first:end], pairs[first : end - 1], changes, signs)
        first = end
    if signs.all_spaced() and not _SPACED_ENDINGS.isdisjoint(words):
        _join_spaced_endings(lex, runs, words, ends, changes)
    echo = signs.echo
    # The echo acts only on damage it can see: spaces where ZWNJs were (Echo.spaced), letters run together
    # (Signs.loss); both are read before the text's sightings are counted, which most texts never need.
    if echo is not None and ZWNJ in text:
        if echo.spaced():
            _echo_spaced_pairs(lex, runs, words, ends, echo, changes)
        if signs.loss:
            _echo_joined_words(lex, runs, words, ends, echo, changes)
    changes.sort(key=lambda change: change.start)
    return changes
