"""A thickness spin box with a unit choice (nm, µm, mm) that reports metres."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from cellstack.core import units as u
from cellstack.core.layer import MAX_THICKNESS_M, MIN_THICKNESS_M
from cellstack.gui.display_units import units_changed, units_shown
from cellstack.gui.widgets.number_spin import NumberSpin
from cellstack.io.exact_units import scaled_to_si, si_to_scaled

UNITS = {"nm": u.NM, "µm": u.UM, "mm": u.MM}
ALLOWED_THICKNESS = "0.1 nm to 100 mm"


def best_unit(metres: float) -> str:
    """The unit of the Preferences, or where they leave it to the app the one that suits METRES."""
    preferred = units_shown().thickness
    if preferred in UNITS:
        return preferred
    if metres < 1e-6:
        return "nm"
    if metres < 1e-3:
        return "µm"
    return "mm"


class ThicknessEdit(QWidget):
    """Emits valueChanged(metres) while the user edits, editingFinished when a gesture ends and
    refused(message) when typed text is refused (the field then shows the thickness it had)."""

    valueChanged = Signal(float)
    editingFinished = Signal()
    refused = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.spin = NumberSpin("Thickness", round_steps=True)
        self.spin.setObjectName("thicknessSpin")
        self.spin.allowed = ALLOWED_THICKNESS
        self.unit = QComboBox()
        self.unit.setObjectName("thicknessUnit")
        self.unit.addItems(list(UNITS))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 1)
        layout.addWidget(self.unit)
        self.spin.valueChanged.connect(self._emit)
        self.spin.editingFinished.connect(self.editingFinished)
        self.spin.refused.connect(self.refused)
        self.unit.currentTextChanged.connect(self._unit_changed)
        self._metres = 1e-6
        self._set_unit_range("µm")
        units_changed().connect(self._follow_preferences)

    def metres(self) -> float:
        # Converted on the decimal the user sees, as project files are read: 1.6 µm is the metre
        # value a file holding 1.6 gives, and 1000 nm exactly the 1e-6 m limit.
        return scaled_to_si(self.spin.value(), UNITS[self.unit.currentText()])

    def set_metres(self, metres: float, *, keep_unit: bool = False) -> None:
        """Show a value without emitting (the model drives the widget). ``keep_unit`` keeps the
        unit the user chose: 0.001 µm typed stays 0.001 µm, not 1 nm in a unit box out of view."""
        self._metres = metres
        self.spin.blockSignals(True)
        self.unit.blockSignals(True)
        unit = self.unit.currentText() if keep_unit else best_unit(metres)
        self.unit.setCurrentText(unit)
        self._set_unit_range(unit)
        self.spin.setValue(si_to_scaled(metres, UNITS[unit]))
        self.unit.blockSignals(False)
        self.spin.blockSignals(False)

    def _set_unit_range(self, unit: str) -> None:
        low, high = si_to_scaled(MIN_THICKNESS_M, UNITS[unit]), si_to_scaled(MAX_THICKNESS_M, UNITS[unit])
        if (self.spin.minimum(), self.spin.maximum()) != (low, high):  # a new range re-lays out
            self.spin.unit = unit
            self.spin.setRange(low, high)

    def _emit(self) -> None:
        self._metres = self.metres()
        self.valueChanged.emit(self._metres)

    def _unit_changed(self, unit: str) -> None:
        # Changing the unit re-expresses the same thickness; it is not an edit.
        self.spin.blockSignals(True)
        self._set_unit_range(unit)
        self.spin.setValue(si_to_scaled(self._metres, UNITS[unit]))
        self.spin.blockSignals(False)

    def _follow_preferences(self) -> None:
        # A new unit in the Preferences shows at once; the thickness itself is not edited.
        self.set_metres(self._metres)
