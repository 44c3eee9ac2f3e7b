"""`cellstack report FILE -o OUT.pdf [...]`: a PDF summary of a project file."""

from __future__ import annotations

import argparse
from pathlib import Path

from cellstack.cli.errors import EXIT_OK, CommandLineError
from cellstack.cli.inputs import c_rate_list, check_output, read_project, temperature_K
from cellstack.io.library import Library
from cellstack.report.inputs import ReportOptions, parse_c_rates, parse_page_size


def run(args: argparse.Namespace, library: Library) -> int:
    source: Path = args.file
    output: Path = args.output
    # Every option and the file are checked first, also where Qt is missing.
    given = (
        parse_c_rates(c_rate_list(args.c_rates, source), "--c-rates") if args.c_rates is not None else None
    )
    size = parse_page_size(args.page_size, "--page-size")
    check_output(output, [source], "--output")
    kelvin = temperature_K(args.temperature, source)
    project = read_project(source, library)
    rates = given if given is not None else tuple(sorted(set(project.simulation.c_rates)))  # the design's
    try:  # Qt is loaded only by the one command that draws
        from cellstack.report.pdf import export_pdf
    except ImportError as exc:
        raise CommandLineError(f"PDF reports need Qt (PySide6), which cannot be loaded: {exc}") from None
    options = ReportOptions(c_rates=rates, temperature_K=kelvin, page_size=size, source_name=source.name)
    export_pdf(project, output, library, options)
    return EXIT_OK
