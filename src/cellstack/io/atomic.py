"""Writing a file so that a crash or a failed save leaves the old version or the new one, never half.

The sequence (docs/file-format.md, "Saving"):

1. sweep temporary files that earlier, killed saves left in the folder;
2. write the bytes to ``.~NAME.HOST-PID-RANDOM.tmp`` in the target's own folder (a rename is only
   atomic within one file system), created exclusively so two writers never share one;
3. flush, ``fsync`` (a failing fsync means the data may not be on disk: the save fails);
4. read the temporary file back and, for project files, parse it (a writer bug never reaches disk);
5. give it the old file's permission bits;
6. give the old version a second name through a hard link (the target path never disappears);
7. ``os.replace`` the temporary file over the target, rename the second name to ``NAME.bak``,
   then ``fsync`` the folder so the renames survive a power cut.

Any failure up to the replace removes the temporary files, leaves the target and its ``.bak``
byte-identical and raises :class:`SaveError` with the operating system's reason.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable
from pathlib import Path

from cellstack.io.error_text import MAX_SOURCE_CHARS, printable
from cellstack.io.safe_text import sanitize_text

BACKUP_SUFFIX = ".bak"
NAME_MAX = 255  # bytes in one file name on the common file systems (ext4, APFS, NTFS in UTF-16 units)
STALE_AFTER_S = 10.0  # a temporary file untouched this long belongs to a save that died
_CHUNK = 1 << 20

Verify = Callable[[bytes], object]  # raises when the bytes about to replace a file are wrong

# Temporary names carry the writer's host and process id, so a later save can prove that the
# writer is gone; the host tag keeps a save on one machine from judging processes of another
# machine sharing the folder.
HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]
TEMP_PATTERN = re.compile(r"^\.~(?P<name>.+)\.(?P<host>[0-9a-f]{6})-(?P<pid>[0-9]{1,10})-[0-9a-f]{8}\.tmp$")


class SaveError(OSError):
    """A save failed and the file on disk is still the version that was there before.

    ``path`` is the file being saved, ``reason`` the operating system's explanation (for example
    "No space left on device") and ``step`` what the save was doing when it failed. ``errno`` is
    the operating system's error number when there is one. ``replaced`` is true only in the one
    late failure where the new version is already in place but could not be made durable. The GUI
    shows ``str(error)`` in a dialog and keeps the document marked as modified.
    """

    def __init__(
        self, path: Path, reason: str, step: str, code: int | None = None, *, replaced: bool = False
    ) -> None:
        super().__init__(code if code is not None else 0, reason, str(path))
        self.path = path
        self.reason = reason
        self.step = step
        self.replaced = replaced

    def __str__(self) -> str:
        outcome = (
            "The new version was written but may not survive a power cut; please save again."
            if self.replaced
            else "The file on disk was not changed."
        )
        # One line whatever the file's name holds (a newline is a legal character in it).
        where = printable(str(self.path), MAX_SOURCE_CHARS)
        return f"Could not save {where} ({self.step}): {printable(self.reason, 200)}. {outcome}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.path, self.reason, self.step, self.errno or None, self.replaced))


def _rebuild(path: Path, reason: str, step: str, code: int | None, replaced: bool) -> SaveError:
    return SaveError(path, reason, step, code, replaced=replaced)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _fail(path: Path, step: str, exc: BaseException) -> SaveError:
    code = exc.errno if isinstance(exc, OSError) and exc.errno else None
    return SaveError(path, _reason(exc), step, code)


# What a temporary name adds to the target's name: ".~" + "." + host + "-" + pid + "-" + random + ".tmp".
_TEMP_OVERHEAD = len(".~.") + len(HOST_TAG) + len("-") + 10 + len("-") + 8 + len(".tmp")


def _cut_to_bytes(name: str, limit: int) -> str:
    """``name`` shortened, a whole character at a time, to at most ``limit`` bytes on disk."""
    while len(os.fsencode(name)) > limit:
        name = name[:-1]
    return name


def temp_name(target_name: str) -> str:
    """A fresh temporary name for a save of ``target_name``, never longer than ``NAME_MAX`` bytes.

    The target's name is only there for people looking at the folder, so a long one is cut: a
    legal 255-byte file name must still be savable.
    """
    shown = _cut_to_bytes(target_name, NAME_MAX - _TEMP_OVERHEAD)
    return f".~{shown}.{HOST_TAG}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def backup_name(target_name: str) -> str:
    """The name of the previous version kept beside ``target_name``: ``NAME.bak``.

    When ``NAME.bak`` would be longer than ``NAME_MAX`` bytes, the name is cut and a short hash
    of the full name keeps backups of different long names apart: ``NAME-CUT~HASH.bak``.
    """
    full = target_name + BACKUP_SUFFIX
    if len(os.fsencode(full)) <= NAME_MAX:
        return full
    tag = "~" + hashlib.sha256(os.fsencode(target_name)).hexdigest()[:8] + BACKUP_SUFFIX
    return _cut_to_bytes(target_name, NAME_MAX - len(tag)) + tag


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine. Unknown counts as alive."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        # os.kill(pid, 0) terminates the process on Windows: never use it as a probe there.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists but belongs to another user
        return True
    return True


def _is_stale(entry: os.DirEntry[str], now: float) -> bool:
    match = TEMP_PATTERN.match(entry.name)
    if match is None or not entry.is_file(follow_symlinks=False):
        return False
    age = now - entry.stat(follow_symlinks=False).st_mtime
    if age > STALE_AFTER_S:
        return True
    pid = int(match["pid"])
    return match["host"] == HOST_TAG and pid != os.getpid() and not pid_alive(pid)


def sweep_stray_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files that killed saves left in ``folder``; return what was removed.

    Only names of exactly our pattern are considered, and only when their writer provably died
    (same machine, process gone) or they have not been touched for ``STALE_AFTER_S`` seconds.
    Never raises: a sweep that cannot run must not stop the save that triggered it.
    """
    removed: list[Path] = []
    moment = time.time() if now is None else now
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if _is_stale(entry, moment):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
                except OSError:
                    continue
    except OSError:
        pass
    return removed


