"""Finite volumes for solid diffusion with D(θ) in a film (slab) or particles (sphere).

In x = r/ℓ and τ = t/t_d (t_d = ℓ²/D_ref) each host obeys

    ∂θ/∂τ = x⁻ᵏ ∂/∂x (xᵏ f(θ) ∂θ/∂x),    f = D(θ)/D_ref,  k = 0 (slab) or 2 (sphere),

sealed at x = 0 (the film's collector side, the particle's centre) with f ∂θ/∂x = g at x = 1, where
g = (dθ_avg/dτ)/(k + 1) is what the current drives. The N cells are finer towards the surface
(faces at x = 1 − (1 − u)², u uniform): at the start of a step of current, and at high rates, the
whole change sits in a thin layer under the surface. Each cell's balance

    Vᵢ t_d dθᵢ/dt = Σ_faces xⱼᵏ f(θⱼ) (θ_neighbour − θᵢ)/Δxⱼ  (+ g at the surface cell)

conserves lithium exactly: the average moves by exactly the charge passed. f at a face is taken at
the mean of its two cells. The surface value comes from the parabola θ_s − G·s + c·s² in the depth
s = 1 − x whose averages over the last two cells are theirs, with G = g/f the surface gradient the
current sets: a fixed linear mix of the two cells and G, exact for a parabolic profile.

Both electrodes are stepped as one tridiagonal system (no face joins them). A side that does not
diffuse (lithium metal) is one cell with V = 1, t_d = 1 s and no gap to its surface: its θ moves
with the charge passed.

A time step is variable-step BDF2 (second order and L-stable: a change of current excites the
grid's stiffest modes, which it damps where Crank–Nicolson would ring on), started by one backward
Euler step. f is taken at θ extrapolated to the end of the step, which keeps second order where D
varies; the step is one LAPACK gtsv solve with two right-hand sides: the state at zero current, and
the response per A/m², which a voltage hold combines once the current is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cellstack.core.diffusivity import DiffusivityCurve
from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.ocp import FloatArray

DEFAULT_CELLS = 80


@dataclass(frozen=True, slots=True)
class HostSpec:
    """One side as the grid needs it."""

    geometry: Geometry  # NONE: no diffusion
    diffusion_time_s: float  # ℓ²/D_ref at the run temperature
    theta_per_coulomb: float  # dθ_avg per C/m² discharged
    curve: DiffusivityCurve | None  # D(θ), or None for a constant D
    curve_scale: float  # f = D(θ)·curve_scale


@dataclass(frozen=True, slots=True, eq=False)
class Hosts:
    """Both sides' cells, cathode first, as one vector of stoichiometries."""

    size: int
    sides: tuple[slice, slice]
    storage_s: FloatArray  # Vᵢ·t_d per cell: the storage term is storage_s/dt
    conductance: FloatArray  # xⱼᵏ/Δxⱼ per face between consecutive cells (0 between the sides)
    conductance_sums: FloatArray  # per cell, of its two faces (for a constant D)
    negative_conductance: FloatArray  # the tridiagonal's off-diagonals (for a constant D)
    varying: tuple[tuple[slice, DiffusivityCurve], ...]  # faces whose conductance has D(θ)
    scaled_conductance: FloatArray  # the same over D_ref on those faces: times D(θ), f times it
    last: tuple[int, int]  # each side's surface cell
    last_index: NDArray[np.intp]  # the same, to index with
    inner: tuple[int, int]  # and the cell under it
    mixes: FloatArray  # (2,) κ: θ_surf = (1 − κ)·θ_last + κ·θ_inner + gap·g/f
    gaps: FloatArray  # (2,) (0 for a side without diffusion)
    drive: FloatArray  # (2,) g per A/m² at each surface cell
    weights: tuple[FloatArray, FloatArray]  # θ_avg = weights · θ[side]
    curves: tuple[tuple[DiffusivityCurve, float] | None, tuple[DiffusivityCurve, float] | None]

    def surfaces(self, theta: FloatArray, current: FloatArray | float) -> FloatArray:
        """θ at x = 1 of both sides, for states ``theta`` (…, size) and currents (…)."""
        lasts = theta[..., list(self.last)]
        current = np.asarray(current, dtype=float)[..., np.newaxis]
        gradient = current * self.drive
        for row, curve in enumerate(self.curves):
            if curve is not None:
                gradient[..., row] /= curve[0](lasts[..., row]) * curve[1]
        inner = theta[..., list(self.inner)]
        return np.asarray(lasts + self.mixes * (inner - lasts) + self.gaps * gradient, dtype=float)

    def averages(self, theta: FloatArray) -> FloatArray:
        """θ_avg of both sides, for states (…, size): shape (…, 2)."""
        return np.stack([theta[..., s] @ w for s, w in zip(self.sides, self.weights, strict=True)], axis=-1)


