"""Axis ranges and tick positions for the report's plots (pure arithmetic, no Qt)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Axis:
    """Maps data values to 0..1 along the axis; ``ticks`` are labelled, ``minor`` are not."""

    low: float  # in axis space: log10 of the value on a log axis
    high: float
    log: bool
    ticks: tuple[tuple[float, str], ...]  # (value, label)
    minor: tuple[float, ...] = ()

    def fraction(self, value: float) -> float | None:
        """Where ``value`` sits along the axis (0 at low, 1 at high); None if it cannot be shown."""
        if not math.isfinite(value):
            return None
        if self.log:
            if value <= 0:
                return None
            value = math.log10(value)
        return (value - self.low) / (self.high - self.low)


def _nice_step(span: float, target: int) -> float:
    raw = span / max(1, target)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * magnitude * 1.0000001:
            return factor * magnitude
    return 10.0 * magnitude


def _label(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0.0 else text  # never "-0.0"


def linear_axis(values: Iterable[float], from_zero: bool = False, target: int = 5) -> Axis:
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return Axis(0.0, 1.0, False, ())
    low, high = min(finite), max(finite)
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 1e-12 * max(1.0, abs(high)):
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = _nice_step(high - low, target)
    low_tick = math.floor(low / step + 1e-9) * step
    high_tick = math.ceil(high / step - 1e-9) * step
    count = round((high_tick - low_tick) / step)
    ticks = tuple((low_tick + i * step, _label(low_tick + i * step, step)) for i in range(count + 1))
    return Axis(low_tick, high_tick, False, ticks)


def _decade_label(value: float) -> str:
    return f"{value:g}"


def log_axis(values: Iterable[float]) -> Axis:
    """Decades labelled; 2 and 5 as well when the range holds fewer than three decades."""
    positive = [math.log10(v) for v in values if math.isfinite(v) and v > 0]
    if not positive:
        return Axis(0.0, 1.0, True, ())
    low, high = min(positive), max(positive)
    if high - low < 1.0:  # at least a decade, centred on the data
        middle = (low + high) / 2
        low, high = middle - 0.5, middle + 0.5
    margin = 0.04 * (high - low)
    low, high = low - margin, high + margin
    decades = range(math.floor(low), math.ceil(high) + 1)
    labelled: list[tuple[float, str]] = []
    minor: list[float] = []
    few = sum(1 for d in decades if low <= d <= high) < 3
    for decade in decades:
        for multiple in range(1, 10):
            position = decade + math.log10(multiple)
            if not low <= position <= high:
                continue
            value = multiple * 10.0**decade
            if multiple == 1 or (few and multiple in (2, 5)):
                labelled.append((value, _decade_label(float(f"{value:.3g}"))))
            else:
                minor.append(value)
    return Axis(low, high, True, tuple(labelled), tuple(minor))
