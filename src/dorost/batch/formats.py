"""Corpus files: finding them, reading them in bounded chunks, and writing output parts atomically.

Three shapes of document, one per input format:

- JSONL (``.jsonl``, ``.ndjson``, optionally ``.gz`` or ``.zst``): one JSON object a line; the text is
  in ``text_field``, every other field is kept as it was;
- Parquet (``.parquet``): one row a document, read a record batch at a time;
- plain text (``.txt``, optionally ``.gz`` or ``.zst``): one document a line, as in the line-per-paragraph
  corpora data teams collect. Blank lines are kept as they are and are not documents;
- Markdown (``.md``, ``.markdown``, ``.mdx``, as ``dorost fix`` names them): one document a file, read whole and
  restored as ``dorost fix`` restores a Markdown file (its line breaks, hard breaks and code kept), into a
  Markdown part of the same name: the output folder is the input tree restored. A folder's Markdown files are
  read when the output is Markdown (``--format md``), and then only they are (a documentation repository holds
  other files, a ``requirements.txt`` among them); otherwise they are skipped: in a corpus folder a ``README.md``
  is the corpus's card, no document of it (each folder of ``../shared/corpora`` holds one beside its text).

Text and JSONL files are read in the encoding ``dorost fix`` finds (:func:`dorost.inputs.text.line_encoding`):
UTF-8, or UTF-16/UTF-32 with a byte-order mark, or Persian Windows-1256; the parts are UTF-8.

The parent process only reads raw chunks (JSONL and text lines as bytes, Parquet record batches) and
writes what comes back; parsing, restoring and serialising happen in the workers
(:func:`dorost.batch.worker.process_chunk`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from dorost.errors import InputError
from dorost.inputs import MARKDOWN_SUFFIXES
from dorost.inputs.text import line_encoding

Format = Literal["jsonl", "parquet", "txt", "md"]
Compression = Literal["gz", "zst"]
FORMATS: tuple[Format, ...] = ("jsonl", "parquet", "txt", "md")

_SUFFIXES: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".txt": "txt",
    **dict.fromkeys(MARKDOWN_SUFFIXES, "md"),
}
_COMPRESSIONS: dict[str, Compression] = {".gz": "gz", ".zst": "zst"}
_EXTENSIONS: dict[Format, str] = {"jsonl": ".jsonl", "parquet": ".parquet", "txt": ".txt", "md": ".md"}
TEMP_SUFFIX = ".dorost-tmp"
#: What the files dorost batch reads are named, as its messages say it.
CORPUS_FILES = ".jsonl, .ndjson, .parquet, .txt, with .gz/.zst; Markdown .md, .markdown, .mdx"


class BatchError(Exception):
    """A batch run cannot start or go on (bad inputs, an output folder that belongs to another run)."""


class BatchUsageError(BatchError):
    """The command asks for what the run refuses until it is given otherwise: inputs of mixed formats
    without ``--format``, an output that would overwrite an input, a folder that holds something else
    or another run. A usage error (exit code 2): running the same command again cannot help."""


class BatchOutputError(BatchError):
    """The output folder cannot be created or written (a file in its place, no permission, a full disk)."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One input file and the output part it becomes."""

    path: str
    part: str
    format: Format
    compression: Compression | None
    size: int
    mtime_ns: int

    def to_dict(self) -> dict[str, object]:
        return {"input": self.path, "part": self.part, "size": self.size, "mtime_ns": self.mtime_ns}


def _kind(path: Path) -> tuple[Format, Compression | None] | None:
    """The format and compression a file name announces, or None for other files."""
    suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
    compression = _COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    if compression is not None:
        suffixes = suffixes[:-1]
    fmt = _SUFFIXES.get(suffixes[-1]) if suffixes else None
    if fmt is None or (fmt in ("parquet", "md") and compression is not None):
        return None
    return fmt, compression


def _stem(name: str) -> str:
    """``a/b.jsonl.gz`` → ``a/b``."""
    path = Path(name)
    kind = _kind(path)
    drop = 0 if kind is None else 1 + (kind[1] is not None)
    for _ in range(drop):
        path = path.with_suffix("")
    return str(path)


