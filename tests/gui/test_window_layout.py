"""The window from a researcher's first hour: deleting layers, the size it opens at, the layer
editor without a horizontal scroll bar (issue 16, items 7 and 8)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication

from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow, default_size
from cellstack.gui.templates import project_from, templates
from cellstack.io.library import Library


@pytest.fixture
def bulk_window(library: Library, shown_window: Callable[[Document], MainWindow]) -> MainWindow:
    return shown_window(Document(library, project_from(templates()[0], library)))


def test_deleting_the_top_layer_raises_nothing(qtbot, bulk_window: MainWindow, capsys) -> None:  # type: ignore[no-untyped-def]
    document = bulk_window.document
    top = len(document.stack.layers) - 1
    assert document.stack.layers[top].material.id == "cu"
    document.select(top)
    bulk_window.stack_view.setFocus()
    qtbot.keyClick(bulk_window.stack_view, Qt.Key.Key_Delete)
    assert len(document.stack.layers) == top
    assert document.selected == top - 1
    assert "Traceback" not in capsys.readouterr().err
    assert bulk_window.layer_editor.heading.text().startswith("<b>")  # the new top layer shown


def test_the_last_layer_stays_and_the_status_bar_says_why(qtbot, bulk_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    document = bulk_window.document
    while len(document.stack.layers) > 1:
        document.select(0)
        bulk_window.stack_view.delete_selected()
    document.select(0)
    qtbot.keyClick(bulk_window.stack_view, Qt.Key.Key_Delete)
    assert len(document.stack.layers) == 1
    assert "last layer cannot be deleted" in bulk_window.statusBar().currentMessage()


def test_the_window_fits_the_screen() -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    room = screen.availableGeometry().size()
    size = default_size()
    assert size.width() <= room.width() and size.height() <= room.height()
    assert size.boundedTo(QSize(1440, 900)) == size


def test_the_layer_editor_needs_no_horizontal_scrolling(qtbot, bulk_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # A composite cathode has the most fields: the electrolyte and coating lists are long names.
    document = bulk_window.document
    document.select(document.stack.indices_with_role(Role.CATHODE)[0])
    body = bulk_window.layer_editor.widget()
    assert body.minimumSizeHint().width() <= 380  # the metrics dock's width at 1366 x 768


def test_at_1366_by_768_the_layer_editor_gets_half_the_height(qtbot, bulk_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    bulk_window.resize(1350, 728)
    qtbot.wait(20)
    bulk_window._default_dock_sizes()
    qtbot.wait(20)
    editor = bulk_window._docks["editorDock"].height()
    metrics = bulk_window._docks["metricsDock"].height()
    assert editor >= 0.4 * (editor + metrics)  # was about 170 px of 700
    assert bulk_window.layer_editor.horizontalScrollBar().maximum() == 0
    # Every column of the properties table is in view, the override column too.
    assert bulk_window.layer_editor.overrides.table.horizontalScrollBar().maximum() == 0


def test_the_temperature_label_is_not_clipped(bulk_window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    for label in bulk_window.plots.findChildren(QLabel):
        if label.buddy() is bulk_window.plots.temperature_spin:
            assert label.width() >= label.fontMetrics().horizontalAdvance("Temperature")
            break
    else:
        raise AssertionError("no Temperature label")


def test_the_first_panels_arrive_where_the_docks_stay(qtbot, tmp_path, document: Document) -> None:  # type: ignore[no-untyped-def]
    # At start-up the panels were painted once at the sizes their hints gave the docks, then
    # jumped 150 ms later to the first-start sizes: a flicker of misplaced panels.
    from PySide6.QtCore import QSettings

    from cellstack.gui.settings import Settings

    window = MainWindow(settings=Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1350, 728)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(30)  # the first-start sizes are applied to the empty docks
    docks = window._docks
    before = [docks["paletteDock"].width(), docks["metricsDock"].width()]
    assert before[0] == 260  # the first-start width at 1366 x 768, before any panel is in it
    window.set_document(document)
    assert not window.updatesEnabled()  # nothing painted while the docks are out of place
    qtbot.waitUntil(window.updatesEnabled)
    after = [docks["paletteDock"].width(), docks["metricsDock"].width()]
    assert after == pytest.approx(before, abs=2)  # the panels' size hints wanted 400 and 520
    editor, metrics = docks["editorDock"].height(), docks["metricsDock"].height()
    assert editor >= 0.4 * (editor + metrics)
    window.document.undo_stack.setClean()


def test_at_1366_by_768_every_plot_tab_shows_its_whole_name(qtbot, bulk_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    bulk_window.resize(1350, 728)  # the screen less a window manager's frame
    qtbot.wait(20)
    bulk_window._default_dock_sizes()
    qtbot.wait(20)
    bar = bulk_window.plots.tabs.tabBar()
    for index in range(bar.count()):
        rect = bar.tabRect(index)
        assert rect.right() < bar.width(), bar.tabText(index)  # no tab behind scroll arrows
        assert rect.width() >= bar.tabSizeHint(index).width(), bar.tabText(index)  # not elided
        assert bulk_window.plots.tabs.tabToolTip(index)  # the full title
