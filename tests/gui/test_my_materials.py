"""My materials: a layer's changed material saved to the user's folder from the app is marked as
the user's in the palette, read by a fresh library and computes the same numbers in a design."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cellstack.core.material import Sourced
from cellstack.core.metrics import compute_metrics
from cellstack.gui.context_menus import layer_menu
from cellstack.gui.document import Document
from cellstack.gui.widgets.palette import MaterialsPalette
from cellstack.io.library import load_library, with_user_materials
from cellstack.io.project import loads_project, project_document


def test_a_layer_with_overrides_saved_to_my_materials_computes_the_same_in_a_fresh_library(
    shown_window, document: Document, own_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    for box in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, box, lambda _parent, _title, text: said.append(text))
    window = shown_window(document)
    layer = document.stack.layers[1]
    changed = replace(layer, overrides=(("density_kg_m3", Sourced(4900.0, "user")),))
    document.replace_layer(1, changed, "Change density")
    menu = layer_menu(document, 1, lambda: None, window.stack_view)
    save = next(a for a in menu.actions() if a.text() == "Save to &my materials")
    save.trigger()
    assert len(said) == 1 and said[0].startswith("Saved"), said
    files = list(own_folder.glob("*.toml"))
    assert [f.stem for f in files] == [f"{layer.material.id}_mine"]
    palette = window.findChild(MaterialsPalette)
    palette.search.setText("yours")
    assert palette.proxy.rowCount() >= 1
    names = [palette.model.item(r).child(c).text() for r in range(palette.model.rowCount())
             for c in range(palette.model.item(r).rowCount())]  # fmt: skip
    assert f"★ {layer.material.name} (mine)" in names

    fresh = with_user_materials(load_library(), own_folder)  # another start, the folder alone
    mine = fresh.materials[files[0].stem]
    assert mine.properties.density_kg_m3 is not None and mine.properties.density_kg_m3.value == 4900.0
    data = project_document(document.project)
    data["stack"]["layers"][1] = {**data["stack"]["layers"][1], "material": mine.id}
    data["stack"]["layers"][1].pop("overrides", None)
    reopened = loads_project(json.dumps(data).encode(), library=fresh)
    ours, theirs = (
        compute_metrics(reopened.stack, fresh.interfaces),
        compute_metrics(document.stack, fresh.interfaces),
    )
    assert ours.energy_J == pytest.approx(theirs.energy_J, rel=1e-12)
    assert ours.cell_capacity_C_m2 == pytest.approx(theirs.cell_capacity_C_m2, rel=1e-12)
    assert repr(ours.levels) == repr(theirs.levels)  # the masses follow the saved density


def test_a_layer_without_overrides_offers_no_save(shown_window, document: Document) -> None:
    window = shown_window(document)
    menu = layer_menu(document, 1, lambda: None, window.stack_view)
    assert "Save to &my materials" not in [a.text() for a in menu.actions()]


def test_a_material_exported_from_a_layer_imports_into_my_materials(
    shown_window, document: Document, own_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = shown_window(document)
    document.select(1)
    record = tmp_path / "cathode.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(record), ""))
    window.own_data.export_material()
    text = record.read_text().replace(f'"{document.stack.layers[1].material.id}"', '"my_cathode"', 1)
    mine = tmp_path / "my_cathode.toml"
    mine.write_text(text)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(mine), ""))
    window.own_data.import_material()
    assert (own_folder / "my_cathode.toml").exists()
    assert document.library.materials["my_cathode"].origin == "user"


def test_an_unreadable_material_file_is_said_and_nothing_saved(
    shown_window, document: Document, own_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = shown_window(document)
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 3\n")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.own_data.import_material()
    assert len(said) == 1 and said[0].startswith("Not imported") and "bad.toml" in said[0]
    assert not own_folder.exists() or not list(own_folder.glob("*.toml"))


def test_a_material_edited_in_the_editor_is_saved_with_its_source_and_quality(
    qtbot, document: Document, own_folder: Path
) -> None:
    from cellstack.core.sourced import Quality
    from cellstack.gui.widgets.material_editor import MaterialEditor

    base = document.stack.layers[2].material  # the argyrodite separator
    editor = MaterialEditor(base, set(document.library.materials))
    qtbot.addWidget(editor)
    editor.set_value("ionic_conductivity", "-1", "my EIS")
    editor.save()
    assert "ionic_conductivity" in editor.message.text() and editor.saved_to is None
    editor.set_value("ionic_conductivity", "0.0042", "my EIS, 25 °C")
    editor.save()
    assert editor.saved_to == own_folder / f"{base.id}_mine.toml"
    fresh = with_user_materials(load_library(), own_folder)
    sigma = fresh.materials[f"{base.id}_mine"].properties.ionic_conductivity_S_m
    assert sigma is not None and sigma.value == pytest.approx(0.42) and sigma.source == "my EIS, 25 °C"
    assert sigma.quality is Quality.REPORTED