def discover(
    inputs: Sequence[str], output: Format, compression: Compression | str | None, skipped: list[Path] | None = None
) -> list[Shard]:
    """Every input file, in a stable order, with its output part name.

    Folders are walked recursively (hidden and ``_``-prefixed entries skipped, as Spark and Arrow do); for a
    Markdown ``output`` only their Markdown files are taken, for any other none (a file given by name always is):
    those left out are added to ``skipped``.
    ``compression`` is ``"same"`` (keep the input's for JSONL and text output), ``"none"``, ``"gz"`` or ``"zst"``.
    A Markdown part keeps its input's name (``.mdx`` stays ``.mdx``).
    """
    found: list[tuple[Path, str]] = []
    skipped_markdown = False
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            for path in sorted(_walk(root)):
                markdown = _kind(path) == ("md", None)
                if markdown == (output == "md"):
                    found.append((path, str(path.relative_to(root))))
                elif markdown:
                    skipped_markdown = True
                    if skipped is not None:
                        skipped.append(path)
        elif root.is_file():
            if _kind(root) is None:
                raise BatchError(f"{given}: not a corpus file ({CORPUS_FILES})")
            found.append((root, root.name))
        elif given == "-":
            # (A run is resumed by its inputs' names and sizes, which a pipe has not.)
            raise BatchError("dorost batch reads files and folders, not standard input; `dorost fix -` reads a stream")
        else:
            raise BatchError(f"{given}: no such file or folder")
    if not found:
        if skipped_markdown:
            raise BatchUsageError(
                "the input folders hold Markdown files only; give --format md to restore them, one document a file"
            )
        if output == "md":
            raise BatchError("no Markdown files (.md, .markdown, .mdx) found in the inputs")
        raise BatchError(f"no corpus files ({CORPUS_FILES}) found in the inputs")
    shards: list[Shard] = []
    used: set[str] = set()
    for path, relative in found:
        fmt, input_compression = _kind(path)  # type: ignore[misc]
        part_compression = _part_compression(output, input_compression, compression)
        base = _stem(relative)
        if output == "md" and fmt == "md":
            extension = relative[len(base) :]
        else:
            extension = _EXTENSIONS[output] + (f".{part_compression}" if part_compression else "")
        part, n = f"{base}{extension}", 1
        while part in used:  # two inputs with one name (a/x.jsonl and b/x.jsonl given as files)
            part, n = f"{base}-{n}{extension}", n + 1
        used.add(part)
        stat = path.stat()
        shards.append(Shard(str(path.resolve()), part, fmt, input_compression, stat.st_size, stat.st_mtime_ns))
    return shards


def _walk(root: Path) -> Iterator[Path]:
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith((".", "_")))
        for name in files:
            path = Path(directory, name)
            if not name.startswith((".", "_")) and _kind(path) is not None:
                yield path


def _part_compression(
    output: Format, input_compression: Compression | None, wanted: Compression | str | None
) -> Compression | None:
    if output in ("parquet", "md") or wanted in (None, "none"):
        return None
    if wanted == "same":
        return input_compression
    if wanted in ("gz", "zst"):
        return wanted  # type: ignore[return-value]
    raise BatchError(f"unknown compression {wanted!r} (same, none, gz, zst)")


# ----------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True, slots=True)
class RawChunk:
    """A run of documents from one shard: ``lines`` (JSONL, text) or a record ``batch`` (Parquet).

    ``position`` is how far into the file (in bytes on disk) the chunk ends, for the progress bar.
    """

    first: int
    lines: list[bytes] | None
    batch: Any
    position: int


# What the encoding of a text or JSONL file is judged on: its first bytes, as read (and decompressed).
HEAD_BYTES = 64 * 1024


def _open_raw(path: str, compression: Compression | None) -> tuple[io.BufferedReader[Any], IO[bytes]]:
    """The decompressed stream and the raw file under it (whose position tracks progress)."""
    raw = io.BufferedReader(io.FileIO(path, "rb"), HEAD_BYTES)  # closed by read_chunks
    if compression == "gz":
        import gzip  # (like zstandard below: imported only for a compressed shard)

        return io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"), HEAD_BYTES), raw
    if compression == "zst":
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return io.BufferedReader(reader, HEAD_BYTES), raw
    return raw, raw


def _lines(stream: io.BufferedReader[Any]) -> Iterator[bytes]:
    """The stream's lines as UTF-8. A file in another encoding is read as `dorost fix` reads it and
    its lines encoded in UTF-8: otherwise each line of a UTF-16 file would fail, as not UTF-8, alone.
    A line ends at ``\n`` only, as in a UTF-8 file."""
    try:
        encoding = line_encoding(stream.peek(HEAD_BYTES)[:HEAD_BYTES])
    except InputError as error:
        raise BatchError(str(error)) from None
    if encoding == "utf-8":
        yield from stream
        return
    text = io.TextIOWrapper(stream, encoding=encoding, newline="\n")
    try:
        for line in text:
            yield line.encode("utf-8")
    except UnicodeDecodeError as error:
        raise BatchError(f"the file is not valid {encoding.upper()} text after its start: {error.reason}") from None
    finally:
        text.detach()


