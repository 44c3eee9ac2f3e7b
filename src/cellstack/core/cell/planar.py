"""The planar format: one repeat unit over its own area, exactly as the stack model counts it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Planar:
    """One unit per area; the cell level is the stack's full-stack level (v1 projects)."""

    kind: ClassVar[str] = "planar"
