"""Colours, page sizes and type sizes of the report, as plain data (no Qt).

The role colours are the values of cellstack.gui.theme.ROLE_COLOURS, copied because the report
must not import the GUI; tests/report/test_content.py keeps the two tables equal.
"""

from __future__ import annotations

from enum import StrEnum

from cellstack.core.cell.sketch import LAYER_ROLE, Part
from cellstack.core.material import Role


class PageSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"

    @property
    def points(self) -> tuple[float, float]:
        """Width and height in PostScript points (1/72 inch), as PDF media boxes give them."""
        return (595.0, 842.0) if self is PageSize.A4 else (612.0, 792.0)


ROLE_COLOURS: dict[Role, str] = {
    Role.CATHODE: "#d95f02",
    Role.ANODE: "#1b6ac9",
    Role.ELECTROLYTE: "#1b9e77",
    Role.BUFFER: "#e6ab02",
    Role.CURRENT_COLLECTOR: "#8c8c8c",
    Role.SUBSTRATE: "#6b5a4a",
    Role.ENCAPSULATION: "#9e7cc1",
    Role.ADDITIVE: "#555555",
}
# Colours of a cell drawing's parts: the layer-role colour where a part is a layer, else the
# hardware's own (steel greys, a dark polymer gasket, a light seal flange).
PART_COLOURS: dict[Part, str] = {
    **{part: ROLE_COLOURS[role] for part, role in LAYER_ROLE.items()},
    Part.SEAL: "#d9cdea",
    Part.FRAME: "#7f8a96",
    Part.CASE: "#b4bac2",
    Part.CAP: "#8e97a3",
    Part.GASKET: "#3b3b3b",
    Part.SPACER: "#cfd3d8",
    Part.SPRING: "#4d5966",
    Part.FIXTURE_PLATE: "#6f7d8c",
    Part.FOOTPRINT: "#d8cfc4",
    Part.ANNOTATION: "#1a1a1a",
}
INTERFACE_COLOUR = "#7570b3"  # the GUI's colour for interface bars, which belong to no layer

# Okabe-Ito hues (the GUI's light set): distinguishable with the common colour-vision deficiencies.
CURVE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#444444", "#F0E442")
OCV_COLOUR = "#888888"

TEXT = "#1a1a1a"
MUTED = "#5a5a5a"
RULE = "#b0b0b0"
GRID = "#e4e4e4"
HEADER_FILL = "#e9edf2"
STRIPE_FILL = "#f6f7f9"
SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#2e6da4"}

# Type sizes in points. Body text stays at 8.5 pt or more; only crowded labels shrink below 7.
TITLE_PT = 16.0
HEADING_PT = 11.5
BODY_PT = 8.5
TABLE_PT = 7.5
FIGURE_PT = 7.0
SMALL_PT = 6.5
MIN_PT = 4.0  # the smallest a label may shrink to before it is wrapped or elided

MARGIN_PT = 42.0  # about 15 mm on every side; the footer sits inside the bottom margin
