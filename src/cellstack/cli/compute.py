"""`cellstack compute FILE [--temperature C] [--json] [--uncertain ...]`: the metrics of a project file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cellstack.cli.errors import EXIT_OK, printable, shorten
from cellstack.cli.inputs import at_temperature, read_project
from cellstack.core.cell import CellMetrics
from cellstack.core.discharge import RATE_CAPABILITY_C_RATES, rate_capability
from cellstack.core.errors import InputError
from cellstack.core.metrics import Metrics
from cellstack.core.stack import Stack
from cellstack.io.library import Library
from cellstack.io.metrics_export import (
    finding_to_json,
    json_text,
    metrics_to_json,
    rate_capability_to_json,
    with_cell,
)
from cellstack.io.project import Project
from cellstack.io.project_compute import (
    interface_table,
    project_cell_metrics,
    project_metrics,
    series_asr_ohm_m2,
)

TITLE_CHARS = 100


def run(args: argparse.Namespace, library: Library) -> int:
    project = read_project(args.file, library)
    stack = at_temperature(project.stack, args.temperature, args.file)
    metrics = project_metrics(project, library, stack)
    cell = _cell(project, library, stack, metrics, args)
    if args.json:
        data = with_cell(metrics_to_json(metrics, library), cell)
        _add_rate_capability(data, project, stack, library, metrics)
        if _uncertainty_requested(args):
            from cellstack.cli import uncertainty

            data.update(uncertainty.as_json(args, project, stack, library))
        # json_text reports a non-finite number as null with a `not_finite` error: the output
        # stays valid JSON (RFC 8259) and never passes an impossible number off as a result.
        sys.stdout.write(json_text(data) + "\n")
    else:
        from cellstack.io.metrics_text import format_metrics

        title = shorten(printable(project.name or args.file.name), TITLE_CHARS)
        extra = ""
        if _uncertainty_requested(args):
            from cellstack.cli import uncertainty

            extra = uncertainty.as_text(args, project, stack, library)
        sys.stdout.write(format_metrics(title, metrics, library, cell) + extra)
    return EXIT_OK


def _cell(
    project: Project, library: Library, stack: Stack, metrics: Metrics, args: argparse.Namespace
) -> CellMetrics:
    try:
        return project_cell_metrics(project, library, stack, metrics=metrics)
    except InputError as exc:
        raise exc.located(str(args.file)) from None


def rate_table_c_rates(project: Project) -> tuple[float, ...]:
    """The standard sweep with the design's own C-rates among it (a v1 file's: the same five)."""
    return tuple(sorted({*RATE_CAPABILITY_C_RATES, *project.simulation.c_rates}))


def _add_rate_capability(
    data: dict[str, Any], project: Project, stack: Stack, library: Library, metrics: Metrics
) -> None:
    """The `compute --json` rate table (null where the stack cannot be discharged), at the
    design's cut-off and with its series resistance.

    Where it rests on an approximate OCP curve, the warnings list says so.
    """
    data["rate_capability"] = None
    if not metrics.valid:
        return
    try:
        rates = rate_capability(
            stack,
            interface_table(project, library),
            rate_table_c_rates(project),
            cutoff_V=project.simulation.discharge_cutoff_V,
            series_asr_ohm_m2=series_asr_ohm_m2(project),
        )
    except InputError:
        return
    data["rate_capability"] = rate_capability_to_json(rates)
    known = {w["code"] for w in data["warnings"]}
    data["warnings"] += [
        finding_to_json(f, library)
        for f in rates.findings
        if f.code == "approximate_ocp" and f.code not in known
    ]


def _uncertainty_requested(args: argparse.Namespace) -> bool:
    # Checked here, not in cli.uncertainty: that module brings scipy, which a plain compute does
    # not need to load.
    return bool(args.uncertain) or args.samples is not None or args.tornado