def read_chunks(shard: Shard, max_docs: int, max_bytes: int) -> Iterator[RawChunk]:
    """The shard's documents in chunks of at most ``max_docs`` documents or about ``max_bytes`` bytes; a Markdown
    file is one document, read whole (as ``dorost fix`` reads it: its layout is judged on the whole text)."""
    if shard.format == "parquet":
        yield from _parquet_chunks(shard, max_docs, max_bytes)
        return
    if shard.format == "md":
        with open(shard.path, "rb") as file:
            yield RawChunk(0, [file.read()], None, shard.size)
        return
    stream, raw = _open_raw(shard.path, shard.compression)
    try:
        first = 0
        lines: list[bytes] = []
        size = 0
        for line in _lines(stream):
            lines.append(line)
            size += len(line)
            if len(lines) >= max_docs or size >= max_bytes:
                yield RawChunk(first, lines, None, raw.tell())
                first += len(lines)
                lines, size = [], 0
        yield RawChunk(first, lines, None, shard.size)
    finally:
        stream.close()
        raw.close()


def _parquet_chunks(shard: Shard, max_docs: int, max_bytes: int) -> Iterator[RawChunk]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(shard.path) as parquet:
        rows = max(parquet.metadata.num_rows, 1)
        metadata = parquet.metadata
        bytes_per_row = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups)) / rows
        batch_rows = max(1, min(max_docs, int(max_bytes / max(bytes_per_row, 1.0))))
        first = 0
        for batch in parquet.iter_batches(batch_size=batch_rows):
            yield RawChunk(first, None, batch, int(shard.size * (first + batch.num_rows) / rows))
            first += batch.num_rows
        if first == 0:
            yield RawChunk(0, None, None, shard.size)


# ----------------------------------------------------------------------------------------------
# Writing


# Parquet output gathers the chunks' rows into row groups of about this many bytes (Arrow's in-memory
# size). Writing each chunk as its own row group made a part of 20,000 chunks hold 2.5 KB of row-group
# metadata per chunk until it closed (51 MB), and made a file of tiny row groups for its readers.
ROW_GROUP_BYTES = 16 * 1024 * 1024


def temporary_of(path: Path) -> Path:
    """The hidden name a file is written under before it is renamed into place."""
    return path.with_name(f".{path.name}{TEMP_SUFFIX}")


