"""My materials in the app: new ones, copies of any palette entry or of a layer's material with its
overrides, edited and deleted again; kept in the user's own folder, so they are in the palette
(in their own group, marked as the user's) in every design from then on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from cellstack.core.errors import InputError
from cellstack.core.material import Material, Role
from cellstack.gui.document import Document
from cellstack.io.library import default_library
from cellstack.io.user_library import (
    USER_ORIGIN,
    delete_user_material,
    export_material,
    free_user_id,
    read_material_file,
    save_user_material,
)


def own_copy(material: Material, taken: set[str]) -> Material:
    """The material under an id and name of the user's own (``ID_mine``, ``ID_mine2``, …)."""
    new_id = free_user_id(f"{material.id}_mine", taken)
    return replace(material, id=new_id, name=f"{material.name} (mine)", origin=USER_ORIGIN)


def save_layer_material(document: Document, index: int, parent: QWidget) -> Material | None:
    """Save layer ``index``'s effective material to the user's folder, then reload the library
    (the palette follows). A refusal is said in a message box and nothing is written."""
    layer = document.stack.layers[index]
    installed = installed_ids(document)
    material = own_copy(layer.effective_material, set(document.library.materials))
    try:
        path = save_user_material(material, installed)
    except (InputError, OSError) as exc:
        text = exc.one_line() if isinstance(exc, InputError) else str(exc)
        QMessageBox.warning(parent, "Save to my materials", f"Not saved: {text}")
        return None
    reload_library(document, parent)
    QMessageBox.information(parent, "Save to my materials", f"Saved {material.name} to {path}.")
    return material


def installed_ids(document: Document) -> set[str]:
    return {k for k, m in document.library.materials.items() if m.origin != USER_ORIGIN}


def open_editor(
    document: Document, material: Material, parent: QWidget, *, editing: bool = False,
    as_copy: bool = True, title: str = "",
) -> Material | None:  # fmt: skip
    """The material editor on ``material``; once saved, the library (and palette) read again."""
    from cellstack.gui.widgets.material_editor import MaterialEditor

    editor = MaterialEditor(
        material, installed_ids(document), parent, editing=editing, as_copy=as_copy, title=title
    )
    if not editor.exec() or editor.saved is None:
        return None
    reload_library(document, parent)
    return editor.saved


def new_material(document: Document, parent: QWidget, role: Role = Role.CATHODE) -> Material | None:
    from cellstack.gui.widgets.material_editor import blank_material

    blank = blank_material(role, set(document.library.materials))
    return open_editor(document, blank, parent, as_copy=False, title="New material")


def duplicate_material(document: Document, material: Material, parent: QWidget) -> Material | None:
    return open_editor(document, material, parent, title=f"Duplicate {material.name} to my materials")


def edit_material(document: Document, material: Material, parent: QWidget) -> Material | None:
    return open_editor(document, material, parent, editing=True, title=f"Edit {material.name}")


def delete_material(document: Document, material: Material, parent: QWidget) -> bool:
    """Remove one of the user's records after asking; designs that use it keep their copy."""
    answer = QMessageBox.question(
        parent,
        "Delete material",
        f"Delete {material.name} ({material.id}.toml) from your materials? Designs that use it keep "
        "their own copy.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        delete_user_material(material.id)
    except (InputError, OSError) as exc:
        text = exc.one_line() if isinstance(exc, InputError) else str(exc)
        QMessageBox.warning(parent, "Delete material", f"Not deleted: {text}")
        return False
    reload_library(document, parent)
    return True


def reload_library(document: Document, parent: QWidget) -> None:
    default_library.cache_clear()  # the next library read sees the new record
    document.library = default_library()
    from cellstack.gui.widgets.palette import MaterialsPalette

    palette = parent.window().findChild(MaterialsPalette)
    if palette is not None:
        palette.reload()


def import_material_file(document: Document, path: Path, parent: QWidget) -> Material | None:
    """A material TOML file added to the user's folder (its own id kept); a refusal is said."""
    try:
        material = read_material_file(path)
        save_user_material(material, installed_ids(document))
    except (InputError, OSError) as exc:
        text = exc.one_line() if isinstance(exc, InputError) else f"{path}: {exc}"
        QMessageBox.warning(parent, "Import material", f"Not imported: {text}")
        return None
    reload_library(document, parent)
    return material


def export_layer_material(document: Document, path: Path, parent: QWidget) -> bool:
    """The selected layer's material (with its overrides) as a TOML record, written atomically."""
    layer = document.selected_layer()
    if layer is None:
        return False
    try:
        export_material(layer.effective_material, path)
    except (InputError, OSError) as exc:
        text = exc.one_line() if isinstance(exc, InputError) else f"{path}: {exc}"
        QMessageBox.warning(parent, "Export material", f"Not exported: {text}")
        return False
    return True
