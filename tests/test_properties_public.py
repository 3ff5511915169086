"""Properties of the public entry points on arbitrary input: text, bytes and the command line.

- ``repair``/``fix`` on any Unicode string (lone surrogates and controls included): no exception,
  edits that replay to the text, idempotence, nothing lost and nothing from nowhere;
- ``decode_bytes``/``repair_bytes`` on any bytes: a text or a clear :class:`DorostError`, never
  another exception; text encoded in a supported encoding comes back unchanged;
- the command line: ``dorost check`` exits 1 exactly when ``dorost fix`` changes the input, and
  lists one line per edit.

The example count is ``DOROST_PUBLIC_EXAMPLES`` (CI default 10,000; the command-line property
runs a tenth of it, each example being two command invocations). The long run documented in the
README sets it to 1,000,000.
"""

from __future__ import annotations

import os

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dorost import DorostError, InputError, fix, repair, replay
from dorost.cli import main
from dorost.inputs import repair_bytes
from dorost.inputs.text import decode_bytes, is_pdf
from dorost.pipeline import FIXES_BY_NAME
from folding import significant

EXAMPLES = int(os.environ.get("DOROST_PUBLIC_EXAMPLES", "10000"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
CLI_PROFILE = settings(PROFILE, max_examples=max(1, EXAMPLES // 10))

# Damaged-Persian material so that the fixes fire: letters and their Arabic variants, ZWNJ,
# spaces and breaks, punctuation of both scripts, three digit systems, presentation forms,
# kashida and harakat, invisible and bidi controls, entities and Latin.
PERSIAN = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةأإآؤئء"
    "\u200c\u200c   \n\n\t\r.،؛:!؟?,;«»()[]-"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123"
    "\ufeb3\ufefc\ufee1\ufea9\ufee7\ufef4\ufe8e\ufef0\u0640\u064b\u0650\u0670"
    "\u200b\u200d\u200e\u200f\u202b\u202c\u2067\u2069\u00ad\u00a0\ufeff\u061c"
    "abcXY/@&#;"
)
WORDS = [
    "می", "شود", "گروه", "های", "بین", "المللی", "كتاب", "&ndash;", "&#1587;", "&amp", "ط³ظ„ط§ظ…",
    "\u200c", " ", "  ", "\n", "\n\n", ".", "،", "https://x.ir/a", "۱۴۰۳", "٤٥", "12", "Windows",
]  # fmt: skip
any_unicode = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)
texts = st.one_of(
    any_unicode,
    st.text(alphabet=PERSIAN, max_size=60),
    st.lists(st.sampled_from(WORDS), max_size=16).map("".join),
)

# Fixes whose job is to replace, delete or add characters: entities and mojibake are decoded, page
# furniture (running heads, page numbers) removed, the alef a PDF's lam-alef glyph lost put back
# (``مقالت`` → ``مقالات``). Preservation is checked when none of them fired.
_REPLACING = frozenset({"decode_html_entities", "repair_mojibake", "remove_page_furniture", "restore_lost_alef"})


@PROFILE
@given(texts)
@example("مقالت و تلش و کلسیک")  # restore_lost_alef adds letters: random text found such words once in a while
def test_repair_is_total_replayable_idempotent_and_keeps_characters(text: str) -> None:
    result = repair(text)
    assert result.original == text
    assert replay(text, result.edits) == result.text
    for edit in result.edits:
        assert edit.fix in FIXES_BY_NAME
        assert 0 <= edit.start <= edit.end <= len(text)
        assert 0.0 < edit.confidence <= 1.0
    assert bool(result.edits) == result.changed
    assert fix(result.text) == result.text
    if not _REPLACING.intersection(edit.fix for edit in result.edits):
        assert significant(result.text) == significant(text)


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "windows-1256")
# Letters that Windows-1256 can carry (it has Arabic ي, not Persian ی).
WINDOWS_1256 = "ابپتجچخدرزژسشکگلمنوهيك \n.،؛؟"
byte_inputs = st.one_of(
    st.tuples(st.just("raw"), st.binary(max_size=200)),
    st.tuples(st.just("pdf"), st.binary(max_size=200).map(lambda tail: b"%PDF-1.4\n" + tail)),
    st.tuples(st.sampled_from(ENCODINGS[:4]), st.text(alphabet=PERSIAN + "\u00e9\u4e2d\U0001f4da", max_size=60)),
    st.tuples(st.just("windows-1256"), st.text(alphabet=WINDOWS_1256, min_size=1, max_size=60)),
)


@PROFILE
@given(byte_inputs)
def test_any_bytes_give_text_or_a_clear_error(example: tuple[str, bytes | str]) -> None:
    """Raw bytes and PDF-headed junk: a result or a DorostError; encoded text: the same text back."""
    kind, payload = example
    if isinstance(payload, str):
        _check_encoded(payload, kind)
        return
    try:
        result = repair_bytes(payload)
    except DorostError as error:
        assert str(error)
        assert is_pdf(payload) or str(error).startswith("the input ")
        return
    assert replay(result.original, result.edits) == result.text
    if kind == "raw" and not is_pdf(payload):
        assert result.original == decode_bytes(payload)


def _check_encoded(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding == "windows-1256":
        _check_windows_1256(text, data)
        return
    if encoding.startswith("utf-8") and (is_pdf(data) or "\x00" in text):
        return  # refused as a PDF or as binary, by the rule
    expected = text[1:] if encoding == "utf-8" and text.startswith("\ufeff") else text
    assert decode_bytes(data) == expected


def _check_windows_1256(text: str, data: bytes) -> None:
    try:
        expected = data.decode("utf-8")  # valid UTF-8 wins by the rule, even by accident
    except UnicodeDecodeError:
        expected = text
    non_ascii = [ch for ch in text if not ch.isascii()]
    letters = [ch for ch in non_ascii if ch not in "،؛؟"]
    if len(letters) >= 0.8 * len(non_ascii):
        assert decode_bytes(data) == expected
        return
    try:  # mostly punctuation: too little evidence of Persian, refused unless it is UTF-8
        assert decode_bytes(data) == expected
    except InputError as error:
        assert "Windows-1256" in str(error)


@CLI_PROFILE
@given(texts.filter(lambda text: "\x00" not in text and "\r" not in text))
def test_check_agrees_with_fix(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        decoded = decode_bytes(data)
    except InputError:
        return
    runner = CliRunner()
    fixed = runner.invoke(main, ["fix", "-"], input=data)
    checked = runner.invoke(main, ["check", "-"], input=data)
    if is_pdf(data):
        assert fixed.exit_code == checked.exit_code
        return
    assert fixed.exit_code == 0, fixed.output
    output = fixed.stdout_bytes.decode("utf-8")
    restored = output[:-1] if output.endswith("\n") and not repair(decoded).text.endswith("\n") else output
    assert checked.exit_code == (1 if restored != decoded else 0)
    lines = checked.stdout_bytes.decode("utf-8").splitlines()
    assert len(lines) == len(repair(decoded).edits)
    assert all(line.startswith("<stdin>:") for line in lines)
