"""Damaged autosaves are reported once, then set aside (issue 11, defect 13)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cellstack.io import autosave
from cellstack.io.project import dumps_project, load_project
from cellstack.io.resources import examples_dir


def _damaged(folder: Path, name: str, data: bytes = b"\x00\xffnot an autosave") -> Path:
    path = autosave.autosave_dir(folder) / f"{name}{autosave.SUFFIX}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_damaged_autosave_is_reported_once_and_kept_aside(tmp_path: Path) -> None:
    project = load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack")
    good = autosave.write_autosave(dumps_project(project), tmp_path / "good.cellstack", folder=tmp_path)
    damaged = _damaged(tmp_path, "untitled-broken")
    recoveries, broken = autosave.list_recoveries(tmp_path)
    assert [r.path for r in recoveries] == [good]
    assert len(broken) == 1 and broken[0].reason
    aside = autosave.autosave_dir(tmp_path) / autosave.DAMAGED_FOLDER / damaged.name
    assert broken[0].path == aside and not damaged.exists()
    assert aside.read_bytes() == b"\x00\xffnot an autosave"  # kept byte for byte
    # The next start offers the good one again and warns about nothing.
    recoveries, broken = autosave.list_recoveries(tmp_path)
    assert [r.path for r in recoveries] == [good] and broken == []


def test_only_the_newest_damaged_autosaves_are_kept(tmp_path: Path) -> None:
    for i in range(autosave.KEEP_DAMAGED + 4):
        _damaged(tmp_path, f"untitled-n{i:02d}")
        _, broken = autosave.list_recoveries(tmp_path)
        assert len(broken) == 1
        os.utime(broken[0].path, (1000.0 + i, 1000.0 + i))  # distinct times, whatever the clock
    kept = sorted(p.name for p in (autosave.autosave_dir(tmp_path) / autosave.DAMAGED_FOLDER).iterdir())
    assert kept == [f"untitled-n{i:02d}{autosave.SUFFIX}" for i in range(4, autosave.KEEP_DAMAGED + 4)]


def test_what_cannot_be_moved_is_still_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = _damaged(tmp_path, "untitled-stuck")

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(autosave.os, "replace", refuse)
    _, broken = autosave.list_recoveries(tmp_path)
    assert [b.path for b in broken] == [damaged] and damaged.exists()