def _create_exclusive(folder: Path, target: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        candidate = folder / temp_name(target.name)
        try:
            # 0o666 lets the umask decide the bits of a new file, as for any other program.
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        if written <= 0:
            raise OSError(errno.EIO, "the operating system accepted no bytes")
        view = view[written:]


def _read_back(path: Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _check_writable(target: Path, mode: int | None) -> None:
    if mode is None:
        return
    if not stat.S_ISREG(mode):
        # Replacing a pipe, a device or a folder by a file is never what a save means (and
        # reading one back for the .bak could block forever or never end).
        raise IsADirectoryError(
            errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL, "it is not a regular file", str(target)
        )
    # root may write anything; a file nobody may write was still marked read-only on purpose.
    if not os.access(target, os.W_OK) or not mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))


def _hold_previous(target: Path, held: Path) -> None:
    """Give the current version of ``target`` a second name, ``held``, without moving ``target``.

    After the new version replaces ``target``, :func:`_promote_backup` renames ``held`` to
    ``NAME.bak``; until then the existing ``NAME.bak`` is untouched, so a failed save changes
    neither the file nor its backup.
    """
    try:
        os.link(target, held)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # A file system without hard links (FAT, some network shares): copy instead.
        data = _read_back(target)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(held, flags, 0o600)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)


def _promote_backup(held: Path, backup: Path) -> None:
    # The save itself has succeeded; a backup that could not be renamed is not worth reporting
    # the save as failed.
    with contextlib.suppress(OSError):
        os.replace(held, backup)
    # If NAME.bak already was another name of the same file, rename() "does nothing and
    # succeeds" (POSIX) and would leave the held name behind.
    with contextlib.suppress(OSError):
        os.unlink(held)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; MoveFileEx is as durable as it gets
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (and some network mounts) simply do not sync folders.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _fill(fd: int, temp: Path, data: bytes, verify: Verify | None, steps: list[str]) -> None:
    """Write, sync, read back and check the temporary file; ``steps`` records the current step."""
    try:
        steps.append("writing")
        _write_all(fd, data)
        steps.append("flushing to disk")
        os.fsync(fd)
    finally:
        os.close(fd)
    steps.append("reading the written file back")
    if _read_back(temp) != data:
        raise OSError(errno.EIO, "the file read back differs from what was written")
    if verify is not None:
        steps.append("checking the written file")
        verify(data)


def _copy_owner_and_mode(temp: Path, old: os.stat_result) -> None:
    os.chmod(temp, old.st_mode & 0o7777)
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only possible for the owner or root
            os.chown(temp, old.st_uid, old.st_gid)


def write_atomically(
    path: Path,
    data: bytes,
    *,
    backup: bool = False,
    verify: Verify | None = None,
) -> Path:
    """Replace the file at ``path`` with ``data``, all or nothing; return the file written.

    A symbolic link is followed: its target is replaced and the link stays a link. With
    ``backup`` the previous version is kept as ``NAME.bak`` beside the file. ``verify`` is
    called with the bytes read back from the temporary file and should raise if they are wrong.
    Raises :class:`SaveError` (an ``OSError``) when anything fails.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    sweep_stray_temporaries(folder)
    steps = ["reading the current file's permissions"]
    try:
        try:
            old: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            old = None
        _check_writable(target, old.st_mode if old is not None else None)
        steps.append("creating a temporary file in the folder")
        fd, temp = _create_exclusive(folder, target)
    except OSError as exc:
        raise _fail(target, steps[-1], exc) from exc
    backup_temp: Path | None = None
    try:
        _fill(fd, temp, data, verify, steps)
        if old is not None:
            steps.append("copying permissions")
            _copy_owner_and_mode(temp, old)
            if backup:
                steps.append("keeping the previous version for the .bak file")
                backup_temp = folder / temp_name(backup_name(target.name))
                _hold_previous(target, backup_temp)
        steps.append("replacing the file")
        os.replace(temp, target)
    except BaseException as exc:
        for leftover in (temp, backup_temp):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        if isinstance(exc, Exception):
            raise _fail(target, steps[-1], exc) from exc
        raise  # KeyboardInterrupt, SystemExit: cleaned up, and not ours to translate
    if backup_temp is not None:
        _promote_backup(backup_temp, target.with_name(backup_name(target.name)))
    try:
        _sync_folder(folder)
    except OSError as exc:
        # The new version is in place but might not survive a power cut: report it, so the
        # document stays modified and the user saves again.
        raise SaveError(
            target, _reason(exc), "syncing the folder after the rename", exc.errno, replaced=True
        ) from exc
    return target


def write_text_atomically(path: Path, text: str, *, backup: bool = False) -> Path:
    """Replace the file at ``path`` with ``text`` as UTF-8, all or nothing; see :func:`write_atomically`.

    For every text output (CSV, JSON, reports' text): a failed or killed write leaves the old file
    whole. Lone surrogates cannot be encoded and become U+FFFD rather than failing the write.
    """
    return write_atomically(path, sanitize_text(text).encode("utf-8"), backup=backup)
