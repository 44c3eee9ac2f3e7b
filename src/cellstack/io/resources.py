"""Finding the resources folder from a source checkout, an installed wheel or a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_OVERRIDE = "CELLSTACK_RESOURCES"
_MARKER = "materials"


def resources_dir() -> Path:
    """The folder holding materials/, interfaces/, references/, examples/ and schema/.

    Looked for, in order: $CELLSTACK_RESOURCES; next to a PyInstaller executable; inside the
    installed package (wheels carry it as cellstack/_resources); the repository's resources/.
    """
    override = os.environ.get(ENV_OVERRIDE)
    first = [Path(override)] if override else []
    return _first_holding(first + _shipped("resources", "_resources"), _MARKER, "resources")


def _shipped(folder: str, in_package: str) -> list[Path]:
    """Where a folder of the repository is shipped: next to a PyInstaller executable, inside the
    installed package (as ``in_package``), or in the source checkout."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / folder)
    package_root = Path(__file__).resolve().parent.parent
    candidates.append(package_root / in_package)
    candidates.append(package_root.parent.parent / folder)
    return candidates


def _first_holding(candidates: list[Path], marker: str, what: str) -> Path:
    for candidate in candidates:
        if (candidate / marker).exists():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"CellStack {what} not found (looked in: {tried})")


def examples_dir() -> Path:
    return resources_dir() / "examples"


DOCS_MARKER = "physics.md"  # a page every shipped manual has


def docs_dir() -> Path:
    """The folder of the manual's pages (the repository's docs/*.md).

    Looked for, in order: next to a PyInstaller executable (docs/); inside the installed package
    (wheels carry it as cellstack/_docs); the repository's docs/.
    """
    return _first_holding(_shipped("docs", "_docs"), DOCS_MARKER, "manual")
