"""Reading article files into text: size limit, binary detection, BOMs and decoding errors.

Every failure is an InputError whose message is one line naming the problem; the caller
adds the file name.
"""
from __future__ import annotations

import codecs
import os
import stat
from typing import BinaryIO

from lintnews.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bytes(path: str | os.PathLike, max_bytes: int | None = DEFAULT_MAX_BYTES,
               advice: str = "set max-file-size to lint it") -> bytes:
    """The bytes of a file, or an InputError saying why they cannot be had (`advice`, in
    brackets after the message of a file over the limit: what to do about it, if anything)."""
    advice = f" ({advice})" if advice else ""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise InputError("not a regular file (a pipe, socket or device)")   # reading it could block
        with open(path, "rb") as fh:
            if max_bytes is None:
                return fh.read()
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,}{advice}")
            # One read of its size and one byte more: a short read of a regular file is its
            # end. A full one means it grew meanwhile, or gave its size as 0 as those of /proc
            # do: then on, in chunks, no further than the limit allows.
            data = fh.read(size + 1)
            if len(data) > size:
                data += read_up_to(fh, max_bytes + 1 - len(data))
            if len(data) > max_bytes:
                raise InputError(f"file is over the limit of {max_bytes:,} bytes, though its size said "
                                 f"{size:,}{advice}")
            return data
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def read_stream(stream: BinaryIO, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[bytes, bool]:
    """What a stream (standard input) holds, up to `max_bytes` and one byte more, and
    whether that was all of it: an endless stream (`cat /dev/zero |`) is read no further
    than a file over the limit would be."""
    if max_bytes is None:
        return stream.read(), True
    data = read_up_to(stream, max_bytes + 1)
    return data, len(data) <= max_bytes


_CHUNK = 1 << 20


def read_up_to(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a stream, read as they come: a limit is a bound, never an
    allocation (a limit of 30 GB on a 1 KB file reads 1 KB, with 1 KB of memory)."""
    first = stream.read(min(limit, _CHUNK))
    if not first or len(first) >= limit:
        return first
    pieces, total = [first], len(first)
    while total < limit and (piece := stream.read(min(limit - total, _CHUNK))):
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def over_the_limit(max_bytes: int) -> str:
    """The error for standard input that runs past `max_bytes`."""
    return f"standard input is over the limit of {max_bytes:,} bytes (set max-file-size to lint it)"


def byte_order_mark(data: bytes) -> tuple[bytes, str] | None:
    """The BOM `data` starts with and the codec it names, or None."""
    return next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), None)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Text from bytes: a BOM wins; else `encoding`, else UTF-8. Binary data (a NUL byte, or
    with an encoding given a NUL character once decoded) is refused.

    Line endings are kept as they are ("\r\n", "\r", "\n"): no newline translation.
    """
    if (found := byte_order_mark(data)) is not None:
        bom, codec = found
        return _decode(data[len(bom):], codec, len(bom))
    if encoding is None:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes); not an article")
        return _decode(data, "utf-8", 0)
    text = _decode(data, encoding, 0)      # (an encoding given: UTF-16 without a BOM has NUL bytes)
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters); not an article")
    return text


def _decode(data: bytes, codec: str, skipped: int) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 4].hex(" ")
        raise InputError(f"not valid {codec.upper()}: byte offset {exc.start + skipped} ({bad}); "
                         f"convert the file or pass --encoding") from None
    except LookupError:
        raise InputError(f"unknown encoding {codec!r}") from None
