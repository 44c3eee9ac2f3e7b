"""Plain shapes of the parts of a cell, checked on construction (metres, kg/m³)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cellstack.core.errors import InputError
from cellstack.core.validation import require_range

MAX_SIZE_M = 10.0  # a cell side of 10 m is beyond any format; catches mm typed as m
MAX_DENSITY_KG_M3 = 25_000.0  # denser than osmium: a unit slip


def require_length(field: str, value: float, *, allow_zero: bool = False) -> float:
    number = require_range(field, value, 0.0, MAX_SIZE_M, "m")
    if number == 0.0 and not allow_zero:
        raise InputError(field, value, f"a length > 0 and at most {MAX_SIZE_M:g} m")
    return number


def require_density(field: str, value: float) -> float:
    number = require_range(field, value, 0.0, MAX_DENSITY_KG_M3, "kg/m³")
    if number == 0.0:
        raise InputError(field, value, f"a density > 0 and at most {MAX_DENSITY_KG_M3:g} kg/m³")
    return number


def require_count(field: str, value: int, low: int, high: int) -> int:
    """A whole number of things (units, cells, spacers, plates) within its range."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(field, value, f"a whole number from {low} to {high}")
    return value


@dataclass(frozen=True, slots=True)
class Rectangle:
    """A sheet's outline: width along the tab edge, height across it (m)."""

    width_m: float
    height_m: float

    def __post_init__(self) -> None:
        require_length("width", self.width_m)
        require_length("height", self.height_m)

    @property
    def area_m2(self) -> float:
        return self.width_m * self.height_m

    def fits_in(self, other: Rectangle) -> bool:
        return self.width_m <= other.width_m * (1 + 1e-12) and self.height_m <= other.height_m * (1 + 1e-12)


def overlap_m2(a: Rectangle, b: Rectangle) -> float:
    """Area two centred sheets share: where cathode faces anode, the capacity can be used."""
    return min(a.width_m, b.width_m) * min(a.height_m, b.height_m)


def disc_area_m2(diameter_m: float) -> float:
    return math.pi * diameter_m**2 / 4.0


def require_inside(field: str, inner: Rectangle, outer: Rectangle, outer_name: str) -> None:
    """Refuse a sheet that does not fit within another (e.g. a cathode beyond its separator)."""
    if not inner.fits_in(outer):
        raise InputError(
            field,
            f"{inner.width_m * 1e3:g} x {inner.height_m * 1e3:g} mm",
            f"at most the {outer_name} ({outer.width_m * 1e3:g} x {outer.height_m * 1e3:g} mm)",
        )