class PartWriter:
    """Writes one output part to a temporary name beside it, then renames it into place.

    A part therefore either exists complete or not at all, whatever stops the run.
    """

    def __init__(self, path: Path, fmt: Format, compression: Compression | None, source: Shard | None = None) -> None:
        self.path = path
        self.source = source  # a JSONL shard whose rows become this Parquet part's
        self.temporary = temporary_of(path)
        self.format = fmt
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[bytes] = open(self.temporary, "wb")  # noqa: SIM115 (closed in commit/abort)
        self._stream: Any = self._file
        if compression == "gz":
            import gzip

            self._stream = gzip.GzipFile(fileobj=self._file, mode="wb", compresslevel=6, mtime=0)
        elif compression == "zst":
            import zstandard

            self._stream = zstandard.ZstdCompressor(level=3).stream_writer(self._file, closefd=False)
        self._parquet: Any = None
        self._schema: Any = None
        self._pending: list[Any] = []  # tables of the row group being gathered
        self._pending_bytes = 0

    def write_bytes(self, data: bytes) -> None:
        self._stream.write(data)

    def write_table(self, table: Any) -> None:
        """Append a table (Parquet output); the first one fixes the schema. Rows are written a row
        group at a time, once about :data:`ROW_GROUP_BYTES` have gathered (and when the part ends)."""
        import pyarrow.parquet as pq

        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self._file, self._schema, compression="zstd")
        elif table.schema != self._schema:
            table = table.cast(self._schema)
        self._pending.append(table)
        self._pending_bytes += table.nbytes
        if self._pending_bytes >= ROW_GROUP_BYTES:
            self._write_row_group()

    def _write_row_group(self) -> None:
        import pyarrow as pa

        if self._pending:
            self._parquet.write_table(pa.concat_tables(self._pending))
        self._pending, self._pending_bytes = [], 0

    def write_rows(self, rows: list[dict[str, object]]) -> None:
        """Append rows given as dicts (JSONL or text input to Parquet output)."""
        import pyarrow as pa

        if not rows:
            return
        if self._schema is None:
            # A Parquet part's columns are fixed by its first rows: they take every field the whole
            # input holds, or a field first seen past the first chunk would be dropped from its rows.
            fields = jsonl_fields(self.source) if self.source is not None and self.source.format == "jsonl" else None
            self.write_table(pa.Table.from_pylist(rows, schema=_row_schema(rows, fields)))
        else:
            self.write_table(pa.Table.from_pylist(rows, schema=self._schema))

    def commit(self) -> None:
        """Make the part whole, durable and in place. (A run commits its parts many at once, in a thread:
        :class:`dorost.batch.commits.Committer` calls these steps itself.)"""
        self.finish_writing()
        self.sync()
        self.publish()
        fsync_folder(self.path.parent)

    def finish_writing(self) -> None:
        """Write what the part still holds (the last row group and a Parquet footer, a compressed stream's end) and
        hand it all to the operating system."""
        if self.format == "parquet":
            if self._parquet is None:
                self._write_empty_parquet()
            else:
                self._write_row_group()
                self._parquet.close()
        if self._stream is not self._file:
            self._stream.close()
        self._file.flush()

    def sync(self) -> None:
        """Wait until the part is on disk (after :meth:`finish_writing`)."""
        os.fsync(self._file.fileno())

    def publish(self) -> None:
        """Close the part and rename it into place (after :meth:`sync`, so a part in place is whole on disk)."""
        self._file.close()
        os.replace(self.temporary, self.path)

    def _write_empty_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({}), self._file)

    def abort(self) -> None:
        self._pending = []
        try:
            if self._parquet is not None:
                self._parquet.close()
            if self._stream is not self._file:
                self._stream.close()
            self._file.close()
        except Exception:  # the part is being thrown away; nothing in it matters
            pass
        self.temporary.unlink(missing_ok=True)


def _inferred(rows: list[dict[str, object]]) -> Any:
    """The Arrow schema of the rows, every field of every row counted (Arrow reads the fields of the
    first row alone, and a JSONL document without one of them, or with another, would lose its own)."""
    import pyarrow as pa

    names = dict.fromkeys(name for row in rows for name in row)
    return pa.Table.from_pydict({name: [row.get(name) for row in rows] for name in names}).schema


def jsonl_fields(shard: Shard) -> Any:
    """The Arrow schema of every JSON object in a JSONL shard, read ahead of its restoration.

    Read in chunks, so memory stays bounded; a field typed two ways that Arrow cannot reconcile
    (a number here, text there) raises ``ValueError`` (``pyarrow.ArrowInvalid``), which fails the
    shard with that message rather than a part that lost the field.
    """
    import pyarrow as pa

    from dorost.batch.worker import read_json_object

    schemas = []
    chunks = read_chunks(shard, 1024, 1 << 20)
    while True:
        try:
            chunk = next(chunks, None)
        except Exception:  # the restoration's own reading meets it and fails the shard
            break
        if chunk is None:
            break
        assert chunk.lines is not None
        rows = [row for row in map(read_json_object, chunk.lines) if row]
        if rows:
            schemas.append(_inferred(rows))
    return pa.unify_schemas(schemas, promote_options="permissive") if schemas else None


def _row_schema(rows: list[dict[str, object]], also: Any = None) -> Any:
    """The schema the first rows suggest, joined with ``also`` (the fields of the rest of the input),
    with the edit list typed and all-null columns as strings."""
    import pyarrow as pa

    from dorost.batch.worker import EDITS_FIELD, edits_type

    inferred = _inferred(rows)
    if also is not None:
        inferred = pa.unify_schemas([inferred, also], promote_options="permissive")
    fields = []
    for item in inferred:
        if item.name == EDITS_FIELD:
            item = pa.field(EDITS_FIELD, edits_type())
        elif pa.types.is_null(item.type):
            item = pa.field(item.name, pa.string())
        fields.append(item)
    return pa.schema(fields)


def fsync_folder(folder: Path) -> None:
    """Make a folder's entries (a part renamed into it) durable; nothing where a folder cannot be opened (Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    temporary = temporary_of(path)
    try:
        with open(temporary, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:  # Ctrl-C or a full disk: leave the old file, not a half-written temporary
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
