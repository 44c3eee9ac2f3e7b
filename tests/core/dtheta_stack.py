"""The Chen2020 stack with the NCO diffusivity of Ecker et al. 2015, D(θ), on its cathode.

Ecker et al., J. Electrochem. Soc. 162 (2015) A1836, as PyBaMM ships it:
D = 3.7e-13 − 3.4e-13·exp(−12·(θ − 0.62)²) m²/s, from 0.3e-13 to 3.7e-13 m²/s over θ. A stack whose
diffusivity varies by an order of magnitude across its window, for the numerical solver's tests
and benchmark.
"""

from __future__ import annotations

from dataclasses import replace

from cellstack.core.diffusivity import DiffusivityCurve, DiffusivityForm
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.stack import Stack
from tests.core.chen2020 import chen2020_stack

ECKER_NCO = DiffusivityCurve(
    DiffusivityForm.GAUSSIAN, "ecker2015", parameters=(3.7e-13, -3.4e-13, 12.0, 0.62)
)


def dtheta_stack() -> Stack:
    stack = chen2020_stack()
    index = stack.indices_with_role(Role.CATHODE)[0]
    layer = stack.layers[index]
    active = replace(layer.material, diffusivity_curve=ECKER_NCO)
    return stack.replacing(index, Layer(active, layer.thickness_m, layer.role, composite=layer.composite))
