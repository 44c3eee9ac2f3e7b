"""A number together with where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Quality(StrEnum):
    """How far a number can be trusted."""

    REPORTED = "reported"  # printed in the cited source
    MEASURED = "measured"  # measured on a sample by the user or the cited lab
    COMPUTED = "computed"  # derived from other sourced numbers
    ESTIMATE = "estimate"  # a typical value or an assumption nobody has checked
    USER = "user"  # typed in by the user for this design


@dataclass(frozen=True, slots=True)
class Sourced:
    """A value in SI units with its reference key and how it was obtained."""

    value: float
    source: str  # a key of the reference list, e.g. "yang2020:174"
    quality: Quality = Quality.REPORTED
    note: str = ""
    condition: str = ""  # measurement conditions, e.g. "0.1 C" or "25 °C"

    @property
    def is_estimate(self) -> bool:
        return self.quality is Quality.ESTIMATE


def user_value(value: float, note: str = "") -> Sourced:
    """A value the user set on a layer, overriding the library."""
    return Sourced(value, "user", Quality.USER, note)
