"""Measured data in the app: imported over the discharge plot, fitted, applied in one undo step;
bad files and fits that cannot run are said and change nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cellstack.core.discharge import simulate_discharge
from cellstack.core.fit import MeasuredCurve
from cellstack.gui.document import Document
from cellstack.gui.widgets.fit_dialog import FitDialog, fittable_paths
from cellstack.io.field_paths import read_value
from cellstack.io.library import Library
from cellstack.io.project import loads_project, project_document

DIFFUSIVITY = "stack.layers[1].overrides.diffusivity"  # the NMC811 cathode of the example, cm²/s
TRUE_D = 2e-10  # the file's: 4e-11


def _synthetic_csv(document: Document, library: Library, path: Path) -> Path:
    data = project_document(document.project)
    data["stack"]["layers"][1]["overrides"] = {
        "diffusivity": {"value": TRUE_D, "unit": "cm2/s", "source": "x"}
    }
    truth = loads_project(json.dumps(data).encode())
    curve = simulate_discharge(truth.stack, library.interfaces, 1.0, points=300)
    t = np.linspace(0.0, curve.time_s[-1], 120)
    volts = np.interp(t, curve.time_s, curve.voltage_V) + np.random.default_rng(3).normal(0, 0.002, t.size)
    rows = "\n".join(
        f"{v!r},{ti!r},{float(curve.current_A) * 1e3!r}"
        for ti, v in zip(t.tolist(), volts.tolist(), strict=True)
    )
    path.write_text("voltage_V,time_s,current_mA\n" + rows)
    return path


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the warning and information boxes would have said, in order."""
    said: list[str] = []
    for box in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, box, lambda _parent, _title, text: said.append(text))
    return said


