"""The plots panel: follows edits, never shows NaN, exports every tab, parses its controls."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest

from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.widgets import plot_parts
from cellstack.gui.widgets.axis_ranges import nice_ceiling, sticky_ceiling, sticky_limits
from cellstack.gui.widgets.plot_parts import (
    LEGEND_OFFSETS,
    Axes,
    Series,
    emptiest_corner,
    ocv_curve,
    parse_c_rates,
    write_series_csv,
)
from cellstack.gui.widgets.plots import PlotsPanel

TABS = ("Discharge", "Rate", "Ragone", "Resistance", "Mass", "Cell parts")


@pytest.fixture
def panel(qtbot, document: Document) -> PlotsPanel:  # type: ignore[no-untyped-def]
    widget = PlotsPanel(document)
    qtbot.addWidget(widget)
    widget.resize(760, 460)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn_numbers(panel: PlotsPanel) -> list[float]:
    """Every number the current tab draws: curve points, bar extents and the CSV series."""
    numbers: list[float] = []
    view = panel.tabs.currentWidget().findChild(pg.GraphicsLayoutWidget)
    for item in view.ci.items:
        if not isinstance(item, pg.PlotItem):
            continue
        for data in item.listDataItems():
            if not data.isVisible():
                continue  # a curve kept for reuse
            x, y = data.getData()
            numbers += [] if x is None else [*np.asarray(x, float), *np.asarray(y, float)]
        for child in item.items:
            if isinstance(child, pg.BarGraphItem):
                numbers += [float(v) for v in np.atleast_1d(child.opts["width"])]
    for s in panel.current_series():
        numbers += [float(v) for v in s.y]
        numbers += [float(v) for v in s.x if not isinstance(v, str)]
    return numbers


def test_tabs_and_controls_have_stable_names(panel: PlotsPanel) -> None:
    assert panel.objectName() == "plotsPanel"
    assert tuple(panel.tabs.tabText(i) for i in range(panel.tabs.count())) == TABS
    for name in ("cRatesEdit", "temperatureSpin", "cutoffSpin"):
        assert panel.findChild(object, name) is not None
    assert panel.temperature_spin.value() == pytest.approx(25.0)
    assert panel.cutoff_spin.value() == 0.0  # "material default"


def test_every_tab_draws_finite_numbers_with_units(panel: PlotsPanel) -> None:
    for i in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(i)
        panel.refresh_now()
        numbers = drawn_numbers(panel)
        assert numbers, panel.tabs.tabText(i)
        assert all(math.isfinite(v) for v in numbers), panel.tabs.tabText(i)
        for s in panel.current_series():
            assert "(" in s.axes.x + s.axes.y  # every plot states its units


def test_edits_redraw_the_visible_tab_coalesced(qtbot, panel: PlotsPanel, document: Document) -> None:  # type: ignore[no-untyped-def]
    panel.tabs.setCurrentIndex(TABS.index("Mass"))
    panel.refresh_now()
    before = {s.name: s.y[0] for s in panel.current_series()}
    cathode = document.stack.indices_with_role(Role.CATHODE)[0]
    layer = document.stack.layers[cathode]
    for factor in (1.1, 1.2, 1.5):  # a burst: one redraw at the next event-loop turn
        document.replace_layer(cathode, layer.with_thickness(layer.thickness_m * factor), "t", "thick")
    qtbot.waitUntil(lambda: {s.name: s.y[0] for s in panel.current_series()} != before)
    after = {s.axes.title + s.name: s.y[0] for s in panel.current_series()}
    assert after["Thickness" + layer.name] == pytest.approx(layer.thickness_m * 1.5 * 1e6)
    assert all(math.isfinite(v) for v in drawn_numbers(panel))
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: {s.name: s.y[0] for s in panel.current_series()} == before)


def test_axes_hold_still_while_a_thickness_drags_back_and_forth(
    panel: PlotsPanel, document: Document
) -> None:
    panel.tabs.setCurrentIndex(TABS.index("Discharge"))
    panel.refresh_now()
    plot = panel.tabs.currentWidget().findChild(pg.GraphicsLayoutWidget).ci.getItem(0, 0)
    cathode = document.stack.indices_with_role(Role.CATHODE)[0]
    layer = document.stack.layers[cathode]
    ranges = []
    for step in range(6):  # one spin-box step up, one down, ...
        factor = 1.0 if step % 2 else 1.01
        document.replace_layer(cathode, layer.with_thickness(layer.thickness_m * factor), "t", f"t{step}")
        panel.refresh_now()
        ranges.append([list(map(float, r)) for r in plot.viewRange()])
        highest = max(max(s.x) for s in panel.current_series())
        assert highest <= ranges[-1][0][1]  # the curves stay inside the axis
    assert all(r == ranges[0] for r in ranges)


def test_sticky_ceiling_keeps_a_limit_that_still_fits() -> None:
    assert sticky_ceiling(0.31, 0.0) == nice_ceiling(0.31) == 0.4
    assert sticky_ceiling(0.29, 0.4) == 0.4  # dragged back under the step: the axis stays
    assert sticky_ceiling(0.22, 0.4) == 0.25  # over a third of the axis empty: rounded anew
    assert sticky_ceiling(0.45, 0.4) == 0.5  # no longer fits
    assert sticky_ceiling(0.3, float("nan")) == pytest.approx(0.3)


def test_sticky_limits_hold_while_the_data_fits() -> None:
    assert sticky_limits(3.05, 4.21, None) == (3.0, 4.3)
    assert sticky_limits(3.0 - 1e-9, 4.2, None) == (3.0, 4.2)  # a hair under the cut-off
    assert sticky_limits(3.12, 4.21, (3.0, 4.3)) == (3.0, 4.3)  # the end crossed 3.1 V: held
    assert sticky_limits(2.95, 4.21, (3.0, 4.3)) == (2.9, 4.3)  # no longer fits
    assert sticky_limits(3.6, 4.0, (3.0, 4.3)) == (3.6, 4.0)  # far too wide: rounded anew


def test_invalid_stack_shows_its_reason_and_no_nan(panel: PlotsPanel, document: Document) -> None:
    document.remove_layer(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    for i in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(i)
        panel.refresh_now()
        note = panel.tabs.currentWidget().findChild(object, "plotNote")
        assert "short-circuit" in note.text()
        assert all(math.isfinite(v) for v in drawn_numbers(panel))
        assert not panel.grab().isNull()


def test_discharge_tab_without_the_model_shows_the_ocv_curve(panel: PlotsPanel, document: Document) -> None:
    panel._api = None  # as before cellstack.core.discharge exists
    panel.tabs.setCurrentIndex(0)
    panel.refresh_now()
    note = panel.tabs.currentWidget().findChild(object, "plotNote")
    assert "not available" in note.text() and note.isVisible()
    (curve,) = panel.current_series()
    voltages = np.asarray(curve.y)
    assert voltages[0] > voltages[-1] > 3.0  # NMC811 vs Li falls as it discharges
    assert np.mean(voltages) == pytest.approx(document.metrics.average_voltage_V, rel=0.02)
    assert max(curve.x) == pytest.approx(document.metrics.capacity_C / 3.6)


def test_ocv_curve_is_none_for_an_invalid_stack(document: Document) -> None:
    assert ocv_curve(document.stack, document.metrics) is not None
    document.remove_layer(0)
    document.remove_layer(document.stack.indices_with_role(Role.CATHODE)[0])
    assert ocv_curve(document.stack, document.metrics) is None


def test_c_rates_are_validated(qtbot, panel: PlotsPanel) -> None:  # type: ignore[no-untyped-def]
    assert parse_c_rates("0.1, 1, 2") == (0.1, 1.0, 2.0)
    assert parse_c_rates("2;0.5 0.5") == (0.5, 2.0)
    for bad in ("", "0", "1,,x", "1e", "-1", "200", ",".join(["1"] * 3 + [str(i) for i in range(2, 10)])):
        assert parse_c_rates(bad) is None, bad
    panel.c_rates_edit.setText("0.5, 5")
    assert panel._rates == (0.5, 5.0)
    panel.c_rates_edit.setText("0.5, .")  # half typed: keeps the last good rates and says so
    assert panel._rates == (0.5, 5.0)
    assert "border" in panel.c_rates_edit.styleSheet()
    validator = panel.c_rates_edit.validator()
    assert validator.validate("1, a", 4)[0].name == "Invalid"


@pytest.mark.parametrize("tab", range(len(TABS)))
def test_exports_write_non_empty_files(panel: PlotsPanel, tmp_path: Path, tab: int) -> None:
    panel.tabs.setCurrentIndex(tab)
    for kind in ("png", "svg", "csv"):
        path = tmp_path / f"plot.{kind}"
        getattr(panel, f"export_{kind}")(path)
        assert path.stat().st_size > 100, kind
    assert (tmp_path / "plot.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "plot.svg").read_bytes()[:2000]
    with (tmp_path / "plot.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) == {"plot", "series", "x_quantity", "x", "y_quantity", "y"}
    assert all(row["y"] and math.isfinite(float(row["y"])) for row in rows)
    assert all("µ" not in row["x_quantity"] + row["y_quantity"] for row in rows)  # ASCII units


def test_series_csv_long_format(tmp_path: Path) -> None:
    axes = Axes("Discharge", "Capacity (mAh)", "Voltage (V)")
    write_series_csv(tmp_path / "c.csv", [Series(axes, "1C", [0.0, 1.0], [4.2, 3.6])])
    lines = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "plot,series,x_quantity,x,y_quantity,y",
        "Discharge,1C,Capacity (mAh),0.0,Voltage (V),4.2",
        "Discharge,1C,Capacity (mAh),1.0,Voltage (V),3.6",
    ]


def test_discharge_api_needs_all_three_functions() -> None:
    api = plot_parts.discharge_api()
    if api is not None:
        assert all(callable(getattr(api, name)) for name in plot_parts.DISCHARGE_FUNCTIONS)


def test_the_rate_axis_holds_the_computed_rates_and_nothing_more(panel: PlotsPanel) -> None:
    panel.tabs.setCurrentIndex(1)
    panel.refresh_now()
    plot = panel._pages[1].plots[0]
    low, high = plot.vb.state["viewRange"][0]
    rates = [x for s in panel.current_series() for x in s.x]
    assert low <= np.log10(min(rates)) and np.log10(max(rates)) <= high
    assert 10**high <= 2 * max(rates) and 10**low >= min(rates) / 2  # not 1e7 C
    shown = [label for value, label in plot.getAxis("bottom")._tickLevels[0] if low <= value <= high]
    assert 2 <= len(shown) <= 6  # decade labels, readable


def test_a_discharge_that_cannot_start_is_said_not_drawn(panel: PlotsPanel) -> None:
    panel.c_rates_edit.setText("1, 100")
    panel.tabs.setCurrentIndex(0)
    panel.refresh_now()
    note = panel._pages[0].note.text()
    assert "100C: cannot start — initial drop below the cut-off" in note
    assert [s.name for s in panel.current_series()] == ["1C"]
    low, _high = panel._pages[0].plots[0].vb.state["viewRange"][1]
    assert low >= -0.05  # no negative voltages (padding aside)


def test_the_end_reason_is_the_cores(panel: PlotsPanel, document: Document) -> None:
    from cellstack.core.discharge import simulate_discharge

    panel.c_rates_edit.setText("1")
    panel.tabs.setCurrentIndex(0)
    panel.refresh_now()
    curve = simulate_discharge(document.stack, document.library.interfaces, 1.0)
    assert f"1C: {curve.end_reason}" in panel._pages[0].note.text()


def test_legends_sit_in_the_emptiest_corner(panel: PlotsPanel) -> None:
    panel.tabs.setCurrentIndex(0)
    panel.refresh_now()
    page = panel._pages[0]
    corner = emptiest_corner(page.plots[0], page.series)
    assert tuple(page.plots[0].legend.opts["offset"]) == LEGEND_OFFSETS[corner]
    # Discharge curves fall from top left to bottom right: the legend avoids the top left.
    assert corner != "top left"


@pytest.mark.parametrize("tab", [3, 4])
def test_bar_plots_fit_the_width_of_their_view(qtbot, panel: PlotsPanel, tab: int) -> None:  # type: ignore[no-untyped-def]
    panel.resize(620, 320)
    panel.tabs.setCurrentIndex(tab)
    panel.refresh_now()
    qtbot.wait(10)
    page = panel._pages[tab]
    view = page.view
    assert page.view.ci.geometry().width() <= view.width() + 1  # nothing is cut off on the right
    for plot in page.plots:
        assert plot.geometry().right() <= view.width()


def test_c_rates_take_exponents_and_say_why_they_are_refused(qtbot, panel: PlotsPanel) -> None:  # type: ignore[no-untyped-def]
    panel.c_rates_edit.clear()
    qtbot.keyClicks(panel.c_rates_edit, "1e-1, 2")
    assert panel.c_rates_edit.text() == "1e-1, 2"  # no keystroke dropped
    assert panel._rates == (0.1, 2.0)
    panel.c_rates_edit.setText("-1")
    assert "C-rates: -1 refused" in panel.c_rates_edit.toolTip()
    assert "(0, 100] C" in panel.c_rates_edit.toolTip()


def test_the_curves_of_a_cell_of_several_units_say_they_are_one_units(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    from cellstack.io.project import load_project

    from .conftest import EXAMPLES

    pouch = Document(library, load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library))
    units = pouch.cell_metrics.units
    assert units == 10  # the cell is rated at ten times what its stack's curves deliver
    widget = PlotsPanel(pouch)
    qtbot.addWidget(widget)
    widget.resize(760, 460)
    widget.show()
    qtbot.waitExposed(widget)
    for tab in (0, 1):  # Discharge, Rate capability
        widget.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda: bool(widget.current_series()))
        assert widget.tabs.currentWidget().plots[0].titleLabel.text.endswith("°C, one unit of 10")


def test_a_planar_stack_s_curves_are_the_cell_s(qtbot, panel: PlotsPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(panel.current_series()))
    assert panel.tabs.currentWidget().plots[0].titleLabel.text.endswith("°C")
