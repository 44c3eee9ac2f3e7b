"""The user's own materials: TOML records in a per-user folder, beside the installed library.

The folder is ``platformdirs.user_data_dir("cellstack")/materials`` (``$CELLSTACK_MATERIALS_DIR``
overrides it, for tests and portable set-ups). Records have the format of ``resources/materials/``
(docs/materials-format.md), one per file named after its id. A record that cannot be read, or whose
id is an installed material's, is left out with a one-line problem the app and the command line
show: one bad file in the user's folder must not stop the library from loading.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from cellstack.core.errors import InputError
from cellstack.core.material import Material
from cellstack.io.atomic import write_text_atomically
from cellstack.io.error_text import one_line_error
from cellstack.io.material_records import ID_PATTERN, read_material, write_material
from cellstack.io.toml_read import read_toml
from cellstack.io.toml_write import dumps_toml

ENV_MATERIALS_DIR = "CELLSTACK_MATERIALS_DIR"
USER_ORIGIN = "user"
MAX_USER_MATERIALS = 2000  # bounds the start-up time a folder of files can cost


def user_materials_dir() -> Path:
    """$CELLSTACK_MATERIALS_DIR, else the platform's per-user data folder for CellStack."""
    override = os.environ.get(ENV_MATERIALS_DIR)
    if override:
        return Path(override)
    import platformdirs  # here: tests and bundles that set the variable never need it

    return Path(platformdirs.user_data_dir("cellstack", appauthor=False)) / "materials"


def read_material_file(path: Path) -> Material:
    """The material record in ``path`` (TOML); InputError naming the file and field otherwise."""
    return read_material(read_toml(path, "material file"), "", str(path))


def load_user_materials(
    folder: Path, installed: Iterable[str]
) -> tuple[dict[str, Material], tuple[str, ...]]:
    """The readable records in ``folder`` (marked as the user's) and a line per record left out."""
    taken = set(installed)
    materials: dict[str, Material] = {}
    problems: list[str] = []
    try:
        paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    except OSError as exc:
        return {}, (f"{folder}: {exc.strerror or exc}",)
    for path in paths[:MAX_USER_MATERIALS]:
        try:
            material = read_material_file(path)
        except InputError as exc:
            problems.append(one_line_error(exc).one_line())
            continue
        except OSError as exc:
            problems.append(f"{path}: {exc.strerror or exc}")
            continue
        problem = _clash(material, path, taken)
        if problem:
            problems.append(problem)
            continue
        taken.add(material.id)
        materials[material.id] = replace(material, origin=USER_ORIGIN)
    if len(paths) > MAX_USER_MATERIALS:
        problems.append(f"{folder}: only the first {MAX_USER_MATERIALS} of {len(paths)} records were read")
    return materials, tuple(problems)


def _clash(material: Material, path: Path, taken: set[str]) -> str:
    if path.stem != material.id:
        return f'{path}: id = "{material.id}" is not allowed; expected the file name "{path.stem}"'
    if material.id in taken:
        return (
            f'{path}: id = "{material.id}" is already an installed material\'s; '
            "expected another id (rename the record and its file)"
        )
    return ""


def save_user_material(
    material: Material, installed: Iterable[str], folder: Path | None = None, *, replace_own: bool = False
) -> Path:
    """Write ``material`` to the user's folder as ``ID.toml``, all or nothing.

    Refuses (InputError) an installed material's id, and, unless ``replace_own``, the id of a
    record already in the folder."""
    target_folder = folder if folder is not None else user_materials_dir()
    if material.id in set(installed):
        raise InputError("id", material.id, "an id no installed material has (give your copy its own)")
    if not material.name.strip():
        raise InputError("name", material.name, "a name to show in the palette")
    # Read back as the library will: a record it would leave out at the next start is not written.
    read_material(write_material(material), "", f"{material.id}.toml")
    target = target_folder / f"{material.id}.toml"
    if target.exists() and not replace_own:
        raise InputError("id", material.id, f"an id not already used in your materials ({target})")
    target_folder.mkdir(parents=True, exist_ok=True)
    return export_material(material, target)


def delete_user_material(material_id: str, folder: Path | None = None) -> Path:
    """Remove ``ID.toml`` from the user's folder; InputError when there is no such record.

    A project that used the material keeps it: projects embed their materials by value."""
    target = (folder if folder is not None else user_materials_dir()) / f"{material_id}.toml"
    if not ID_PATTERN.match(material_id) or not target.is_file():
        raise InputError("id", material_id, f"the id of one of your materials (no {target})")
    target.unlink()
    return target


def free_user_id(stem: str, taken: Iterable[str], folder: Path | None = None) -> str:
    """``stem``, else ``stem2``, ``stem3``, …: the first id neither in ``taken`` nor in the folder."""
    target_folder = folder if folder is not None else user_materials_dir()
    used = set(taken) | ({p.stem for p in target_folder.glob("*.toml")} if target_folder.is_dir() else set())
    number = next(n for n in range(1, len(used) + 2) if (stem if n == 1 else f"{stem}{n}") not in used)
    return stem if number == 1 else f"{stem}{number}"


def export_material(material: Material, path: Path) -> Path:
    """The material's record as TOML in ``path``, written atomically."""
    return write_text_atomically(path, dumps_toml(write_material(material)))
