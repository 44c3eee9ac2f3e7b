"""CSV export: metrics as key/value/unit rows, the layer table, curves; written atomically."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pytest

from cellstack.core.errors import InputError
from cellstack.core.metrics import compute_metrics
from cellstack.io.csv_export import curves_csv, layers_csv, metrics_csv, unit_of, write_csv
from cellstack.io.library import default_library
from cellstack.io.metrics_export import metrics_to_json
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir


@pytest.fixture(scope="module")
def metrics_json() -> dict:  # type: ignore[type-arg]
    library = default_library()
    project = load_project(examples_dir() / "ssb_lco_garnet_li.cellstack")
    return metrics_to_json(compute_metrics(project.stack, library.interfaces), library)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_metrics_rows_carry_key_value_and_unit(metrics_json: dict) -> None:  # type: ignore[type-arg]
    rows = _rows(metrics_csv(metrics_json))
    assert rows[0] == ["key", "value", "unit"]
    table = {key: (value, unit) for key, value, unit in rows[1:]}
    assert float(table["energy_mWh"][0]) == metrics_json["energy_mWh"]
    assert table["energy_mWh"][1] == "mWh"
    assert table["areal_capacity_mAh_cm2"][1] == "mAh/cm2"
    assert table["temperature_C"] == ("25.0", "degC")
    assert table["valid"] == ("true", "")
    assert table["levels.cell_stack.thickness_um"][1] == "um"
    assert table["asr_breakdown[0].ohm_cm2"][1] == "ohm*cm2"
    assert not any(key.startswith("layers") for key in table)  # the layer table has its own file
    assert table["plated_lithium_um"][0] == ""  # None: an empty cell


def test_layer_table_has_one_row_per_layer(metrics_json: dict) -> None:  # type: ignore[type-arg]
    rows = _rows(layers_csv(metrics_json))
    assert rows[0][:3] == ["name", "role", "thickness_um"]
    assert len(rows) == 1 + len(metrics_json["layers"])
    assert [r[0] for r in rows[1:]] == [layer["name"] for layer in metrics_json["layers"]]
    with pytest.raises(InputError):
        layers_csv({"layers": "not a list"})


def test_text_that_a_spreadsheet_would_run_is_neutralised() -> None:
    hostile = {"layers": [{"name": '=HYPERLINK("http://x")', "role": "+cmd", "thickness_um": -1.5}]}
    rows = _rows(layers_csv(hostile))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+cmd", "-1.5"]  # numbers stay numbers


def test_curves_side_by_side_with_exact_numbers() -> None:
    x = np.linspace(0.0, 1.0, 4)
    text = curves_csv({"soc": x, "voltage_V": np.array([3.0, math.nan, math.inf, 1 / 3]), "n": np.arange(4)})
    rows = _rows(text)
    assert rows[0] == ["soc", "voltage_V", "n"]
    assert [float(r[0]) for r in rows[1:]] == list(x)  # round-trips exactly
    assert [r[1] for r in rows[1:]] == ["3.0", "", "inf", repr(1 / 3)]
    assert [r[2] for r in rows[1:]] == ["0", "1", "2", "3"]
    assert curves_csv({}) == "\n"
    with pytest.raises(InputError):
        curves_csv({"a": [1, 2], "b": [1]})
    with pytest.raises(InputError):
        curves_csv({"a": np.zeros((2, 2))})


def test_unit_of_reads_the_key_suffix() -> None:
    assert unit_of("specific_energy_Wh_kg") == "Wh/kg"
    assert unit_of("levels.full_stack.volume_cm3") == "cm3"
    assert unit_of("np_ratio") == ""


def test_write_csv_is_atomic_and_utf8(tmp_path: Path, metrics_json: dict) -> None:  # type: ignore[type-arg]
    target = tmp_path / "metrics.csv"
    write_csv(target, metrics_csv(metrics_json))
    write_csv(target, metrics_csv(metrics_json))
    assert target.read_text(encoding="utf-8") == metrics_csv(metrics_json)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metrics.csv"]
