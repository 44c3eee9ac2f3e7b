"""Smoke test of the frozen desktop app: build the PyInstaller bundle once, then run it headless.

packaging/build.py builds the bundle from a clean virtual environment (runtime dependencies and
PyInstaller only); one build serves every test of the session and lives in pytest's temporary
folder. The frozen executable then runs offscreen, from outside the source tree, with a fresh
home folder: it prints its version, computes the examples exactly as the source install does,
writes a PDF summary, and opens the main window on an example and quits. A non-zero exit or a
traceback on standard error fails.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cellstack import __version__

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "packaging" / "build.py"
EXAMPLES = ROOT / "resources" / "examples"
EXIT_CANNOT_INSTALL = 3  # packaging/build.py: the build requirements could not be installed
# scipy's optimizers (goal seek, optimisation, fits) bring about 73 MB with its own OpenBLAS;
# without them the bundle was 173 MB.
MAX_BUNDLE_MB = 275
# System tools PyInstaller runs on Linux, and the Debian package that has them.
BUILD_TOOLS = {"objdump": "binutils"} if sys.platform.startswith("linux") else {}
MISSING_TOOLS = [
    f"{tool} (Debian package {package})" for tool, package in BUILD_TOOLS.items() if not shutil.which(tool)
]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.bundle,
    pytest.mark.skipif(
        bool(MISSING_TOOLS),
        reason=f"building the bundle needs {', '.join(MISSING_TOOLS)}, which is not installed",
    ),
]


def _environment(home: Path) -> dict[str, str]:
    """Headless, with nothing pointing back at the source tree, and a home of its own."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "CELLSTACK_RESOURCES", "PYTHONHOME"}
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(home)
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        env[name] = str(home / sub)
    return env


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder bundle, built once per session (its build folder and venv removed after)."""
    base = tmp_path_factory.mktemp("bundle")
    work = base / "work"
    started = time.monotonic()
    built = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(base / "dist"), "--work", str(work), "--no-compare"],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    shutil.rmtree(work, ignore_errors=True)
    if built.returncode == EXIT_CANNOT_INSTALL:
        pytest.skip(
            "PyInstaller or the app's runtime dependencies could not be installed into a clean "
            f"virtual environment, so the bundle cannot be built here: {built.stderr.strip()[-500:]}"
        )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(f"\nbundle built in {time.monotonic() - started:.0f} s: {built.stdout.strip().splitlines()[-2]}")
    return base / "dist" / "cellstack"


@pytest.fixture
def frozen(bundle: Path, tmp_path: Path) -> Any:
    """Runs the frozen executable in tmp_path; fails on a non-zero exit or a traceback."""
    executable = bundle / ("cellstack.exe" if sys.platform == "win32" else "cellstack")
    home = tmp_path / "home"
    home.mkdir()

    def run(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        env = _environment(home) | (extra_env or {})
        result = subprocess.run(
            [str(executable), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, (
            f"exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        )
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        return result

    return run


def _example(name: str, folder: Path) -> Path:
    """A copy of a shipped example outside the source tree."""
    return Path(shutil.copy(EXAMPLES / name, folder / name))


def _assert_same(frozen: Any, source: Any, where: str = "") -> None:
    if isinstance(source, float) and isinstance(frozen, float):
        assert math.isclose(frozen, source, rel_tol=1e-9, abs_tol=1e-12), f"{where}: {frozen} != {source}"
    elif isinstance(source, dict) and isinstance(frozen, dict):
        assert frozen.keys() == source.keys(), where
        for key in source:
            _assert_same(frozen[key], source[key], f"{where}.{key}")
    elif isinstance(source, list) and isinstance(frozen, list):
        assert len(frozen) == len(source), where
        for i, (f, s) in enumerate(zip(frozen, source, strict=True)):
            _assert_same(f, s, f"{where}[{i}]")
    else:
        assert frozen == source, f"{where}: {frozen!r} != {source!r}"


def test_bundle_is_lean_and_carries_the_resources(bundle: Path) -> None:
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= MAX_BUNDLE_MB * 1e6, f"bundle is {size / 1e6:.0f} MB, over {MAX_BUNDLE_MB} MB"
    resources = bundle / "_internal" / "resources"
    for sub in ("materials", "interfaces", "references", "schema", "examples", "icons"):
        assert any((resources / sub).iterdir()), sub
    assert (bundle / "share" / "applications" / "cellstack.desktop").is_file()
    assert (bundle / "share" / "mime" / "packages" / "cellstack-mime.xml").is_file()
    assert (bundle / "share" / "icons" / "hicolor" / "48x48" / "apps" / "cellstack.png").is_file()
    internal = {p.name for p in (bundle / "_internal").iterdir()}
    assert not internal & {"PyQt5", "PyQt6", "PySide2", "matplotlib", "pandas", "pybamm", "tkinter"}
    assert not internal & {"distributed", "dask", "tornado"}  # the command line's cluster extra
    # Help > Manual: every page and every picture a page links, none of the screenshot gallery.
    docs = bundle / "_internal" / "docs"
    linked = set()
    for page in (ROOT / "docs").glob("*.md"):
        assert (docs / page.name).is_file(), page.name
        linked |= set(re.findall(r"\((screenshots/[^)\s]+)\)", page.read_text(encoding="utf-8")))
    assert linked and all((docs / link).is_file() for link in linked), linked
    assert {p.relative_to(docs).as_posix() for p in (docs / "screenshots").iterdir()} == linked
    assert not (bundle / "_internal" / "PySide6" / "Qt" / "translations").exists()


def test_frozen_prints_its_version(frozen: Any) -> None:
    assert frozen("--version").stdout.strip() == f"CellStack {__version__}"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.cellstack")))
def test_frozen_compute_matches_the_source_install(frozen: Any, tmp_path: Path, name: str) -> None:
    example = _example(name, tmp_path)
    from_bundle = json.loads(frozen("compute", str(example), "--json").stdout)
    source = subprocess.run(
        [sys.executable, "-m", "cellstack", "compute", str(example), "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    _assert_same(from_bundle, json.loads(source.stdout))


def test_frozen_exports_a_pdf(frozen: Any, tmp_path: Path) -> None:
    if " report " not in frozen("--help").stdout.replace("\n", " "):
        pytest.skip("the `cellstack report FILE -o OUT.pdf` command does not exist yet (not in --help)")
    out = tmp_path / "summary.pdf"
    frozen("report", str(_example("thin_film_licoo2_lipon_li.cellstack", tmp_path)), "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and len(data) > 10_000


def test_frozen_opens_the_main_window_and_quits(frozen: Any, tmp_path: Path) -> None:
    example = _example("ssb_nmc811_argyrodite_li.cellstack", tmp_path)
    result = frozen(str(example), extra_env={"CELLSTACK_SMOKE_QUIT_MS": "500"})
    assert "cellstack smoke test OK: 'ssb_nmc811_argyrodite_li.cellstack'" in result.stdout, result.stdout
