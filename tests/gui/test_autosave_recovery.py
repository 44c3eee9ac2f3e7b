"""Autosave and recovery through the GUI: modify, crash, restart, recover the same stack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from cellstack.core.material import Role
from cellstack.gui.autosave_controller import AutosaveController
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.gui.templates import default_example
from cellstack.io.autosave import autosave_dir, list_recoveries
from cellstack.io.library import default_library
from cellstack.io.project import load_project


@pytest.fixture
def make_window(qapp, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []
    folder = tmp_path / "data"

    def make() -> MainWindow:
        library = default_library()
        document = Document(library, load_project(default_example(), library))
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(document, settings, autosave_folder=folder)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.document.undo_stack.setClean()
        window.autosave.timer.stop()
        window.deleteLater()


def _modify(window: MainWindow) -> None:
    document = window.document
    document.select(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    window.layer_editor.thickness.spin.stepUp()
    assert not document.undo_stack.isClean()


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def ask(self: AutosaveController, recovery: object) -> QMessageBox.StandardButton:
        asked.append(str(getattr(recovery, "title", "")))
        return button

    monkeypatch.setattr(AutosaveController, "_ask", ask)
    return asked


def test_crash_then_recover_gives_the_same_stack(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    _modify(first)
    written = first.autosave.autosave_now()
    assert written is not None and written.exists()
    edited = first.document.stack
    # A crash: no clean exit, so the autosave stays. The next start offers it.
    second = make_window()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert second.autosave.offer_recovery()
    assert len(asked) == 1
    assert second.document.stack == edited
    assert second.isWindowModified() or not second.document.undo_stack.isClean()
    # Kept (and rewritten at once) until the recovered document is saved or discarded.
    assert written.exists()


def _crash_and_recover(make_window, monkeypatch) -> tuple[MainWindow, Path]:  # type: ignore[no-untyped-def]
    first = make_window()
    _modify(first)
    written = first.autosave.autosave_now()
    assert written is not None
    second = make_window()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert second.autosave.offer_recovery()
    return second, written


def test_a_second_crash_after_recovery_still_offers_the_work(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    recovered, _ = _crash_and_recover(make_window, monkeypatch)
    edited = recovered.document.stack
    # No edit and no timer tick since the recovery: the second crash happens right away.
    recovered.autosave.timer.stop()
    third = make_window()
    assert third.autosave.offer_recovery()
    assert third.document.stack == edited


def test_recovery_autosaves_at_once_under_this_session(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    recovered, written = _crash_and_recover(make_window, monkeypatch)
    recoveries, _ = list_recoveries(written.parent.parent)
    # Written again by this process (a crash of this session leaves it for the next start).
    assert [r.path for r in recoveries] == [written]
    assert recoveries[0].project.stack == recovered.document.stack


def test_saving_the_recovered_document_removes_its_autosave(make_window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    recovered, written = _crash_and_recover(make_window, monkeypatch)
    assert recovered.files._write(tmp_path / "saved.cellstack")
    assert not written.exists()


def test_discarding_the_recovered_document_removes_its_autosave(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    recovered, written = _crash_and_recover(make_window, monkeypatch)
    library = recovered.library
    recovered.set_document(Document(library, load_project(default_example(), library)))
    assert not written.exists()


def test_declining_removes_the_autosave(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    _modify(first)
    written = first.autosave.autosave_now()
    second = make_window()
    before = second.document.stack
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert not second.autosave.offer_recovery()
    assert second.document.stack == before
    assert written is not None and not written.exists()


def test_clean_document_writes_no_autosave_and_clean_exit_removes_it(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.autosave.autosave_now() is None
    _modify(window)
    written = window.autosave.autosave_now()
    assert written is not None and written.exists()
    window.autosave.clean_exit()
    assert not written.exists()


def test_corrupt_autosave_is_reported_not_fatal(make_window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = autosave_dir(tmp_path / "data")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.autosave").write_bytes(b"\x00\xffnot an autosave")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    window = make_window()
    assert not window.autosave.offer_recovery()
    assert warnings and "broken.autosave" in warnings[0]


def test_recovered_work_the_model_cannot_compute_is_kept_on_disk(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cellstack.core.errors import InputError
    from cellstack.gui import document as document_module

    first = make_window()
    _modify(first)
    written = first.autosave.autosave_now()
    assert written is not None
    second = make_window()
    before = second.document
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))

    def refuse(*_: object) -> None:
        raise InputError("composite.active_fraction", 0.0, "0.001 to 1")

    monkeypatch.setattr(document_module, "project_cell_metrics", refuse)
    assert not second.autosave.offer_recovery()
    assert second.document is before  # no panel ever tried to show numbers it cannot have
    assert warnings == ["composite.active_fraction = 0 is not allowed; expected 0.001 to 1"]
    assert written.exists()
