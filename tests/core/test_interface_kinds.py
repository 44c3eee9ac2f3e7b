"""Interfaces say what they are: charge transfer (Butler–Volmer) or ohmic (i·R).

The bare Li|garnet contact (1710 Ω·cm², Han et al. 2017) is a constriction at voids: read as a
charge-transfer resistance its loss grows only as asinh of the current, and a 1C discharge of the
garnet example without its Al2O3 interlayer "delivered" its capacity. Read as ohmic it cannot start.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from cellstack.core.discharge import simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceKind
from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.stack import Stack
from cellstack.core.units import FARADAY, GAS_CONSTANT
from cellstack.io.fields import Fields
from cellstack.io.library import Library, default_library, read_interface_default
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir


@cache
def _library() -> Library:
    return default_library()


def _garnet_example() -> Stack:
    return load_project(examples_dir() / "ssb_lco_garnet_li.cellstack", _library()).stack


def _bare_garnet() -> Stack:
    """The garnet example with its ALD Al2O3 interlayer taken out and its pellet made of the
    library's plain LLZO: Li on the garnet as made, the contact Han et al. measured."""
    stack = _garnet_example()
    llzo = _library().materials["llzo"]
    layers = []
    for layer in stack.layers:
        if "Al2O3" in layer.name:
            continue
        layers.append(replace(layer, material=llzo) if layer.role is Role.ELECTROLYTE else layer)
    return replace(stack, layers=tuple(layers))


def test_the_bare_li_garnet_interface_is_ohmic_with_a_finding_that_explains_why() -> None:
    metrics = compute_metrics(_bare_garnet(), _library().interfaces)
    anode_terms = [e for e in metrics.asr if e.kind == "interface" and "Lithium" in e.name]
    assert len(anode_terms) == 1 and anode_terms[0].ohmic_interface
    assert anode_terms[0].ohm_m2 * 1e4 == pytest.approx(1710.0)
    finding = next(f for f in metrics.findings if f.code == "interface_ohmic")
    assert "voids" in finding.message and "constriction" in finding.message
    assert finding.source == "yang2020:255"  # Han et al. 2017, the review's reference [255]


def test_every_bare_li_garnet_value_is_ohmic() -> None:
    library = _library()
    lithium = library.materials["li_metal"]
    for garnet in (m for m in library.materials.values() if m.category == "garnet"):
        value = library.interfaces.lookup(Role.ANODE, lithium, garnet, None)
        assert value is not None and value.kind is InterfaceKind.OHMIC, garnet.id
        assert "voids" in value.kind_note and "constriction" in value.kind_note


def test_with_its_interlayer_the_li_garnet_interface_is_charge_transfer() -> None:
    metrics = compute_metrics(_garnet_example(), _library().interfaces)
    assert not any(e.ohmic_interface for e in metrics.asr)
    assert not any(f.code == "interface_ohmic" for f in metrics.findings)


def test_a_1c_discharge_through_the_bare_li_garnet_contact_cannot_start() -> None:
    curve = simulate_discharge(_bare_garnet(), _library().interfaces, 1.0)
    assert not curve.started
    assert "ohmic" in curve.end_reason
    assert curve.delivered_capacity_C == 0.0


def test_an_ohmic_interface_drops_i_times_r() -> None:
    stack = _bare_garnet()
    metrics = compute_metrics(stack, _library().interfaces)
    term = next(e for e in metrics.asr if e.ohmic_interface)
    curve = simulate_discharge(stack, _library().interfaces, 0.01)
    loss = curve.overpotentials[f"interface: {term.name}"]
    i = curve.current_A / stack.active_area_m2
    assert loss[0] == pytest.approx(i * term.ohm_m2, rel=1e-12)
    assert loss[-1] == pytest.approx(i * term.ohm_m2, rel=1e-12)


def test_the_curve_says_when_charge_transfer_runs_non_linear() -> None:
    stack, interfaces = _garnet_example(), _library().interfaces
    fast = simulate_discharge(stack, interfaces, 1.0)
    slow = simulate_discharge(stack, interfaces, 0.001)
    codes = [f.code for f in fast.findings]
    assert "charge_transfer_nonlinear" in codes
    assert "charge_transfer_nonlinear" not in [f.code for f in slow.findings]
    # The criterion is i·R_ct > 2RT/F: the cathode's 230 Ω·cm² at 1C.
    r_ct = next(e.ohm_m2 for e in compute_metrics(stack, interfaces).asr if "LiCoO2" in e.name)
    i = fast.current_A / stack.active_area_m2
    assert i * r_ct > 2.0 * GAS_CONSTANT * fast.temperature_K / FARADAY


def test_an_interface_default_states_its_kind_or_is_refused() -> None:
    entry = {"id": "x", "side": "anode", "asr": 5.0, "source": "s", "kind": "ohmic", "kind_note": "why"}
    assert read_interface_default(Fields(entry, "default[0]", "f.toml")).kind is InterfaceKind.OHMIC
    with pytest.raises(InputError, match="kind"):
        read_interface_default(Fields({**entry, "kind": "tunnelling"}, "default[0]", "f.toml"))
