"""Constant-current discharge of a stack: V(t), rate capability and Ragone curves (docs/discharge.md)."""

from cellstack.core.discharge.curve import DischargeCurve
from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.discharge.kinetics import Kinetics
from cellstack.core.discharge.model import discharge_curves, simulate_discharge
from cellstack.core.discharge.rate import (
    RAGONE_C_RATES,
    RATE_CAPABILITY_C_RATES,
    Ragone,
    RateCapability,
    ragone,
    rate_capability,
)

__all__ = [
    "RAGONE_C_RATES",
    "RATE_CAPABILITY_C_RATES",
    "DischargeCurve",
    "Geometry",
    "Kinetics",
    "Ragone",
    "RateCapability",
    "discharge_curves",
    "ragone",
    "rate_capability",
    "simulate_discharge",
]
