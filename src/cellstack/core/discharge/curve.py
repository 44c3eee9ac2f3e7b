"""What a discharge returns: one constant-current run, state by state."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cellstack.core.metrics.results import Finding
from cellstack.core.ocp import FloatArray

# How the end reason of a run that cannot start begins (end_search.py says the rest).
CANNOT_START = "cannot start"


@dataclass(frozen=True)
class DischargeCurve:
    """One constant-current run, from the charged (or, on charge, the discharged) state to its end.

    Arrays share one length. ``capacity_C`` is the charge delivered (taken up, on charge) so far over
    the active area. ``overpotentials`` sum to ``ocv_V - voltage_V`` (terms are negative on charge).
    At zero current time has no meaning: ``time_s`` is all zeros and the curve is the OCV curve.
    A run that cannot start (``started`` is False; ``end_reason`` begins with "cannot start" and
    says why) has every point at t = 0, with the voltage the current would pull the cell to; it
    delivers no capacity and no energy, and has no average voltage (0).
    """

    c_rate: float
    current_A: float
    temperature_K: float
    time_s: FloatArray
    capacity_C: FloatArray
    voltage_V: FloatArray
    ocv_V: FloatArray  # open-circuit voltage of the same states (average stoichiometries)
    overpotentials: dict[str, FloatArray]
    end_reason: str
    approximate_ocp: bool
    findings: tuple[Finding, ...]
    charge: bool = False
    cutoff_V: float = 0.0  # the cut-off voltage the run was stopped at, if it got there
    rated_capacity_C: float = 0.0  # what 1C delivers in an hour: compute_metrics' capacity

    @property
    def delivered_capacity_C(self) -> float:
        return float(self.capacity_C[-1])

    @property
    def started(self) -> bool:
        """False where the run ended at once: its end reason then says why it cannot start."""
        return not self.end_reason.startswith(CANNOT_START)

    @property
    def energy_J(self) -> float:
        """∫V dq over the run (given out on discharge, taken up on charge); never negative.

        The run stops at a cut-off of at least 0 V, so only round-off in the last step could make
        it negative, and a run that cannot start would give 0 × V = −0.0.
        """
        if not self.started:
            return 0.0
        return max(float(np.trapezoid(self.voltage_V, self.capacity_C)), 0.0)

    @property
    def average_voltage_V(self) -> float:
        """Energy over charge; 0 for a run that cannot start, which has no average."""
        if not self.started or self.delivered_capacity_C <= 0.0:  # the latter: 1e-330 C rounded
            return 0.0
        return self.energy_J / self.delivered_capacity_C

    @property
    def utilisation(self) -> float:
        """Delivered over rated capacity."""
        return self.delivered_capacity_C / self.rated_capacity_C if self.rated_capacity_C > 0 else 0.0
