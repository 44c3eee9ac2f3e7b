"""The steps of a cycling protocol, parsed from short text (docs/discharge.md, "Protocols").

    discharge 1C to 3.0V            constant current until the cut-off (default: the materials')
    charge 0.5C to 4.2V, hold until C/20
                                    constant current, then the voltage held until |i| <= C/20
    rest 10 min                     no current for a while (s, min or h)

Rates are ``2C``, ``0.5C`` or ``C/20``; voltages ``4.2V``; words are case-insensitive. Anything else
is refused with one line naming the step and what is allowed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from cellstack.core.errors import InputError

MAX_C_RATE = 1000.0
MAX_REST_S = 1e7  # about 4 months
MAX_HOLD_S = 100.0 * 3600.0  # a hold that has not reached its current limit by then stops
ALLOWED = (
    '"discharge <rate> [to <V>]", "charge <rate> [to <V>][, hold until <rate>]" or '
    '"rest <number> s|min|h", with rates like 1C, 0.5C or C/20'
)
_RATE = r"(?:(?P<{0}>\d+(?:\.\d*)?|\.\d+)\s*C|C\s*/\s*(?P<{0}_div>\d+(?:\.\d*)?))"
_CURRENT_STEP = re.compile(
    r"^(?P<kind>discharge|charge)\s+" + _RATE.format("rate") + r"(?:\s+to\s+(?P<volts>\d+(?:\.\d*)?)\s*V)?"
    r"(?:\s*,\s*hold\s+until\s+" + _RATE.format("until") + r")?$",
    re.IGNORECASE,
)
_REST_STEP = re.compile(
    r"^rest\s+(?P<amount>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>s|sec|min|h|hours?)$", re.IGNORECASE
)
_SECONDS = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0, "hour": 3600.0, "hours": 3600.0}


class StepKind(StrEnum):
    DISCHARGE = "discharge"
    CHARGE = "charge"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Step:
    """One step; ``c_rate`` and ``hold_until_c_rate`` in C, ``limit_V`` None for the materials' cut-off."""

    kind: StepKind
    text: str
    c_rate: float = 0.0
    limit_V: float | None = None
    hold_until_c_rate: float | None = None  # a constant-voltage hold at limit_V follows
    duration_s: float = 0.0  # of a rest


def _rate(match: re.Match[str], name: str) -> float | None:
    whole, divisor = match.group(name), match.group(f"{name}_div")
    if whole is not None:
        return float(whole)
    if divisor is not None:
        return 1.0 / float(divisor) if float(divisor) > 0 else math.inf
    return None


def parse_step(text: str, number: int = 1) -> Step:
    """The step ``text`` describes; InputError naming step ``number`` otherwise."""
    clean = " ".join(str(text).split())
    where = f"step {number}"
    current = _CURRENT_STEP.match(clean)
    if current is not None:
        kind = StepKind(current.group("kind").lower())
        rate = _rate(current, "rate")
        until = _rate(current, "until")
        volts = current.group("volts")
        if rate is None or not 0.0 < rate <= MAX_C_RATE:
            raise InputError(where, clean, f"a rate above 0 and up to {MAX_C_RATE:g} C")
        if until is not None and not 0.0 < until <= rate:
            raise InputError(where, clean, "a hold that ends at a current above 0 and below the step's rate")
        limit = float(volts) if volts is not None else None
        if limit is not None and not 0.0 < limit <= 10.0:
            raise InputError(where, clean, "a voltage above 0 and up to 10 V")
        return Step(kind, clean, rate, limit, until)
    rest = _REST_STEP.match(clean)
    if rest is not None:
        seconds = float(rest.group("amount")) * _SECONDS[rest.group("unit").lower()]
        if not 0.0 < seconds <= MAX_REST_S:
            raise InputError(where, clean, f"a rest above 0 and up to {MAX_REST_S:g} s")
        return Step(StepKind.REST, clean, duration_s=seconds)
    raise InputError(where, clean, ALLOWED)


def parse_steps(texts: list[str] | tuple[str, ...]) -> tuple[Step, ...]:
    """Every step, in order; at least one."""
    if not texts:
        raise InputError("steps", "none", "at least one step: " + ALLOWED)
    return tuple(parse_step(text, number) for number, text in enumerate(texts, start=1))
