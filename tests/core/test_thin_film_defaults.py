"""Thin-film diffusivities come from measurements, and a default says that it is one and whence."""

from __future__ import annotations

from functools import cache

import pytest

from cellstack.core.discharge import simulate_discharge
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.ocp import get_curve
from cellstack.core.stack import Stack
from cellstack.io.library import Library, default_library
from tests.core.materials import CU, LI, LIPON, PT

MEASUREMENT_METHODS = ("PITT", "GITT", "EIS", "CV")


@cache
def _library() -> Library:
    return default_library()


def _film_cathodes() -> list[Material]:
    return sorted(
        (
            m
            for m in _library().materials.values()
            if m.thin_film and Role.CATHODE in m.roles and get_curve(m.ocp) is not None
        ),
        key=lambda m: m.id,
    )


def _findings(cathode: Material) -> list[str]:
    stack = Stack(
        layers=(
            Layer(PT, 0.3e-6, Role.CURRENT_COLLECTOR),
            Layer(cathode, 1e-6, Role.CATHODE),
            Layer(LIPON, 1e-6, Role.ELECTROLYTE),
            Layer(LI, 10e-6, Role.ANODE),
            Layer(CU, 0.5e-6, Role.CURRENT_COLLECTOR),
        )
    )
    curve = simulate_discharge(stack, InterfaceTable(), 1.0)
    return [f"{f.code}|{f.source}|{f.message}" for f in curve.findings]


@pytest.mark.parametrize("film", _film_cathodes(), ids=lambda m: m.id)
def test_a_film_has_a_measured_diffusivity_or_a_finding_that_names_the_default(film: Material) -> None:
    stored = film.properties.diffusivity_m2_s
    defaults = [f for f in _findings(film) if f.startswith("diffusivity_default|")]
    if stored is not None:
        assert not defaults
        assert stored.source in _library().references
        assert any(method in stored.note for method in MEASUREMENT_METHODS), stored.note
        assert "orientation" in stored.note
    else:
        assert len(defaults) == 1
        _, source, message = defaults[0].split("|", 2)
        assert source in _library().references
        assert "default" in message and "cm²/s used" in message


def test_the_pld_licoo2_film_carries_the_pitt_range_of_pld_films() -> None:
    film = _library().materials["lco_film_pld_104_epitaxial"]
    stored = film.properties.diffusivity_m2_s
    assert stored is not None and stored.source == "mcgraw1999"
    # 6e-12 cm²/s: inside the 1e-12 to 4e-11 cm²/s McGraw et al. measured.
    assert 1e-16 <= stored.value <= 4e-15
