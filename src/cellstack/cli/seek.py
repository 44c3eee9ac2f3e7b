"""`cellstack seek FILE --vary PATH --target KEY=VALUE -o OUT.cellstack`: set one input so one
output reaches a target, or say which range of that output the input can reach."""

from __future__ import annotations

import argparse
import math
import sys

import numpy as np

from cellstack.cli.errors import EXIT_OK
from cellstack.cli.explore_args import assignment, c_rate, check_in_range, inner_range, output_keys, study
from cellstack.cli.inputs import check_output, read_project
from cellstack.cli.paths import shown_path
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import Invalid
from cellstack.core.explore.seek import OutOfReach, SeekResult, seek, seek_whole
from cellstack.core.sweep import FloatArray
from cellstack.io.library import Library
from cellstack.io.project import save_project

SCAN_POINTS = 201
DECADES_FOR_LOG_SCAN = 2.0  # a range wider than this many decades above 0 is scanned in log
_OPEN_LOW_SPAN = 1e-6  # an open lower bound at 0 is scanned from this fraction of the top


def scan_values(low: float, high: float, open_low: bool) -> FloatArray:
    """Where the scan looks: evenly in log over a wide positive range, else evenly."""
    if open_low and low <= 0.0 < high:
        low = high * _OPEN_LOW_SPAN
    if low > 0.0 and np.log10(high / low) >= DECADES_FOR_LOG_SCAN:
        return np.geomspace(low, high, SCAN_POINTS)
    return np.linspace(low, high, SCAN_POINTS)


def run(args: argparse.Namespace, library: Library) -> int:
    check_output(args.output, [args.file], "-o")
    target = assignment(args.target, "--target", (1,), "KEY=VALUE, e.g. areal_capacity_mAh_cm2=3", args.file)
    key = output_keys([target.path], "--target", args.file)[0]
    goal = target.numbers[0]
    rate = c_rate(args.c_rate, args.file)
    path_text, has_range, _ = args.vary.partition("=")
    project = read_project(args.file, library)
    explored = study(project, library, [path_text.strip()], "--vary", args.file)
    path = explored.paths[0]
    low, high = path.field.low, path.field.high
    open_low = not path.field.low_inclusive
    if has_range:
        limits = assignment(args.vary, "--vary", (2,), "PATH or PATH=LOW:HIGH", args.file).numbers
        check_in_range(path.field, limits, "--vary", path.text, args.file)
        low, high, open_low = min(limits), max(limits), False
    elif not open_low:
        low, high = inner_range(path.field)
    evaluate = explored.evaluator([key], rate, Invalid.NAN)

    def outputs(x: FloatArray) -> FloatArray:
        return evaluate(np.asarray(x).reshape(-1, 1))[key]

    current = explored.editor.read(path)
    whole = path.field.integer
    scanned = np.round([low, high]) if whole else scan_values(low, high, open_low)
    try:
        if whole:  # a count: no value between two whole numbers exists to seek
            result = seek_whole(outputs, math.ceil(low), math.floor(high), goal, current)
        else:
            result = seek(outputs, scanned, goal, current)
    except OutOfReach as exc:
        reach = (
            f"{exc.lowest:.6g} to {exc.highest:.6g}" if np.isfinite(exc.lowest) else "no value of it at all"
        )
        raise InputError(
            "--target",
            f"{key}={goal:g}",
            f"a value in reach: {path.text} from {scanned[0]:.6g} to {scanned[-1]:.6g} gives {key} {reach}",
            str(args.file),
        ) from None
    save_project(explored.editor.with_values({path: result.value}), args.output)
    sys.stdout.write(
        f"{path.text} = {result.value:.6g} gives {key} = {result.achieved:.6g} (target {goal:g}"
        f"{_other_side(result)}); saved to {shown_path(args.output)}\n"
    )
    return EXIT_OK


def _other_side(result: SeekResult) -> str:
    """For a count: the whole number on the other side of the target, which the user may prefer."""
    if result.other is None:
        return ""
    value, achieved = result.other
    return f"; {value:.6g} gives {achieved:.6g}"
