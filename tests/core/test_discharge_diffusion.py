"""The exact constant-current diffusion solutions against a brute-force eigenfunction series."""

from __future__ import annotations

import numpy as np
import pytest

from cellstack.core.discharge.diffusion import (
    SHORT_TIME,
    Geometry,
    late_time_lead,
    sphere_eigenvalues,
    surface_response,
    surface_theta,
)

TAU = np.concatenate(([0.0], np.geomspace(1e-6, 30.0, 300)))


def _brute_force(geometry: Geometry, tau: np.ndarray, terms: int = 30_000) -> np.ndarray:
    if geometry is Geometry.PLANAR:
        eigenvalues, linear, constant = np.arange(1, terms + 1) * np.pi, 1.0, 1 / 3
    else:
        eigenvalues, linear, constant = sphere_eigenvalues(terms), 3.0, 1 / 5
    decay = np.exp(-np.outer(tau, eigenvalues**2)) @ (2.0 / eigenvalues**2)
    return tau + (constant - decay) / linear


@pytest.mark.parametrize("geometry", [Geometry.PLANAR, Geometry.SPHERE])
def test_matches_the_series_summed_to_convergence(geometry: Geometry) -> None:
    # 30 000 terms converge for tau >= 1e-6 (the slowest mode left out has decayed to e^-8800).
    exact = _brute_force(geometry, TAU[1:])
    assert surface_response(TAU, geometry)[0] == 0.0
    assert np.max(np.abs(surface_response(TAU[1:], geometry) - exact)) < 1e-10


@pytest.mark.parametrize("geometry", [Geometry.PLANAR, Geometry.SPHERE])
def test_both_forms_agree_where_they_meet(geometry: Geometry) -> None:
    below, above = np.array([SHORT_TIME]), np.array([SHORT_TIME * (1 + 1e-12)])
    assert surface_response(below, geometry)[0] == pytest.approx(
        surface_response(above, geometry)[0], abs=1e-10
    )


def test_short_time_is_the_semi_infinite_rise() -> None:
    tau = np.array([1e-8, 1e-6, 1e-4])
    assert surface_response(tau, Geometry.PLANAR) == pytest.approx(2 * np.sqrt(tau / np.pi), rel=1e-12)


@pytest.mark.parametrize(("geometry", "lead"), [(Geometry.PLANAR, 1 / 3), (Geometry.SPHERE, 1 / 15)])
def test_late_time_lead_of_the_surface(geometry: Geometry, lead: float) -> None:
    tau = np.array([5.0, 20.0])
    assert surface_response(tau, geometry) - tau == pytest.approx([lead, lead], abs=1e-12)
    assert late_time_lead(geometry) == pytest.approx(lead)


def test_tan_roots() -> None:
    roots = sphere_eigenvalues(5)
    assert roots[:3] == pytest.approx([4.4934, 7.7253, 10.9041], abs=1e-4)
    assert np.tan(roots) == pytest.approx(roots, rel=1e-9)


@pytest.mark.parametrize("geometry", list(Geometry))
def test_monotone_and_finite_over_any_span(geometry: Geometry) -> None:
    tau = np.concatenate(([0.0], np.geomspace(1e-15, 1e12, 2000)))
    g = surface_response(tau, geometry)
    assert np.all(np.isfinite(g)) and np.all(np.diff(g) >= 0)


@pytest.mark.parametrize("geometry", [Geometry.PLANAR, Geometry.SPHERE])
def test_the_tabulated_lead_used_on_the_live_path_is_within_2e_6(geometry: Geometry) -> None:
    t = np.concatenate(([0.0], np.geomspace(1e-9, 1e4, 5000)))
    t_d, rate, start = 7.0, 1e-3, 0.3
    exact = start + rate * t_d * surface_response(t / t_d, geometry)
    tabulated = surface_theta(start, rate, t_d, t, geometry)
    assert np.max(np.abs(tabulated - exact)) / (rate * t_d) < 2e-6
