"""Safe save: faults injected into every system call leave the original intact and say why.

Also covers permissions, symbolic links, the .bak file, the sweep of stray temporary files,
the refusal to overwrite a newer-format file, and the read-back guard against writer bugs.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import pickle
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cellstack.io.project as project_module
from cellstack.io.atomic import (
    HOST_TAG,
    STALE_AFTER_S,
    TEMP_PATTERN,
    SaveError,
    sweep_stray_temporaries,
    temp_name,
    write_atomically,
)
from cellstack.io.migrations import FORMAT_VERSION, refuses_overwrite
from cellstack.io.project import Project, load_project, save_project
from cellstack.io.resources import examples_dir

EXAMPLE = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(EXAMPLE)


def _renamed(project: Project, name: str) -> Project:
    return Project(stack=project.stack, name=name, description=project.description)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_PATTERN.match(p.name))


def _is_temp(path: object) -> bool:
    return Path(str(path)).name.startswith(".~")


def _raise(code: int) -> OSError:
    return OSError(code, os.strerror(code))


_LINK_TRIED: list[int] = []  # the copy fallback's write fails only once os.link was refused

Injection = tuple[str, int, Callable[[tuple[Any, ...]], bool]]  # OS function, errno, when it fires

# Each fault: label, the injections, and the errno the SaveError must carry.
FAULTS: list[tuple[str, list[Injection], int]] = [
    ("read-only folder: create temp", [("open", errno.EACCES, lambda a: _is_temp(a[0]))], errno.EACCES),
    ("read-only file system", [("open", errno.EROFS, lambda a: _is_temp(a[0]))], errno.EROFS),
    ("disk full on first write", [("write", errno.ENOSPC, lambda a: True)], errno.ENOSPC),
    ("I/O error while writing", [("write", errno.EIO, lambda a: True)], errno.EIO),
    ("I/O error on fsync", [("fsync", errno.EIO, lambda a: True)], errno.EIO),
    ("disk full on fsync", [("fsync", errno.ENOSPC, lambda a: True)], errno.ENOSPC),
    ("I/O error reading back", [("builtins.open", errno.EIO, lambda a: _is_temp(a[0]))], errno.EIO),
    ("I/O error linking the backup", [("link", errno.EIO, lambda a: True)], errno.EIO),
    (
        "no hard links, disk full copying",
        [
            ("link", errno.EPERM, lambda a: _LINK_TRIED.append(1) is None),
            ("write", errno.ENOSPC, lambda a: bool(_LINK_TRIED)),
        ],
        errno.ENOSPC,
    ),
    ("permission denied on rename", [("replace", errno.EACCES, lambda a: True)], errno.EACCES),
    ("I/O error on rename", [("replace", errno.EIO, lambda a: True)], errno.EIO),
    ("cross-device rename", [("replace", errno.EXDEV, lambda a: True)], errno.EXDEV),
]


def _inject(monkeypatch: pytest.MonkeyPatch, function: str, code: int, when: Callable[..., bool]) -> None:
    owner: Any = builtins if function == "builtins.open" else os
    name = function.removeprefix("builtins.")
    real = getattr(owner, name)

    def faulty(*args: Any, **kwargs: Any) -> Any:
        if when(args):
            raise _raise(code)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, faulty)


def test_every_injected_fault_leaves_the_original_and_reports_the_reason(
    tmp_path: Path, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cell.cellstack"
    save_project(_renamed(project, "first"), target)
    save_project(_renamed(project, "second"), target)  # now there is a .bak to protect too
    original, backup = target.read_bytes(), (tmp_path / "cell.cellstack.bak").read_bytes()
    table = []
    for label, injections, code in FAULTS:
        _LINK_TRIED.clear()
        with pytest.MonkeyPatch.context() as patch, pytest.raises(SaveError) as caught:
            for function, injected, when in injections:
                _inject(patch, function, injected, when)
            save_project(_renamed(project, "never written"), target)
        error = caught.value
        intact = target.read_bytes() == original and (tmp_path / "cell.cellstack.bak").read_bytes() == backup
        left = _temporaries(tmp_path)
        table.append(f"{label:33} {errno.errorcode[code]:7} -> {error.step}: {error.reason}")
        assert intact, label
        assert not left, (label, left)
        assert error.errno == code and error.reason == os.strerror(code), label
        assert os.strerror(code) in str(error) and str(target) in str(error)
        assert not error.replaced
        assert isinstance(error, OSError)
    # Once the fault is gone, the same save succeeds (and a .bak that cannot be renamed after the
    # new version is in place does not turn a successful save into a failure).
    with pytest.MonkeyPatch.context() as patch:
        _inject(patch, "replace", errno.EIO, lambda a: str(a[1]).endswith(".bak"))
        save_project(_renamed(project, "backup not renamed"), target)
    assert load_project(target).name == "backup not renamed" and not _temporaries(tmp_path)
    assert (tmp_path / "cell.cellstack.bak").read_bytes() == backup  # the stale one, still whole
    previous = target.read_bytes()
    save_project(_renamed(project, "after the faults"), target)
    assert load_project(target).name == "after the faults"
    assert (tmp_path / "cell.cellstack.bak").read_bytes() == previous
    with capsys.disabled():
        print(f"\n[save faults] {len(table)} injected, original intact and no temporary left in all:")
        print("\n".join("  " + row for row in table))


def test_disk_full_after_a_partial_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "data.bin"
    write_atomically(target, b"old contents")
    real_write = os.write
    calls = []

    def short_then_full(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[:1000]))  # the OS accepts only part of it...
        raise _raise(errno.ENOSPC)  # ...and then the disk is full

    monkeypatch.setattr(os, "write", short_then_full)
    with pytest.raises(SaveError, match="No space left on device"):
        write_atomically(target, b"x" * 5000)
    assert target.read_bytes() == b"old contents"
    assert not _temporaries(tmp_path)


def test_folder_sync_failure_is_reported_as_written_but_not_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name != "posix":
        pytest.skip("folders are synced on POSIX only")
    target = tmp_path / "data.bin"
    write_atomically(target, b"old")
    real_fsync = os.fsync
    calls = []

    def fail_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the first fsync is the file's, the second the folder's
            raise _raise(errno.EIO)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_second)
    with pytest.raises(SaveError) as caught:
        write_atomically(target, b"new")
    assert caught.value.replaced and "save again" in str(caught.value)
    assert target.read_bytes() == b"new"


def test_interrupt_during_write_cleans_up_and_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.bin"
    write_atomically(target, b"old")

    def interrupted(fd: int, data: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and not _temporaries(tmp_path)


def test_writer_bug_is_caught_by_the_read_back_check(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cell.cellstack"
    save_project(project, target)
    before = target.read_bytes()
    broken = before.replace(b'"layers"', b'"layerz"')
    monkeypatch.setattr(project_module, "dumps_project", lambda p: broken)
    with pytest.raises(SaveError) as caught:
        save_project(project, target)
    assert caught.value.step == "checking the written file" and "layerz" in caught.value.reason
    assert target.read_bytes() == before and not _temporaries(tmp_path)


def test_read_only_file_is_not_replaced(tmp_path: Path, project: Project) -> None:
    target = tmp_path / "locked.cellstack"
    save_project(project, target)
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        with pytest.raises(SaveError) as caught:
            save_project(_renamed(project, "changed"), target)
        assert caught.value.errno == errno.EACCES and "read-only" in caught.value.reason
        assert target.read_bytes() == before and not _temporaries(tmp_path)
    finally:
        target.chmod(0o644)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes any folder")
def test_real_read_only_folder(tmp_path: Path, project: Project) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "cell.cellstack"
    save_project(project, target)
    before = target.read_bytes()
    folder.chmod(0o555)
    try:
        with pytest.raises(SaveError) as caught:
            save_project(_renamed(project, "changed"), target)
        assert caught.value.errno == errno.EACCES
        assert target.read_bytes() == before
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_permissions_are_kept_and_new_files_follow_the_umask(tmp_path: Path, project: Project) -> None:
    target = tmp_path / "shared.cellstack"
    save_project(project, target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    save_project(_renamed(project, "again"), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_saving_through_a_symlink_updates_the_target_and_keeps_the_link(
    tmp_path: Path, project: Project
) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "design.cellstack"
    save_project(project, real)
    link = tmp_path / "link.cellstack"
    link.symlink_to(real)
    save_project(_renamed(project, "through the link"), link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_project(real).name == "through the link"
    assert (real_folder / "design.cellstack.bak").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.cellstack", "real"]


def test_backup_always_holds_the_previous_save(tmp_path: Path, project: Project) -> None:
    target = tmp_path / "cell.cellstack"
    save_project(project, target)
    assert not (tmp_path / "cell.cellstack.bak").exists()  # nothing to back up on the first save
    previous = target.read_bytes()
    for i in range(20):
        save_project(_renamed(project, f"save {i}"), target)
        assert (tmp_path / "cell.cellstack.bak").read_bytes() == previous
        previous = target.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cell.cellstack", "cell.cellstack.bak"]


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(child.stdout)


def test_sweep_removes_only_our_stray_temporaries_from_dead_or_stale_writers(tmp_path: Path) -> None:
    dead = _dead_pid()
    names = {
        "dead": f".~a.cellstack.{HOST_TAG}-{dead}-0123abcd.tmp",
        "stale": f".~b.cellstack.000000-{os.getpid()}-0123abcd.tmp",
        "live": temp_name("c.cellstack"),  # this process: maybe a save in progress
        "other_host": f".~d.cellstack.abcdef-{dead}-0123abcd.tmp",
    }
    keep = ["notes.tmp", ".~lock.report.odt#", ".~e.cellstack.tmp", "x.cellstack", ".~f.bak"]
    for name in [*names.values(), *keep]:
        (tmp_path / name).write_bytes(b"partial")
    (tmp_path / f".~g.cellstack.{HOST_TAG}-{dead}-0123abcd.tmp").mkdir()  # a folder: never ours
    old = time.time() - 10 * STALE_AFTER_S
    os.utime(tmp_path / names["stale"], (old, old))
    removed = sweep_stray_temporaries(tmp_path)
    assert sorted(p.name for p in removed) == sorted([names["dead"], names["stale"]])
    left = {p.name for p in tmp_path.iterdir()}
    assert {names["live"], names["other_host"], *keep} <= left
    # Another machine's temporary is removed once it is stale.
    os.utime(tmp_path / names["other_host"], (old, old))
    assert [p.name for p in sweep_stray_temporaries(tmp_path)] == [names["other_host"]]


def test_next_save_in_the_folder_sweeps_strays(tmp_path: Path) -> None:
    stray = tmp_path / f".~other.cellstack.{HOST_TAG}-{_dead_pid()}-0123abcd.tmp"
    stray.write_bytes(b"half a file")
    write_atomically(tmp_path / "x.bin", b"data")
    assert not stray.exists()


def test_sweep_never_raises(tmp_path: Path) -> None:
    assert sweep_stray_temporaries(tmp_path / "missing") == []


def test_a_newer_format_file_is_never_overwritten(tmp_path: Path, project: Project) -> None:
    target = tmp_path / "future.cellstack"
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document.update(version=FORMAT_VERSION + 1, generator="CellStack 9.9.0")
    target.write_text(json.dumps(document), encoding="utf-8")
    before = target.read_bytes()
    reason = refuses_overwrite(target)
    assert reason is not None and reason.required == "9.9.0"
    with pytest.raises(SaveError, match=r"CellStack 9\.9\.0 or later"):
        save_project(project, target)
    assert target.read_bytes() == before
    for harmless in (EXAMPLE, tmp_path / "missing.cellstack", Path(__file__)):
        assert refuses_overwrite(harmless) is None


def test_save_error_is_an_os_error_that_survives_pickling(tmp_path: Path) -> None:
    error = SaveError(tmp_path / "x.cellstack", "No space left on device", "writing", errno.ENOSPC)
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, OSError) and again.errno == errno.ENOSPC and str(again) == str(error)
    assert again.filename == str(tmp_path / "x.cellstack")
