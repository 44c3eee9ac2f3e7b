"""An overriding ionic conductivity is taken from the temperature it was measured at."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics.resistance import ionic_conductivity
from cellstack.core.sourced import Quality, Sourced
from tests.core.materials import LIPON

CONDUCTIVITY = "ionic_conductivity_S_m"
MEASURED = Sourced(1e-5 * u.S_PER_CM, "user", Quality.USER)


def lipon_layer(**changes: object) -> Layer:
    return replace(Layer(LIPON, 1.5 * u.UM, Role.ELECTROLYTE), **changes)  # type: ignore[arg-type]


def test_a_conductivity_measured_at_60_C_is_carried_to_25_C_by_its_activation_energy() -> None:
    hot = lipon_layer(overrides=((CONDUCTIVITY, MEASURED),), conductivity_temperature_K=333.15)
    # The same numbers as a library record measured at 60 °C give the same conductivity at 25 °C.
    record = replace(
        LIPON,
        properties=replace(
            LIPON.properties, ionic_conductivity_S_m=MEASURED, conductivity_temperature_K=333.15
        ),
    )
    at_25 = ionic_conductivity(hot.effective_material, 298.15)
    assert at_25 == pytest.approx(ionic_conductivity(record, 298.15), rel=1e-12)
    assert at_25 is not None and at_25 < MEASURED.value / 5  # Ea = 0.55 eV: about 9x lower at 25 °C
    assert ionic_conductivity(hot.effective_material, 333.15) == pytest.approx(MEASURED.value)


def test_without_a_temperature_the_override_stands_where_the_library_value_did() -> None:
    plain = lipon_layer(overrides=((CONDUCTIVITY, MEASURED),))
    assert plain.effective_material.properties.conductivity_temperature_K == 298.15  # LiPON's record
    assert ionic_conductivity(plain.effective_material, 298.15) == pytest.approx(MEASURED.value)


def test_a_temperature_needs_a_conductivity_override_and_a_sensible_value() -> None:
    with pytest.raises(InputError, match="ionic_conductivity override") as lone:
        lipon_layer(conductivity_temperature_K=333.15)
    assert lone.value.field == "overrides.ionic_conductivity.temperature"
    with pytest.raises(InputError) as hot:
        lipon_layer(overrides=((CONDUCTIVITY, MEASURED),), conductivity_temperature_K=5000.0)
    assert hot.value.field == "overrides.ionic_conductivity.temperature" and "1273.15" in str(hot.value)
    with pytest.raises(InputError):
        lipon_layer(overrides=((CONDUCTIVITY, MEASURED),), conductivity_temperature_K=float("nan"))


def test_setting_or_resetting_the_conductivity_forgets_the_old_temperature() -> None:
    hot = lipon_layer().with_override(CONDUCTIVITY, MEASURED, measured_at_K=333.15)
    assert hot.conductivity_temperature_K == 333.15
    assert hot.with_override(CONDUCTIVITY, MEASURED).conductivity_temperature_K is None
    reset = hot.with_override(CONDUCTIVITY, None)
    assert reset.overrides == () and reset.conductivity_temperature_K is None
    # Another property's override leaves the conductivity's temperature alone.
    density = Sourced(2.5 * u.G_PER_CM3, "user", Quality.USER)
    assert hot.with_override("density_kg_m3", density).conductivity_temperature_K == 333.15
