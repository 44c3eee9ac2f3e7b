"""Autosaves of open documents in a per-user folder, and the recoveries they offer after a crash.

The GUI writes an autosave of each modified document every minute (:func:`write_autosave`),
removes it after the user's own save succeeds and on a clean exit (:func:`remove_autosave`), and
at start-up asks :func:`list_recoveries` what a crash left behind. Autosaves never touch the
document's own file.

One autosave file per document, named after the document (its real path, or an untitled id):

    line 1   {"format": "cellstack-autosave", "version": 1, "original": ..., "saved_at": ..., ...}
    rest     the project file's bytes, exactly as a save would write them

The header records the length and SHA-256 of the project bytes, so a truncated or damaged
autosave is recognised and reported instead of being offered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cellstack import __version__
from cellstack.core.errors import InputError
from cellstack.io.atomic import HOST_TAG, pid_alive, write_atomically
from cellstack.io.bounded_read import is_regular_file, read_bounded, read_head
from cellstack.io.error_text import one_line_error, printable
from cellstack.io.fields import Fields
from cellstack.io.library import Library
from cellstack.io.project import Project, loads_project
from cellstack.io.strict_json import MAX_BYTES, parse_json

ENV_DATA_DIR = "CELLSTACK_DATA_DIR"
AUTOSAVE_FORMAT = "cellstack-autosave"
AUTOSAVE_VERSION = 1
SUFFIX = ".autosave"
DAMAGED_FOLDER = "damaged"  # inside the autosave folder: reported autosaves, kept for inspection
KEEP_DAMAGED = 10
_HEADER_LIMIT = 64 * 1024
_UNTITLED_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_HEADER_KEYS = frozenset(
    {
        "format",
        "version",
        "original",
        "untitled_id",
        "saved_at",
        "generator",
        "pid",
        "host",
        "length",
        "sha256",
    }
)


def data_dir(folder: Path | None = None) -> Path:
    """CellStack's per-user data folder: ``folder``, else $CELLSTACK_DATA_DIR, else the platform's.

    The platform's folder is ~/.local/share/CellStack on Linux (or $XDG_DATA_HOME),
    ~/Library/Application Support/CellStack on macOS and %LOCALAPPDATA%\\CellStack on Windows.
    """
    if folder is not None:
        return folder
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    # Imported here: everything else in this module works without it (tests pass a folder).
    import platformdirs

    return Path(platformdirs.user_data_dir("CellStack", appauthor=False))


def autosave_dir(folder: Path | None = None) -> Path:
    return data_dir(folder) / "autosave"


def new_untitled_id() -> str:
    """An id for a document that has no file yet; keep it for the document's lifetime."""
    return uuid.uuid4().hex


def _key(original: Path | None, untitled_id: str | None) -> str:
    if original is not None:
        real = os.path.realpath(original)
        return "doc-" + hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    if untitled_id is None or not _UNTITLED_ID.match(untitled_id):
        raise InputError("untitled_id", untitled_id, "1 to 64 letters, digits, _ or -")
    return "untitled-" + untitled_id


def autosave_path(original: Path | None, untitled_id: str | None = None, folder: Path | None = None) -> Path:
    """Where the autosave of a document lives: keyed by its real path, else by its untitled id."""
    return autosave_dir(folder) / (_key(original, untitled_id) + SUFFIX)


@dataclass(frozen=True)
class Recovery:
    """An autosave left by a session that did not exit cleanly: what, when, and the project."""

    path: Path  # the autosave file
    original: Path | None  # the document's own file; None for a document never saved
    untitled_id: str
    saved_at: datetime  # when the autosave was written (UTC)
    generator: str
    project_bytes: bytes
    project: Project

    @property
    def title(self) -> str:
        return self.project.name or (self.original.name if self.original else "Untitled project")


@dataclass(frozen=True)
class BrokenAutosave:
    """An autosave that cannot be offered; ``path`` says where it is, ``reason`` why."""

    path: Path
    reason: str


