"""Reading untrusted mappings with a path for every value, so errors can say where they are."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from cellstack.core.errors import InputError
from cellstack.io.error_text import bounded_repr, printable, shown_value


class Fields:
    """A view of one mapping (a TOML table or JSON object) at a known path."""

    def __init__(self, data: object, path: str, origin: str = "") -> None:
        if not isinstance(data, Mapping):
            raise InputError(path or "(top level)", _short(data), "an object/table", origin)
        self.data: Mapping[str, Any] = data
        self.path = path
        self.origin = origin

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _shown_at(self, key: str) -> str:
        # A key comes from the file: it may hold a newline or a megabyte.
        return self.at(printable(key, 100))

    def error(self, key: str, value: object, allowed: str) -> InputError:
        return InputError(self._shown_at(key), _short(value), allowed, self.origin)

    def check_keys(self, allowed: set[str] | frozenset[str]) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            raise self.error(
                unknown[0], self.data[unknown[0]], "one of the known keys: " + ", ".join(sorted(allowed))
            )

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def child(self, key: str) -> Fields:
        if key not in self.data:
            raise self.error(key, None, "a required object")
        return Fields(self.data[key], self.at(key), self.origin)

    def string(self, key: str, default: str | None = None, *, max_length: int = 2000) -> str:
        if key not in self.data or self.data[key] is None:
            if default is None:
                raise self.error(key, None, "a required text value")
            return default
        value = self.data[key]
        if not isinstance(value, str) or len(value) > max_length:
            raise self.error(key, value, f"text of at most {max_length} characters")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, value, "a list of texts")
        return tuple(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, value, "true or false")
        return value

    def number(
        self,
        key: str,
        low: float,
        high: float,
        unit: str = "",
        default: float | None = None,
        *,
        low_inclusive: bool = True,
    ) -> float:
        if key not in self.data or self.data[key] is None:
            if default is None:
                raise self.error(key, None, f"a required number{_unit(unit)}")
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, value, f"a number{_unit(unit)}")
        try:
            number = float(value)
        except OverflowError:  # a JSON integer with hundreds of digits
            raise self.error(key, value, f"a number{_unit(unit)} within double precision") from None
        low_ok = number >= low if low_inclusive else number > low
        if not math.isfinite(number) or not low_ok or number > high:
            bound = ">=" if low_inclusive else ">"
            raise self.error(key, value, f"a number {bound} {low:g} and <= {high:g}{_unit(unit)}")
        return number

    def nonzero_si(self, key: str, si_value: float, unit: str = "") -> float:
        """``si_value`` (the number at ``key`` converted to SI) unless the conversion underflowed.

        A positive number of the file, such as 1e-320 µm, can become exactly 0 in SI units; the
        core would refuse that in metres, so it is refused here in the file's own unit.
        """
        if si_value <= 0.0:
            raise self.error(key, self.data.get(key), f"a number > 0{_unit(unit)} that does not round to 0")
        return si_value

    def optional_number(self, key: str, low: float, high: float, unit: str = "") -> float | None:
        if not self.has(key):
            return None
        return self.number(key, low, high, unit)

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.string(key, default)
        if value not in choices:
            raise self.error(key, value, "one of " + ", ".join(choices))
        return value


def _unit(unit: str) -> str:
    return f" ({unit})" if unit else ""


def _short(value: object) -> object:
    if isinstance(value, (dict, list)) and len(bounded_repr(value)) > 60:
        return f"<{type(value).__name__} of {len(value)} items>"
    return shown_value(value)
