"""New materials in the app: from scratch or from any palette entry, in the palette's own "My
materials" group at once, edited and deleted from its context menu (docs/own-data.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cellstack.core.material import Role
from cellstack.core.sourced import Quality
from cellstack.gui.document import Document
from cellstack.gui.widgets.material_editor import MaterialEditor
from cellstack.gui.widgets.palette import GROUP_ROLE, MATERIAL_ID, MY_GROUP, MaterialsPalette
from cellstack.io.library import load_library, with_user_materials


class Editors:
    """Each editor the app opens, filled in by ``fill`` (set by the test) before it saves."""

    def __init__(self) -> None:
        self.opened: list[MaterialEditor] = []
        self.fill: Callable[[MaterialEditor], object] = lambda _editor: None

    def run(self, editor: MaterialEditor) -> int:
        self.opened.append(editor)
        self.fill(editor)
        editor.save()
        return int(editor.result())


@pytest.fixture
def editors(monkeypatch: pytest.MonkeyPatch) -> Editors:
    patched = Editors()

    def run(editor: MaterialEditor) -> int:  # the editor comes as self: a bound method would not
        return patched.run(editor)

    monkeypatch.setattr(MaterialEditor, "exec", run)
    return patched


def _menu_action(palette: MaterialsPalette, material_id: str, text: str):  # type: ignore[no-untyped-def]
    for g in range(palette.proxy.rowCount()):
        group = palette.proxy.index(g, 0)
        for r in range(palette.proxy.rowCount(group)):
            index = palette.proxy.index(r, 0, group)
            if index.data(MATERIAL_ID) == material_id:
                return next(a for a in palette.entry_menu(index).actions() if a.text() == text)
    raise AssertionError(f"{material_id} not in the palette")


def _my_group(palette: MaterialsPalette) -> list[str]:
    first = palette.model.item(0)
    assert first.data(GROUP_ROLE) == MY_GROUP, first.text()
    return [first.child(r).text() for r in range(first.rowCount())]


def test_a_material_from_scratch_is_saved_with_its_role_and_measured_values_and_shown_at_once(
    shown_window, document: Document, own_folder: Path, editors: Editors
) -> None:
    window = shown_window(document)
    palette = window.findChild(MaterialsPalette)

    def fill(editor: MaterialEditor) -> None:
        editor.role_boxes[Role.CATHODE].setChecked(False)
        editor.role_boxes[Role.ELECTROLYTE].setChecked(True)
        editor.id_edit.setText("my_llzo")
        editor.name_edit.setText("Sintered LLZO (our batch 7)")
        editor.formula_edit.setText("Li6.4La3Zr1.4Ta0.6O12")
        editor.set_value("density", "5.02", "our Archimedes, batch 7")
        editor.set_value("ionic_conductivity", "6.1e-4", "our EIS, 25 °C", Quality.MEASURED)
        editor.set_value("activation_energy", "0.42", "Arrhenius fit of our EIS", Quality.ESTIMATE)

    editors.fill = fill
    window.own_data.new_material()
    editor = editors.opened[0]
    assert editor.windowTitle() == "New material" and editor.saved is not None
    assert editor.quality_offered("density") == ["measured", "reported", "estimate"]

    assert (own_folder / "my_llzo.toml").is_file()
    assert 'quality = "measured"' in (own_folder / "my_llzo.toml").read_text()
    assert "★ Sintered LLZO (our batch 7)" in _my_group(palette)
    for query in ("llzo batch", "Li6.4La3", "electrolyte our eis", "my materials"):
        palette.search.setText(query)
        assert "my_llzo" in palette.material_ids(), query

    fresh = with_user_materials(load_library(), own_folder)  # another start: the folder alone
    mine = fresh.materials["my_llzo"]
    assert mine.roles == (Role.ELECTROLYTE,) and mine.origin == "user"
    sigma = mine.properties.ionic_conductivity_S_m
    assert sigma is not None and sigma.value == pytest.approx(0.061) and sigma.quality is Quality.MEASURED
    ea = mine.properties.activation_energy_eV
    assert ea is not None and ea.quality is Quality.ESTIMATE and ea.source == "Arrhenius fit of our EIS"


def test_any_palette_entry_duplicates_to_my_materials_and_can_be_edited_and_deleted(
    shown_window, document: Document, own_folder: Path, editors: Editors,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    window = shown_window(document)
    palette = window.findChild(MaterialsPalette)
    original = document.library.material("lipon")
    editors.fill = lambda e: e.set_value("ionic_conductivity", "3e-6", "our film")
    _menu_action(palette, "lipon", "&Duplicate to my materials…").trigger()
    copy_id = "lipon_mine"
    assert (own_folder / f"{copy_id}.toml").is_file()
    assert document.library.materials[copy_id].name == f"{original.name} (mine)"
    assert f"★ {original.name} (mine)" in _my_group(palette)
    assert "lipon" in palette.material_ids()  # the installed record stays where it was

    # An installed entry has no Edit or Delete; the user's has both.
    entry = palette.proxy.index(0, 0, palette.proxy.index(0, 0))
    assert [a.text() for a in palette.entry_menu(entry).actions() if a.text()] == [
        "&Duplicate to my materials…", "&Edit…", "De&lete…", "&New material…"
    ]  # fmt: skip
    editors.fill = lambda e: (e.id_edit.setText("our_lipon"), e.name_edit.setText("Our LiPON"))
    _menu_action(palette, copy_id, "&Edit…").trigger()
    assert sorted(p.stem for p in own_folder.glob("*.toml")) == ["our_lipon"]  # renamed, not copied
    assert _my_group(palette) == ["★ Our LiPON"]

    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or next(answers)
    )
    _menu_action(palette, "our_lipon", "De&lete…").trigger()
    assert (own_folder / "our_lipon.toml").is_file()  # declined: kept
    _menu_action(palette, "our_lipon", "De&lete…").trigger()
    assert len(asked) == 2 and "Our LiPON" in asked[0]
    assert not (own_folder / "our_lipon.toml").exists()
    assert "our_lipon" not in document.library.materials
    assert palette.model.item(0).data(GROUP_ROLE) != MY_GROUP  # no group without materials


def test_the_editor_keeps_a_computed_quality_and_refuses_a_record_the_library_could_not_read(
    qtbot, document: Document, own_folder: Path
) -> None:
    from dataclasses import replace

    from cellstack.core.sourced import Sourced

    base = document.stack.layers[1].material
    computed = base.with_properties(density_kg_m3=Sourced(4700.0, "from the lattice", Quality.COMPUTED))
    editor = MaterialEditor(replace(computed, id="x"), {"x"})
    qtbot.addWidget(editor)
    assert editor.quality_offered("density") == ["measured", "reported", "estimate", "computed"]
    for role in Role:
        editor.role_boxes[role].setChecked(False)
    editor.save()
    assert "roles" in editor.message.text() and editor.saved_to is None
    editor.role_boxes[Role.CATHODE].setChecked(True)
    editor.id_edit.setText("Bad Id")
    editor.save()
    assert "id" in editor.message.text() and editor.saved_to is None
    editor.id_edit.setText("x")  # an installed id
    editor.save()
    assert "installed" in editor.message.text() and not own_folder.exists()
