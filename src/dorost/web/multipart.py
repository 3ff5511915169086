"""A ``multipart/form-data`` body, already read into memory, split into its fields.

Starlette's own form parser spools large uploads to temporary files; the server promises that
nothing a request sends touches the disk, so uploads are parsed here, in memory, with
python-multipart's streaming parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header

MAX_FIELDS = 16


class FormError(ValueError):
    """The body is not a form this server can read; the message says why."""


@dataclass
class Part:
    """One form field: its name, the file name if it is a file, and its bytes."""

    name: str = ""
    filename: str | None = None
    chunks: list[bytes] = field(default_factory=list)

    @property
    def data(self) -> bytes:
        return b"".join(self.chunks)


def parse_form(content_type: str, body: bytes) -> dict[str, Part]:
    """The fields of a ``multipart/form-data`` body, by name (each name once).

    >>> body = (b'--XyZ\\r\\nContent-Disposition: form-data; name="file"; filename="a.txt"\\r\\n\\r\\n'
    ...         b'\\xd8\\xb3\\xd9\\x84\\xd8\\xa7\\xd9\\x85\\r\\n--XyZ--\\r\\n')
    >>> part = parse_form("multipart/form-data; boundary=XyZ", body)["file"]
    >>> part.filename, part.data.decode()
    ('a.txt', 'سلام')
    """
    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data":
        raise FormError("send the file as multipart/form-data, in a field named 'file'")
    boundary = params.get(b"boundary")
    if not boundary:
        raise FormError("the multipart/form-data content type has no boundary")
    parts: list[Part] = []
    header_field: list[bytes] = []
    header_value: list[bytes] = []

    def on_part_begin() -> None:
        if len(parts) >= MAX_FIELDS:
            raise FormError(f"the form has more than {MAX_FIELDS} fields")
        parts.append(Part())

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].chunks.append(data[start:end])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.append(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.append(data[start:end])

    def on_header_end() -> None:
        name = b"".join(header_field).strip().lower()
        value = b"".join(header_value)
        header_field.clear()
        header_value.clear()
        if name == b"content-disposition":
            _, disposition = parse_options_header(value)
            parts[-1].name = disposition.get(b"name", b"").decode("utf-8", "replace")
            filename = disposition.get(b"filename")
            parts[-1].filename = None if filename is None else filename.decode("utf-8", "replace")

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_part_data": on_part_data,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except FormError:
        raise
    except Exception as error:
        raise FormError(f"the multipart/form-data body cannot be read: {error}") from error
    fields: dict[str, Part] = {}
    for part in parts:
        if part.name in fields:
            # Two files in one request (`-F file=@a.pdf -F file=@b.pdf`): one would be dropped unseen.
            raise FormError(f"the form has the field {part.name!r} twice; send one document per request")
        fields[part.name] = part
    return fields
