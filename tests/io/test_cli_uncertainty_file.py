"""`compute --samples/--tornado` with the file's own uncertainties (format v3) and the command line's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.io.resources import examples_dir

NMC = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
CATHODE = "stack.layers[1].thickness_um"
SEPARATOR = "stack.layers[2].thickness_um"


def _with_uncertainties(tmp_path: Path, entries: dict[str, object]) -> Path:
    document = json.loads(NMC.read_text(encoding="utf-8"))
    document["uncertainties"] = entries
    path = tmp_path / "uncertain.cellstack"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> dict[str, object]:
    assert main(["compute", str(path), "--json", *extra]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_the_files_uncertainties_propagate_as_the_same_ones_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_uncertainties(tmp_path, {CATHODE: {"sigma": 4.0, "source": "micrometer"}})
    from_file = _json(capsys, path, "--samples", "500", "--seed", "3")
    typed = _json(capsys, NMC, "--samples", "500", "--seed", "3", "--uncertain", f"{CATHODE}=4")
    assert from_file["uncertainty"] == typed["uncertainty"]
    spread = from_file["uncertainty"]["capacity_mAh"]  # type: ignore[index]
    assert set(spread) == {"mean", "std", "p2_5", "p97_5"} and spread["std"] > 0
    assert spread["p2_5"] < spread["mean"] < spread["p97_5"]
    assert from_file["uncertainty_inputs"] == [
        {"input": CATHODE, "sigma": 4.0, "source": "micrometer", "given_in": "file"}
    ]


def test_the_command_line_replaces_the_files_entry_for_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_uncertainties(tmp_path, {CATHODE: {"sigma": 4.0}, SEPARATOR: {"low": 25.0, "high": 35.0}})
    mixed = _json(capsys, path, "--samples", "300", "--uncertain", f"{CATHODE}=1")
    inputs = {entry["input"]: entry for entry in mixed["uncertainty_inputs"]}  # type: ignore[attr-defined]
    assert inputs[CATHODE]["sigma"] == 1.0 and inputs[CATHODE]["given_in"] == "command line"
    assert inputs[SEPARATOR]["given_in"] == "file" and inputs[SEPARATOR]["low"] == 25.0
    typed = _json(
        capsys, NMC, "--samples", "300", "--uncertain", f"{SEPARATOR}=25:35", "--uncertain", f"{CATHODE}=1"
    )
    assert mixed["uncertainty"] == typed["uncertainty"]


def test_the_tornado_ranks_the_files_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _with_uncertainties(tmp_path, {CATHODE: {"sigma": 4.0}, SEPARATOR: {"low": 29.0, "high": 31.0}})
    data = _json(capsys, path, "--tornado", "--samples", "50")
    ranking = data["tornado"]["thickness_um"]  # type: ignore[index]
    # ±4 µm of cathode moves the thickness by 8 µm, the separator's ±0.577 µm by 1.15 µm.
    assert [r["input"] for r in ranking] == [CATHODE, SEPARATOR]
    assert ranking[0]["swing"] == pytest.approx(8.0, rel=1e-9)
    assert ranking[1]["swing"] == pytest.approx(2.0 / 3**0.5, rel=1e-9)


def test_the_text_output_lists_the_inputs_with_their_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_uncertainties(tmp_path, {CATHODE: {"sigma": 4.0, "source": "micrometer, 5 positions"}})
    assert main(["compute", str(path), "--samples", "100"]) == 0
    out = capsys.readouterr().out
    assert f"{CATHODE} ± 4 — micrometer, 5 positions" in out
    assert "Uncertainty (100 samples, seed 0)" in out
    assert "capacity_mAh" in out.split("Uncertainty (")[1]


def test_without_uncertainties_anywhere_the_message_says_where_to_give_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["compute", str(NMC), "--samples", "100"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the file carries no uncertainties" in err and "--uncertain" in err


def test_a_path_typed_twice_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(NMC), "--uncertain", f"{CATHODE}=1", "--uncertain", f"{CATHODE}=2"]) == 2
    assert "different paths" in capsys.readouterr().err
