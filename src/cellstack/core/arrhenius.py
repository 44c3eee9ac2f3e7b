"""Temperature dependence of conductivities and interface resistances."""

from __future__ import annotations

import math

from cellstack.core.material import ArrheniusForm
from cellstack.core.units import BOLTZMANN_EV

# math.exp raises past e^709. A factor of e^700 already makes any conductivity or resistance one
# the ledger refuses as blocking (metrics/resistance.py) or never limits, so larger exponents are cut.
_MAX_EXPONENT = 700.0


def conductivity_at(
    sigma_ref: float,
    t_ref_K: float,
    t_K: float,
    activation_energy_eV: float | None,
    form: ArrheniusForm = ArrheniusForm.SIGMA,
) -> float:
    """Conductivity at ``t_K`` from a value at ``t_ref_K`` (physics-and-data §3.5).

    Without an activation energy the conductivity is taken as temperature independent.
    """
    if activation_energy_eV is None or t_K == t_ref_K:
        return sigma_ref
    factor = math.exp(
        min(-(activation_energy_eV / BOLTZMANN_EV) * (1.0 / t_K - 1.0 / t_ref_K), _MAX_EXPONENT)
    )
    if form is ArrheniusForm.SIGMA_T:
        factor *= t_ref_K / t_K
    return sigma_ref * factor


def resistance_at(r_ref: float, t_ref_K: float, t_K: float, activation_energy_eV: float) -> float:
    """An Arrhenius-activated resistance, R(T) = R_ref exp[(Ea/k)(1/T - 1/T_ref)]."""
    return r_ref * math.exp(
        min((activation_energy_eV / BOLTZMANN_EV) * (1.0 / t_K - 1.0 / t_ref_K), _MAX_EXPONENT)
    )
