"""Small readers and writers shared by the v2 sections of a project file (lab units <-> SI).

A length in mm or µm, a density in g/cm³, a whole number: each read with its field path, so a
bad value gets the usual one-line message, and written back so that it reads as the same float.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from cellstack.core.errors import InputError
from cellstack.io.exact_units import scaled_to_si, si_to_scaled
from cellstack.io.fields import Fields

MM = 1e-3
UM = 1e-6
G_CM3 = 1e3  # g/cm³ in kg/m³
MG = 1e-6  # mg in kg
MM3 = 1e-9
MAX_MM = 10_000.0  # the core's 10 m limit on any side, in mm
MAX_G_CM3 = 25.0  # the core's 25 000 kg/m³
T = TypeVar("T")
_METRES = re.compile(r"([0-9][0-9.eE+-]*) m\b")


def number(value: float) -> float:
    """A float as the file writes it (12 significant digits, as the stack's numbers)."""
    return float(f"{value:.12g}")


def length_m(f: Fields, key: str, factor: float, *, allow_zero: bool = False) -> float:
    """A length at ``key`` (mm when ``factor`` is MM, µm when UM) in metres; > 0 unless allowed."""
    unit = "mm" if factor == MM else "µm"
    high = MAX_MM * MM / factor
    value = f.number(key, 0.0, high, unit, low_inclusive=allow_zero)
    si = scaled_to_si(value, factor)
    return si if allow_zero else f.nonzero_si(key, si, unit)


def optional_length_m(f: Fields, key: str, factor: float) -> float | None:
    return length_m(f, key, factor) if f.has(key) else None


def density_kg_m3(f: Fields, key: str = "density_g_cm3") -> float:
    value = f.number(key, 0.0, MAX_G_CM3, "g/cm³", low_inclusive=False)
    return f.nonzero_si(key, scaled_to_si(value, G_CM3), "g/cm³")


def scaled(value_si: float, factor: float) -> float:
    """An SI value in the file's unit, as written."""
    return number(si_to_scaled(value_si, factor))


def whole(f: Fields, key: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number (JSON integer) from ``low`` to ``high``."""
    if not f.has(key):
        if default is None:
            raise f.error(key, None, f"a required whole number from {low} to {high}")
        return default
    value = f.data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise f.error(key, value, f"a whole number from {low} to {high}")
    return value


def located(f: Fields, build: Callable[[], T], paths: dict[str, str]) -> T:
    """``build()``, with a core InputError renamed to the file's field path.

    ``paths`` maps the core's field names (e.g. "pouch.cathode") to keys under ``f`` (e.g.
    "cathode_width_mm"); lengths the core states in metres are restated in mm, the file's unit.
    """
    try:
        return build()
    except InputError as exc:
        raise relabelled(exc, f, paths) from None


def relabelled(exc: InputError, f: Fields, paths: dict[str, str]) -> InputError:
    key = paths.get(exc.field)
    if key is None:
        key = next((v for k, v in paths.items() if exc.field.startswith(k)), exc.field)
    # The file's own number where the key holds one; the core's text (e.g. "60 x 50 mm") else.
    value = exc.value if isinstance(exc.value, str) or "." in key else f.data.get(key, exc.value)
    allowed = _METRES.sub(lambda m: f"{float(m[1]) * 1e3:g} mm", exc.allowed)
    return InputError(f.at(key), value, allowed, f.origin)
