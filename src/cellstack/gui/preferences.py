"""Edit ▸ Preferences: the C-rates and temperature a new design starts with, the units shown and
the colour theme (light, dark, or the system's). Stored with QSettings through settings.py; a
value out of range is refused in the dialog with its allowed range, never stored."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cellstack.core import units as u
from cellstack.core.simulation import DEFAULT_C_RATES, MAX_C_RATE, MAX_C_RATES
from cellstack.core.stack import MAX_TEMPERATURE_K, MIN_TEMPERATURE_K
from cellstack.gui.display_units import (
    AUTO,
    CAPACITY_UNITS,
    ENERGY_UNITS,
    MASS_UNITS,
    THICKNESS_UNITS,
    DisplayUnits,
    show_units,
)
from cellstack.gui.settings import Settings
from cellstack.gui.theme_choice import THEMES, apply_theme
from cellstack.gui.widgets.plot_parts import parse_c_rates

MIN_C, MAX_C = u.kelvin_to_celsius(MIN_TEMPERATURE_K), u.kelvin_to_celsius(MAX_TEMPERATURE_K)


def design_defaults(settings: Settings) -> tuple[tuple[float, ...], float]:
    """(C-rates, temperature in K) for a new design: the preferences, or the built-in defaults
    where a stored value is missing or out of range (a settings file edited by hand)."""
    rates = parse_c_rates(settings.new_design_c_rates()) or DEFAULT_C_RATES
    celsius = settings.new_design_temperature_C()
    kelvin = u.ROOM_TEMPERATURE
    if celsius is not None and MIN_C <= celsius <= MAX_C:
        kelvin = min(max(u.celsius_to_kelvin(celsius), MIN_TEMPERATURE_K), MAX_TEMPERATURE_K)
    return rates, kelvin


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._settings = settings
        rates, kelvin = design_defaults(settings)
        self.c_rates = QLineEdit(", ".join(f"{r:g}" for r in rates))
        self.c_rates.setObjectName("preferencesCRates")
        self.c_rates.setToolTip(f"Up to {MAX_C_RATES} C-rates in (0, {MAX_C_RATE:g}] C, e.g. 0.1, 1, 2")
        self.temperature = QDoubleSpinBox()
        self.temperature.setObjectName("preferencesTemperature")
        self.temperature.setRange(MIN_C, MAX_C)
        self.temperature.setDecimals(1)
        self.temperature.setSuffix(" °C")
        self.temperature.setValue(u.kelvin_to_celsius(kelvin))
        self.theme = QComboBox()
        self.theme.setObjectName("preferencesTheme")
        for key, text in THEMES:
            self.theme.addItem(text, key)
        self.theme.setCurrentIndex(max(self.theme.findData(settings.theme()), 0))
        units = settings.display_units()
        self.capacity_unit = _unit_box("preferencesCapacityUnit", CAPACITY_UNITS, units.capacity)
        self.energy_unit = _unit_box("preferencesEnergyUnit", ENERGY_UNITS, units.energy)
        self.mass_unit = _unit_box("preferencesMassUnit", MASS_UNITS, units.mass, auto=True)
        self.thickness_unit = _unit_box("preferencesThicknessUnit", THICKNESS_UNITS, units.thickness, True)
        self.thickness_unit.setToolTip("The unit a layer's thickness field starts in")
        self.error = QLabel("")
        self.error.setObjectName("preferencesError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QLabel("<b>New designs</b>"))
        _row(form, "C-&rates", self.c_rates)
        _row(form, "&Temperature", self.temperature)
        form.addRow(QLabel("<b>Units shown</b>"))
        _row(form, "&Capacity", self.capacity_unit)
        _row(form, "&Energy (and power)", self.energy_unit)
        _row(form, "&Mass", self.mass_unit)
        _row(form, "Thic&kness", self.thickness_unit)
        form.addRow(QLabel("<b>Appearance</b>"))
        _row(form, "T&heme", self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        text = self.c_rates.text()
        if parse_c_rates(text) is None:
            self.error.setText(
                f"C-rates = {text.strip() or 'none'} refused: up to {MAX_C_RATES} rates in "
                f"(0, {MAX_C_RATE:g}] C, like 0.1, 1, 2"
            )
            self.c_rates.setFocus()
            return
        theme = str(self.theme.currentData())
        self._settings.set_preferences(text.strip(), self.temperature.value(), theme)
        units = self.units()
        self._settings.set_display_units(units)
        apply_theme(theme)
        show_units(units)
        super().accept()

    def units(self) -> DisplayUnits:
        boxes = (self.capacity_unit, self.energy_unit, self.mass_unit, self.thickness_unit)
        return DisplayUnits.checked(*(str(box.currentData()) for box in boxes))


def _row(form: QFormLayout, text: str, field: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    # A character of slack: under X at its size hint the last letter was cut ("Temperatur").
    label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
    form.addRow(label, field)


def _unit_box(name: str, units: dict[str, float], current: str, auto: bool = False) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    if auto:
        box.addItem("suited to each value", AUTO)
    for unit in units:
        box.addItem(unit, unit)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box
