"""Colours by layer role, the same on screen and on paper (the colour scheme is in scheme.py)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from cellstack.core.material import Role
from cellstack.gui.scheme import apply_scheme, follow_system_scheme, is_dark, plot_colours
from cellstack.report.style import ROLE_COLOURS

__all__ = [
    "ROLE_LABELS",
    "apply_scheme",
    "follow_system_scheme",
    "is_dark",
    "plot_colours",
    "role_colour",
]

# ROLE_COLOURS (one hue per role, distinguishable with the common colour-vision deficiencies)
# lives with the PDF report, so a stack looks the same on screen and on paper.

ROLE_LABELS: dict[Role, str] = {
    Role.CATHODE: "Cathodes",
    Role.ANODE: "Anodes",
    Role.ELECTROLYTE: "Solid electrolytes",
    Role.BUFFER: "Buffer layers",
    Role.CURRENT_COLLECTOR: "Current collectors",
    Role.SUBSTRATE: "Substrates",
    Role.ENCAPSULATION: "Encapsulation",
    Role.ADDITIVE: "Additives",
}


def role_colour(role: Role) -> QColor:
    return QColor(ROLE_COLOURS[role])
