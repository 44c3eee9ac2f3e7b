"""Cells around the stack: planar, stacked pouch, coin and thin-film chip, with a pressure fixture."""

from cellstack.core.cell.cell import Cell, CellFormat
from cellstack.core.cell.chip import ChipLayout, Connection, Slab, ThinFilmChip
from cellstack.core.cell.coin import CoinCase, CoinCell, CoinPart
from cellstack.core.cell.compute import compute_cell
from cellstack.core.cell.fixture import PressureFixture
from cellstack.core.cell.geometry import Rectangle
from cellstack.core.cell.parts import ElectrolyteFill, Terminal
from cellstack.core.cell.planar import Planar
from cellstack.core.cell.pouch import Frame, Laminate, StackedPouch, Tab
from cellstack.core.cell.results import CellLevel, CellLevelMetrics, CellMetrics, Component

__all__ = [
    "Cell",
    "CellFormat",
    "CellLevel",
    "CellLevelMetrics",
    "CellMetrics",
    "ChipLayout",
    "CoinCase",
    "CoinCell",
    "CoinPart",
    "Component",
    "Connection",
    "ElectrolyteFill",
    "Frame",
    "Laminate",
    "Planar",
    "PressureFixture",
    "Rectangle",
    "Slab",
    "StackedPouch",
    "Tab",
    "Terminal",
    "ThinFilmChip",
    "compute_cell",
]
