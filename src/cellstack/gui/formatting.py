"""Numbers with units for labels and tooltips (SI in, readable text out)."""

from __future__ import annotations

import math

from cellstack.core import units as u


def number(value: float | None, digits: int = 4) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:.{digits}g}"


def thickness(metres: float) -> str:
    """A thickness in the unit a researcher would say it in."""
    if metres < 1e-6:
        return f"{number(metres / u.NM, 3)} nm"
    if metres < 1e-3:
        return f"{number(metres / u.UM, 3)} µm"
    return f"{number(metres / u.MM, 3)} mm"


def with_unit(value: float | None, unit: str, digits: int = 4) -> str:
    text = number(value, digits)
    return text if text == "—" else f"{text} {unit}"
