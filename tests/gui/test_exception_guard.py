"""No error escapes a slot: it is logged, shown once, and the document stays open."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.exception_guard import LOG_FILE_NAME, ErrorDialog, ExceptionGuard, install_exception_guard
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.io.project import load_project


@pytest.fixture
def window(qtbot, document: Document, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(document, settings, autosave_folder=tmp_path / "data")
    yield main
    main.document.undo_stack.setClean()  # closing asks about unsaved changes otherwise
    main.close()
    main.deleteLater()


@pytest.fixture
def guard(window: MainWindow, tmp_path: Path) -> Iterator[ExceptionGuard]:
    installed = install_exception_guard(window, tmp_path / "logs")
    yield installed
    installed.uninstall()
    installed.close_log()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[ErrorDialog]:
    """The dialogs the guard opened; exec returns at once instead of waiting for a click."""
    dialogs: list[ErrorDialog] = []

    def fake_exec(self: ErrorDialog) -> int:
        dialogs.append(self)
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", fake_exec)
    return dialogs


def _failing_button(qtbot, message: str) -> QPushButton:  # type: ignore[no-untyped-def]
    button = QPushButton("boom")
    qtbot.addWidget(button)

    def fail() -> None:
        raise ZeroDivisionError(message)

    button.clicked.connect(fail)
    return button


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_shown_logged_and_the_document_lives(qtbot, window, guard, shown) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    stack = document.stack
    qtbot.mouseClick(_failing_button(qtbot, "float division by zero"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown) == 1)
    dialog = shown[0]
    assert "ZeroDivisionError: float division by zero" in dialog.informativeText()
    assert "Traceback" in dialog.detailedText() and "in fail" in dialog.detailedText()
    assert str(guard.log_path) in dialog.informativeText()
    log = (guard.log_path.parent / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "ZeroDivisionError: float division by zero" in log and "in fail" in log
    assert window.document is document and document.stack == stack
    assert not guard.dialog_open
    # The app goes on: the document still takes edits.
    document.select(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    window.layer_editor.thickness.spin.stepUp()
    assert document.stack != stack


@pytest.mark.qt_no_exception_capture
def test_an_error_while_the_dialog_is_open_is_only_logged(qtbot, window, guard, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[ErrorDialog] = []
    second = _failing_button(qtbot, "second fault")

    def exec_and_fail_again(self: ErrorDialog) -> int:
        dialogs.append(self)
        qtbot.mouseClick(second, Qt.MouseButton.LeftButton)  # a new error while this one is open
        qtbot.wait(20)
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", exec_and_fail_again)
    qtbot.mouseClick(_failing_button(qtbot, "first fault"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    qtbot.wait(50)
    assert len(dialogs) == 1
    log = guard.log_path.read_text(encoding="utf-8")
    assert "first fault" in log and "second fault" in log


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, window, guard, shown) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise RuntimeError("worker failed")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "RuntimeError: worker failed" in shown[0].informativeText()
    assert "worker failed" in guard.log_path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_save_a_copy_writes_the_document_and_keeps_it_modified(  # type: ignore[no-untyped-def]
    qtbot, window, guard, monkeypatch, tmp_path
) -> None:
    document = window.document
    document.select(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    window.layer_editor.thickness.spin.stepUp()
    copy = tmp_path / "rescued.cellstack"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    chosen: list[ErrorDialog] = []

    def press_save_copy(self: ErrorDialog) -> int:
        chosen.append(self)
        monkeypatch.setattr(self, "clickedButton", lambda: self.save_copy_button)
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", press_save_copy)
    qtbot.mouseClick(_failing_button(qtbot, "fault"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(copy.exists)
    assert load_project(copy, document.library).stack == document.stack
    assert document.path is None and not document.undo_stack.isClean()


def test_install_and_uninstall_restore_the_previous_hooks(window: MainWindow, tmp_path: Path) -> None:
    before = (sys.excepthook, threading.excepthook)
    installed = install_exception_guard(window, tmp_path)
    assert sys.excepthook == installed.handle
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_save_a_copy_suggests_a_new_name_beside_the_file(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.document.mark_saved(tmp_path / "design.cellstack")
    asked: list[str] = []

    def choose(parent: object, caption: str, suggested: str, *rest: object) -> tuple[str, str]:
        asked.append(suggested)
        return "", ""  # the user cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    assert not window.files.save_copy()
    assert asked == [str(tmp_path / "design (copy).cellstack")]
