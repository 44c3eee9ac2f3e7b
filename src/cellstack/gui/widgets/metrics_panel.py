"""The metrics panel: headline numbers with their level, the ASR bar and the findings."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cellstack.core import units as u
from cellstack.core.metrics import AsrEntry, Level, Metrics, Severity
from cellstack.core.sourced import Quality
from cellstack.gui.document import Document
from cellstack.gui.formatting import with_unit

_ASR_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
_SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}
LEVEL_NOTE = {
    Level.ELECTRODE_PAIR: "electrode pair",
    Level.CELL_STACK: "cell stack incl. collectors",
    Level.FULL_STACK: "full stack incl. substrate and packaging",
}


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


class ValueField(QLineEdit):
    """A value that reads like a label and can be selected and copied. Unlike a QLabel, a new
    text does not ask the window for a new layout: on a spin-box drag that halves a repaint."""

    def __init__(self, name: str) -> None:
        super().__init__("—")
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setFrame(False)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # The field fills its own background in the window colour (and so follows the colour
        # scheme): an opaque widget repaints alone, without the group box and dock beneath it.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
        self.setPalette(palette)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)
        self.setTextMargins(0, 0, 0, 0)

    def show_text(self, text: str) -> None:
        if text == self.text():
            return
        self.setText(text)
        self.setCursorPosition(0)  # a text wider than the field shows its start
        # A field only ever widens to its longest text so far: the panel is laid out again when a
        # value needs more room, not on every new value of a drag.
        needed = self.fontMetrics().horizontalAdvance(text) + 8
        if needed > self.minimumWidth():
            self.setMinimumWidth(needed)
        self.setToolTip(text if needed > self.width() else "")


class MetricsPanel(QWidget):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("metricsPanel")
        self.document = document
        self.values: dict[str, ValueField] = {}
        headline = QGroupBox("Cell")
        form = QFormLayout(headline)
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

        densities = QGroupBox("Energy density by level")
        density_form = QFormLayout(densities)
        for level in Level:
            self.values[level.value] = self._value_label(level.value)
            density_form.addRow(LEVEL_NOTE[level], self.values[level.value])
        self.values["mass"] = self._value_label("mass")
        density_form.addRow("Mass / thickness", self.values["mass"])

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
        layout.addWidget(densities)
        layout.addWidget(findings_box, 1)
        document.stackChanged.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(440, 520)

    def _value_label(self, key: str) -> ValueField:
        return ValueField(f"metric_{key}")

    def text(self, key: str) -> str:
        return self.values[key].text()

    def refresh(self) -> None:
        m = self.document.metrics
        self._headline(m)
        self._levels(m)
        self._findings(m)

    def _headline(self, m: Metrics) -> None:
        capacity = m.capacity_C
        areal = m.cell_capacity_C_m2
        self.values["capacity"].show_text(
            f"{with_unit(capacity / u.MAH if capacity is not None else None, 'mAh')}"
            f"  ({with_unit(areal / u.MAH_PER_CM2 if areal is not None else None, 'mAh/cm²')})"
        )
        voltage = m.voltage
        definition = ""
        if voltage is not None:
            definition = (
                " (OCV integral)" if voltage.definition.value == "ocv_integral" else " (material averages)"
            )
        self.values["voltage"].show_text(with_unit(m.average_voltage_V, "V") + definition)
        energy = m.energy_J
        self.values["energy"].show_text(with_unit(energy / u.MWH if energy is not None else None, "mWh"))
        self.values["np"].show_text(with_unit(m.np_ratio, "", 3).strip())
        lithium = m.lithium_excess_m if m.lithium_excess_m is not None else m.plated_lithium_m
        prefix = "plated " if m.plated_lithium_m is not None else ""
        self.values["lithium"].show_text(
            prefix + with_unit(lithium / u.UM if lithium is not None else None, "µm")
        )
        asr = m.asr_total_ohm_m2
        estimated = any(e.quality is Quality.ESTIMATE for e in m.asr)
        self.values["asr"].show_text(
            with_unit(asr / u.OHM_CM2 if asr is not None else None, "Ω·cm²")
            + (" (includes estimates)" if estimated else "")
        )
        power = m.max_power_W
        self.values["power"].show_text(with_unit(power * 1e3 if power is not None else None, "mW"))
        self.asr_bar.set_entries(m.asr)

    def _levels(self, m: Metrics) -> None:
        for level in Level:
            data = m.level(level)
            gravimetric = data.specific_energy_J_kg
            volumetric = data.energy_density_J_m3
            self.values[level.value].show_text(
                f"{with_unit(gravimetric / u.WH_PER_KG if gravimetric is not None else None, 'Wh/kg')}"
                f"   {with_unit(volumetric / u.WH_PER_L if volumetric is not None else None, 'Wh/L')}"
            )
        full = m.full_stack
        self.values["mass"].show_text(
            f"{with_unit(full.mass_kg * 1e6, 'mg')} / {with_unit(full.thickness_m / u.UM, 'µm')}"
        )

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
