"""The coin-size table loads into cases with SI numbers; a damaged table is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cellstack.core.errors import InputError
from cellstack.io.cell_formats import load_coin_sizes, load_laminates
from cellstack.io.library import default_library

GOOD = """
[CR2032]
diameter_mm = 20.0
height_mm = 3.2
source = "iec60086_coin_sizes"
inner_height_mm = 2.7
spacer_thickness_mm = 0.5
spring_compressed_mm = 0.5
[CR2032.parts]
case = { mass_mg = 1000.0, volume_mm3 = 125.0, source = "s" }
cap = { mass_mg = 800.0, volume_mm3 = 100.0, source = "s" }
gasket = { mass_mg = 45.0, volume_mm3 = 50.0, source = "s" }
spacer = { mass_mg = 780.0, volume_mm3 = 98.0, source = "s" }
spring = { mass_mg = 170.0, volume_mm3 = 21.0, source = "s" }
"""


def test_shipped_sizes_load_and_cite_known_references() -> None:
    sizes = load_coin_sizes()
    assert {"CR2032", "CR2025", "CR2016"} <= set(sizes)
    assert sizes["CR2032"].diameter_m == pytest.approx(20e-3)
    assert sizes["CR2016"].height_m == pytest.approx(1.6e-3)
    references = default_library().references
    assert all(case.source in references for case in sizes.values())


def test_units_are_converted_to_si(tmp_path: Path) -> None:
    path = tmp_path / "coins.toml"
    path.write_text(GOOD, encoding="utf-8")
    case = load_coin_sizes(path)["CR2032"]
    assert case.spacer.mass_kg == pytest.approx(780e-6)
    assert case.spacer.volume_m3 == pytest.approx(98e-9)
    assert [p.name for p in case.parts] == ["case", "cap", "gasket", "spring"]
    assert case.inner_height_m == pytest.approx(2.7e-3)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("mass_mg = 780.0", "mass_mg = -1.0"), "mass_mg"),
        (("height_mm = 3.2", "height_mm = 'tall'"), "height_mm"),
        (("inner_height_mm = 2.7", "inner_height_mm = 9.0"), "inner_height"),
        (("spring_compressed_mm = 0.5", "spring_compressed_mm = 0.5\ncolour = 'red'"), "colour"),
        (("[CR2032.parts]", "[CR2032.parts"), "(file)"),
    ],
)
def test_damaged_table_is_refused_in_one_line(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    path = tmp_path / "coins.toml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_coin_sizes(path)
    message = str(info.value)
    assert field in message and "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="readable file"):
        load_coin_sizes(tmp_path / "absent.toml")


def test_shipped_laminate_is_batpacs() -> None:
    laminate = load_laminates()["batpac_pet_al_pp"]
    assert laminate.thickness_m == pytest.approx(150e-6)
    assert laminate.density_kg_m3 == pytest.approx(2202.0)


def test_damaged_laminate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laminates.toml"
    path.write_text(
        '[x]\nname = "x"\nthickness_um = -5\ndensity_g_cm3 = 1.7\nseal_width_mm = 5\nsource = "s"\n'
    )
    with pytest.raises(InputError, match="thickness_um"):
        load_laminates(path)
