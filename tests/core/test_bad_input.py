"""Bad numbers raise the one documented error, naming the field, the value and what is allowed."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Role
from cellstack.core.sourced import user_value
from cellstack.core.stack import Stack
from tests.core.materials import LCO, LIPON

BAD_NUMBERS = [-1e-6, 0.0, math.nan, math.inf, -math.inf]


@pytest.mark.parametrize("thickness", BAD_NUMBERS)
def test_bad_thickness(thickness: float) -> None:
    with pytest.raises(InputError) as caught:
        Layer(LCO, thickness, Role.CATHODE)
    assert caught.value.field == "thickness"
    assert "expected" in str(caught.value)


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("name", ["density_kg_m3", "ionic_conductivity_S_m"])
def test_bad_overridden_property(name: str, value: float) -> None:
    with pytest.raises(InputError) as caught:
        Layer(LIPON, 1e-6, Role.ELECTROLYTE, overrides=((name, user_value(value)),))
    assert name in caught.value.field


def test_unknown_override_name() -> None:
    with pytest.raises(InputError, match="material property name"):
        Layer(LIPON, 1e-6, Role.ELECTROLYTE, overrides=(("colour", user_value(1.0)),))


def test_empty_stack() -> None:
    with pytest.raises(InputError) as caught:
        Stack(())
    assert caught.value.field == "layers"


@pytest.mark.parametrize(
    "field, changes",
    [
        ("active_area", {"active_area_m2": -1.0}),
        ("footprint_area", {"footprint_area_m2": 0.5e-4}),
        ("temperature", {"temperature_K": math.nan}),
        ("temperature", {"temperature_K": 1e4}),
        ("first_cycle_loss", {"first_cycle_loss": 1.0}),
    ],
)
def test_bad_stack_fields(field: str, changes: dict[str, float]) -> None:
    good = Stack((Layer(LCO, 1e-6, Role.CATHODE),))
    with pytest.raises(InputError) as caught:
        replace(good, **changes)
    assert caught.value.field == field


def test_composite_fractions_must_fit_in_the_volume() -> None:
    with pytest.raises(InputError, match="active \\+ electrolyte \\+ additive <= 1"):
        Composite(LIPON, active_fraction=0.7, electrolyte_fraction=0.5)
    with pytest.raises(InputError):
        Composite(LIPON, active_fraction=math.nan, electrolyte_fraction=0.3)


def test_error_message_is_one_line_with_field_value_and_range() -> None:
    try:
        Layer(LCO, -5 * u.UM, Role.CATHODE)
    except InputError as exc:
        text = exc.one_line()
        assert "\n" not in text
        assert "thickness" in text and "-5e-06" in text and "1e-10 to 0.1 m" in text
