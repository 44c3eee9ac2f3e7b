"""Converting the numbers of a file to SI without stepping over a documented limit.

Binary floating point turns −100 °C into 173.14999999999998 K and 1000 nm into
1.0000000000000002e-06 m: just outside the limits the core compares against (the literals
173.15 and 1e-6), so values the documentation allows were refused with a message that
contradicted itself. Here the conversion is done on the decimal number as the file (or the user)
wrote it and rounded once, which gives exactly the core's literal at every limit written in
decimal, and the correctly rounded SI value everywhere else.
"""

from __future__ import annotations

from decimal import Decimal

from cellstack.core import units as u


def _decimal(number: float) -> Decimal:
    # repr is the shortest text that reads back as the same double: the number as it was written.
    return Decimal(repr(float(number)))


def scaled_to_si(value: float, factor: float) -> float:
    """``value × factor`` (a display unit to SI, e.g. nm to m with ``u.NM``), rounded once."""
    return float(_decimal(value) * _decimal(factor))


def celsius_to_kelvin(t_celsius: float) -> float:
    """°C to K, rounded once: −100 °C is exactly the 173.15 K the core allows."""
    return float(_decimal(t_celsius) + _decimal(u.ZERO_CELSIUS))


def si_to_scaled(value: float, factor: float) -> float:
    """``value ÷ factor`` (SI to a display unit, e.g. m to µm with ``u.UM``), rounded once: the
    inverse of :func:`scaled_to_si` for every number written with up to 15 significant digits."""
    return float(_decimal(value) / _decimal(factor))
