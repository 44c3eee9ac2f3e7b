"""File ▸ New (empty) and Close, Preferences, Help ▸ Manual, context menus and Enter in the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from cellstack.core import units as u
from cellstack.core.material import Role
from cellstack.gui.context_menus import duplicate_layer, layer_menu
from cellstack.gui.document import Document
from cellstack.gui.manual import ManualWindow, manual_pages
from cellstack.gui.preferences import PreferencesDialog, design_defaults
from cellstack.gui.scheme import is_dark
from cellstack.gui.settings import Settings
from cellstack.gui.theme_choice import apply_theme
from cellstack.io.resources import docs_dir


def _action(window, name: str) -> QAction:  # type: ignore[no-untyped-def]
    action = window.findChild(QAction, name)
    assert isinstance(action, QAction), name
    return action


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


def test_new_empty_and_close_have_their_shortcuts(shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    assert _action(window, "actionNewEmpty").shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert _action(window, "actionClose").shortcut() == QKeySequence(QKeySequence.StandardKey.Close)
    file_menu = window.new_menu.parentWidget()
    assert isinstance(file_menu, QMenu)
    actions = file_menu.actions()
    names = [a.objectName() for a in actions]
    # Beside New from template.
    assert actions.index(window.new_menu.menuAction()) == names.index("actionNewEmpty") + 1
    assert names.index("actionClose") == names.index("actionSaveAs") + 1


def test_new_empty_starts_from_the_preferred_rates_and_temperature(shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    window.settings.set_preferences("0.5, 3", 60.0, "system")
    assert window.conventions.new_empty()
    new = window.document
    assert new is not document and new.path is None and new.undo_stack.isClean()
    assert new.project.simulation.c_rates == (0.5, 3.0)
    assert new.stack.temperature_K == pytest.approx(u.celsius_to_kelvin(60.0))
    assert [layer.role for layer in new.stack.layers] == [Role.ELECTROLYTE]


def test_close_replaces_a_clean_document_with_an_empty_design(shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    _action(window, "actionClose").trigger()
    assert window.document is not document and len(window.document.stack.layers) == 1


def test_out_of_range_stored_defaults_fall_back(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.set_preferences("0, 500", 900.0, "dark")
    assert design_defaults(settings) == ((0.1, 1.0, 2.0), u.ROOM_TEMPERATURE)


def test_preferences_refuse_bad_rates_and_store_good_ones(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.c_rates.setText("1e3")
    dialog.accept()
    assert "refused" in dialog.error.text() and "1e3" in dialog.error.text()
    assert dialog.result() != PreferencesDialog.DialogCode.Accepted
    assert settings.new_design_c_rates() == ""  # nothing stored
    dialog.c_rates.setText("0.2, 2")
    dialog.temperature.setValue(45.0)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    rates, kelvin = design_defaults(settings)
    assert rates == (0.2, 2.0) and kelvin == pytest.approx(u.celsius_to_kelvin(45.0))
    assert settings.theme() == "dark"
    assert is_dark()
    apply_theme("system")
    assert not is_dark()


def test_the_manual_finds_its_pages_from_a_source_checkout(qtbot) -> None:  # type: ignore[no-untyped-def]
    repository_docs = Path(__file__).resolve().parents[2] / "docs"
    assert docs_dir().resolve() == repository_docs.resolve()
    pages = manual_pages()
    assert pages[0].name == "physics.md" and len(pages) == len(list(repository_docs.glob("*.md")))
    window = ManualWindow()
    qtbot.addWidget(window)
    assert window.pages.count() == len(pages)
    assert "What CellStack computes" in window.page_text()  # rendered, not shown as source
    assert "# What" not in window.page_text()
    window.pages.setCurrentRow(1)
    assert pages[1].read_text(encoding="utf-8").splitlines()[0].lstrip("# ")[:20] in window.page_text()


def test_a_link_to_another_page_opens_it_and_selects_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl

    window = ManualWindow()
    qtbot.addWidget(window)
    target = next(p for p in manual_pages() if p.name == "discharge.md")
    window.browser.setSource(QUrl.fromLocalFile(str(target)))
    assert window.pages.currentItem() is not None
    assert window.pages.currentItem().toolTip() == "discharge.md"
    assert "Discharge curves" in window.page_text()


def test_f1_opens_the_manual(shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    manual = _action(window, "actionManual")
    assert manual.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    manual.trigger()
    assert window.conventions.manual is not None and window.conventions.manual.isVisible()


def test_a_missing_manual_says_where_it_looked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = ManualWindow(folder=tmp_path)
    qtbot.addWidget(window)
    assert window.pages.count() == 0


def test_layer_menu_duplicates_deletes_and_moves(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    count = len(document.stack.layers)
    deleted: list[int] = []
    menu = layer_menu(document, 0, lambda: deleted.append(document.selected), parent)
    texts = {a.text().replace("&", ""): a for a in menu.actions() if a.text()}
    assert set(texts) == {"Duplicate", "Delete", "Move up", "Move down"}
    assert not texts["Move down"].isEnabled() and texts["Move up"].isEnabled()
    texts["Delete"].trigger()
    assert deleted == [0]
    name = document.stack.layers[0].name
    duplicate_layer(document, 0)
    assert len(document.stack.layers) == count + 1
    assert document.stack.layers[1].name == name and document.selected == 1
    document.undo_stack.undo()
    assert len(document.stack.layers) == count
    texts["Move up"].trigger()
    assert document.stack.layers[1].name == name


def test_right_click_on_a_layer_opens_its_menu(qtbot, shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    view = window.stack_view
    bands = view._geometry().bands
    target = bands[-1]
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(100, pick)
    view.customContextMenuRequested.emit(target.row.center().toPoint())
    assert "D&uplicate" in seen and "&Edit layer and material…" in seen
    assert document.selected == target.layer


def test_edit_from_the_layer_menu_brings_the_layer_editor_forward(shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDockWidget

    window = shown_window(document)
    cell_dock = window.findChild(QDockWidget, "cellDock")
    editor_dock = window.findChild(QDockWidget, "editorDock")
    assert isinstance(cell_dock, QDockWidget) and isinstance(editor_dock, QDockWidget)
    cell_dock.raise_()
    QApplication.processEvents()
    assert window.layer_editor.visibleRegion().isEmpty()  # tabbed behind the Cell panel
    window.conventions._edit_layer()
    QApplication.processEvents()
    assert not window.layer_editor.visibleRegion().isEmpty()


def test_plot_menu_copies_the_image_and_resets_the_view(qtbot, shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    window.plots.refresh_now()
    page = window.plots.tabs.currentWidget()
    plot = page.plots[0]
    plot.setXRange(0.0, 0.01)
    assert not plot.vb.state["autoRange"][0]
    chosen: list[str] = []

    def pick(*texts: str) -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.text().replace("&", "") in texts:
                chosen.append(action.text())
                action.trigger()
        menu.close()

    QTimer.singleShot(100, lambda: pick("Copy image", "Reset view"))
    window.plots.customContextMenuRequested.emit(page.view.geometry().center())
    assert len(chosen) == 2
    assert not QGuiApplication.clipboard().image().isNull()
    assert plot.vb.state["autoRange"][0]
    assert not plot.vb.menuEnabled()  # one menu: pyqtgraph's own is off


def test_enter_in_the_palette_adds_the_selected_material(qtbot, shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    palette = window.palette_widget
    tree = palette.tree
    group = palette.proxy.index(0, 0)
    entry = palette.proxy.index(0, 0, group)
    tree.setCurrentIndex(entry)
    tree.setFocus()
    count = len(document.stack.layers)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert len(document.stack.layers) == count + 1


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_design(  # type: ignore[no-untyped-def]
    monkeypatch, shown_window, document: Document
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = shown_window(document)
    document.remove_layer(0)
    asked: list[str] = []

    def cancel(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", cancel)
    _action(window, "actionClose").trigger()
    assert asked and "unsaved changes" in asked[0]
    assert window.document is document
