"""Evaluate many designs of one stack: the vectorised sweep where it reaches, one by one elsewhere.

A design is a point in the space of a few inputs (in the units the user gave them). The
vectorised path (core.sweep) varies layer thicknesses and composite fractions directly and
computes the open-circuit outputs of all designs at once; any other input or output falls back
to building each design's stack and evaluating it with :func:`~.outputs.evaluate_design`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np
from numpy.typing import ArrayLike

from cellstack.core.errors import InputError
from cellstack.core.explore.delivered import delivered_outputs
from cellstack.core.explore.outputs import (
    DEFAULT_C_RATE,
    DISCHARGE_OUTPUTS,
    DischargeSettings,
    check_keys,
    evaluate_design,
    from_sweep,
    vectorisable,
)
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.stack import Stack
from cellstack.core.sweep import FloatArray, sweep

# The outputs ``keys`` of one design at a C-rate, computed the caller's way (a project's cell).
DesignEvaluator = Callable[[Sequence[float], tuple[str, ...], float], dict[str, float]]

VECTOR_QUANTITIES = ("thickness_m", "active_fraction", "electrolyte_fraction")


@dataclass(frozen=True)
class Knob:
    """An input the vectorised sweep can vary: a per-layer quantity, SI = value x ``si_factor``."""

    layer_index: int
    quantity: str  # one of VECTOR_QUANTITIES
    si_factor: float = 1.0


class Invalid(Enum):
    """What a design that cannot be built or computed gives."""

    RAISE = "raise"  # its InputError, naming the input and the value (sweeps, Monte Carlo)
    NAN = "nan"  # NaN outputs (an optimiser treats it as infeasible)


@dataclass(frozen=True)
class DesignSpace:
    """Variants of ``base``: ``build`` makes the stack of one point (values in input order).

    ``knobs`` has one entry per input: a :class:`Knob` when the vectorised sweep can vary it,
    None when only ``build`` can. ``evaluate``, when given, computes one design's outputs in
    place of ``build`` + :func:`evaluate_design` (a project adds its cell and series
    resistance); the vectorised sweep then adds ``series_asr_ohm_m2`` to every design's ASR,
    and its ``delivered_*`` discharges stop at ``cutoff_V`` (None: the materials' own).
    """

    base: Stack
    interfaces: InterfaceTable
    build: Callable[[Sequence[float]], Stack]
    knobs: tuple[Knob | None, ...]
    evaluate: DesignEvaluator | None = None
    series_asr_ohm_m2: float = 0.0
    cutoff_V: float | None = None

    @property
    def dimension(self) -> int:
        return len(self.knobs)


def _points(space: DesignSpace, points: ArrayLike) -> FloatArray:
    array = np.asarray(points, dtype=float)
    if array.ndim == 1:
        array = array.reshape(-1, 1) if space.dimension == 1 else array.reshape(1, -1)
    if array.ndim != 2 or array.shape[1] != space.dimension:
        raise InputError("points", list(array.shape), f"an array of designs x {space.dimension} inputs")
    return array


def batched(space: DesignSpace, keys: Sequence[str]) -> bool:
    """Whether the designs of ``space`` are computed all at once for ``keys`` (the vectorised
    sweep, with a batched discharge for ``delivered_*``), else one design at a time."""
    open_circuit = [k for k in keys if k not in DISCHARGE_OUTPUTS]
    return all(k is not None for k in space.knobs) and vectorisable(open_circuit)


def evaluate_designs(
    space: DesignSpace,
    points: ArrayLike,
    keys: Sequence[str],
    c_rate: float = DEFAULT_C_RATE,
    invalid: Invalid = Invalid.RAISE,
    *,
    only_vectorised: bool = False,
) -> dict[str, FloatArray]:
    """The outputs ``keys`` of each design (rows of ``points``): one array per key.

    With ``only_vectorised``, a batch the vectorised sweep refuses raises its InputError instead
    of being computed one design at a time (a caller that must stay quick decides what next).
    """
    wanted = check_keys(keys)
    array = _points(space, points)
    discharged = tuple(k for k in wanted if k in DISCHARGE_OUTPUTS)
    open_circuit = tuple(k for k in wanted if k not in DISCHARGE_OUTPUTS)
    if batched(space, wanted):
        try:
            values = _vectorised(space, array, open_circuit)
            if discharged:
                values.update(_delivered(space, array, discharged, c_rate))
            return {key: values[key] for key in wanted}
        except InputError:
            if only_vectorised:
                raise
            # Some design is refused: one by one, the builder names it in the user's terms.
    return _one_by_one(space, array, wanted, c_rate, invalid)


def _vectorised(space: DesignSpace, array: FloatArray, keys: tuple[str, ...]) -> dict[str, FloatArray]:
    per_quantity: dict[str, dict[int, FloatArray]] = {q: {} for q in VECTOR_QUANTITIES}
    for column, knob in enumerate(space.knobs):
        assert knob is not None
        per_quantity[knob.quantity][knob.layer_index] = array[:, column] * knob.si_factor
    result = sweep(
        space.base,
        space.interfaces,
        thickness_m=per_quantity["thickness_m"],
        active_fraction=per_quantity["active_fraction"],
        electrolyte_fraction=per_quantity["electrolyte_fraction"],
    )
    if space.series_asr_ohm_m2:
        result = replace(result, asr_ohm_m2=result.asr_ohm_m2 + space.series_asr_ohm_m2)
    arrays = from_sweep(result, space.base, keys)
    return {key: np.where(np.isfinite(a), a, math.nan) for key, a in arrays.items()}


def _delivered(
    space: DesignSpace, array: FloatArray, keys: tuple[str, ...], c_rate: float
) -> dict[str, FloatArray]:
    knobs = [k for k in space.knobs if k is not None]
    settings = DischargeSettings(space.cutoff_V, space.series_asr_ohm_m2)
    return delivered_outputs(space.base, space.interfaces, knobs, array, keys, c_rate, settings)


def _one_by_one(
    space: DesignSpace, array: FloatArray, keys: tuple[str, ...], c_rate: float, invalid: Invalid
) -> dict[str, FloatArray]:
    out = {key: np.full(len(array), math.nan) for key in keys}
    for row, point in enumerate(array):
        try:
            values = _one(space, point.tolist(), keys, c_rate)
        except InputError:
            if invalid is Invalid.RAISE:
                raise
            continue
        for key, value in values.items():
            out[key][row] = value
    return out


def _one(space: DesignSpace, point: list[float], keys: tuple[str, ...], c_rate: float) -> dict[str, float]:
    if space.evaluate is not None:
        return space.evaluate(point, keys, c_rate)
    return evaluate_design(space.build(point), space.interfaces, keys, c_rate)
