"""Input front ends: bytes into a repaired :class:`~dorost.edits.Result`.

Plain text is decoded by :func:`dorost.inputs.text.decode_bytes`; a PDF (known by its header, not
its name) goes to the PDF front end when it is installed (``pip install 'dorost[pdf]'``); a web page
(known by its start: a doctype or ``<html>``) to the HTML front end, :mod:`dorost.inputs.html`,
which keeps the text a browser shows.
"""

from __future__ import annotations

from dorost.config import Config
from dorost.edits import Result
from dorost.errors import InputError, pages_of_text
from dorost.inputs.html import fix_page, is_html_page
from dorost.inputs.text import decode_bytes, is_pdf
from dorost.pipeline import run


def repair_bytes(
    data: bytes,
    config: Config | None = None,
    *,
    pages: str | None = None,
    password: str | None = None,
) -> Result:
    """Repair a document given as bytes: text in any supported encoding, a web page, or a PDF."""
    if is_pdf(data):
        try:
            from dorost.inputs.pdf import fix_pdf
        except ImportError as error:
            raise InputError("the input is a PDF; install the PDF front end with: pip install 'dorost[pdf]'") from error
        result: Result = fix_pdf(data, config, pages=pages, password=password)
        return result
    if pages is not None:
        raise pages_of_text()
    text = decode_bytes(data)
    if is_html_page(text):
        return fix_page(text, config)
    return run(text, config)
