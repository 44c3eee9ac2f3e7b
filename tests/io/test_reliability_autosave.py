"""Autosave and recovery store: write, list, report broken files without raising, remove."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cellstack.core.errors import InputError
from cellstack.io import autosave
from cellstack.io.atomic import HOST_TAG, SaveError
from cellstack.io.migrations import FORMAT_VERSION
from cellstack.io.project import Project, dumps_project, load_project
from cellstack.io.resources import examples_dir

EXAMPLE = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"
WHEN = datetime(2024, 6, 5, 12, 30, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(EXAMPLE)


def test_data_folder_argument_then_environment_then_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(autosave.ENV_DATA_DIR, str(tmp_path / "env"))
    assert autosave.data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert autosave.data_dir() == tmp_path / "env"
    assert autosave.autosave_dir() == tmp_path / "env" / "autosave"
    monkeypatch.delenv(autosave.ENV_DATA_DIR)
    pytest.importorskip("platformdirs")
    assert autosave.data_dir().name == "CellStack"


def test_write_list_and_remove(tmp_path: Path, project: Project) -> None:
    original = tmp_path / "docs" / "cell.cellstack"
    data = dumps_project(project)
    written = autosave.write_autosave(data, original, folder=tmp_path, now=WHEN)
    assert written == autosave.autosave_path(original, folder=tmp_path)
    assert written.parent == tmp_path / "autosave"
    recoveries, broken = autosave.list_recoveries(tmp_path)
    assert broken == [] and len(recoveries) == 1
    found = recoveries[0]
    assert found.original == Path(os.path.realpath(original))
    assert found.saved_at == WHEN and found.project_bytes == data and found.project == project
    assert found.generator.startswith("CellStack ") and found.title == project.name
    # Writing again replaces the one autosave of that document.
    autosave.write_autosave(data, original, folder=tmp_path)
    assert len(list((tmp_path / "autosave").iterdir())) == 1
    assert autosave.remove_autosave(original, folder=tmp_path)
    assert not autosave.remove_autosave(original, folder=tmp_path)
    assert autosave.list_recoveries(tmp_path) == ([], [])


def test_untitled_documents_are_keyed_by_their_id(tmp_path: Path, project: Project) -> None:
    first, second = autosave.new_untitled_id(), autosave.new_untitled_id()
    assert first != second
    data = dumps_project(project)
    autosave.write_autosave(data, None, untitled_id=first, folder=tmp_path, now=WHEN)
    autosave.write_autosave(data, None, untitled_id=second, folder=tmp_path)
    recoveries, _ = autosave.list_recoveries(tmp_path)
    assert [r.untitled_id for r in recoveries] == [second, first]  # newest first
    assert all(r.original is None for r in recoveries)
    with pytest.raises(InputError):
        autosave.write_autosave(data, None, untitled_id="../../escape", folder=tmp_path)
    with pytest.raises(InputError):
        autosave.write_autosave(data, None, folder=tmp_path)


def _corruptions(valid: bytes) -> dict[str, bytes]:
    header, _, body = valid.partition(b"\n")
    fields = json.loads(header)
    newer = body.replace(f'"version": {FORMAT_VERSION}'.encode(), b'"version": 99', 1)
    fields_newer = {**fields, "length": len(newer), "sha256": hashlib.sha256(newer).hexdigest()}
    return {
        "empty": b"",
        "garbage": b"\x00\xff garbage",
        "truncated": valid[: len(valid) // 2],
        "bit flip in the project": valid[:-10] + bytes([valid[-10] ^ 0x20]) + valid[-9:],
        "no header": body,
        "header only": header + b"\n",
        "wrong format": json.dumps({**fields, "format": "other"}).encode() + b"\n" + body,
        "newer project version": json.dumps(fields_newer).encode() + b"\n" + newer,
        "bad time": json.dumps({**fields, "saved_at": "yesterday"}).encode() + b"\n" + body,
        "deep header": b"[" * 100000 + b"\n" + body,
    }


def test_broken_autosaves_are_reported_and_never_raise(tmp_path: Path, project: Project) -> None:
    good = autosave.write_autosave(dumps_project(project), tmp_path / "good.cellstack", folder=tmp_path)
    valid = good.read_bytes()
    cases = _corruptions(valid)
    for i, data in enumerate(cases.values()):
        (tmp_path / "autosave" / f"untitled-case{i}{autosave.SUFFIX}").write_bytes(data)
    (tmp_path / "autosave" / f"a-folder{autosave.SUFFIX}").mkdir()
    recoveries, broken = autosave.list_recoveries(tmp_path)
    assert [r.path for r in recoveries] == [good]
    assert len(broken) == len(cases) + 1
    assert all(b.reason for b in broken)
    by_name = {b.path.name: b.reason for b in broken}
    newer = list(cases).index("newer project version")
    assert "or later" in by_name[f"untitled-case{newer}{autosave.SUFFIX}"]
    # Reported files are kept (set aside in damaged/) until the user (or the GUI) discards them.
    assert all(b.path.exists() for b in broken)
    assert all(autosave.discard(b.path) for b in broken if b.path.is_file())


def test_missing_or_unreadable_folder_is_not_an_error(tmp_path: Path) -> None:
    assert autosave.list_recoveries(tmp_path / "nothing here") == ([], [])
    (tmp_path / "autosave").write_text("a file where the folder should be")
    assert autosave.list_recoveries(tmp_path) == ([], [])


def test_autosave_of_a_live_session_is_not_offered(tmp_path: Path, project: Project) -> None:
    """Two CellStacks at once: one never offers the other's autosave as a crash to recover."""
    path = autosave.write_autosave(dumps_project(project), tmp_path / "a.cellstack", folder=tmp_path)
    header, _, body = path.read_bytes().partition(b"\n")
    fields = json.loads(header)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        fields.update(pid=live.pid, host=HOST_TAG)
        path.write_bytes(json.dumps(fields).encode() + b"\n" + body)
        assert autosave.list_recoveries(tmp_path) == ([], [])
    finally:
        live.kill()
        live.wait()
    assert len(autosave.list_recoveries(tmp_path)[0]) == 1  # its writer is gone: a crash


def test_clean_exit_removes_only_this_process_autosaves(tmp_path: Path, project: Project) -> None:
    data = dumps_project(project)
    mine = autosave.write_autosave(data, tmp_path / "mine.cellstack", folder=tmp_path)
    other = autosave.write_autosave(data, tmp_path / "other.cellstack", folder=tmp_path)
    header, _, body = other.read_bytes().partition(b"\n")
    other.write_bytes(json.dumps({**json.loads(header), "pid": 1}).encode() + b"\n" + body)
    assert autosave.remove_own_autosaves(tmp_path) == 1
    assert not mine.exists() and other.exists()


def test_a_failing_autosave_raises_save_error(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(SaveError, match="No space left"):
        autosave.write_autosave(dumps_project(project), tmp_path / "x.cellstack", folder=tmp_path)
    assert list((tmp_path / "autosave").iterdir()) == []
