"""The simulation settings that belong to a design and are saved with it.

One set drives everything a design shows: the discharge curves, the rate-capability and Ragone
sweeps, the report and the command line's defaults. The temperature is the stack's own
(``Stack.temperature_K``); it is not repeated here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cellstack.core.errors import InputError
from cellstack.core.metrics import EnergyDefinition
from cellstack.core.validation import require_range

DEFAULT_C_RATES = (0.1, 1.0, 2.0)
MAX_C_RATES = 8  # more curves than this cannot be told apart in one plot
MAX_C_RATE = 100.0
MAX_CUTOFF_V = 10.0


@dataclass(frozen=True, slots=True)
class Simulation:
    """``c_rates`` are the discharge curves drawn; a cut-off of None takes the materials' own."""

    c_rates: tuple[float, ...] = DEFAULT_C_RATES
    discharge_cutoff_V: float | None = None
    charge_cutoff_V: float | None = None
    energy_definition: EnergyDefinition = EnergyDefinition.AUTO

    def __post_init__(self) -> None:
        if not 1 <= len(self.c_rates) <= MAX_C_RATES:
            raise InputError("c_rates", len(self.c_rates), f"1 to {MAX_C_RATES} C-rates")
        for i, rate in enumerate(self.c_rates):
            if not (math.isfinite(rate) and 0.0 < rate <= MAX_C_RATE):
                raise InputError(f"c_rates[{i}]", rate, f"a C-rate above 0 and at most {MAX_C_RATE:g}")
        for name in ("discharge_cutoff_V", "charge_cutoff_V"):
            value = getattr(self, name)
            if value is not None:
                require_range(name, value, 0.0, MAX_CUTOFF_V, "V")
        low, high = self.discharge_cutoff_V, self.charge_cutoff_V
        if low is not None and high is not None and not low < high:
            raise InputError("charge_cutoff_V", high, f"a voltage above the discharge cut-off, {low:g} V")
