"""The levels side by side: electrode pair, repeat unit, cell and cell with fixture, each with its
mass, volume, thickness, Wh/kg and Wh/L. Every column names its level; numbers only in the cells,
the unit in the row's name (one unit a row, chosen for its largest value), so four columns fit a
dock 450 px wide."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel

from cellstack.core import units as u
from cellstack.core.cell import CellLevel, CellLevelMetrics, CellMetrics
from cellstack.gui import display_units as shown
from cellstack.gui.display_units import AUTO, DisplayUnits, units_shown
from cellstack.gui.formatting import number
from cellstack.gui.widgets.cell_defaults import FORMAT_NAMES
from cellstack.gui.widgets.value_field import ValueField

LEVEL_HEADINGS = {
    CellLevel.ELECTRODE_PAIR: (
        "Electrode\npair",
        "Electrodes, electrolytes, buffers over the capacity area",
    ),
    CellLevel.REPEAT_UNIT: ("Repeat\nunit", "The stack with its collectors, as the cell shares them"),
    CellLevel.CELL: ("Cell", "Everything inside and including the package, over the cell's outer box"),
    CellLevel.CELL_WITH_FIXTURE: (
        "Cell +\nfixture",
        "The cell with the end plates and bolts that hold it",
    ),
}
PLANAR_HEADINGS = {
    CellLevel.REPEAT_UNIT: ("Cell\nstack", "The stack with its current collectors"),
    CellLevel.CELL: ("Full\nstack", "All layers, with substrate, packaging and extra mass"),
}
# (row key, name, candidate units as (text, SI per unit) from small to large, the level's value)
Scale = tuple[tuple[str, float], ...]
MASS_UNITS: Scale = (("mg", 1e-6), ("g", 1e-3), ("kg", 1.0))
VOLUME_UNITS: Scale = (("mm³", 1e-9), ("cm³", 1e-6), ("L", 1e-3))
ROWS: tuple[tuple[str, str, Scale, Callable[[CellLevelMetrics], float | None]], ...] = (
    ("mass", "Mass", MASS_UNITS, lambda m: m.mass_kg),
    ("volume", "Volume", VOLUME_UNITS, lambda m: m.volume_m3),
    ("thickness", "Thickness", (("µm", u.UM), ("mm", u.MM)), lambda m: m.thickness_m),
    ("wh_kg", "Specific energy", (("Wh/kg", u.WH_PER_KG),), lambda m: m.specific_energy_J_kg),
    ("wh_l", "Energy density", (("Wh/L", u.WH_PER_L),), lambda m: m.energy_density_J_m3),
)


def row_unit(values: Sequence[float | None], scale: Scale) -> tuple[str, float]:
    """The largest unit in which the largest value is at least 1 (the smallest unit otherwise)."""
    largest = max((abs(v) for v in values if v is not None), default=0.0)
    chosen = scale[0]
    for text, factor in scale:
        if largest >= factor:
            chosen = (text, factor)
    return chosen


def preferred_scale(key: str, scale: Scale, units: DisplayUnits) -> Scale:
    """The row's one unit where the Preferences name one, else its candidates to choose from."""
    if key == "mass" and units.mass != AUTO:
        return ((units.mass, shown.MASS_UNITS[units.mass]),)
    if key == "thickness" and units.thickness != AUTO:
        return ((units.thickness, shown.THICKNESS_UNITS[units.thickness]),)
    return scale


class LevelsGrid(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Levels")
        self.setObjectName("levelsGrid")
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.values: dict[str, ValueField] = {}
        self.headings: dict[CellLevel, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        for column, level in enumerate(CellLevel, start=1):
            heading = QLabel(LEVEL_HEADINGS[level][0])
            heading.setObjectName(f"levelHeading_{level.value}")
            heading.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            self.headings[level] = heading
            grid.addWidget(heading, 0, column)
        for row, (key, name, _scale, _read) in enumerate(ROWS, start=1):
            label = QLabel(name)
            self.row_labels[key] = label
            grid.addWidget(label, row, 0)
            for column, level in enumerate(CellLevel, start=1):
                field = ValueField(f"metric_{level.value}_{key}")
                field.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.values[f"{level.value}_{key}"] = field
                grid.addWidget(field, row, column)
        grid.setColumnStretch(0, 2)
        for column in range(1, len(CellLevel) + 1):
            grid.setColumnStretch(column, 1)
        self.note = QLabel("")
        self.note.setObjectName("levelsNote")
        self.note.setWordWrap(True)
        grid.addWidget(self.note, len(ROWS) + 1, 0, 1, len(CellLevel) + 1)

    def show_metrics(self, cell: CellMetrics) -> None:
        planar = cell.format == "planar"
        for level, heading in self.headings.items():
            shown = cell.has_level(level)
            text, tip = (PLANAR_HEADINGS if planar else LEVEL_HEADINGS).get(level, LEVEL_HEADINGS[level])
            heading.setText(text)
            heading.setToolTip(tip)
            heading.setVisible(shown)
            for key, *_ in ROWS:
                self.values[f"{level.value}_{key}"].setVisible(shown)
        levels = [cell.level(level) for level in CellLevel if cell.has_level(level)]
        chosen = units_shown()
        for key, name, scale, read in ROWS:
            unit, factor = row_unit([read(m) for m in levels], preferred_scale(key, scale, chosen))
            self.row_labels[key].setText(f"{name} ({unit})")
            for shown_level in levels:
                value = read(shown_level)
                self.values[f"{shown_level.level.value}_{key}"].show_text(
                    number(value / factor if value is not None else None, 4)
                )
        units = f"{cell.units} repeat units" if cell.units != 1 else "one repeat unit"
        pressure = cell.stack_pressure_Pa
        held = f"; fixture holds {pressure / 1e6:g} MPa" if pressure else ""
        self.note.setText(f"<small>{FORMAT_NAMES[cell.format].split(' (')[0]}, {units}{held}</small>")
