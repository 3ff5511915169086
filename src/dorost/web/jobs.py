"""One repair, as a worker thread or process runs it: the request's data in, the JSON answer out.

A :class:`Job` holds only plain data, so it can be sent to a worker process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dorost.config import Config
from dorost.edits import Result
from dorost.inputs import fix_markdown, repair_bytes
from dorost.pipeline import run
from dorost.web.spans import group_spans, output_spans, undoable_marks


@dataclass(frozen=True, slots=True)
class Job:
    """A text to repair (``text``), or a document's bytes (``data``: a PDF or text in any encoding); ``markdown``:
    the text is Markdown, whose line breaks are its author's (:func:`dorost.inputs.fix_markdown`)."""

    config: Config
    text: str | None = None
    data: bytes | None = None
    pages: str | None = None
    password: str | None = None
    markdown: bool = False


def result_payload(result: Result) -> dict[str, Any]:
    """The API's answer for a result: the result itself, each edit's span in the restored text
    (``text_start``/``text_end``) and the ``marks`` a page highlights (overlapping edits merged),
    each with the input it replaced (``before``): putting a mark's ``before`` back in place of
    ``text[start:end]`` undoes that mark's edits, and putting back every mark's gives the input.

    >>> from dorost import repair
    >>> payload = result_payload(repair("كتاب"))
    >>> payload["text"], payload["edits"][0]["text_start"], payload["marks"]
    ('کتاب', 0, [{'start': 0, 'end': 1, 'edits': [0], 'before': 'ك'}])
    """
    payload = result.to_dict()
    spans = output_spans(result.edits)
    edits: list[dict[str, object]] = payload["edits"]  # type: ignore[assignment]
    for edit, (start, end) in zip(edits, spans, strict=True):
        edit["text_start"] = start
        edit["text_end"] = end
    payload["marks"] = [
        {"start": mark.start, "end": mark.end, "edits": list(mark.edits), "before": before}
        for mark, before in undoable_marks(group_spans(spans), result.edits, result.original)
    ]
    return payload


def execute(job: Job) -> bytes:
    """Repair and encode the answer as UTF-8 JSON (done in the worker, off the server's event loop)."""
    if job.text is not None:
        result = fix_markdown(job.text, job.config) if job.markdown else run(job.text, job.config)
    else:
        result = repair_bytes(
            job.data or b"", job.config, pages=job.pages, password=job.password, markdown=job.markdown
        )
    return json.dumps(result_payload(result), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