def cell_faces(geometry: Geometry, cells: int) -> FloatArray:
    u = np.linspace(0.0, 1.0, cells + 1)
    return np.asarray(1.0 - (1.0 - u) ** 2, dtype=float)


def _side(spec: HostSpec, cells: int) -> tuple[FloatArray, FloatArray, float, float, float, FloatArray]:
    """(V·t_d per cell, conductance per inner face, κ, gap, g per A/m², weights)."""
    if spec.geometry is Geometry.NONE:
        return np.ones(1), np.zeros(0), 0.0, 0.0, spec.theta_per_coulomb, np.ones(1)
    k = 2.0 if spec.geometry is Geometry.SPHERE else 0.0
    x = cell_faces(spec.geometry, cells)
    volumes = (x[1:] ** (k + 1) - x[:-1] ** (k + 1)) / (k + 1)
    centres = 0.5 * (x[1:] + x[:-1])
    conductance = x[1:-1] ** k / np.diff(centres)
    drive = spec.theta_per_coulomb * spec.diffusion_time_s / (k + 1)
    # Depths s = 1 − x of the last cell (0..a) and the one under it (a..b): the means of s and s²
    # over each give the parabola through both averages (the module docstring).
    a, b = 1.0 - x[-2], 1.0 - x[-3]
    m1_last, m2_last = a / 2.0, a * a / 3.0
    m1_inner, m2_inner = (a + b) / 2.0, (a * a + a * b + b * b) / 3.0
    kappa = m2_last / (m2_last - m2_inner)
    gap = m1_last - kappa * (m1_last - m1_inner)
    return volumes * spec.diffusion_time_s, conductance, kappa, gap, drive, volumes * (k + 1)


def hosts(cathode: HostSpec, anode: HostSpec, cells: int = DEFAULT_CELLS) -> Hosts:
    p, n = _side(cathode, cells), _side(anode, cells)
    size_p, size = p[0].shape[0], p[0].shape[0] + n[0].shape[0]
    conductance = np.concatenate((p[1], [0.0], n[1]))
    scaled = conductance.copy()
    varying = []
    curves: list[tuple[DiffusivityCurve, float] | None] = []
    for spec, offset, count in ((cathode, 0, size_p - 1), (anode, size_p, size - size_p - 1)):
        has = spec.curve is not None and spec.geometry is not Geometry.NONE
        if has and spec.curve is not None:
            varying.append((slice(offset, offset + count), spec.curve))
            scaled[offset : offset + count] *= spec.curve_scale
        curves.append((spec.curve, spec.curve_scale) if has and spec.curve is not None else None)
    return Hosts(
        size=size,
        sides=(slice(0, size_p), slice(size_p, size)),
        storage_s=np.concatenate((p[0], n[0])),
        conductance=conductance,
        scaled_conductance=scaled,
        conductance_sums=_neighbour_sums(conductance),
        negative_conductance=-conductance,
        varying=tuple(varying),
        last=(size_p - 1, size - 1),
        last_index=np.array([size_p - 1, size - 1]),
        inner=(max(size_p - 2, 0), max(size - 2, size_p)),
        mixes=np.array([p[2], n[2]]),
        gaps=np.array([p[3], n[3]]),
        drive=np.array([p[4], n[4]]),
        weights=(p[5], n[5]),
        curves=(curves[0], curves[1]),
    )


