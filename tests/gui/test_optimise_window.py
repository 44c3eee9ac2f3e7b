"""Explore → Optimise…: one objective applies the optimum as one undoable step, two show a front
whose points apply the same way; Cancel and infeasible constraints change nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from cellstack.gui.document import Document
from cellstack.gui.widgets.optimise_inputs import MAXIMISE, MINIMISE
from cellstack.gui.widgets.optimise_window import OptimiseWindow
from cellstack.gui.widgets.study_controls import NONE_TEXT
from cellstack.io.field_paths import parse_path, read_value
from cellstack.io.library import Library
from cellstack.io.project import load_project

from .conftest import EXAMPLES

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from cellstack.gui.main_window import MainWindow

CATHODE = "stack.layers[1].thickness_um"
SEPARATOR = "stack.layers[2].thickness_um"
WAIT_MS = 60_000


def _window(shown_window: Callable[[Document], MainWindow], document: Document) -> OptimiseWindow:
    window = shown_window(document)
    action = next(
        a for a in window.findChildren(type(window.undo_action)) if a.objectName() == "actionOptimise"
    )
    action.trigger()
    optimise = window.explore.optimise
    assert optimise is not None and optimise.isVisible()
    return optimise


def _run(qtbot: QtBot, optimise: OptimiseWindow) -> None:
    optimise.run_button.click()
    qtbot.waitUntil(lambda: optimise.job is None, timeout=WAIT_MS)


def _ask_for_the_cathode_front(optimise: OptimiseWindow) -> None:
    """Cathode thickness 40 to 200 µm; the most Wh/kg against the least ASR."""
    optimise.inputs[0].choose(CATHODE, 40, 200)
    optimise.goals[0].set_goal(MAXIMISE, "specific_energy_Wh_kg")
    optimise.goals[1].set_goal(MINIMISE, "asr_ohm_cm2")


def test_one_objective_applies_the_optimum_in_one_undoable_step(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    optimise.inputs[0].choose(CATHODE, 40, 200)
    optimise.inputs[1].choose(SEPARATOR, 10, 60)
    optimise.goals[0].set_goal(MAXIMISE, "specific_energy_Wh_kg")
    optimise.goals[1].set_goal(NONE_TEXT, "asr_ohm_cm2")
    optimise.constraints.setText("asr_ohm_cm2<=85")
    before = document.project
    _run(qtbot, optimise)
    assert document.project is before  # nothing changes until Apply
    result = optimise.result
    assert result is not None and result.optimum is not None
    assert [str(c) for c in result.optimum.binding] == ["asr_ohm_cm2<=85"]
    assert "binding" in optimise.details.text() and "asr_ohm_cm2<=85" in optimise.status.text()
    cathode, separator = result.optimum.point
    assert separator == pytest.approx(10.0) and 60 < cathode < 100  # docs/explore.md: about 79.6 µm
    count = document.undo_stack.count()
    optimise.apply_button.click()
    assert document.undo_stack.count() == count + 1
    assert read_value(document.project, parse_path(CATHODE)) == pytest.approx(cathode)
    assert read_value(document.project, parse_path(SEPARATOR)) == pytest.approx(10.0)
    assert document.metrics.asr_total_ohm_m2 is not None
    assert document.metrics.asr_total_ohm_m2 * 1e4 == pytest.approx(85.0, rel=1e-3)
    assert not optimise.apply_button.isEnabled()
    document.undo_stack.undo()
    assert document.project == before


def test_two_objectives_show_a_front_and_a_picked_point_applies(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    _ask_for_the_cathode_front(optimise)
    before = document.project
    _run(qtbot, optimise)
    result = optimise.result
    assert result is not None and result.front is not None and len(result.front.points) > 3
    assert optimise.plot.isVisible() and "Pareto front" in optimise.status.text()
    # The axes name the outputs, in the units the constraints are typed in (the keys' own).
    axes = optimise.plot.getPlotItem()
    assert axes.getAxis("bottom").labelText == "Specific energy, full stack (Wh/kg)"
    assert axes.getAxis("left").labelText == "Area-specific resistance (Ω·cm²)"
    assert optimise.goals[1].output.currentText() == "Area-specific resistance (Ω·cm²)"
    assert not optimise.apply_button.isEnabled()  # no point chosen yet
    # A click 6 px left of the leftmost point (dots are 9 px wide) picks it: the nearest on screen.
    x_values, y_values = result.front.values["specific_energy_Wh_kg"], result.front.values["asr_ohm_cm2"]
    end = int(np.argmin(x_values))
    qtbot.waitExposed(optimise.plot)
    qtbot.wait(100)  # the plot ranges itself to the front as it is drawn, before the click maps
    box = optimise.plot.getPlotItem().vb
    at = optimise.plot.mapFromScene(box.mapViewToScene(QPointF(x_values[end], y_values[end])))
    qtbot.mouseClick(optimise.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x() - 6, at.y()))
    chosen = result.front.points[end][0]
    assert f"{chosen:.6g}" in optimise.details.text()
    optimise.apply_button.click()
    assert read_value(document.project, parse_path(CATHODE)) == pytest.approx(chosen)
    # The star marks the open design: after Apply, the applied point (it stayed on the old one).
    star_x, star_y = optimise.star.getData()
    assert (star_x[0], star_y[0]) == pytest.approx((x_values[end], y_values[end]))
    assert "star marks it" in optimise.status.text()
    # The details compare with the design now open: the applied one, no longer the run's start.
    asr = y_values[end]
    assert f"Area-specific resistance (Ω·cm²): {asr:.6g} (open design: {asr:.6g})" in (
        optimise.details.text()
    )
    assert not optimise.apply_button.isEnabled()
    document.undo_stack.undo()
    assert document.project == before
    assert len(optimise.star.getData()[0]) == 0  # after the undo the run's marks are stale
    optimise.pick(end)  # no longer the open design: the one applied, now undone
    assert (
        f"Area-specific resistance (Ω·cm²): {asr:.6g} (applied design: {asr:.6g})" in optimise.details.text()
    )


def test_a_point_picked_after_an_edit_is_not_applied_over_the_edit(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    _ask_for_the_cathode_front(optimise)
    _run(qtbot, optimise)
    separator = document.stack.layers[2]
    document.replace_layer(2, replace(separator, thickness_m=separator.thickness_m / 2), "Thinner separator")
    edited = document.project
    optimise.pick(2)  # read the front after the edit: its designs still have the thick separator
    assert "Design 3 of" in optimise.details.text()
    # Compared with the design the run started from, which is no longer the open one.
    assert "(design the run started from: " in optimise.details.text()
    assert "open design" not in optimise.details.text()
    assert not optimise.apply_button.isEnabled() and "changed since this run" in optimise.status.text()
    optimise.apply()
    assert document.project is edited


def test_cancel_changes_nothing(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    optimise.inputs[0].choose(CATHODE, 40, 200)
    # A discharge per design: hundreds of designs one at a time, long enough to cancel.
    optimise.goals[0].set_goal(MAXIMISE, "delivered_energy_mWh")
    optimise.goals[1].set_goal(MAXIMISE, "specific_energy_Wh_kg")
    before, count = document.project, document.undo_stack.count()
    optimise.run_button.click()
    assert optimise.job is not None and optimise.cancel_button.isEnabled()
    optimise.cancel_button.click()
    qtbot.waitUntil(lambda: optimise.job is None, timeout=WAIT_MS)
    assert optimise.result is None and "Cancelled" in optimise.status.text()
    assert not optimise.apply_button.isEnabled()
    assert document.project is before and document.undo_stack.count() == count


@pytest.mark.parametrize("second", [NONE_TEXT, MINIMISE])
def test_infeasible_constraints_are_named_and_change_nothing(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document, second: str
) -> None:
    optimise = _window(shown_window, document)
    optimise.inputs[0].choose(CATHODE, 40, 200)
    optimise.goals[0].set_goal(MAXIMISE, "specific_energy_Wh_kg")
    optimise.goals[1].set_goal(second, "energy_density_Wh_L")
    optimise.constraints.setText("capacity_mAh>=0.1; asr_ohm_cm2<=1")
    before = document.project
    _run(qtbot, optimise)
    message = optimise.status.text()
    assert "asr_ohm_cm2<=1" in message and "\n" not in message
    assert "closest reached: asr_ohm_cm2 = " in message
    assert optimise.result is None and not optimise.apply_button.isEnabled()
    assert document.project is before


def test_bad_bounds_and_constraints_get_one_line(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    optimise.inputs[0].choose(CATHODE, -5, 200)
    optimise.run_button.click()
    assert optimise.job is None and CATHODE in optimise.status.text() and "-5" in optimise.status.text()
    optimise.inputs[0].choose(CATHODE, 40, 200)
    optimise.constraints.setText("asr_ohm_cm2 < 5")
    optimise.run_button.click()
    assert optimise.job is None and "asr_ohm_cm2 < 5" in optimise.status.text()
    optimise.constraints.setText("watts>=5")
    optimise.run_button.click()
    assert optimise.job is None and "watts" in optimise.status.text()


def test_an_edit_after_a_run_withdraws_apply(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    optimise.inputs[0].choose(CATHODE, 40, 200)
    optimise.goals[1].set_goal(NONE_TEXT, "asr_ohm_cm2")
    _run(qtbot, optimise)
    assert optimise.apply_button.isEnabled()
    layer = document.stack.layers[2]
    from dataclasses import replace

    document.replace_layer(2, replace(layer, thickness_m=layer.thickness_m * 2), "Change thickness")
    assert not optimise.apply_button.isEnabled() and "Run again" in optimise.status.text()


def test_closing_the_window_cancels_a_run(
    qtbot: QtBot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    optimise = _window(shown_window, document)
    optimise.inputs[0].choose(CATHODE, 40, 200)
    optimise.goals[0].set_goal(MAXIMISE, "delivered_energy_mWh")
    optimise.goals[1].set_goal(MAXIMISE, "specific_energy_Wh_kg")
    before = document.project
    optimise.run_button.click()
    job = optimise.job
    assert job is not None
    optimise.close()
    qtbot.waitUntil(lambda: optimise.job is None, timeout=WAIT_MS)
    assert optimise.result is None and document.project is before


def test_a_packaged_cell_is_optimised_for_its_cell_level_wh_kg_by_default(
    shown_window: Callable[[Document], MainWindow], library: Library
) -> None:
    pouch = Document(library, load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library))
    optimise = _window(shown_window, pouch)
    goal = optimise.goals[0].goal()
    assert goal is not None and goal.key == "cell.levels.cell.specific_energy_Wh_kg" and goal.maximize
    assert optimise.goals[1].goal() is None  # one objective unless a second is asked for
