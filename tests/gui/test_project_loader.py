"""File ▸ Open reads the file in a worker thread: the window keeps painting, Cancel works."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton

from cellstack.gui import project_loader
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.io.library import Library
from cellstack.io.project import Project, load_project

from .conftest import EXAMPLES

GARNET = EXAMPLES / "ssb_lco_garnet_li.cellstack"


@pytest.fixture
def window(document: Document, tmp_path: Path) -> Iterator[MainWindow]:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(document, settings, autosave_folder=tmp_path / "data")
    yield main
    main.files.stop_loading()
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


@pytest.fixture
def slow_load(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """A load that waits until released, recording the thread it ran on."""
    release = threading.Event()
    threads: list[str] = []

    def load(path: Path, library: Library | None = None) -> Project:
        threads.append(threading.current_thread().name)
        assert release.wait(10), "the test never released the load"
        return load_project(path, library)

    monkeypatch.setattr(project_loader, "load_project", load)
    return release, threads


def test_opening_runs_off_the_gui_thread_and_the_window_stays_live(qtbot, window, slow_load) -> None:  # type: ignore[no-untyped-def]
    release, threads = slow_load
    before = window.document
    assert window.files.open_path(GARNET, ask=False)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the file is read
    timer.stop()
    assert window.document is before and window.files.loader.busy
    assert threads and threads[0] != threading.main_thread().name
    release.set()
    qtbot.waitUntil(lambda: window.document is not before)
    assert window.document.path == GARNET
    assert window.document.stack == load_project(GARNET, before.library).stack
    assert not window.files.loader.busy


def test_a_long_load_shows_a_busy_dialog_that_cancels(qtbot, window, slow_load) -> None:  # type: ignore[no-untyped-def]
    release, _ = slow_load
    before = window.document
    window.files.open_path(GARNET, ask=False)
    progress = window.files.loader.progress
    assert progress is not None
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    assert "ssb_lco_garnet_li" in progress.labelText()
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not window.files.loader.busy and not progress.isVisible()
    release.set()
    window.files.loader.wait(5000)
    qtbot.wait(50)  # the dropped result would arrive now
    assert window.document is before


def test_a_file_that_cannot_be_read_is_reported_and_the_document_kept(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch, tmp_path
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: errors.append(text))
    before = window.document
    broken = tmp_path / "broken.cellstack"
    broken.write_bytes(b"{not json")
    window.files.open_path(broken, ask=False)
    qtbot.waitUntil(lambda: bool(errors))
    assert window.document is before
    assert len(errors[0].splitlines()) == 1 and "broken.cellstack" in errors[0]


def test_a_file_given_at_start_is_read_off_the_gui_thread(qtbot, slow_load, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cellstack.gui.app import launch

    release, threads = slow_load
    settings = Settings(QSettings(str(tmp_path / "start.ini"), QSettings.Format.IniFormat))
    window = launch([str(GARNET)], settings=settings, autosave_folder=tmp_path / "autosave")
    try:
        qtbot.waitUntil(lambda: bool(threads), timeout=20_000)
        assert threads[0] != threading.main_thread().name
        assert window.loading_note.text() == "Opening ssb_lco_garnet_li.cellstack…"
        qtbot.wait(30)  # the window keeps handling events while the file is read
        assert not window.has_document
        release.set()
        with qtbot.waitSignal(window.documentShown, timeout=10_000):
            pass
        assert window.document.path == GARNET and window.settings.recent_files() == [GARNET]
    finally:
        release.set()
        if window.has_document:
            window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
