"""`compute --json` of a file, and one of its values by dotted key, for tests that compare with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cellstack.cli import main


def computed(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["compute", str(path), "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def json_at(data: dict[str, object], key: str) -> object:
    node: object = data
    for part in key.split("."):
        assert isinstance(node, dict)
        node = node[part]
    return node


def json_number(data: dict[str, object], key: str) -> float:
    value = json_at(data, key)
    assert isinstance(value, int | float)
    return float(value)
