"""The installed wheel finds its resources, and the core/io tests pass without Qt installed.

One fresh virtual environment serves both checks: it gets numpy, scipy and the test tools but no
PySide6 or pyqtgraph, and the wheel is installed without dependencies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False, env=env)


@pytest.fixture(scope="module")
def headless_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    built = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], base)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheel = next(dist.glob("cellstack-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "numpy",
            "scipy",
            "pytest",
            "hypothesis",
            "jsonschema",
        ],
        base,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    installed = _run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], base)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return env_dir


def test_wheel_computes_an_example_from_outside_the_source_tree(headless_env: Path, tmp_path: Path) -> None:
    python = headless_env / "bin" / "python"
    where = _run(
        [
            str(python),
            "-c",
            "import cellstack, cellstack.io.resources as r; "
            "print(cellstack.__file__); print(r.resources_dir())",
        ],
        tmp_path,
    )
    assert where.returncode == 0, where.stderr
    package_file, resources = where.stdout.split()
    assert str(headless_env) in package_file and str(headless_env) in resources
    example = Path(resources) / "examples" / "thin_film_licoo2_lipon_li.cellstack"
    result = _run([str(headless_env / "bin" / "cellstack"), "compute", str(example), "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["capacity_mAh"] > 0


def test_core_and_io_tests_pass_without_qt(headless_env: Path) -> None:
    python = headless_env / "bin" / "python"
    no_qt = _run(
        [
            str(python),
            "-c",
            "import importlib.util as u; print(u.find_spec('PySide6'), u.find_spec('pyqtgraph'))",
        ],
        ROOT,
    )
    assert no_qt.stdout.split() == ["None", "None"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # Run the repository's tests against the installed wheel (not the source tree).
    result = _run(
        [
            str(python),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            "-o",
            "addopts=",
            str(ROOT / "tests" / "core"),
            str(ROOT / "tests" / "io"),
        ],
        ROOT,
        env,
    )
    assert result.returncode == 0, result.stdout[-3000:]
