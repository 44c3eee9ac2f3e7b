"""`cellstack report`: exit codes, one-line errors and an all-or-nothing output file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cellstack.report import pdf
from cellstack.report.inputs import ReportOptions
from tests.report.conftest import EXAMPLES, run_cli

SOURCE = EXAMPLES[-1]


def test_the_command_writes_a_pdf_in_its_own_process(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "cellstack", "report", str(SOURCE), "-o", str(out), "--c-rates", "0.2,1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--c-rates", "fast"], "--c-rates = 'fast' is not allowed"),
        (["--c-rates", "0,1"], "--c-rates"),
        (["--c-rates", "1,2,3,4,5,6,7,8,9"], "--c-rates"),
        (["--page-size", "A5"], "--page-size = 'A5' is not allowed; expected A4 or Letter"),
        (["--temperature", "500"], "--temperature = 500 is not allowed"),
    ],
)
def test_bad_options_exit_2_with_one_line(args: list[str], expected: str, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    code, stdout, stderr = run_cli("report", str(SOURCE), "-o", str(out), *args)
    assert code == 2
    assert stderr.count("\n") == 1 and stderr.startswith("cellstack: ") and expected in stderr
    assert "Traceback" not in stderr and stdout == ""
    assert not out.exists()


def test_an_unreadable_project_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.cellstack"
    broken.write_text("{not json", encoding="utf-8")
    for source in (broken, tmp_path / "missing.cellstack"):
        code, _, stderr = run_cli("report", str(source), "-o", str(tmp_path / "x.pdf"))
        assert code == 2 and stderr.count("\n") == 1, stderr


def test_an_unwritable_output_exits_2_and_keeps_the_old_file(tmp_path: Path) -> None:
    code, _, stderr = run_cli("report", str(SOURCE), "-o", str(tmp_path / "no" / "such" / "dir.pdf"))
    assert code == 2 and stderr.count("\n") == 1 and "The file on disk was not changed" in stderr
    code, _, stderr = run_cli("report", str(SOURCE), "-o", str(tmp_path))  # a folder
    assert code == 2 and stderr.count("\n") == 1


def test_the_project_file_is_never_overwritten(tmp_path: Path) -> None:
    copy = tmp_path / "mine.cellstack"
    copy.write_bytes(SOURCE.read_bytes())
    code, _, stderr = run_cli("report", str(copy), "-o", str(copy))
    assert code == 2 and "a path other than the project file" in stderr
    assert copy.read_bytes() == SOURCE.read_bytes()


def test_a_failed_render_leaves_an_existing_pdf_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"%PDF-1.4 the earlier version\n%%EOF\n")
    before = out.read_bytes()

    def truncated(*_args: object) -> bytes:
        return b"%PDF-1.4 cut short"

    monkeypatch.setattr(pdf, "render", truncated)
    code, _, stderr = run_cli("report", str(SOURCE), "-o", str(out))
    assert code == 2 and "incomplete" in stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


def test_a_missing_output_option_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        run_cli("report", str(SOURCE))
    assert stop.value.code == 2


def test_without_c_rates_the_report_takes_the_projects_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[ReportOptions] = []

    def capture(project: object, path: Path, library: object, options: ReportOptions) -> Path:
        seen.append(options)
        return path

    monkeypatch.setattr(pdf, "export_pdf", capture)
    assert run_cli("report", str(SOURCE), "-o", str(tmp_path / "a.pdf"))[0] == 0
    assert run_cli("report", str(SOURCE), "-o", str(tmp_path / "b.pdf"), "--c-rates", "2,0.5")[0] == 0
    assert [o.c_rates for o in seen] == [(0.1, 1.0, 2.0), (0.5, 2.0)]  # the file's own, then the option's
