"""How fast are the live metrics? Prints timings and ratios measured side by side in one run.

    python benchmarks/metrics_speed.py

- µs per compute_metrics call for each shipped example (target: <= 100 µs, the budget of a live
  recompute on every keystroke; each line says whether it meets it);
- designs per second of the vectorised sweep (target: >= 100,000 on one core);
- the sweep's speed-up over a Python loop calling compute_metrics once per design.
"""

from __future__ import annotations

import numpy as np

from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.sweep import sweep
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from timing import median_seconds

TARGET_US = 100.0


def main() -> None:
    library = default_library()
    table = library.interfaces
    print(f"{'example':<40} {'compute_metrics':>16}  (target <= {TARGET_US:.0f} µs)")
    stacks = []
    for path in sorted(examples_dir().glob("*.cellstack")):
        stack = load_project(path, library).stack
        stacks.append((path.stem, stack))
        seconds = median_seconds(lambda stack=stack: compute_metrics(stack, table), 15, 50)
        verdict = "ok" if seconds * 1e6 <= TARGET_US else "SLOW"
        print(f"{path.stem:<40} {seconds * 1e6:>13.0f} µs  {verdict}")

    name, stack = stacks[0]
    cathode = stack.indices_with_role(Role.CATHODE)[0]
    electrolyte = stack.indices_with_role(Role.ELECTROLYTE)[0]
    n = 200_000
    rng = np.random.default_rng(1)
    base_c, base_e = stack.layers[cathode].thickness_m, stack.layers[electrolyte].thickness_m
    cathodes = base_c * rng.uniform(0.2, 5.0, n)
    electrolytes = base_e * rng.uniform(0.2, 5.0, n)
    sweep_s = median_seconds(
        lambda: sweep(stack, table, thickness_m={cathode: cathodes, electrolyte: electrolytes}), 7
    )
    loop_n = 2000

    def python_loop() -> None:
        for k in range(loop_n):
            design = stack.replacing(cathode, stack.layers[cathode].with_thickness(cathodes[k]))
            design = design.replacing(electrolyte, design.layers[electrolyte].with_thickness(electrolytes[k]))
            compute_metrics(design, table)

    loop_s = median_seconds(python_loop, 3) / loop_n
    sweep_rate = n / sweep_s
    print(
        f"\nvectorised sweep on {name}: {n} designs in {sweep_s * 1e3:.1f} ms "
        f"= {sweep_rate:,.0f} designs/s (target >= 100,000)"
    )
    print(f"Python loop of compute_metrics: {1 / loop_s:,.0f} designs/s")
    print(f"ratio sweep / loop: {sweep_rate * loop_s:.0f}x")


if __name__ == "__main__":
    main()
