"""Writing a fixed article (or a baseline) back: same encoding, BOM and line endings,
never losing data.

The new bytes go to a temporary file in the same directory, which then replaces the
original in one rename, with the original's permissions (write_whole). A file that changed
on disk since it was read is left alone. Every failure of replace_file is a WriteError with
a one-line message.
"""
from __future__ import annotations

import os
import stat

from lintnews.errors import WriteError
from lintnews.reading import byte_order_mark


def encode_like(text: str, original: bytes, encoding: str | None = None) -> bytes:
    """`text` encoded the way `original` was: its BOM and codec, else `encoding` or UTF-8.

    The text keeps its own line endings (it was decoded without newline translation).
    """
    found = byte_order_mark(original)
    bom, codec = found if found else (b"", encoding or "utf-8")
    try:
        data = bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise WriteError(f"the fixed text has {bad!r}, which {codec.upper()} cannot encode; "
                         f"file left unchanged") from None
    if not found and (added := byte_order_mark(data)) is not None:
        data = data[len(added[0]):]         # a codec that writes a BOM ("utf-8-sig", "utf-16") on a file without one
    return data


def replace_file(path: str | os.PathLike, data: bytes, expected: bytes) -> None:
    """Write `data` to `path` in place of its old content, which must still be `expected`."""
    target = os.path.realpath(path)          # write through a symlink, keep the link
    try:
        with open(target, "rb") as fh:
            current = fh.read()
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        raise WriteError(f"cannot read it again before writing: {exc.strerror or exc}") from None
    if current != expected:
        raise WriteError("the file changed on disk while it was being fixed; not overwritten")
    if not os.access(target, os.W_OK):
        raise WriteError("the file is read-only; not fixed")
    try:
        write_whole(target, data, mode)
    except OSError as exc:
        raise WriteError(f"cannot write the fixed file: {exc.strerror or exc}") from None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_whole(path: str | os.PathLike, data: bytes, mode: int | None = None) -> None:
    """Write a file that is never seen half written (a fixed article, a baseline): the
    bytes go to a temporary file beside it, which then replaces it in one rename, with
    `mode`, else the permissions of the file that was there, else the usual ones (0666
    less the umask). Raises OSError; the old file, if any, is then as it was."""
    import tempfile

    folder, name = os.path.split(os.path.abspath(path))
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".lintnews-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise

