"""One input row of the Sweep panel: a field path, its range, the number of points, linear or log."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox

from cellstack.gui.sweep_study import SweepAxis
from cellstack.gui.widgets.study_controls import PathRangeRow

DEFAULT_POINTS = (41, 21)  # a line, then each axis of a grid


class SweepInputRow(PathRangeRow):
    """Emits ``changed`` when the path changes; ``axis()`` reads the row (InputError when bad)."""

    changed = Signal()

    def __init__(self, optional: bool, points: int) -> None:
        super().__init__(optional, 26)
        self.points = QSpinBox()
        self.points.setRange(2, 201)
        self.points.setValue(points)
        self.log = QCheckBox("log")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("", self.path_box),
            ("from", self.low),
            ("to", self.high),
            ("", self.unit),
            ("points", self.points),
            ("", self.log),
        ):
            if text:
                layout.addWidget(QLabel(text))
            layout.addWidget(widget, 1 if widget is self.path_box else 0)  # room for the layer's name

    def choose(self, text: str) -> None:
        self.choose_path(text)

    def path_chosen(self, chosen: bool) -> None:
        for widget in (self.points, self.log):
            widget.setEnabled(chosen)
        if chosen:
            self.log.setChecked(False)
        self.changed.emit()

    def axis(self) -> SweepAxis | None:
        path = self.chosen()
        if path is None:
            return None
        return SweepAxis(path, *self.bounds(path), self.points.value(), self.log.isChecked())
