"""Build the CellStack desktop bundle with PyInstaller from a clean virtual environment.

    python3 packaging/build.py                 # dist/cellstack/, then the size comparison
    python3 packaging/build.py --no-compare    # only CellStack's bundle

The virtual environment gets only the app's runtime dependencies (pyproject's [project]
dependencies) and the `packaging` extra (PyInstaller), so no second Qt binding or unused library
from the developer's site-packages ends up in the bundle. The app icons are rendered from
resources/icons/cellstack.svg with Qt's SVG renderer into the work folder (PNG sizes for the
Linux icon theme, ICO for Windows, ICNS for macOS): the SVG stays the only source.

The script prints the bundle's size and, unless --no-compare, the size of a one-folder bundle of a
bare PySide6 + pyqtgraph + numpy + scipy window built with PyInstaller's defaults in the same
environment. It needs only Python 3.11+ to run; everything else goes into the new environment.

Exit status: 0 when built, 1 when a build step failed, 3 when the build requirements could not be
installed (no network or no PyInstaller for this platform), so a test can skip on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
import venv
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "cellstack.spec"
ICON_SVG = ROOT / "resources" / "icons" / "cellstack.svg"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
OTHER_QT_BINDINGS = ("PyQt5", "PyQt6", "PySide2")
EXIT_FAILED = 1
EXIT_CANNOT_INSTALL = 3

BARE_WINDOW = '''"""A bare PySide6 + pyqtgraph + numpy + scipy window, for the bundle size comparison."""
import sys

import numpy as np
import pyqtgraph as pg
import scipy.signal
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
plot = pg.PlotWidget()
x = np.linspace(0, 10, 500)
plot.plot(x, scipy.signal.savgol_filter(np.sin(x), 31, 3))
window.setCentralWidget(plot)
window.show()
sys.exit(app.exec())
'''


def requirements() -> list[str]:
    """The app's runtime dependencies and the `packaging` extra, as pyproject.toml declares them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["packaging"]]


def venv_python(env_dir: Path) -> Path:
    return env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def run(command: list[str | Path], **kwargs: object) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, **kwargs)  # type: ignore[call-overload]


def make_clean_env(env_dir: Path) -> Path:
    """A new virtual environment with only the runtime dependencies and PyInstaller."""
    shutil.rmtree(env_dir, ignore_errors=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = venv_python(env_dir)
    # PYTHONNOUSERSITE and no PYTHONPATH: nothing from the user's or the developer's site-packages.
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements()],
        env=clean_environ(),
        capture_output=True,
        text=True,
        check=False,
    )
    if installed.returncode != 0:
        sys.stderr.write(installed.stdout[-3000:] + installed.stderr[-3000:])
        print(
            "build.py: could not install the runtime dependencies and PyInstaller into a clean "
            f"virtual environment ({' '.join(requirements())})",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_CANNOT_INSTALL)
    probe = "import importlib.util as u, sys; print(*[m for m in sys.argv[1:] if u.find_spec(m)])"
    found = subprocess.run(
        [str(python), "-c", probe, *OTHER_QT_BINDINGS],
        env=clean_environ(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if found:
        print(f"build.py: the clean environment has another Qt binding: {', '.join(found)}", file=sys.stderr)
        raise SystemExit(EXIT_FAILED)
    return python


def clean_environ() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env["PYTHONNOUSERSITE"] = "1"
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def render_icons(out: Path) -> None:
    """cellstack-<size>.png for each size, cellstack.ico and cellstack.icns (needs PySide6)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"build.py: cannot render {ICON_SVG}")
    out.mkdir(parents=True, exist_ok=True)
    largest = None
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        if not image.save(str(out / f"cellstack-{size}.png")):
            raise SystemExit(f"build.py: cannot write cellstack-{size}.png")
        largest = image
    assert largest is not None
    # Windows and macOS executables take one icon file; Qt's ico/icns plugins write them.
    for name in ("cellstack.ico", "cellstack.icns"):
        if not largest.save(str(out / name)):
            print(f"build.py: this Qt cannot write {name}; skipped", file=sys.stderr)
    del app


def folder_size(folder: Path) -> int:
    """Bytes in regular files under folder (symbolic links count as nothing)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def pyinstaller(python: Path, work: Path, arguments: list[str | Path]) -> None:
    """PyInstaller in the clean environment, quiet unless something goes wrong."""
    run(
        [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *arguments],
        env=clean_environ(),
        cwd=work,
    )


def build_app(python: Path, dist: Path, work: Path) -> Path:
    icons = work / "icons"
    run([python, Path(__file__).resolve(), "--render-icons", icons], env=clean_environ())
    pyinstaller(
        python, work, ["--distpath", dist, "--workpath", work / "pyinstaller", SPEC, "--", "--icons", icons]
    )
    return dist / "cellstack"


def build_bare(python: Path, dist: Path, work: Path) -> Path:
    script = work / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    pyinstaller(
        python,
        work,
        [
            "--onedir",
            "--name",
            "bare",
            "--distpath",
            dist,
            "--workpath",
            work / "pyinstaller-bare",
            "--specpath",
            work,
            script,
        ],
    )
    return dist / "bare"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle lands (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bundle", help="build folder")
    parser.add_argument("--no-compare", action="store_true", help="skip the bare-window comparison")
    parser.add_argument("--render-icons", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.render_icons is not None:
        render_icons(args.render_icons)
        return 0

    dist, work = args.dist.resolve(), args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        python = make_clean_env(work / "venv")
        print(f"build.py: clean environment ready in {time.monotonic() - started:.0f} s", flush=True)
        bundle = build_app(python, dist, work)
        sizes = [("CellStack bundle", bundle, folder_size(bundle))]
        if not args.no_compare:
            bare = build_bare(python, work / "dist-bare", work)
            sizes.append(("bare PySide6 + pyqtgraph + numpy + scipy window", bare, folder_size(bare)))
    except subprocess.CalledProcessError as exc:
        print(f"build.py: failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"build.py: built in {time.monotonic() - started:.0f} s")
    for label, folder, size in sizes:
        print(f"{label}: {megabytes(size)}  ({folder})")
    print(f"run it: {bundle / ('cellstack.exe' if sys.platform == 'win32' else 'cellstack')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
