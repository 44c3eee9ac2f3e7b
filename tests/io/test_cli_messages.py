"""What a newcomer meets on the command line: one clear line per mistake, and nothing lost.

Reproducers of the command-line findings of issue 11: the project replaced by its own CSV,
raw `[Errno …]` messages, `--c-rates 0.1,,1` accepted, a cut-off above the start voltage
reported as a 0 mAh run, -100 °C refused, and names cut without an ellipsis.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.io.library import default_library
from cellstack.io.resources import examples_dir

THIN_FILM = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def one_error_line(code: int, err: str) -> str:
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("cellstack: ") and "Traceback" not in err
    return err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "P.cellstack"
    copy.write_bytes(THIN_FILM.read_bytes())
    return copy


def test_the_csv_never_replaces_the_project_it_was_computed_from(project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    link = tmp_path / "link.cellstack"
    link.symlink_to(project)
    hard = tmp_path / "hard.cellstack"
    os.link(project, hard)
    for target in (project, link, hard, tmp_path / "." / "P.cellstack"):
        code, out, err = run("discharge", str(project), "--c-rate", "1", "--csv", str(target))
        assert "--csv" in one_error_line(code, err) and "a path other than the project file" in err
        assert out == ""
    assert project.read_bytes() == before


def test_the_report_never_replaces_the_project_through_a_hard_link(project: Path, tmp_path: Path) -> None:
    hard = tmp_path / "hard.pdf"
    os.link(project, hard)
    before = project.read_bytes()
    code, _, err = run("report", str(project), "-o", str(hard))
    assert "--output" in one_error_line(code, err)
    assert project.read_bytes() == before


def test_the_csv_is_written_all_or_nothing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "curve.csv"
    out.write_text("the earlier curve\n", encoding="utf-8")

    def no_space(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    code, _, err = run("discharge", str(project), "--c-rate", "1", "--csv", str(out))
    assert "No space left on device" in one_error_line(code, err) and str(out) in err
    assert out.read_text(encoding="utf-8") == "the earlier curve\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P.cellstack", "curve.csv"]
    monkeypatch.undo()
    assert run("discharge", str(project), "--c-rate", "1", "--csv", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("time_s,capacity_mAh,voltage_V\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P.cellstack", "curve.csv"]


@pytest.mark.parametrize(
    ("where", "reasons"),
    [
        ("no/such/folder/curve.csv", ("No such file or directory",)),
        (".", ("Is a directory", "not a regular file")),
    ],
)
def test_csv_errors_name_the_path_and_the_reason_without_errno(
    project: Path, tmp_path: Path, where: str, reasons: tuple[str, ...]
) -> None:
    target = tmp_path / where
    code, _, err = run("discharge", str(project), "--c-rate", "1", "--csv", str(target))
    assert str(target.resolve()) in one_error_line(code, err) or str(target) in err
    assert "[Errno" not in err
    assert any(reason in err for reason in reasons), err


def test_a_missing_project_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.cellstack"
    for command in (["compute"], ["discharge", "--c-rate", "1"], ["report", "-o", str(tmp_path / "x.pdf")]):
        code, _, err = run(command[0], str(missing), *command[1:])
        assert f"{missing}: no such file; expected a CellStack project file" in one_error_line(code, err)


@pytest.mark.parametrize("name", ["a\x00b.cellstack", "n" * 5000 + ".cellstack"])
def test_an_impossible_path_is_bad_input_not_a_fault(name: str, project: Path) -> None:
    code, _, err = run("compute", name)
    assert "is not a usable path" in one_error_line(code, err) and len(err) < 500
    code, _, err = run("discharge", str(project), "--c-rate", "1", "--csv", name)
    assert "--csv" in one_error_line(code, err) or "Could not save" in err


def test_a_text_file_is_said_not_to_be_a_project_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my cell ideas\n", encoding="utf-8")
    other = tmp_path / "data.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    for path in (notes, other):
        code, _, err = run("compute", str(path))
        assert f"{path}: not a CellStack project file" in one_error_line(code, err)
    code, _, err = run("compute", str(tmp_path))
    assert "is a folder; expected a CellStack project file" in one_error_line(code, err)


def test_a_damaged_project_file_keeps_its_detailed_message(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cellstack"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run("compute", str(broken))
    assert "(syntax)" in one_error_line(code, err) and "valid JSON" in err


@pytest.mark.parametrize(
    ("rates", "named"),
    [
        ("0.1,,1", "'0.1,,1'"),
        (",1", "item 1 is empty"),
        ("1,", "item 2 is empty"),
        ("0.1,nan", "'nan'"),
        ("inf", "'inf'"),
        ("1,-2", "'-2'"),
        ("0,1", "'0'"),
        ("1,fast", "'fast'"),
    ],
)
def test_every_c_rate_item_must_be_a_positive_number(rates: str, named: str, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run("report", str(THIN_FILM), "-o", str(out), "--c-rates", rates)
    assert "--c-rates" in one_error_line(code, err) and named in err
    assert not out.exists()


def test_a_cutoff_the_start_voltage_already_reaches_is_refused_with_that_voltage() -> None:
    code, out, err = run("discharge", str(THIN_FILM), "--c-rate", "1", "--cutoff", "5")
    assert "--cutoff = 5 is not allowed" in one_error_line(code, err)
    assert "open-circuit voltage at the start of the discharge, 4.1" in err and out == ""
    code, _, err = run("discharge", str(THIN_FILM), "--c-rate", "1", "--cutoff", "2", "--charge")
    assert "open-circuit voltage at the start of the charge" in one_error_line(code, err)


def test_a_run_that_cannot_start_under_load_says_why() -> None:
    # Between the loaded and the open-circuit start voltage: the ohmic drop alone reaches it.
    code, out, err = run("discharge", str(THIN_FILM), "--c-rate", "5", "--cutoff", "4.15")
    assert code == 0, err
    assert "delivered capacity  0 mAh" in out
    end_reason = next(line for line in out.splitlines() if "end reason" in line)
    # A bare "cut-off voltage" would leave a 0 mAh result unexplained.
    assert "cut-off voltage" not in end_reason or "Note: under load the voltage starts at" in out


@pytest.mark.parametrize("celsius", ["-100", "400", "-100.0", "25"])
def test_the_documented_temperature_limits_are_accepted(celsius: str) -> None:
    code, out, err = run("compute", str(THIN_FILM), "--json", "--temperature", celsius)
    assert code == 0, err
    assert json.loads(out)["temperature_C"] == pytest.approx(float(celsius), abs=1e-9)
    assert run("discharge", str(THIN_FILM), "--c-rate", "1", "--temperature", celsius)[0] == 0


@pytest.mark.parametrize("celsius", ["-100.01", "400.5", "nan", "inf", "-1000"])
def test_temperature_limits_are_shown_in_celsius(celsius: str) -> None:
    code, _, err = run("compute", str(THIN_FILM), "--temperature", celsius)
    assert "--temperature" in one_error_line(code, err)
    assert "from -100 to 400 °C" in err and " K" not in err


def test_long_names_are_cut_with_an_ellipsis(tmp_path: Path) -> None:
    document = json.loads(THIN_FILM.read_text(encoding="utf-8"))
    label = "A very long electrolyte layer label that runs well beyond sixty characters in all"
    for layer in document["stack"]["layers"]:
        if layer["role"] == "electrolyte":
            layer["label"] = label
    document["name"] = "N" * 150
    path = tmp_path / "long.cellstack"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run("discharge", str(path), "--c-rate", "1")
    assert code == 0, err
    assert label[:20] in out and label not in out and "…" in out
    assert out.splitlines()[0].startswith("N" * 99 + "…:")
    code, out, _ = run("materials")
    assert code == 0
    long_names = [m.name for m in default_library().materials.values() if len(m.name) > 48]
    assert long_names, "the library has no name long enough to be cut"
    for name in long_names:
        assert name not in out and name[:47] + "…" in out


def test_a_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    document = json.loads(THIN_FILM.read_text(encoding="utf-8"))
    document["name"] = "first line\nsecond line"
    path = tmp_path / "breaks.cellstack"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run("discharge", str(path), "--c-rate", "1")
    assert code == 0, err
    assert out.splitlines()[0].startswith("first line\\nsecond line: constant-current discharge")


def test_an_unexpected_fault_is_one_line_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from cellstack.cli import compute

    def broken(*_args: object) -> object:
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(compute, "project_metrics", broken)
    code, out, err = run("compute", str(THIN_FILM), "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "internal error" in err and "ZeroDivisionError" in err


def test_compute_json_never_prints_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    from cellstack.cli import compute

    real = compute.metrics_to_json

    def with_nan(*args: object) -> dict[str, object]:
        data = real(*args)  # type: ignore[arg-type]
        data["energy_mWh"] = float("nan")
        return data

    monkeypatch.setattr(compute, "metrics_to_json", with_nan)
    code, out, err = run("compute", str(THIN_FILM), "--json")
    # Still valid JSON (RFC 8259): the number becomes null and the object says why (docs/cli.md).
    data = json.loads(out, parse_constant=_refuse_constant)
    assert code == 0 and err == ""
    assert data["energy_mWh"] is None and data["valid"] is False
    assert any(w["code"] == "not_finite" and "energy_mWh" in w["message"] for w in data["warnings"])


def _refuse_constant(name: str) -> float:
    raise AssertionError(f"{name} printed in JSON")


def test_input_errors_from_options_keep_naming_the_option() -> None:
    code, _, err = run("discharge", str(THIN_FILM), "--c-rate", "-1")
    assert "--c-rate = -1 is not allowed" in one_error_line(code, err)


def test_output_is_utf8_whatever_the_locale_says() -> None:
    # A Windows code page (output redirected to a file) or an ASCII locale used to end in a
    # UnicodeEncodeError at the first "°" or "Ω".
    result = subprocess.run(
        [sys.executable, "-m", "cellstack", "compute", str(THIN_FILM), "--json"],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert json.loads(text)["area_cm2"] > 0
    assert "°" in text and "Ω" in text
