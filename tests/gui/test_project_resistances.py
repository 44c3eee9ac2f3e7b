"""A design's own interface resistances and series resistance reach the app's and the PDF's numbers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cellstack.gui.document import open_document
from cellstack.io.library import Library
from cellstack.io.project import load_project
from cellstack.io.project_compute import project_metrics
from cellstack.report.inputs import ReportOptions, prepare

GOLDEN_V2 = Path(__file__).resolve().parent.parent / "io" / "golden" / "v2.cellstack"


def test_the_apps_ledger_holds_the_projects_own_lines(qapp, library: Library) -> None:  # type: ignore[no-untyped-def]
    project = load_project(GOLDEN_V2)
    document = open_document(library, project)
    expected = project_metrics(project, library).asr
    assert document.metrics.asr == expected
    assert any(e.kind == "series" for e in document.metrics.asr)
    assert any(e.source.startswith("project's own") for e in document.metrics.asr)


def test_the_series_resistance_lowers_the_reports_curves(library: Library) -> None:
    project = load_project(GOLDEN_V2)
    without = replace(project, series_resistance_ohm=0.0)
    runs = [prepare(p, library, ReportOptions(c_rates=(1.0,))).discharge for p in (project, without)]
    with_series, bare = (r.curves[0] for r in runs)
    assert with_series.voltage_V[1] < bare.voltage_V[1]
