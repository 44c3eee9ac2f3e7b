"""The table of a project's numeric inputs and the paths that name them, read from a project's document.

A path such as ``stack.layers[1].thickness_um`` is the place of a number in the project file, in
the file's units (field_paths.py explains the addressing). This module knows only the parsed JSON
document, not the loader, so the loader itself can check the paths a file names (its
``uncertainties``) without an import cycle.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.io.material_records import RECORD_SPECS

_SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d{1,6}\])*)$")
_INDEX = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class NumericField:
    """One row of the table: a pattern of paths and the range the loader accepts there.

    In ``pattern``, ``[*]`` stands for any list index and ``*`` for any key (a material id).
    ``record`` names the key inside the addressed object that holds the number (``"value"`` for
    a sourced property); ``default`` is what the loader assumes when the key is absent (None:
    the key must be present to be read). ``vector``/``si_factor`` name the per-layer quantity the
    vectorised sweep varies directly (core.sweep), with the factor from the file's unit to SI.
    """

    pattern: str
    low: float
    high: float
    unit: str = ""
    low_inclusive: bool = True
    default: float | None = None
    record: str | None = None
    vector: str | None = None
    si_factor: float = 1.0
    integer: bool = False  # a count (units, cells, plates): written as a JSON integer

    def allowed(self) -> str:
        bound = ">=" if self.low_inclusive else ">"
        unit = f" ({self.unit})" if self.unit else ""
        return f"a number {bound} {self.low:g} and <= {self.high:g}{unit}"

    def inner_range(self) -> tuple[float, float]:
        """The range with an open lower bound moved just inside: what a sampled value may take."""
        low = self.low if self.low_inclusive else self.low + (self.high - self.low) * 1e-9
        return low, self.high

    def contains(self, value: float) -> bool:
        above = value >= self.low if self.low_inclusive else value > self.low
        return above and value <= self.high and (not self.integer or float(value).is_integer())


_LAYER = "stack.layers[*]"
_MM, _UM = ("mm", 0.0, 10_000.0), ("µm", 0.0, 1e7)  # any length of a cell: > 0, at most 10 m
_SHEETS = ("cathode", "anode", "separator", "electrolyte")


def _lengths(prefix: str, keys: tuple[str, ...], unit: tuple[str, float, float]) -> tuple[NumericField, ...]:
    return tuple(
        NumericField(f"{prefix}{key}", unit[1], unit[2], unit[0], low_inclusive=False) for key in keys
    )


# The v2 sections (file-format.md): the cell's dimensions and counts, its housing, fixture and fill,
# the simulation's cut-offs and the project's own resistances.
CELL_FIELDS: tuple[NumericField, ...] = (
    NumericField("cell.units", 1.0, 10_000.0, "", integer=True),
    NumericField("cell.cells", 1.0, 1000.0, "", integer=True),
    NumericField("cell.spacers", 0.0, 10.0, "", integer=True),
    *_lengths("cell.", tuple(f"{s}_{side}_mm" for s in _SHEETS for side in ("width", "height")), _MM),
    *_lengths("cell.", tuple(f"{s}_diameter_mm" for s in _SHEETS[:3]), _MM),
    *_lengths("cell.", ("box_width_mm", "box_height_mm", "box_thickness_mm"), _MM),
    *_lengths("cell.cathode_tab.", ("width_mm", "length_mm"), _MM),
    *_lengths("cell.anode_tab.", ("width_mm", "length_mm"), _MM),
    *_lengths("cell.laminate.", ("thickness_um",), _UM),
    NumericField("cell.laminate.seal_width_mm", 0.0, 10_000.0, "mm"),
    *(NumericField(f"cell.frame.{key}", 0.0, 10_000.0, "mm") for key in ("side_border_mm", "end_border_mm")),
    NumericField("cell.frame.lid_thickness_mm", 0.0, 10_000.0, "mm", default=0.0),
    *(
        NumericField(f"{where}.density_g_cm3", 0.0, 25.0, "g/cm³", low_inclusive=False)
        for where in ("cell.laminate", "cell.frame", "cell.die", "cell.lid", "fill")
    ),
    *_lengths("cell.die.", ("width_mm", "height_mm"), _MM),
    *_lengths("cell.lid.", ("width_mm", "height_mm"), _MM),
    *_lengths("cell.die.", ("thickness_um",), _UM),
    *_lengths("cell.lid.", ("thickness_um",), _UM),
    NumericField("cell.terminals[*].mass_mg", 0.0, 1e8, "mg"),
    *_lengths("fixture.", ("plate_width_mm", "plate_height_mm", "plate_thickness_mm"), _MM),
    NumericField("fixture.plate_density_g_cm3", 0.0, 25.0, "g/cm³", low_inclusive=False),
    NumericField("fixture.plates", 1.0, 10.0, "", integer=True, default=2.0),
    NumericField("fixture.hardware_mass_g", 0.0, 1e6, "g", default=0.0),
    NumericField("fixture.stack_pressure_MPa", 0.0, 1000.0, "MPa", default=0.0),
    NumericField("fill.volume_per_capacity_mL_Ah", 0.0, 10.0, "mL/Ah"),
    NumericField("simulation.discharge_cutoff_V", 0.0, 10.0, "V"),
    NumericField("simulation.charge_cutoff_V", 0.0, 10.0, "V"),
    NumericField("interfaces[*].asr_ohm_cm2", 0.0, 1e7, "Ω·cm²"),
    NumericField("interfaces[*].temperature_C", -100.0, 1000.0, "°C", default=25.0),
    NumericField("series_resistance_ohm", 0.0, 1e6, "Ω", default=0.0),
)
_COMPOSITE = f"{_LAYER}.composite"
NUMERIC_FIELDS: tuple[NumericField, ...] = (
    NumericField("stack.active_area_cm2", 0.0, 1e6, "cm²", low_inclusive=False),
    NumericField("stack.footprint_area_cm2", 0.0, 1e6, "cm²", low_inclusive=False),
    NumericField("stack.temperature_C", -100.0, 400.0, "°C", default=25.0),
    NumericField("stack.extra_mass_mg", 0.0, 1e9, "mg", default=0.0),
    NumericField("stack.anode_free.first_cycle_loss", 0.0, 0.99, "fraction", default=0.0),
    NumericField(f"{_LAYER}.thickness_um", 1e-4, 1e5, "µm", vector="thickness_m", si_factor=u.UM),
    NumericField(f"{_LAYER}.porosity", 0.0, 0.99, "fraction", default=0.0),
    NumericField(f"{_COMPOSITE}.active_fraction", 0.0, 1.0, "volume fraction", vector="active_fraction"),
    NumericField(
        f"{_COMPOSITE}.electrolyte_fraction", 0.0, 1.0, "volume fraction", vector="electrolyte_fraction"
    ),
    NumericField(f"{_COMPOSITE}.additive_fraction", 0.0, 1.0, "volume fraction", default=0.0),
    NumericField(f"{_COMPOSITE}.particle_radius_um", 0.0, 1000.0, "µm", low_inclusive=False, default=5.0),
    NumericField(f"{_COMPOSITE}.bruggeman", 1.0, 10.0, "", default=1.5),
    NumericField(f"{_COMPOSITE}.coating_thickness_nm", 0.0, 1000.0, "nm", default=0.0),
    *(
        NumericField(f"{where}.{spec.key}", spec.low, spec.high, spec.unit, not spec.positive, record="value")
        for where in (f"{_LAYER}.overrides", "materials.*.properties")
        for spec in RECORD_SPECS
    ),
    *CELL_FIELDS,
)


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    text = re.escape(pattern).replace(r"\[\*\]", r"\[\d+\]").replace(r"\*", r"[a-z0-9_]+")
    return re.compile(f"^{text}$")


@functools.cache
def _matchers() -> tuple[tuple[re.Pattern[str], NumericField], ...]:
    # Compiled on first use: a hundred patterns cost 10 ms, on the app's start-up path otherwise.
    return tuple((_pattern_regex(f.pattern), f) for f in NUMERIC_FIELDS)


@dataclass(frozen=True)
class FieldPath:
    """A parsed path: its text and its steps (keys and list indices) into the project document."""

    text: str
    steps: tuple[str | int, ...]
    field: NumericField

    @property
    def layer_index(self) -> int | None:
        """The layer the path points into, if any (the index after ``stack.layers``)."""
        if len(self.steps) > 2 and self.steps[:2] == ("stack", "layers") and isinstance(self.steps[2], int):
            return self.steps[2]
        return None


_EXAMPLES = (
    "stack.temperature_C, stack.layers[i].thickness_um, stack.layers[i].composite.active_fraction, "
    "stack.layers[i].overrides.KEY, materials.ID.properties.KEY (docs/explore.md lists them all)"
)


def parse_path(text: str) -> FieldPath:
    """The path ``text`` names, or InputError when it names no numeric input."""
    steps: list[str | int] = []
    for part in text.split("."):
        match = _SEGMENT.match(part)
        if match is None:
            raise InputError("field path", text, "a path such as stack.layers[1].thickness_um")
        steps.append(match[1])
        steps.extend(int(i) for i in _INDEX.findall(match[2]))
    for regex, field in _matchers():
        if regex.match(text):
            return FieldPath(text, tuple(steps), field)
    raise InputError("field path", text, f"the path of a numeric input, e.g. {_EXAMPLES}")


def container(document: Mapping[str, Any], path: FieldPath) -> MutableMapping[str, Any]:
    """The object holding the path's last key, walking the steps with a message for a wrong one."""
    node: Any = document
    walked = ""
    for step in path.steps[:-1]:
        if isinstance(step, int):
            if not isinstance(node, list) or not 0 <= step < len(node):
                count = len(node) if isinstance(node, list) else 0
                raise InputError(path.text, f"{walked}[{step}]", f"an index from 0 to {count - 1}")
            node = node[step]
            walked += f"[{step}]"
        else:
            if not isinstance(node, Mapping) or step not in node:
                where = walked or "the project"
                raise InputError(path.text, None, f"a field present in this project ({where} has no {step})")
            node = node[step]
            walked += f".{step}" if walked else step
    if not isinstance(node, MutableMapping):
        raise InputError(path.text, walked, "an object holding the field")
    return node


def read_in_document(document: Mapping[str, Any], path: FieldPath) -> float:
    holder = container(document, path)
    key = path.steps[-1]
    assert isinstance(key, str)  # the table's patterns end in a key
    value = holder.get(key)
    if path.field.record is not None:
        if not isinstance(value, Mapping):
            raise InputError(path.text, None, "a record present in the file (set it there first)")
        value = value.get(path.field.record)
    if value is None:
        if path.field.default is None:
            raise InputError(path.text, None, "a value present in the file")
        return path.field.default
    return float(value)
