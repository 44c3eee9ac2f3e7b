"""Fitting a design's own resistances: an interface (given a record of the project's own when it
has none) and the series resistance, each recovered with the cathode diffusivity from a synthetic
1C curve made with other values plus 2 mV of noise; and the discharge using both as the ledger does."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cellstack.cli import main
from cellstack.core.discharge import simulate_discharge
from cellstack.core.fit import MeasuredCurve
from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.io.field_paths import read_value, with_value
from cellstack.io.fit_project import fit_project
from cellstack.io.interface_paths import SERIES_PATH, stack_interfaces, with_interface_record
from cellstack.io.library import default_library
from cellstack.io.project import Project, load_project, loads_project, project_document, save_project
from cellstack.io.project_compute import interface_table, series_asr_ohm_m2
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
EXAMPLE = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"  # 1 cm², Li metal anode
DIFFUSIVITY = "stack.layers[1].overrides.diffusivity"  # the NMC811 cathode, cm²/s; the file's 4e-11
TRUE_D = 2e-10
TRUE_ANODE_ASR = 100.0  # Ω·cm²; the library's default for Li | argyrodite is 20
TRUE_SERIES = 10.0  # Ω; the file has none
NOISE_V = 0.002


def _anode_contact(project: Project):  # type: ignore[no-untyped-def]
    return next(c for c in stack_interfaces(project, LIBRARY.interfaces) if c.side is Role.ANODE)


def _with(project: Project, values: dict[str, float]) -> Project:
    for path, value in values.items():
        project = with_value(project, path, value)
    return project


def _synthetic(truth: Project, seed: int = 11, points: int = 300) -> MeasuredCurve:
    curve = simulate_discharge(
        truth.stack,
        interface_table(truth, LIBRARY),
        1.0,
        points=400,
        series_asr_ohm_m2=series_asr_ohm_m2(truth),
    )
    t = np.linspace(0.0, curve.time_s[-1], points)
    volts = np.interp(t, curve.time_s, curve.voltage_V) + np.random.default_rng(seed).normal(
        0.0, NOISE_V, points
    )
    return MeasuredCurve("synthetic.csv", t, volts, current_A=np.full(points, curve.current_A))


def _with_diffusivity_override(project: Project) -> Project:
    document = project_document(project)
    document["stack"]["layers"][1]["overrides"] = {
        "diffusivity": {"value": 4e-11, "unit": "cm2/s", "source": "x"}
    }
    return loads_project(json.dumps(document).encode())


def test_a_new_interface_record_changes_nothing_until_it_is_changed() -> None:
    project = load_project(EXAMPLE, LIBRARY)
    contact = _anode_contact(project)
    assert contact.path is None and contact.value is not None
    seeded, path = with_interface_record(project, contact, "my EIS")
    assert path == "interfaces[0].asr_ohm_cm2" and read_value(seeded, path) == pytest.approx(20.0)
    assert _anode_contact(seeded).path == path  # the project's record now gives the value
    before, after = (compute_metrics(p.stack, interface_table(p, LIBRARY)) for p in (project, seeded))
    assert [e.ohm_m2 for e in after.asr] == pytest.approx([e.ohm_m2 for e in before.asr], rel=1e-12)
    assert with_interface_record(seeded, _anode_contact(seeded), "again") == (seeded, path)


def test_the_discharge_uses_the_projects_own_interface_record() -> None:
    """It once looked the interfaces up in the installed tables only: a project's record changed
    the ledger but not the curve."""
    seeded, path = with_interface_record(
        load_project(EXAMPLE, LIBRARY), _anode_contact(load_project(EXAMPLE, LIBRARY)), "x"
    )
    curves = [
        simulate_discharge(p.stack, interface_table(p, LIBRARY), 1.0, points=50)
        for p in (seeded, with_value(seeded, path, 500.0))
    ]
    assert curves[1].voltage_V[1] < curves[0].voltage_V[1] - 0.01


def test_fit_recovers_an_interface_resistance_and_gives_it_a_record_of_the_projects_own(tmp_path) -> None:  # type: ignore[no-untyped-def]
    start = _with_diffusivity_override(load_project(EXAMPLE, LIBRARY))
    seeded, path = with_interface_record(start, _anode_contact(start), "library value")
    measured = _synthetic(_with(seeded, {path: TRUE_ANODE_ASR, DIFFUSIVITY: TRUE_D}))
    result = fit_project(seeded, LIBRARY.interfaces, measured, [path, DIFFUSIVITY])
    asr, d = result.parameters
    assert asr.start == pytest.approx(20.0)
    assert asr.value == pytest.approx(TRUE_ANODE_ASR, rel=0.05) and asr.unit == "Ω·cm²"
    assert d.value == pytest.approx(TRUE_D, rel=0.05)
    assert asr.ci_low < asr.value < asr.ci_high
    assert result.rmse_V == pytest.approx(NOISE_V, rel=0.25)
    record = result.project.interfaces[0]
    assert record.source.endswith("fitted to synthetic.csv")
    save_project(result.project, tmp_path / "fitted.cellstack")
    assert read_value(load_project(tmp_path / "fitted.cellstack", LIBRARY), path) == pytest.approx(asr.value)


def test_fit_recovers_a_series_resistance_the_model_now_includes() -> None:
    """The fit's model once left the series resistance out: the data could not move it."""
    start = _with_diffusivity_override(load_project(EXAMPLE, LIBRARY))
    measured = _synthetic(_with(start, {SERIES_PATH: TRUE_SERIES, DIFFUSIVITY: TRUE_D}))
    result = fit_project(start, LIBRARY.interfaces, measured, [SERIES_PATH, DIFFUSIVITY])
    series, d = result.parameters
    assert series.start == 0.0 and series.unit == "Ω"
    assert series.value == pytest.approx(TRUE_SERIES, rel=0.05)
    assert d.value == pytest.approx(TRUE_D, rel=0.05)
    assert result.project.series_resistance_ohm == pytest.approx(series.value)
    assert result.rmse_V == pytest.approx(NOISE_V, rel=0.25)


def test_cli_fits_an_interface_by_its_side_and_saves_the_new_record(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    start = load_project(EXAMPLE, LIBRARY)
    seeded, path = with_interface_record(start, _anode_contact(start), "x")
    measured = _synthetic(with_value(seeded, path, TRUE_ANODE_ASR), points=120)
    assert measured.current_A is not None
    rows = zip(
        measured.time_s.tolist(), measured.voltage_V.tolist(), measured.current_A.tolist(), strict=True
    )
    data = tmp_path / "eis.csv"
    data.write_text(
        "time_s,voltage_V,current_mA\n" + "\n".join(f"{t!r},{v!r},{i * 1e3!r}" for t, v, i in rows)
    )
    out = tmp_path / "fitted.cellstack"
    assert main(["fit", str(EXAMPLE), "--data", str(data), "--interface", "anode", "-o", str(out)]) == 0
    assert "interfaces[0].asr_ohm_cm2 = " in capsys.readouterr().out
    fitted = load_project(out, LIBRARY)
    (record,) = fitted.interfaces
    assert record.side is Role.ANODE and record.source.endswith("fitted to eis.csv")
    assert read_value(fitted, path) == pytest.approx(TRUE_ANODE_ASR, rel=0.05)
    assert main(["fit", str(EXAMPLE), "--data", str(data)]) == 2
    assert "--interface" in capsys.readouterr().err
