"""`cellstack import-curve CURVE.csv --material ID -o OUT`: a measured half-cell curve as a
material's OCP, carried by value.

With ``--project FILE`` the material is the one the project uses by that id, and OUT is a copy of
the project (.cellstack) in which it carries the curve. Without, the material comes from the
library and OUT is its record with the curve (.toml), ready for the user's materials folder
(docs/own-data.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from cellstack.cli.errors import EXIT_OK
from cellstack.cli.inputs import check_output, read_project
from cellstack.cli.paths import shown_path
from cellstack.core.errors import InputError
from cellstack.core.material import Material
from cellstack.core.stack import Stack
from cellstack.io.atomic import write_text_atomically
from cellstack.io.curve_import import ImportedCurve, read_half_cell_curve, with_curve
from cellstack.io.library import Library
from cellstack.io.material_records import ID_PATTERN, write_material
from cellstack.io.project import save_project
from cellstack.io.toml_write import dumps_toml


def run(args: argparse.Namespace, library: Library) -> int:
    inputs = [args.curve, *([args.project] if args.project else [])]
    check_output(args.output, inputs, "-o")
    wanted = ".cellstack" if args.project else ".toml"
    if args.output.suffix.lower() != wanted:
        raise InputError("-o", str(args.output), f"a {wanted} file name {_why(args.project)}")
    limit = args.lithiated_limit
    if limit is not None and not 0.0 < limit <= 1.0:
        raise InputError("--lithiated-limit", limit, "a stoichiometry above 0 and at most 1")
    if args.project:
        project = read_project(args.project, library)
        material = _used(project.stack, args.material, args.project)
        imported = read_half_cell_curve(args.curve, material, limit, args.name or "")
        changed = with_curve(material, imported.table)
        save_project(dataclasses.replace(project, stack=_replaced(project.stack, changed)), args.output)
    else:
        material = library.material(args.material)
        imported = read_half_cell_curve(args.curve, material, limit, args.name or "")
        new_id = args.id or material.id
        if not ID_PATTERN.match(new_id):
            raise InputError("--id", new_id, "lowercase letters, digits and _ (at most 80)")
        changed = dataclasses.replace(with_curve(material, imported.table), id=new_id)
        write_text_atomically(args.output, dumps_toml(write_material(changed)))
    sys.stdout.write(_summary(imported, changed, args.output))
    return EXIT_OK


def _why(project: Path | None) -> str:
    return "(a copy of the project)" if project else "(a material record)"


def _used(stack: Stack, material_id: str, source: Path) -> Material:
    for layer in stack.layers:
        if layer.material.id == material_id:
            return layer.material
    used = sorted({layer.material.id for layer in stack.layers})
    raise InputError("--material", material_id, "the id of a layer material: " + ", ".join(used), str(source))


def _replaced(stack: Stack, material: Material) -> Stack:
    layers = tuple(
        dataclasses.replace(layer, material=material) if layer.material.id == material.id else layer
        for layer in stack.layers
    )
    return dataclasses.replace(stack, layers=layers)


def _summary(imported: ImportedCurve, material: Material, output: Path) -> str:
    table = imported.table
    lines = [
        f"{material.id}: {imported.points} points read; curve from stoichiometry "
        f"{table.stoichiometry[0]:.4g} to {table.stoichiometry[-1]:.4g}, "
        f"{table.voltage_V[0]:.4g} to {table.voltage_V[-1]:.4g} V, "
        f"lithiated limit {table.lithiated_limit:.4g}",
        f"smoothing: {table.note}",
        f"saved to {shown_path(output)}",
    ]
    return "\n".join(lines) + "\n"
