"""A thickness spin box with a unit choice (nm, µm, mm) that reports metres."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QWidget

from cellstack.core import units as u

UNITS = {"nm": u.NM, "µm": u.UM, "mm": u.MM}
# Metres from the shown value by dividing by an exact power of ten: the typed decimal then maps to
# the nearest metre value (1000 nm is exactly 1e-6 m; times 1e-9 it would be 1.0000000000000002e-06
# and fail a limit the user sees as met).
PER_METRE = {"nm": 1e9, "µm": 1e6, "mm": 1e3}


def best_unit(metres: float) -> str:
    if metres < 1e-6:
        return "nm"
    if metres < 1e-3:
        return "µm"
    return "mm"


class ThicknessEdit(QWidget):
    """Emits valueChanged(metres) while the user edits, editingFinished when a gesture ends."""

    valueChanged = Signal(float)
    editingFinished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName("thicknessSpin")
        self.spin.setDecimals(3)
        self.spin.setRange(0.001, 99999.0)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccelerated(True)
        self.unit = QComboBox()
        self.unit.setObjectName("thicknessUnit")
        self.unit.addItems(list(UNITS))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 1)
        layout.addWidget(self.unit)
        self.spin.valueChanged.connect(self._emit)
        self.spin.editingFinished.connect(self.editingFinished)
        self.unit.currentTextChanged.connect(self._unit_changed)
        self._metres = 1e-6

    def metres(self) -> float:
        return self.spin.value() / PER_METRE[self.unit.currentText()]

    def set_metres(self, metres: float) -> None:
        """Show a value without emitting (the model drives the widget)."""
        self._metres = metres
        self.spin.blockSignals(True)
        self.unit.blockSignals(True)
        unit = best_unit(metres)
        self.unit.setCurrentText(unit)
        self.spin.setValue(metres / UNITS[unit])
        self.spin.setSingleStep(max(self.spin.value() / 20, 0.001))
        self.unit.blockSignals(False)
        self.spin.blockSignals(False)

    def _emit(self) -> None:
        self._metres = self.metres()
        self.valueChanged.emit(self._metres)

    def _unit_changed(self, unit: str) -> None:
        # Changing the unit re-expresses the same thickness; it is not an edit.
        self.spin.blockSignals(True)
        self.spin.setValue(self._metres / UNITS[unit])
        self.spin.setSingleStep(max(self.spin.value() / 20, 0.001))
        self.spin.blockSignals(False)
