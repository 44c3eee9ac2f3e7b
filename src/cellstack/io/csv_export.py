"""CSV export of metrics, the layer table and curves, for spreadsheets and plotting tools.

Plain UTF-8 with "\\n" line ends and a header row. Units are ASCII ("um", "mAh/cm2") so every
program reads them the same way. Numbers are written in full (Python's shortest round-trip form),
an empty cell means "no value". Text that a spreadsheet would run as a formula (a layer label
starting with "=", for instance, taken from someone else's project file) is prefixed with "'".
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from cellstack.core.errors import InputError
from cellstack.io.atomic import write_text_atomically

# Key suffix -> unit, longest first so "_mAh_cm2" wins over "_cm2". The keys are those of
# metrics_to_json (docs/cli.md), which name their unit at the end.
_UNITS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "_mAh_cm2": "mAh/cm2",
            "_mg_cm2": "mg/cm2",
            "_ohm_cm2": "ohm*cm2",
            "_Wh_kg": "Wh/kg",
            "_Wh_L": "Wh/L",
            "_W_kg": "W/kg",
            "_mAh": "mAh",
            "_mWh": "mWh",
            "_mW": "mW",
            "_cm2": "cm2",
            "_cm3": "cm3",
            "_um": "um",
            "_mg": "mg",
            "_g": "g",
            "_V": "V",
            "_C": "degC",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TABLES = frozenset({"layers"})  # exported by layers_csv, not as key/value rows


def unit_of(key: str) -> str:
    """The unit a metrics key names at its end ("thickness_um" -> "um"), or ""."""
    # The leading "_" lets a key that is only a unit ("ohm_cm2" in asr_breakdown) match too.
    last = "_" + key.rsplit(".", 1)[-1]
    for suffix, unit in _UNITS:
        if last.endswith(suffix):
            return unit
    return ""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return ""
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        return repr(number)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _flatten(value: object, key: str) -> Iterable[tuple[str, object]]:
    if isinstance(value, Mapping):
        for name, inner in value.items():
            if not key and name in _TABLES:
                continue
            yield from _flatten(inner, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _flatten(inner, f"{key}[{i}]")
    else:
        yield key, value


def metrics_csv(metrics_json: Mapping[str, Any]) -> str:
    """Rows ``key,value,unit`` for every value of a metrics_to_json object except the layer table.

    Nested objects become dotted keys ("levels.cell_stack.mass_g") and lists get an index
    ("asr_breakdown[0].ohm_cm2").
    """
    rows: list[tuple[object, ...]] = [("key", "value", "unit")]
    rows.extend((key, value, unit_of(key)) for key, value in _flatten(metrics_json, ""))
    return _csv(rows)


def layers_csv(metrics_json: Mapping[str, Any]) -> str:
    """The layer table of a metrics_to_json object: one row per layer, bottom to top."""
    layers = metrics_json.get("layers")
    if not isinstance(layers, list) or not all(isinstance(row, Mapping) for row in layers):
        raise InputError("layers", type(layers).__name__, "a list of layer rows from metrics_to_json")
    columns: list[str] = []
    for row in layers:
        columns.extend(str(k) for k in row if str(k) not in columns)
    return _csv([columns, *([row.get(c) for c in columns] for row in layers)])


def curves_csv(columns: Mapping[str, npt.ArrayLike]) -> str:
    """Equal-length one-dimensional columns side by side, names in the header row."""
    arrays: dict[str, npt.NDArray[Any]] = {}
    for name, values in columns.items():
        array = np.asarray(values)
        if array.ndim != 1:
            raise InputError(name, f"{array.ndim}-dimensional", "a one-dimensional column")
        arrays[name] = array
    lengths = {len(a) for a in arrays.values()}
    if len(lengths) > 1:
        shown = {name: len(a) for name, a in arrays.items()}
        raise InputError("columns", shown, "columns of equal length")
    count = lengths.pop() if lengths else 0
    rows = ([a[i].item() for a in arrays.values()] for i in range(count))
    return _csv([list(arrays), *rows])


def write_csv(path: Path, text: str) -> Path:
    """Write CSV text to ``path`` all or nothing (see atomic.py); raises SaveError on failure."""
    return write_text_atomically(path, text)
