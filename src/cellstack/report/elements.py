"""What a report is made of: text already formatted, tables of strings and figure data (no Qt).

The renderer decides where things go on the page; everything it prints is decided here, so
tests can check the numbers without reading a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cellstack.core.cell.sketch import View


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    small: bool = False  # notes and legends under tables and figures


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of formatted cells. ``weights`` share the width out; ``numeric`` columns align right."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]
    numeric: tuple[bool, ...]
    note: str = ""  # printed under the table: what marks and abbreviations mean

    def __post_init__(self) -> None:
        width = len(self.headers)
        if len(self.weights) != width or len(self.numeric) != width:
            raise ValueError("a table needs one weight and one alignment per column")
        if any(len(row) != width for row in self.rows):
            raise ValueError("every table row needs one cell per column")


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    colour: str
    dashed: bool = False
    markers: bool = False


@dataclass(frozen=True, slots=True)
class LineFigure:
    """An x-y plot. Log axes show decades; ``y_from_zero`` keeps zero on a linear y axis."""

    title: str
    x_label: str  # with the unit in brackets, e.g. "Capacity (mAh)"
    y_label: str
    series: tuple[Series, ...]
    x_log: bool = False
    y_log: bool = False
    y_from_zero: bool = False
    note: str = ""  # what the reader must know; also why a figure is empty
    height_pt: float = 230.0


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float  # drawn length, >= 0
    colour: str
    text: str  # the number printed at the bar's end
    hatched: bool = False  # an estimate


@dataclass(frozen=True, slots=True)
class BarFigure:
    """Horizontal bars from zero, one per row, top to bottom."""

    title: str
    axis_label: str
    bars: tuple[Bar, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class FigureRow:
    """Figures side by side, sharing the width equally."""

    figures: tuple[LineFigure | BarFigure, ...]


@dataclass(frozen=True, slots=True)
class SectionLayer:
    name: str
    role: str
    thickness_m: float
    thickness_text: str
    colour: str
    spans_footprint: bool  # substrates and packaging are as wide as the device


@dataclass(frozen=True, slots=True)
class CrossSection:
    """The stack bottom to top; thickness to scale, width only to show active vs footprint."""

    layers: tuple[SectionLayer, ...]
    active_area_cm2: float
    footprint_area_cm2: float
    plated_lithium_m: float | None = None  # anode-free: drawn dashed on top of its collector


@dataclass(frozen=True, slots=True)
class FindingLine:
    severity: str  # "error", "warning" or "info"
    message: str
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    number: int
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class CellDrawing:
    """The cell's views from its sketch (metres), drawn side by side with their legends."""

    views: tuple[View, ...]
    note: str = ""


Block = Paragraph | Table | LineFigure | BarFigure | FigureRow | CellDrawing


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True)
class ReportContent:
    """A whole report. Page 1 holds the fields up to ``findings``; then the sections, then the
    references, numbered in the order the report first cites them."""

    title: str
    subtitle: str  # version, date, file, temperature
    description: str
    cross_section: CrossSection
    key_metrics: Table
    energy_by_level: Table
    energy_definition: str
    findings: tuple[FindingLine, ...]
    sections: tuple[Section, ...]
    references: tuple[Citation, ...]
    metadata: dict[str, str] = field(default_factory=dict)  # PDF title, subject, creator
    energy_by_level_title: str = "Energy by level"
