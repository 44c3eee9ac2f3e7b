"""Save to my materials: a layer's material with its overrides, kept in the user's own folder so
it is in the palette (marked as the user's) in every design from then on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from cellstack.core.errors import InputError
from cellstack.core.material import Material
from cellstack.gui.document import Document
from cellstack.io.library import default_library
from cellstack.io.user_library import (
    USER_ORIGIN,
    export_material,
    read_material_file,
    save_user_material,
    user_materials_dir,
)


def own_copy(material: Material, taken: set[str]) -> Material:
    """The material under an id and name of the user's own (``ID_mine``, ``ID_mine2``, …)."""
    stem = f"{material.id}_mine"
    taken_own = taken | {p.stem for p in user_materials_dir().glob("*.toml")}
    number = next(
        n for n in range(1, len(taken_own) + 2) if (stem if n == 1 else f"{stem}{n}") not in taken_own
    )
    new_id = stem if number == 1 else f"{stem}{number}"
    return replace(material, id=new_id, name=f"{material.name} (mine)", origin=USER_ORIGIN)


def save_layer_material(document: Document, index: int, parent: QWidget) -> Material | None:
    """Save layer ``index``'s effective material to the user's folder, then reload the library
    (the palette follows). A refusal is said in a message box and nothing is written."""
    layer = document.stack.layers[index]
    installed = {k for k, m in document.library.materials.items() if m.origin != USER_ORIGIN}
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


def reload_library(document: Document, parent: QWidget) -> None:
    default_library.cache_clear()  # the next library read sees the new record
    document.library = default_library()
    from cellstack.gui.widgets.palette import MaterialsPalette

    palette = parent.window().findChild(MaterialsPalette)
    if palette is not None:
        palette.reload()


def import_material_file(document: Document, path: Path, parent: QWidget) -> Material | None:
    """A material TOML file added to the user's folder (its own id kept); a refusal is said."""
    installed = {k for k, m in document.library.materials.items() if m.origin != USER_ORIGIN}
    try:
        material = read_material_file(path)
        save_user_material(material, installed)
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
