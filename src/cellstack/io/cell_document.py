"""The ``cell`` object of a v2 project file, written back in lab units (read in cell_fields.py).

A laminate equal to one of the installed laminates is written by its name; a coin case by its
standard name, with only the dimensions and parts that differ from the standard as overrides.
"""

from __future__ import annotations

from typing import Any

from cellstack.core.cell import (
    CellFormat,
    CoinCell,
    Frame,
    Planar,
    Rectangle,
    Slab,
    StackedPouch,
    ThinFilmChip,
)
from cellstack.io.cell_fields import CASE_NUMBERS, CHIP_SHEETS, SHEETS, coin_sizes, laminates
from cellstack.io.file_numbers import G_CM3, MG, MM, MM3, UM, scaled


def write_cell(cell: CellFormat) -> dict[str, Any]:
    if isinstance(cell, StackedPouch):
        return _write_pouch(cell)
    if isinstance(cell, CoinCell):
        return _write_coin(cell)
    if isinstance(cell, ThinFilmChip):
        return _write_chip(cell)
    return {"format": Planar.kind}


def _sheet(entry: dict[str, Any], name: str, sheet: Rectangle) -> None:
    entry[f"{name}_width_mm"] = scaled(sheet.width_m, MM)
    entry[f"{name}_height_mm"] = scaled(sheet.height_m, MM)


def _write_pouch(cell: StackedPouch) -> dict[str, Any]:
    entry: dict[str, Any] = {"format": cell.kind, "units": cell.units}
    for name in SHEETS:
        _sheet(entry, name, getattr(cell, name))
    entry["double_sided"] = cell.double_sided
    entry["outer_electrode"] = cell.outer_electrode.value
    entry["outer_single_sided"] = cell.outer_single_sided
    for name, tab in (("cathode_tab", cell.cathode_tab), ("anode_tab", cell.anode_tab)):
        if tab is not None:
            entry[name] = {"width_mm": scaled(tab.width_m, MM), "length_mm": scaled(tab.length_m, MM)}
    housing = cell.housing
    if isinstance(housing, Frame):
        entry["frame"] = {
            "density_g_cm3": scaled(housing.density_kg_m3, G_CM3),
            "side_border_mm": scaled(housing.side_border_m, MM),
            "end_border_mm": scaled(housing.end_border_m, MM),
            "lid_thickness_mm": scaled(housing.lid_thickness_m, MM),
        }
    else:
        named = next((key for key, value in sorted(laminates().items()) if value == housing), None)
        entry["laminate"] = named or {
            "thickness_um": scaled(housing.thickness_m, UM),
            "density_g_cm3": scaled(housing.density_kg_m3, G_CM3),
            "seal_width_mm": scaled(housing.seal_width_m, MM),
        }
    if cell.terminals:
        entry["terminals"] = [
            {"name": t.name, "mass_mg": scaled(t.mass_kg, MG), "volume_mm3": scaled(t.volume_m3, MM3)}
            for t in cell.terminals
        ]
    for side in ("width", "height", "thickness"):
        value = getattr(cell, f"box_{side}_m")
        if value is not None:
            entry[f"box_{side}_mm"] = scaled(value, MM)
    entry["tabs_in_box"] = cell.tabs_in_box
    return entry


def _write_coin(cell: CoinCell) -> dict[str, Any]:
    case = cell.case
    entry: dict[str, Any] = {"format": cell.kind, "case": case.name}
    standard = coin_sizes().get(case.name)
    if standard != case:
        overrides: dict[str, Any] = {}
        for key in CASE_NUMBERS:
            value = getattr(case, f"{key[:-3]}_m")
            if standard is None or value != getattr(standard, f"{key[:-3]}_m"):
                overrides[key] = scaled(value, MM)
        old = {p.name: p for p in (*standard.parts, standard.spacer)} if standard is not None else {}
        parts = {
            p.name: {"mass_mg": scaled(p.mass_kg, MG), "volume_mm3": scaled(p.volume_m3, MM3)}
            for p in (*case.parts, case.spacer)
            if old.get(p.name) != p
        }
        if parts:
            overrides["parts"] = parts
        entry["case_overrides"] = overrides
    for name in SHEETS:
        entry[f"{name}_diameter_mm"] = scaled(getattr(cell, f"{name}_diameter_m"), MM)
    entry["spacers"] = cell.spacers
    return entry


def _write_slab(slab: Slab) -> dict[str, Any]:
    return {
        "width_mm": scaled(slab.width_m, MM),
        "height_mm": scaled(slab.height_m, MM),
        "thickness_um": scaled(slab.thickness_m, UM),
        "density_g_cm3": scaled(slab.density_kg_m3, G_CM3),
    }


def _write_chip(cell: ThinFilmChip) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "format": cell.kind,
        "cells": cell.cells,
        "layout": cell.layout.value,
        "connection": cell.connection.value,
        "die": _write_slab(cell.die),
    }
    if cell.lid is not None:
        entry["lid"] = _write_slab(cell.lid)
    for name in CHIP_SHEETS:
        _sheet(entry, name, getattr(cell, name))
    return entry
