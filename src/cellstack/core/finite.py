"""Quotients that are a number or nothing.

What a metric divides by may be zero, or so small that the quotient overflows, for values at the
edge of what the loader accepts (a capacity that rounds to zero, a resistance of 1e-300 Ω·m²).
Such a quotient has no meaning to report, so it is None, as a value that cannot be computed is.
"""

from __future__ import annotations

import math


def finite_ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``; None unless the denominator is > 0 and the quotient finite."""
    if not denominator > 0.0:
        return None
    quotient = numerator / denominator
    return quotient if math.isfinite(quotient) else None
