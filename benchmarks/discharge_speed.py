"""How fast is one discharge curve? Timings and ratios measured side by side in one run.

    python benchmarks/discharge_speed.py

- median time of one full constant-current discharge (300 points, run to its end) for a changed
  stack, i.e. a new Stack object each call (target: <= 0.5 ms);
- the same discharge with PyBaMM's SPM on the same parameters (Chen2020, mapped as in
  tests/core/chen2020.py): re-solving an already-built model (target: ours >= 5x faster) and
  building and solving it, which is what a parameter change costs there (target: >= 100x);
- the voltage RMSE between the two curves;
- beside each closed-form time, the numerical particle solver's (core/discharge/numerical.py, which
  runs where a diffusivity depends on stoichiometry) on the same stack (target: <= 5 ms).

The PyBaMM part is skipped, with a message, where PyBaMM is not installed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the Chen2020 mapping shared with the tests

from tests.core.chen2020 import (  # noqa: E402
    CHEN2020_KINETICS,
    CUTOFF_V,
    NO_INTERFACES,
    NOMINAL_CAPACITY_AH,
    chen2020_stack,
    pybamm_curve,
    pybamm_simulation,
    rmse_over_common_range,
)
from tests.core.dtheta_stack import dtheta_stack  # noqa: E402

from cellstack.core.discharge import simulate_discharge  # noqa: E402
from cellstack.core.discharge.numerical import run_numerical  # noqa: E402
from cellstack.core.discharge.parameters import build_cell  # noqa: E402
from cellstack.core.interfaces import InterfaceTable  # noqa: E402
from cellstack.core.material import Role  # noqa: E402
from cellstack.core.stack import Stack  # noqa: E402
from cellstack.io.library import default_library  # noqa: E402
from cellstack.io.project import load_project  # noqa: E402
from cellstack.io.resources import examples_dir  # noqa: E402
from timing import median_seconds  # noqa: E402

C_RATE = 1.0
POINTS = 300


def variants(stack: Stack, index: int, count: int = 64) -> list[Stack]:
    """Copies of ``stack`` whose layer ``index`` is 0.5 % to 30 % thicker: an edit per call."""
    layer = stack.layers[index]
    return [
        stack.replacing(index, replace(layer, thickness_m=layer.thickness_m * (1.005 + 0.3 * k / count)))
        for k in range(count)
    ]


def time_ours(stacks: list[Stack], run: Callable[[Stack], object]) -> float:
    cursor = iter(range(10**9))

    def one() -> object:
        return run(stacks[next(cursor) % len(stacks)])

    for _ in range(20):  # warm the caches a GUI session would have warm (OCP tables, interfaces)
        one()
    return median_seconds(one, repeats=25, inner=40)


def _verdict(seconds: float) -> str:
    return "target <= 0.5 ms met" if seconds <= 0.5e-3 else "target <= 0.5 ms NOT met"


def numerical_seconds(
    stacks: list[Stack], interfaces: InterfaceTable, kinetics: dict[Role, object] | None = None
) -> str:
    """The numerical solver's time for the same runs, and its verdict."""

    def run(stack: Stack) -> object:
        cell = build_cell(stack, interfaces, None, kinetics)  # type: ignore[arg-type]
        current = C_RATE * cell.capacity_C_m2 / 3600.0
        return run_numerical(cell, C_RATE, cell.cutoffs.low_V, POINTS, False, current)

    seconds = time_ours(stacks, run)
    verdict = "met" if seconds <= 5e-3 else "NOT met"
    return f"numerical {seconds * 1e3:6.2f} ms (target <= 5 ms {verdict})"


def main() -> None:
    library = default_library()
    print(f"One discharge curve, {POINTS} points to its end, at {C_RATE:g}C, a changed stack per call")
    for path in sorted(examples_dir().glob("*.cellstack")):
        stack = load_project(path, library).stack
        stacks = variants(stack, stack.indices_with_role(Role.CATHODE)[0])
        seconds = time_ours(
            stacks, lambda s: simulate_discharge(s, library.interfaces, C_RATE, points=POINTS)
        )
        numerical = numerical_seconds(stacks, library.interfaces)
        print(f"  {path.stem:<40} {seconds * 1e3:8.3f} ms   {_verdict(seconds)}; {numerical}")
    chen = chen2020_stack()
    rated = simulate_discharge(chen, NO_INTERFACES, 0.0, kinetics=CHEN2020_KINETICS).rated_capacity_C
    rate = C_RATE * NOMINAL_CAPACITY_AH * 3600.0 / rated  # PyBaMM's 1C in amperes

    def ours(stack: Stack) -> object:
        return simulate_discharge(
            stack, NO_INTERFACES, rate, kinetics=CHEN2020_KINETICS, cutoff_V=CUTOFF_V, points=POINTS
        )

    ours_s = time_ours(variants(chen, 1), ours)
    name = "Chen2020 (LG M50) mapped into a stack"
    numerical = numerical_seconds(variants(chen, 1), NO_INTERFACES, CHEN2020_KINETICS)  # type: ignore[arg-type]
    print(f"  {name:<40} {ours_s * 1e3:8.3f} ms   {_verdict(ours_s)}; {numerical}; compared below")
    varying = numerical_seconds(variants(dtheta_stack(), 1), NO_INTERFACES, CHEN2020_KINETICS)  # type: ignore[arg-type]
    name = "the same with Ecker 2015's NCO D(θ)"
    print(f"  {name:<40} {'':>8}      (no closed form){'':21}{varying}")
    try:
        import pybamm
    except ImportError:
        print("\nPyBaMM is not installed: the side-by-side part is skipped (pip install pybamm).")
        return
    simulation = pybamm_simulation()
    pybamm_curve(simulation, C_RATE)  # builds the model once
    resolve_s = median_seconds(lambda: pybamm_curve(simulation, C_RATE, samples=POINTS), repeats=15)
    build_s = median_seconds(lambda: pybamm_curve(pybamm_simulation(), C_RATE, samples=POINTS), repeats=5)
    q_ref, v_ref = pybamm_curve(simulation, C_RATE, samples=POINTS)
    curve = ours(chen)
    rmse = rmse_over_common_range(curve.capacity_C / 3600.0, curve.voltage_V, q_ref, v_ref)
    print(f"\nPyBaMM {pybamm.__version__} SPM, Chen2020, same current and cut-off ({CUTOFF_V} V):")
    faster = resolve_s / ours_s
    print(f"  re-solve of the built model    {resolve_s * 1e3:9.2f} ms   ours is {faster:7.0f}x faster")
    print(
        f"  build and solve (new param.)   {build_s * 1e3:9.2f} ms   ours is {build_s / ours_s:7.0f}x faster"
    )
    print(f"  targets: >= 5x ({'met' if resolve_s / ours_s >= 5 else 'NOT met'}), ", end="")
    print(f">= 100x ({'met' if build_s / ours_s >= 100 else 'NOT met'})")
    print(f"  voltage RMSE between the two curves: {rmse * 1e3:.2f} mV")
    capacity_gap = curve.delivered_capacity_C / 3600.0 / q_ref[-1] - 1.0
    print(
        f"  delivered capacity: ours {curve.delivered_capacity_C / 3600:.4f} A h, PyBaMM {q_ref[-1]:.4f} A h "
        f"({capacity_gap * 100:+.3f} %)"
    )


if __name__ == "__main__":
    main()
