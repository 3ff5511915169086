"""Properties every input must satisfy: no exception, idempotence, nothing lost, edits replay."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dorost import Config, fix, repair, replay
from folding import significant

EXAMPLES = int(os.environ.get("DOROST_PROPERTY_EXAMPLES", "1000"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# Persian-looking material: letters, ZWNJ, spaces, punctuation, digits of three systems,
# presentation forms, bidi controls and Latin, so that the fixes actually fire.
PERSIAN_ALPHABET = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةأإآؤئء"
    "\u200c\u200c\u200c   \n\t.،؛:!؟?,;«»()-"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
    "\ufeb3\ufefc\ufee1\ufea9\ufee7\ufef4\ufe8e\ufef0\u0640\u064b\u0650\u0654\u0654\u0655"
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202c\u00ad\u00a0\ufeff"
    "abcXYZ/@&#"
)
texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=PERSIAN_ALPHABET, max_size=300),
    st.lists(
        st.sampled_from(
            [
                *("می", "شود", "گروه", "های", "بین", "المللی", "\u200c", " ", "  ", "\n", "\n\n", "كتاب", "."),
                # pdftotext's marks and embeddings (restore_mark_order, unwrap_embedded_runs)
                *("نسخٔه", "مٔوثر", "\u202a .۱\u202c", "\u202a PDF\u202c", "\u202b", "\u202c", "ا \u064b"),
                # Markdown code, which no edit may touch, and words that lost an alef (restore_lost_alef)
                *("`", "```", "\n```\n", "~~~", "مقالت", "تلش"),
            ]
        ),
        max_size=60,
    ).map("".join),
)


@PROFILE
@given(texts)
def test_never_raises_and_is_idempotent(text: str) -> None:
    once = fix(text)
    assert fix(once) == once


@PROFILE
@given(texts)
def test_edits_replay_to_the_same_text(text: str) -> None:
    result = repair(text)
    assert replay(result.original, result.edits) == result.text
    for edit in result.edits:
        assert 0 <= edit.start <= edit.end <= len(text)
        assert 0.0 < edit.confidence <= 1.0


@PROFILE
@given(texts)
def test_nothing_is_lost(text: str) -> None:
    # Entity decoding and mojibake repair replace characters by design, and restore_lost_alef puts
    # back the alef a PDF's ligature lost; every other fix keeps them.
    config = Config().with_fixes(skip=["decode_html_entities", "repair_mojibake", "restore_lost_alef"])
    assert significant(repair(text, config).text) == significant(text)


@PROFILE
@given(texts)
def test_first_step_edits_point_at_the_input(text: str) -> None:
    result = repair(text)
    for edit in result.edits:
        if edit.step == 0:
            assert text[edit.start : edit.end] == edit.before
