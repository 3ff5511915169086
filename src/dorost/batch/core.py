"""The engine-neutral core: restore one document and never raise.

Every corpus adapter (``dorost batch``, the datatrove step, the Spark recipe) calls
:func:`restore_document`. It returns the restored text, the edit counts per fix and, when
something went wrong, the original text unchanged with an error record instead of an exception,
so one bad document never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from dorost.config import Config
from dorost.fixes import Fix
from dorost.inputs import markdown_layout
from dorost.pipeline import FIXES, run, run_counted

# An error is recorded as its type and the start of its message: a message that quotes the whole
# document (some parsers' do) must not make every failure as large as the corpus's largest document.
MAX_ERROR_CHARS = 500


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What happened to one document.

    - ``text``: the restored text, or the original when ``error`` is set;
    - ``counts``: edits per fix (empty on error);
    - ``edits``: each edit as a dict (:meth:`dorost.Edit.to_dict`), only when asked for;
    - ``error``: ``"ExceptionType: message"`` when the document could not be restored.
    """

    text: object
    changed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    edits: list[dict[str, object]] | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def restore_document(
    text: object,
    config: Config | None = None,
    *,
    edits: bool = False,
    fixes: Sequence[Fix] = FIXES,
    markdown: bool = False,
) -> DocumentResult:
    """Restore one document; on any error return it unchanged with the error recorded. ``markdown``: the text is
    Markdown, whose line breaks and hard breaks are its author's (:func:`dorost.inputs.fix_markdown`).

    >>> restore_document("اين كتاب").text
    'این کتاب'
    >>> restore_document("كتاب").counts
    {'unify_arabic_letters': 1}

    A null (a missing value in a Parquet column or a DataFrame, ``"text": null`` in JSONL) has no
    text to restore: it passes through as it is, and is no failure. Any other value that is not
    text is one:

    >>> result = restore_document(None)
    >>> result.text is None, result.ok, result.changed
    (True, True, False)
    >>> restore_document(7).error
    'TypeError: the text is int, not str'
    """
    if text is None:
        return DocumentResult(None)
    if not isinstance(text, str):
        return DocumentResult(text, error=f"TypeError: the text is {type(text).__name__}, not str")
    try:
        keep: list[tuple[int, int]] = []
        if markdown:
            config, keep = markdown_layout(text, config)
        if not edits:  # the counts alone: no edit is recorded only to be counted
            restored, counts = run_counted(text, config, fixes, keep=keep)
            return DocumentResult(restored, changed=restored != text, counts=counts)
        result = run(text, config, fixes, keep=keep)
    except Exception as error:  # one bad document must never stop a corpus run
        return DocumentResult(text, error=describe(error))
    return DocumentResult(
        result.text,
        changed=result.changed,
        counts=result.counts(),
        edits=[edit.to_dict() for edit in result.edits],
    )


def describe(error: BaseException) -> str:
    """``"ExceptionType: message"``, the message cut to :data:`MAX_ERROR_CHARS` characters.

    >>> describe(ValueError("x" * 1000))[-19:]
    '… (1000 characters)'
    """
    message = str(error)
    if len(message) > MAX_ERROR_CHARS:
        message = f"{message[:MAX_ERROR_CHARS]}… ({len(message)} characters)"
    return f"{type(error).__name__}: {message}"


def restore_documents(
    texts: Iterable[object],
    config: Config | None = None,
    *,
    edits: bool = False,
    fixes: Sequence[Fix] = FIXES,
    markdown: bool = False,
) -> Iterator[DocumentResult]:
    """Restore each document of ``texts`` lazily, in order (memory stays bounded by one document).

    >>> [r.text for r in restore_documents(["يك", 7, "دو"])]
    ['یک', 7, 'دو']
    """
    config = config or Config()
    for text in texts:
        yield restore_document(text, config, edits=edits, fixes=fixes, markdown=markdown)
