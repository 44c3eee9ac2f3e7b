"""Mass & thickness: each layer's areal mass and thickness side by side, top layer on top, in the
layer's role colour; the thickness in the unit chosen in Preferences ▸ Units (automatic: µm)."""

from __future__ import annotations

from cellstack.core import units as u
from cellstack.core.metrics import Metrics
from cellstack.gui import formatting, theme
from cellstack.gui.display_units import THICKNESS_UNITS, units_shown
from cellstack.gui.widgets.plot_parts import Axes, PlotPage, Row
from cellstack.io.quantity_text import thickness_text


def draw_mass(page: PlotPage, metrics: Metrics) -> None:
    mass_plot, thick_plot = page.plots
    thick_plot.setYLink(mass_plot)
    layers = sorted(metrics.layers, key=lambda r: -r.index)  # the top layer on top
    chosen = units_shown().thickness
    unit = chosen if chosen in THICKNESS_UNITS else "µm"
    mass_axes = Axes("Mass", "Areal mass (mg/cm²)", "")
    thick_axes = Axes("Thickness", f"Thickness ({unit})", "")
    page.set_axes(mass_plot, mass_axes, "Areal mass per layer")
    page.set_axes(thick_plot, thick_axes, "Thickness per layer")
    masses: list[Row] = []
    for r in layers:
        mass = (r.mass_per_area_kg_m2 or 0.0) / u.MG_PER_CM2
        text = f"{formatting.number(mass, 3)}" if r.mass_per_area_kg_m2 is not None else "unknown"
        masses.append((r.name, mass, theme.role_colour(r.role), False, text))
    page.bars(mass_plot, mass_axes, masses)
    thicknesses: list[Row] = [
        (
            r.name,
            r.thickness_m / THICKNESS_UNITS[unit],
            theme.role_colour(r.role),
            False,
            _label(r.thickness_m, chosen),
        )
        for r in layers
    ]
    page.bars(thick_plot, thick_axes, thicknesses, names=False)  # beside the mass plot's


def _label(metres: float, chosen: str) -> str:
    """A bar's label: in the unit chosen, or the one that suits the value (automatic)."""
    if chosen not in THICKNESS_UNITS:
        return thickness_text(metres)
    return f"{formatting.number(metres / THICKNESS_UNITS[chosen], 3)} {chosen}"
