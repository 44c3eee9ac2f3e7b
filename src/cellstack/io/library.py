"""The materials library: materials, references, interface records and vocabularies on disk."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceDefault, InterfaceKind, InterfaceRecord, InterfaceTable
from cellstack.core.material import Material, Role
from cellstack.core.sourced import Quality
from cellstack.io.bounded_read import read_bounded
from cellstack.io.error_text import one_line_error
from cellstack.io.exact_units import celsius_to_kelvin
from cellstack.io.fields import Fields
from cellstack.io.material_records import ID_PATTERN, QUALITY_VALUES, read_material
from cellstack.io.resources import resources_dir
from cellstack.io.toml_cache import MAX_TOML_BYTES, TomlCache
from cellstack.io.user_library import load_user_materials, user_materials_dir

USER_SOURCE = "user"  # overrides typed in by the user cite this key


@dataclass(frozen=True, slots=True)
class Reference:
    key: str
    text: str
    doi: str = ""


@dataclass(frozen=True, slots=True)
class DepositionMethod:
    id: str
    name: str
    kind: str
    description: str
    source: str


@dataclass(frozen=True)
class Library:
    materials: dict[str, Material]
    references: dict[str, Reference]
    interfaces: InterfaceTable
    deposition: dict[str, DepositionMethod] = field(default_factory=dict)
    # Records of the user's materials folder left out (unreadable, or an installed id), one line each.
    user_problems: tuple[str, ...] = ()

    def material(self, material_id: str) -> Material:
        try:
            return self.materials[material_id]
        except KeyError:
            raise InputError("material", material_id, "the id of a material in the library") from None

    def by_role(self, role: Role) -> list[Material]:
        return sorted((m for m in self.materials.values() if m.has_role(role)), key=lambda m: m.name)

    def reference_text(self, key: str) -> str:
        ref = self.references.get(key)
        return ref.text if ref is not None else key


def _load_toml(path: Path, cache: TomlCache | None = None) -> dict[str, object]:
    try:
        if cache is not None:
            return cache.load(path)
        return tomllib.loads(read_bounded(path, MAX_TOML_BYTES, str(path), "library file").decode())
    except UnicodeDecodeError as exc:
        raise InputError("(encoding)", f"byte {exc.start}", "UTF-8 text", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError("(file)", path.name, f"valid TOML ({exc})", str(path)) from None


def load_references(folder: Path, cache: TomlCache | None = None) -> dict[str, Reference]:
    references: dict[str, Reference] = {USER_SOURCE: Reference(USER_SOURCE, "Value set by the user.")}
    for path in sorted(folder.glob("*.toml")):
        for key, entry in _load_toml(path, cache).items():
            f = Fields(entry, key, str(path))
            f.check_keys(frozenset({"text", "doi", "url"}))
            ref = Reference(key, f.string("text"), f.string("doi", ""))
            known = references.get(key)
            if known is not None and known.text != ref.text:
                raise InputError(
                    key, ref.text, f"one definition (already defined as {known.text!r})", str(path)
                )
            references[key] = ref
    return references


def load_materials(folder: Path, cache: TomlCache | None = None) -> dict[str, Material]:
    materials: dict[str, Material] = {}
    for path in sorted(folder.glob("*/*.toml")):
        material = read_material(_load_toml(path, cache), "", str(path))
        if path.stem != material.id:
            raise InputError("id", material.id, f'the file name "{path.stem}"', str(path))
        if material.id in materials:
            raise InputError("id", material.id, "an id used by one record only", str(path))
        materials[material.id] = material
    return materials


def _role(f: Fields, key: str) -> Role:
    return Role(f.choice(key, (Role.CATHODE.value, Role.ANODE.value)))


def load_interfaces(
    folder: Path, materials: dict[str, Material], cache: TomlCache | None = None
) -> InterfaceTable:
    records: list[InterfaceRecord] = []
    defaults: list[InterfaceDefault] = []
    for path in sorted(folder.glob("*.toml")):
        data = _load_toml(path, cache)
        for i, entry in enumerate(_list(data, "interface", path)):
            records.append(read_interface_record(Fields(entry, f"interface[{i}]", str(path)), materials))
        for i, entry in enumerate(_list(data, "default", path)):
            defaults.append(read_interface_default(Fields(entry, f"default[{i}]", str(path))))
    return InterfaceTable(tuple(records), tuple(defaults))


def _list(data: dict[str, object], key: str, path: Path) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InputError(key, value, "an array of tables", str(path))
    return value


_RECORD_KEYS = frozenset(
    {
        "id",
        "side",
        "electrode",
        "electrolyte",
        "buffer",
        "coating_method",
        "asr_with_buffer",
        "asr_without_buffer",
        "temperature_C",
        "source",
        "note",
        "kind",
        "kind_without_buffer",
        "kind_note",
    }
)
_KINDS = tuple(kind.value for kind in InterfaceKind)


def read_interface_record(f: Fields, materials: dict[str, Material]) -> InterfaceRecord:
    f.check_keys(_RECORD_KEYS)
    electrolyte_id = f.string("electrolyte")
    electrolyte = materials.get(electrolyte_id)
    if electrolyte is None:
        raise f.error("electrolyte", electrolyte_id, "the id of an electrolyte in the library")
    with_buffer = f.optional_number("asr_with_buffer", 0.0, 1e7, "Ω·cm²")
    without = f.optional_number("asr_without_buffer", 0.0, 1e7, "Ω·cm²")
    buffer = f.string("buffer", "") or None
    if buffer is None and with_buffer is not None:
        raise f.error("asr_with_buffer", with_buffer, "no value for a record without a buffer")
    return InterfaceRecord(
        id=f.string("id"),
        side=_role(f, "side"),
        electrode=f.string("electrode"),
        electrolyte=electrolyte_id,
        electrolyte_family=electrolyte.family_id,
        electrolyte_category=electrolyte.category,
        buffer=buffer,
        coating_method=f.string("coating_method", ""),
        asr_with_buffer_ohm_m2=with_buffer * u.OHM_CM2 if with_buffer is not None else None,
        asr_without_buffer_ohm_m2=without * u.OHM_CM2 if without is not None else None,
        source=f.string("source"),
        temperature_K=celsius_to_kelvin(f.number("temperature_C", -100.0, 1000.0, "°C", 25.0)),
        note=f.string("note", ""),
        kind=InterfaceKind(f.choice("kind", _KINDS, InterfaceKind.CHARGE_TRANSFER.value)),
        kind_without_buffer=InterfaceKind(
            f.choice("kind_without_buffer", _KINDS, InterfaceKind.CHARGE_TRANSFER.value)
        ),
        kind_note=f.string("kind_note", ""),
    )


_DEFAULT_KEYS = frozenset(
    {
        "id",
        "side",
        "electrode_families",
        "buffer_families",
        "electrolyte_families",
        "asr",
        "source",
        "quality",
        "note",
        "kind",
        "kind_note",
    }
)


def read_interface_default(f: Fields) -> InterfaceDefault:
    f.check_keys(_DEFAULT_KEYS)
    return InterfaceDefault(
        id=f.string("id"),
        side=_role(f, "side"),
        electrode_families=f.strings("electrode_families") or ("*",),
        electrolyte_families=f.strings("electrolyte_families") or ("*",),
        buffer_families=f.strings("buffer_families") or ("*",),
        asr_ohm_m2=f.number("asr", 0.0, 1e7, "Ω·cm²") * u.OHM_CM2,
        source=f.string("source"),
        quality=Quality(f.choice("quality", QUALITY_VALUES, "estimate")),
        note=f.string("note", ""),
        kind=InterfaceKind(f.choice("kind", _KINDS, InterfaceKind.CHARGE_TRANSFER.value)),
        kind_note=f.string("kind_note", ""),
    )


def load_deposition(path: Path, cache: TomlCache | None = None) -> dict[str, DepositionMethod]:
    if not path.exists():
        return {}
    methods = {}
    for key, entry in _load_toml(path, cache).items():
        f = Fields(entry, key, str(path))
        f.check_keys(frozenset({"name", "kind", "description", "source", "examples", "typical_use"}))
        methods[key] = DepositionMethod(
            key, f.string("name"), f.string("kind", ""), f.string("description", ""), f.string("source", "")
        )
    return methods


def check_library(library: Library) -> None:
    """Cross-references: every source cited, every vocabulary id and OCP id used, must exist."""
    from cellstack.core.ocp import CURVES

    for material in library.materials.values():
        origin = f"material {material.id}"
        for key in sorted(material.sources()):
            if key not in library.references:
                raise InputError("source", key, "a key of resources/references/*.toml", origin)
        if material.ocp and material.ocp not in CURVES:
            raise InputError("ocp", material.ocp, "one of " + ", ".join(sorted(CURVES)), origin)
        method = material.deposition_method
        if method and library.deposition and method not in library.deposition:
            raise InputError(
                "deposition_method", method, "an id of resources/vocabulary/deposition.toml", origin
            )
        if material.family and not ID_PATTERN.match(material.family):
            raise InputError("family", material.family, "lowercase letters, digits and _", origin)
    for record in library.interfaces.records:
        if record.source not in library.references:
            raise InputError("source", record.source, "a known reference key", f"interface {record.id}")
    for default in library.interfaces.defaults:
        if default.source not in library.references:
            raise InputError("source", default.source, "a known reference key", f"default {default.id}")


def load_library(root: Path | None = None) -> Library:
    """Load and check the library under ``root`` (default: the shipped resources).

    Parsed TOML comes from the per-user cache (:mod:`cellstack.io.toml_cache`) for every file whose
    bytes are unchanged; the cache is refreshed only after the whole library has passed its checks.
    """
    try:
        return _load_library(root if root is not None else resources_dir())
    except InputError as exc:
        raise one_line_error(exc) from None


def _load_library(base: Path) -> Library:
    cache = TomlCache(base)
    materials = load_materials(base / "materials", cache)
    library = Library(
        materials=materials,
        references=load_references(base / "references", cache),
        interfaces=load_interfaces(base / "interfaces", materials, cache),
        deposition=load_deposition(base / "vocabulary" / "deposition.toml", cache),
    )
    check_library(library)
    cache.save()
    return library


def with_user_materials(library: Library, folder: Path) -> Library:
    """``library`` with the readable records of the user's ``folder`` added, marked as the user's;
    the installed records win any clash of ids (the user's is left out, with a problem line)."""
    mine, problems = load_user_materials(folder, library.materials)
    return replace(library, materials={**library.materials, **mine}, user_problems=problems)


@lru_cache(maxsize=4)
def default_library() -> Library:
    """The library shipped with CellStack and the user's own materials, loaded once per process
    (``default_library.cache_clear()`` after saving a material reads them again)."""
    return with_user_materials(load_library(), user_materials_dir())
