"""Stack metrics: capacity, voltage, energy, mass and volume by level, the ASR ledger, findings."""

from cellstack.core.metrics.compute import compute_metrics
from cellstack.core.metrics.results import (
    AsrEntry,
    EnergyDefinition,
    Finding,
    LayerBreakdown,
    Level,
    LevelMetrics,
    Metrics,
    Severity,
    VoltageResult,
)

__all__ = [
    "AsrEntry",
    "EnergyDefinition",
    "Finding",
    "LayerBreakdown",
    "Level",
    "LevelMetrics",
    "Metrics",
    "Severity",
    "VoltageResult",
    "compute_metrics",
]
