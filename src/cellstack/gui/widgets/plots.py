"""Plots of the open stack: discharge curves, rate capability, Ragone, resistance, mass, thickness."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph.exporters
from PySide6.QtCore import QRegularExpression, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.stack import MAX_TEMPERATURE_K, MIN_TEMPERATURE_K
from cellstack.gui import display_units, formatting, theme
from cellstack.gui.document import Document
from cellstack.gui.status import show_status
from cellstack.gui.widgets.axis_ranges import rate_axis_range, sticky_ceiling, sticky_limits
from cellstack.gui.widgets.breakdown_plot import draw_breakdown
from cellstack.gui.widgets.mass_plot import draw_mass
from cellstack.gui.widgets.number_spin import NumberSpin
from cellstack.gui.widgets.plot_parts import (
    CURVE_COLOURS,
    KIND_ROLE,
    LOG_TICKS,
    MAX_C_RATES,
    OCV_ONLY,
    SWEEP_C_RATES,
    Axes,
    PlotPage,
    Row,
    Series,
    add_tab,
    discharge_api,
    end_text,
    ocv_curve,
    parse_c_rates,
    short_number,
    started,
    write_series_csv,
)
from cellstack.gui.widgets.svg_render import render_svg
from cellstack.io.project_compute import interface_table, series_asr_ohm_m2


class PlotsPanel(QWidget):
    """Tabs of plots that follow the document; each tab is drawn only while it is shown."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plotsPanel")
        self._document = document
        self._api = discharge_api()
        self._gesture = 0  # increments when an edit of a control ends: the next is a new undo step
        self._volts_shown: tuple[float, float] | None = None  # the discharge plot's voltage axis
        self._pages: list[PlotPage] = []
        self._draws: list[Callable[[PlotPage], None]] = []
        self.discharge_overlays: list[Callable[[PlotPage, Axes], None]] = []  # e.g. measured data
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._controls())
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("plotsTabs")
        layout.addWidget(self.tabs)
        for title, plots, draw in (
            ("Discharge", 1, self._draw_discharge),
            ("Rate capability", 1, self._draw_rate),
            ("Ragone", 1, self._draw_ragone),
            ("Resistance", 1 if self._api is None else 2, self._draw_resistance),
            ("Mass & thickness", 2, self._draw_mass),  # side by side; the resistance plots stack
            ("Cell breakdown", 2, self._draw_breakdown),
        ):
            across = title.startswith(("Mass", "Cell"))
            self._pages.append(add_tab(self.tabs, PlotPage(title, plots, across=across, heavy=not across)))
            self._pages[-1].widthChanged.connect(self._timer.start)
            self._draws.append(draw)
        self.tabs.currentChanged.connect(lambda _index: self._timer.start(0))
        document.stackChanged.connect(self._on_stack_changed)
        # A bound method, not a lambda: Qt drops the connection when the panel is deleted.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._invalidate)
        display_units.units_changed().connect(self._invalidate)  # the capacity axes follow the Preferences

    # -- construction ----------------------------------------------------------------------------
    def _controls(self) -> QHBoxLayout:
        simulation = self._document.project.simulation
        self.c_rates_edit = QLineEdit(", ".join(f"{r:g}" for r in simulation.c_rates))
        self.c_rates_edit.setObjectName("cRatesEdit")
        self._rates_tooltip = (
            f"C-rates of the discharge curves, up to {MAX_C_RATES}: 0.1, 1, 2 (saved with the design)"
        )
        self.c_rates_edit.setToolTip(self._rates_tooltip)
        # Digits, exponents and separators: a keystroke dropped here turned "1e-1" into "11".
        pattern = QRegularExpression(r"^[0-9.,;eE+\-\s]*$")  # parse_c_rates checks the numbers
        self.c_rates_edit.setValidator(QRegularExpressionValidator(pattern, self.c_rates_edit))
        self.c_rates_edit.textChanged.connect(self._on_rates)
        self.c_rates_edit.editingFinished.connect(self._end_gesture)
        low, high = u.kelvin_to_celsius(MIN_TEMPERATURE_K), u.kelvin_to_celsius(MAX_TEMPERATURE_K)
        self.temperature_spin = self._spin("Temperature", low, high, 1.0, " °C")
        self.temperature_spin.setValue(u.kelvin_to_celsius(self._document.stack.temperature_K))
        self.temperature_spin.setToolTip(
            "The design's temperature: every number, the ASR, the curves and the report follow it"
        )
        self.temperature_spin.valueChanged.connect(self._on_temperature)
        self.cutoff_spin = self._spin("Cut-off", 0.0, 5.0, 0.05, " V")
        self.cutoff_spin.setSpecialValueText("material default")  # shown at 0
        self.cutoff_spin.setValue(simulation.discharge_cutoff_V or 0.0)
        self.cutoff_spin.setToolTip("Lower cut-off voltage of the discharge model (0: the materials')")
        self.cutoff_spin.valueChanged.connect(self._on_cutoff)
        row = QHBoxLayout()
        row.setSpacing(8)
        for text, widget in (("C-&rates", self.c_rates_edit), ("&Temperature", self.temperature_spin),
                             ("C&ut-off", self.cutoff_spin)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            label.setMinimumWidth(label.sizeHint().width())  # never clipped ("Temperatur")
            row.addWidget(label)
            row.addWidget(widget, 2 if widget is self.c_rates_edit else 1)
        return row

    def _spin(self, field: str, low: float, high: float, step: float, suffix: str) -> NumberSpin:
        spin = NumberSpin(field)  # computes on Enter: typing "45" must not compute at 4 °C first
        spin.setObjectName(field.lower().replace("-", "") + "Spin")
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setSuffix(suffix)
        spin.editingFinished.connect(self._end_gesture)
        return spin

    # -- state -----------------------------------------------------------------------------------
    @property
    def _rates(self) -> tuple[float, ...]:
        return self._document.project.simulation.c_rates

    def _end_gesture(self) -> None:
        self._gesture += 1

    def _on_rates(self, text: str) -> None:
        rates = parse_c_rates(text)
        self.c_rates_edit.setStyleSheet("" if rates else "QLineEdit { border: 1px solid #d32f2f; }")
        refusal = (
            f"C-rates: {text.strip() or 'none'} refused: up to {MAX_C_RATES} rates in (0, 100] C, 0.1, 1, 2"
        )
        self.c_rates_edit.setToolTip(self._rates_tooltip if rates else refusal)
        if rates and rates != self._rates:
            self._set_simulation("Change C-rates", "c-rates", c_rates=rates)

    def _on_temperature(self, celsius: float) -> None:
        # Clamped: -100 °C + 273.15 rounds below the model's limit.
        kelvin = min(max(u.celsius_to_kelvin(celsius), MIN_TEMPERATURE_K), MAX_TEMPERATURE_K)
        self._document.set_temperature(kelvin, merge_key=f"temperature:{self._gesture}")

    def _on_cutoff(self, volts: float) -> None:
        self._set_simulation("Change cut-off", "cut-off", discharge_cutoff_V=volts or None)

    def _set_simulation(self, text: str, key: str, **changes: Any) -> None:
        document = self._document
        try:
            simulation = replace(document.project.simulation, **changes)
        except InputError as exc:
            show_status(self, exc.one_line())
            self._on_stack_changed()  # the controls show what the design holds
            return
        document.set_simulation(simulation, text, merge_key=f"{key}:{self._gesture}")

    def _on_stack_changed(self) -> None:
        """The controls follow the design: an undo moves them back with it."""
        project = self._document.project
        celsius = u.kelvin_to_celsius(project.stack.temperature_K)
        if abs(self.temperature_spin.value() - celsius) > 1e-9:
            with QSignalBlocker(self.temperature_spin):
                self.temperature_spin.setValue(celsius)
        cutoff = project.simulation.discharge_cutoff_V or 0.0
        if self.cutoff_spin.value() != cutoff:
            with QSignalBlocker(self.cutoff_spin):
                self.cutoff_spin.setValue(cutoff)
        if parse_c_rates(self.c_rates_edit.text()) != tuple(sorted(self._rates)):
            with QSignalBlocker(self.c_rates_edit):
                self.c_rates_edit.setText(", ".join(f"{r:g}" for r in self._rates))
                self.c_rates_edit.setStyleSheet("")
        self._invalidate()

    def _invalidate(self, *_signal_args: object, heavy_only: bool = False) -> None:
        for page in self._pages:
            page.dirty = page.dirty or page.heavy or not heavy_only
        self._timer.start(0)  # restarting coalesces a burst of edits into one redraw

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start(0)

    def _refresh(self) -> None:
        # Only the tab in view is drawn: hidden tabs wait until they are shown, so a drag over a
        # thickness spin box costs one tab's redraw per event-loop turn, not five.
        if self._pages[self.tabs.currentIndex()].dirty and self.isVisible():
            self.refresh_now()

    def refresh_now(self) -> None:
        """Redraw the current tab at once (exports and tests use it)."""
        page = self._pages[self.tabs.currentIndex()]
        page.begin()
        if not self._document.metrics.valid:
            errors = [f.message for f in self._document.metrics.findings if f.severity.value == "error"]
            page.set_note(f"Nothing to plot: {errors[0] if errors else 'the stack is invalid'}")
        self._draws[self.tabs.currentIndex()](page)  # titles and axes even with nothing to draw
        page.finish()

    def current_series(self) -> list[Series]:
        return list(self._pages[self.tabs.currentIndex()].series)

    # -- drawing helpers -------------------------------------------------------------------------
    def _run(self, page: PlotPage, function: str, rates: Any) -> Any:
        """A discharge-model function at the controls' temperature and cut-off, or None (with a
        note) when the model is missing or cannot run on this stack."""
        if self._api is None or not self._document.metrics.valid:
            return None
        # One design, one set of settings: the stack's temperature, the design's cut-off.
        project, stack = self._document.project, self._document.stack
        settings = {"temperature_K": stack.temperature_K, "cutoff_V": project.simulation.discharge_cutoff_V}
        try:
            call = getattr(self._api, function)
            interfaces = interface_table(project, self._document.library)
            return call(stack, interfaces, rates, series_asr_ohm_m2=series_asr_ohm_m2(project), **settings)
        except (ValueError, ArithmeticError) as error:  # InputError is a ValueError
            page.set_note(f"The discharge model cannot run on this stack: {error}")
            return None

    def _of_one_unit(self) -> str:
        """The curves are the stack's, which in a cell of several units is one of them: a pouch
        of 10 units rated 1253 mAh drew curves ending at 125 mAh under an unqualified title."""
        units = self._document.cell_metrics.units
        return f", one unit of {units}" if units > 1 else ""  # short: a title is elided to its plot

    # -- tabs ------------------------------------------------------------------------------------
    def _draw_discharge(self, page: PlotPage) -> None:
        plot, units = page.plots[0], display_units.units_shown()
        axes = Axes("Discharge", f"Capacity ({units.capacity})", "Voltage (V)")
        celsius = u.kelvin_to_celsius(self._document.stack.temperature_K)
        page.set_axes(plot, axes, f"Discharge curves at {celsius:g} °C{self._of_one_unit()}")
        if self._api is None:
            curve = ocv_curve(self._document.stack, self._document.metrics)
            if curve is not None:
                page.set_note(OCV_ONLY)
                page.line(axes, "open circuit", curve[0] * u.MAH / units.capacity_factor, curve[1])
            return
        approximate, ends = False, []
        if (results := self._run(page, "discharge_curves", self._rates)) is None:
            return
        for rate, result in zip(self._rates, results, strict=True):
            approximate = approximate or bool(result.approximate_ocp)
            ends.append(f"{rate:g}C: {end_text(result)}")
            if not started(result):
                continue  # a single point, often at a negative voltage: said in the note instead
            capacity = np.asarray(result.capacity_C) / units.capacity_factor
            page.line(axes, f"{rate:g}C", capacity, result.voltage_V)
        for overlay in self.discharge_overlays:
            overlay(page, axes)
        if page.series:
            highest = max(float(np.max(np.asarray(series.x, dtype=float))) for series in page.series)
            # Below 0 V a cell is not discharging: the axis never shows that range.
            volts = np.clip(np.concatenate([np.asarray(s.y, dtype=float) for s in page.series]), 0.0, None)
            shown = float(plot.vb.state["targetRange"][0][1]) if not any(plot.vb.state["autoRange"]) else 0.0
            page.set_range(plot, x=(0.0, sticky_ceiling(highest * 1.02, shown)))
            # Whole 0.1 V, with a tolerance (a curve ending at 2.9999999 V on a 3.0 V cut-off
            # keeps 3.0), and held while a drag moves the curves' ends by less than a step.
            self._volts_shown = sticky_limits(float(volts.min()), float(volts.max()), self._volts_shown)
            page.set_range(plot, y=self._volts_shown, padding=0.02)
        fit = "An electrode has no published OCP fit: the curves use an approximate one. "
        page.set_note(f"{fit if approximate else ''}Ends: {'; '.join(ends)}.")

    def _draw_rate(self, page: PlotPage) -> None:
        plot, units = page.plots[0], display_units.units_shown()
        axes = Axes("Rate capability", "C-rate", f"Delivered capacity ({units.capacity})")
        plot.setLogMode(x=True, y=False)
        plot.getAxis("bottom").setTicks(LOG_TICKS)
        celsius = u.kelvin_to_celsius(self._document.stack.temperature_K)
        page.set_axes(plot, axes, f"Rate capability at {celsius:g} °C{self._of_one_unit()}")
        rates = sorted(set(SWEEP_C_RATES) | set(self._rates))
        if (result := self._run(page, "rate_capability", rates)) is not None:
            capacity = np.asarray(result.capacity_C) / units.capacity_factor
            page.line(axes, "delivered", result.c_rate, capacity, symbol="o", symbolSize=6)
        elif self._api is None:
            page.set_note(f"{OCV_ONLY} The dashed line is the open-circuit capacity, an upper bound.")
        if (rated := self._document.metrics.capacity_C) is not None:  # what 1C delivers in an hour
            x, y = [rates[0], rates[-1]], [rated / units.capacity_factor] * 2
            page.line(axes, "rated (open circuit)", x, y, style=Qt.PenStyle.DashLine)
        top = max((max(s.y, default=0.0) for s in page.series), default=0.0) * 1.15 or 1.0
        # The rates computed and nothing more (on a log axis, as the PDF's): left to itself the
        # view ran to 1e7 C and the decade labels piled into a smear.
        page.set_range(plot, x=rate_axis_range(rates), y=(0.0, top))

    def _draw_ragone(self, page: PlotPage) -> None:
        plot, axes = page.plots[0], Axes("Ragone", "Specific power (W/kg)", "Specific energy (Wh/kg)")
        plot.setLogMode(x=True, y=True)
        plot.getAxis("bottom").setTicks(LOG_TICKS)
        plot.getAxis("left").setTicks(LOG_TICKS)
        page.set_axes(plot, axes, "Ragone: full stack (all layers, extra mass) and electrode pair")
        if (result := self._run(page, "ragone", sorted(set(SWEEP_C_RATES) | set(self._rates)))) is not None:
            for name, power, energy in (
                ("full stack", result.specific_power_W_kg, result.specific_energy_J_kg),
                ("electrode pair", result.pair_specific_power_W_kg, result.pair_specific_energy_J_kg),
            ):
                wh_kg = np.asarray(energy) / u.WH_PER_KG
                page.line(axes, name, power, wh_kg, symbol="o", symbolSize=5)
            return
        full, power = self._document.metrics.full_stack, self._document.metrics.max_power_W
        if self._api is None and full.specific_energy_J_kg is not None and power is not None:
            page.set_note(f"{OCV_ONLY} One point: at the matched-load power bound V²/(4·ASR).")
            x, y = [power / full.mass_kg], [full.specific_energy_J_kg / u.WH_PER_KG]
            page.line(axes, "open circuit, power bound", x, y, symbol="o", symbolSize=10)
            # A decade each way: a log axis over less than a decade labels every minor tick.
            page.set_range(plot, x=(np.log10(x[0]) - 1, np.log10(x[0]) + 1), padding=0.02)
            page.set_range(plot, y=(np.log10(y[0]) - 1, np.log10(y[0]) + 1), padding=0.02)

    def _draw_resistance(self, page: PlotPage) -> None:
        metrics, stack = self._document.metrics, self._document.stack
        axes, total = Axes("ASR", "ASR (Ω·cm²)", ""), metrics.asr_total_ohm_m2
        text = formatting.with_unit(total / u.OHM_CM2 if total is not None else None, "Ω·cm²", 3)
        celsius = u.kelvin_to_celsius(stack.temperature_K)
        page.set_axes(page.plots[0], axes, f"ASR at {celsius:g} °C: total {text} (hatched: estimate)")
        rows: list[Row] = []
        for entry in metrics.asr:
            index = entry.layer_index
            role = stack.layers[index].role if index is not None else KIND_ROLE.get(entry.kind)
            colour = theme.role_colour(role) if role else QColor("#7570b3")
            # Library names carry details in brackets; the bar keeps the names and says the kind.
            name = re.sub(r" \([^)]*\)", "", entry.name)
            name = name if entry.kind == "interface" else f"{name} ({entry.kind})"
            value = entry.ohm_m2 / u.OHM_CM2
            rows.append((name, value, colour, entry.quality.value == "estimate", short_number(value)))
        page.bars(page.plots[0], axes, rows)
        if self._api is None:  # then the page has one plot
            page.set_note("The overpotential breakdown needs the discharge model (not available yet).")
            return
        axes = Axes("Overpotentials", "Overpotential (mV)", "")
        page.set_axes(page.plots[1], axes, "Overpotentials at the end of a 1C discharge")
        if (result := self._run(page, "simulate_discharge", 1.0)) is not None:
            page.set_axes(page.plots[1], axes, f"Overpotentials at the end of 1C: {end_text(result)}")
            hues = CURVE_COLOURS[theme.is_dark()]
            ends = [(name, float(np.asarray(v)[-1]) * 1e3) for name, v in result.overpotentials.items()]
            bars = [(n, abs(v), QColor(hues[i % 8]), False, short_number(v)) for i, (n, v) in enumerate(ends)]
            page.bars(page.plots[1], axes, bars)

    def _draw_mass(self, page: PlotPage) -> None:
        draw_mass(page, self._document.metrics)

    def _draw_breakdown(self, page: PlotPage) -> None:
        draw_breakdown(page, self._document.cell_metrics, self._document.metrics)

    # -- export ----------------------------------------------------------------------------------
    def _export_item(self) -> Any:
        self.refresh_now()
        return self._pages[self.tabs.currentIndex()].view.ci

    def export_png(self, path: str | Path) -> None:
        """Raises OSError when the image cannot be written (pyqtgraph ignores QImage.save's answer)."""
        exporter = pyqtgraph.exporters.ImageExporter(self._export_item())
        exporter.parameters()["width"] = max(int(exporter.parameters()["width"]), 1200)
        image = exporter.export(toBytes=True)
        if not image.save(str(path), "PNG"):
            raise OSError(f"the image could not be written to {path}")

    def export_svg(self, path: str | Path) -> None:
        try:
            pyqtgraph.exporters.SVGExporter(self._export_item()).export(str(path))
        except ValueError:
            # pyqtgraph 0.14.0 cannot parse the closed paths ("... Z") that Qt >= 6.10 writes
            # (pyqtgraph issue 3495): let Qt write the whole view instead.
            page = self._pages[self.tabs.currentIndex()]
            render_svg(page.view, path, f"CellStack: {page.title}")

    def export_csv(self, path: str | Path) -> None:
        """The current tab's data (see plot_parts.write_series_csv for the columns)."""
        self.refresh_now()
        write_series_csv(Path(path), self.current_series())
