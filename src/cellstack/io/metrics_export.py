"""Metrics in the units people read: the `compute --json` object and the text summary.

Every key is defined in docs/cli.md. Densities are at the full-stack level (every layer, the
footprint area, extra masses) unless a key names another level; with_cell adds the `cell`
object and makes the top-level densities the cell level's.

The object is RFC 8259 JSON, which has no NaN or Infinity. The core never reports a non-finite
number, and this module does not trust that: every object it builds passes ``finite_json``, which
turns a non-finite number into null with an error naming its key, and ``json_text`` writes with
``allow_nan=False``, so a number that slipped past both fails loudly rather than print as Infinity.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from cellstack.core import units as u
from cellstack.core.cell import CellLevel, CellLevelMetrics, CellMetrics
from cellstack.core.metrics import Finding, Level, LevelMetrics, Metrics
from cellstack.io.library import Library

if TYPE_CHECKING:  # the discharge model is imported only by those who simulate
    from cellstack.core.discharge import RateCapability


def _r(value: float | None, digits: int = 6) -> float | None:
    if value is None:
        return None
    return float(f"{value:.{digits}g}")


def _level_json(level: LevelMetrics) -> dict[str, Any]:
    return {
        "mass_g": _r(level.mass_kg * 1e3),
        "thickness_um": _r(level.thickness_m / u.UM),
        "volume_cm3": _r(level.volume_m3 * 1e6),
        "specific_energy_Wh_kg": _r(
            level.specific_energy_J_kg / u.WH_PER_KG if level.specific_energy_J_kg is not None else None
        ),
        "energy_density_Wh_L": _r(
            level.energy_density_J_m3 / u.WH_PER_L if level.energy_density_J_m3 is not None else None
        ),
    }


def json_text(data: object) -> str:
    """The text `compute --json` prints: ``data`` as indented UTF-8 JSON, non-finite numbers
    turned into null with the reason in its `warnings` (finite_json)."""
    data = finite_json(data) if isinstance(data, dict) else _finite(data, "")[0]
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def finite_json(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every non-finite number replaced by null; where there was one, `valid` is
    false and an error in `warnings` (code ``not_finite``) names the keys. ``data`` itself is
    left as it was."""
    cleaned, keys = _finite(data, "")
    if not keys:
        return data
    assert isinstance(cleaned, dict)
    if "valid" in cleaned:
        cleaned["valid"] = False
    cleaned.setdefault("warnings", []).append(
        {
            "code": "not_finite",
            "severity": "error",
            "message": f"Not a finite number, so shown as null: {', '.join(keys)}.",
            "source": "",
            "reference": "",
            "layer_index": None,
        }
    )
    return cleaned


def _finite(value: object, path: str) -> tuple[object, list[str]]:
    """``value`` with non-finite floats as None, and the paths of those."""
    if isinstance(value, float):
        return (value, []) if math.isfinite(value) else (None, [path])
    if isinstance(value, dict):
        keys: list[str] = []
        cleaned: dict[str, Any] = {}
        for key, item in value.items():
            cleaned[key], bad = _finite(item, f"{path}.{key}" if path else str(key))
            keys += bad
        return (cleaned, keys) if keys else (value, [])
    if isinstance(value, list):
        keys = []
        items = []
        for index, item in enumerate(value):
            new, bad = _finite(item, f"{path}[{index}]")
            items.append(new)
            keys += bad
        return (items, keys) if keys else (value, [])
    return value, []


def metrics_to_json(metrics: Metrics, library: Library | None = None) -> dict[str, Any]:
    full = metrics.full_stack
    area_cm2 = metrics.active_area_m2 / u.CM2
    asr_total = metrics.asr_total_ohm_m2
    capacity = metrics.capacity_C
    energy = metrics.energy_J
    power = metrics.max_power_W

    def ref(key: str) -> str:
        return library.reference_text(key) if library is not None and key else ""

    return finite_json(
        {
            "valid": metrics.valid,
            "area_cm2": _r(area_cm2),
            "footprint_area_cm2": _r(metrics.footprint_area_m2 / u.CM2),
            "temperature_C": _r(u.kelvin_to_celsius(metrics.temperature_K)),
            "capacity_mAh": _r(capacity / u.MAH if capacity is not None else None),
            "areal_capacity_mAh_cm2": _r(
                metrics.cell_capacity_C_m2 / u.MAH_PER_CM2 if metrics.cell_capacity_C_m2 is not None else None
            ),
            "cathode_areal_capacity_mAh_cm2": _r(
                metrics.cathode_capacity_C_m2 / u.MAH_PER_CM2
                if metrics.cathode_capacity_C_m2 is not None
                else None
            ),
            "anode_areal_capacity_mAh_cm2": _r(
                metrics.anode_capacity_C_m2 / u.MAH_PER_CM2
                if metrics.anode_capacity_C_m2 is not None
                else None
            ),
            "np_ratio": _r(metrics.np_ratio, 4),
            "lithium_excess_um": _r(
                metrics.lithium_excess_m / u.UM if metrics.lithium_excess_m is not None else None
            ),
            "plated_lithium_um": _r(
                metrics.plated_lithium_m / u.UM if metrics.plated_lithium_m is not None else None
            ),
            "average_voltage_V": _r(metrics.average_voltage_V, 5),
            "voltage_definition": metrics.voltage.definition.value if metrics.voltage else None,
            "energy_mWh": _r(energy / u.MWH if energy is not None else None),
            "specific_energy_Wh_kg": _level_json(full)["specific_energy_Wh_kg"],
            "energy_density_Wh_L": _level_json(full)["energy_density_Wh_L"],
            "mass_g": _r(full.mass_kg * 1e3),
            "thickness_um": _r(full.thickness_m / u.UM),
            "levels": {level.level.value: _level_json(level) for level in metrics.levels},
            "asr_ohm_cm2": _r(asr_total / u.OHM_CM2 if asr_total is not None else None),
            "asr_breakdown": [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "ohm_cm2": _r(e.ohm_m2 / u.OHM_CM2),
                    "quality": e.quality.value,
                    "detail": e.detail,
                    "source": e.source,
                    "reference": ref(e.source),
                }
                for e in metrics.asr
            ],
            "max_power_mW": _r(power * 1e3 if power is not None else None),
            "specific_power_W_kg": _r(power / full.mass_kg if power is not None and full.mass_kg else None),
            "layers": [
                {
                    "name": row.name,
                    "role": row.role.value,
                    "thickness_um": _r(row.thickness_m / u.UM),
                    "area_cm2": _r(row.area_m2 / u.CM2),
                    "mass_mg_cm2": _r(
                        row.mass_per_area_kg_m2 / u.MG_PER_CM2
                        if row.mass_per_area_kg_m2 is not None
                        else None
                    ),
                    "mass_mg": _r(row.mass_kg * 1e6 if row.mass_kg is not None else None),
                    "areal_capacity_mAh_cm2": _r(
                        row.areal_capacity_C_m2 / u.MAH_PER_CM2
                        if row.areal_capacity_C_m2 is not None
                        else None
                    ),
                }
                for row in metrics.layers
            ],
            "warnings": [finding_to_json(f, library) for f in metrics.findings],
        }
    )


