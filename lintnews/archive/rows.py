"""Reading archives into rows and partitions: JSONL, .jsonl.gz and Parquet files.

No file is loaded whole: JSONL is read a line at a time (through gzip for .jsonl.gz) and
Parquet a row group at a time (in record batches), so what a reader holds follows the
partition size (and, for Parquet, the row-group size the file was written with).

A row that cannot be linted (no text, text that is not a string, not UTF-8, a line that is
not JSON) keeps its place as a Row with an error, which the output reports as an LN000 row;
the sweep goes on. A row is named by its id; one without an id by its place, `FILE:N`
(the line number in a JSONL file, the 1-based row number in a Parquet file).
"""
from __future__ import annotations

import glob
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lintnews.errors import InputError, UsageError

SUFFIXES = (".jsonl.gz", ".jsonl", ".parquet")
# The markup kinds a format column may name, and the extension (so the loader) each gets.
KINDS = {"text": ".txt", "markdown": ".md", "html": ".html"}
MAX_PARTITION_TEXT_BYTES = 8 * 1024 * 1024   # under Dask's 10 MB large-task warning
# Undecodable bytes (kept by surrogateescape) and lone surrogates (from JSON "\ud800").
_NOT_UNICODE = re.compile("[\ud800-\udfff]")
_MISSING = object()


@dataclass(frozen=True)
class Columns:
    """The record fields that hold an article's id, its text and (optionally) its markup kind."""

    id: str = "id"
    text: str = "text"
    format: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One article, linted as the file `id + suffix`; `text` is None when `errors` say why."""

    id: str
    text: str | None
    suffix: str = ".txt"
    errors: tuple[str, ...] = ()


@dataclass(slots=True)
class Partition:
    """Consecutive rows linted as one task; `input_bytes` is their share of the input files."""

    index: int
    rows: list[Row] = field(default_factory=list)
    input_bytes: int = 0
    text_bytes: int = 0


def find_inputs(patterns: Sequence[str]) -> list[Path]:
    """The archive files that paths, directories and glob patterns name, in the order given."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        if os.path.isdir(pattern):
            matches = sorted(p for p in Path(pattern).rglob("*") if is_archive(p)
                             and not any(part.startswith(".") for part in p.relative_to(pattern).parts))
            if not matches:
                raise UsageError(f"{pattern}: no archive files in it ({', '.join('*' + s for s in SUFFIXES)})")
        elif any(c in pattern for c in "*?[") and not os.path.exists(pattern):
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if is_archive(Path(p)))
            if not matches:
                raise UsageError(f"{pattern}: no archive files match")
        elif not os.path.exists(pattern):
            raise UsageError(f"{pattern}: no such file")
        elif not is_archive(Path(pattern)):
            raise UsageError(f"{pattern}: not an archive (expected {', '.join(SUFFIXES)})")
        else:
            matches = [Path(pattern)]
        found.update(dict.fromkeys(matches))
    return list(found)


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(SUFFIXES)


def survey(paths: Sequence[Path], columns: Columns) -> int:
    """Check that every input opens and has the columns asked for; return their total size.

    Only Parquet files say up front which columns they have; a JSONL record without them
    becomes an LN000 row when it is read.
    """
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
            if path.name.lower().endswith(".parquet"):
                names = _parquet_file(path).schema_arrow.names
                for option, name in (("--id-column", columns.id), ("--text-column", columns.text),
                                     ("--format-column", columns.format)):
                    if name and name not in names:
                        raise UsageError(f"{shown(path)}: no column {name!r} (it has {', '.join(names)}); "
                                         f"name the right one with {option}")
            else:
                with open(path, "rb") as fh:
                    head = fh.read(2)
                if path.name.lower().endswith(".gz") and head and head != b"\x1f\x8b":
                    raise InputError(f"{shown(path)}: not a gzip file")
        except OSError as exc:
            raise InputError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    return total


