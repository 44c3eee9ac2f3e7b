"""Default dimensions and masses of cell formats, read from resources/cells/ (lab units -> SI).

The core takes plain dataclasses; the numbers and their sources live in TOML files so that they
can be cited, checked and replaced without touching code.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from cellstack.core.cell.coin import CoinCase, CoinPart
from cellstack.core.cell.pouch import Laminate
from cellstack.core.errors import InputError
from cellstack.io.fields import Fields
from cellstack.io.resources import resources_dir

COIN_SIZES_FILE = "coin_sizes.toml"
LAMINATES_FILE = "laminates.toml"
_LAMINATE_KEYS = frozenset({"name", "thickness_um", "density_g_cm3", "seal_width_mm", "source"})
_CASE_KEYS = frozenset(
    {
        "diameter_mm",
        "height_mm",
        "source",
        "inner_height_mm",
        "spacer_thickness_mm",
        "spring_compressed_mm",
        "parts",
    }
)
_PART_KEYS = frozenset({"mass_mg", "volume_mm3", "source", "note"})
_FIXED_PARTS = ("case", "cap", "gasket", "spring")
MM, MM3, MG = 1e-3, 1e-9, 1e-6


def cells_dir() -> Path:
    return resources_dir() / "cells"


def load_coin_sizes(path: Path | None = None) -> dict[str, CoinCase]:
    """Every coin size in the file, by name (e.g. "CR2032"). Bad data raises InputError."""
    path = path if path is not None else cells_dir() / COIN_SIZES_FILE
    return {
        name: _coin_case(Fields(entry, name, str(path)), name, str(path))
        for name, entry in _read(path).items()
    }


def load_laminates(path: Path | None = None) -> dict[str, Laminate]:
    """Every pouch laminate in the file, by id (e.g. "batpac_pet_al_pp"). Bad data raises InputError."""
    path = path if path is not None else cells_dir() / LAMINATES_FILE
    return {key: _laminate(Fields(entry, key, str(path)), str(path)) for key, entry in _read(path).items()}


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise InputError("(file)", str(path), f"a readable file ({exc.strerror})", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError("(file)", path.name, f"valid TOML ({exc})", str(path)) from None


def _laminate(f: Fields, origin: str) -> Laminate:
    f.check_keys(_LAMINATE_KEYS)
    f.string("name")
    f.string("source")
    try:
        return Laminate(
            thickness_m=f.number("thickness_um", 1.0, 5000.0, "µm") * 1e-6,
            density_kg_m3=f.number("density_g_cm3", 0.1, 25.0, "g/cm³") * 1e3,
            seal_width_m=f.number("seal_width_mm", 0.0, 100.0, "mm") * MM,
        )
    except InputError as exc:
        raise exc.located(origin) from None


def _coin_case(f: Fields, name: str, origin: str) -> CoinCase:
    f.check_keys(_CASE_KEYS)
    parts = f.child("parts")
    parts.check_keys(frozenset({*_FIXED_PARTS, "spacer"}))
    try:
        return CoinCase(
            name=name,
            diameter_m=f.number("diameter_mm", 1.0, 100.0, "mm") * MM,
            height_m=f.number("height_mm", 0.5, 50.0, "mm") * MM,
            inner_height_m=f.number("inner_height_mm", 0.1, 50.0, "mm") * MM,
            parts=tuple(_part(parts.child(key), key) for key in _FIXED_PARTS),
            spacer=_part(parts.child("spacer"), "spacer"),
            spacer_thickness_m=f.number("spacer_thickness_mm", 0.01, 10.0, "mm") * MM,
            spring_compressed_m=f.number("spring_compressed_mm", 0.0, 10.0, "mm") * MM,
            source=f.string("source"),
        )
    except InputError as exc:
        raise exc.located(origin) from None


def _part(f: Fields, name: str) -> CoinPart:
    f.check_keys(_PART_KEYS)
    f.string("source")
    return CoinPart(
        name=name,
        mass_kg=f.number("mass_mg", 0.0, 1e5, "mg") * MG,
        volume_m3=f.number("volume_mm3", 0.0, 1e5, "mm³") * MM3,
    )


def load_coin_part_sources(path: Path | None = None) -> dict[str, dict[str, tuple[str, str]]]:
    """Each coin size's parts with the source key and note of their numbers, for a report to
    cite them and to mark the assumed ones ({"CR2032": {"case": ("cellstack_assumption", "[A] ...")}})."""
    path = path if path is not None else cells_dir() / COIN_SIZES_FILE
    sources: dict[str, dict[str, tuple[str, str]]] = {}
    for name, entry in _read(path).items():
        parts = entry.get("parts", {}) if isinstance(entry, dict) else {}
        sources[name] = {
            key: (str(part.get("source", "")), str(part.get("note", "")))
            for key, part in parts.items()
            if isinstance(part, dict)
        }
    return sources
