"""The Optimise window's choices: an input by field path with its bounds, and an objective."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from cellstack.core.explore.outputs import OUTPUT_KEYS
from cellstack.gui.optimise_study import Bound, Goal
from cellstack.gui.widgets.output_box import OutputBox
from cellstack.gui.widgets.study_controls import NONE_TEXT, PathRangeRow
from cellstack.io.output_names import output_label

MAXIMISE, MINIMISE = "Maximise", "Minimise"


class BoundRow(PathRangeRow):
    """A field path (or none, for the optional rows) and the box it may vary in, in its file unit."""

    def __init__(self, optional: bool) -> None:
        super().__init__(optional, 30)
        self.unit.setMinimumWidth(50)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("", self.path_box), ("from", self.low), ("to", self.high), ("", self.unit)):
            if text:
                layout.addWidget(QLabel(text))
            layout.addWidget(widget, 1 if widget is self.path_box else 0)  # room for the layer's name

    def choose(self, text: str, low: float | None = None, high: float | None = None) -> None:
        self.choose_path(text)
        if low is not None and high is not None:
            self.low.setText(f"{low:.6g}")
            self.high.setText(f"{high:.6g}")

    def bound(self) -> Bound | None:
        path = self.chosen()
        return Bound(path, *self.bounds(path)) if path is not None else None


class GoalRow(QWidget):
    """Maximise or minimise one output; the optional row may be "(none)"."""

    def __init__(self, optional: bool, key: str) -> None:
        super().__init__()
        self.sense = QComboBox()
        self.sense.addItems([NONE_TEXT, MAXIMISE, MINIMISE] if optional else [MAXIMISE, MINIMISE])
        self.output = OutputBox(OUTPUT_KEYS, key, output_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sense)
        layout.addWidget(self.output, 1)
        self.sense.currentTextChanged.connect(lambda text: self.output.setEnabled(text != NONE_TEXT))
        self.output.setEnabled(self.sense.currentText() != NONE_TEXT)

    def set_goal(self, sense: str, key: str) -> None:
        self.sense.setCurrentText(sense)
        self.output.choose(key)

    def goal(self) -> Goal | None:
        sense = self.sense.currentText()
        if sense == NONE_TEXT:
            return None
        return Goal(self.output.key(), sense == MAXIMISE)
