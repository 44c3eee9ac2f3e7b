"""A protocol's constant-current step from the uniform start, by the closed form.

Where a step of constant current starts from the cell's uniform fully charged (or, for a charge,
fully discharged) state with nothing flowing before it, and every diffusivity is constant, the
closed form (model.run_cell) gives the step, so it is the very curve `simulate_discharge` draws.
The next step needs the concentration profiles it leaves; for a host started uniform at θ₀ under
a constant insertion rate dθ_avg/dt = r they are (Crank, The Mathematics of Diffusion, constant
flux into a slab and a sphere; x = r/ℓ, τ = t/t_d):

    film:    θ = θ₀ + r·t + r·t_d·[x²/2 − 1/6 − Σ 2(−1)ⁿ cos(nπx)/(nπ)² · exp(−(nπ)²τ)]
    sphere:  θ = θ₀ + r·t + r·t_d/3·[x²/2 − 3/10 − (2/x) Σ sin(αₙx)/(αₙ² sin αₙ) · exp(−αₙ²τ)]

with tan αₙ = αₙ; at x = 1 they are diffusion.py's surface responses. Each finite volume gets its
average (4-point Gauss–Legendre in x, weighted by xᵏ). With TERMS modes the series is exact to
round-off for τ >= MIN_TAU; a step that ends sooner runs on the numerical solver instead.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from cellstack.core.discharge.diffusion import Geometry, sphere_eigenvalues, surface_theta
from cellstack.core.discharge.model import DEFAULT_POINTS, run_cell
from cellstack.core.discharge.numerical_cell import NumericalCell
from cellstack.core.discharge.numerical_march import Segment
from cellstack.core.discharge.numerical_particle import cell_faces
from cellstack.core.ocp import FloatArray

TERMS = 400
MIN_TAU = 1e-5  # exp(−(400π)²·1e-5) ≈ 1e-7, times weights below 1e-6: below round-off of θ
_GAUSS_X, _GAUSS_W = np.polynomial.legendre.leggauss(4)


@cache
def _modes(geometry: Geometry) -> tuple[FloatArray, FloatArray]:
    """(eigenvalues, their weight in the profile) of each geometry's series."""
    if geometry is Geometry.PLANAR:
        roots = np.arange(1, TERMS + 1, dtype=float) * np.pi
        signs = np.where(np.arange(1, TERMS + 1) % 2 == 0, 1.0, -1.0)  # (−1)ⁿ
        return roots, np.asarray(2.0 * signs / roots**2, dtype=float)
    roots = sphere_eigenvalues(TERMS)
    return roots, np.asarray(2.0 / (roots**2 * np.sin(roots)), dtype=float)


def _lead(geometry: Geometry, x: FloatArray, tau: float) -> FloatArray:
    """(θ − θ₀ − r·t)/(r·t_d) at the points ``x`` (all > 0)."""
    roots, weights = _modes(geometry)
    decay = weights * np.exp(np.maximum(-(roots**2) * tau, -700.0))
    if geometry is Geometry.PLANAR:
        return np.asarray(x**2 / 2.0 - 1.0 / 6.0 - np.cos(np.multiply.outer(x, roots)) @ decay, dtype=float)
    series = (np.sin(np.multiply.outer(x, roots)) @ decay) / x
    return np.asarray((x**2 / 2.0 - 0.3 - series) / 3.0, dtype=float)


def cell_averages(geometry: Geometry, cells: int, tau: float) -> FloatArray:
    """The lead of each finite volume's average, in units of r·t_d."""
    faces = cell_faces(geometry, cells)
    low, high = faces[:-1, np.newaxis], faces[1:, np.newaxis]
    x = 0.5 * (high + low) + 0.5 * (high - low) * _GAUSS_X
    k = 2.0 if geometry is Geometry.SPHERE else 0.0
    weight = _GAUSS_W * x**k
    values = _lead(geometry, x.ravel(), tau).reshape(x.shape)
    return np.asarray((values * weight).sum(axis=1) / weight.sum(axis=1), dtype=float)


def closed_form_segment(
    ncell: NumericalCell, c_rate: float, limit_V: float, charge: bool, current_A_m2: float
) -> Segment | None:
    """The step by the closed form, with the profiles it leaves; None where the series would need
    more modes than it keeps (a step shorter than MIN_TAU diffusion times)."""
    cell = ncell.cell
    curve = run_cell(cell, c_rate, cutoff_V=limit_V, points=DEFAULT_POINTS, charge=charge)
    keep = curve.time_s.shape[0] if curve.time_s[-1] > 0.0 else 1  # a step that cannot start: one point
    t = curve.time_s[:keep]
    t_end = float(t[-1])
    start = ncell.uniform(charged=not charge)
    end = start.copy()
    surfaces, averages = np.empty((t.shape[0], 2)), np.empty((t.shape[0], 2))
    for column, (side, cells) in enumerate(zip(ncell.sides, ncell.hosts.sides, strict=True)):
        e = side.electrode
        theta0 = float(start[cells][0])
        rate = ncell.hosts.drive[column] * current_A_m2  # dθ_avg/dt without diffusion ...
        if side.diffuses:
            rate = (1.0 if side.lithiates_on_discharge else -1.0) * current_A_m2 / e.host_C_m2
            tau = t_end / e.diffusion_time_s
            if 0.0 < tau < MIN_TAU:
                return None
            surfaces[:, column] = surface_theta(theta0, rate, e.diffusion_time_s, t, e.geometry)
            count = cells.stop - cells.start
            lead = cell_averages(e.geometry, count, tau) if tau > 0.0 else np.zeros(count)
            end[cells] = theta0 + rate * t_end + rate * e.diffusion_time_s * lead
        else:
            surfaces[:, column] = theta0 + rate * t
            end[cells] = theta0 + rate * t_end
        averages[:, column] = theta0 + rate * t
    current = np.full(t.shape[0], current_A_m2)
    return Segment(t, current, surfaces, averages, curve.voltage_V[:keep], curve.end_reason, end)
