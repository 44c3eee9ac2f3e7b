"""Exact constant-current solutions of solid diffusion in a film or a sphere (physics-and-data §3.3).

A host of size ℓ (film thickness, or particle radius) with diffusivity D starts uniform at θ₀ and
takes a constant insertion flux at its surface (the film's other face, on the current collector,
is sealed). With τ = D t / ℓ² and a current density i that moves the host's average stoichiometry
at the rate i / Q_host, the surface stoichiometry is

    θ_surf(t) = θ₀ + (i / Q_host) · (ℓ² / D) · G(τ),     G(τ) = τ + (B − S(τ)) / A,
    S(τ)      = 2 Σₙ exp(−λₙ² τ) / λₙ²

with A = 1, B = 1/3, λₙ = nπ for a film (Crank, The Mathematics of Diffusion, slab with constant
flux) and A = 3, B = 1/5, tan λₙ = λₙ for a sphere. ``G − τ`` is the lead of the surface over the
average, which grows to B/A: the film's late-time lag i·L/(3·F·D·c_max).

The eigenfunction series converges slowly at small τ (every mode counts at τ = 0), so each time is
evaluated by whichever of two exact forms converges there:

- τ > τ_s = 0.05: the series. By then exp(−λₙ²τ) < exp(−40) for every mode past the ``TERMS``
  kept, so the sum is exact to round-off.
- τ <= τ_s: the short-time (Laplace large-p) solution. Expanding the transforms coth(√p)/p^{3/2}
  (film) and 1/(p(√p·coth√p − 1)) (sphere) for large p gives G = 2√(τ/π) for the film and
  G = [e^τ(1 + erf√τ) − 1]/3 for the sphere; what they leave out is of order exp(−1/τ), below
  3e-11 at τ_s (a test compares both forms against a 100 000-term series).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
TERMS = 12
SHORT_TIME = 0.05
_NEGLIGIBLE = 40.0


class Geometry(StrEnum):
    PLANAR = "planar film"  # a dense film on its collector
    SPHERE = "sphere"  # the particles of a composite electrode
    NONE = "none"  # lithium metal: no host to diffuse through


@dataclass(frozen=True)
class _Series:
    linear: float  # A
    constant: float  # B
    eigenvalues_sq: FloatArray  # λₙ²
    weights: FloatArray  # 2 / λₙ²


def sphere_eigenvalues(count: int) -> FloatArray:
    """Positive roots of tan λ = λ, from their asymptotic series polished by Newton steps."""
    q = (np.arange(1, count + 1) + 0.5) * np.pi
    roots = q - 1.0 / q - 2.0 / (3.0 * q**3)
    for _ in range(6):
        # f = sin λ − λ cos λ has the same roots as tan λ − λ and no poles; f' = λ sin λ.
        roots = roots - (np.sin(roots) - roots * np.cos(roots)) / (roots * np.sin(roots))
    return np.asarray(roots, dtype=float)


def _series(linear: float, constant: float, eigenvalues: FloatArray) -> _Series:
    squared = np.asarray(eigenvalues**2, dtype=float)
    return _Series(linear, constant, squared, 2.0 / squared)


_PLANAR = _series(1.0, 1.0 / 3.0, np.arange(1, TERMS + 1, dtype=float) * np.pi)
_SPHERE = _series(3.0, 1.0 / 5.0, sphere_eigenvalues(TERMS))


def _long_time(series: _Series, tau: FloatArray) -> FloatArray:
    # Exponents are clipped at -40 (exp(-40) is below round-off against B): exp runs an order of
    # magnitude slower on arguments that underflow.
    exponents = np.maximum(np.multiply.outer(tau, -series.eigenvalues_sq), -_NEGLIGIBLE)
    decay = np.exp(exponents) @ series.weights
    return np.asarray(tau + (series.constant - decay) / series.linear, dtype=float)


# math.erf element-wise: exact to double precision, and it spares importing scipy.special
# (0.4 s at start-up) for a function evaluated only where the response tables are built.
_ERF = np.frompyfunc(math.erf, 1, 1)


def _short_time(geometry: Geometry, tau: FloatArray) -> FloatArray:
    if geometry is Geometry.PLANAR:
        return np.asarray(2.0 * np.sqrt(tau / np.pi), dtype=float)
    erf = np.asarray(_ERF(np.sqrt(tau)), dtype=float)
    return np.asarray((np.exp(tau) * (1.0 + erf) - 1.0) / 3.0, dtype=float)


def surface_response(tau: FloatArray, geometry: Geometry) -> FloatArray:
    """G(τ), the dimensionless surface stoichiometry change, for ascending τ >= 0."""
    tau = np.asarray(tau, dtype=float)
    if geometry is Geometry.NONE:
        return tau
    series = _PLANAR if geometry is Geometry.PLANAR else _SPHERE
    # Times ascend, so the short-time points are a prefix: slices are views, masks would copy.
    split = int(np.searchsorted(tau, SHORT_TIME, side="right"))
    if split == tau.shape[0]:
        return _short_time(geometry, tau)
    if split == 0:
        return _long_time(series, tau)
    return np.concatenate((_short_time(geometry, tau[:split]), _long_time(series, tau[split:])))


# G(τ) − τ, the surface's lead, sampled once per geometry from the exact forms above: 3000 nodes
# 1 % apart in τ from 1e-12 to 60 (past 60 the lead is B/A to round-off). Interpolating it is within
# 1e-5 of the exact value (a test checks) and takes one numpy call instead of a dozen, which is
# what keeps a whole discharge curve under a millisecond. The tables are not flagged read-only:
# np.interp would copy them on every call.
LEAD_NODES = np.concatenate(([0.0], np.geomspace(1e-12, 60.0, 3000)))
_LEAD: dict[Geometry, FloatArray] = {}


def lead_samples(geometry: Geometry) -> FloatArray:
    """G(τ) − τ at LEAD_NODES, for np.interp (shared: not to be modified)."""
    samples = _LEAD.get(geometry)
    if samples is None:
        samples = surface_response(LEAD_NODES, geometry) - LEAD_NODES
        _LEAD[geometry] = samples
    return samples


def surface_theta(
    start: float, rate: float, diffusion_time_s: float, t: FloatArray, geometry: Geometry
) -> FloatArray:
    """θ_surf(t) = θ₀ + rate·t + rate·t_d·(G(τ) − τ), τ = t/t_d, from the tabulated lead.

    ``rate`` is dθ_avg/dt; t ascending or not, t >= 0.
    """
    if geometry is Geometry.NONE:
        return start + rate * t
    lead = np.interp(t * (1.0 / diffusion_time_s), LEAD_NODES, lead_samples(geometry))
    return (start + rate * t) + (rate * diffusion_time_s) * lead


def late_time_lead(geometry: Geometry) -> float:
    """B/A: how far (in units of i·ℓ²/(D·Q_host)) the surface runs ahead of the average."""
    if geometry is Geometry.NONE:
        return 0.0
    series = _PLANAR if geometry is Geometry.PLANAR else _SPHERE
    return series.constant / series.linear
