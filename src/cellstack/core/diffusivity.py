"""Solid diffusivity as a function of stoichiometry, D(θ), in one of a few named forms.

Published parameter sets give D(θ) either as a table or as a short expression; the forms here
cover both without evaluating any text:

- ``table``: points (θ, D), interpolated linearly in log D (diffusivities span decades), held at
  the end values outside the table;
- ``exponential``: D = a·exp(b·θ) + c (e.g. graphite in Ecker et al., J. Electrochem. Soc. 162
  (2015) A1836: a = 8.4e-13 m²/s, b = −11.3, c = 8.2e-15 m²/s);
- ``gaussian``: D = a + b·exp(−c·(θ − d)²) (e.g. the NCO of the same set: a = 3.7e-13 m²/s,
  b = −3.4e-13 m²/s, c = 12, d = 0.62).

Values are at the material's reference temperature (25 °C, as a constant diffusivity is); the
discharge model scales the whole curve by the chemistry's Arrhenius factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from cellstack.core.errors import InputError

FloatArray = NDArray[np.float64]
# D(θ) is checked to stay finite and positive on this many points over 0..1.
_CHECK_POINTS = 1001
MIN_DIFFUSIVITY_M2_S = 1e-30
MAX_DIFFUSIVITY_M2_S = 1e-6  # 1e-2 cm²/s, the largest constant diffusivity a record may give


class DiffusivityForm(StrEnum):
    TABLE = "table"
    EXPONENTIAL = "exponential"
    GAUSSIAN = "gaussian"


# The parameters each expression takes, in order; those in m²/s are marked.
FORM_PARAMETERS: dict[DiffusivityForm, tuple[tuple[str, bool], ...]] = {
    DiffusivityForm.EXPONENTIAL: (("a", True), ("b", False), ("c", True)),
    DiffusivityForm.GAUSSIAN: (("a", True), ("b", True), ("c", False), ("d", False)),
}


@dataclass(frozen=True, slots=True)
class DiffusivityCurve:
    """D(θ) in m²/s. ``theta``/``values_m2_s`` for a table; ``parameters`` (SI) for an expression,
    in the order FORM_PARAMETERS names them."""

    form: DiffusivityForm
    source: str
    theta: tuple[float, ...] = ()
    values_m2_s: tuple[float, ...] = ()
    parameters: tuple[float, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        where = f"diffusivity_curve ({self.form.value})"
        if self.form is DiffusivityForm.TABLE:
            if len(self.theta) < 2 or len(self.theta) != len(self.values_m2_s):
                raise InputError(where, len(self.theta), "at least two (θ, D) points, as many θ as D")
            if any(not 0.0 <= t <= 1.0 for t in self.theta) or any(
                b <= a for a, b in zip(self.theta, self.theta[1:], strict=False)
            ):
                raise InputError(f"{where}.theta", list(self.theta), "rising values from 0 to 1")
        else:
            wanted = len(FORM_PARAMETERS[self.form])
            if len(self.parameters) != wanted or not all(math.isfinite(p) for p in self.parameters):
                raise InputError(f"{where}.parameters", list(self.parameters), f"{wanted} finite numbers")
        sampled = self(np.linspace(0.0, 1.0, _CHECK_POINTS))
        low, high = float(np.min(sampled)), float(np.max(sampled))
        if not (
            np.all(np.isfinite(sampled)) and low >= MIN_DIFFUSIVITY_M2_S and high <= MAX_DIFFUSIVITY_M2_S
        ):
            raise InputError(
                where,
                f"{low:.3g} to {high:.3g} m²/s",
                f"a diffusivity from {MIN_DIFFUSIVITY_M2_S:g} to {MAX_DIFFUSIVITY_M2_S:g} m²/s "
                "at every θ in 0..1",
            )

    def __call__(self, theta: FloatArray) -> FloatArray:
        """D at each θ (θ clipped to 0..1), m²/s."""
        # minimum/maximum rather than np.clip: the solver calls this every step, and np.clip's
        # Python wrapper costs more than the arithmetic on a few dozen values.
        x = np.minimum(np.maximum(theta, 0.0), 1.0)
        if self.form is DiffusivityForm.TABLE:
            logs = np.interp(x, np.asarray(self.theta), np.log(np.asarray(self.values_m2_s)))
            return np.asarray(np.exp(logs), dtype=float)
        p = self.parameters
        if self.form is DiffusivityForm.EXPONENTIAL:
            x *= p[1]
            np.exp(x, out=x)
            x *= p[0]
            x += p[2]
            return x
        x -= p[3]
        np.square(x, out=x)
        x *= -p[2]
        np.exp(x, out=x)
        x *= p[1]
        x += p[0]
        return x

    @property
    def reference_m2_s(self) -> float:
        """D at θ = ½: the scale that sets the electrode's diffusion time ℓ²/D."""
        return float(self(np.array([0.5]))[0])
