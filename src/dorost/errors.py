"""Errors dorost reports to its users: each says what is wrong and what to do."""

from __future__ import annotations


class DorostError(Exception):
    """Base class of the errors dorost raises on bad input; ``exit_code`` is the command line's.

    >>> import dorost
    >>> try:
    ...     dorost.fix_pdf("سلام".encode("utf-8"))
    ... except DorostError as error:
    ...     print(error.exit_code, error)
    3 the input is not a PDF (no %PDF- header)
    """

    exit_code = 2


class InputError(DorostError):
    """The input cannot be read as text (binary, unknown encoding, unsupported format).

    >>> from dorost.inputs import repair_bytes
    >>> repair_bytes("سلام".encode("utf-8") + b"\\x00")
    Traceback (most recent call last):
        ...
    dorost.errors.InputError: the input is binary data (it contains NUL bytes), not text
    """

    exit_code = 3
