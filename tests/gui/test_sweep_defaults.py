"""The Sweep window's first study: every design computed, a curve that moves, readable ticks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cellstack.gui.document import Document
from cellstack.gui.widgets.rounded_axis import tick_text
from cellstack.gui.widgets.sweep_panel import SweepPanel
from cellstack.io.design_space import project_outputs
from cellstack.io.field_paths import read_value, with_value
from cellstack.io.library import Library
from cellstack.io.project import load_project

from .conftest import EXAMPLES

AREA = "stack.active_area_cm2"


def _ran(qtbot, library: Library, example: Path) -> SweepPanel:  # type: ignore[no-untyped-def]
    panel = SweepPanel(Document(library, load_project(example, library)))
    qtbot.addWidget(panel)
    panel.run()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    return panel


@pytest.mark.parametrize("name", ["ssb_nmc811_argyrodite_li", "pouch_nmc811_llzo_li"])
def test_the_default_study_has_a_value_at_every_point_and_a_curve_that_moves(
    qtbot,
    library: Library,
    name: str,  # type: ignore[no-untyped-def]
) -> None:
    panel = _ran(qtbot, library, EXAMPLES / f"{name}.cellstack")
    assert panel.result is not None
    values = panel.result.values
    assert np.isfinite(values).all(), panel.status.text()
    assert float(values.max() - values.min()) > 0.05 * float(values.max())  # not a flat line
    assert "have no" not in panel.status.text()


def test_an_area_sweep_carries_the_footprint_along(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    example = EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack"
    panel = SweepPanel(Document(library, load_project(example, library)))
    qtbot.addWidget(panel)
    inputs = panel.inputs[0]
    inputs.choose(AREA)
    inputs.low.setText("0.5")
    inputs.high.setText("3")
    inputs.points.setValue(6)
    panel.output.choose("energy_mWh")
    panel.run()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    assert panel.result is not None and np.isfinite(panel.result.values).all(), panel.status.text()
    assert panel.study is not None
    bigger = panel.study.design((3.0,))
    assert read_value(bigger, "stack.footprint_area_cm2") == 3.0  # equal areas stay exactly equal
    expected = project_outputs(with_value(panel.document.project, AREA, 3.0), library, ["energy_mWh"], 1.0)
    assert panel.result.values[-1] == pytest.approx(expected["energy_mWh"], rel=1e-12)


def test_a_flat_curve_has_a_readable_range_and_rounded_ticks(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    example = EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack"
    panel = SweepPanel(Document(library, load_project(example, library)))
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    panel.inputs[0].choose(AREA)  # a planar stack's Wh/kg does not depend on its area
    panel.run()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    left = panel.plot.view.getPlotItem().getAxis("left")
    low, high = panel.plot.view.getPlotItem().vb.viewRange()[1]
    assert high - low > 1.0
    levels = left.tickValues(low, high, 400)
    ticks = [text for spacing, values in levels for text in left.tickStrings(values, 1.0, spacing)]
    assert ticks and all(len(t.replace("-", "").replace(".", "")) <= 6 for t in ticks), ticks


@pytest.mark.parametrize(
    ("value", "spacing", "text"),
    [
        (332.4619749722460, 0.1, "332.5"),
        (332.4619749722460, 1e-14, "332.462"),
        (1e-17, 0.5, "0"),
        (0.00125, 0.00025, "0.00125"),
        (120000.0, 20000.0, "120000"),
        (2.5e7, 5e6, "2.5e+07"),
    ],
)
def test_tick_text_keeps_the_digits_the_spacing_tells_apart(value: float, spacing: float, text: str) -> None:
    assert tick_text(value, spacing) == text
