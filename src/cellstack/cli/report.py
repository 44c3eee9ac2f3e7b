"""`cellstack report FILE [FILE ...] -o OUT.pdf [...]`: a PDF summary of a project file, or a
comparison of two or more."""

from __future__ import annotations

import argparse
from pathlib import Path

from cellstack.cli.errors import EXIT_OK, CommandLineError
from cellstack.cli.inputs import c_rate_list, check_output, read_project, temperature_K
from cellstack.cli.parser import COMPARED_DESIGNS
from cellstack.core.errors import InputError
from cellstack.io.library import Library
from cellstack.report.inputs import ReportOptions, parse_c_rates, parse_page_size


def run(args: argparse.Namespace, library: Library) -> int:
    sources: list[Path] = args.files
    output: Path = args.output
    if len(sources) > COMPARED_DESIGNS:
        raise InputError("FILE", len(sources), f"1 file, or 2 to {COMPARED_DESIGNS} files to compare")
    # Every option and every file are checked first, also where Qt is missing.
    given = (
        parse_c_rates(c_rate_list(args.c_rates, sources[0]), "--c-rates")
        if args.c_rates is not None
        else None
    )
    size = parse_page_size(args.page_size, "--page-size")
    check_output(output, sources, "--output")
    kelvin = temperature_K(args.temperature, sources[0])
    projects = [read_project(source, library) for source in sources]
    # The first design's own rates, unless given: the other designs are run at the same ones.
    rates = given if given is not None else tuple(sorted(set(projects[0].simulation.c_rates)))
    try:  # Qt is loaded only by the one command that draws
        from cellstack.report.comparison_pdf import export_comparison_pdf
        from cellstack.report.pdf import export_pdf
    except ImportError as exc:
        raise CommandLineError(f"PDF reports need Qt (PySide6), which cannot be loaded: {exc}") from None
    if len(sources) == 1:
        name = sources[0].name
        options = ReportOptions(c_rates=rates, temperature_K=kelvin, page_size=size, source_name=name)
        export_pdf(projects[0], output, library, options)
        return EXIT_OK
    options = ReportOptions(c_rates=rates, temperature_K=kelvin, page_size=size)
    named = list(zip(design_names(sources), projects, strict=True))
    export_comparison_pdf(named, [s.name for s in sources], output, library, options)
    return EXIT_OK


def design_names(sources: list[Path]) -> list[str]:
    """Each file's stem, with its folder where two files share a stem (a/cell, b/cell), and a
    number where even that is shared: every design has a name of its own in the legends."""
    stems = [s.stem for s in sources]
    names = [s.stem if stems.count(s.stem) == 1 else f"{s.parent.name}/{s.stem}".lstrip("/") for s in sources]
    return [n if names.count(n) == 1 else f"{n} ({i + 1})" for i, n in enumerate(names)]
