"""Errors dorost reports to its users: each says what is wrong and what to do."""

from __future__ import annotations


class DorostError(Exception):
    """Base class of the errors dorost raises on bad input."""

    exit_code = 2


class InputError(DorostError):
    """The input cannot be read as text (binary, unknown encoding, unsupported format)."""

    exit_code = 3
