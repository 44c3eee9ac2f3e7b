"""Cut-off voltages of a cell: the positive electrode's limits less the negative's potential.

The positive electrode's limits vs Li/Li+ come from its record (voltage_cutoff_low/high), else from
the usual limits of its chemistry (metrics/window.py, the same limits that bound its usable window,
so a slow run reaches the rated capacity both ways), else from its curve: 0.5 V below the OCP at the
discharged end of its window, 0.2 V above it at the charged end. The negative electrode contributes
its OCP at the matching end of its own window (0 V for lithium metal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cellstack.core.discharge.defaults import GENERIC_CUTOFF_MARGIN_HIGH_V, GENERIC_CUTOFF_MARGIN_LOW_V
from cellstack.core.material import Material
from cellstack.core.metrics.window import voltage_limits


@dataclass(frozen=True, slots=True)
class Cutoffs:
    low_V: float  # end of discharge (cell voltage)
    high_V: float  # end of charge
    source: str


def cell_cutoffs(
    cathode: Material,
    curve_id: str,
    cathode_ocp_V: Callable[[], tuple[float, float]],
    anode_ocp_V: tuple[float, float],
) -> Cutoffs:
    """``anode_ocp_V``: the anode's OCP in the charged and in the discharged state; the same of the
    cathode is asked of ``cathode_ocp_V`` only where the generic limits need it."""
    limits = voltage_limits(cathode, curve_id)
    low_vs_li, high_vs_li, source = limits.low_V, limits.high_V, limits.source
    if low_vs_li is None:
        low_vs_li, source = cathode_ocp_V()[1] - GENERIC_CUTOFF_MARGIN_LOW_V, "cellstack_assumption"
    if high_vs_li is None:
        high_vs_li = cathode_ocp_V()[0] + GENERIC_CUTOFF_MARGIN_HIGH_V
    return Cutoffs(max(low_vs_li - anode_ocp_V[1], 0.0), max(high_vs_li - anode_ocp_V[0], 0.0), source)
