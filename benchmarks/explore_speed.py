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
- the same kind of sweep, larger (20,000 designs), through ``--workers``' scatter-gather with 1
  and with 2 local processes, timed back to back in alternating rounds (target: >= 1.7x with 2;
  the pool's start-up is counted). The outputs of both are checked to be identical. Beside it,
  the same ratio for a plain busy loop in 1 and 2 processes: what the machine's free cores allow
  at that moment (on a shared machine it can be well below 2).
"""

from __future__ import annotations

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
from timing import median_seconds, paired_ratios

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


def workers(project: Project, library: Library, rounds: int = 5) -> None:
    keys = ("delivered_energy_mWh", "specific_energy_Wh_kg")
    job = StudyJob(project, library, PATHS, "", keys, 1.0, Invalid.RAISE)
    points = grid([axis(40.0, 160.0, 200), axis(10.0, 60.0, 100)])
    one, two = local(job, points, 1), local(job, points, 2)
    same = all(np.array_equal(one[k], two[k], equal_nan=True) for k in keys)
    # 1 and 2 workers timed back to back, round after round (timing.paired_ratios): on a shared
    # machine only rounds timed in the same stretch of load can be compared.
    best, median = paired_ratios(lambda: local(job, points, 2), lambda: local(job, points, 1), rounds, 1)
    alone = median_seconds(lambda: local(job, points, 1), 1)
    print(f"--workers 1, {len(points)} designs:       {len(points) / alone:>12,.0f} designs/s")
    print(f"speed-up with 2 workers:               {1.0 / best:>12.2f} x fastest rounds, ", end="")
    print(f"{1.0 / median:.2f} x median (identical: {same})")
    best, median = paired_ratios(_in_two, _in_one, rounds, 1)
    print(f"control, a busy loop in 2 processes:   {1.0 / best:>12.2f} x fastest rounds, ", end="")
    print(f"{1.0 / median:.2f} x median")


_BUSY = 3_000_000


def _busy(count: int) -> int:
    total = 0
    for i in range(count):
        total += i * i
    return total


def _in_one() -> None:
    _busy(_BUSY)
    _busy(_BUSY)


def _in_two() -> None:
    """The same two loops in 2 processes (a new pool each time, as --workers makes one per run)."""
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_busy, [_BUSY, _BUSY]))


if __name__ == "__main__":
    main()
