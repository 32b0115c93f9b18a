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
    """Write `data` to `path` in place of its old content, which must still be `expected`.

    Another lintnews fixing the same file waits for this one (an advisory lock on the file)
    and then finds it changed: two runs never both report fixes that only one wrote. The
    file keeps its owner, group, mode and extended attributes; being a new file (inode), a
    hard link's other name keeps the old text.
    """
    target = os.path.realpath(path)          # write through a symlink, keep the link
    try:
        lock = os.open(target, os.O_RDONLY)
    except OSError as exc:
        raise WriteError(f"cannot read it again before writing: {exc.strerror or exc}") from None
    try:
        _lock(lock)
        try:
            with open(target, "rb") as fh:         # (by name: another run may have replaced it)
                current = fh.read()
            old = os.stat(target)
        except OSError as exc:
            raise WriteError(f"cannot read it again before writing: {exc.strerror or exc}") from None
        if current != expected:
            raise WriteError("the file changed on disk while it was being fixed; not overwritten")
        if not old.st_mode & 0o222:              # (by mode: root may write anything)
            raise WriteError("the file is read-only; not fixed")
        try:
            write_whole(target, data, like=old)
        except OSError as exc:
            raise WriteError(f"cannot write the fixed file: {exc.strerror or exc}") from None
    finally:
        os.close(lock)                           # (and with it the lock)


def _lock(fd: int) -> None:
    """Hold an advisory lock on the open file until it is closed (where the system has them)."""
    try:
        import fcntl
    except ImportError:                          # (Windows)
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


TEMPORARY_SUFFIX = ".lintnews-tmp"
STALE_AFTER = 10 * 60            # seconds: a temporary file this old was left by a killed run
_swept: set[str] = set()         # the folders this process has cleared of stale temporary files


def _sweep(folder: str) -> None:
    """Remove the temporary files a killed lintnews left in `folder` (".NAME.*.lintnews-tmp",
    untouched for STALE_AFTER), once per folder and process."""
    if folder in _swept:
        return
    _swept.add(folder)
    import time

    now = time.time()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") and entry.name.endswith(TEMPORARY_SUFFIX):
                    try:
                        if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_AFTER:
                            os.unlink(entry.path)
                    except OSError:
                        pass
    except OSError:
        pass


def write_whole(path: str | os.PathLike, data: bytes, mode: int | None = None,
                like: os.stat_result | None = None) -> None:
    """Write a file that is never seen half written (a fixed article, a baseline): the
    bytes go to a temporary file beside it, which then replaces it in one rename. It gets
    the owner, group, mode and extended attributes of `like` (the file it replaces), else
    `mode`, else the permissions of the file that was there, else the usual ones (0666 less
    the umask). Raises OSError; the old file, if any, is then as it was."""
    import tempfile

    folder, name = os.path.split(os.path.abspath(path))
    if like is not None:
        mode = stat.S_IMODE(like.st_mode)
    elif mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    _sweep(folder)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if like is not None:
                _keep_owner_and_attributes(fh.fileno(), path, like)
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise


def _keep_owner_and_attributes(fd: int, path: str, like: os.stat_result) -> None:
    """Give the new file (open as `fd`) the owner and group and the extended attributes of
    the one at `path` (stat `like`). An owner that cannot be kept is an OSError: a file
    its owner could no longer read is not written."""
    new = os.fstat(fd)
    if hasattr(os, "fchown") and (new.st_uid, new.st_gid) != (like.st_uid, like.st_gid):
        os.fchown(fd, like.st_uid, like.st_gid)
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(path)
        except OSError:
            return                               # (a file system without them)
        for attribute in names:
            try:
                os.setxattr(fd, attribute, os.getxattr(path, attribute))
            except OSError:
                pass                             # (security.* and the like, kept by the system or not at all)
