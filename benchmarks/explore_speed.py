"""How fast are design studies? Prints designs per second, measured side by side in one run.

    python benchmarks/explore_speed.py

- a 2-D sweep of 10,000 designs (100 x 100 grid of cathode and separator thickness) through
  the exploration engine, on the vectorised path, in designs per second;
- the same grid's first 200 designs built and computed one at a time (the path every input
  outside the vectorised sweep takes), and the ratio of the two;
- Monte Carlo of the headline metrics with 100,000 samples of two thicknesses (seconds);
- a sweep that needs a discharge per design (``delivered_energy_mWh`` at 1C over cathode
  thickness): the batched closed form over designs against the same designs one at a time
  (built, read and discharged alone), in designs per second, side by side (target: >= 10,000/s
  batched);
- the same kind of sweep, larger (40,000 designs), through ``--workers``' scatter-gather with 1
  and with 2 local processes, timed back to back (target: >= 1.7x with 2; the pool's start-up is
  counted). The outputs of both are checked to be identical. Beside it, the same ratio for a
  plain busy loop in 1 and 2 processes: what the machine's free cores allow at that moment (on a
  shared machine it can be well below 2).
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from cellstack.cli.scatter import StudyJob, local
from cellstack.core.explore.engine import DesignSpace, Invalid, evaluate_designs
from cellstack.core.explore.grid import axis, grid
from cellstack.core.explore.uncertainty import Normal, UncertainInput, monte_carlo
from cellstack.core.sweep import FloatArray
from cellstack.io.design_space import design_space
from cellstack.io.library import Library, default_library
from cellstack.io.project import Project, load_project
from cellstack.io.resources import examples_dir
from timing import median_seconds

KEYS = ("capacity_mAh", "energy_mWh", "specific_energy_Wh_kg", "energy_density_Wh_L", "asr_ohm_cm2")
PATHS = ("stack.layers[1].thickness_um", "stack.layers[2].thickness_um")


def main() -> None:
    library = default_library()
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)
    space, editor, paths = design_space(project, library, PATHS)
    points = grid([axis(40.0, 160.0, 100), axis(10.0, 60.0, 100)])
    fast = median_seconds(lambda: evaluate_designs(space, points, KEYS), 7)
    one_by_one = DesignSpace(space.base, space.interfaces, space.build, (None, None), space.evaluate)
    few = points[:200]
    slow = median_seconds(lambda: evaluate_designs(one_by_one, few, KEYS), 3) / len(few)
    print(f"2-D sweep, {len(points)} designs, vectorised: {len(points) / fast:>12,.0f} designs/s")
    print(f"the same, one design at a time:        {1.0 / slow:>12,.0f} designs/s")
    print(f"ratio:                                 {slow * len(points) / fast:>12,.0f} x")
    inputs = [UncertainInput(editor.read(p), Normal(2.0), 1e-3, 1e5) for p in paths]
    samples = 100_000

    def evaluate(x: FloatArray) -> dict[str, FloatArray]:
        return evaluate_designs(space, x, KEYS)

    seconds = median_seconds(lambda: monte_carlo(evaluate, inputs, samples), 5)
    print(f"Monte Carlo, {samples} samples:            {seconds:>12.3f} s")
    discharge_sweep(space, one_by_one)
    workers(project, library)


def discharge_sweep(space: DesignSpace, one_by_one: DesignSpace) -> None:
    keys = ("delivered_energy_mWh", "delivered_capacity_mAh")
    points = grid([axis(40.0, 160.0, 100), axis(10.0, 60.0, 50)])
    batched = median_seconds(lambda: evaluate_designs(space, points, keys), 3)
    few = points[::50]
    single = median_seconds(lambda: evaluate_designs(one_by_one, few, keys), 3) / len(few)
    print(f"discharge sweep, {len(points)} designs, batched: {len(points) / batched:>10,.0f} designs/s")
    print(f"the same, one design at a time:        {1.0 / single:>12,.0f} designs/s")
    print(f"ratio:                                 {single * len(points) / batched:>12,.0f} x")


def workers(project: Project, library: Library) -> None:
    keys = ("delivered_energy_mWh", "specific_energy_Wh_kg")
    job = StudyJob(project, library, PATHS, "", keys, 1.0, Invalid.RAISE)
    points = grid([axis(40.0, 160.0, 200), axis(10.0, 60.0, 200)])
    results = {}
    seconds = {}
    for count in (1, 2):
        start = time.perf_counter()
        results[count] = local(job, points, count)
        seconds[count] = time.perf_counter() - start
    same = all(np.array_equal(results[1][k], results[2][k], equal_nan=True) for k in keys)
    for count in (1, 2):
        rate = len(points) / seconds[count]
        print(f"--workers {count}, {len(points)} designs:       {rate:>12,.0f} designs/s")
    print(f"speed-up with 2 workers:               {seconds[1] / seconds[2]:>12.2f} x (identical: {same})")
    print(f"control, a busy loop in 2 processes:   {_control():>12.2f} x")


def _busy(count: int) -> int:
    total = 0
    for i in range(count):
        total += i * i
    return total


def _control(count: int = 5_000_000) -> float:
    """Speed-up of two busy loops in 2 processes over both in this one (2.0 on two free cores)."""
    start = time.perf_counter()
    _busy(count)
    _busy(count)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        start = time.perf_counter()
        list(pool.map(_busy, [count, count]))
        parallel = time.perf_counter() - start
    return serial / parallel


if __name__ == "__main__":
    main()
