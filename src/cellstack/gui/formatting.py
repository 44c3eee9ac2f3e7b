"""Numbers with units for labels and tooltips (SI in, readable text out)."""

from __future__ import annotations

import math

GROUP = "\u202f"  # a narrow no-break space between groups of three digits (SI brochure 5.4.4)
PLAIN_BELOW = 1e15  # larger numbers keep the exponent: their digits would not be read


def number(value: float | None, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits; a large one as 10 810, not 1.081e+04."""
    if value is None or not math.isfinite(value):
        return "—"
    text = f"{value:.{digits}g}"
    if "e+" in text and abs(float(text)) < PLAIN_BELOW:
        return f"{float(text):,.0f}".replace(",", GROUP)
    return text


def with_unit(value: float | None, unit: str, digits: int = 4) -> str:
    text = number(value, digits)
    return text if text == "—" else f"{text} {unit}"
