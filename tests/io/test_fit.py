"""Fitting to measured discharges: known values recovered from a noisy synthetic curve, applied as
overrides naming the data, and bad data or a fit that cannot run refused with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cellstack.cli import main
from cellstack.core.discharge import simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.fit import FitFailed, FitVariable, MeasuredCurve, fit_least_squares
from cellstack.core.metrics import compute_metrics
from cellstack.io.field_paths import read_value
from cellstack.io.fit_project import fit_project
from cellstack.io.library import default_library
from cellstack.io.measured import read_measured
from cellstack.io.project import Project, load_project, loads_project, project_document, save_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
EXAMPLE = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
DIFFUSIVITY = "stack.layers[1].overrides.diffusivity"  # the NMC811 cathode, cm²/s
CONDUCTIVITY = "stack.layers[2].overrides.ionic_conductivity"  # the argyrodite separator, S/cm
TRUE_D, TRUE_SIGMA = 2e-10, 2e-4  # the file's: 4e-11 and 1e-3 (the fit starts there)
NOISE_V = 0.002


def _truth() -> Project:
    """The example with both overrides set to the true values."""
    document = project_document(load_project(EXAMPLE, LIBRARY))
    layers = document["stack"]["layers"]
    layers[1]["overrides"] = {"diffusivity": {"value": TRUE_D, "unit": "cm2/s", "source": "user"}}
    layers[2]["overrides"] = {"ionic_conductivity": {"value": TRUE_SIGMA, "unit": "S/cm", "source": "user"}}
    return loads_project(json.dumps(document).encode())


def _synthetic(points: int = 300, seed: int = 7) -> MeasuredCurve:
    curve = simulate_discharge(_truth().stack, LIBRARY.interfaces, 1.0, points=400)
    t = np.linspace(0.0, curve.time_s[-1], points)
    noise = np.random.default_rng(seed).normal(0.0, NOISE_V, points)
    volts = np.interp(t, curve.time_s, curve.voltage_V) + noise
    return MeasuredCurve("synthetic.csv", t, volts, current_A=np.full(points, curve.current_A))


def _write_csv(curve: MeasuredCurve, path: Path) -> Path:
    assert curve.current_A is not None
    rows = [
        f"{t!r},{v!r},{i * 1e3!r},extra"
        for t, v, i in zip(
            curve.time_s.tolist(), curve.voltage_V.tolist(), curve.current_A.tolist(), strict=True
        )
    ]
    path.write_text("time_s,voltage_V,current_mA,note\n" + "\n".join(rows))
    return path


def test_fit_recovers_diffusivity_and_separator_conductivity_within_5_percent() -> None:
    project = load_project(EXAMPLE, LIBRARY)  # without overrides: the fit adds them
    result = fit_project(project, LIBRARY.interfaces, _synthetic(), [DIFFUSIVITY, CONDUCTIVITY])
    d, sigma = result.parameters
    assert d.value == pytest.approx(TRUE_D, rel=0.05)
    assert sigma.value == pytest.approx(TRUE_SIGMA, rel=0.05)
    for p in result.parameters:
        assert p.ci_low < p.value < p.ci_high
    assert result.rmse_V == pytest.approx(NOISE_V, rel=0.25)  # the fit explains all but the noise
    fitted = result.project
    assert read_value(fitted, DIFFUSIVITY) == pytest.approx(d.value, rel=1e-9)
    override = dict(fitted.stack.layers[1].overrides)["diffusivity_m2_s"]
    assert override.source == "fitted to synthetic.csv"
    assert "95 % interval" in override.note


def test_solver_intervals_match_a_linear_least_squares_fit() -> None:
    rng = np.random.default_rng(3)
    x = np.linspace(0.0, 1.0, 50)
    y = 2.0 + 3.0 * x + rng.normal(0.0, 0.1, x.size)
    variables = [FitVariable("a", 1.0, -10.0, 10.0, False), FitVariable("b", 1.0, -10.0, 10.0, False)]
    result = fit_least_squares(lambda v: v[0] + v[1] * x - y, variables)
    design = np.column_stack([np.ones_like(x), x])
    coef, ssr, *_ = np.linalg.lstsq(design, y, rcond=None)
    sigma = np.sqrt(np.diag(ssr[0] / (x.size - 2) * np.linalg.inv(design.T @ design)))
    assert result.values == pytest.approx(tuple(coef), rel=1e-6)
    assert result.ci_high[1] - result.values[1] == pytest.approx(1.959963984540054 * sigma[1], rel=1e-4)


def test_a_model_that_cannot_start_fails_the_fit_with_nothing_changed() -> None:
    with pytest.raises(FitFailed, match="starting values"):
        fit_least_squares(lambda v: np.full(5, np.nan), [FitVariable("a", 1.0, 0.0, 2.0, False)])


def test_cli_fit_saves_overrides_and_refuses_a_run_the_model_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write_csv(_synthetic(points=120), tmp_path / "meas.csv")
    out = tmp_path / "fitted.cellstack"
    args = ["fit", str(EXAMPLE), "--data", str(data), "--param", DIFFUSIVITY]
    assert main([*args, "--param", CONDUCTIVITY, "-o", str(out)]) == 0, capsys.readouterr().err
    text = capsys.readouterr().out
    assert "95 % interval" in text and "RMSE" in text
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["stack"]["layers"][1]["overrides"]["diffusivity"]["source"] == "fitted to meas.csv"

    fast = tmp_path / "fast.csv"
    fast.write_text("time_s,voltage_V,c_rate\n" + "\n".join(f"{k},{3.8 - 0.01 * k},5000" for k in range(10)))
    refused = tmp_path / "refused.cellstack"
    assert main(["fit", str(EXAMPLE), "--data", str(fast), "--param", DIFFUSIVITY, "-o", str(refused)]) == 2
    err = capsys.readouterr().err
    assert "fast.csv" in err and "nothing was changed" in err
    assert not refused.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("time_s,voltage_V\n0,4\n", 'exactly one of the columns "current_mA" and "c_rate"'),
        ("time_h,voltage_V,c_rate\n0,4,1\n", 'column time_h.*"time_s"'),
        ("time_s,voltage_V,current_mA\n0,4,1\n1,x,1\n", "line 3, column voltage_V"),
        ("time_s,voltage_V,current_mA\n0,4,1\n0,3.9,1\n", "line 3, column time_s"),
        ("time_s,voltage_V,current_mA\n0,4,1\n1,inf,1\n", "finite"),
        ("time_s,voltage_V,current_mA\n0,4,1\n1,3.9,1\n", "at least 5"),
    ],
)
def test_bad_measured_files_are_refused_naming_where(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as error:
        read_measured(path)
    assert "m.csv" in str(error.value)


def test_a_varying_current_is_not_taken_for_one_constant_current_run() -> None:
    t = np.arange(10.0)
    curve = MeasuredCurve("steps.csv", t, 4.0 - 0.01 * t, current_A=np.where(t < 5, 1e-3, 2e-3))
    with pytest.raises(InputError, match="one constant-current discharge"):
        curve.constant()


def test_bpx_validation_curves_are_read(tmp_path: Path) -> None:
    t = list(range(10))
    document = {
        "Validation": {
            "C/2 discharge": {
                "Time [s]": t,
                "Current [A]": [0.5] * 10,
                "Voltage [V]": [4.0 - 0.01 * k for k in t],
                "Temperature [K]": [298.15] * 10,
            },
            "1C discharge": {"Time [s]": t, "Current [A]": [1.0] * 10, "Voltage [V]": [4.0] * 10},
        }
    }
    path = tmp_path / "cell.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="C/2 discharge"):
        read_measured(path)  # two curves: which one must be said
    curve = read_measured(path, "C/2 discharge")
    assert curve.constant() == 0.5 and curve.temperature_K == 298.15


def test_saving_the_fitted_project_round_trips(tmp_path: Path) -> None:
    result = fit_project(
        load_project(EXAMPLE, LIBRARY), LIBRARY.interfaces, _synthetic(points=60), [CONDUCTIVITY]
    )
    save_project(result.project, tmp_path / "f.cellstack")
    assert load_project(tmp_path / "f.cellstack", LIBRARY) == result.project


def test_cli_fits_to_a_bpx_validation_curve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    curve = _synthetic(points=80)
    assert curve.current_A is not None
    experiment = {
        "Time [s]": curve.time_s.tolist(),
        "Current [A]": curve.current_A.tolist(),
        "Voltage [V]": curve.voltage_V.tolist(),
    }
    data = tmp_path / "cell.json"
    data.write_text(json.dumps({"Validation": {"1C": experiment, "C/2": experiment}}), encoding="utf-8")
    args = ["fit", str(EXAMPLE), "--data", str(data), "--param", CONDUCTIVITY]
    assert main(args) == 2  # two curves: which one must be said
    assert "'1C'" in capsys.readouterr().err
    assert main([*args, "--experiment", "1C"]) == 0
    assert "fitted to cell.json (1C)" in capsys.readouterr().out


def test_the_curve_cellstack_discharge_writes_can_be_fitted_to(tmp_path: Path) -> None:
    # `cellstack discharge --csv` writes time_s,capacity_mAh,voltage_V: the current is its slope.
    curve = tmp_path / "sim.csv"
    assert main(["discharge", str(EXAMPLE), "--c-rate", "1", "--csv", str(curve)]) == 0
    measured = read_measured(curve)
    stack = load_project(EXAMPLE, LIBRARY).stack
    expected_A = compute_metrics(stack).capacity_C / 3600.0  # type: ignore[operator]  # 1C: the capacity per hour
    assert measured.constant() == pytest.approx(expected_A, rel=1e-5)
    stepped = tmp_path / "stepped.csv"
    stepped.write_text(
        "time_s,capacity_mAh,voltage_V\n" + "\n".join(f"{k},{k * k},{4 - 0.01 * k}" for k in range(9))
    )
    with pytest.raises(InputError, match="one constant-current discharge"):
        read_measured(stepped).constant()


def test_a_noise_free_curve_gives_back_its_diffusivity_and_series_resistance(tmp_path: Path) -> None:
    # The model is interpolated onto the measured times: on a grid as coarse as the measured
    # one, the steep first seconds alone biased the resistance by 3 % (8.26 for 8 Ω).
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["series_resistance_ohm"] = 8.0
    document["materials"]["nmc811"]["properties"]["diffusivity"]["value"] = 1.5e-11
    truth = tmp_path / "truth.cellstack"
    truth.write_text(json.dumps(document), encoding="utf-8")
    curve = tmp_path / "curve.csv"
    assert main(["discharge", str(truth), "--c-rate", "1", "--csv", str(curve)]) == 0
    paths = [DIFFUSIVITY, "series_resistance_ohm"]
    result = fit_project(load_project(EXAMPLE, LIBRARY), LIBRARY.interfaces, read_measured(curve), paths)
    assert read_value(result.project, DIFFUSIVITY) == pytest.approx(1.5e-11, rel=1e-3)
    assert read_value(result.project, "series_resistance_ohm") == pytest.approx(8.0, rel=1e-3)
