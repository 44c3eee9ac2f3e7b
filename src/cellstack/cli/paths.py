"""What a path on the command line points at, asked without ever raising."""

from __future__ import annotations

import os
import stat
from enum import Enum
from pathlib import Path

from cellstack.cli.errors import printable, shorten

SHOWN_PATH_CHARS = 200


class PathKind(Enum):
    FILE = "is a regular file"
    FOLDER = "is a folder"
    OTHER = "is not a regular file"  # a FIFO (a read would block forever), a device, a socket
    MISSING = "no such file"
    INVALID = "is not a usable path"  # a NUL byte, a name too long for the file system, ...


def path_kind(argument: str | Path) -> PathKind:
    if not str(argument):  # Path("") would mean the current folder
        return PathKind.MISSING
    try:
        mode = os.stat(argument).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return PathKind.MISSING
    except (OSError, ValueError):
        return PathKind.INVALID
    if stat.S_ISDIR(mode):
        return PathKind.FOLDER
    return PathKind.FILE if stat.S_ISREG(mode) else PathKind.OTHER


def shown_path(path: str | Path) -> str:
    """The path for a one-line message: control characters escaped, cut with "…" when long."""
    return shorten(printable(str(path)), SHOWN_PATH_CHARS)
