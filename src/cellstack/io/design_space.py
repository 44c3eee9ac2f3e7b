"""A core DesignSpace over a project's inputs named by field path (field_paths.py).

Each design is the project with those fields set and loaded again, so it passes the loader's
checks, and is computed as `compute` computes a project: with its own interface values, its
series resistance and, for the ``cell.`` outputs, the cell around the stack. Inputs the
vectorised sweep understands (layer thicknesses, composite fractions) are also handed to it
directly, with the base project's interfaces and series resistance.
"""

from __future__ import annotations

from collections.abc import Sequence

from cellstack.core.explore.engine import DesignSpace, Knob
from cellstack.core.explore.outputs import DischargeSettings, evaluate_design, wants_cell
from cellstack.core.stack import Stack
from cellstack.io.field_paths import FieldPath, ProjectEditor, parse_path
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.io.project_compute import (
    interface_table,
    project_cell_metrics,
    project_metrics,
    series_asr_ohm_m2,
)


def _knob(path: FieldPath) -> Knob | None:
    index = path.layer_index
    if path.field.vector is None or index is None:
        return None
    return Knob(index, path.field.vector, path.field.si_factor)


def project_outputs(
    project: Project, library: Library | None, keys: Sequence[str], c_rate: float
) -> dict[str, float]:
    """The outputs ``keys`` of one project, as `compute --json` gives them at full precision
    (the ``delivered_*`` discharge at the project's cut-off and with its series resistance).

    A cell geometry that cannot hold the stack raises InputError naming the file's key.
    """
    wanted = tuple(keys)
    metrics = project_metrics(project, library)
    cell = project_cell_metrics(project, library, metrics=metrics) if wants_cell(wanted) else None
    tables = interface_table(project, library)
    discharge = DischargeSettings(project.simulation.discharge_cutoff_V, series_asr_ohm_m2(project))
    return evaluate_design(
        project.stack, tables, wanted, c_rate, metrics=metrics, cell=cell, discharge=discharge
    )


def design_space(
    project: Project, library: Library | None, paths: Sequence[FieldPath | str], origin: str = ""
) -> tuple[DesignSpace, ProjectEditor, tuple[FieldPath, ...]]:
    """The space of ``project``'s variants over ``paths``, with the editor that builds them.

    Raises InputError when a path names no numeric input of this project.
    """
    parsed = tuple(parse_path(p) if isinstance(p, str) else p for p in paths)
    editor = ProjectEditor(project, origin)
    for path in parsed:
        editor.read(path)  # a path the project does not have is refused before any design is made

    def variant(values: Sequence[float]) -> Project:
        return editor.with_values(dict(zip(parsed, values, strict=True)))

    def build(values: Sequence[float]) -> Stack:
        return variant(values).stack

    def evaluate(values: Sequence[float], keys: tuple[str, ...], c_rate: float) -> dict[str, float]:
        return project_outputs(variant(values), library, keys, c_rate)

    space = DesignSpace(
        project.stack,
        interface_table(project, library),
        build,
        tuple(_knob(p) for p in parsed),
        evaluate,
        series_asr_ohm_m2(project),
        project.simulation.discharge_cutoff_V,
    )
    return space, editor, parsed
