"""Every design-study output has a name a person reads, which says the level it counts."""

from __future__ import annotations

import pytest

from cellstack.core.explore.outputs import OUTPUT_KEYS
from cellstack.io.output_names import key_unit_text, output_label, output_name

# The same number under a second key: `compute --json` lists the full stack's totals at the top.
ALIASES = {f"levels.full_stack.{name}": name for name in ("mass_g", "thickness_um")} | {
    f"levels.full_stack.{name}": name for name in ("specific_energy_Wh_kg", "energy_density_Wh_L")
}


@pytest.mark.parametrize("key", OUTPUT_KEYS)
def test_each_output_has_a_name_of_its_own(key: str) -> None:
    name = output_name(key)
    assert name != key and "_" not in name and name[0].isupper()


def test_two_outputs_share_a_name_only_when_they_are_the_same_number() -> None:
    by_name: dict[str, list[str]] = {}
    for key in OUTPUT_KEYS:
        by_name.setdefault(output_name(key), []).append(key)
    shared = {tuple(keys) for keys in by_name.values() if len(keys) > 1}
    assert shared == {(alias, key) for key, alias in ALIASES.items()}


def test_a_density_names_its_level_and_a_cell_level_is_told_from_the_stacks() -> None:
    assert output_name("specific_energy_Wh_kg") == "Specific energy, full stack"
    assert output_name("levels.electrode_pair.specific_energy_Wh_kg") == "Specific energy, electrode pair"
    assert output_name("cell.levels.electrode_pair.mass_g") == "Cell mass, electrode pairs"
    assert output_name("cell.levels.cell_with_fixture.energy_density_Wh_L") == (
        "Cell energy density, with fixture"
    )


@pytest.mark.parametrize(
    ("key", "unit"),
    [
        ("areal_capacity_mAh_cm2", "mAh/cm²"),
        ("area_cm2", "cm²"),
        ("asr_ohm_cm2", "Ω·cm²"),
        ("specific_power_W_kg", "W/kg"),
        ("cell.levels.cell.thickness_mm", "mm"),
        ("lithium_excess_um", "µm"),
        ("temperature_C", "°C"),
        ("np_ratio", ""),
        ("delivered_fraction", ""),
        ("cell.units", ""),
    ],
)
def test_the_unit_a_key_names(key: str, unit: str) -> None:
    assert key_unit_text(key) == unit


def test_an_unknown_key_is_shown_as_it_is() -> None:
    assert output_name("levels.nowhere.mass_g") == "levels.nowhere.mass_g"


def test_a_label_in_the_keys_own_unit() -> None:
    assert output_label("energy_mWh") == "Stack energy (mWh)"
    assert output_label("cell.capacity_Ah") == "Cell capacity (Ah)"
    assert output_label("np_ratio") == "N/P ratio"
