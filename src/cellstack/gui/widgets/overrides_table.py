"""Per-layer overrides of material properties, with the library value and its source beside each."""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import MAX_MEASUREMENT_K, MIN_MEASUREMENT_K, Layer
from cellstack.core.sourced import Sourced, user_value
from cellstack.gui.document import Document
from cellstack.io.material_records import PROPERTY_SPECS, PropertySpec

_LABELS = {
    "density": "Density",
    "capacity_theoretical": "Theoretical capacity",
    "capacity_practical": "Practical capacity",
    "voltage_average": "Average voltage",
    "voltage_cutoff_low": "Lower cut-off",
    "voltage_cutoff_high": "Upper cut-off",
    "c_max": "Max. Li concentration",
    "diffusivity": "Li diffusivity",
    "ionic_conductivity": "Ionic conductivity",
    "activation_energy": "Activation energy",
    "electronic_conductivity": "Electronic conductivity",
    "stability_window_low": "Stability window, low",
    "stability_window_high": "Stability window, high",
    "volume_change": "Volume change",
    "reported_volumetric_capacity": "Reported capacity per µm",
}
_SHOWN = [s for s in PROPERTY_SPECS if s.key != "reported_volumetric_capacity"]


def _shown_value(value: Sourced | None, spec: PropertySpec) -> str:
    if value is None:
        return "—"
    text = f"{value.value / spec.factor:.4g} {spec.unit}"
    return text + (" (estimate)" if value.is_estimate else "")


def _counted_at_K(layer: Layer) -> float:
    """Where the layer's ionic conductivity counts as measured: the override's own temperature,
    else the library record's, else 25 °C (what the resistance model starts the Arrhenius law at)."""
    return layer.effective_material.properties.conductivity_temperature_K or u.ROOM_TEMPERATURE


def _measured_at_K(celsius: float) -> float | None:
    """The temperature the box shows, in kelvin, or None outside the allowed range.

    The range is checked in °C, as the user sees it: −100 °C is 173.149999… K in floating point,
    a hair below the model's 173.15 K limit, so a value inside the °C range is held to the
    kelvin limits instead of being refused.
    """
    low, high = u.kelvin_to_celsius(MIN_MEASUREMENT_K), u.kelvin_to_celsius(MAX_MEASUREMENT_K)
    if not (math.isfinite(celsius) and round(low, 6) <= celsius <= round(high, 6)):
        return None
    return min(max(u.celsius_to_kelvin(celsius), MIN_MEASUREMENT_K), MAX_MEASUREMENT_K)


def _conductivity_note(layer: Layer | None) -> str:
    """At which temperature an overriding conductivity counts (the Arrhenius law starts there)."""
    if layer is None:
        return ""
    celsius = u.kelvin_to_celsius(_counted_at_K(layer))
    if layer.conductivity_temperature_K is not None:
        return (
            f"Your value was measured at {celsius:g} °C; the activation energy carries it to the "
            "stack's temperature. A new value counts as measured at the library value's temperature."
        )
    return (
        f"A value typed here counts as measured at {celsius:g} °C, the "
        "temperature of the library value, unless you say where it was measured (below the "
        "table); the activation energy carries it to the stack's temperature."
    )


