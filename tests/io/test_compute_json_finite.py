"""`compute --json` prints RFC 8259 JSON whatever the file: no NaN, no Infinity, no traceback."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cellstack.core.metrics import compute_metrics
from cellstack.io.library import default_library
from cellstack.io.metrics_export import finite_json, json_text, metrics_to_json
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

NMC811 = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
LIBRARY = default_library()


def _refuse(constant: str) -> float:
    raise ValueError(f"{constant} is not JSON (RFC 8259)")


def strict_loads(text: str) -> Any:
    return json.loads(text, parse_constant=_refuse)


def variant(tmp_path: Path, change: Any) -> Path:
    data = json.loads(NMC811.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "variant.cellstack"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def compute_json(path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "cellstack", "compute", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = strict_loads(result.stdout)
    assert isinstance(data, dict)
    return data


def codes(data: dict[str, Any]) -> set[str]:
    return {w["code"] for w in data["warnings"]}


def test_the_smallest_diffusivity_gives_valid_json_and_no_rate_table(tmp_path: Path) -> None:
    def tiny(data: dict[str, Any]) -> None:
        # The smallest value the loader takes in cm²/s: 5e-324 itself rounds to 0 in m²/s and is
        # refused at load; this one loads and leaves a diffusion time no float can hold.
        data["materials"]["nmc811"]["properties"]["diffusivity"]["value"] = 1e-300

    data = compute_json(variant(tmp_path, tiny))
    assert data["valid"] and data["energy_mWh"] > 0
    assert data["rate_capability"] is None  # the stack cannot be discharged: D is not computable


def test_a_zero_active_fraction_gives_valid_json_and_says_why(tmp_path: Path) -> None:
    def empty(data: dict[str, Any]) -> None:
        data["stack"]["layers"][1]["composite"]["active_fraction"] = 0.0

    data = compute_json(variant(tmp_path, empty))
    assert not data["valid"] and "no_cell_capacity" in codes(data)
    assert data["capacity_mAh"] is None and data["energy_mWh"] is None and data["rate_capability"] is None


def test_the_smallest_conductivity_gives_valid_json_and_says_why(tmp_path: Path) -> None:
    def blocking(data: dict[str, Any]) -> None:
        data["materials"]["li6ps5cl"]["properties"]["ionic_conductivity"]["value"] = 5e-324

    data = compute_json(variant(tmp_path, blocking))
    assert not data["valid"] and "blocks_ions" in codes(data)
    assert all(math.isfinite(entry["ohm_cm2"]) for entry in data["asr_breakdown"])


def test_rate_capability_rows_say_why_they_end() -> None:
    reasons = [row["end_reason"] for row in compute_json(NMC811)["rate_capability"]]
    assert len(reasons) == 5 and "cathode fully lithiated" in reasons
    assert all(reason and not reason.startswith("cannot start") for reason in reasons)


def test_a_non_finite_metric_becomes_null_with_an_error_naming_it() -> None:
    metrics = compute_metrics(load_project(NMC811, LIBRARY).stack, LIBRARY.interfaces)
    data = metrics_to_json(replace(metrics, energy_J=math.inf), LIBRARY)
    assert data["energy_mWh"] is None and data["valid"] is False
    error = data["warnings"][-1]
    assert error["code"] == "not_finite" and error["severity"] == "error"
    assert error["message"] == "Not a finite number, so shown as null: energy_mWh."
    strict_loads(json_text(data))


def test_json_text_nulls_what_is_added_after_the_metrics() -> None:
    data = {"valid": True, "rate_capability": [{"energy_mWh": math.nan}], "warnings": []}
    text = json_text(data)
    parsed = strict_loads(text)
    assert parsed["rate_capability"][0]["energy_mWh"] is None and parsed["valid"] is False
    assert "rate_capability[0].energy_mWh" in parsed["warnings"][0]["message"]
    assert data["rate_capability"][0]["energy_mWh"] != data["rate_capability"][0]["energy_mWh"]  # untouched


def test_finite_json_returns_a_clean_object_itself() -> None:
    data = {"valid": True, "x": [1.0, {"y": 2.0}], "warnings": []}
    assert finite_json(data) is data


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_json_text_never_prints_a_non_finite_number(value: float) -> None:
    text = json_text([value, {"a": value}])
    assert strict_loads(text) == [None, {"a": None}]


@pytest.mark.parametrize(
    ("material", "key", "value"),
    [("li6ps5cl", "ionic_conductivity", 5e-324), ("nmc811", "diffusivity", 1e-300)],
)
def test_the_text_summary_never_shows_inf_or_nan(
    tmp_path: Path, material: str, key: str, value: float
) -> None:
    def tiny(data: dict[str, Any]) -> None:
        data["materials"][material]["properties"][key]["value"] = value

    result = subprocess.run(
        [sys.executable, "-m", "cellstack", "compute", str(variant(tmp_path, tiny))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert not re.search(r"\b(inf|infinity|nan)\b", result.stdout, re.IGNORECASE)