def _neighbour_sums(conductance: FloatArray) -> FloatArray:
    """Each cell's total conductance to its neighbours (the tridiagonal's diagonal part)."""
    sums = np.zeros(conductance.shape[0] + 1)
    sums[:-1] += conductance
    sums[1:] += conductance
    return sums


@cache
def _lapack(name: str) -> Callable[..., Any]:
    """A LAPACK tridiagonal routine, imported when first needed: scipy takes ~0.4 s to import, which
    the app's start-up should not pay for a solver most curves never use."""
    from scipy.linalg import lapack

    return getattr(lapack, name)  # type: ignore[no-any-return]


# What a constant-D step keeps for the next one of the same length and ratio: the factors of its
# matrix and its response per A/m², which do not change (most steps of a run are of one length).
Factored = dict[tuple[float, float | None], tuple[tuple[FloatArray, ...], FloatArray]]


def step(
    h: Hosts,
    theta: FloatArray,
    earlier: FloatArray,
    dt_s: float,
    ratio: float | None,
    factored: Factored | None = None,
) -> tuple[FloatArray, FloatArray]:
    """One step of ``dt_s`` from ``theta``: backward Euler where ``ratio`` is None, else BDF2 with
    ``earlier`` the state one step before and ``ratio`` this step over that one.

    Returns (state at zero current, change per A/m² of current over the step). With S the storage
    per second, L the exchange between cells and ω the ratio, variable-step BDF2 is

        S·[(1 + 2ω)/(1 + ω)·θ₁ − (1 + ω)·θ₀ + ω²/(1 + ω)·θ₋₁] = L θ₁ + flux₁,

    one tridiagonal solve; f(θ) is taken at θ₁ extrapolated from θ₀ and θ₋₁. ``factored`` keeps
    a constant-D matrix's factors for the next step of the same length.
    """
    if ratio is None:
        a_new, a_now, a_before = 1.0, 1.0, 0.0
        guess = theta
    else:
        a_new, a_now, a_before = (
            (1.0 + 2.0 * ratio) / (1.0 + ratio),
            1.0 + ratio,
            ratio * ratio / (1.0 + ratio),
        )
        guess = theta + ratio * (theta - earlier) if h.varying else theta
    storage = h.storage_s * (1.0 / dt_s)
    rhs = np.zeros((h.size, 2), order="F")
    base = rhs[:, 0]
    if ratio is None:
        np.multiply(storage, theta, out=base)
    else:
        np.multiply(theta, a_now, out=base)
        base -= a_before * earlier
        base *= storage
    key = (dt_s, ratio)
    kept = factored.get(key) if factored is not None and not h.varying else None
    if kept is not None:
        solved = _lapack("dgttrs")(*kept[0], base)[0]
        return solved, kept[1]
    if h.varying:
        conductance = h.scaled_conductance.copy()
        for faces, curve in h.varying:
            start, stop = faces.start, faces.stop
            mean = guess[start:stop] + guess[start + 1 : stop + 1]
            mean *= 0.5
            conductance[faces] *= curve(mean)
        off = -conductance
        diagonal = a_new * storage
        diagonal[:-1] += conductance
        diagonal[1:] += conductance
    else:
        off, diagonal = h.negative_conductance, h.conductance_sums.copy()
        diagonal += a_new * storage
    rhs[h.last_index, 1] = h.drive
    if factored is None or h.varying:
        solved = _lapack("dgtsv")(off, diagonal, off, rhs, overwrite_b=True)[3]
        return solved[:, 0], solved[:, 1]
    lower, main, upper, upper2, pivots, _ = _lapack("dgttrf")(off, diagonal, off)
    factors = (lower, main, upper, upper2, pivots)
    solved = _lapack("dgttrs")(*factors, rhs)[0]
    factored[key] = (factors, solved[:, 1].copy())
    return solved[:, 0], solved[:, 1]