def write_autosave(
    project_bytes: bytes,
    original: Path | None,
    *,
    untitled_id: str | None = None,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Write (or replace) the autosave of one document, atomically; return its path.

    ``project_bytes`` are what :func:`~cellstack.io.project.dumps_project` returns. Raises
    :class:`~cellstack.io.atomic.SaveError` when the folder cannot be written: the GUI warns
    once and tries again at the next interval.
    """
    target = autosave_path(original, untitled_id, folder)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    header = {
        "format": AUTOSAVE_FORMAT,
        "version": AUTOSAVE_VERSION,
        "original": os.path.realpath(original) if original is not None else None,
        "untitled_id": untitled_id if original is None else None,
        "saved_at": moment.isoformat(timespec="seconds"),
        "generator": f"CellStack {__version__}",
        "pid": os.getpid(),
        "host": HOST_TAG,
        "length": len(project_bytes),
        "sha256": hashlib.sha256(project_bytes).hexdigest(),
    }
    line = json.dumps(header, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return write_atomically(target, line.encode("ascii") + b"\n" + project_bytes)


def _read(path: Path, library: Library | None) -> Recovery:
    origin = str(path)
    data = read_bounded(path, MAX_BYTES + _HEADER_LIMIT, origin, "autosave")
    head, newline, body = data.partition(b"\n")
    if not newline or len(head) > _HEADER_LIMIT:
        raise InputError("(header)", "missing", "a one-line autosave header", origin)
    f = Fields(parse_json(head, origin), "", origin)
    f.check_keys(_HEADER_KEYS)
    if f.data.get("format") != AUTOSAVE_FORMAT or f.data.get("version") != AUTOSAVE_VERSION:
        raise f.error("format", f.data.get("format"), f'"{AUTOSAVE_FORMAT}" version {AUTOSAVE_VERSION}')
    if (
        f.number("length", 0, MAX_BYTES) != len(body)
        or f.string("sha256") != hashlib.sha256(body).hexdigest()
    ):
        raise InputError(
            "(contents)", f"{len(body)} bytes", "the bytes the header describes (truncated?)", origin
        )
    try:
        saved_at = datetime.fromisoformat(f.string("saved_at")).astimezone(UTC)
    except ValueError:
        raise f.error("saved_at", f.data.get("saved_at"), "an ISO 8601 time") from None
    original = f.string("original", "", max_length=4096)
    return Recovery(
        path=path,
        original=Path(original) if original else None,
        untitled_id=f.string("untitled_id", ""),
        saved_at=saved_at,
        generator=f.string("generator", ""),
        project_bytes=body,
        project=loads_project(body, f"autosave of {original or 'an untitled project'}", library),
    )


def _writer(path: Path) -> tuple[int, str] | None:
    """The process id and host tag in an autosave's header, or None if it has no sound header."""
    try:
        head = read_head(path, _HEADER_LIMIT, what="autosave")
        header = parse_json(head.partition(b"\n")[0], str(path))
    except (OSError, InputError):
        return None
    if not isinstance(header, dict):
        return None
    pid, host = header.get("pid"), header.get("host")
    if not isinstance(pid, int) or isinstance(pid, bool) or not isinstance(host, str):
        return None
    return pid, host


def _owned_by_live_session(path: Path) -> bool:
    """Whether another CellStack that is still running on this machine wrote this autosave."""
    writer = _writer(path)
    if writer is None or writer[1] != HOST_TAG or writer[0] == os.getpid():
        return False
    return pid_alive(writer[0])


def list_recoveries(
    folder: Path | None = None, library: Library | None = None
) -> tuple[list[Recovery], list[BrokenAutosave]]:
    """What a crashed session left: the autosaves to offer (newest first) and the broken ones.

    Call it at start-up, before this session writes autosaves of its own. Autosaves of another
    CellStack still running on this machine are left alone. This never raises: a folder that
    cannot be read, or any file that cannot be read, parsed or verified, becomes a
    :class:`BrokenAutosave` so the GUI can report it and start normally. A broken autosave is
    reported once: it is moved into the ``damaged`` subfolder (its ``path`` then says where),
    which keeps the newest ``KEEP_DAMAGED``.
    """
    recoveries: list[Recovery] = []
    broken: list[BrokenAutosave] = []
    where = autosave_dir(folder)
    try:
        paths = sorted(where.glob("*" + SUFFIX)) if where.is_dir() else []
    except OSError as exc:
        return [], [BrokenAutosave(where, exc.strerror or str(exc))]
    for path in paths:
        try:
            if _owned_by_live_session(path):
                continue
            recoveries.append(_read(path, library))
        except InputError as exc:
            broken.append(_set_aside(path, str(one_line_error(exc))))
        except OSError as exc:
            broken.append(_set_aside(path, exc.strerror or str(exc)))
        except Exception as exc:  # start-up must survive whatever a damaged file provokes
            broken.append(_set_aside(path, printable(f"{type(exc).__name__}: {exc}", 300)))
    recoveries.sort(key=lambda r: r.saved_at, reverse=True)
    return recoveries, broken


def _set_aside(path: Path, reason: str) -> BrokenAutosave:
    """Move a damaged autosave into ``damaged/`` so it is reported once, not at every start.

    It is kept (someone may want to look at it), and only the newest ``KEEP_DAMAGED`` are. Only
    regular files are moved: anything else in the folder was not written by CellStack. Never
    raises: if the move fails, the file stays and is reported again next time.
    """
    if not is_regular_file(path) or path.is_symlink():
        return BrokenAutosave(path, reason)
    damaged = path.parent / DAMAGED_FOLDER
    try:
        damaged.mkdir(mode=0o700, exist_ok=True)
        moved = damaged / path.name
        os.replace(path, moved)
        os.utime(moved)  # pruning keeps the most recently set aside
    except OSError:
        return BrokenAutosave(path, reason)
    _prune(damaged)
    return BrokenAutosave(moved, reason)


def _prune(damaged: Path) -> None:
    with contextlib.suppress(OSError):
        kept = sorted(damaged.glob("*" + SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP_DAMAGED:]:
            discard(old)


def remove_autosave(
    original: Path | None, untitled_id: str | None = None, folder: Path | None = None
) -> bool:
    """Remove a document's autosave (after the user's save succeeded, or on a clean exit).

    Returns whether there was one. A failure to remove it is not an error worth stopping for:
    at worst the next start offers a recovery the user can decline.
    """
    return discard(autosave_path(original, untitled_id, folder))


def discard(path: Path) -> bool:
    """Remove one autosave file, as offered or reported by :func:`list_recoveries`."""
    try:
        path.unlink()
    except OSError:  # already gone, or not ours to remove: nothing more to do either way
        return False
    return True


def remove_own_autosaves(folder: Path | None = None) -> int:
    """On a clean exit, remove every autosave this process wrote; return how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for path in autosave_dir(folder).glob("*" + SUFFIX):
            if _writer(path) == (os.getpid(), HOST_TAG):
                removed += discard(path)
    return removed