def test_measured_discharge_is_drawn_as_markers_on_the_discharge_plot(
    shown_window, document: Document, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(document)
    _choose_file(monkeypatch, _synthetic_csv(document, library, tmp_path / "cell7.csv"))
    window.findChild(type(window.undo_action), "actionImportMeasured").trigger()
    measured = [s for s in window.plots.current_series() if s.name.startswith("measured")]
    assert len(measured) == 1 and measured[0].name == "measured (cell7.csv)"
    assert len(measured[0].y) == 120
    assert measured[0].x[-1] == pytest.approx(max(measured[0].x)) and measured[0].x[0] == 0.0
    assert window.document.undo_stack.count() == 0  # holding data against the design is no edit


def test_wrong_columns_are_said_and_nothing_is_drawn(
    shown_window, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(document)
    bad = tmp_path / "bad.csv"
    bad.write_text("t,volts\n0,4.1\n1,4.0\n")
    _choose_file(monkeypatch, bad)
    said = _messages(monkeypatch)
    window.own_data.import_measured()
    assert len(said) == 1 and "bad.csv" in said[0] and "time_s" in said[0]
    assert window.own_data.measured is None


def test_fit_recovers_the_diffusivity_and_applies_it_in_one_undo_step(
    qtbot, document: Document, library: Library, tmp_path: Path
) -> None:
    from cellstack.io.measured import read_measured

    measured = read_measured(_synthetic_csv(document, library, tmp_path / "cell7.csv"))
    # A design with more than a stack: the applied fit keeps its series resistance (it once lost it).
    document = Document(library, replace(document.project, series_resistance_ohm=0.01))
    before = document.project
    assert (DIFFUSIVITY, f"{document.stack.layers[1].name}: diffusivity (now 4e-11 cm2/s)") in fittable_paths(
        document
    )
    dialog = FitDialog(document, measured)
    qtbot.addWidget(dialog)
    dialog.choose(DIFFUSIVITY)
    dialog.run_fit()
    assert dialog.fit is not None, dialog.message.text()
    assert dialog.fit.parameters[0].value == pytest.approx(TRUE_D, rel=0.05)
    assert "RMSE" in dialog.message.text()
    assert dialog.table.rowCount() == 1 and "to" in dialog.table.item(0, 4).text()
    dialog.apply_button.click()
    assert document.undo_stack.count() == 1
    assert read_value(document.project, DIFFUSIVITY) == pytest.approx(TRUE_D, rel=0.05)
    record = dict(document.stack.layers[1].overrides)["diffusivity_m2_s"]
    assert record.source == "fitted to cell7.csv"
    assert document.project.series_resistance_ohm == 0.01  # the rest of the design is kept
    document.undo_stack.undo()
    assert document.project == before


def test_a_fit_that_cannot_run_is_said_and_changes_nothing(qtbot, document: Document) -> None:
    n = 20
    t = np.linspace(0.0, 3600.0, n)
    # A cell at 40 V: the model cannot come near it, and a huge current it cannot start at.
    measured = MeasuredCurve("far.csv", t, np.full(n, 40.0), current_A=np.full(n, 1e3))
    before = document.project
    dialog = FitDialog(document, measured)
    qtbot.addWidget(dialog)
    dialog.run_fit()
    assert "Tick at least one" in dialog.message.text()
    dialog.choose(DIFFUSIVITY)
    dialog.run_fit()
    assert dialog.fit is None and not dialog.apply_button.isEnabled()
    assert "Nothing was changed" in dialog.message.text()
    assert document.project == before and document.undo_stack.count() == 0


def test_bpx_export_then_import_opens_the_design_as_a_new_document(
    shown_window, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(document)
    target = tmp_path / "cell.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = _messages(monkeypatch)
    window.own_data.export_bpx()
    assert not said and json.loads(target.read_text())["Header"]["BPX"]
    capacity = document.metrics.capacity_C
    _choose_file(monkeypatch, target)
    window.own_data.import_bpx()
    assert window.document is not document and window.document.path is None
    assert window.document.metrics.capacity_C == pytest.approx(capacity, rel=0.02)


def test_a_bpx_file_that_fails_the_schema_is_said_and_the_document_kept(
    shown_window, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(document)
    bad = tmp_path / "bad.json"
    bad.write_text('{"Header": {"BPX": 1.0}}')
    _choose_file(monkeypatch, bad)
    said = _messages(monkeypatch)
    window.own_data.import_bpx()
    assert len(said) == 1 and "bad.json" in said[0]
    assert window.document is document


def test_a_bpx_export_that_cannot_be_written_is_said(
    shown_window, document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(document)
    target = tmp_path / "missing-folder" / "cell.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = _messages(monkeypatch)
    window.own_data.export_bpx()
    assert len(said) == 1 and said[0].startswith("Not exported") and not target.exists()


def test_the_fit_offers_the_series_and_interface_resistances_and_applies_a_new_record_in_one_step(
    qtbot, document: Document, library: Library, tmp_path: Path
) -> None:
    from cellstack.gui.widgets.fit_dialog import NEW_INTERFACE
    from cellstack.io.field_paths import with_value
    from cellstack.io.interface_paths import SERIES_PATH, stack_interfaces, with_interface_record
    from cellstack.io.measured import read_measured
    from cellstack.io.project_compute import interface_table

    offered = dict(fittable_paths(document))
    assert offered[SERIES_PATH].startswith("series resistance")
    contacts = stack_interfaces(document.project, library.interfaces)
    anode = next(i for i, c in enumerate(contacts) if c.side.value == "anode")
    marker = f"{NEW_INTERFACE}{anode}"
    assert "Lithium metal" in offered[marker] and "fitting adds a record" in offered[marker]

    # The measured cell: its Li | argyrodite interface at 100 Ω·cm² (the library says 20).
    seeded, path = with_interface_record(document.project, contacts[anode], "x")
    truth = with_value(seeded, path, 100.0)
    curve = simulate_discharge(truth.stack, interface_table(truth, library), 1.0, points=300)
    t = np.linspace(0.0, curve.time_s[-1], 150)
    volts = np.interp(t, curve.time_s, curve.voltage_V) + np.random.default_rng(5).normal(0, 0.002, t.size)
    csv = tmp_path / "eis_cell.csv"
    rows = (
        f"{ti!r},{v!r},{float(curve.current_A) * 1e3!r}"
        for ti, v in zip(t.tolist(), volts.tolist(), strict=True)
    )
    csv.write_text("time_s,voltage_V,current_mA\n" + "\n".join(rows))

    before = document.project
    dialog = FitDialog(document, read_measured(csv))
    qtbot.addWidget(dialog)
    dialog.choose(marker)
    dialog.run_fit()
    assert dialog.fit is not None, dialog.message.text()
    assert dialog.fit.parameters[0].value == pytest.approx(100.0, rel=0.05)
    assert dialog.table.item(0, 0).text().startswith("interface Lithium metal")
    assert document.project == before  # nothing changes before Apply
    dialog.apply_button.click()
    assert document.undo_stack.count() == 1
    (record,) = document.project.interfaces
    assert record.source.endswith("fitted to eis_cell.csv")
    assert dict(fittable_paths(document))[path].endswith("the design's own record)")
    document.undo_stack.undo()
    assert document.project == before and not document.project.interfaces
