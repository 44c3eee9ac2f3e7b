"""The shipped materials library loads, cites known references and reproduces the review's tables."""

from __future__ import annotations

import pytest

from cellstack.core import units as u
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.sourced import Quality, Sourced
from cellstack.core.stack import Stack
from cellstack.io.library import Library, default_library


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def test_every_role_has_materials(library: Library) -> None:
    for role in Role:
        assert library.by_role(role), role


def test_every_number_has_a_source_and_a_quality(library: Library) -> None:
    for material in library.materials.values():
        for key in material.sources():
            assert key in library.references, (material.id, key)


@pytest.mark.parametrize(
    "material_id",
    [
        "li_metal",
        "graphite",
        "lipon",
        "llzo",
        "li6ps5cl",
        "li3ps4",
        "lfp",
        "nmc111",
        "nmc532",
        "nmc811",
        "lnmo",
        "si",
        "linbo3",
        "li3bo3",
        "li3po4",
        "al2o3",
        "zno",
        "ito",
        "al",
        "cu",
        "ni",
        "pt",
        "au",
        "ti",
        "stainless_steel",
        "si_wafer",
        "mica",
        "polyimide",
        "alumina_96",
        "parylene_c",
        "pouch_laminate",
    ],
)
def test_baseline_materials_exist(library: Library, material_id: str) -> None:
    assert material_id in library.materials


def test_all_thirty_table3_electrolytes(library: Library) -> None:
    table3 = [
        m
        for m in library.materials.values()
        if m.has_role(Role.ELECTROLYTE)
        and "Table 3" in " ".join(s.note for s in (m.properties.ionic_conductivity_S_m,) if s is not None)
    ]
    assert len(table3) >= 30


def test_li_metal_capacity_is_the_reviews_3860(library: Library) -> None:
    q = library.material("li_metal").properties.capacity_theoretical_C_kg
    assert q is not None and q.value / u.MAH_PER_G == pytest.approx(3860, rel=1e-3)


def test_llzo_typo_is_corrected_and_documented(library: Library) -> None:
    llzo = library.material("llzo_55")
    assert llzo.formula == "Li7La3Zr2O12"
    assert any("Li7La2Zr2O12" in note for note in llzo.notes)


def _film_rows(material: Material) -> list[tuple[float, float, str]]:
    """(capacity C/kg, reported C/m³, label) for the record and each of its measurements."""
    rows = []
    props = material.properties
    if props.capacity_practical_C_kg and props.reported_volumetric_capacity_C_m3:
        rows.append(
            (
                props.capacity_practical_C_kg.value,
                props.reported_volumetric_capacity_C_m3.value,
                props.capacity_practical_C_kg.condition,
            )
        )
    for m in material.measurements:
        if m.reported_volumetric_capacity_C_m3 is not None:
            rows.append((m.capacity_practical_C_kg, m.reported_volumetric_capacity_C_m3, m.note))
    return rows


def _film_areal_capacity(library: Library, material: Material, capacity_C_kg: float) -> float:
    """The electrode's areal capacity per µm of film, computed by compute_metrics."""
    role = Role.CATHODE if material.has_role(Role.CATHODE) else Role.ANODE
    layer = Layer(
        material,
        1 * u.UM,
        role,
        overrides=(("capacity_practical_C_kg", Sourced(capacity_C_kg, "yang2020", Quality.REPORTED)),),
    )
    collector = Layer(library.material("pt"), 0.1 * u.UM, Role.CURRENT_COLLECTOR)
    metrics = compute_metrics(Stack((collector, layer)))
    capacity = metrics.layers[1].areal_capacity_C_m2
    assert capacity is not None
    return capacity / u.UM  # C per m² per m of film


def test_tables_6_and_7_volumetric_capacity_columns(library: Library) -> None:
    films = [m for m in library.materials.values() if m.thin_film and _film_rows(m)]
    assert len(films) >= 10
    rows = 0
    for material in films:
        for capacity, reported, label in _film_rows(material):
            computed = _film_areal_capacity(library, material, capacity)
            # The column is printed as whole µAh cm⁻² µm⁻¹, and some mAh/g values were
            # back-calculated from it, so both are rounded: allow one unit of the column.
            assert computed / u.UAH_PER_CM2_UM == pytest.approx(reported / u.UAH_PER_CM2_UM, abs=1.0), (
                material.id,
                label,
            )
            rows += 1
    assert rows == 33  # Table 6 has 14 rows, Table 7 has 19


def test_lipon_from_the_library_gives_43_ohm_cm2(library: Library) -> None:
    lipon = library.material("lipon")
    sigma = lipon.properties.ionic_conductivity_S_m
    assert sigma is not None and sigma.value / u.S_PER_CM == pytest.approx(2.3e-6)
    assert sigma.source == "yu1997"
