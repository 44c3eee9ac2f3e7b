"""How long does a PDF summary take? Prints seconds per shipped example.

    python benchmarks/report_speed.py

For each example: the first export in this process (which also starts Qt and loads the fonts),
then the median of further exports, split into computing (metrics and the discharge runs), laying
out and drawing (render) and writing the file. Target: under 1 s for a typical stack.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from cellstack.report.content import build_content
from cellstack.report.inputs import ReportOptions, prepare
from cellstack.report.pdf import export_pdf, render
from timing import median_seconds

TARGET_S = 1.0


def main() -> None:
    library = default_library()
    options = ReportOptions()
    print(f"{'example':<34} {'first':>8} {'median':>8} {'compute':>8} {'render':>8} {'pages':>6} {'size':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(examples_dir().glob("*.cellstack")):
            project = load_project(path, library)
            out = Path(folder) / f"{path.stem}.pdf"
            start = time.perf_counter()
            export_pdf(project, out, library, options)
            first = time.perf_counter() - start
            whole = median_seconds(
                lambda project=project, out=out: export_pdf(project, out, library, options), 5
            )
            compute = median_seconds(lambda project=project: prepare(project, library, options), 5)
            content = build_content(prepare(project, library, options), library)
            drawing = median_seconds(lambda content=content: render(content, options.page_size), 5)
            pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", out.read_bytes()))
            verdict = "" if whole < TARGET_S else f"  (over the {TARGET_S:g} s target)"
            print(
                f"{path.stem:<34} {first:>7.3f}s {whole:>7.3f}s {compute:>7.3f}s {drawing:>7.3f}s "
                f"{pages:>6} {out.stat().st_size / 1024:>6.0f} kB{verdict}"
            )


if __name__ == "__main__":
    main()
