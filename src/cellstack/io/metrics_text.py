"""The human-readable summary printed by `cellstack compute`."""

from __future__ import annotations

from typing import Any

from cellstack.core.cell import CellMetrics
from cellstack.core.metrics import Level, Metrics
from cellstack.io.library import Library
from cellstack.io.metrics_export import LEVEL_LABELS, cell_to_json, metrics_to_json, with_cell

CELL_LEVEL_LABELS = {
    "electrode_pair": "electrode pair",
    "repeat_unit": "repeat unit",
    "cell": "cell",
    "cell_with_fixture": "with fixture",
}


def _fmt(value: float | None, unit: str, digits: int = 4) -> str:
    if value is None:
        return "n/a"
    text = f"{value:.{digits}g}"
    return f"{text} {unit}".rstrip()


def format_metrics(title: str, metrics: Metrics, library: Library, cell: CellMetrics | None = None) -> str:
    data: dict[str, Any] = metrics_to_json(metrics, library)
    level_name = "full stack"
    if cell is not None:
        data = with_cell(data, cell)
        level_name = "cell" if cell.format != "planar" else level_name
    lines = [title, "=" * len(title), ""]
    state = "valid" if data["valid"] else "NOT VALID (see errors below)"
    lines.append(
        f"Stack: {state}; active area {_fmt(data['area_cm2'], 'cm²')}, footprint "
        f"{_fmt(data['footprint_area_cm2'], 'cm²')}, {_fmt(data['temperature_C'], '°C')}"
    )
    lines.append("")
    definition = {
        "ocv_integral": "OCV integral over the usable windows",
        "average_voltage": "material average voltages",
    }.get(data["voltage_definition"] or "", "")
    rows = [
        (
            "Capacity",
            _fmt(data["capacity_mAh"], "mAh") + f"  ({_fmt(data['areal_capacity_mAh_cm2'], 'mAh/cm²')})",
        ),
        (
            "Cathode / anode",
            _fmt(data["cathode_areal_capacity_mAh_cm2"], "mAh/cm²")
            + " / "
            + _fmt(data["anode_areal_capacity_mAh_cm2"], "mAh/cm²"),
        ),
        ("N/P ratio", _fmt(data["np_ratio"], "", 3)),
    ]
    if data["lithium_excess_um"] is not None:
        rows.append(("Li metal excess", _fmt(data["lithium_excess_um"], "µm", 3)))
    if data["plated_lithium_um"] is not None:
        rows.append(("Plated Li (charged)", _fmt(data["plated_lithium_um"], "µm", 3)))
    rows += [
        (
            "Average voltage",
            _fmt(data["average_voltage_V"], "V", 4) + (f"  ({definition})" if definition else ""),
        ),
        ("Energy", _fmt(data["energy_mWh"], "mWh")),
        ("Specific energy", _fmt(data["specific_energy_Wh_kg"], "Wh/kg") + f"  ({level_name})"),
        ("Energy density", _fmt(data["energy_density_Wh_L"], "Wh/L") + f"  ({level_name})"),
        (
            "Mass / thickness",
            _fmt(data["mass_g"] * 1e3 if data["mass_g"] is not None else None, "mg")
            + " / "
            + _fmt(data["thickness_um"], "µm"),
        ),
        ("ASR total", _fmt(data["asr_ohm_cm2"], "Ω·cm²")),
        (
            "Max power (V²/4R)",
            _fmt(data["max_power_mW"], "mW") + f"  ({_fmt(data['specific_power_W_kg'], 'W/kg')}, full stack)",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    lines += [f"  {label:<{width}}  {value}" for label, value in rows]

    lines += ["", "Energy by level:"]
    for level in Level:
        entry = data["levels"][level.value]
        lines.append(
            f"  {_fmt(entry['specific_energy_Wh_kg'], 'Wh/kg'):>12}  "
            f"{_fmt(entry['energy_density_Wh_L'], 'Wh/L'):>12}  {LEVEL_LABELS[level]}"
        )

    if cell is not None:
        lines += cell_lines(cell)

    lines += [
        "",
        "Layers (bottom to top):",
        f"  {'#':>2}  {'layer':<40} {'role':<18} {'thickness':>12} {'mass':>14} {'capacity':>16}",
    ]
    for i, row in enumerate(data["layers"]):
        capacity = (
            _fmt(row["areal_capacity_mAh_cm2"], "mAh/cm²")
            if row["areal_capacity_mAh_cm2"] is not None
            else ""
        )
        lines.append(
            f"  {i:>2}  {_cut(row['name'], 40):<40} {row['role']:<18} "
            f"{_fmt(row['thickness_um'], 'µm'):>12} {_fmt(row['mass_mg_cm2'], 'mg/cm²'):>14} "
            f"{capacity:>16}"
        )

    lines += ["", "Area-specific resistance:"]
    for entry in data["asr_breakdown"]:
        estimate = " (estimate)" if entry["quality"] == "estimate" else ""
        lines.append(f"  {_fmt(entry['ohm_cm2'], 'Ω·cm²'):>14}  {entry['name']}{estimate}")
        lines.append(f"  {'':>14}    {entry['detail']} [{entry['source']}]")

    if data["warnings"]:
        lines += ["", "Findings:"]
        for w in data["warnings"]:
            source = f" [{w['source']}]" if w["source"] else ""
            lines.append(f"  {w['severity'].upper():<7} {w['message']}{source}")

    cited = sorted(
        {e["source"] for e in data["asr_breakdown"] if e["source"]}
        | {w["source"] for w in data["warnings"] if w["source"]}
    )
    if cited:
        lines += ["", "References:"]
        lines += [f"  [{key}] {library.reference_text(key)}" for key in cited]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, a cut one ending in "…"."""
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_lines(cell: CellMetrics) -> list[str]:
    """The cell section: its levels side by side and what the cell is made of."""
    data = cell_to_json(cell)
    lines = [
        "",
        f"Cell: {data['format'].replace('_', ' ')}, {data['units']} unit(s); "
        f"{_fmt(data['capacity_Ah'], 'Ah')}, {_fmt(data['energy_Wh'], 'Wh')}",
    ]
    if data["stack_pressure_MPa"]:
        lines.append(f"  stack pressure held by the fixture: {_fmt(data['stack_pressure_MPa'], 'MPa')}")
    levels = data["levels"]
    header = "".join(f"{CELL_LEVEL_LABELS[key]:>16}" for key in levels)
    lines.append(f"  {'':<18}{header}")
    for label, key, unit in (
        ("mass", "mass_g", "g"),
        ("volume", "volume_cm3", "cm³"),
        ("thickness", "thickness_mm", "mm"),
        ("specific energy", "specific_energy_Wh_kg", "Wh/kg"),
        ("energy density", "energy_density_Wh_L", "Wh/L"),
    ):
        cells = "".join(f"{_fmt(v.get(key), unit):>16}" for v in levels.values())
        lines.append(f"  {label:<18}{cells}")
    lines += ["", "Cell breakdown (at the cell level):", f"  {'component':<40} {'mass':>12} {'volume':>14}"]
    for part in data["breakdown"]:
        mass, volume = _fmt(part["mass_g"], "g"), _fmt(part["volume_cm3"], "cm³")
        lines.append(f"  {_cut(part['component'], 40):<40} {mass:>12} {volume:>14}")
    lines += [f"  Note: {note}" for note in data["notes"]]
    return lines
