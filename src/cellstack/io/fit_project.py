"""Fit inputs of a project, named by their field paths, to a measured discharge.

The model is CellStack's own constant-current discharge at the measured run's C-rate (from its
current and the candidate cell's capacity, or its ``c_rate`` column) and temperature, with the
candidate project's own interface records in front of the installed ones and its series
resistance (io/project_compute.py), as every other view of the project computes it; residuals are
the model's voltage at the measured times minus the measured voltage (a model run that ends
early holds its last voltage, so ending too soon costs). Each candidate goes through the project
loader (io/field_paths.py), so an out-of-range value is refused as in a file. The fitted values
become overrides whose source says "fitted to FILE", with their 95 % interval in the note; a
fitted interface record's source says "fitted to FILE" too (io/interface_paths.py makes a record
for an interface that has none yet).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from cellstack.core.discharge import simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.fit import FitFailed, FitVariable, MeasuredCurve, fit_least_squares
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics import compute_metrics
from cellstack.core.ocp import FloatArray
from cellstack.core.stack import Stack
from cellstack.io.field_paths import FieldPath, ProjectEditor, parse_path
from cellstack.io.interface_fields import project_interface_table
from cellstack.io.material_records import SPEC_BY_KEY
from cellstack.io.project import Project, loads_project, project_document
from cellstack.io.project_compute import series_asr_ohm_m2

MODEL_POINTS = 2000  # fine enough that interpolating the model onto measured times adds < 0.1 mV
SECONDS_PER_HOUR = 3600.0
# A candidate the model cannot compute (a cell that cannot start) is this far off at every point,
# so the fit turns away from it rather than stopping.
_UNCOMPUTABLE_V = 5.0


@dataclass(frozen=True)
class FittedParameter:
    path: str
    unit: str
    start: float
    value: float
    ci_low: float  # 95 % confidence interval, file units
    ci_high: float


@dataclass(frozen=True)
class ProjectFit:
    parameters: tuple[FittedParameter, ...]
    rmse_V: float
    points: int
    evaluations: int
    project: Project  # the input project with the fitted values applied as overrides


def fit_project(
    project: Project,
    installed: InterfaceTable,
    measured: MeasuredCurve,
    paths: Sequence[str],
    origin: str = "",
) -> ProjectFit:
    """Fit ``paths`` of ``project`` to ``measured``; FitFailed (nothing changed) when it does not
    converge, InputError for a path or measurement that cannot be fitted. ``installed`` is the
    library's interface table; each candidate's own records go in front of it."""
    parsed = [parse_path(text) for text in paths]
    if len({p.text for p in parsed}) != len(parsed):
        raise InputError("--param", ", ".join(paths), "each path once")
    seeded = _with_starting_records(project, parsed, origin)
    editor = ProjectEditor(seeded, origin)
    variables = [_variable(path, editor.read(path)) for path in parsed]
    level = measured.constant()
    measured_times = measured.time_s - measured.time_s[0]

    failures: list[str] = []  # why the model could not run, latest last

    def residuals(values: Sequence[float]) -> FloatArray:
        try:
            candidate = editor.with_values(dict(zip(parsed, values, strict=True)))
            interfaces = project_interface_table(candidate.interfaces, installed)
            rate = level if measured.c_rate is not None else _c_rate(candidate.stack, interfaces, level)
            curve = simulate_discharge(
                candidate.stack,
                interfaces,
                rate,
                temperature_K=measured.temperature_K,
                points=MODEL_POINTS,
                series_asr_ohm_m2=series_asr_ohm_m2(candidate),
            )
        except InputError as exc:
            failures.append(exc.one_line())
            return np.full(len(measured_times), _UNCOMPUTABLE_V)
        if not curve.started:
            failures.append(curve.end_reason)
            return np.full(len(measured_times), _UNCOMPUTABLE_V)
        model = np.interp(measured_times, curve.time_s, curve.voltage_V)
        return np.asarray(model - measured.voltage_V, dtype=float)

    residuals([v.start for v in variables])
    if failures:
        raise FitFailed(
            f"the model cannot run the measured discharge at the starting values ({failures[-1]})"
        )
    result = fit_least_squares(residuals, variables)
    fitted = tuple(
        FittedParameter(path.text, path.field.unit, v.start, value, low, high)
        for path, v, value, low, high in zip(
            parsed, variables, result.values, result.ci_low, result.ci_high, strict=True
        )
    )
    applied = _applied(seeded, parsed, fitted, measured.name, result.rmse, origin)
    return ProjectFit(fitted, result.rmse, len(measured_times), result.evaluations, applied)


def _c_rate(stack: Stack, interfaces: InterfaceTable, current_A: float) -> float:
    capacity = compute_metrics(stack, interfaces).capacity_C
    if capacity is None or not capacity > 0.0:
        raise InputError("capacity", capacity, "a cell with a capacity, to turn the current into a C-rate")
    return current_A * SECONDS_PER_HOUR / capacity  # C-rate = current / (capacity in A·h)


def _variable(path: FieldPath, start: float) -> FitVariable:
    field = path.field
    # Positive quantities are fitted in log: they may span decades, and stay positive.
    log = field.low >= 0.0 and start > 0.0
    return FitVariable(path.text, start, field.low, field.high, log)


def _override_key(path: FieldPath) -> tuple[int, str] | None:
    steps = path.steps
    if len(steps) == 5 and steps[:2] == ("stack", "layers") and steps[3] == "overrides":
        index, key = steps[2], steps[4]
        assert isinstance(index, int) and isinstance(key, str)
        return index, key
    return None


def _with_starting_records(project: Project, paths: Sequence[FieldPath], origin: str) -> Project:
    """The project with an override record, from the layer's own value, for each override path
    the file does not hold yet (the fit needs a starting value and a record to write into)."""
    document = project_document(project)
    changed = False
    for path in paths:
        place = _override_key(path)
        if place is None:
            continue
        index, key = place
        layers = document["stack"]["layers"]
        if not 0 <= index < len(layers):
            raise InputError(path.text, index, f"a layer index from 0 to {len(layers) - 1}", origin)
        overrides = layers[index].setdefault("overrides", {})
        if key in overrides:
            continue
        spec = SPEC_BY_KEY[key]
        value = getattr(project.stack.layers[index].effective_material.properties, spec.field)
        if value is None:
            raise InputError(
                path.text, None, "a starting value: set this override (or the material's value) first", origin
            )
        overrides[key] = {
            "value": value.value / spec.factor,
            "unit": spec.unit,
            "source": "user",
            "quality": "user",
        }
        changed = True
    if not changed:
        return project
    return _reloaded(project, document, origin)


def _reloaded(project: Project, document: dict[str, Any], origin: str) -> Project:
    loaded = loads_project(json.dumps(document, allow_nan=False).encode("utf-8"), origin)
    # Everything the file holds (the cell, fixture, settings, resistances) is kept, not only the stack.
    return replace(loaded, format_version=project.format_version)


def _applied(
    project: Project,
    paths: Sequence[FieldPath],
    fitted: Sequence[FittedParameter],
    data_name: str,
    rmse_V: float,
    origin: str,
) -> Project:
    document = project_document(
        ProjectEditor(project, origin).with_values(
            {path: p.value for path, p in zip(paths, fitted, strict=True)}
        )
    )
    for path, p in zip(paths, fitted, strict=True):
        if path.steps[0] == "interfaces":
            document["interfaces"][path.steps[1]]["source"] = f"fitted to {data_name}"
        if path.field.record is None:
            continue
        holder: Any = document
        for step in path.steps:
            holder = holder[step]
        holder["source"] = f"fitted to {data_name}"
        holder["quality"] = "computed"
        holder["note"] = (
            f"least-squares fit to {data_name}: 95 % interval {p.ci_low:.4g} to {p.ci_high:.4g} {p.unit}, "
            f"voltage RMSE {rmse_V * 1e3:.2f} mV"
        )
    return _reloaded(project, document, origin)


__all__ = ["FitFailed", "FittedParameter", "ProjectFit", "fit_project"]