def partitions(paths: Sequence[Path], columns: Columns, *, per_partition: int,
               max_text_bytes: int) -> Iterator[Partition]:
    """The rows of every input, in order, in partitions of `per_partition` rows (or 8 MB of
    text); a text over `max_text_bytes` is an error row, as a file over max-file-size is."""
    part = Partition(0)
    for path in paths:
        reader = _parquet_rows if path.name.lower().endswith(".parquet") else _jsonl_rows
        for row, input_bytes, text_bytes in reader(path, columns, max_text_bytes, per_partition):
            part.rows.append(row)
            part.input_bytes += input_bytes
            part.text_bytes += text_bytes
            if len(part.rows) >= per_partition or part.text_bytes >= MAX_PARTITION_TEXT_BYTES:
                yield part
                part = Partition(part.index + 1)
    if part.rows:
        yield part


def shown(path: Path) -> str:
    """A file's name as text the output can hold: a name that is not UTF-8 (its bytes held
    as surrogates) with those bytes as backslash escapes ("caf\\xe9.jsonl"), for Parquet and
    JSON Lines strings must be valid UTF-8 and the ids of rows named by their place hold it."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def line_limit(max_text_bytes: int) -> int:
    """The longest JSONL line read: room for a text at the limit written with JSON escapes
    and other fields. A longer line is an error row, read no further than this."""
    return 4 * max_text_bytes + 64 * 1024


def _jsonl_rows(path: Path, columns: Columns, max_text_bytes: int, _batch: int):
    """(row, input bytes, text bytes) for each non-blank line of a JSONL or .jsonl.gz file.

    A line is read no further than line_limit (a 300 KB .gz can hold a 300 MB line): past
    it the row is an error and the rest of the line is skipped a piece at a time."""
    gzipped = path.name.lower().endswith(".gz")
    label = shown(path)                     # (what rows named by their place are called)
    limit = line_limit(max_text_bytes)
    with open(path, "rb") as raw:
        lines = gzip.GzipFile(fileobj=raw) if gzipped else raw
        lineno, consumed, reported = 0, 0, 0
        try:
            while line := lines.readline(limit + 1):
                lineno += 1
                where = f"{label}:{lineno}"
                if len(line.rstrip(b"\n")) > limit:
                    skipped = _skip_line(lines, line)
                    consumed = raw.tell() if gzipped else consumed + skipped
                    row = Row(where, None, errors=(f"{where}: the line is over {limit:,} bytes, too long for "
                                                   f"a text of max-file-size ({max_text_bytes:,}); not read",))
                    yield row, consumed - reported, 0
                    reported = consumed
                    continue
                consumed = raw.tell() if gzipped else consumed + len(line)
                if not line.strip():
                    continue
                row, text_bytes = _jsonl_row(line, where, columns, max_text_bytes)
                yield row, consumed - reported, text_bytes
                reported = consumed
        except (OSError, EOFError, zlib.error) as exc:   # a truncated or corrupt .gz
            yield _unreadable(path, lineno + 1, exc), path.stat().st_size - reported, 0


def _skip_line(lines, start: bytes) -> int:
    """Read past the rest of the line that begins with `start`, a MB at a time; its length."""
    size, piece = len(start), start
    while not piece.endswith(b"\n") and (piece := lines.readline(1 << 20)):
        size += len(piece)
    return size


def _jsonl_row(line: bytes, where: str, columns: Columns, max_text_bytes: int) -> tuple[Row, int]:
    try:
        record = json.loads(line.decode("utf-8", "surrogateescape"))
    except ValueError as exc:
        return Row(where, None, errors=(f"{where}: not a line of JSON: {exc}",)), 0
    except RecursionError:                  # ("[[[[ ...": json recurses a level a call)
        return Row(where, None, errors=(f"{where}: not a line of JSON lintnews can read: nested too deeply",)), 0
    if not isinstance(record, dict):
        return Row(where, None, errors=(f"{where}: not a JSON object",)), 0
    kind = record.get(columns.format, _MISSING) if columns.format else _MISSING
    return make_row(record.get(columns.id, _MISSING), record.get(columns.text, _MISSING), kind,
                    where, columns, max_text_bytes)


def _parquet_file(path: Path):
    import pyarrow
    import pyarrow.parquet as pq

    try:
        # pre_buffer (pyarrow's default) reads the column chunks of every row group up front:
        # the whole file in memory. Without it, a row group at a time.
        return pq.ParquetFile(path, pre_buffer=False)
    except pyarrow.ArrowException as exc:
        raise InputError(f"{shown(path)}: not a readable Parquet file: {exc}") from None


def _parquet_rows(path: Path, columns: Columns, max_text_bytes: int, batch_rows: int):
    """(row, input bytes, text bytes) for each row of a Parquet file, a row group at a time."""
    import pyarrow

    file = _parquet_file(path)
    names = [name for name in (columns.id, columns.text, columns.format) if name]
    size, total, done = path.stat().st_size, max(file.metadata.num_rows, 1), 0
    label = shown(path)
    try:
        for batch in file.iter_batches(batch_size=batch_rows, columns=names, use_threads=False):
            values = [batch.column(name).to_pylist() for name in names]
            if not columns.format:
                values.append([_MISSING] * batch.num_rows)
            for ident, text, kind in zip(*values):
                done += 1
                row, text_bytes = make_row(ident, text, kind, f"{label}:{done}", columns, max_text_bytes)
                yield row, size * done // total - size * (done - 1) // total, text_bytes
    except (OSError, pyarrow.ArrowException, UnicodeDecodeError) as exc:
        yield _unreadable(path, done + 1, exc), 0, 0


def _unreadable(path: Path, number: int, exc: Exception) -> Row:
    """An error row for the part of a file that cannot be read (a truncated .gz, a bad page)."""
    where = f"{shown(path)}:{number}"
    message = f"{where}: the rest of the file cannot be read: {type(exc).__name__}: {exc}"
    return Row(where, None, errors=(message,))


def make_row(ident, text, kind, where: str, columns: Columns, max_text_bytes: int) -> tuple[Row, int]:
    """A Row from a record's id, text and kind values, and the size of its text in UTF-8."""
    errors = []
    name, problem = _identifier(ident, columns.id)
    if problem:
        errors.append(f"{where}: {problem}; the row is named by its place")
        name = where
    suffix = ".txt"
    if kind not in (_MISSING, None):
        suffix = KINDS.get(kind) if isinstance(kind, str) else None
        if suffix is None:
            errors.append(f"{where}: {_what(columns.format, kind)}, not one of {', '.join(KINDS)}")
            return Row(name, None, errors=tuple(errors)), 0
    text, problem, size = _text(text, columns.text, max_text_bytes)
    if problem:
        errors.append(f"{where}: {problem}")
    return Row(name, text, suffix, tuple(errors)), size


