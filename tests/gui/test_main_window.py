"""The main window end to end: edits update metrics, undo restores, the close prompt behaves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from cellstack.core import units as u
from cellstack.core.material import Role
from cellstack.core.sourced import user_value
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.gui.templates import default_example
from cellstack.io.library import default_library
from cellstack.io.project import load_project


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    library = default_library()
    document = Document(library, load_project(default_example(), library))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(document, settings)
    yield main
    # Nothing to save at teardown: closing must not open the unsaved-changes prompt.
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


def test_panels_have_stable_object_names(window: MainWindow) -> None:
    for name in ("materialsPalette", "stackView", "layerEditor", "metricsPanel", "plotsPanel"):
        assert window.panel(name) is not None


def test_first_window_shows_numbers_at_once(window: MainWindow) -> None:
    panel = window.metrics_panel
    assert "mAh" in panel.text("capacity")
    assert panel.text("cell_wh_kg") != "—"
    assert "Wh/kg" in panel.levels.row_labels["wh_kg"].text()
    assert "—" not in panel.text("energy")


def test_thickness_edit_updates_metrics_and_undo_restores(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    cathode = document.stack.indices_with_role(Role.CATHODE)[0]
    document.select(cathode)
    before_stack = document.stack
    before_text = window.metrics_panel.text("capacity")
    editor = window.layer_editor
    editor.thickness.spin.setValue(editor.thickness.spin.value() * 2)
    assert document.stack.layers[cathode].thickness_m == pytest.approx(
        2 * before_stack.layers[cathode].thickness_m
    )
    assert window.metrics_panel.text("capacity") != before_text
    assert window.isWindowModified()
    document.undo_stack.undo()
    assert document.stack == before_stack
    assert window.metrics_panel.text("capacity") == before_text
    document.undo_stack.redo()
    assert document.stack.layers[cathode].thickness_m == pytest.approx(
        2 * before_stack.layers[cathode].thickness_m
    )


def test_a_spin_box_drag_is_one_undo_step(window: MainWindow) -> None:
    document = window.document
    document.select(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    start = document.stack
    spin = window.layer_editor.thickness.spin
    for _ in range(15):
        spin.stepUp()
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.stack == start


def test_override_with_library_value_beside_it_and_reset(window: MainWindow) -> None:
    document = window.document
    index = document.stack.indices_with_role(Role.ELECTROLYTE)[0]
    document.select(index)
    table = window.layer_editor.overrides
    edit = table.edits["ionic_conductivity"]
    edit.setText("1e-5")
    edit.editingFinished.emit()
    layer = document.stack.layers[index]
    sigma = dict(layer.overrides)["ionic_conductivity_S_m"]
    assert sigma.value == pytest.approx(1e-5 * u.S_PER_CM) and sigma.source == "user"
    table.findChild(type(table.table.cellWidget(0, 3)), "reset_ionic_conductivity").click()
    assert not document.stack.layers[index].overrides


def test_bad_override_is_refused_with_a_message(window: MainWindow) -> None:
    document = window.document
    document.select(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    before = document.stack
    edit = window.layer_editor.overrides.edits["density"]
    edit.setText("-3")
    edit.editingFinished.emit()
    assert document.stack == before
    assert "density" in edit.toolTip().lower() and "-3" in edit.toolTip()


def test_palette_search_and_double_click_adds_a_layer(window: MainWindow) -> None:
    palette = window.palette_widget
    palette.search.setText("LiNbO3")
    shown = palette.material_ids()
    assert "linbo3" in shown and "lipon" not in shown
    count = len(window.document.stack.layers)
    group = palette.proxy.index(0, 0)
    first = palette.proxy.index(0, 0, group)
    palette._add(first)
    assert len(window.document.stack.layers) == count + 1


def test_warnings_show_their_source(window: MainWindow) -> None:
    library = default_library()
    garnet = load_project(default_example().parent / "ssb_lco_garnet_li.cellstack", library)
    window.set_document(Document(library, garnet))
    findings = window.metrics_panel.finding_texts()
    assert any("garnet" in message.lower() and source == "yang2020:189" for message, source in findings)


def test_close_prompt_only_with_unsaved_changes(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append("asked")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    assert window.close()
    assert asked == []
    window.show()
    document = window.document
    document.select(0)
    window.layer_editor.thickness.spin.stepUp()
    assert not window.close()  # cancelled: the window stays open
    assert asked == ["asked"]
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_keyboard_delete_removes_the_selected_layer(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    count = len(document.stack.layers)
    document.select(0)
    window.stack_view.setFocus()
    qtbot.keyClick(window.stack_view, Qt.Key.Key_Delete)
    assert len(document.stack.layers) == count - 1


def test_metrics_and_layer_table_export_as_csv(window: MainWindow, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    for which in ("metrics", "layers"):
        target = tmp_path / f"{which}.csv"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        window.files.export_table(which)
        text = target.read_text(encoding="utf-8")
        assert text.count("\n") > 3
    assert "capacity_mAh" in (tmp_path / "metrics.csv").read_text(encoding="utf-8")
    layers = (tmp_path / "layers.csv").read_text(encoding="utf-8")
    assert all(layer.name[:10] in layers for layer in window.document.stack.layers)


def test_the_conductivity_override_says_at_which_temperature_it_counts(window: MainWindow) -> None:
    document = window.document
    index = document.stack.indices_with_role(Role.ELECTROLYTE)[0]
    document.select(index)
    edit = window.layer_editor.overrides.edits["ionic_conductivity"]
    assert "25 °C, the temperature of the library value" in edit.toolTip()
    layer = document.stack.layers[index]
    measured = layer.with_override("ionic_conductivity_S_m", user_value(2e-2), measured_at_K=333.15)
    document.replace_layer(index, measured, "Override conductivity")
    assert "measured at 60 °C" in edit.toolTip()
    assert edit.text() == "0.0002"  # S/cm


def test_where_the_conductivity_was_measured_is_an_undoable_edit(window: MainWindow) -> None:
    document = window.document
    index = document.stack.indices_with_role(Role.ELECTROLYTE)[0]
    document.select(index)
    table = window.layer_editor.overrides
    assert not table.measured_at.isEnabled()  # nothing of the user's to place yet
    table.edits["ionic_conductivity"].setText("1e-5")
    table.edits["ionic_conductivity"].editingFinished.emit()
    assert table.measured_at.isEnabled() and table.measured_at.value() == pytest.approx(25.0)
    before = document.metrics.asr_total_ohm_m2
    table.measured_at.setValue(60.0)
    assert document.stack.layers[index].conductivity_temperature_K == pytest.approx(333.15)
    assert document.metrics.asr_total_ohm_m2 > before  # measured hot: less at the stack's 25 °C
    document.undo_stack.undo()
    assert document.stack.layers[index].conductivity_temperature_K is None
    assert table.measured_at.value() == pytest.approx(25.0)


def test_save_as_offers_the_file_own_name_and_folder(window: MainWindow, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    source = tmp_path / "designs" / "mine.cellstack"
    source.parent.mkdir()
    assert window.files._write_file(source)
    window.document.mark_saved(source)
    window.settings.set_last_folder(tmp_path)  # the last folder the user browsed is elsewhere
    offered: list[str] = []

    def pick(*args: object, **kwargs: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    window.files.save_as()
    assert offered == [str(source)]  # not "mine.cellstack.cellstack" in the last folder
