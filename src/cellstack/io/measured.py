"""Measured discharge data: a CSV file, or the ``Validation`` curves of a BPX parameter file.

CSV columns (header row, any order, other columns ignored; docs/own-data.md): ``time_s``,
``voltage_V``, one of ``current_mA`` (discharge positive) and ``c_rate``, and optionally
``capacity_mAh`` (without either current column, the current is the slope of ``capacity_mAh``).
A BPX file holds named experiments under ``Validation``, each with
``Time [s]``, ``Current [A]`` and ``Voltage [V]`` lists (and optionally ``Temperature [K]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.fit.measured import MeasuredCurve
from cellstack.io.bounded_read import read_bounded
from cellstack.io.csv_table import read_csv_table
from cellstack.io.fields import Fields
from cellstack.io.strict_json import MAX_BYTES, parse_json

TIME, VOLTAGE, CURRENT, C_RATE, CAPACITY = "time_s", "voltage_V", "current_mA", "c_rate", "capacity_mAh"
BPX_TIME, BPX_CURRENT, BPX_VOLTAGE, BPX_TEMPERATURE = (
    "Time [s]",
    "Current [A]",
    "Voltage [V]",
    "Temperature [K]",
)
_OTHER_UNITS = {
    "time_h": TIME,
    "time_min": TIME,
    "current_A": CURRENT,
    "current_uA": CURRENT,
    "voltage_mV": VOLTAGE,
}


def read_measured(path: Path, experiment: str | None = None) -> MeasuredCurve:
    """The discharge in ``path``: a .json file is read as BPX (``experiment`` names one of its
    Validation curves where it holds several), anything else as CSV."""
    if path.suffix.lower() == ".json":
        return read_bpx_validation(path, experiment)
    if experiment is not None:
        raise InputError("--experiment", experiment, "no experiment name for a CSV file", str(path))
    return read_measured_csv(path)


def read_measured_csv(path: Path) -> MeasuredCurve:
    table = read_csv_table(path, "measured discharge")
    table.refuse_other_units(_OTHER_UNITS)
    table.require(TIME, VOLTAGE)
    # Without a current column the current follows from the charge delivered over time, as in
    # the curve `cellstack discharge --csv` writes (time_s, capacity_mAh, voltage_V).
    from_capacity = not table.has(CURRENT) and not table.has(C_RATE) and table.has(CAPACITY)
    if not from_capacity:
        table.one_of(CURRENT, C_RATE)
    time = table.numbers(TIME, "s")
    for k in range(1, len(time)):
        if not time[k] > time[k - 1]:
            raise table.error(k, TIME, float(time[k]), f"a time after the previous row's ({time[k - 1]:g} s)")
    capacity = table.numbers(CAPACITY, "mAh") * u.MAH if table.has(CAPACITY) else None
    current = table.numbers(CURRENT, "mA") * 1e-3 if table.has(CURRENT) else None
    if from_capacity and capacity is not None and len(time) > 1:
        current = np.gradient(capacity, time)  # C/s = A; a non-constant one is refused below
    try:
        return MeasuredCurve(
            name=path.name,
            time_s=time,
            voltage_V=table.numbers(VOLTAGE, "V"),
            current_A=current,
            c_rate=table.numbers(C_RATE) if table.has(C_RATE) else None,
            capacity_C=capacity,
        )
    except InputError as exc:
        raise exc.located(table.origin) from None


def read_bpx_validation(path: Path, experiment: str | None = None) -> MeasuredCurve:
    origin = str(path)
    document = parse_json(read_bounded(path, MAX_BYTES, origin, "BPX file"), origin)
    top = Fields(document, "", origin)
    if not top.has("Validation"):
        raise top.error("Validation", None, "a BPX file with measured curves under Validation")
    curves = top.child("Validation")
    names = sorted(curves.data)
    if not names:
        raise curves.error("Validation", {}, "at least one measured curve")
    if experiment is None:
        if len(names) > 1:
            raise InputError("--experiment", None, "one of " + ", ".join(repr(n) for n in names), origin)
        experiment = names[0]
    if experiment not in curves.data:
        raise InputError("--experiment", experiment, "one of " + ", ".join(repr(n) for n in names), origin)
    entry = curves.child(experiment)
    temperature = _column(entry, BPX_TEMPERATURE) if entry.has(BPX_TEMPERATURE) else None
    try:
        return MeasuredCurve(
            name=f"{path.name} ({experiment})",
            time_s=_column(entry, BPX_TIME),
            voltage_V=_column(entry, BPX_VOLTAGE),
            current_A=_column(entry, BPX_CURRENT),
            temperature_K=float(np.median(temperature)) if temperature is not None else None,
        )
    except InputError as exc:
        raise exc.located(origin) from None


def _column(entry: Fields, key: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    value = entry.data.get(key)
    if not isinstance(value, list) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise entry.error(key, value, "a list of numbers")
    return np.array(value, dtype=float)
