"""One design, one set of settings: the temperature, C-rates and cut-off above the plots edit
the design (undoably, marking it modified) and every number follows them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cellstack.core import units as u
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow


def test_temperature_box_drives_the_metrics_and_undo_restores(
    qtbot, document: Document, shown_window: Callable[[Document], MainWindow]
) -> None:
    window = shown_window(document)
    before_asr = window.metrics_panel.text("asr")
    assert document.undo_stack.isClean()
    window.plots.temperature_spin.setValue(60.0)
    assert document.stack.temperature_K == pytest.approx(u.celsius_to_kelvin(60.0))
    assert not document.undo_stack.isClean()  # the design is modified
    assert window.isWindowModified()
    after_asr = window.metrics_panel.text("asr")
    assert after_asr != before_asr  # the ledger follows the design's one temperature
    expected = document.metrics.asr_total_ohm_m2
    assert expected is not None
    assert f"{expected / u.OHM_CM2:.3g}"[:3] in after_asr
    document.undo_stack.undo()
    assert document.stack.temperature_K == pytest.approx(u.celsius_to_kelvin(25.0))
    assert window.metrics_panel.text("asr") == before_asr
    assert window.plots.temperature_spin.value() == pytest.approx(25.0)
    assert document.undo_stack.isClean()


def test_a_temperature_drag_is_one_undo_step(qtbot, document: Document) -> None:
    from cellstack.gui.widgets.plots import PlotsPanel

    panel = PlotsPanel(document)
    qtbot.addWidget(panel)
    for celsius in (26.0, 27.0, 28.0):
        panel.temperature_spin.setValue(celsius)
    assert document.undo_stack.count() == 1
    panel.temperature_spin.editingFinished.emit()  # the gesture ends
    panel.temperature_spin.setValue(40.0)
    assert document.undo_stack.count() == 2


def test_c_rates_and_cutoff_are_saved_with_the_design(qtbot, document: Document) -> None:
    from cellstack.gui.widgets.plots import PlotsPanel

    panel = PlotsPanel(document)
    qtbot.addWidget(panel)
    panel.c_rates_edit.setText("0.5, 5")
    panel.c_rates_edit.editingFinished.emit()
    assert document.project.simulation.c_rates == (0.5, 5.0)
    panel.cutoff_spin.setValue(2.5)
    assert document.project.simulation.discharge_cutoff_V == 2.5
    assert not document.undo_stack.isClean()
    document.undo_stack.undo()
    assert document.project.simulation.discharge_cutoff_V is None
    assert panel.cutoff_spin.value() == 0.0
    document.undo_stack.undo()
    assert document.project.simulation.c_rates == (0.1, 1.0, 2.0)
    assert panel.c_rates_edit.text() == "0.1, 1, 2"  # the field follows the undo


def test_report_options_come_from_the_design(
    qtbot, document: Document, shown_window: Callable[[Document], MainWindow]
) -> None:
    window = shown_window(document)
    window.plots.c_rates_edit.setText("0.2, 3")
    options = window.files.report_options()
    assert options.c_rates == (0.2, 3.0)
    assert options.temperature_K is None  # the report reads the stack's own, the design's one


def test_metrics_and_plots_report_the_same_temperature(
    qtbot, document: Document, shown_window: Callable[[Document], MainWindow]
) -> None:
    window = shown_window(document)
    window.plots.temperature_spin.setValue(60.0)
    assert "at 60 °C" in window.metrics_panel.text("asr")
    plots = window.plots
    for tab in ("Discharge", "Resistance"):
        plots.tabs.setCurrentIndex([plots.tabs.tabText(i) for i in range(plots.tabs.count())].index(tab))
        plots.refresh_now()
        title = plots._pages[plots.tabs.currentIndex()].plots[0].titleLabel.text
        assert "60 °C" in title, (tab, title)
