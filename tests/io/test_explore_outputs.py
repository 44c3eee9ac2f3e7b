"""The exploration outputs are the `compute --json` values of the same keys."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cellstack.core.explore.outputs import OUTPUTS, evaluate_design
from cellstack.core.metrics import compute_metrics
from cellstack.io.library import default_library
from cellstack.io.metrics_export import metrics_to_json
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()


def _lookup(data: dict[str, object], key: str) -> object:
    node: object = data
    for part in key.split("."):
        assert isinstance(node, dict)
        node = node[part]
    return node


@pytest.mark.parametrize("example", sorted(examples_dir().glob("*.cellstack")), ids=lambda p: p.stem)
def test_every_output_key_is_a_compute_json_key_with_the_same_value(example: Path) -> None:
    stack = load_project(example, LIBRARY).stack
    data = metrics_to_json(compute_metrics(stack, LIBRARY.interfaces))
    values = evaluate_design(stack, LIBRARY.interfaces, OUTPUTS)
    for key, value in values.items():
        expected = _lookup(data, key)
        if expected is None:
            assert math.isnan(value), key  # NaN where compute --json has null
        else:
            digits = {"np_ratio": 4, "average_voltage_V": 5}.get(key, 6)  # what compute --json keeps
            assert value == pytest.approx(expected, rel=10.0 ** (1 - digits)), key
