"""The metrics panel: headline numbers with their level, the ASR bar and the findings."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cellstack.core import units as u
from cellstack.core.cell import CellMetrics
from cellstack.core.cell_power import cell_power_W
from cellstack.core.metrics import AsrEntry, Metrics, Severity
from cellstack.core.sourced import Quality
from cellstack.gui.display_units import THICKNESS_UNITS, units_changed, units_shown
from cellstack.gui.document import Document
from cellstack.gui.formatting import with_unit
from cellstack.gui.widgets.cell_levels import LevelsGrid
from cellstack.gui.widgets.uncertainty_box import UncertaintyBox
from cellstack.gui.widgets.value_field import ValueField
from cellstack.io.exact_units import si_to_scaled

_ASR_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
_SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


class AsrBar(QWidget):
    """One horizontal bar split into the ledger's terms; estimates are drawn lighter."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("asrBar")
        self.entries: tuple[AsrEntry, ...] = ()
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)  # opaque: a new breakdown repaints the bar alone

    def sizeHint(self) -> QSize:
        return QSize(260, 22)

    def set_entries(self, entries: tuple[AsrEntry, ...]) -> None:
        self.entries = entries
        total = sum(e.ohm_m2 for e in entries)
        self.setToolTip(
            "<br>".join(
                f"{e.ohm_m2 / u.OHM_CM2:.3g} Ω·cm² ({100 * e.ohm_m2 / total:.0f} %) — {e.name}"
                + (" <i>(estimate)</i>" if e.quality is Quality.ESTIMATE else "")
                for e in entries
            )
            if total > 0
            else ""
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        total = sum(e.ohm_m2 for e in self.entries)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(rect)
        if total <= 0:
            return
        x = rect.left()
        for i, entry in enumerate(self.entries):
            width = rect.width() * entry.ohm_m2 / total
            colour = QColor(_ASR_COLOURS[i % len(_ASR_COLOURS)])
            if entry.quality is Quality.ESTIMATE:
                colour.setAlpha(110)
            painter.fillRect(QRectF(x, rect.top(), width, rect.height()), colour)
            x += width


class MetricsPanel(QWidget):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("metricsPanel")
        self.document = document
        self.values: dict[str, ValueField] = {}
        headline = QGroupBox("Cell")
        form = QFormLayout(headline)
        form.setVerticalSpacing(2)  # at 768 px the levels below then need less scrolling
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (
            ("capacity", "Capacity"),
            ("voltage", "Average voltage"),
            ("energy", "Energy"),
            ("np", "N/P ratio"),
            ("lithium", "Li excess / plated"),
            ("asr", "ASR total"),
            ("power", "Max power (V²/4R)"),
        ):
            self.values[key] = self._value_label(key)
            form.addRow(label, self.values[key])
        self.asr_bar = AsrBar()
        form.addRow("", self.asr_bar)

        self.levels = LevelsGrid()
        self.values.update(self.levels.values)

        self.findings = QTextBrowser()
        self.findings.setObjectName("findingsList")
        self.findings.setOpenLinks(False)
        self._finding_rows: list[tuple[str, str]] = []
        self._findings_html = ""
        findings_box = QGroupBox("Findings")
        QVBoxLayout(findings_box).addWidget(self.findings)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(headline)
        layout.addWidget(self.levels)
        self.uncertainty = UncertaintyBox(document)  # hidden while the design carries no uncertainties
        layout.addWidget(self.uncertainty)
        layout.addWidget(findings_box, 1)
        document.stackChanged.connect(self.refresh)
        units_changed().connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(440, 520)

    def _value_label(self, key: str) -> ValueField:
        return ValueField(f"metric_{key}")

    def text(self, key: str) -> str:
        return self.values[key].text()

    def refresh(self) -> None:
        m = self.document.metrics
        cell = self.document.cell_metrics
        self._headline(m, cell)
        self.levels.show_metrics(cell)
        self._findings(m)

    def _headline(self, m: Metrics, cell: CellMetrics) -> None:
        # The cell's capacity and energy (for a planar cell: the stack's own), per area the stack's.
        units = units_shown()
        self.values["capacity"].show_text(
            f"{with_unit(units.capacity_value(cell.capacity_C), units.capacity)}"
            f"  ({with_unit(_in_unit(m.cell_capacity_C_m2, u.MAH_PER_CM2), 'mAh/cm²')})"
        )
        voltage = m.voltage
        definition = ""
        if voltage is not None:
            definition = (
                " (OCV integral)" if voltage.definition.value == "ocv_integral" else " (material averages)"
            )
        self.values["voltage"].show_text(with_unit(cell.voltage_V, "V") + definition)
        self.values["energy"].show_text(with_unit(units.energy_value(cell.energy_J), units.energy))
        self.values["np"].show_text(with_unit(m.np_ratio, "", 3).strip())
        lithium = m.lithium_excess_m if m.lithium_excess_m is not None else m.plated_lithium_m
        prefix = "plated " if m.plated_lithium_m is not None else ""
        thickness = units.thickness if units.thickness in THICKNESS_UNITS else "µm"
        self.values["lithium"].show_text(
            prefix + with_unit(_in_unit(lithium, THICKNESS_UNITS[thickness]), thickness)
        )
        asr = m.asr_total_ohm_m2
        estimated = any(e.quality is Quality.ESTIMATE for e in m.asr)
        celsius = u.kelvin_to_celsius(self.document.stack.temperature_K)
        self.values["asr"].show_text(
            with_unit(asr / u.OHM_CM2 if asr is not None else None, "Ω·cm²")
            + f" at {celsius:g} °C"
            + (" (includes estimates)" if estimated else "")
        )
        power_unit, watts_per_unit = units.power_unit()
        power = cell_power_W(m, cell)
        self.values["power"].show_text(with_unit(_in_unit(power, watts_per_unit), power_unit))
        self.asr_bar.set_entries(m.asr)

    def _findings(self, m: Metrics) -> None:
        references = self.document.library.references
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        colours = {Severity.ERROR: "#c0392b", Severity.WARNING: "#b9770e", Severity.INFO: ""}
        rows = []
        self._finding_rows = []
        for finding in sorted(m.findings, key=lambda f: order[f.severity]):
            reference = references.get(finding.source)
            cite = ""
            if finding.source:
                title = html.escape(reference.text if reference is not None else finding.source, quote=True)
                cite = f' <small title="{title}">[{html.escape(finding.source)}]</small>'
            colour = colours[finding.severity]
            style = f' style="color:{colour}"' if colour else ""
            rows.append(
                f"<p{style}>{_SEVERITY_MARK[finding.severity]} {html.escape(finding.message)}{cite}</p>"
            )
            self._finding_rows.append((finding.message, finding.source))
        shown = "".join(rows) or "<p>No findings.</p>"
        if shown != self._findings_html:  # most edits keep the findings; re-laying them out is slow
            self._findings_html = shown
            self.findings.setHtml(shown)

    def finding_texts(self) -> list[tuple[str, str]]:
        """(message, source) of every finding shown."""
        return list(self._finding_rows)


def _in_unit(value: float | None, factor: float) -> float | None:
    """VALUE (SI) in the unit FACTOR names, or None: exact on the decimal shown."""
    return None if value is None else si_to_scaled(value, factor)
