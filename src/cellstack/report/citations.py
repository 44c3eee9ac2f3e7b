"""Reference numbers in order of first citation, and the number formats the report prints."""

from __future__ import annotations

import math

from cellstack.io.library import Library
from cellstack.report.elements import Citation


class Citations:
    """Hands out [n] numbers: the first key cited is [1]. The report builds its parts in page
    order, so the numbers rise through the document and the reference list reads in that order."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._numbers: dict[str, int] = {}

    def numbers(self, source: str) -> tuple[int, ...]:
        """The numbers of a source field: one key, or several joined by "; " (OCV integrals)."""
        found: list[int] = []
        for key in (k.strip() for k in source.split(";")):
            if key:
                number = self._numbers.setdefault(key, len(self._numbers) + 1)
                if number not in found:
                    found.append(number)
        return tuple(found)

    def mark(self, source: str) -> str:
        """ "[3]" or "[3, 7]" for a source field; "" when it names nothing."""
        return brackets(self.numbers(source))

    def reference_list(self) -> tuple[Citation, ...]:
        return tuple(
            Citation(number, key, self._library.reference_text(key)) for key, number in self._numbers.items()
        )


def brackets(numbers: tuple[int, ...]) -> str:
    return f"[{', '.join(str(n) for n in numbers)}]" if numbers else ""


def json_number(value: float | None) -> str:
    """A value of the `compute --json` object (already six significant digits) as it prints
    there, without a trailing ".0"; "n/a" for null."""
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.6g}"


def number(value: float | None, digits: int = 4) -> str:
    """``digits`` significant digits, without an exponent from 1e-4 to 1e7 (1221, not 1.22e+03)."""
    if value is None or not math.isfinite(value):
        return "n/a"
    rounded = float(f"{value:.{digits}g}")
    if 10.0**digits <= abs(rounded) < 1e7:
        return f"{rounded:.0f}"
    return f"{rounded:.{digits}g}"


def unit_text(unit: str) -> str:
    """The on-disk unit spellings of material records, with superscripts for print."""
    for plain, pretty in (("cm3", "cm³"), ("m3", "m³"), ("cm2", "cm²"), ("uAh", "µAh"), ("um", "µm")):
        unit = unit.replace(plain, pretty)
    return unit
