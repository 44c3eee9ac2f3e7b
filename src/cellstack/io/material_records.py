"""Material records (library TOML files and materials embedded in project files) <-> Material.

The same record shape serves both: display units on disk, SI in the core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.material import (
    AirSensitivity,
    ArrheniusForm,
    CapacityMeasurement,
    Material,
    Properties,
    Role,
)
from cellstack.core.sourced import Quality, Sourced
from cellstack.io.diffusivity_records import read_diffusivity_curve, write_diffusivity_curve
from cellstack.io.exact_units import celsius_to_kelvin
from cellstack.io.fields import Fields
from cellstack.io.ocp_records import read_ocp, write_ocp_table

MAX_MEASUREMENTS = 20  # the shipped records have at most 7; bounds the time to read a record
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,79}$")


@dataclass(frozen=True)
class PropertySpec:
    key: str  # name on disk
    field: str  # name in cellstack.core.material.Properties
    unit: str
    factor: float  # SI = value on disk * factor
    low: float  # physical range on disk, inclusive
    high: float
    positive: bool = False  # zero is not allowed either


PROPERTY_SPECS: tuple[PropertySpec, ...] = (
    PropertySpec("density", "density_kg_m3", "g/cm3", u.G_PER_CM3, 0.0, 25.0, True),
    PropertySpec("capacity_theoretical", "capacity_theoretical_C_kg", "mAh/g", u.MAH_PER_G, 0, 5000, True),
    PropertySpec("capacity_practical", "capacity_practical_C_kg", "mAh/g", u.MAH_PER_G, 0, 5000, True),
    PropertySpec("voltage_average", "voltage_average_V", "V", 1.0, -0.5, 10.0),
    PropertySpec("voltage_cutoff_low", "voltage_cutoff_low_V", "V", 1.0, 0.0, 10.0),
    PropertySpec("voltage_cutoff_high", "voltage_cutoff_high_V", "V", 1.0, 0.0, 10.0),
    PropertySpec("c_max", "c_max_mol_m3", "mol/m3", 1.0, 0.0, 1e6, True),
    PropertySpec("diffusivity", "diffusivity_m2_s", "cm2/s", u.CM2_PER_S, 0.0, 1e-2, True),
    PropertySpec("ionic_conductivity", "ionic_conductivity_S_m", "S/cm", u.S_PER_CM, 0.0, 10.0, True),
    PropertySpec("activation_energy", "activation_energy_eV", "eV", 1.0, 0.0, 3.0),
    PropertySpec(
        "electronic_conductivity", "electronic_conductivity_S_m", "S/cm", u.S_PER_CM, 0.0, 1e7, True
    ),
    PropertySpec("stability_window_low", "stability_window_low_V", "V", 1.0, -1.0, 12.0),
    PropertySpec("stability_window_high", "stability_window_high_V", "V", 1.0, -1.0, 12.0),
    PropertySpec("volume_change", "volume_change_fraction", "%", u.PERCENT, -100.0, 1000.0),
    PropertySpec(
        "reported_volumetric_capacity",
        "reported_volumetric_capacity_C_m3",
        "uAh/cm2/um",
        u.UAH_PER_CM2_UM,
        0.0,
        5000.0,
        True,
    ),
)
# Charge-transfer kinetics of an electrode material (docs/materials-format.md, "Kinetics").
KINETICS_SPECS: tuple[PropertySpec, ...] = (
    PropertySpec("exchange_current", "exchange_current_A_m2", "A/m2", 1.0, 0.0, 1e5, True),
    PropertySpec(
        "exchange_current_activation_energy",
        "exchange_current_activation_energy_J_mol",
        "kJ/mol",
        1e3,
        0,
        500,
    ),
    PropertySpec(
        "diffusivity_activation_energy", "diffusivity_activation_energy_J_mol", "kJ/mol", 1e3, 0, 500
    ),
)
# Every property a record (or a layer's overrides) may hold. PROPERTY_SPECS stays the older set,
# which the app's overrides table lists one label each.
RECORD_SPECS = PROPERTY_SPECS + KINETICS_SPECS
SPEC_BY_KEY = {spec.key: spec for spec in RECORD_SPECS}
SPEC_BY_FIELD = {spec.field: spec for spec in RECORD_SPECS}

_RECORD_KEYS = frozenset(
    {
        "id",
        "family",
        "name",
        "formula",
        "roles",
        "category",
        "description",
        "dopants",
        "crystal_structure",
        "deposition_method",
        "form",
        "air_sensitivity",
        "arrhenius_form",
        "ocp",
        "ocp_table",
        "notes",
        "properties",
        "measurements",
        "diffusivity_curve",
    }
)
_PROPERTY_KEYS = frozenset(
    {
        "value",
        "unit",
        "source",
        "quality",
        "note",
        "condition",
        "rate_C",
        "current_density_uA_cm2",
        "voltage_window",
        "temperature_C",
    }
)
_MEASUREMENT_KEYS = frozenset(
    {
        "capacity_practical",
        "reported_volumetric_capacity",
        "rate_C",
        "current_density_uA_cm2",
        "source",
        "quality",
        "note",
        "voltage_window",
    }
)
ROLE_VALUES = tuple(r.value for r in Role)
QUALITY_VALUES = tuple(q.value for q in Quality)


def read_material(data: object, path: str = "", origin: str = "") -> Material:
    f = Fields(data, path, origin)
    f.check_keys(_RECORD_KEYS)
    material_id = f.string("id")
    if not ID_PATTERN.match(material_id):
        raise f.error("id", material_id, "lowercase letters, digits and _ (at most 80)")
    roles = f.strings("roles")
    if not roles:
        raise f.error("roles", [], "at least one of " + ", ".join(ROLE_VALUES))
    for i, role in enumerate(roles):
        if role not in ROLE_VALUES:
            raise InputError(f"{f.at('roles')}[{i}]", role, "one of " + ", ".join(ROLE_VALUES), origin)
    properties, t_ref = _read_properties(f)
    curve_id, curve_table = read_ocp(f)
    return Material(
        id=material_id,
        name=f.string("name"),
        formula=f.string("formula", ""),
        roles=tuple(Role(r) for r in roles),
        properties=Properties(**properties, conductivity_temperature_K=t_ref),
        family=f.string("family", ""),
        category=f.string("category", ""),
        description=f.string("description", ""),
        dopants=f.strings("dopants"),
        crystal_structure=f.string("crystal_structure", ""),
        deposition_method=f.string("deposition_method", ""),
        thin_film=f.choice("form", ("bulk", "thin_film"), "bulk") == "thin_film",
        air_sensitivity=AirSensitivity(
            f.choice("air_sensitivity", tuple(a.value for a in AirSensitivity), "stable")
        ),
        arrhenius_form=ArrheniusForm(
            f.choice("arrhenius_form", tuple(a.value for a in ArrheniusForm), "sigma")
        ),
        ocp=curve_id,
        ocp_table=curve_table,
        notes=f.strings("notes"),
        measurements=_read_measurements(f),
        diffusivity_curve=read_diffusivity_curve(f),
    )


def _read_properties(f: Fields) -> tuple[dict[str, Sourced], float | None]:
    values: dict[str, Sourced] = {}
    t_ref: float | None = None
    if not f.has("properties"):
        return values, t_ref
    props = f.child("properties")
    props.check_keys(frozenset(SPEC_BY_KEY))
    for key in props.data:
        spec = SPEC_BY_KEY[key]
        entry = props.child(key)
        values[spec.field] = read_sourced(entry, spec)
        if key == "ionic_conductivity":
            # Absent stays absent (the core then assumes 25 °C): writing a default back would
            # add a temperature, and with it a condition text, on every save.
            measured_at = entry.optional_number("temperature_C", -100.0, 1000.0, "°C")
            t_ref = celsius_to_kelvin(measured_at) if measured_at is not None else None
    return values, t_ref


def read_sourced(entry: Fields, spec: PropertySpec) -> Sourced:
    entry.check_keys(_PROPERTY_KEYS)
    unit = entry.string("unit")
    if unit != spec.unit:
        raise entry.error("unit", unit, f'"{spec.unit}"')
    value = entry.number("value", spec.low, spec.high, spec.unit, low_inclusive=not spec.positive)
    si_value = value * spec.factor
    if spec.positive:
        entry.nonzero_si("value", si_value, spec.unit)
    measured = _condition(entry)  # always read: its numbers are range-checked even when unused
    return Sourced(
        value=si_value,
        source=entry.string("source"),
        quality=Quality(entry.choice("quality", QUALITY_VALUES, "reported")),
        note=entry.string("note", ""),
        condition=entry.string("condition", "") or measured,
    )


def _condition(entry: Fields) -> str:
    parts = []
    rate = entry.optional_number("rate_C", 0.0, 1e4, "C")
    if rate is not None:
        parts.append(f"{rate:g} C")
    current = entry.optional_number("current_density_uA_cm2", 0.0, 1e7, "µA/cm²")
    if current is not None:
        parts.append(f"{current:g} µA/cm²")
    window = entry.string("voltage_window", "")
    if window:
        parts.append(window)
    temperature = entry.optional_number("temperature_C", -100.0, 1000.0, "°C")
    if temperature is not None:
        parts.append(f"{temperature:g} °C")
    return ", ".join(parts)


def _read_measurements(f: Fields) -> tuple[CapacityMeasurement, ...]:
    raw = f.data.get("measurements", [])
    if not isinstance(raw, list) or len(raw) > MAX_MEASUREMENTS:
        raise f.error("measurements", raw, f"a list of at most {MAX_MEASUREMENTS} measurement tables")
    result = []
    for i, item in enumerate(raw):
        m = Fields(item, f"{f.at('measurements')}[{i}]", f.origin)
        m.check_keys(_MEASUREMENT_KEYS)
        volumetric = m.optional_number("reported_volumetric_capacity", 0.0, 5000.0, "uAh/cm2/um")
        current = m.optional_number("current_density_uA_cm2", 0.0, 1e7, "µA/cm²")
        result.append(
            CapacityMeasurement(
                capacity_practical_C_kg=m.number(
                    "capacity_practical", 0.0, 5000.0, "mAh/g", low_inclusive=False
                )
                * u.MAH_PER_G,
                source=m.string("source"),
                reported_volumetric_capacity_C_m3=(
                    volumetric * u.UAH_PER_CM2_UM if volumetric is not None else None
                ),
                rate_C=m.optional_number("rate_C", 0.0, 1e4, "C"),
                current_density_A_m2=current * 1e-2 if current is not None else None,
                note=m.string("note", ""),
            )
        )
    return tuple(result)


def _display(value: float) -> float:
    """Twelve significant digits: enough for any measured value, and stable across round trips."""
    return float(f"{value:.12g}")


def write_material(material: Material) -> dict[str, Any]:
    """The record of a material, in the same shape the library files use."""
    record: dict[str, Any] = {
        "id": material.id,
        "name": material.name,
        "roles": [r.value for r in material.roles],
    }
    optional: dict[str, Any] = {
        "family": material.family,
        "formula": material.formula,
        "category": material.category,
        "description": material.description,
        "dopants": list(material.dopants),
        "crystal_structure": material.crystal_structure,
        "deposition_method": material.deposition_method,
        "form": "thin_film" if material.thin_film else "",
        "air_sensitivity": material.air_sensitivity.value
        if material.air_sensitivity is not AirSensitivity.STABLE
        else "",
        "arrhenius_form": material.arrhenius_form.value
        if material.arrhenius_form is not ArrheniusForm.SIGMA
        else "",
        "ocp": material.ocp,
        "notes": list(material.notes),
    }
    record.update({k: v for k, v in optional.items() if v})
    write_ocp_table(record, material.ocp_table)
    properties: dict[str, Any] = {}
    for spec in RECORD_SPECS:
        value = getattr(material.properties, spec.field)
        if value is None:
            continue
        entry = write_sourced(value, spec)
        if spec.key == "ionic_conductivity" and material.properties.conductivity_temperature_K is not None:
            entry["temperature_C"] = _display(
                u.kelvin_to_celsius(material.properties.conductivity_temperature_K)
            )
        properties[spec.key] = entry
    if properties:
        record["properties"] = properties
    if material.measurements:
        record["measurements"] = [_write_measurement(m) for m in material.measurements]
    if material.diffusivity_curve is not None:
        record["diffusivity_curve"] = write_diffusivity_curve(material.diffusivity_curve)
    return record


def write_sourced(value: Sourced, spec: PropertySpec) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "value": _display(value.value / spec.factor),
        "unit": spec.unit,
        "source": value.source,
        "quality": value.quality.value,
    }
    if value.note:
        entry["note"] = value.note
    if value.condition:
        entry["condition"] = value.condition
    return entry


def _write_measurement(m: CapacityMeasurement) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "capacity_practical": _display(m.capacity_practical_C_kg / u.MAH_PER_G),
        "source": m.source,
    }
    if m.reported_volumetric_capacity_C_m3 is not None:
        entry["reported_volumetric_capacity"] = _display(
            m.reported_volumetric_capacity_C_m3 / u.UAH_PER_CM2_UM
        )
    if m.rate_C is not None:
        entry["rate_C"] = m.rate_C
    if m.current_density_A_m2 is not None:
        entry["current_density_uA_cm2"] = _display(m.current_density_A_m2 * 1e2)
    if m.note:
        entry["note"] = m.note
    return entry
