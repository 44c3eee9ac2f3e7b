"""The Protocol window: steps typed as text, run on the design, curves, step table and exports."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.gui.document import Document
from cellstack.gui.widgets.protocol_panel import ProtocolPanel
from cellstack.report.protocol_table import CSV_COLUMNS


@pytest.fixture
def panel(qtbot, thin_film_document: Document) -> ProtocolPanel:  # type: ignore[no-untyped-def]
    widget = ProtocolPanel(thin_film_document)
    qtbot.addWidget(widget)
    return widget


def _cell(panel: ProtocolPanel, row: int, column: int) -> str:
    item = panel.table.item(row, column)
    assert item is not None
    return item.text()


def test_a_run_plots_voltage_and_current_against_one_time_axis(panel: ProtocolPanel) -> None:
    assert panel.run(), panel.error_label.text()
    assert panel.error_label.text() == ""
    result = panel.result
    assert result is not None and len(result.steps) == 3
    voltage_items = panel.voltage_plot.listDataItems()
    current_items = panel.current_plot.listDataItems()
    assert len(voltage_items) == len(current_items) == 3
    last_hours = float(voltage_items[-1].getData()[0][-1])
    assert last_hours == pytest.approx(float(result.steps[-1].time_s[-1]) / 3600.0)
    assert panel.current_plot.getViewBox().linkedView(0) is panel.voltage_plot.getViewBox()
    assert panel.csv_button.isEnabled() and panel.png_button.isEnabled()


def test_the_table_gives_each_steps_capacity_and_energy(panel: ProtocolPanel) -> None:
    assert panel.run()
    assert panel.result is not None
    assert panel.table.rowCount() == 3
    for row, step in enumerate(panel.result.steps):
        assert _cell(panel, row, 1) == step.step.text
        assert float(_cell(panel, row, 2)) == pytest.approx(step.delivered_capacity_C / u.MAH, rel=1e-3)
        assert float(_cell(panel, row, 3)) == pytest.approx(step.energy_J / u.MWH, rel=1e-3)
    # A CC-CV charge to 4.2 V returns nearly all the rated capacity (issue 13).
    charged = panel.result.steps[0].delivered_capacity_C
    assert charged >= 0.9 * panel.result.rated_capacity_C


def test_a_refused_step_says_why_in_one_line_and_clears_the_old_run(panel: ProtocolPanel) -> None:
    assert panel.run()
    panel.steps_edit.setPlainText("discharge 1C to 3.0V\nchrage 1C")
    assert not panel.run()
    message = panel.error_label.text()
    assert "step 2" in message and "chrage 1C" in message and "\n" not in message
    assert panel.steps_edit.textCursor().selectedText() == "chrage 1C"  # the refused line
    assert panel.result is None and panel.table.rowCount() == 0
    assert not panel.csv_button.isEnabled()
    assert panel.voltage_plot.listDataItems() == []


def test_no_steps_is_refused(panel: ProtocolPanel) -> None:
    panel.steps_edit.setPlainText("  \n")
    assert not panel.run()
    assert "at least one step" in panel.error_label.text()


def test_csv_export_has_the_command_lines_columns(panel: ProtocolPanel, tmp_path: Path) -> None:
    assert panel.run()
    target = tmp_path / "run.csv"
    panel.export_csv(target)
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert panel.result is not None
    assert len(rows) - 1 == sum(s.time_s.shape[0] for s in panel.result.steps)
    assert {row[4] for row in rows[1:]} == {"1", "2", "3"}
    times = np.array([float(row[0]) for row in rows[1:]])
    assert np.all(np.diff(times) >= 0)
    # The very file `cellstack run --csv` writes for the same run.
    from cellstack.cli.run import protocol_csv

    assert target.read_text(encoding="utf-8") == protocol_csv(panel.result)


def test_png_export_writes_an_image(panel: ProtocolPanel, tmp_path: Path) -> None:
    assert panel.run()
    target = tmp_path / "run.png"
    panel.export_png(target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_export_to_a_missing_folder_raises(panel: ProtocolPanel, tmp_path: Path) -> None:
    assert panel.run()
    with pytest.raises(OSError):
        panel.export_png(tmp_path / "missing" / "run.png")


def test_the_window_opens_from_the_menu_and_follows_a_new_document(  # type: ignore[no-untyped-def]
    shown_window, document: Document, thin_film_document: Document
) -> None:
    window = shown_window(document)
    action = window.findChild(type(window.undo_action), "actionProtocol")
    assert action is not None and action.isEnabled()
    action.trigger()
    protocol = window.conventions.protocol_window
    assert protocol is not None and protocol.isVisible()
    assert protocol.panel.run()
    window.set_document(thin_film_document)
    assert protocol.panel.result is None  # the run was of the previous design


def test_the_plots_have_the_export_copy_and_reset_menu(qtbot, panel: ProtocolPanel) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    assert panel.run()
    owner = panel.view.parentWidget()
    assert owner is not None
    panel.voltage_plot.setXRange(0.0, 0.01)
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text().replace("&", "") for a in menu.actions())
        next(a for a in menu.actions() if a.text() == "&Reset view").trigger()
        menu.close()

    QTimer.singleShot(100, pick)
    owner.customContextMenuRequested.emit(owner.rect().center())
    assert seen == ["Export as PNG…", "Copy image", "Reset view"]
    assert panel.voltage_plot.vb.state["autoRange"][0]


def test_an_invalid_design_is_refused_with_a_reason(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    from cellstack.gui.new_design import empty_project

    document = Document(library, empty_project(library, (1.0,), u.ROOM_TEMPERATURE))
    widget = ProtocolPanel(document)
    qtbot.addWidget(widget)
    assert not widget.run()
    assert "not valid" in widget.error_label.text() and widget.result is None


def test_an_edit_of_the_design_marks_the_run_as_old(
    panel: ProtocolPanel, thin_film_document: Document
) -> None:
    from cellstack.gui.widgets.protocol_panel import STALE

    assert panel.run()
    assert not panel.summary.text().startswith(STALE)
    thin_film_document.set_temperature(u.celsius_to_kelvin(40.0))
    assert panel.summary.text().startswith(STALE)
    assert panel.run()  # a new run follows the edited design, at its temperature
    assert not panel.summary.text().startswith(STALE) and "40 °C" in panel.summary.text()


def test_ctrl_enter_runs_the_steps(qtbot, panel: ProtocolPanel) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    panel.show()
    qtbot.waitExposed(panel)
    panel.steps_edit.setFocus()
    qtbot.keyClick(panel.steps_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.result is not None
