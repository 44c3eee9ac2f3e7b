"""The Optimise window's choices: an input by field path with its bounds, and an objective."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from cellstack.core.explore.outputs import OUTPUT_KEYS
from cellstack.gui.optimise_study import Bound, Goal
from cellstack.gui.widgets.sweep_inputs import NONE_TEXT, _number, default_range
from cellstack.io.field_paths import FieldPath

MAXIMISE, MINIMISE = "Maximise", "Minimise"


class BoundRow(QWidget):
    """A field path (or none, for the optional rows) and the box it may vary in, in its file unit."""

    def __init__(self, optional: bool) -> None:
        super().__init__()
        self.path_box = QComboBox()
        self.path_box.setMinimumContentsLength(30)
        self.path_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.path_box.setMaxVisibleItems(20)
        self._optional = optional
        self.low, self.high = QLineEdit(), QLineEdit()
        for edit in (self.low, self.high):
            edit.setMaximumWidth(90)
        self.unit = QLabel()
        self.unit.setMinimumWidth(50)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("", self.path_box), ("from", self.low), ("to", self.high), ("", self.unit)):
            if text:
                layout.addWidget(QLabel(text))
            layout.addWidget(widget)
        layout.addStretch(1)
        self._paths: dict[str, tuple[FieldPath, float]] = {}
        self.path_box.currentTextChanged.connect(self._path_changed)

    def set_paths(self, paths: dict[str, tuple[FieldPath, float]]) -> None:
        """The choices (path text -> (path, current value)); the chosen one and its bounds stay."""
        chosen = self.path_box.currentText()
        self._paths = paths
        self.path_box.blockSignals(True)
        self.path_box.clear()
        if self._optional:
            self.path_box.addItem(NONE_TEXT)
        self.path_box.addItems(list(paths))
        kept = chosen in paths
        if kept:
            self.path_box.setCurrentText(chosen)
        self.path_box.blockSignals(False)
        if not kept:
            self._path_changed(self.path_box.currentText())

    def choose(self, text: str, low: float | None = None, high: float | None = None) -> None:
        self.path_box.setCurrentText(text)
        if low is not None and high is not None:
            self.low.setText(f"{low:.6g}")
            self.high.setText(f"{high:.6g}")

    def _path_changed(self, text: str) -> None:
        entry = self._paths.get(text)
        for widget in (self.low, self.high):
            widget.setEnabled(entry is not None)
        if entry is None:
            self.unit.setText("")
            return
        path, value = entry
        low, high = default_range(path, value)
        self.low.setText(f"{low:.6g}")
        self.high.setText(f"{high:.6g}")
        self.unit.setText(path.field.unit)

    def bound(self) -> Bound | None:
        path = self.path_box.currentText()
        if path not in self._paths:
            return None
        return Bound(path, _number(self.low, f"{path} from"), _number(self.high, f"{path} to"))


class GoalRow(QWidget):
    """Maximise or minimise one output; the optional row may be "(none)"."""

    def __init__(self, optional: bool, key: str) -> None:
        super().__init__()
        self.sense = QComboBox()
        self.sense.addItems([NONE_TEXT, MAXIMISE, MINIMISE] if optional else [MAXIMISE, MINIMISE])
        self.key = QComboBox()
        self.key.addItems(list(OUTPUT_KEYS))
        self.key.setMaxVisibleItems(20)
        self.key.setCurrentText(key)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sense)
        layout.addWidget(self.key, 1)
        self.sense.currentTextChanged.connect(lambda text: self.key.setEnabled(text != NONE_TEXT))
        self.key.setEnabled(self.sense.currentText() != NONE_TEXT)

    def set_goal(self, sense: str, key: str) -> None:
        self.sense.setCurrentText(sense)
        self.key.setCurrentText(key)

    def goal(self) -> Goal | None:
        sense = self.sense.currentText()
        if sense == NONE_TEXT:
            return None
        return Goal(self.key.currentText(), sense == MAXIMISE)
