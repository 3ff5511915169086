"""Errors dorost reports to its users: each says what is wrong and what to do.

An error about one argument of the call says which in :attr:`DorostError.option` (``"pages"``,
``"password"``), and its message names that argument as a Python caller wrote it (``pages='9'``).
The command line and the web service name it their own way (``--pages 9``, the form field
``pages``) through :meth:`DorostError.worded`, so each reader sees the name they typed.
"""

from __future__ import annotations

from collections.abc import Callable

#: How a front end names an argument: from its name and the value given, or None where the
#: message does not quote the value.
Naming = Callable[[str, "str | None"], str]


def python_argument(option: str, value: str | None) -> str:
    """An argument as a Python caller gives it.

    >>> python_argument("pages", "۹"), python_argument("password", None)
    ("pages='۹'", 'the password argument')
    """
    return f"the {option} argument" if value is None else f"{option}={value!r}"


class DorostError(Exception):
    """Base class of the errors dorost raises on bad input; ``exit_code`` is the command line's.

    >>> import dorost
    >>> try:
    ...     dorost.fix_pdf("سلام".encode("utf-8"))
    ... except DorostError as error:
    ...     print(error.exit_code, error)
    3 the input is not a PDF (no %PDF- header)

    ``message`` may hold ``{option}`` where the argument ``option`` is named; ``value`` is the value
    given for it, when the message quotes it:

    >>> error = DorostError("{option}: صفحه\u200cها از ۱ شروع می\u200cشوند", option="pages", value="0")
    >>> str(error), error.option
    ("pages='0': صفحه\u200cها از ۱ شروع می\u200cشوند", 'pages')
    >>> error.worded(lambda option, value: f"--{option} {value}")
    '--pages 0: صفحه\u200cها از ۱ شروع می\u200cشوند'
    """

    exit_code = 2

    def __init__(self, message: str, *, option: str | None = None, value: str | None = None) -> None:
        self.template = message
        #: The argument the error is about, as the Python API calls it (``"pages"``), or None.
        self.option = option
        #: The value given for :attr:`option`, where the message quotes it.
        self.value = value
        super().__init__(self.worded(python_argument))

    def worded(self, name: Naming) -> str:
        """The message with its argument named by ``name`` (a front end's flag or field)."""
        if self.option is None:
            return self.template
        return self.template.replace("{option}", name(self.option, self.value))


class InputError(DorostError):
    """The input cannot be read as text (binary, unknown encoding, unsupported format).

    >>> from dorost.inputs import repair_bytes
    >>> repair_bytes("سلام".encode("utf-8") + b"\\x00")
    Traceback (most recent call last):
        ...
    dorost.errors.InputError: the input is binary data (it contains NUL bytes), not text
    """

    exit_code = 3


def pages_of_text() -> InputError:
    """The error for pages chosen (``pages``) for an input that is text, not a PDF: one wording for
    the library, the command line and the web service.

    >>> str(pages_of_text()), pages_of_text().worded(lambda option, value: f"--{option}")
    ('the pages argument applies only to PDF input', '--pages applies only to PDF input')
    """
    return InputError("{option} applies only to PDF input", option="pages")


def empty_pdf(name: str) -> InputError:
    """The error for an empty file named as a PDF (a failed save or upload, not a document with no
    text): one wording for the command line and the web service.

    >>> str(empty_pdf("نامه.pdf"))
    'نامه.pdf: the file is empty (0 bytes), not a PDF'
    """
    return InputError(f"{name}: the file is empty (0 bytes), not a PDF")
