"""`cellstack materials [--role ROLE] [--json]`: the installed materials library and the user's own
(marked "(yours)"; records of the user's folder that were left out are named on standard error)."""

from __future__ import annotations

import argparse
import json
import sys

from cellstack.cli.errors import EXIT_OK, one_line, printable, shorten
from cellstack.core import units as u
from cellstack.core.material import Material, Role
from cellstack.io.library import Library
from cellstack.io.material_records import write_material
from cellstack.io.user_library import USER_ORIGIN

ID_CHARS = 32
ROLES_CHARS = 26
NAME_CHARS = 48
USER_MARK = "yours"


def run(args: argparse.Namespace, library: Library) -> int:
    chosen = [
        m
        for m in sorted(library.materials.values(), key=lambda m: (m.main_role.value, m.id))
        if args.role is None or m.has_role(Role(args.role))
    ]
    for problem in library.user_problems:
        sys.stderr.write(f"cellstack: left out of your materials: {one_line(problem)}\n")
    if args.json:
        records = [_record(m) for m in chosen]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    lines = [_line(m) for m in chosen]
    sys.stdout.write("\n".join([*lines, "", f"{len(chosen)} materials"]) + "\n")
    return EXIT_OK


def _record(m: Material) -> dict[str, object]:
    record = write_material(m)
    if m.origin:
        record["origin"] = m.origin  # not part of the record format: where this one was read from
    return record


def _cell(text: str, width: int) -> str:
    return f"{shorten(printable(text), width):<{width}}"


def _line(m: Material) -> str:
    p = m.properties
    facts = []
    capacity = p.capacity_practical_C_kg or p.capacity_theoretical_C_kg
    if capacity:
        facts.append(f"{capacity.value / u.MAH_PER_G:.0f} mAh/g")
    if p.voltage_average_V:
        facts.append(f"{p.voltage_average_V.value:.2f} V")
    if p.ionic_conductivity_S_m:
        facts.append(f"{p.ionic_conductivity_S_m.value / u.S_PER_CM:.2g} S/cm")
    if p.density_kg_m3:
        facts.append(f"{p.density_kg_m3.value / u.G_PER_CM3:.3g} g/cm³")
    roles = ",".join(r.value for r in m.roles)
    columns = (_cell(m.id, ID_CHARS), _cell(roles, ROLES_CHARS), _cell(m.name, NAME_CHARS), "  ".join(facts))
    mark = f"  ({USER_MARK})" if m.origin == USER_ORIGIN else ""
    return " ".join(columns).rstrip() + mark
