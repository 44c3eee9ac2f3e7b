"""`cellstack export-bpx FILE -o OUT.json`: the project's electrodes and cell as a BPX parameter
file (docs/own-data.md gives the representations of what BPX has no place for)."""

from __future__ import annotations

import argparse
import json
import sys

from cellstack.cli.errors import EXIT_OK
from cellstack.cli.inputs import at_temperature, check_output, read_project
from cellstack.cli.paths import shown_path
from cellstack.io.atomic import write_text_atomically
from cellstack.io.bpx_check import check_bpx
from cellstack.io.bpx_export import finite_check, stack_to_bpx
from cellstack.io.library import Library
from cellstack.io.project_compute import interface_table, series_asr_ohm_m2


def run(args: argparse.Namespace, library: Library) -> int:
    check_output(args.output, [args.file], "-o")
    project = read_project(args.file, library)
    stack = at_temperature(project.stack, args.temperature, args.file)
    document = stack_to_bpx(
        stack, interface_table(project, library), project.name, series_asr_ohm_m2(project)
    )
    finite_check(document)
    check_bpx(document, str(args.file))
    write_text_atomically(args.output, json.dumps(document, indent=2, allow_nan=False) + "\n")
    cell = document["Parameterisation"]["Cell"]
    sys.stdout.write(
        f"BPX {document['Header']['BPX']} ({document['Header']['Model']}): "
        f"{cell['Nominal cell capacity [A.h]'] * 1e3:.4g} mAh, "
        f"cut-offs {cell['Lower voltage cut-off [V]']:.3f} to "
        f"{cell['Upper voltage cut-off [V]']:.3f} V; saved to {shown_path(args.output)}\n"
    )
    return EXIT_OK
