"""Numeric inputs of a project addressed by their field path, as the loader's messages name them.

``stack.layers[1].thickness_um``, ``stack.layers[1].composite.active_fraction``,
``stack.temperature_C``, ``stack.layers[2].overrides.ionic_conductivity``,
``materials.li6ps5cl.properties.density``: the path is the place of the number in the project
file (an override or material property names its record; the number is its ``value``), in the
file's units.

A modified project is made by writing the number into the project's document and loading that
document again, so every value goes through the loader's own checks and an out-of-range value
gets its usual one-line message. The table :data:`NUMERIC_FIELDS` (field_table.py) lists what can
be addressed; a new section of the file format becomes addressable by adding rows to it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from cellstack.core.errors import InputError
from cellstack.io.field_table import (
    CELL_FIELDS,
    NUMERIC_FIELDS,
    FieldPath,
    NumericField,
    container,
    parse_path,
    read_in_document,
)
from cellstack.io.project import Project, loads_project, project_document

ACTIVE_AREA = "stack.active_area_cm2"
FOOTPRINT_AREA = "stack.footprint_area_cm2"  # follows the active area unless set as well

__all__ = [
    "CELL_FIELDS",
    "NUMERIC_FIELDS",
    "FieldPath",
    "NumericField",
    "ProjectEditor",
    "parse_path",
    "read_value",
    "with_value",
]


def read_value(project: Project, path: FieldPath | str) -> float:
    """The value at ``path`` in the file's unit (the loader's default when the file omits it)."""
    parsed = parse_path(path) if isinstance(path, str) else path
    return read_in_document(project_document(project), parsed)


class ProjectEditor:
    """Makes variants of one project: its document is built once, each variant loaded from a copy.

    Each variant is checked by the loader exactly as a file would be; the base project is never
    changed.
    """

    def __init__(self, project: Project, origin: str = "") -> None:
        self.project = project
        self.origin = origin
        self._document = project_document(project)  # building it costs as much as a load

    def read(self, path: FieldPath) -> float:
        return read_in_document(self._document, path)

    def with_values(self, values: Mapping[FieldPath, float]) -> Project:
        values = self._footprint_along(values)
        document = _copied_along(self._document, values)
        for path, value in values.items():
            read_in_document(document, path)  # the path must exist in this project before it is written
            if not math.isfinite(value):
                raise InputError(path.text, float(value), path.field.allowed(), self.origin)
            holder = container(document, path)
            key = path.steps[-1]
            assert isinstance(key, str)
            if path.field.record is not None:
                holder = holder[key]
                key = path.field.record
            if path.field.integer:
                if not float(value).is_integer():
                    raise InputError(
                        path.text, float(value), f"a whole number ({path.field.allowed()})", self.origin
                    )
                holder[key] = int(value)
            else:
                holder[key] = float(value)
        data = json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
        # Everything the file holds is kept (the cell, its fixture and settings), not only the stack.
        return replace(loads_project(data, self.origin), format_version=self.project.format_version)

    def _footprint_along(self, values: Mapping[FieldPath, float]) -> Mapping[FieldPath, float]:
        """``values`` with the footprint scaled as the active area when only the area is set.

        A stack's footprint must hold its active area; with the footprint held, every area
        above it (the usual planar file has the two equal) was refused, so a sweep or an
        optimisation of the area had no design past the current one. The ratio is kept, so
        equal areas stay exactly equal.
        """
        texts = {path.text for path in values}
        if ACTIVE_AREA not in texts or FOOTPRINT_AREA in texts:
            return values
        active_path = parse_path(ACTIVE_AREA)
        footprint_path = parse_path(FOOTPRINT_AREA)
        old_active, old_footprint = self.read(active_path), self.read(footprint_path)
        new_active = next(v for p, v in values.items() if p.text == ACTIVE_AREA)
        return {**values, footprint_path: new_active * (old_footprint / old_active)}


def _copied_along(document: dict[str, Any], values: Mapping[FieldPath, float]) -> dict[str, Any]:
    """A copy of ``document`` sharing all but the objects and lists on the paths to be written.

    Copying the whole document (its materials above all) would cost more than loading it.
    """
    root = dict(document)
    fresh = {id(root)}
    for path in values:
        steps = (*path.steps, path.field.record) if path.field.record is not None else path.steps
        node: Any = root
        for step in steps[:-1]:
            try:
                child = node[step]
            except (KeyError, IndexError, TypeError):
                break  # read_in_document names what is missing
            if isinstance(child, (dict, list)) and id(child) not in fresh:
                child = dict(child) if isinstance(child, dict) else list(child)
                node[step] = child
                fresh.add(id(child))
            node = child
    return root


def with_value(project: Project, path: FieldPath | str, value: float, origin: str = "") -> Project:
    """A copy of ``project`` with ``path`` set to ``value`` (file units), checked as on load."""
    parsed = parse_path(path) if isinstance(path, str) else path
    return ProjectEditor(project, origin).with_values({parsed: value})
