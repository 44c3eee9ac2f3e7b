"""An axis whose tick labels carry only the digits their spacing tells apart.

pyqtgraph prints ticks with as many digits as the spacing asks for, so a nearly flat range
(a sweep whose output hardly changes) labels its ticks 332.4619749722460: floating-point noise.
"""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg

MAX_DIGITS = 6  # significant digits a label ever shows


def _decimals(spacing: float) -> int:
    """The decimal places that write ``spacing`` (0.25 -> 2, 20 -> -1), at most 15."""
    decimals = -math.floor(math.log10(spacing))
    while decimals < 15 and not math.isclose(round(spacing, decimals), spacing, rel_tol=1e-6):
        decimals += 1
    return decimals


def tick_text(value: float, spacing: float) -> str:
    """``value`` with the digits that tell it from a tick ``spacing`` away, at most MAX_DIGITS."""
    if not math.isfinite(value):
        return ""
    if not (math.isfinite(spacing) and spacing > 0):
        return f"{value:.{MAX_DIGITS}g}"
    if abs(value) < spacing * 1e-6:
        return "0"  # a tick at zero computed as 1e-17
    magnitude = math.floor(math.log10(abs(value)))
    decimals = min(_decimals(spacing), MAX_DIGITS - 1 - magnitude)
    if -4 <= magnitude < MAX_DIGITS:
        return f"{value:.{max(decimals, 0)}f}"
    return f"{value:.{max(magnitude + decimals, 0)}e}"


class RoundedAxis(pg.AxisItem):  # type: ignore[misc]
    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        # The value in the unit its label names: 0.016 Wh, not 16 under "energy_Wh (x0.001)".
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [tick_text(v * scale, spacing * scale) for v in values]


def rounded_axes() -> dict[str, Any]:
    """The ``axisItems`` argument of a PlotWidget with rounded labels on the left and bottom."""
    return {"left": RoundedAxis("left"), "bottom": RoundedAxis("bottom")}
