"""The status bar's permanent note of what was computed and how long it took."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:  # the main window imports this before numpy and the model are loaded
    from cellstack.core.cell import CellMetrics
    from cellstack.gui.document import Document

_FORMATS = {
    "planar": "planar stack",
    "stacked_pouch": "stacked pouch",
    "coin": "coin cell",
    "thin_film_chip": "thin-film chip",
}


def compute_text(cell: CellMetrics, seconds: float | None) -> str:
    """E.g. "Stacked pouch, 10 units · 2 levels · computed in 0.4 ms"."""
    shape = _FORMATS.get(cell.format, cell.format.replace("_", " "))
    units = f", {cell.units} units" if cell.units > 1 else ""
    state = "" if cell.valid else " (invalid: see Findings)"
    took = f" · computed in {seconds * 1e3:.1f} ms" if seconds is not None else ""
    return f"{shape[0].upper()}{shape[1:]}{units}{state} · {len(cell.levels)} levels{took}"


class ComputeStatus(QLabel):
    """Follows one document: after every edit, what its numbers describe and the time they took."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("computeStatus")
        self._document: Document | None = None

    def follow(self, document: Document) -> None:
        if self._document is not None:
            self._document.stackChanged.disconnect(self.refresh)
        self._document = document
        document.stackChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self._document is not None:
            document = self._document
            self.setText(compute_text(document.cell_metrics, document.compute_seconds))
