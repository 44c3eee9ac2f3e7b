"""Text outputs are written atomically and never over an input (issue 11, command line)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cellstack.core.errors import InputError
from cellstack.io import atomic
from cellstack.io.atomic import SaveError, write_text_atomically
from cellstack.io.csv_export import write_csv
from cellstack.io.output_paths import refuse_overwriting_input


def test_text_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    write_text_atomically(target, "a,b\n1,2\n")
    assert target.read_text() == "a,b\n1,2\n"

    def full_disk(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full_disk)
    with pytest.raises(SaveError, match="No space left"):
        write_csv(target, "x\n" * 1000)
    assert target.read_text() == "a,b\n1,2\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_text_with_a_lone_surrogate_is_still_written(tmp_path: Path) -> None:
    target = write_text_atomically(tmp_path / "out.csv", "label\nbad \udc80 name\n")
    assert target.read_text(encoding="utf-8") == "label\nbad \ufffd name\n"


def test_an_output_over_an_input_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "P.cellstack"
    project.write_text("{}")
    other = tmp_path / "other.cellstack"
    other.write_text("{}")
    (tmp_path / "link.cellstack").symlink_to(project)
    os.link(project, tmp_path / "hard.cellstack")
    for same in (
        project,
        tmp_path / "link.cellstack",
        tmp_path / "hard.cellstack",
        tmp_path / "." / "P.cellstack",
    ):
        with pytest.raises(InputError) as refused:
            refuse_overwriting_input(same, [other, project], "--csv")
        message = str(refused.value)
        assert message.startswith("--csv = ") and str(project) in message and "\n" not in message
    assert project.read_text() == "{}"
    refuse_overwriting_input(tmp_path / "new.csv", [project, other])  # not there yet: fine
    refuse_overwriting_input(tmp_path / "other.csv", [project])


def test_a_new_output_whose_name_leads_to_an_input_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "P.cellstack"
    project.write_text("{}")
    with pytest.raises(InputError):
        refuse_overwriting_input(tmp_path / "sub" / ".." / "P.cellstack", [project])


def test_a_save_error_is_one_line_whatever_the_name(tmp_path: Path) -> None:
    target = tmp_path / "two\nlines.csv"
    target.write_text("old")
    target.chmod(0o444)  # marked read-only: refused even for root
    with pytest.raises(SaveError) as refused:
        write_text_atomically(target, "new")
    assert "\n" not in str(refused.value) and "two\\nlines.csv" in str(refused.value)
