"""Average discharge voltage: OCV integral over the usable windows, or material averages."""

from __future__ import annotations

import math

from cellstack.core.material import Material
from cellstack.core.metrics.results import EnergyDefinition, Finding, Severity, VoltageResult
from cellstack.core.metrics.window import CathodeWindow
from cellstack.core.ocp import OcpCurve


def average_voltage(
    cathode: Material,
    anode: Material,
    cell_capacity_C_m2: float,
    cathode_theoretical_C_m2: float | None,
    anode_theoretical_C_m2: float | None,
    definition: EnergyDefinition,
    cathode_window: CathodeWindow | None = None,
) -> tuple[VoltageResult | None, list[Finding]]:
    """The cell's average open-circuit voltage; None, with an error finding, where it cannot be
    computed or is not above zero (a cell that would need energy to discharge stores none).

    ``cathode_window`` (window.py) anchors the cathode's window at its discharged end and names
    the cut-offs it lies between; without one the window ends at the curve's lithiated limit."""
    findings: list[Finding] = []
    p_curve, n_curve = cathode.ocp_curve(), anode.ocp_curve()
    spans = _spans(cell_capacity_C_m2, cathode_theoretical_C_m2, anode_theoretical_C_m2)
    can_integrate = p_curve is not None and n_curve is not None and spans is not None
    if definition is EnergyDefinition.OCV_INTEGRAL and not can_integrate:
        findings.append(
            Finding(
                "no_ocp_curve",
                Severity.WARNING,
                "The OCV integral needs an OCP curve and a theoretical capacity for both "
                "electrodes; material average voltages are used instead.",
            )
        )
    result: VoltageResult | None
    if definition is not EnergyDefinition.AVERAGE_VOLTAGE and can_integrate:
        assert p_curve is not None and n_curve is not None and spans is not None
        result = _integrated(p_curve, n_curve, spans, cathode_window, findings)
    else:
        result = _from_averages(cathode, anode, findings)
    if result is not None and not result.average_V > 0.0:
        findings.append(
            Finding(
                "cell_voltage_not_positive",
                Severity.ERROR,
                f"The cell voltage would be {result.average_V:.2f} V: the cathode ({cathode.name}) does "
                f"not sit above the anode ({anode.name}) in potential, so the stack stores no energy "
                "as drawn; check the electrode materials and their roles.",
            )
        )
        return None, findings
    return result, findings


def _spans(capacity: float, *theoretical: float | None) -> tuple[float, ...] | None:
    """The stoichiometry span each electrode's window takes; None where one cannot be computed (no
    theoretical capacity, or one so small that the span overflows)."""
    spans = []
    for q in theoretical:
        if q is None or not q > 0.0 or not math.isfinite(capacity / q):
            return None
        spans.append(capacity / q)
    return tuple(spans)


def _integrated(
    p_curve: OcpCurve,
    n_curve: OcpCurve,
    spans: tuple[float, ...],
    window: CathodeWindow | None,
    findings: list[Finding],
) -> VoltageResult:
    # The mean of U_p - U_n along linear stoichiometry paths is the difference of the means.
    span_p, span_n = spans
    p_end = window.discharged_theta if window is not None else p_curve.lithiated_limit
    for curve, span, end in ((p_curve, span_p, p_end), (n_curve, span_n, n_curve.lithiated_limit)):
        if span > end - curve.theta_min + 1e-9:
            findings.append(
                Finding(
                    "window_beyond_fit",
                    Severity.WARNING,
                    f"The capacity used needs {span:.3g} of the host's stoichiometry, more than "
                    f"the {curve.name} fit covers ({end - curve.theta_min:.2f}); the voltage "
                    "averages only the covered part.",
                    curve.source,
                )
            )
    mean_p = p_curve.mean_below_one(p_end, span_p)
    mean_n = n_curve.mean_below_one(n_curve.lithiated_limit, span_n)
    charged_p = p_end - min(span_p, p_end - p_curve.theta_min)
    limits = f" between {window.limits.describe()}" if window is not None else ""
    return VoltageResult(
        average_V=mean_p - mean_n,
        definition=EnergyDefinition.OCV_INTEGRAL,
        cathode_window=(p_end, charged_p),
        anode_window=(
            n_curve.lithiated_limit - min(span_n, n_curve.usable_span),
            n_curve.lithiated_limit,
        ),
        source=f"{p_curve.source}; {n_curve.source}",
        window=f"{p_curve.name}: θ = {charged_p:.3f}–{p_end:.3f}{limits}",
    )


def _from_averages(cathode: Material, anode: Material, findings: list[Finding]) -> VoltageResult | None:
    v_p = cathode.properties.voltage_average_V
    v_n = anode.properties.voltage_average_V
    if v_p is None or v_n is None:
        missing = cathode if v_p is None else anode
        findings.append(
            Finding(
                "no_average_voltage",
                Severity.ERROR,
                f"{missing.name} has neither an OCP curve nor an average voltage, so the cell "
                "voltage and energy cannot be computed.",
            )
        )
        return None
    findings.append(
        Finding(
            "voltage_from_averages",
            Severity.INFO,
            f"Cell voltage from material average voltages ({v_p.value:.2f} V - "
            f"{v_n.value:.2f} V), not from OCP curves.",
            v_p.source,
        )
    )
    return VoltageResult(
        average_V=v_p.value - v_n.value,
        definition=EnergyDefinition.AVERAGE_VOLTAGE,
        cathode_window=None,
        anode_window=None,
        source=v_p.source if v_p.source == v_n.source else f"{v_p.source}; {v_n.source}",
    )
