"""The Sweep panel: plotted values are compute's, a click applies that design as one undoable
step, a long sweep runs off the GUI thread and can be cancelled, and "Sweep this…" opens it."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QPushButton

from cellstack.gui.document import Document
from cellstack.gui.widgets.sweep_panel import SweepPanel
from cellstack.gui.widgets.sweep_this import SWEEP_THIS, sweep_menu
from cellstack.io.design_space import project_outputs
from cellstack.io.field_paths import read_value, with_value
from cellstack.io.library import Library
from cellstack.io.project import load_project

from .conftest import EXAMPLES

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow

CATHODE = "stack.layers[1].thickness_um"
SEPARATOR = "stack.layers[2].thickness_um"


def _panel(qtbot, document: Document) -> SweepPanel:  # type: ignore[no-untyped-def]
    panel = SweepPanel(document)
    qtbot.addWidget(panel)
    panel.resize(900, 620)
    panel.show()
    return panel


def _set_row(panel: SweepPanel, row: int, path: str, start: float, stop: float, points: int) -> None:
    inputs = panel.inputs[row]
    inputs.choose(path)
    inputs.low.setText(f"{start:g}")
    inputs.high.setText(f"{stop:g}")
    inputs.points.setValue(points)


def _click_plot_at(qtbot, panel: SweepPanel, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    box = panel.plot.view.getPlotItem().vb
    scene = box.mapViewToScene(QPointF(x, y))
    at = panel.plot.view.mapFromScene(scene)
    qtbot.mouseClick(panel.plot.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))


def test_a_line_sweep_plots_compute_values_and_a_click_applies_one_undoable_design(
    qtbot,
    document: Document,
    library: Library,  # type: ignore[no-untyped-def]
) -> None:
    panel = _panel(qtbot, document)
    _set_row(panel, 0, CATHODE, 40.0, 160.0, 7)
    panel.output.choose("specific_energy_Wh_kg")
    panel.run()
    assert panel.result is not None and panel.plot.curve is not None
    x, y = panel.plot.curve.getData()
    before = document.project
    for thickness, plotted in zip(x, y, strict=True):
        expected = project_outputs(
            with_value(before, CATHODE, float(thickness)), library, ["specific_energy_Wh_kg"], 1.0
        )["specific_energy_Wh_kg"]
        assert plotted == pytest.approx(expected, rel=1e-9)
    qtbot.wait(50)
    _click_plot_at(qtbot, panel, 120.0, float(np.nanmean(y)))
    assert read_value(document.project, CATHODE) == pytest.approx(120.0)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.project == before


def test_a_grid_sweep_draws_a_heatmap_with_contours_and_applies_both_inputs(
    qtbot,
    document: Document,  # type: ignore[no-untyped-def]
) -> None:
    panel = _panel(qtbot, document)
    _set_row(panel, 0, CATHODE, 40.0, 160.0, 13)
    _set_row(panel, 1, SEPARATOR, 10.0, 50.0, 9)
    panel.output.choose("asr_ohm_cm2")
    panel.run()
    assert panel.plot.image is not None and panel.plot.contours
    assert panel.result is not None and panel.result.values.shape == (13, 9)
    bottom = panel.plot.view.getPlotItem().getAxis("bottom").labelText
    assert CATHODE in bottom and document.stack.layers[1].name in bottom  # the layer is named
    qtbot.wait(50)
    _click_plot_at(qtbot, panel, 100.0, 20.0)
    assert read_value(document.project, CATHODE) == pytest.approx(100.0)
    assert read_value(document.project, SEPARATOR) == pytest.approx(20.0)
    assert document.undo_stack.count() == 1


def _pouch_sweep(qtbot, library: Library, path: str, stop: float, points: int, key: str):  # type: ignore[no-untyped-def]
    """A panel over the pouch example, its sweep of ``path`` from 1 to ``stop`` started."""
    pouch = load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library)
    panel = _panel(qtbot, Document(library, pouch))
    _set_row(panel, 0, path, 1.0 if path == "cell.units" else 30.0, stop, points)
    panel.output.choose(key)
    panel.run()
    return panel, pouch


def test_a_cell_sweep_runs_off_the_gui_thread_and_matches_compute(
    qtbot,
    library: Library,  # type: ignore[no-untyped-def]
) -> None:
    panel, pouch = _pouch_sweep(qtbot, library, "cell.units", 12.0, 12, "cell.energy_Wh")
    assert panel.job is not None  # not vectorisable: on the thread pool
    qtbot.waitUntil(lambda: panel.job is None, timeout=20000)
    assert panel.result is not None
    energies = panel.result.values
    assert energies == pytest.approx(energies[0] * np.arange(1, 13), rel=1e-9)
    five = project_outputs(with_value(pouch, "cell.units", 5), library, ["cell.energy_Wh"], 1.0)
    assert energies[4] == pytest.approx(five["cell.energy_Wh"], rel=1e-12)
    assert panel.document.undo_stack.count() == 0  # nothing changes until a design is applied


def test_cancel_stops_a_long_sweep_and_changes_nothing(
    qtbot,
    library: Library,  # type: ignore[no-untyped-def]
) -> None:
    key = "cell.levels.cell.specific_energy_Wh_kg"
    panel, pouch = _pouch_sweep(qtbot, library, "cell.cathode_width_mm", 52.0, 200, key)
    panel.cancel()
    qtbot.waitUntil(lambda: panel.job is None, timeout=20000)
    assert panel.result is None
    assert "cancelled" in panel.status.text()
    assert panel.document.project == pouch


def test_a_range_outside_the_field_is_refused_in_one_line(
    qtbot,
    document: Document,  # type: ignore[no-untyped-def]
) -> None:
    panel = _panel(qtbot, document)
    _set_row(panel, 0, CATHODE, -5.0, 100.0, 5)
    panel.run()
    assert panel.result is None
    assert CATHODE in panel.status.text() and "-5" in panel.status.text()


def test_sweep_this_on_the_thickness_opens_the_panel_on_that_layer(
    shown_window: Callable[[Document], MainWindow],
    document: Document,  # type: ignore[no-untyped-def]
) -> None:
    window = shown_window(document)
    document.select(1)
    editor = window.layer_editor
    menu = sweep_menu(editor.thickness.spin, editor._thickness_path(), editor.sweepRequested.emit)
    action = next(a for a in menu.actions() if a.text() == SWEEP_THIS)
    action.trigger()
    panel = window.explore.sweep
    assert panel is not None and panel.isVisible()
    assert panel.inputs[0].chosen() == CATHODE
    assert panel.result is not None
    current = read_value(document.project, CATHODE)
    assert panel.result.axes[0][0] == pytest.approx(current * 0.5)
    assert not math.isnan(float(panel.result.values[0]))


def test_contour_lines_lie_where_a_ramp_crosses_the_level() -> None:
    from cellstack.gui.widgets.sweep_plot import contour_lines

    x, y = np.linspace(10.0, 50.0, 5), np.linspace(0.0, 3.0, 4)
    values = np.add.outer(x, np.zeros(len(y)))  # the value is x itself
    (line,) = contour_lines(values, 25.0, x, y)
    assert line[:, 0] == pytest.approx(25.0)
    assert line[:, 1].min() == pytest.approx(0.0) and line[:, 1].max() == pytest.approx(3.0)


def test_refused_designs_move_the_sweep_off_the_gui_thread_and_stay_empty(
    qtbot,
    document: Document,  # type: ignore[no-untyped-def]
) -> None:
    panel = _panel(qtbot, document)
    _set_row(panel, 0, "stack.layers[1].composite.active_fraction", 0.5, 0.7, 5)  # 0.7 + 0.35 > 1
    panel.output.choose("energy_mWh")
    panel.run()
    assert panel.job is not None  # the vectorised sweep refused the batch: not on the GUI thread
    qtbot.waitUntil(lambda: panel.job is None, timeout=20000)
    assert panel.result is not None
    values = panel.result.values
    assert np.isfinite(values[:3]).all() and np.isnan(values[-1])
    assert "have no energy_mWh" in panel.status.text()


def _discharge_sweep(qtbot, library: Library, points: int):  # type: ignore[no-untyped-def]
    """A panel over the NMC example, a grid sweep of delivered energy (a discharge per design) started."""
    nmc = load_project(EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack", library)
    panel = _panel(qtbot, Document(library, nmc))
    _set_row(panel, 0, CATHODE, 40.0, 160.0, points)
    _set_row(panel, 1, SEPARATOR, 10.0, 60.0, points)
    panel.output.choose("delivered_energy_mWh")
    panel.run()
    return panel, nmc


def test_a_discharge_sweep_computes_off_the_gui_thread_and_the_window_stays_responsive(
    qtbot,
    library: Library,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer

    ticks: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    timer.start()
    panel, nmc = _discharge_sweep(qtbot, library, 70)  # 4900 designs
    assert panel.job is not None  # a discharge per design: on the thread pool, with progress
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)
    timer.stop()
    assert panel.result is not None and panel.result.values.shape == (70, 70)
    # The event loop kept running while the designs were computed: no gap of half a second.
    gaps = np.diff(ticks)
    assert len(ticks) > 10 and gaps.max() < 500, gaps.max()
    study = panel.study
    assert study is not None
    corner = study.design((study.axes[0][-1], study.axes[1][0]))
    expected = project_outputs(corner, library, ["delivered_energy_mWh"], 1.0)["delivered_energy_mWh"]
    assert panel.result.values[-1, 0] == pytest.approx(expected, rel=1e-9)
    assert panel.document.project == nmc and panel.document.undo_stack.count() == 0


def test_cancel_in_the_progress_dialog_stops_the_sweep_and_leaves_the_document(
    qtbot,
    library: Library,  # type: ignore[no-untyped-def]
) -> None:
    panel, nmc = _discharge_sweep(qtbot, library, 200)  # 40,000 designs: seconds
    assert panel.job is not None
    # The dialog shows once the sweep has run for half a second; its Cancel button stops it.
    qtbot.waitUntil(panel.dialog.isVisible, timeout=60000)
    button = panel.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)
    assert panel.result is None
    assert "cancelled" in panel.status.text()
    assert panel.document.project == nmc and panel.document.undo_stack.count() == 0
    assert not panel.dialog.isVisible() and panel.run_button.isEnabled()


def test_the_outputs_are_listed_by_name_and_unit_each_number_once(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, document)
    box = panel.output
    labels = [box.itemText(i) for i in range(box.count())]
    keys = [box.itemData(i) for i in range(box.count())]
    assert len(set(labels)) == len(labels)
    assert "Specific energy, full stack (Wh/kg)" in labels and "Areal capacity (mAh/cm²)" in labels
    assert "levels.full_stack.mass_g" not in keys  # the same number as mass_g
    box.choose("levels.full_stack.mass_g")
    assert box.key() == "mass_g" and box.currentText() == "Mass, full stack (g)"
    box.choose("delivered_energy_mWh")
    assert box.itemData(box.currentIndex(), Qt.ItemDataRole.ToolTipRole) == "delivered_energy_mWh"
    panel.run()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    assert panel.result is not None and panel.result.key == "delivered_energy_mWh"
    assert panel.plot.view.getPlotItem().getAxis("left").labelText == "Delivered energy (mWh)"


def test_an_input_inside_a_layer_is_listed_with_the_layers_name(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, document)
    row = panel.inputs[0]
    row.choose(CATHODE)
    cathode = document.stack.layers[1].name
    assert row.chosen() == CATHODE and row.path_box.currentText() == f"{CATHODE} · {cathode}"
    texts = [row.path_box.itemText(i) for i in range(row.path_box.count())]
    assert "stack.footprint_area_cm2" in texts  # not inside a layer: the path alone
    panel.inputs[1].choose("")
    assert panel.inputs[1].chosen() is None and panel.inputs[1].path_box.currentText() == "(none)"
