"""`cellstack [FILE]`: what is not a command must be a file, and the app needs a display.

Before these checks, any first argument that was not a command started Qt, which aborts the
process (exit 134, a core dump) when there is no display: `cellstack comptue FILE` and
`cellstack -V` crashed instead of saying what was wrong.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.cli.launch import closest_word, missing_display
from cellstack.io.resources import examples_dir
from tests.io.test_cli_messages import run as run_in_process

THIN_FILM = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


def headless_env() -> dict[str, str]:
    """The environment of a terminal without any display (an ssh session, a container)."""
    hidden = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    return {k: v for k, v in os.environ.items() if k not in hidden}


def run_headless(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cellstack", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=headless_env(),
    )


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["comptue", str(THIN_FILM)], "cellstack compute"),
        (["-V"], "cellstack --version"),
        (["dischrage", str(THIN_FILM), "--c-rate", "1"], "cellstack discharge"),
        (["materails"], "cellstack materials"),
        (["--verison"], "cellstack --version"),
        (["repot"], "cellstack report"),
    ],
)
def test_a_typo_is_a_usage_error_naming_the_closest_command(args: list[str], suggestion: str) -> None:
    code, out, err = run_in_process(*args)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("cellstack: ")
    assert f"did you mean `{suggestion}`?" in err and out == ""


def test_a_typo_without_a_display_exits_2_instead_of_aborting() -> None:
    for args in (["comptue", str(THIN_FILM)], ["-V"]):
        result = run_headless(*args)
        assert result.returncode == 2, (args, result.returncode, result.stderr[-500:])
        assert len(result.stderr.splitlines()) == 1 and "did you mean" in result.stderr


def test_the_app_without_a_display_says_so_in_one_line() -> None:
    result = run_headless(str(THIN_FILM))
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert len(result.stderr.splitlines()) == 1
    assert "no display" in result.stderr and "cellstack compute FILE" in result.stderr


@pytest.mark.parametrize(
    ("environ", "platform", "has_display"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"QT_QPA_PLATFORM": "minimal"}, "freebsd14", True),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"DISPLAY": ""}, "linux", False),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_which_environments_have_a_display(environ: dict[str, str], platform: str, has_display: bool) -> None:
    assert (missing_display(environ, platform) == "") is has_display


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing.cellstack"], "'missing.cellstack' is neither a command nor an existing file"),
        ([""], "'' is neither a command nor an existing file"),
        (["a\x00b"], "'a\\x00b' is neither a command nor an existing file"),
        (["n" * 5000 + ".cellstack"], "…' is neither a command nor an existing file"),
        (["--json"], "is neither a command nor an existing file"),
        ([str(THIN_FILM), "--json"], "the app opens one FILE"),
        ([str(THIN_FILM), str(THIN_FILM)], "the app opens one FILE"),
    ],
)
def test_what_is_not_a_command_must_be_one_existing_file(args: list[str], expected: str) -> None:
    code, _, err = run_in_process(*args)
    assert code == 2 and err.count("\n") == 1 and expected in err


def test_a_folder_or_a_fifo_is_not_opened(tmp_path: Path) -> None:
    code, _, err = run_in_process(str(tmp_path))
    assert code == 2 and "is a folder" in err
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.cellstack"
        os.mkfifo(fifo)
        code, _, err = run_in_process(str(fifo))
        assert code == 2 and "not a regular file" in err


def test_closest_word_needs_some_likeness() -> None:
    assert closest_word("comp") == "compute"
    assert closest_word("-v") == "--version"
    assert closest_word("xyzzy") is None
    assert closest_word("--") is None


def test_the_help_says_how_to_open_the_app() -> None:
    code, out, _ = run_in_process_help("--help")
    assert code == 0
    assert "cellstack [FILE]" in out and "opens the desktop app" in " ".join(out.split())
    for command in ("compute", "discharge", "report", "materials"):
        assert command in out


@pytest.mark.parametrize("command", ["compute", "discharge", "report", "materials"])
def test_command_help_points_at_nothing_a_pip_install_lacks(command: str) -> None:
    code, out, _ = run_in_process_help(command, "--help")
    assert code == 0 and f"usage: cellstack {command}" in out
    assert "docs/" not in out and ".md" not in out


def run_in_process_help(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        main(list(args))
    return int(stop.value.code or 0), out.getvalue(), err.getvalue()