class OverridesTable(QGroupBox):
    edited = Signal(object, str, object)  # new layer, undo text, merge field

    def __init__(self, document: Document) -> None:
        super().__init__("Material properties (library value, your override)")
        self.setObjectName("overridesTable")
        self.document = document
        self._layer: Layer | None = None
        self.table = QTableWidget(len(_SHOWN), 4)
        self.table.setObjectName("propertiesTable")
        self.table.setHorizontalHeaderLabels(["Property", "Library", "Override", ""])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(2, 110)
        self.edits: dict[str, QLineEdit] = {}
        for row, spec in enumerate(_SHOWN):
            self.table.setItem(row, 0, QTableWidgetItem(f"{_LABELS[spec.key]} ({spec.unit})"))
            self.table.setItem(row, 1, QTableWidgetItem("—"))
            edit = QLineEdit()
            edit.setObjectName(f"override_{spec.key}")
            edit.setPlaceholderText("library")
            edit.editingFinished.connect(lambda s=spec, e=edit: self._commit(s, e.text()))
            self.table.setCellWidget(row, 2, edit)
            reset = QPushButton("Reset")
            reset.setObjectName(f"reset_{spec.key}")
            reset.clicked.connect(lambda _=False, s=spec: self._reset(s))
            self.table.setCellWidget(row, 3, reset)
            self.edits[spec.key] = edit
        self.table.setMinimumHeight(220)
        box = QVBoxLayout(self)
        box.addWidget(self.table)
        box.addLayout(self._measured_at_row())

    def _measured_at_row(self) -> QHBoxLayout:
        # Where the user's own conductivity was measured: the Arrhenius law starts there.
        self.measured_at = QDoubleSpinBox()
        self.measured_at.setObjectName("conductivityMeasuredAt")
        # The limits as the user reads them (−100.0 to 1000.0 °C), not their kelvin rounding.
        self.measured_at.setRange(
            round(u.kelvin_to_celsius(MIN_MEASUREMENT_K), 1), round(u.kelvin_to_celsius(MAX_MEASUREMENT_K), 1)
        )
        self.measured_at.setDecimals(1)
        self.measured_at.setSuffix(" °C")
        self.measured_at.setKeyboardTracking(False)  # typing "60" must not apply 6 °C first
        self.measured_at.valueChanged.connect(self._measured_at_changed)
        label = QLabel("Your ionic conductivity was measured at")
        label.setBuddy(self.measured_at)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.measured_at)
        row.addStretch(1)
        return row

    def _measured_at_changed(self, celsius: float) -> None:
        layer = self._layer
        value = dict(layer.overrides).get("ionic_conductivity_S_m") if layer is not None else None
        if layer is None or value is None:
            return
        kelvin = _measured_at_K(celsius)
        if kelvin is None:  # out of the box's own range (typed text the box did not clamp)
            low, high = self.measured_at.minimum(), self.measured_at.maximum()
            self.measured_at.setToolTip(
                f"Measured at = {celsius:g} °C is not allowed; expected {low:g} to {high:g} °C"
            )
            return
        if layer.conductivity_temperature_K is not None and math.isclose(
            layer.conductivity_temperature_K, kelvin
        ):
            return
        try:
            changed = layer.with_override("ionic_conductivity_S_m", value, measured_at_K=kelvin)
        except InputError as exc:
            self.measured_at.setToolTip(exc.one_line())
            return
        self.edited.emit(changed, "Set where the conductivity was measured", None)

    def set_layer(self, layer: Layer | None) -> None:
        self._layer = layer
        self.setEnabled(layer is not None)
        references = self.document.library.references
        overrides = dict(layer.overrides) if layer is not None else {}
        note = _conductivity_note(layer)
        for row, spec in enumerate(_SHOWN):
            library_value = getattr(layer.material.properties, spec.field) if layer is not None else None
            item = self.table.item(row, 1)
            assert item is not None  # created in __init__
            item.setText(_shown_value(library_value, spec))
            if library_value is not None:
                ref = references.get(library_value.source)
                item.setToolTip(
                    f"[{library_value.source}] {ref.text if ref else ''}"
                    + (f"\n{library_value.note}" if library_value.note else "")
                )
            override = overrides.get(spec.field)
            edit = self.edits[spec.key]
            edit.blockSignals(True)
            edit.setText(f"{override.value / spec.factor:.6g}" if override is not None else "")
            style = "font-weight: bold" if override is not None else ""
            if edit.styleSheet() != style:  # setting a style sheet re-polishes the widget
                edit.setStyleSheet(style)
            if spec.key == "ionic_conductivity":
                edit.setToolTip(note)
            edit.blockSignals(False)
        self._show_measured_at(layer, note)

    def _show_measured_at(self, layer: Layer | None, note: str) -> None:
        own = dict(layer.overrides).get("ionic_conductivity_S_m") if layer is not None else None
        self.measured_at.setEnabled(own is not None)
        self.measured_at.setToolTip(note if own is not None else "Override the ionic conductivity first.")
        if layer is None:
            return
        with QSignalBlocker(self.measured_at):
            self.measured_at.setValue(u.kelvin_to_celsius(_counted_at_K(layer)))

    def _commit(self, spec: PropertySpec, text: str) -> None:
        layer = self._layer
        if layer is None:
            return
        text = text.strip()
        current = dict(layer.overrides).get(spec.field)
        if not text:
            if current is not None:
                self._reset(spec)
            return
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            self.edits[spec.key].setStyleSheet("color: #c0392b")
            self.edits[spec.key].setToolTip(f"{_LABELS[spec.key]}: “{text}” is not a number ({spec.unit})")
            return
        low_ok = value > spec.low if spec.positive else value >= spec.low
        if not (math.isfinite(value) and low_ok and value <= spec.high):
            bound = ">" if spec.positive else ">="
            self.edits[spec.key].setStyleSheet("color: #c0392b")
            self.edits[spec.key].setToolTip(
                # What the user typed, not its float: "1e999" would otherwise come back as "inf".
                f"{_LABELS[spec.key]} = {text} is not allowed; expected {bound} {spec.low:g} and "
                f"<= {spec.high:g} {spec.unit}"
            )
            return
        if current is not None and math.isclose(current.value, value * spec.factor):
            return
        try:
            changed = layer.with_override(spec.field, user_value(value * spec.factor))
        except InputError as exc:
            self.edits[spec.key].setStyleSheet("color: #c0392b")
            self.edits[spec.key].setToolTip(exc.one_line())
            return
        self.edited.emit(changed, f"Override {_LABELS[spec.key].lower()}", None)

    def _reset(self, spec: PropertySpec) -> None:
        layer = self._layer
        if layer is None or spec.field not in dict(layer.overrides):
            return
        self.edited.emit(layer.with_override(spec.field, None), f"Reset {_LABELS[spec.key].lower()}", None)
