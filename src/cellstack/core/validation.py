"""Range checks shared by the dataclasses of the core."""

from __future__ import annotations

import math

from cellstack.core.errors import InputError


def require_finite(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, value, "a number")
    if not math.isfinite(value):
        raise InputError(field, value, "a finite number")
    return float(value)


def require_positive(field: str, value: float, allowed: str = "a finite number > 0") -> float:
    number = require_finite(field, value)
    if number <= 0.0:
        raise InputError(field, value, allowed)
    return number


def require_fraction(field: str, value: float, *, below_one: bool = False) -> float:
    number = require_finite(field, value)
    upper_ok = number < 1.0 if below_one else number <= 1.0
    if number < 0.0 or not upper_ok:
        allowed = "a fraction 0 <= value < 1" if below_one else "a fraction 0 <= value <= 1"
        raise InputError(field, value, allowed)
    return number


def require_range(field: str, value: float, low: float, high: float, unit: str) -> float:
    number = require_finite(field, value)
    if not low <= number <= high:
        raise InputError(field, value, f"a value from {low:g} to {high:g} {unit}")
    return number
