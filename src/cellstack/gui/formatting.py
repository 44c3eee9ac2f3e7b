"""Numbers with units for labels and tooltips (SI in, readable text out)."""

from __future__ import annotations

import math


def number(value: float | None, digits: int = 4) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:.{digits}g}"


def with_unit(value: float | None, unit: str, digits: int = 4) -> str:
    text = number(value, digits)
    return text if text == "—" else f"{text} {unit}"
