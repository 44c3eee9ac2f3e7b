"""The ``delivered_*`` outputs of a batch of designs on the vectorised path: each design's stack is
the base stack with the knobs' values written in (no project is loaded), read for a run once, and
all runs go through the batched closed form (core.discharge.batch) together.
"""

from __future__ import annotations

import contextlib
import copy
import math
import threading
from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Protocol

import numpy as np

from cellstack.core import units as u
from cellstack.core.discharge.batch import delivered
from cellstack.core.discharge.parameters import Cell, build_cell
from cellstack.core.errors import InputError
from cellstack.core.explore.outputs import DISCHARGE_OUTPUTS, DischargeSettings
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.stack import Stack
from cellstack.core.sweep import FloatArray


class Knobbed(Protocol):
    """What a knob needs to write a value into a stack (engine.Knob, which imports this module)."""

    @property
    def layer_index(self) -> int: ...
    @property
    def quantity(self) -> str: ...
    @property
    def si_factor(self) -> float: ...


def _written(layer: Layer, quantity: str, value: float) -> Layer:
    if quantity == "thickness_m":
        return replace(layer, thickness_m=value)
    composite = layer.composite
    if composite is None:
        raise InputError("composite", layer.role.value, "a composite layer for a volume fraction")
    if quantity == "active_fraction":
        return replace(layer, composite=replace(composite, active_fraction=value))
    return replace(layer, composite=replace(composite, electrolyte_fraction=value))


def variant_stack(
    base: Stack,
    knobs: Sequence[Knobbed],
    point: Sequence[float],
    made: dict[tuple[int, tuple[float, ...]], Layer] | None = None,
) -> Stack:
    """``base`` with each knob's value (in the user's unit) written into its layer.

    ``made`` keeps the layers already written, by layer and values: a grid repeats each value of
    an axis for every value of the other, and a layer is validated as it is made.
    """
    by_layer: dict[int, list[tuple[str, float]]] = {}
    for knob, value in zip(knobs, point, strict=True):
        by_layer.setdefault(knob.layer_index, []).append((knob.quantity, value * knob.si_factor))
    layers = list(base.layers)
    for index, writes in by_layer.items():
        key = (index, tuple(value for _, value in writes))
        layer = made.get(key) if made is not None else None
        if layer is None:
            layer = layers[index]
            for quantity, value in writes:
                layer = _written(layer, quantity, value)
            if made is not None:
                made[key] = layer
        layers[index] = layer
    return _with_layers(base, tuple(layers))


def _with_layers(base: Stack, layers: tuple[Layer, ...]) -> Stack:
    """base.with_layers(layers) without checking again what does not change: the stack's own
    fields are the base's, checked when it was made, and each layer was checked as it was made
    (``replace`` spends more re-checking a design's areas and temperature than a run takes)."""
    stack = object.__new__(Stack)
    for name in _STACK_FIELDS:
        object.__setattr__(stack, name, getattr(base, name))
    object.__setattr__(stack, "layers", layers)
    return stack


_STACK_FIELDS = tuple(f.name for f in fields(Stack))


# build_cell rescales a stack's resistances from the thicknesses its structure was first read at
# (memo.py), which would make the last bits depend on what this process computed before. A table
# object of its own makes the base stack the first read of every batch, and the lock keeps two
# threads' batches (a Dask worker's) from reading between each other's: so the outputs do not
# depend on which worker computes which designs.
_READING = threading.Lock()


def _cells(
    base: Stack, interfaces: InterfaceTable, knobs: Sequence[Knobbed], points: FloatArray, series: float
) -> list[Cell | None]:
    table = copy.copy(interfaces)  # its own object, of its own class (a project's table keeps its records)
    with contextlib.suppress(InputError):
        build_cell(base, table, series_asr_ohm_m2=series)
    cells: list[Cell | None] = []
    made: dict[tuple[int, tuple[float, ...]], Layer] = {}
    for point in points.tolist():
        stack = variant_stack(base, knobs, point, made)
        try:
            cells.append(build_cell(stack, table, series_asr_ohm_m2=series))
        except InputError:
            cells.append(None)  # as evaluate_design: a stack that cannot be discharged has no value
    return cells


def delivered_outputs(
    base: Stack,
    interfaces: InterfaceTable,
    knobs: Sequence[Knobbed],
    points: FloatArray,
    keys: Sequence[str],
    c_rate: float,
    settings: DischargeSettings,
) -> dict[str, FloatArray]:
    """The ``delivered_*`` among ``keys`` of each design (rows of ``points``); NaN where a design
    cannot be discharged. A design whose stack cannot be built raises its InputError."""
    with _READING:
        cells = _cells(base, interfaces, knobs, points, settings.series_asr_ohm_m2)
    result = delivered(cells, c_rate, settings.cutoff_V)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(
            result.rated_capacity_C > 0.0, result.capacity_C / result.rated_capacity_C, math.nan
        )
    arrays = {
        "delivered_capacity_mAh": result.capacity_C / u.MAH,
        "delivered_energy_mWh": result.energy_J / u.MWH,
        "delivered_fraction": fraction,
    }
    return {
        key: np.where(np.isfinite(arrays[key]), arrays[key], math.nan)
        for key in keys
        if key in DISCHARGE_OUTPUTS
    }
