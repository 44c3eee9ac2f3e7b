"""Uncertainty: Monte Carlo propagation of input distributions and a one-at-a-time tornado ranking.

An input's distribution is centred on the design's value (Normal: ± a standard deviation) or
spans given bounds (Uniform). Samples are clipped to the range the input allows, so every
sampled design is one the loader accepts. The generator is seeded: a run repeats exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.sweep import FloatArray

BatchEvaluator = Callable[[FloatArray], dict[str, FloatArray]]  # designs (n, d) -> key -> (n,)
DEFAULT_SAMPLES = 1000
MAX_SAMPLES = 1_000_000


@dataclass(frozen=True)
class Normal:
    sigma: float  # in the input's unit, around the design's value

    def sample(self, centre: float, rng: np.random.Generator, count: int) -> FloatArray:
        return centre + self.sigma * rng.standard_normal(count)

    def std(self) -> float:
        return self.sigma


@dataclass(frozen=True)
class Uniform:
    low: float
    high: float

    def sample(self, centre: float, rng: np.random.Generator, count: int) -> FloatArray:
        return rng.uniform(self.low, self.high, count)

    def std(self) -> float:
        return (self.high - self.low) / math.sqrt(12.0)


Distribution = Normal | Uniform


@dataclass(frozen=True)
class UncertainInput:
    """One input's distribution, its value in the design and the range it may take."""

    nominal: float
    distribution: Distribution
    low: float = -math.inf
    high: float = math.inf

    def clip(self, values: FloatArray) -> FloatArray:
        return np.clip(values, self.low, self.high)


@dataclass(frozen=True)
class Spread:
    mean: float
    std: float
    p2_5: float
    p97_5: float


def _check_count(samples: int) -> None:
    if isinstance(samples, bool) or not 2 <= samples <= MAX_SAMPLES:
        raise InputError("samples", samples, f"a whole number from 2 to {MAX_SAMPLES}")


def sample_inputs(inputs: Sequence[UncertainInput], samples: int, seed: int) -> FloatArray:
    """(samples, len(inputs)) designs; each input from its own stream of one seeded generator."""
    _check_count(samples)
    rng = np.random.default_rng(seed)
    columns = [i.clip(i.distribution.sample(i.nominal, rng, samples)) for i in inputs]
    return np.column_stack(columns)


@dataclass(frozen=True)
class MonteCarlo:
    spreads: dict[str, Spread]
    drawn: int
    used: int  # samples whose design could be built and has every output


def monte_carlo(
    evaluate: BatchEvaluator, inputs: Sequence[UncertainInput], samples: int, seed: int = 0
) -> MonteCarlo:
    """Mean, standard deviation and the central 95 % interval of each output over the samples.

    A sampled design that cannot be built (fractions of a composite adding up past 1, say) or
    lacks an output is dropped, so the statistics are those of the designs that exist; ``used``
    says how many remained.
    """
    values = evaluate(sample_inputs(inputs, samples, seed))
    usable = np.ones(samples, dtype=bool)
    for array in values.values():
        usable &= np.isfinite(array)
    used = int(usable.sum())
    if used < 2:
        raise InputError(
            "samples", f"{used} of {samples} usable", "inputs whose sampled designs can be built"
        )
    spreads = {}
    for key, array in values.items():
        kept = array[usable]
        low, high = np.percentile(kept, [2.5, 97.5])
        spread = Spread(float(kept.mean()), float(kept.std(ddof=1)), float(low), float(high))
        if all(math.isfinite(v) for v in (spread.mean, spread.std, spread.p2_5, spread.p97_5)):
            spreads[key] = spread  # values near the float limit can overflow a sum: no spread then
    return MonteCarlo(spreads, samples, used)


@dataclass(frozen=True)
class Swing:
    """One input's effect on one output: the output at the input's value -1σ and +1σ."""

    input_index: int
    at_minus_sigma: float
    at_plus_sigma: float

    @property
    def size(self) -> float:
        return abs(self.at_plus_sigma - self.at_minus_sigma)


def tornado(evaluate: BatchEvaluator, inputs: Sequence[UncertainInput]) -> dict[str, tuple[Swing, ...]]:
    """Per output, the inputs ranked by the swing of one-at-a-time ±1σ changes, largest first."""
    nominal = np.array([i.nominal for i in inputs])
    rows = [nominal]
    for index, item in enumerate(inputs):
        for sign in (-1.0, 1.0):
            row = nominal.copy()
            row[index] = float(item.clip(np.array([item.nominal + sign * item.distribution.std()]))[0])
            rows.append(row)
    values = evaluate(np.vstack(rows))
    result = {}
    for key, array in values.items():
        swings = [Swing(i, float(array[1 + 2 * i]), float(array[2 + 2 * i])) for i in range(len(inputs))]
        if all(math.isfinite(s.at_minus_sigma) and math.isfinite(s.at_plus_sigma) for s in swings):
            result[key] = tuple(sorted(swings, key=lambda s: -s.size))
    return result


def uncertain_inputs(
    nominal: Sequence[float],
    distributions: Sequence[Distribution],
    ranges: Sequence[tuple[float, float]],
) -> tuple[UncertainInput, ...]:
    return tuple(
        UncertainInput(value, distribution, low, high)
        for value, distribution, (low, high) in zip(nominal, distributions, ranges, strict=True)
    )


def by_key(spreads: Mapping[str, Spread]) -> dict[str, dict[str, float]]:
    """The ``uncertainty`` object of compute --json: key -> mean, std, p2_5, p97_5."""
    return {
        key: {"mean": s.mean, "std": s.std, "p2_5": s.p2_5, "p97_5": s.p97_5} for key, s in spreads.items()
    }
