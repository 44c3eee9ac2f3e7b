"""Quantities as people read them, shared by the CLI, the report and the desktop app."""

from __future__ import annotations

import math

from cellstack.core import units as u


def thickness_text(metres: float) -> str:
    """A thickness in the unit a researcher would say it in: nm, µm or mm, three digits."""
    if not math.isfinite(metres):
        return "—"
    if metres < 1e-6:
        return f"{metres / u.NM:.3g} nm"
    if metres < 1e-3:
        return f"{metres / u.UM:.3g} µm"
    return f"{metres / u.MM:.3g} mm"
