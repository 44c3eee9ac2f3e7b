"""Values at the limits of every range the loader accepts (hypothesis).

Thicknesses, composite fractions, particle radius, coating, diffusivity, conductivity, activation
energy and temperature are drawn from their limits (and the smallest positive double, which the
loader takes for any "> 0") or from inside their ranges. Whatever the combination, the metrics and
the discharge either raise the project's InputError or return finite numbers, with no negative
capacity, voltage or energy and no "inf" or "nan" in any text.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cellstack.core.discharge import ragone, rate_capability, simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.layer import MAX_THICKNESS_M, MIN_THICKNESS_M
from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.sourced import user_value
from cellstack.core.stack import MAX_TEMPERATURE_K, MIN_TEMPERATURE_K, Stack
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
COMPOSITE = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", LIBRARY).stack
FILM = load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack", LIBRARY).stack
SMALLEST = 5e-324
NOT_A_NUMBER = re.compile(r"\b(inf|infinity|nan)\b", re.IGNORECASE)
SETTINGS = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def edge_or_inside(edges: list[float], low: float, high: float) -> st.SearchStrategy[float]:
    """Mostly the limits, sometimes a value inside (log-uniform where the range spans decades)."""
    if low > 0.0 and high / low > 100.0:
        inside = st.floats(math.log10(low), math.log10(high)).map(lambda x: 10.0**x)
    else:
        inside = st.floats(low, high)
    return st.one_of(st.sampled_from(edges), inside)


thickness = edge_or_inside([MIN_THICKNESS_M, 1e-9, MAX_THICKNESS_M], MIN_THICKNESS_M, MAX_THICKNESS_M)
fraction = edge_or_inside([0.0, SMALLEST, 1e-300, 1e-9, 0.99], 0.0, 0.99)
diffusivity = edge_or_inside([SMALLEST, 1e-300, 1e-40, 1e-6], 1e-40, 1e-6)  # m²/s, loader: > 0 to 1e-6
conductivity = edge_or_inside([SMALLEST, 1e-300, 1e-98, 1e3], 1e-12, 1e3)  # S/m, loader: > 0 to 1e3
activation = edge_or_inside([0.0, 3.0], 0.0, 3.0)  # eV
temperature = edge_or_inside([MIN_TEMPERATURE_K, MAX_TEMPERATURE_K], MIN_TEMPERATURE_K, MAX_TEMPERATURE_K)
radius = edge_or_inside([1e-9, 1e-3], 1e-9, 1e-3)
coating = edge_or_inside([0.0, 1e-6], 0.0, 1e-6)


def override(stack: Stack, index: int, name: str, value: float) -> Stack:
    return stack.replacing(index, stack.layers[index].with_override(name, user_value(value)))


@st.composite
def edge_stacks(draw: st.DrawFn) -> Stack:
    """The shipped composite NMC811 cell or the thin-film LiCoO2 cell, with edge values."""
    composite = draw(st.booleans())
    stack = COMPOSITE if composite else FILM
    cathode = stack.indices_with_role(Role.CATHODE)[0]
    separator = stack.indices_with_role(Role.ELECTROLYTE)[0]
    layer = stack.layers[cathode].with_thickness(draw(thickness))
    if composite:
        assert layer.composite is not None
        room = 1.0 - layer.composite.additive_fraction
        active = min(draw(fraction), room)
        electrolyte = min(draw(fraction), max(0.0, room - active))
        layer = replace(
            layer,
            composite=replace(
                layer.composite,
                active_fraction=active,
                electrolyte_fraction=electrolyte,
                particle_radius_m=draw(radius),
                coating_thickness_m=draw(coating),
            ),
        )
    else:
        layer = replace(layer, porosity=draw(fraction))
    stack = stack.replacing(cathode, layer)
    stack = stack.replacing(separator, stack.layers[separator].with_thickness(draw(thickness)))
    stack = override(stack, cathode, "diffusivity_m2_s", draw(diffusivity))
    stack = override(stack, separator, "ionic_conductivity_S_m", draw(conductivity))
    stack = override(stack, separator, "activation_energy_eV", draw(activation))
    return replace(stack, temperature_K=draw(temperature))


def non_finite(value: object, path: str = "") -> Iterator[str]:
    """Paths of the non-finite numbers anywhere in a result."""
    if isinstance(value, float | np.ndarray) and not np.all(np.isfinite(value)):
        yield path
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from non_finite(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from non_finite(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from non_finite(item, f"{path}[{key!r}]")


def texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item)


def assert_sane(result: object) -> None:
    assert list(non_finite(result)) == []
    shown = [text for text in texts(result) if NOT_A_NUMBER.search(text)]
    assert shown == []


@SETTINGS
@given(edge_stacks())
def test_metrics_are_finite_and_never_negative(stack: Stack) -> None:
    metrics = compute_metrics(stack, LIBRARY.interfaces)
    assert_sane(metrics)
    assert metrics.capacity_C is None or metrics.capacity_C > 0.0
    assert metrics.average_voltage_V is None or metrics.average_voltage_V > 0.0
    # Energies of a cell holding 1e-300 C may underflow to 0, never below.
    assert metrics.energy_J is None or metrics.energy_J >= 0.0
    assert all(
        level.specific_energy_J_kg is None or level.specific_energy_J_kg >= 0.0 for level in metrics.levels
    )
    assert metrics.max_power_W is None or metrics.max_power_W >= 0.0
    if metrics.valid:
        assert metrics.capacity_C is not None and metrics.energy_J is not None


@SETTINGS
@given(edge_stacks())
def test_discharges_raise_input_error_or_are_finite_and_never_negative(stack: Stack) -> None:
    try:
        rates = rate_capability(stack, LIBRARY.interfaces, (0.1, 1.0, 100.0))
    except InputError as exc:
        assert "\n" not in exc.one_line()
        return
    assert_sane(rates)
    assert np.all(rates.capacity_C >= 0.0) and np.all(rates.energy_J >= 0.0)
    assert np.all(rates.average_voltage_V >= 0.0)
    for started, reason, capacity in zip(rates.started, rates.end_reasons, rates.capacity_C, strict=True):
        assert started != reason.startswith("cannot start:")
        assert started or capacity == 0.0
    charge = simulate_discharge(stack, LIBRARY.interfaces, 1.0, charge=True)
    assert_sane(charge)
    assert charge.energy_J >= 0.0 and charge.average_voltage_V >= 0.0
    try:
        curve = ragone(stack, LIBRARY.interfaces, (0.1, 100.0))
    except InputError:
        return
    assert_sane(curve)
    assert np.all(curve.specific_energy_J_kg >= 0.0) and np.all(curve.specific_power_W_kg >= 0.0)
