"""How long does a fit take? Two parameters to a 300-point measured discharge (target: <= 1 s).

    python benchmarks/fit_speed.py

The measured curve is CellStack's own 1C discharge of the NMC811 | argyrodite | Li example with a
changed cathode diffusivity and separator conductivity, plus 2 mV of noise (fixed seed); the fit
starts from the example's values. Prints the median time of a few fits (each from scratch: new
stacks every model run, as in a real fit), the model runs each took, and what it recovered.
"""

from __future__ import annotations

import json

import numpy as np

from cellstack.core.discharge import simulate_discharge
from cellstack.core.fit import MeasuredCurve
from cellstack.io.fit_project import ProjectFit, fit_project
from cellstack.io.library import default_library
from cellstack.io.project import load_project, loads_project, project_document
from cellstack.io.resources import examples_dir
from timing import median_seconds

PATHS = ("stack.layers[1].overrides.diffusivity", "stack.layers[2].overrides.ionic_conductivity")
TRUE_VALUES = (2e-10, 2e-4)  # cm²/s, S/cm
POINTS = 300
TARGET_S = 1.0


def main() -> None:
    library = default_library()
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)
    document = project_document(project)
    layers = document["stack"]["layers"]
    layers[1]["overrides"] = {"diffusivity": {"value": TRUE_VALUES[0], "unit": "cm2/s", "source": "user"}}
    layers[2]["overrides"] = {
        "ionic_conductivity": {"value": TRUE_VALUES[1], "unit": "S/cm", "source": "user"}
    }
    truth = loads_project(json.dumps(document).encode())
    curve = simulate_discharge(truth.stack, library.interfaces, 1.0, points=400)
    t = np.linspace(0.0, curve.time_s[-1], POINTS)
    volts = np.interp(t, curve.time_s, curve.voltage_V) + np.random.default_rng(7).normal(0.0, 0.002, POINTS)
    measured = MeasuredCurve("synthetic", t, volts, current_A=np.full(POINTS, curve.current_A))

    results: list[ProjectFit] = []
    seconds = median_seconds(
        lambda: results.append(fit_project(project, library.interfaces, measured, PATHS)), repeats=5
    )
    last = results[-1]
    print(
        f"fit of 2 parameters to {POINTS} points: {seconds:.3f} s median (target <= {TARGET_S:g} s), "
        f"{last.evaluations} model runs, RMSE {last.rmse_V * 1e3:.2f} mV"
    )
    for p, true in zip(last.parameters, TRUE_VALUES, strict=True):
        print(f"  {p.path}: {p.value:.4g} {p.unit} (true {true:g}; 95 % {p.ci_low:.4g} to {p.ci_high:.4g})")


if __name__ == "__main__":
    main()
