"""Project files (.cellstack): versioned JSON with the materials embedded by value.

The format is documented in docs/file-format.md and published as a JSON Schema in
resources/schema/cellstack-project-v3.schema.json. The sections version 2 added around the stack
(cell, fixture, fill, simulation, interfaces, series resistance) live in project_sections.py, the
inputs' uncertainties version 3 added in uncertainties.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cellstack import __version__
from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Material, Role
from cellstack.core.stack import Stack, StackKind
from cellstack.io.atomic import SaveError, write_atomically
from cellstack.io.bounded_read import read_head
from cellstack.io.error_text import one_line_error
from cellstack.io.exact_units import celsius_to_kelvin, scaled_to_si
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import number
from cellstack.io.layer_document import used_materials, write_layer
from cellstack.io.library import Library
from cellstack.io.material_records import (
    ROLE_VALUES,
    SPEC_BY_KEY,
    read_material,
    read_sourced,
    write_material,
)
from cellstack.io.migrations import (
    FILE_SUFFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    migrate,
    newer_version_in,
    refuses_overwrite,
)
from cellstack.io.project_model import MAX_LABEL_CHARS, Project
from cellstack.io.project_sections import SECTION_KEYS, read_sections, write_sections
from cellstack.io.safe_text import sanitize_text
from cellstack.io.strict_json import MAX_BYTES, parse_json
from cellstack.io.uncertainties import SECTION as UNCERTAINTIES
from cellstack.io.uncertainties import read_uncertainties, write_uncertainties

__all__ = ["FILE_SUFFIX", "FORMAT_NAME", "FORMAT_VERSION", "Project", "load_project", "save_project"]


_TOP_KEYS = frozenset(
    {
        "format",
        "version",
        "generator",
        "name",
        "description",
        "stack",
        "materials",
        UNCERTAINTIES,
        *SECTION_KEYS,
    }
)
_STACK_KEYS = frozenset(
    {
        "kind",
        "active_area_cm2",
        "footprint_area_cm2",
        "temperature_C",
        "extra_mass_mg",
        "anode_free",
        "layers",
    }
)
_LAYER_KEYS = frozenset(
    {
        "material",
        "role",
        "thickness_um",
        "porosity",
        "deposition_method",
        "label",
        "overrides",
        "composite",
    }
)
_COMPOSITE_KEYS = frozenset(
    {
        "electrolyte",
        "active_fraction",
        "electrolyte_fraction",
        "additive",
        "additive_fraction",
        "particle_radius_um",
        "bruggeman",
        "coating",
        "coating_thickness_nm",
    }
)
_ANODE_FREE_KEYS = frozenset({"plated_material", "first_cycle_loss"})
MAX_LAYERS = 200
# A saved stack embeds at most 4 materials per layer and the plated one (801); a file with many
# more was not written for its stack, and reading each record would make opening it slow.
MAX_MATERIALS = 1000
# Room for the decimal sum 0.6 + 0.3 + 0.1 in binary, and ten times less than the core allows, so
# the fractions written back with 12 significant digits still add up to what the core accepts.
_FRACTION_SUM_SLACK = 1e-10


def load_project(path: Path, library: Library | None = None) -> Project:
    """Read the project file at ``path``; only :class:`InputError` escapes.

    Pure apart from reading the one file (no shared state is read or written), so it may run in a
    worker thread while the app stays responsive.
    """
    try:
        # One byte more than the limit, so that loads_project can still look at the version of
        # an oversized file before it refuses the size.
        data = read_head(path, MAX_BYTES + 1, str(path), "CellStack project file")
    except OSError as exc:
        refusal = InputError("(file)", str(path), f"a readable file ({exc.strerror})", str(path))
        raise one_line_error(refusal) from None
    except InputError as exc:
        raise one_line_error(exc) from None
    return loads_project(data, str(path), library)


def loads_project(data: bytes, origin: str = "", library: Library | None = None) -> Project:
    """Read a project from the bytes of a file. Only :class:`InputError` escapes, whatever the bytes.

    Nothing in the file is ever executed: it is parsed as data (strict JSON), migrated by plain
    functions of that data, and every value is checked against its allowed range. The error is
    always one line of bounded length. Pure (``library`` is only read), so it may run in a worker
    thread.
    """
    try:
        return _loads_project(data, origin, library)
    except InputError as exc:
        raise one_line_error(exc) from None


def _loads_project(data: bytes, origin: str, library: Library | None) -> Project:
    newer = newer_version_in(data, origin)
    if newer is not None:
        raise newer
    document = parse_json(data, origin)
    top = Fields(document, "", origin)
    if top.data.get("format") != FORMAT_NAME:
        raise top.error("format", top.data.get("format"), f'"{FORMAT_NAME}"')
    current, original_version = migrate(dict(top.data), origin)
    top = Fields(current, "", origin)
    top.check_keys(_TOP_KEYS)
    materials = _read_materials(top)
    stack = _read_stack(top.child("stack"), materials, library)
    name, description = top.string("name", ""), top.string("description", "")
    sections = read_sections(top, materials, library)
    return Project(
        stack=stack,
        name=name,
        description=description,
        format_version=original_version,
        **sections,
        # Last: the paths name fields of the sections, which must have passed their own checks.
        uncertainties=read_uncertainties(top, current),
    )


def _read_materials(top: Fields) -> dict[str, Material]:
    if not top.has("materials"):
        return {}
    section = top.child("materials")
    if len(section.data) > MAX_MATERIALS:
        raise top.error(
            "materials", f"{len(section.data)} records", f"at most {MAX_MATERIALS} embedded material records"
        )
    result = {}
    for key in section.data:
        material = read_material(section.data[key], section.at(key), top.origin)
        if material.id != key:
            raise section.error(key, material.id, f'a record whose id is "{key}"')
        result[key] = material
    return result


def _resolve(f: Fields, key: str, materials: dict[str, Material], library: Library | None) -> Material:
    material_id = f.string(key)
    if material_id in materials:
        return materials[material_id]
    if library is not None and material_id in library.materials:
        return library.materials[material_id]
    raise f.error(key, material_id, "the id of a material embedded in the file or in the library")


def _read_stack(f: Fields, materials: dict[str, Material], library: Library | None) -> Stack:
    f.check_keys(_STACK_KEYS)
    raw_layers = f.data.get("layers")
    if not isinstance(raw_layers, list) or not raw_layers:
        raise f.error("layers", raw_layers, "a non-empty list of layers")
    if len(raw_layers) > MAX_LAYERS:
        raise f.error("layers", f"{len(raw_layers)} layers", f"at most {MAX_LAYERS} layers")
    layers = tuple(
        _read_layer(Fields(item, f"{f.at('layers')}[{i}]", f.origin), materials, library)
        for i, item in enumerate(raw_layers)
    )
    active = f.number("active_area_cm2", 0.0, 1e6, "cm²", low_inclusive=False)
    f.nonzero_si("active_area_cm2", active * u.CM2, "cm²")
    footprint = f.number("footprint_area_cm2", 0.0, 1e6, "cm²", active, low_inclusive=False)
    f.nonzero_si("footprint_area_cm2", footprint * u.CM2, "cm²")
    if footprint < active:
        raise f.error("footprint_area_cm2", footprint, f"at least the active area ({active:g} cm²)")
    plated: Material | None = None
    loss = 0.0
    if f.has("anode_free"):
        af = f.child("anode_free")
        af.check_keys(_ANODE_FREE_KEYS)
        plated = _resolve(af, "plated_material", materials, library)
        loss = af.number("first_cycle_loss", 0.0, 0.99, "fraction", 0.0)
    kind = StackKind(f.choice("kind", tuple(k.value for k in StackKind), "SSB"))
    temperature_K = celsius_to_kelvin(f.number("temperature_C", -100.0, 400.0, "°C", 25.0))
    extra_mass_kg = f.number("extra_mass_mg", 0.0, 1e9, "mg", 0.0) * 1e-6
    try:
        return Stack(
            layers=layers,
            kind=kind,
            active_area_m2=active * u.CM2,
            footprint_area_m2=footprint * u.CM2,
            temperature_K=temperature_K,
            plated_anode=plated,
            first_cycle_loss=loss,
            extra_mass_kg=extra_mass_kg,
        )
    except InputError as exc:
        raise InputError(f"{f.path}.{exc.field}", exc.value, exc.allowed, f.origin) from None


def _read_layer(f: Fields, materials: dict[str, Material], library: Library | None) -> Layer:
    f.check_keys(_LAYER_KEYS)
    material = _resolve(f, "material", materials, library)
    role = Role(f.choice("role", ROLE_VALUES, material.main_role.value))
    overrides = []
    measured_at_K = None
    if f.has("overrides"):
        o = f.child("overrides")
        o.check_keys(frozenset(SPEC_BY_KEY))
        for key in o.data:
            overrides.append((SPEC_BY_KEY[key].field, read_sourced(o.child(key), SPEC_BY_KEY[key])))
        if "ionic_conductivity" in o.data:
            # The temperature the user's conductivity was measured at, where the Arrhenius law
            # starts from (absent: that of the library value it replaces).
            celsius = o.child("ionic_conductivity").optional_number("temperature_C", -100.0, 1000.0, "°C")
            measured_at_K = celsius_to_kelvin(celsius) if celsius is not None else None
    composite = _read_composite(f.child("composite"), materials, library) if f.has("composite") else None
    # Read every field first, so a file error names its own path, not the layer's twice.
    # 0.1 nm (core.layer.MIN_THICKNESS_M) is the thinnest layer the model computes.
    thickness_um = f.number("thickness_um", 1e-4, 1e5, "µm")
    thickness_m = scaled_to_si(thickness_um, u.UM)
    porosity = f.number("porosity", 0.0, 0.99, "fraction", 0.0)
    deposition_method = f.string("deposition_method", "")
    label = f.string("label", "", max_length=MAX_LABEL_CHARS)
    try:
        return Layer(
            material,
            thickness_m,
            role,
            porosity,
            composite,
            deposition_method,
            # In the order the writer uses, so a loaded project equals the same project saved.
            tuple(sorted(overrides, key=lambda item: item[0])),
            label,
            measured_at_K,
        )
    except InputError as exc:
        raise InputError(f"{f.path}.{exc.field}", exc.value, exc.allowed, f.origin) from None


def _read_composite(f: Fields, materials: dict[str, Material], library: Library | None) -> Composite:
    f.check_keys(_COMPOSITE_KEYS)
    additive = _resolve(f, "additive", materials, library) if f.has("additive") else None
    coating = _resolve(f, "coating", materials, library) if f.has("coating") else None
    electrolyte = _resolve(f, "electrolyte", materials, library)
    numbers = {
        "active_fraction": f.number("active_fraction", 0.0, 1.0, "volume fraction"),
        "electrolyte_fraction": f.number("electrolyte_fraction", 0.0, 1.0, "volume fraction"),
        "additive_fraction": f.number("additive_fraction", 0.0, 1.0, "volume fraction", 0.0),
        "particle_radius_m": f.number("particle_radius_um", 0.001, 1000.0, "µm", 5.0) * u.UM,
        "bruggeman": f.number("bruggeman", 1.0, 10.0, "", 1.5),
        "coating_thickness_m": scaled_to_si(f.number("coating_thickness_nm", 0.0, 1000.0, "nm", 0.0), u.NM),
    }
    solid = numbers["active_fraction"] + numbers["electrolyte_fraction"] + numbers["additive_fraction"]
    if solid > 1.0 + _FRACTION_SUM_SLACK:
        raise f.error("active_fraction", round(solid, 6), "active + electrolyte + additive fractions <= 1")
    if coating is None and numbers["coating_thickness_m"] > 0:
        # It would be dropped on save: a thickness of nothing is a mistake worth saying.
        raise f.error(
            "coating_thickness_nm",
            f.data["coating_thickness_nm"],
            '0 or absent when there is no "coating" material (name the coating material)',
        )
    try:
        return Composite(electrolyte=electrolyte, additive=additive, coating=coating, **numbers)
    except InputError as exc:
        raise InputError(f"{f.path}.{exc.field}", exc.value, exc.allowed, f.origin) from None


# ---- writing ---------------------------------------------------------------------------------


def project_document(project: Project) -> dict[str, Any]:
    stack = project.stack
    stack_entry: dict[str, Any] = {
        "kind": stack.kind.value,
        "active_area_cm2": number(stack.active_area_m2 / u.CM2),
        "footprint_area_cm2": number(stack.footprint_area_m2 / u.CM2),
        "temperature_C": number(u.kelvin_to_celsius(stack.temperature_K)),
    }
    if stack.extra_mass_kg:
        stack_entry["extra_mass_mg"] = number(stack.extra_mass_kg * 1e6)
    if stack.plated_anode is not None:
        stack_entry["anode_free"] = {
            "plated_material": stack.plated_anode.id,
            "first_cycle_loss": number(stack.first_cycle_loss),
        }
    stack_entry["layers"] = [write_layer(layer) for layer in stack.layers]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generator": f"CellStack {__version__}",
        "name": project.name,
        "description": project.description,
        "stack": stack_entry,
        **write_sections(project),
        **({UNCERTAINTIES: write_uncertainties(project.uncertainties)} if project.uncertainties else {}),
        "materials": {key: write_material(m) for key, m in used_materials(stack).items()},
    }


def dumps_project(project: Project) -> bytes:
    text = json.dumps(project_document(project), indent=2, ensure_ascii=False, allow_nan=False)
    # The loader refuses lone surrogates and the app sanitises typed text; this last guard keeps
    # a text that slipped through from failing every save and autosave.
    return (sanitize_text(text) + "\n").encode("utf-8")


def _check_loads(data: bytes) -> None:
    loads_project(data, "(the file being saved)")


def save_project(project: Project, path: Path) -> None:
    """Save all or nothing, keeping the previous version as ``NAME.cellstack.bak``.

    Raises :class:`~cellstack.io.atomic.SaveError` when the save fails (the file on disk is then
    unchanged) and when ``path`` holds a file of a newer format version, which is never
    overwritten. The written bytes are parsed back before they replace the old file.
    """
    newer = refuses_overwrite(path)
    if newer is not None:
        raise SaveError(
            path,
            f"it was written by {newer.writer} or later and would lose what that version stored",
            "checking the file's format version",
        )
    write_atomically(path, dumps_project(project), backup=True, verify=_check_loads)
