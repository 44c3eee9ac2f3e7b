"""`cellstack sweep FILE --vary PATH=START:STOP:N [...] --csv OUT`: outputs over a grid of designs."""

from __future__ import annotations

import argparse
import sys

from cellstack.cli.errors import EXIT_OK, CommandLineError
from cellstack.cli.explore_args import assignment, c_rate, check_in_range, output_keys, point_count, study
from cellstack.cli.inputs import check_output, read_project
from cellstack.cli.parallel import batch_evaluator
from cellstack.cli.paths import shown_path
from cellstack.core.explore.grid import axis, grid, whole_axis
from cellstack.io.csv_export import curves_csv, write_csv
from cellstack.io.library import Library

DEFAULT_METRICS = (
    "capacity_mAh",
    "energy_mWh",
    "specific_energy_Wh_kg",
    "energy_density_Wh_L",
    "asr_ohm_cm2",
)
MAX_INPUTS = 2
_FORM = "PATH=START:STOP:N, e.g. stack.layers[1].thickness_um=40:120:9"


def run(args: argparse.Namespace, library: Library) -> int:
    check_output(args.csv, [args.file], "--csv")
    if len(args.vary) > MAX_INPUTS:
        raise CommandLineError(f"--vary: at most {MAX_INPUTS} inputs per sweep (a line or a grid)")
    ranges = [assignment(text, "--vary", (3,), _FORM, args.file) for text in args.vary]
    counts = [
        point_count(r.numbers[2], "--vary", text, args.file)
        for r, text in zip(ranges, args.vary, strict=True)
    ]
    keys = output_keys(args.metric or DEFAULT_METRICS, "--metric", args.file)
    rate = c_rate(args.c_rate, args.file)
    project = read_project(args.file, library)
    explored = study(project, library, [r.path for r in ranges], "--vary", args.file)
    axes = []
    for r, path, count in zip(ranges, explored.paths, counts, strict=True):
        check_in_range(path.field, r.numbers[:2], "--vary", path.text, args.file)
        along = axis(r.numbers[0], r.numbers[1], count, args.log, "--vary")
        axes.append(whole_axis(along, "--vary") if path.field.integer else along)  # counts: whole
    points = grid(axes)
    values = batch_evaluator(args, project, library, explored, keys, rate, label="sweep")(points)
    columns = {path.text: points[:, i] for i, path in enumerate(explored.paths)}
    columns.update(values)
    write_csv(args.csv, curves_csv(columns))  # all or nothing, as project files are saved
    sys.stdout.write(f"{len(points)} designs written to {shown_path(args.csv)}\n")
    return EXIT_OK
