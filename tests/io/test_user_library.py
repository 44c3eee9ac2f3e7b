"""The user's own materials: saved atomically, loaded beside the installed ones, marked, never
allowed to take an installed id; exchange currents carried by records and used by the discharge."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.core.discharge import simulate_discharge
from cellstack.core.discharge.kinetics import Kinetics
from cellstack.core.errors import InputError
from cellstack.core.material import Material, Role
from cellstack.core.sourced import Quality, Sourced
from cellstack.io.library import default_library, load_library, with_user_materials
from cellstack.io.material_records import read_material, write_material
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from cellstack.io.user_library import (
    ENV_MATERIALS_DIR,
    USER_ORIGIN,
    delete_user_material,
    export_material,
    free_user_id,
    load_user_materials,
    read_material_file,
    save_user_material,
)

INSTALLED = load_library()


def _mine(material_id: str = "my_nmc") -> Material:
    return dataclasses.replace(INSTALLED.material("nmc811"), id=material_id, name="My NMC811")


def test_a_saved_material_loads_back_marked_as_the_users(tmp_path: Path) -> None:
    material = _mine()
    path = save_user_material(material, INSTALLED.materials, tmp_path)
    assert path == tmp_path / "my_nmc.toml"
    library = with_user_materials(INSTALLED, tmp_path)
    loaded = library.material("my_nmc")
    assert loaded == material and loaded.origin == USER_ORIGIN
    assert library.material("nmc811").origin == ""
    assert library.user_problems == ()


def test_an_installed_id_is_refused_on_save_and_left_out_on_load(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nmc811"):
        save_user_material(INSTALLED.material("nmc811"), INSTALLED.materials, tmp_path)
    assert list(tmp_path.iterdir()) == []
    export_material(INSTALLED.material("nmc811"), tmp_path / "nmc811.toml")  # put there by hand
    mine, problems = load_user_materials(tmp_path, INSTALLED.materials)
    assert mine == {}
    assert len(problems) == 1 and "nmc811" in problems[0] and "installed" in problems[0]


def test_saving_over_ones_own_record_needs_replace(tmp_path: Path) -> None:
    save_user_material(_mine(), INSTALLED.materials, tmp_path)
    with pytest.raises(InputError, match="already used"):
        save_user_material(_mine(), INSTALLED.materials, tmp_path)
    renamed = dataclasses.replace(_mine(), name="Renamed")
    save_user_material(renamed, INSTALLED.materials, tmp_path, replace_own=True)
    assert read_material_file(tmp_path / "my_nmc.toml").name == "Renamed"


def test_a_measured_value_round_trips_through_the_users_folder(tmp_path: Path) -> None:
    sigma = Sourced(0.061, "our EIS, pellet 3", Quality.MEASURED)
    path = save_user_material(
        _mine().with_properties(ionic_conductivity_S_m=sigma), INSTALLED.materials, tmp_path
    )
    assert 'quality = "measured"' in path.read_text()
    loaded, _ = load_user_materials(tmp_path, INSTALLED.materials)
    assert loaded["my_nmc"].properties.ionic_conductivity_S_m == sigma


def test_a_record_the_library_could_not_read_back_is_not_written(tmp_path: Path) -> None:
    too_dense = _mine().with_properties(density_kg_m3=Sourced(90_000.0, "typo"))
    with pytest.raises(InputError, match="density"):
        save_user_material(too_dense, INSTALLED.materials, tmp_path)
    with pytest.raises(InputError, match="name"):
        save_user_material(dataclasses.replace(_mine(), name=" "), INSTALLED.materials, tmp_path)
    assert not list(tmp_path.glob("*.toml"))


def test_a_deleted_record_is_gone_and_a_free_id_skips_the_folders(tmp_path: Path) -> None:
    save_user_material(_mine(), INSTALLED.materials, tmp_path)
    assert free_user_id("my_nmc", INSTALLED.materials, tmp_path) == "my_nmc2"
    assert free_user_id("nmc811", INSTALLED.materials, tmp_path) == "nmc8112"
    delete_user_material("my_nmc", tmp_path)
    assert not list(tmp_path.glob("*.toml"))
    with pytest.raises(InputError, match="my_nmc"):
        delete_user_material("my_nmc", tmp_path)
    with pytest.raises(InputError):
        delete_user_material("../escape", tmp_path)


def test_a_broken_user_file_is_named_and_does_not_stop_the_library(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("id = [", encoding="utf-8")
    (tmp_path / "wrong_name.toml").write_text('id = "other"\nname = "x"\nroles = ["cathode"]\n')
    save_user_material(_mine(), INSTALLED.materials, tmp_path)
    library = with_user_materials(INSTALLED, tmp_path)
    assert "my_nmc" in library.materials
    assert len(library.user_problems) == 2
    assert any("broken.toml" in p for p in library.user_problems)
    assert any("wrong_name" in p for p in library.user_problems)


def test_materials_command_marks_the_users_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    save_user_material(_mine(), INSTALLED.materials, tmp_path)
    (tmp_path / "broken.toml").write_text("id = [", encoding="utf-8")
    monkeypatch.setenv(ENV_MATERIALS_DIR, str(tmp_path))
    default_library.cache_clear()
    try:
        assert main(["materials", "--role", "cathode"]) == 0
        out, err = capsys.readouterr()
        mine = next(line for line in out.splitlines() if line.startswith("my_nmc "))
        assert mine.endswith("(yours)")
        assert not next(line for line in out.splitlines() if line.startswith("nmc811 ")).endswith("(yours)")
        assert "broken.toml" in err
        assert main(["materials", "--json"]) == 0
        records = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
        assert records["my_nmc"]["origin"] == "user" and "origin" not in records["nmc811"]
    finally:
        default_library.cache_clear()


def test_an_exchange_current_in_the_record_sets_the_discharge_kinetics() -> None:
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", INSTALLED)
    stack = project.stack
    index = next(i for i, layer in enumerate(stack.layers) if layer.role is Role.CATHODE)
    j0, energy = 2.5, 30e3
    material = stack.layers[index].material.with_properties(
        exchange_current_A_m2=Sourced(j0, "user", Quality.USER),
        exchange_current_activation_energy_J_mol=Sourced(energy, "user", Quality.USER),
    )
    layers = list(stack.layers)
    layers[index] = dataclasses.replace(layers[index], material=material)
    stated = dataclasses.replace(stack, layers=tuple(layers))
    given = simulate_discharge(
        stack, INSTALLED.interfaces, 1.0, kinetics={Role.CATHODE: Kinetics(j0, energy, source="user")}
    )
    from_record = simulate_discharge(stated, INSTALLED.interfaces, 1.0)
    assert from_record.voltage_V.tolist() == given.voltage_V.tolist()
    plain = simulate_discharge(stack, INSTALLED.interfaces, 1.0)
    assert plain.voltage_V.tolist() != given.voltage_V.tolist()
    # ... and the record carries it through a file.
    assert read_material(json.loads(json.dumps(write_material(material)))) == material
