"""A project's numbers: its stack and cell computed with its own interfaces and series resistance.

Everything that shows a project's results (the command line, the report, the app) computes it
here, so the project's interface values and its series resistance reach every number the same way.

The series resistance R (Ω, contacts, tabs and fixture of the whole cell) enters the ASR ledger of
the repeat unit as R × A, where A is the total active area of the cell's units in parallel: the
stack's active area for a planar cell; units × the area where cathode faces anode for a pouch, a
coin or a chip in parallel. Cells in series (a chip connected in series) carry the cell's current
one after the other, so A is divided by the number in series, and each of them sees 1/series of
R's drop: R × A / series².
"""

from __future__ import annotations

from dataclasses import replace

from cellstack.core import units as u
from cellstack.core.cell import CellMetrics, Planar, compute_cell
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics import Metrics, compute_metrics
from cellstack.core.metrics.results import AsrEntry
from cellstack.core.sourced import Quality
from cellstack.core.stack import Stack
from cellstack.io.cell_document import write_cell
from cellstack.io.cell_fields import core_paths
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import relabelled
from cellstack.io.interface_fields import PROJECT_SOURCE, project_interface_table
from cellstack.io.library import Library
from cellstack.io.project_model import Project

SERIES_KIND = "series"
SERIES_NAME = "series resistance (contacts, tabs, fixture)"


def interface_table(project: Project, library: Library | None) -> InterfaceTable:
    """The project's own interface records in front of the installed tables."""
    installed = library.interfaces if library is not None else InterfaceTable()
    return project_interface_table(project.interfaces, installed)


def parallel_area_m2(project: Project) -> float:
    """The total active area of the cell's units in parallel, over the number in series."""
    cell_format = project.cell_format
    if isinstance(cell_format, Planar):
        return project.stack.active_area_m2
    placement = cell_format.placement()
    return placement.units * placement.capacity_area_m2 / placement.series**2


def series_asr_ohm_m2(project: Project) -> float:
    """The series resistance as an area-specific resistance of the repeat unit (rule above)."""
    return project.series_resistance_ohm * parallel_area_m2(project)


def series_entry(project: Project) -> AsrEntry | None:
    ohm = project.series_resistance_ohm
    if ohm <= 0.0:
        return None
    area_cm2 = parallel_area_m2(project) / u.CM2
    return AsrEntry(
        SERIES_NAME,
        SERIES_KIND,
        series_asr_ohm_m2(project),
        f"{PROJECT_SOURCE}series_resistance_ohm = {ohm:g} Ω",
        Quality.USER,
        f"{ohm:g} Ω for the whole cell × {area_cm2:.6g} cm² of active area in parallel",
    )


def project_metrics(project: Project, library: Library | None, stack: Stack | None = None) -> Metrics:
    """compute_metrics of the project's stack (or ``stack``, e.g. at another temperature) with
    the project's interfaces, energy definition and series resistance."""
    metrics = compute_metrics(
        stack if stack is not None else project.stack,
        interface_table(project, library),
        project.simulation.energy_definition,
    )
    return with_series(metrics, project)


def with_series(metrics: Metrics, project: Project) -> Metrics:
    """``metrics`` with the project's series resistance as the last line of its ASR ledger."""
    entry = series_entry(project)
    return metrics if entry is None else replace(metrics, asr=(*metrics.asr, entry))


def project_cell_metrics(
    project: Project, library: Library | None, stack: Stack | None = None, *, metrics: Metrics | None = None
) -> CellMetrics:
    """The cell's levels. A geometry that cannot hold its stack (a box thinner than the stack, a
    coin case too low) raises InputError naming the file's key."""
    unit = stack if stack is not None else project.stack
    cell = replace(project.cell(), unit=unit)
    try:
        result = compute_cell(cell, interface_table(project, library), project.simulation.energy_definition)
    except InputError as exc:
        fields = Fields(write_cell(project.cell_format), "cell")
        paths = {**core_paths(project.cell_format.kind), **_case_paths(project)}
        raise relabelled(exc, fields, paths) from None
    # compute_cell has computed the unit's metrics with the same table and energy definition.
    ledger = metrics if metrics is not None else with_series(result.repeat_unit, project)
    return result._replace(repeat_unit=ledger)


def _case_paths(project: Project) -> dict[str, str]:
    case = getattr(project.cell_format, "case", None)
    return {f"{case.name}.inner_height": "case"} if case is not None else {}
