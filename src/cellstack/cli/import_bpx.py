"""`cellstack import-bpx IN.json -o OUT.cellstack`: a BPX parameter file as a project, its
Validation curves written beside it as CSV files `cellstack fit --data` reads."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cellstack.cli.errors import EXIT_OK
from cellstack.cli.inputs import check_output
from cellstack.cli.paths import shown_path
from cellstack.core.fit import MeasuredCurve
from cellstack.io.atomic import write_text_atomically
from cellstack.io.bounded_read import read_bounded
from cellstack.io.bpx_import import bpx_to_project
from cellstack.io.library import Library
from cellstack.io.measured import read_bpx_validation
from cellstack.io.project import save_project
from cellstack.io.strict_json import MAX_BYTES, parse_json

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def run(args: argparse.Namespace, library: Library) -> int:
    check_output(args.output, [args.file], "-o")
    origin = str(args.file)
    document = parse_json(read_bounded(args.file, MAX_BYTES, origin, "BPX file"), origin)
    imported = bpx_to_project(document, library, origin)
    curves = _validation(args.file, document)
    outputs = {name: _beside(args.output, name) for name in curves}
    for path in outputs.values():
        check_output(path, [args.file], "-o")
    save_project(imported.project, args.output)
    for name, path in outputs.items():
        write_text_atomically(path, _csv(curves[name]))
    lines = [f"saved to {shown_path(args.output)}"]
    lines += [f"measured curve {name!r} saved to {shown_path(path)}" for name, path in outputs.items()]
    lines += [f"note: {note}" for note in imported.notes]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _validation(path: Path, document: object) -> dict[str, MeasuredCurve]:
    section = document.get("Validation") if isinstance(document, dict) else None
    if not isinstance(section, dict):
        return {}
    return {name: read_bpx_validation(path, name) for name in sorted(section)}


def _beside(output: Path, name: str) -> Path:
    slug = _UNSAFE.sub("_", name).strip("_")[:60] or "curve"
    return output.with_name(f"{output.stem}.{slug}.csv")


def _csv(curve: MeasuredCurve) -> str:
    assert curve.current_A is not None  # BPX curves give the current
    rows = [
        f"{t!r},{i * 1e3!r},{v!r}"
        for t, i, v in zip(
            curve.time_s.tolist(), curve.current_A.tolist(), curve.voltage_V.tolist(), strict=True
        )
    ]
    return "time_s,current_mA,voltage_V\n" + "\n".join(rows) + "\n"
