"""Structural errors and literature warnings from compute_metrics."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import Metrics, Severity, compute_metrics
from cellstack.core.stack import Stack
from tests.core.materials import CU, LCO, LI, LIPON, PT
from tests.core.test_worked_examples import thin_film_stack


def codes(stack: Stack) -> set[str]:
    return {f.code for f in compute_metrics(stack).findings}


def all_numbers_finite(metrics: Metrics) -> bool:
    values = [metrics.cell_capacity_C_m2, metrics.energy_J, metrics.np_ratio, metrics.asr_total_ohm_m2]
    values += [level.mass_kg for level in metrics.levels]
    return all(v is None or math.isfinite(v) for v in values)


def test_the_worked_example_is_valid_without_errors() -> None:
    metrics = compute_metrics(thin_film_stack())
    assert metrics.valid, [f.message for f in metrics.findings]


def test_no_electrolyte_between_electrodes_is_an_error_without_nan() -> None:
    design = thin_film_stack()
    shorted = design.removing(4)  # the LiPON
    metrics = compute_metrics(shorted)
    assert not metrics.valid
    assert "no_electrolyte_between" in {f.code for f in metrics.findings}
    assert metrics.energy_J is None and metrics.cell_capacity_C_m2 is None
    assert all_numbers_finite(metrics)


def test_two_cathodes_and_missing_collector_are_errors() -> None:
    design = thin_film_stack()
    assert "two_cathodes" in codes(design.inserting(3, Layer(LCO, 1 * u.UM, Role.CATHODE)))
    no_cathode_collector = design.removing(2).removing(1)  # drop Pt and Ti
    assert "missing_cathode_collector" in codes(no_cathode_collector)


def test_collector_between_electrodes_is_an_error() -> None:
    design = thin_film_stack().inserting(5, Layer(CU, 0.1 * u.UM, Role.CURRENT_COLLECTOR))
    assert "conductor_between_electrodes" in codes(design)


def test_li_metal_without_collector_is_only_a_note() -> None:
    design = thin_film_stack()
    no_cu = design.removing(6)
    metrics = compute_metrics(no_cu)
    finding = next(f for f in metrics.findings if f.code == "li_metal_as_collector")
    assert finding.severity is Severity.INFO
    assert metrics.valid


def test_anode_free_plates_lithium_from_the_cathode() -> None:
    design = thin_film_stack().removing(5)  # remove the Li anode
    assert "no_anode" in codes(design)
    anode_free = replace(design, plated_anode=LI, first_cycle_loss=0.1)
    metrics = compute_metrics(anode_free)
    assert metrics.valid, [f.message for f in metrics.findings]
    assert metrics.cell_capacity_C_m2 == metrics.cathode_capacity_C_m2 * 0.9
    # 1 mAh/cm² of Li is 4.85 µm (physics-and-data §1.13).
    q = metrics.cell_capacity_C_m2 / u.MAH_PER_CM2
    assert metrics.plated_lithium_m / u.UM == pytest.approx(4.85 * q, rel=0.01)


def test_every_number_is_finite_for_a_stack_of_only_collectors() -> None:
    metrics = compute_metrics(thin_film_stack().with_layers((Layer(PT, 1e-6, Role.CURRENT_COLLECTOR),)))
    assert not metrics.valid
    assert all_numbers_finite(metrics)
    assert {"no_cathode", "no_anode"} <= {f.code for f in metrics.findings}


def test_lipon_is_a_single_bulk_entry_in_the_ledger() -> None:
    metrics = compute_metrics(thin_film_stack())
    bulk = [e for e in metrics.asr if e.kind == "bulk"]
    assert [e.name for e in bulk] == [LIPON.name]
    assert bulk[0].source == "yu1997"
