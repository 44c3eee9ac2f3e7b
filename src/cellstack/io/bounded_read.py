"""Reading a file whose size is bounded, without trusting what the path turns out to be.

A path a user picks may name a named pipe (reading it waits forever for a writer), a device such
as /dev/zero (endless bytes) or a file of gigabytes. Checking the size after ``read_bytes()`` is
too late, so the file is opened without blocking, must be a regular file whose size is within the
limit, and at most ``limit + 1`` bytes are read (a file growing while it is read is caught too).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cellstack.core.errors import InputError

_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` (links followed) is a regular file; False when it does not exist."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _read_regular(path: Path, count: int, where: str, what: str, limit: int | None) -> bytes:
    """At most ``count`` bytes of the regular file at ``path``; refuses files beyond ``limit``."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise InputError("(file)", _kind(status.st_mode), f"a regular {what}", where)
        if limit is not None and status.st_size > limit:
            raise _too_large(f"{status.st_size} bytes", limit, where, what)
        chunks: list[bytes] = []
        wanted = count
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _too_large(size: str, limit: int, where: str, what: str) -> InputError:
    return InputError("(file size)", size, f"a {what} of at most {limit} bytes", where)


def read_head(path: Path, count: int, origin: str = "", what: str = "file") -> bytes:
    """The first ``count`` bytes (or fewer) of the regular file at ``path``, whatever its size.

    Raises ``InputError`` for something that is not a regular file and ``OSError`` when the
    operating system refuses.
    """
    return _read_regular(path, count, origin or str(path), what, None)


def read_bounded(path: Path, limit: int, origin: str = "", what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, refused with :class:`InputError` beyond ``limit``.

    Raises ``InputError`` for something that is not a regular file or is larger than ``limit``
    bytes (checked before reading, and again by reading at most ``limit + 1`` bytes, so a file
    that grows meanwhile is caught too), and ``OSError`` when the operating system refuses
    (missing file, no permission).
    """
    where = origin or str(path)
    data = _read_regular(path, limit + 1, where, what, limit)
    if len(data) > limit:
        raise _too_large(f"more than {limit} bytes", limit, where, what)
    return data
