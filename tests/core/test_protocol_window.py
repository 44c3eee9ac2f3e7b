"""Protocol steps share the metrics' usable window: a charge, constant current or held, stops at
its charged end, a discharge at its discharged end, and the end reason says so.

A hold used to stop only at its current limit or where a surface reached the end of its host, so a
cathode rated at a practical capacity its window's charged end holds below the hold voltage took
up more than the rated capacity (the thin-film example: 104.5 % held at 4.2 V).
"""

from __future__ import annotations

import pytest

from cellstack.core.discharge.protocol import ProtocolResult, run_protocol
from cellstack.core.discharge.protocol_steps import parse_steps
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.stack import Stack
from tests.core.window_cases import every_cell, example_stacks, library

CASES = every_cell()
IDS = [name for name, _, _ in CASES]
THIN_FILM = dict(example_stacks())["thin_film_licoo2_lipon_li.cellstack"]
AT_MOST = 1.005  # of the rated capacity: the end of a hold is interpolated between two steps
AT_LEAST = 0.99  # at 0.001 C diffusion and kinetics cost well under 1 %


def _shares(stack: Stack, interfaces: InterfaceTable, *steps: str) -> tuple[ProtocolResult, list[float]]:
    result = run_protocol(stack, interfaces, parse_steps(list(steps)))
    return result, [s.delivered_capacity_C / result.rated_capacity_C for s in result.steps]


@pytest.mark.parametrize(("name", "stack", "interfaces"), CASES, ids=IDS)
def test_a_cc_cv_charge_to_the_upper_cut_off_never_takes_up_more_than_the_rated_capacity(
    name: str, stack: Stack, interfaces: InterfaceTable
) -> None:
    _, (charged,) = _shares(stack, interfaces, "charge 0.5C, hold until C/20")
    assert charged <= AT_MOST, name


@pytest.mark.parametrize(("name", "stack", "interfaces"), CASES, ids=IDS)
def test_a_discharge_held_at_the_lower_cut_off_never_gives_out_more_than_the_rated_capacity(
    name: str, stack: Stack, interfaces: InterfaceTable
) -> None:
    _, (discharged,) = _shares(stack, interfaces, "discharge 0.5C, hold until C/1000")
    assert discharged <= AT_MOST, name


@pytest.mark.parametrize(("name", "stack", "interfaces"), CASES, ids=IDS)
def test_a_near_equilibrium_charge_and_discharge_both_reach_the_rated_capacity(
    name: str, stack: Stack, interfaces: InterfaceTable
) -> None:
    # The discharge starts from the state the charge leaves: the numerical solver's window is the
    # closed form's.
    _, (charged, discharged) = _shares(stack, interfaces, "charge 0.001C", "discharge 0.001C")
    assert AT_LEAST <= charged <= AT_MOST, name
    assert AT_LEAST <= discharged <= AT_MOST, name


@pytest.mark.parametrize(("name", "stack", "interfaces"), CASES, ids=IDS)
def test_a_slow_discharge_after_a_held_charge_gives_back_the_rated_capacity(
    name: str, stack: Stack, interfaces: InterfaceTable
) -> None:
    # At 0.002 C: LiFePO4's charge ends where its surface reaches the end of its fit, with no hold,
    # its average short of the window's end by the diffusion lead (0.3 %).
    steps = ("charge 0.002C, hold until C/1000", "discharge 0.001C")
    _, (charged, discharged) = _shares(stack, interfaces, *steps)
    assert charged <= AT_MOST, name
    assert AT_LEAST <= discharged <= AT_MOST, name


def test_the_thin_film_hold_at_4_2_v_stops_at_the_charged_end_of_its_window() -> None:
    result, (charged,) = _shares(THIN_FILM, library().interfaces, "charge 0.5C to 4.2V, hold until C/20")
    assert result.steps[0].end_reason == "cathode fully delithiated (rated window)"
    assert AT_LEAST <= charged <= AT_MOST


def test_constant_current_steps_name_the_window_they_reach() -> None:
    result, shares = _shares(THIN_FILM, library().interfaces, "charge 0.001C", "discharge 0.001C")
    charge, discharge = result.steps
    assert charge.end_reason == "cathode fully delithiated (rated window)"
    assert discharge.end_reason == "cathode fully lithiated (rated window)"
    assert shares == pytest.approx([1.0, 1.0], abs=1e-3)


def test_a_charge_after_the_window_is_full_cannot_start() -> None:
    result, shares = _shares(THIN_FILM, library().interfaces, "charge 0.5C, hold until C/20", "charge 0.1C")
    assert result.steps[1].end_reason == "cannot start: cathode fully delithiated (rated window) already"
    assert shares[1] == 0.0
