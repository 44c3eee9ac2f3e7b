"""Files that are not what they seem: pipes, devices, huge files, long names, newer versions.

Regression tests for issue 11, defects 6 (size checked after reading), 11 (newer-version files
overwritten) and 12 (long legal file names that could not be saved).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cellstack.core.errors import InputError
from cellstack.io import bounded_read
from cellstack.io.atomic import NAME_MAX, SaveError, backup_name, temp_name, write_atomically
from cellstack.io.autosave import list_recoveries
from cellstack.io.bounded_read import read_bounded
from cellstack.io.library import load_materials
from cellstack.io.migrations import FORMAT_VERSION, NewerFormatError, refuses_overwrite
from cellstack.io.project import Project, dumps_project, load_project, loads_project, save_project
from cellstack.io.resources import examples_dir
from cellstack.io.strict_json import MAX_BYTES

EXAMPLE = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev/zero are POSIX")


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(EXAMPLE)


def _finishes(action: Callable[[], object], seconds: float = 10.0) -> BaseException | None:
    """Run ``action`` in a thread; fail if it blocks; return what it raised."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "blocked (reading a named pipe?)"
    return outcome[0]


@pytest.fixture
def bytes_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the bytes read through bounded_read, and stops a runaway read before memory runs out."""
    total = [0]
    real_read = os.read

    def counting_read(fd: int, count: int) -> bytes:
        chunk = real_read(fd, count)
        total[0] += len(chunk)
        assert total[0] <= 2 * MAX_BYTES, "read far beyond the size limit"
        return chunk

    monkeypatch.setattr(bounded_read.os, "read", counting_read)
    return total


# ---- 6: the kind of file and its size are checked before reading --------------------------------


@posix_only
def test_opening_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "design.cellstack"
    os.mkfifo(pipe)
    error = _finishes(lambda: load_project(pipe))
    assert isinstance(error, InputError)
    assert "named pipe" in str(error) and "\n" not in str(error)


@posix_only
def test_saving_onto_a_named_pipe_is_refused_at_once(tmp_path: Path, project: Project) -> None:
    pipe = tmp_path / "design.cellstack"
    os.mkfifo(pipe)
    error = _finishes(lambda: save_project(project, pipe))
    assert isinstance(error, SaveError)
    assert "not a regular file" in str(error)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.cellstack"]  # no temporary left


@posix_only
def test_a_device_is_refused_without_reading_it(bytes_read: list[int]) -> None:
    with pytest.raises(InputError, match="device"):
        load_project(Path("/dev/zero"))
    assert bytes_read[0] == 0


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, bytes_read: list[int]) -> None:
    huge = tmp_path / "huge.cellstack"
    with open(huge, "wb") as stream:
        stream.truncate(4 * 1024**3)  # sparse: 4 GB that takes no disk space
    with pytest.raises(InputError, match="file size"):
        load_project(huge)
    # Only a head for the version check is read, never the whole file.
    assert bytes_read[0] <= MAX_BYTES + 1


def test_a_file_growing_while_read_is_cut_at_the_limit(
    tmp_path: Path, bytes_read: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    growing = tmp_path / "growing.toml"
    growing.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def small_at_first(fd: int) -> os.stat_result:  # the size seen before reading is small
        fields = list(real_fstat(fd))
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(bounded_read.os, "fstat", small_at_first)
    with pytest.raises(InputError, match="more than 50 bytes"):
        read_bounded(growing, 50)
    assert bytes_read[0] == 51


@posix_only
def test_library_and_autosave_readers_refuse_pipes(tmp_path: Path) -> None:
    (tmp_path / "cathodes").mkdir()
    os.mkfifo(tmp_path / "cathodes" / "lco.toml")
    assert isinstance(_finishes(lambda: load_materials(tmp_path)), InputError)
    autosaves = tmp_path / "data" / "autosave"
    autosaves.mkdir(parents=True)
    os.mkfifo(autosaves / "doc-0.autosave")
    outcome: list[object] = []
    assert _finishes(lambda: outcome.append(list_recoveries(tmp_path / "data"))) is None
    recoveries, broken = outcome[0]  # type: ignore[misc]
    assert recoveries == [] and len(broken) == 1 and "named pipe" in broken[0].reason


# ---- 11: a file of a newer format version is never overwritten -----------------------------------


def _newer_variants(project: Project) -> dict[str, bytes]:
    text = dumps_project(project).decode()
    current, newer = f'"version": {FORMAT_VERSION},', FORMAT_VERSION + 1
    v2 = text.replace(current, f'"version": {newer},', 1)
    assert v2 != text
    first_key = v2.index('"name"')
    return {
        "plain": v2.encode(),
        "byte-order mark": b"\xef\xbb\xbf" + v2.encode(),
        "duplicate key": (v2[:first_key] + '"name": "a",\n  ' + v2[first_key:]).encode(),
        "version 2.0": text.replace(current, f'"version": {newer}.0,', 1).encode(),
        'version "2"': text.replace(current, f'"version": "{newer}",', 1).encode(),
        "over 20 MB": v2.replace('"description": ""', '"description": "' + "x" * MAX_BYTES + '"').encode(),
        "broken syntax": v2.encode()[:-40],
    }


@pytest.mark.parametrize(
    "variant",
    [
        "plain",
        "byte-order mark",
        "duplicate key",
        "version 2.0",
        'version "2"',
        "over 20 MB",
        "broken syntax",
    ],
)
def test_newer_files_are_recognised_whatever_else_is_wrong(
    variant: str, project: Project, tmp_path: Path
) -> None:
    data = _newer_variants(project)[variant]
    target = tmp_path / "future.cellstack"
    target.write_bytes(data)
    with pytest.raises(NewerFormatError) as refused:
        load_project(target)
    assert "written by" in str(refused.value)
    assert refuses_overwrite(target) is not None
    with pytest.raises(SaveError, match="written by"):
        save_project(project, target)
    assert target.read_bytes() == data
    with pytest.raises(NewerFormatError):
        loads_project(data)


def test_a_version_inside_a_text_is_not_taken_for_the_files_version(project: Project) -> None:
    document = json.loads(dumps_project(project))
    document["description"] = '"version": 7'
    del document["version"]
    document = {
        "format": "cellstack",
        "description": document.pop("description"),
        "version": FORMAT_VERSION,
        **document,
    }
    loaded = loads_project(json.dumps(document).encode())
    assert loaded.description == '"version": 7' and loaded.stack == project.stack


def test_current_and_broken_files_may_still_be_overwritten(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "cell.cellstack"
    target.write_bytes(b"\xef\xbb\xbf" + dumps_project(project))  # broken, but of this version
    assert refuses_overwrite(target) is None
    save_project(project, target)
    assert load_project(target) == project


# ---- 12: long legal file names --------------------------------------------------------------------


def _longest_name(stem_char: str, suffix: str = ".cellstack") -> str:
    unit = len(stem_char.encode())
    return stem_char * ((NAME_MAX - len(suffix)) // unit) + suffix


@pytest.mark.parametrize("char", ["a", "é", "電"])
def test_names_up_to_name_max_can_be_saved_twice(char: str, project: Project, tmp_path: Path) -> None:
    name = _longest_name(char)
    assert len(name.encode()) <= NAME_MAX
    try:
        (tmp_path / name).write_bytes(b"")
        (tmp_path / name).unlink()
    except OSError:
        pytest.skip("this file system does not take 255-byte names")
    target = tmp_path / name
    save_project(project, target)
    save_project(Project(stack=project.stack, name="second"), target)  # a .bak now
    assert load_project(target).name == "second"
    backups = [p for p in tmp_path.iterdir() if p.name != name]
    assert len(backups) == 1 and backups[0].name == backup_name(name)
    assert load_project(backups[0]) == project


def test_temporary_and_backup_names_stay_within_name_max() -> None:
    for name in (_longest_name("a"), _longest_name("é"), "x" * 255, "short.cellstack"):
        assert len(temp_name(name).encode()) <= NAME_MAX
        assert len(backup_name(name).encode()) <= NAME_MAX
    assert backup_name("short.cellstack") == "short.cellstack.bak"
    assert backup_name("a" * 250 + ".x") != backup_name("a" * 250 + ".y")


def test_atomic_write_of_a_255_byte_name(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 251 + ".csv")
    write_atomically(target, b"one\n")
    write_atomically(target, b"two\n", backup=True)
    assert target.read_bytes() == b"two\n"
