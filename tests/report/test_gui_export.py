"""File ▸ Export ▸ PDF summary… in the app: the plots panel's rates and temperature, errors in a dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from tests.report.conftest import EXAMPLES


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    library = default_library()
    document = Document(library, load_project(EXAMPLES[-1], library))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(document, settings, autosave_folder=tmp_path / "autosave")
    yield main
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


def export_action(window: MainWindow) -> QAction:
    action = window.findChild(QAction, "actionExportPdf")
    assert action is not None, "File ▸ Export has no PDF summary action"
    return action


def test_export_uses_the_plot_controls_and_writes_the_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.plots.c_rates_edit.setText("2, 0.5")
    window.plots.temperature_spin.setValue(40.0)
    options = window.files.report_options()
    assert options.c_rates == (0.5, 2.0)
    # The box edits the design's one temperature, which the report reads from the stack.
    assert window.document.stack.temperature_K == pytest.approx(313.15)
    assert options.temperature_K is None
    target = tmp_path / "summary"  # the ".pdf" is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF (*.pdf)"))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **_k: errors.append(str(a[2])))
    export_action(window).trigger()
    assert errors == []
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF-")
    assert QGuiApplication.overrideCursor() is None  # the busy cursor is gone again


def test_the_stack_temperature_is_not_an_override(window: MainWindow) -> None:
    options = window.files.report_options()
    assert options.temperature_K is None
    assert options.c_rates == (0.1, 1.0, 2.0)


def test_a_failed_export_shows_a_dialog(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing" / "folder" / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **_k: errors.append(str(a[2])))
    export_action(window).trigger()
    assert len(errors) == 1 and "Could not save" in errors[0]
    assert not target.exists()
    assert QGuiApplication.overrideCursor() is None
