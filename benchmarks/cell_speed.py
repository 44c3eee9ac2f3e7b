"""Does a cell cost what its repeat unit costs? Prints both timings and their ratio, side by side.

    python benchmarks/cell_speed.py

A 60-unit stacked pouch built around the first shipped example's stack is computed with
compute_cell and compared with compute_metrics of that stack alone (target: ratio <= 1.2x). The
cell multiplies the unit's per-area numbers by counts and areas; it never loops over units.

The verdict is the median over rounds that time the cell and its unit back to back: each
round's ratio compares the two under the same load. The ratio of the fastest round of each side
is printed beside it; on a loaded machine it scattered (1.01x and 1.74x for the same code a
minute apart) while the median stayed within 1.13-1.20x.
"""

from __future__ import annotations

from cellstack.core import units as u
from cellstack.core.cell import Cell, Laminate, Rectangle, StackedPouch, Tab, Terminal, compute_cell
from cellstack.core.metrics import compute_metrics
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from timing import median_seconds, paired_ratios

TARGET = 1.2


def pouch(units: int) -> StackedPouch:
    return StackedPouch(
        units=units,
        cathode=Rectangle(60 * u.MM, 90 * u.MM),
        anode=Rectangle(62 * u.MM, 92 * u.MM),
        separator=Rectangle(63 * u.MM, 93 * u.MM),
        housing=Laminate(153 * u.UM, 1700.0, 5 * u.MM),
        cathode_tab=Tab(15 * u.MM, 15 * u.MM),
        anode_tab=Tab(15 * u.MM, 15 * u.MM),
        terminals=(Terminal(1e-3, name="positive terminal"), Terminal(2e-3, name="negative terminal")),
    )


def main() -> None:
    library = default_library()
    table = library.interfaces
    for path in sorted(examples_dir().glob("*.cellstack")):
        stack = load_project(path, library).stack
        cell = Cell(stack, pouch(60))
        unit_s = median_seconds(lambda stack=stack: compute_metrics(stack, table), 15, 50)
        cell_s = median_seconds(lambda cell=cell: compute_cell(cell, table), 15, 50)
        one_s = median_seconds(lambda stack=stack: compute_cell(Cell(stack, pouch(1)), table), 15, 50)
        # The machine's load drifts; the ratios come from rounds that time both side by side.
        fastest, ratio = paired_ratios(
            lambda cell=cell: compute_cell(cell, table), lambda s=stack: compute_metrics(s, table)
        )
        verdict = "ok" if ratio <= TARGET else "SLOW"
        print(
            f"{path.stem:<36} repeat unit {unit_s * 1e6:7.0f} µs | 1-unit pouch {one_s * 1e6:7.0f} µs | "
            f"60-unit pouch {cell_s * 1e6:7.0f} µs | ratio {ratio:.2f}x (target <= {TARGET}x) {verdict} "
            f"(fastest rounds {fastest:.2f}x)"
        )


if __name__ == "__main__":
    main()
