"""Bytes to text, with one clear rule.

1. A UTF-16 or UTF-32 byte-order mark decides the encoding.
2. Otherwise UTF-8 (a leading BOM is dropped).
3. Otherwise Windows-1256, the old Windows encoding of Persian, when the bytes decode
   plausibly as Persian (mostly Arabic-script letters among the non-ASCII characters).
4. Otherwise: a clear error. Binary data (NUL bytes, a PDF) is refused, never guessed.
"""

from __future__ import annotations

import codecs

from dorost.chars import ARABIC_LETTER_CLASS
from dorost.errors import InputError
from dorost.patterns import lazy_pattern

_ARABIC_LETTER = lazy_pattern(f"[{ARABIC_LETTER_CLASS}]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names (UTF-16 or UTF-32), else None.
    A UTF-8 mark names none: UTF-8 is the default, and its decoder drops the mark.

    >>> bom_encoding("سلام".encode("utf-16")), bom_encoding("سلام".encode("utf-8-sig"))
    ('utf-16', None)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def is_pdf(data: bytes) -> bool:
    """A PDF is known by its header (within the first kilobyte, as readers allow), not its name."""
    return b"%PDF-" in data[:1024]


# Compressed data under a text file's name (a download saved without its `.gz`, a part renamed): its start says so,
# and the message says what to do. (Neither start is text: 0x8B and 0xB5 cannot follow an ASCII byte in UTF-8.)
_COMPRESSED = ((b"\x1f\x8b", "gzip", ".gz"), (b"\x28\xb5\x2f\xfd", "Zstandard", ".zst"))


def _compressed(data: bytes) -> InputError | None:
    """The error for compressed data, named by its format, or None for other data.

    >>> print(_compressed(b"\\x1f\\x8b\\x08\\x00"))
    the input is gzip-compressed data, not text; decompress it (`dorost batch` reads a file named *.gz decompressed)
    """
    for magic, name, suffix in _COMPRESSED:
        if data.startswith(magic):
            return InputError(
                f"the input is {name}-compressed data, not text; "
                f"decompress it (`dorost batch` reads a file named *{suffix} decompressed)"
            )
    return None


def _binary(data: bytes) -> InputError:
    return _compressed(data) or InputError("the input is binary data (it contains NUL bytes), not text")


def _utf16_without_mark(data: bytes) -> bool:
    """Persian in UTF-16 has the byte 06 (the Arabic block) in every other place; in UTF-8 text it is
    a control character that never occurs. Such input would otherwise pass as UTF-8 garbage."""
    if len(data) < 4 or data.count(b"\x06") * 4 < len(data):
        return False
    return max(data[0::2].count(6), data[1::2].count(6)) * 3 >= len(data)


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` by the rule above.

    >>> decode_bytes("سلام".encode("utf-8"))
    'سلام'
    >>> decode_bytes("سلام دنيا".encode("windows-1256"))
    'سلام دنيا'
    >>> decode_bytes(b"\\x00\\x01\\x02binary")
    Traceback (most recent call last):
    ...
    dorost.errors.InputError: the input is binary data (it contains NUL bytes), not text
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            name = encoding.upper()
            message = f"the input starts with a {name} mark but is not valid {name}: {error.reason}"
            raise InputError(message) from None
    if is_pdf(data):
        raise InputError("the input is a PDF; install the PDF front end with: pip install 'dorost[pdf]'")
    if _utf16_without_mark(data):
        raise InputError("the input looks like UTF-16 without a byte-order mark; save it as UTF-8")
    if b"\x00" in data or _compressed(data):
        raise _binary(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    text = _persian_in_windows_1256(data)
    if text is not None:
        return text
    start = utf8_error.start
    message = (
        f"the input is neither UTF-8 nor Persian Windows-1256 text (invalid byte 0x{data[start]:02x} at offset {start})"
    )
    if utf8_error.reason == "unexpected end of data" and not data[:start].isascii():
        # UTF-8 (letters of more than one byte) up to a character its last bytes only start: a download or a copy cut
        # short (`head -c`), most likely. Refused whole as any other: a repaired text would lose the character.
        message += ": it ends inside a UTF-8 character, as a file cut short does; give the whole file"
    raise InputError(message)


def _persian_in_windows_1256(data: bytes) -> str | None:
    """``data`` read as Windows-1256, when that is plausibly Persian: mostly Arabic-script letters
    among the non-ASCII characters (UTF-8 read so gives mostly Latin letters and symbols)."""
    try:
        text = data.decode("windows-1256")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in text if not ch.isascii()]
    arabic_letter = _ARABIC_LETTER()
    if not non_ascii or sum(1 for ch in non_ascii if arabic_letter.match(ch)) < 0.8 * len(non_ascii):
        return None
    if _LATIN_IN_A_WORD().search(text) is not None:
        # Windows-1256 sets French letters (à ç é ê ô …) among its Arabic ones: a word that mixes them is another
        # code page's text. ISO-8859-6 Persian (Arabic letters only) reads so: `دنيا` as `دوêا`.
        return None
    return text


# A letter of Windows-1256's Latin ones beside an Arabic letter, inside one word.
_CODE_PAGE_LATIN = "ƒˆŒœµàâçèéêëîïôùûü"
_LATIN_IN_A_WORD = lazy_pattern(
    f"[{ARABIC_LETTER_CLASS}][{_CODE_PAGE_LATIN}]|[{_CODE_PAGE_LATIN}][{ARABIC_LETTER_CLASS}]"
)


def line_encoding(head: bytes) -> str:
    """The encoding of a file read line by line, a line a document (``dorost batch``), from its first
    bytes by the rule above. Bytes that are neither UTF-8 nor Persian Windows-1256 count as UTF-8:
    each line that is not fails alone, and the others are read. But a file that starts as no text does
    (NUL bytes among bytes that are not UTF-8, more NUL bytes than lines, or compressed data: an archive,
    an image, a program under a corpus file's name) is refused whole, as `dorost fix` refuses it; a stray
    NUL in a line of a text corpus stays in its line, as the rest of the line does.

    >>> line_encoding("سلام\\n".encode("utf-16")), line_encoding("سلام\\n".encode("utf-8-sig"))
    ('utf-16', 'utf-8')
    >>> line_encoding("سلام دنيا\\n".encode("windows-1256")), line_encoding("été".encode("latin-1"))
    ('windows-1256', 'utf-8')
    >>> line_encoding("سلام دنیا".encode("utf-16-le"))
    Traceback (most recent call last):
    ...
    dorost.errors.InputError: the input looks like UTF-16 without a byte-order mark; save it as UTF-8
    >>> line_encoding(b"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\xf0")
    Traceback (most recent call last):
    ...
    dorost.errors.InputError: the input is binary data (it contains NUL bytes), not text
    >>> line_encoding(("سلام دنیا\\n" * 20 + "\\x00").encode())  # a stray NUL: kept in its line
    'utf-8'
    """
    encoding = bom_encoding(head)
    if encoding is not None:
        return encoding
    if _utf16_without_mark(head):
        raise InputError("the input looks like UTF-16 without a byte-order mark; save it as UTF-8")
    if _compressed(head) or head.count(b"\x00") > head.count(b"\n") + 1:
        raise _binary(head)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the head may end inside a character
    except UnicodeDecodeError:
        if _persian_in_windows_1256(head) is not None:
            return "windows-1256"
        if b"\x00" in head:
            raise _binary(head) from None
    return "utf-8"
