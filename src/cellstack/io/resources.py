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
    candidates: list[Path] = []
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        candidates.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package_root = Path(__file__).resolve().parent.parent
    candidates.append(package_root / "_resources")
    candidates.append(package_root.parent.parent / "resources")
    for candidate in candidates:
        if (candidate / _MARKER).is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"CellStack resources not found (looked in: {tried})")


def examples_dir() -> Path:
    return resources_dir() / "examples"