def finding_to_json(finding: Finding, library: Library | None = None) -> dict[str, Any]:
    """One entry of the `warnings` list of `compute --json`."""
    source = finding.source
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "source": source,
        "reference": library.reference_text(source) if library is not None and source else "",
        "layer_index": finding.layer_index,
    }


def rate_capability_to_json(rates: RateCapability) -> list[dict[str, Any]]:
    """The `rate_capability` list of `compute --json`: one entry per C-rate, with why it ended
    (a discharge that cannot start delivers 0 and says why)."""
    return [
        {
            "c_rate": _r(float(c)),
            "capacity_mAh": _r(float(q) / u.MAH),
            "energy_mWh": _r(float(e) / u.MWH),
            "end_reason": reason,
        }
        for c, q, e, reason in zip(
            rates.c_rate, rates.capacity_C, rates.energy_J, rates.end_reasons, strict=True
        )
    ]


LEVEL_LABELS = {
    Level.ELECTRODE_PAIR: "electrode pair (electrodes, electrolyte, buffers; active area)",
    Level.CELL_STACK: "cell stack (+ current collectors; active area)",
    Level.FULL_STACK: "full stack (every layer, footprint area, extra mass)",
}


def _cell_level_json(level: CellLevelMetrics) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "mass_g": _r(level.mass_kg * 1e3),
        "volume_cm3": _r(level.volume_m3 * 1e6),
        "specific_energy_Wh_kg": _r(
            level.specific_energy_J_kg / u.WH_PER_KG if level.specific_energy_J_kg is not None else None
        ),
        "energy_density_Wh_L": _r(
            level.energy_density_J_m3 / u.WH_PER_L if level.energy_density_J_m3 is not None else None
        ),
    }
    if level.thickness_m is not None:
        entry["thickness_mm"] = _r(level.thickness_m * 1e3)
    return entry


def cell_to_json(cell: CellMetrics) -> dict[str, Any]:
    """The `cell` object of `compute --json` (docs/cli.md): the cell's levels and its breakdown."""
    return {
        "format": cell.format,
        "units": cell.units,
        "capacity_Ah": _r(cell.capacity_C / 3600.0 if cell.capacity_C is not None else None),
        "energy_Wh": _r(cell.energy_J / 3600.0 if cell.energy_J is not None else None),
        "average_voltage_V": _r(cell.voltage_V, 5),
        "stack_pressure_MPa": _r(
            cell.stack_pressure_Pa / 1e6 if cell.stack_pressure_Pa is not None else None
        ),
        "levels": {level.level.value: _cell_level_json(level) for level in cell.levels},
        "breakdown": [
            {
                "component": part.name,
                "mass_g": _r(part.mass_kg * 1e3 if part.mass_kg is not None else None),
                "volume_cm3": _r(part.volume_m3 * 1e6 if part.volume_m3 is not None else None),
            }
            for part in cell.breakdown
        ],
        "notes": list(cell.notes),
    }


def with_cell(data: dict[str, Any], cell: CellMetrics) -> dict[str, Any]:
    """``data`` (metrics_to_json) with the `cell` object; the top-level specific energy and
    energy density then report the cell level (for a planar cell: the full stack's, as before)."""
    result = dict(data)
    cell_json = cell_to_json(cell)
    result["cell"] = cell_json
    level = cell_json["levels"][CellLevel.CELL.value]
    result["specific_energy_Wh_kg"] = level["specific_energy_Wh_kg"]
    result["energy_density_Wh_L"] = level["energy_density_Wh_L"]
    return finite_json(result)
