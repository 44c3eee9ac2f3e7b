"""The cell-level breakdown: mass and volume of each component (all copies of a layer together,
housing parts, terminals, fill), side by side, in the layer's role colour (housing in grey)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from cellstack.core.cell import CellMetrics
from cellstack.core.metrics import Metrics
from cellstack.gui import formatting, theme
from cellstack.gui.display_units import units_shown
from cellstack.gui.widgets.cell_defaults import FORMAT_NAMES
from cellstack.gui.widgets.cell_levels import MASS_UNITS, VOLUME_UNITS, preferred_scale, row_unit
from cellstack.gui.widgets.plot_parts import Axes, PlotPage, Row

HOUSING_COLOUR = "#8c8c8c"  # housing, terminals, fill: not a layer of the stack


def draw_breakdown(page: PlotPage, cell: CellMetrics, metrics: Metrics) -> None:
    mass_plot, volume_plot = page.plots
    volume_plot.setYLink(mass_plot)
    roles = {row.name: row.role for row in metrics.layers}
    components = cell.breakdown
    masses = [c.mass_kg or 0.0 for c in components]
    volumes = [c.volume_m3 or 0.0 for c in components]
    mass_unit, mass_scale = row_unit(masses, preferred_scale("mass", MASS_UNITS, units_shown()))
    volume_unit, volume_scale = row_unit(volumes, VOLUME_UNITS)
    mass_axes = Axes("Cell mass", f"Mass ({mass_unit})", "")
    volume_axes = Axes("Cell volume", f"Material volume ({volume_unit})", "")
    name = FORMAT_NAMES[cell.format].split(" (")[0]
    total_mass = sum(masses) / mass_scale
    page.set_axes(mass_plot, mass_axes, f"{name}: {formatting.number(total_mass, 4)} {mass_unit}")
    page.set_axes(volume_plot, volume_axes, "Material volume")
    mass_rows: list[Row] = []
    volume_rows: list[Row] = []
    for component in components:
        role = roles.get(component.name)
        colour = theme.role_colour(role) if role is not None else QColor(HOUSING_COLOUR)
        mass, volume = component.mass_kg, component.volume_m3
        mass_text = formatting.number(mass / mass_scale, 3) if mass is not None else "unknown"
        volume_text = formatting.number(volume / volume_scale, 3) if volume is not None else "by mass only"
        mass_rows.append((component.name, (mass or 0.0) / mass_scale, colour, mass is None, mass_text))
        volume_rows.append(
            (component.name, (volume or 0.0) / volume_scale, colour, volume is None, volume_text)
        )
    page.bars(mass_plot, mass_axes, mass_rows)
    page.bars(volume_plot, volume_axes, volume_rows, names=False)  # beside the mass plot's names
