"""Design sweeps: the metrics of many variants of one stack in a single vectorised call.

Thicknesses and composite volume fractions may vary per design; everything else (materials,
order, areas, temperature) is the base stack's. The bookkeeping is the same as compute_metrics'
(the per-layer densities come from the same functions, the ASR ledger entries are rescaled), and
a test checks that both agree design by design.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import MAX_THICKNESS_M, MIN_THICKNESS_M
from cellstack.core.material import Material
from cellstack.core.metrics import EnergyDefinition, Metrics, compute_metrics
from cellstack.core.metrics.layer_quantities import charge_density, mass_coefficients
from cellstack.core.metrics.structure import analyse
from cellstack.core.metrics.window import CathodeWindow, cathode_window, voltage_limits
from cellstack.core.stack import Stack

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class SweepResult:
    """Per-design arrays (all of one shape). Densities are at the full-stack level."""

    capacity_C: FloatArray
    average_voltage_V: FloatArray
    energy_J: FloatArray
    mass_kg: FloatArray
    thickness_m: FloatArray
    specific_energy_J_kg: FloatArray
    energy_density_J_m3: FloatArray
    asr_ohm_m2: FloatArray


def _checked(name: str, index: int, values: FloatArray, low: float, high: float) -> None:
    bad = ~np.isfinite(values) | (values < low) | (values > high)
    if bad.any():
        first = values[np.argmax(bad)]
        raise InputError(f"{name}[layer {index}]", float(first), f"finite values from {low:g} to {high:g}")


@dataclass
class _Totals:
    """Running per-design sums while walking the layers."""

    mass_kg: FloatArray
    thickness_m: FloatArray
    asr_ohm_m2: FloatArray
    capacities: dict[int, tuple[FloatArray, FloatArray | None]]


def _as_array(value: ArrayLike, shape: tuple[int, ...]) -> FloatArray:
    return np.broadcast_to(np.asarray(value, dtype=float), shape)


def _check_indices(stack: Stack, thickness: Mapping[int, ArrayLike], fractions: list[int]) -> None:
    n = len(stack.layers)
    for index in (*thickness, *fractions):
        if not 0 <= index < n:
            raise InputError("layer index", index, f"0 to {n - 1}")
    for index in fractions:
        if stack.layers[index].composite is None:
            raise InputError(f"fractions[layer {index}]", stack.layers[index].name, "a composite electrode")


def sweep(
    stack: Stack,
    interfaces: InterfaceTable | None = None,
    *,
    thickness_m: Mapping[int, ArrayLike] | None = None,
    active_fraction: Mapping[int, ArrayLike] | None = None,
    electrolyte_fraction: Mapping[int, ArrayLike] | None = None,
    energy_definition: EnergyDefinition = EnergyDefinition.AUTO,
) -> SweepResult:
    thickness_m = thickness_m or {}
    active_fraction = active_fraction or {}
    electrolyte_fraction = electrolyte_fraction or {}
    base = compute_metrics(stack, interfaces or InterfaceTable(), energy_definition)
    if not base.valid:
        reasons = "; ".join(f.message for f in base.findings if f.severity.value == "error")
        raise InputError("stack", reasons, "a valid stack to sweep")
    _check_indices(stack, thickness_m, [*active_fraction, *electrolyte_fraction])
    arrays = [
        np.asarray(v, dtype=float)
        for d in (thickness_m, active_fraction, electrolyte_fraction)
        for v in d.values()
    ]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    totals = _walk_layers(stack, base, shape, thickness_m, active_fraction, electrolyte_fraction)

    sides, _ = analyse(stack)
    assert sides.cathode is not None
    q_p, q_p_th = totals.capacities[0]
    window = _cathode_window(stack, sides.cathode)
    if window is not None and window.span is not None and q_p_th is not None:
        q_p = np.minimum(q_p, q_p_th * window.span)  # the rated capacity, as compute_metrics has it
    thickness = totals.thickness_m
    if stack.plated_anode is not None:
        q_cell = q_p * (1.0 - stack.first_cycle_loss)
        q_n_th: FloatArray | None = q_cell
        thickness = thickness + (base.plated_lithium_m or 0.0) * q_cell / (base.cell_capacity_C_m2 or 1.0)
    else:
        q_n, q_n_th = totals.capacities[1]
        q_cell = np.minimum(q_p, q_n)
    cathode = stack.layers[sides.cathode].effective_material
    anode = stack.layers[sides.anode].effective_material if sides.anode is not None else stack.plated_anode
    assert anode is not None
    voltage = _voltage(base, cathode, anode, q_cell, (q_p_th, q_n_th), window)
    energy = q_cell * voltage * stack.active_area_m2
    return SweepResult(
        capacity_C=q_cell * stack.active_area_m2,
        average_voltage_V=voltage,
        energy_J=energy,
        mass_kg=totals.mass_kg,
        thickness_m=thickness,
        specific_energy_J_kg=energy / totals.mass_kg,
        energy_density_J_m3=energy / (stack.footprint_area_m2 * thickness),
        asr_ohm_m2=totals.asr_ohm_m2,
    )


def _walk_layers(
    stack: Stack,
    base: Metrics,
    shape: tuple[int, ...],
    thickness_m: Mapping[int, ArrayLike],
    active_fraction: Mapping[int, ArrayLike],
    electrolyte_fraction: Mapping[int, ArrayLike],
) -> _Totals:
    sides, _ = analyse(stack)
    electrodes = {sides.cathode: 0, sides.anode: 1}
    interface_asr = sum(e.ohm_m2 for e in base.asr if e.kind == "interface")
    totals = _Totals(np.full(shape, stack.extra_mass_kg), np.zeros(shape), np.full(shape, interface_asr), {})
    scaled_entries = {e.layer_index: e for e in base.asr if e.kind in ("bulk", "buffer", "composite")}
    for i, layer in enumerate(stack.layers):
        length = _as_array(thickness_m.get(i, layer.thickness_m), shape)
        _checked("thickness", i, length, MIN_THICKNESS_M, MAX_THICKNESS_M)
        composite = layer.composite
        phi_a = _as_array(
            active_fraction.get(i, composite.active_fraction if composite else 1.0 - layer.porosity), shape
        )
        phi_e = _as_array(
            electrolyte_fraction.get(i, composite.electrolyte_fraction if composite else 0.0), shape
        )
        if composite is not None:
            _checked("active_fraction", i, phi_a, 1e-6, 1.0)  # no active material, no capacity
            _checked("electrolyte_fraction", i, phi_e, 1e-6, 1.0)  # no electrolyte, no ionic path
            _checked("solid fraction", i, phi_a + phi_e + composite.additive_fraction, 0.0, 1.0 + 1e-9)
        coefficients = mass_coefficients(layer)
        assert coefficients is not None  # a valid stack knows every density
        rho = coefficients.per_active * phi_a + coefficients.per_electrolyte * phi_e + coefficients.constant
        area = stack.footprint_area_m2 if layer.role.spans_footprint else stack.active_area_m2
        totals.mass_kg = totals.mass_kg + rho * length * area
        totals.thickness_m = totals.thickness_m + length
        if i in electrodes:
            charge = charge_density(layer)
            assert charge is not None
            theoretical = charge.theoretical_per_active_C_m3
            totals.capacities[electrodes[i]] = (
                charge.practical_per_active_C_m3 * phi_a * length,
                theoretical * phi_a * length if theoretical is not None else None,
            )
        entry = scaled_entries.get(i)
        if entry is not None:
            scale = length / layer.thickness_m
            if entry.kind == "composite":
                assert composite is not None
                scale = scale * (composite.electrolyte_fraction / phi_e) ** composite.bruggeman
            totals.asr_ohm_m2 = totals.asr_ohm_m2 + entry.ohm_m2 * scale
    return totals


def _cathode_window(stack: Stack, index: int) -> CathodeWindow | None:
    material = stack.layers[index].effective_material
    curve = material.ocp_curve()
    return cathode_window(curve, voltage_limits(material, curve.id)) if curve is not None else None


def _voltage(
    base: Metrics,
    cathode: Material,
    anode: Material,
    q_cell: FloatArray,
    theoretical: tuple[FloatArray | None, FloatArray | None],
    window: CathodeWindow | None,
) -> FloatArray:
    assert base.voltage is not None
    if base.voltage.definition is not EnergyDefinition.OCV_INTEGRAL:
        return np.full_like(q_cell, base.voltage.average_V)
    p_curve, n_curve = cathode.ocp_curve(), anode.ocp_curve()
    q_p_th, q_n_th = theoretical
    assert p_curve is not None and n_curve is not None and window is not None
    assert q_p_th is not None and q_n_th is not None
    mean_p = p_curve.mean_below(window.discharged_theta, q_cell / q_p_th)
    return np.asarray(mean_p - n_curve.window_mean(q_cell / q_n_th))
