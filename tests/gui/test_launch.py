"""Start-up as `cellstack [FILE]` runs it: the window first, then the library and the document."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

import cellstack.io.library
from cellstack.core.errors import InputError
from cellstack.gui.app import launch
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.io.resources import examples_dir

Launch = Callable[..., MainWindow]


@pytest.fixture
def start(qtbot, tmp_path: Path) -> Iterator[Launch]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def run(*files: str) -> MainWindow:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window = launch(files, settings=settings, autosave_folder=tmp_path / "autosave")
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield run
    for window in windows:
        if window.has_document:
            window.document.undo_stack.setClean()
            window.autosave.timer.stop()
        window.close()


def test_the_window_shows_before_the_document_then_fills_itself(qtbot, start: Launch) -> None:  # type: ignore[no-untyped-def]
    window = start()
    assert window.isVisible() and not window.has_document
    assert window.loading_note.text().startswith("Loading")
    save = window.findChild(QAction, "actionSave")
    assert save is not None and not save.isEnabled()  # nothing to save yet
    with qtbot.waitSignal(window.documentShown, timeout=20_000):
        pass
    assert window.document.title == "Thin-film Li/LiPON/LiCoO2 microbattery"  # the example
    assert "mAh" in window.metrics_panel.text("capacity")
    assert save.isEnabled() and not window.new_menu.isEmpty()
    qtbot.waitUntil(window.panel("plotsPanel").isVisible)  # shown on the next event-loop turn
    stack, plots = window.panel("centralSplitter").sizes()  # type: ignore[attr-defined]
    assert plots >= 0.4 * (stack + plots)  # room for the curves, though the window came first
    for field in window.metrics_panel.values.values():  # no number cut off
        assert field.width() >= field.fontMetrics().horizontalAdvance(field.text()), field.objectName()


def test_a_file_given_on_the_command_line_opens(qtbot, start: Launch) -> None:  # type: ignore[no-untyped-def]
    path = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
    window = start(str(path))
    with qtbot.waitSignal(window.documentShown, timeout=20_000):
        pass
    assert window.document.path == path
    assert window.settings.recent_files() == [path]


def test_a_broken_file_says_why_and_shows_the_example(  # type: ignore[no-untyped-def]
    qtbot, start: Launch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.cellstack"
    broken.write_text('{"format": "cellstack", "format_version": 1, "stack": ', encoding="utf-8")
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: messages.append(text))
    window = start(str(broken))
    with qtbot.waitSignal(window.documentShown, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(messages))
    assert "broken.cellstack" in messages[0] or "JSON" in messages[0]
    assert window.document.path is None  # the example, as an untitled copy
    assert window.settings.recent_files() == []


def test_a_damaged_library_is_reported_in_the_window_not_as_a_traceback(  # type: ignore[no-untyped-def]
    qtbot, start: Launch, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise InputError("density", -1.0, "a number > 0 (g/cm3)", "resources/materials/cathodes/lco.toml")

    monkeypatch.setattr(cellstack.io.library, "default_library", broken)
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: messages.append(text))
    window = start()
    qtbot.waitUntil(lambda: bool(messages))
    assert "lco.toml" in messages[0] and "density" in messages[0]
    assert not window.has_document and "cannot start" in window.loading_note.text()
    assert window.close()


def test_closing_before_the_document_arrives_is_quiet(qtbot, start: Launch) -> None:  # type: ignore[no-untyped-def]
    window = start()
    assert not window.has_document
    assert window.close()


def test_the_window_module_loads_without_numpy_or_pyqtgraph() -> None:
    # What makes the window appear fast: the heavy modules load only after it is painted.
    code = (
        "import sys, cellstack.gui.app, cellstack.gui.main_window;"
        "print(sorted(m for m in ('numpy', 'scipy', 'pyqtgraph') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