def _identifier(value, column: str) -> tuple[str | None, str | None]:
    """(the id as a string, None), or (None, what is wrong with it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    if value is _MISSING or value is None:
        return None, _what(column, value)
    if not isinstance(value, str):
        return None, f"{_what(column, value)}, not a string or an integer"
    if not value:
        return None, f"{column!r} is empty"
    if _NOT_UNICODE.search(value):
        return None, f"{column!r} is not valid UTF-8"
    return value, None


def _text(value, column: str, max_text_bytes: int) -> tuple[str | None, str | None, int]:
    """(text, None, UTF-8 size), or (None, why it cannot be linted, 0)."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = value[exc.start:exc.start + 4].hex(" ")
            return None, f"{column!r} is not valid UTF-8: byte offset {exc.start} ({bad})", 0
    if value is _MISSING or value is None:
        return None, _what(column, value), 0
    if not isinstance(value, str):
        return None, f"{_what(column, value)}, not a string", 0
    bad = _NOT_UNICODE.search(value)
    if bad:
        code = ord(bad.group())
        what = f"byte {code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"lone surrogate U+{code:04X}"
        return None, f"{column!r} is not valid UTF-8: {what} at character {bad.start()}", 0
    if "\x00" in value:
        return None, f"{column!r} contains NUL characters; not an article", 0
    size = len(value.encode("utf-8"))
    if size > max_text_bytes:
        return None, (f"{column!r} is {size:,} bytes, over the limit of {max_text_bytes:,} "
                      f"(set max-file-size to lint it)"), 0
    return value, None, size


def _what(column: str | None, value) -> str:
    """`'text' is missing`, `'text' is null`, `'text' is a number`: what a field holds."""
    if value is _MISSING:
        return f"{column!r} is missing"
    if value is None:
        return f"{column!r} is null"
    if isinstance(value, bool):
        return f"{column!r} is a boolean"
    if isinstance(value, (int, float)):
        return f"{column!r} is a number"
    if isinstance(value, str):
        return f"{column!r} is {value!r}"
    return f"{column!r} is a {type(value).__name__}"
