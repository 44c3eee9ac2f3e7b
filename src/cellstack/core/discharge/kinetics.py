"""Charge transfer: Butler–Volmer with an Arrhenius exchange current (physics-and-data §3.4).

With symmetric transfer coefficients (α_a = α_c = 1/2) the Butler–Volmer law inverts in closed form,

    η = (2RT/F) · asinh(i / (2 j₀)),

so a whole discharge curve needs no iteration. j₀ is per unit of the area that reacts: the
particle surface in a composite (a·L = 3·ε_AM·L/R of it per geometric area), the geometric area
for a dense film or for lithium metal.

Where a j₀ is known (``Kinetics``, e.g. from a published parameter set) it is used with the
single-ion form j₀(θ, T) = j₀,ref · √(θ(1−θ))/½ · exp[−(E_a/R)(1/T − 1/T_ref)]. Where it is not,
the electrode's interface resistance from the ASR ledger is read as a charge-transfer resistance,
R_ct = RT/(F j₀) for small η: j₀ = RT/(F·R_int(T)), constant in θ, and its temperature dependence
is the one the ledger gives R_int.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cellstack.core.errors import InputError
from cellstack.core.metrics.results import Finding, Severity
from cellstack.core.units import FARADAY, GAS_CONSTANT, ROOM_TEMPERATURE
from cellstack.core.validation import require_finite, require_positive, require_range

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Kinetics:
    """A known exchange current density for one electrode.

    ``exchange_current_A_m2`` is j₀ at θ = ½ and ``reference_temperature_K``, per reaction area
    (particle surface for a composite electrode, geometric area for a dense film).
    """

    exchange_current_A_m2: float
    activation_energy_J_mol: float = 0.0
    reference_temperature_K: float = ROOM_TEMPERATURE
    stoichiometry_dependent: bool = True
    source: str = "user"

    def __post_init__(self) -> None:
        require_positive("kinetics.exchange_current", self.exchange_current_A_m2)
        require_range("kinetics.activation_energy", self.activation_energy_J_mol, 0.0, 5e5, "J/mol")
        require_range("kinetics.reference_temperature", self.reference_temperature_K, 100.0, 1000.0, "K")

    def at(self, temperature_K: float) -> float:
        """j₀ at θ = ½ and ``temperature_K``."""
        exponent = -(self.activation_energy_J_mol / GAS_CONSTANT) * (
            1.0 / temperature_K - 1.0 / self.reference_temperature_K
        )
        return self.exchange_current_A_m2 * math.exp(exponent)


def overpotential(current_A_m2: float, j0_A_m2: FloatArray | float, temperature_K: float) -> FloatArray:
    """η (V) that drives ``current_A_m2`` across an interface with exchange current ``j0_A_m2``.

    Same sign as the current: positive where the electrode is oxidised.
    """
    thermal = 2.0 * GAS_CONSTANT * temperature_K / FARADAY
    return np.asarray(thermal * np.arcsinh(current_A_m2 / (2.0 * np.asarray(j0_A_m2))), dtype=float)


def overpotential_at(current_A_m2: float, j0_A_m2: float, temperature_K: float) -> float:
    """``overpotential`` for one number, in plain float arithmetic."""
    return 2.0 * GAS_CONSTANT * temperature_K / FARADAY * math.asinh(current_A_m2 / (2.0 * j0_A_m2))


def exchange_current_from_asr(asr_ohm_m2: float, temperature_K: float) -> float:
    """j₀ = RT/(F·R_ct): the exchange current whose small-signal resistance is ``asr_ohm_m2``."""
    require_finite("interface resistance", asr_ohm_m2)
    if asr_ohm_m2 <= 0.0:
        raise InputError("interface resistance", asr_ohm_m2, "a resistance > 0 Ω·m²")
    return GAS_CONSTANT * temperature_K / (FARADAY * asr_ohm_m2)


def nonlinear(current_A_m2: float, j0_A_m2: float) -> bool:
    """Whether the linear reading i·R_ct of the overpotential exceeds 2RT/F, where asinh leaves its
    linear range (|i| > 2 j₀): there the loss is no longer i·R_ct, and a charge-transfer resistance
    read as ohmic, or an ohmic one read as charge transfer, would differ most."""
    return abs(current_A_m2) > 2.0 * j0_A_m2


def nonlinear_finding(electrode: str, current_A_m2: float, j0_A_m2: float, temperature_K: float) -> Finding:
    """Say that an electrode's charge transfer runs in the non-linear (Tafel-like) regime."""
    thermal = 2.0 * GAS_CONSTANT * temperature_K / FARADAY
    linear = abs(current_A_m2) * GAS_CONSTANT * temperature_K / (FARADAY * j0_A_m2)
    eta = abs(overpotential_at(current_A_m2, j0_A_m2, temperature_K))
    return Finding(
        "charge_transfer_nonlinear",
        Severity.INFO,
        f"Charge transfer at the {electrode} runs in its non-linear regime: i·R_ct = {linear * 1e3:.0f} mV "
        f"exceeds 2RT/F = {thermal * 1e3:.0f} mV, so its overpotential follows Butler–Volmer "
        f"({eta * 1e3:.0f} mV at θ = ½), not i·R_ct. If this resistance is a constriction or a "
        "resistive interphase rather than charge transfer, the loss is i·R_ct instead.",
        "bard2001",
    )
