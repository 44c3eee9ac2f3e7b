"""One input row of the Sweep panel: a field path, its range, the number of points, linear or log."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from cellstack.core.errors import InputError
from cellstack.gui.sweep_study import SweepAxis
from cellstack.io.field_paths import FieldPath

NONE_TEXT = "(none)"
DEFAULT_POINTS = (41, 21)  # a line, then each axis of a grid
SPAN = 0.5  # a new input is swept from half to one and a half times its value


def default_range(path: FieldPath, value: float) -> tuple[float, float]:
    """A range around ``value`` that the field accepts: ±50 %, or the field's own when it is 0."""
    field = path.field
    low, high = (value * (1 - SPAN), value * (1 + SPAN)) if value > 0 else (field.low, min(field.high, 1.0))
    floor = field.low if field.low_inclusive else field.low + (high - field.low) * 1e-3
    low, high = max(low, floor), min(high, field.high)
    if field.integer:
        low = float(max(round(low), math.ceil(floor)))
        high = float(min(max(round(high), low + 1), field.high))
    return low, high


def _number(edit: QLineEdit, name: str) -> float:
    try:
        return float(edit.text().replace(",", "."))
    except ValueError:
        raise InputError(name, edit.text(), "a number") from None


class SweepInputRow(QWidget):
    """Emits ``changed`` when the path changes; ``axis()`` reads the row (InputError when bad)."""

    changed = Signal()

    def __init__(self, optional: bool, points: int) -> None:
        super().__init__()
        self.path_box = QComboBox()
        self.path_box.setMinimumContentsLength(26)
        self.path_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._optional = optional
        self.start, self.stop = QLineEdit(), QLineEdit()
        for edit in (self.start, self.stop):
            edit.setMaximumWidth(90)
        self.points = QSpinBox()
        self.points.setRange(2, 201)
        self.points.setValue(points)
        self.log = QCheckBox("log")
        self.unit = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("", self.path_box),
            ("from", self.start),
            ("to", self.stop),
            ("", self.unit),
            ("points", self.points),
            ("", self.log),
        ):
            if text:
                layout.addWidget(QLabel(text))
            layout.addWidget(widget)
        self._paths: dict[str, tuple[FieldPath, float]] = {}
        self.path_box.currentTextChanged.connect(self._path_changed)

    def set_paths(self, paths: dict[str, tuple[FieldPath, float]], keep: bool = True) -> None:
        """The choices (path text -> (path, current value)); the chosen one stays if still there."""
        chosen = self.path_box.currentText()
        self._paths = paths
        self.path_box.blockSignals(True)
        self.path_box.clear()
        if self._optional:
            self.path_box.addItem(NONE_TEXT)
        self.path_box.addItems(list(paths))
        kept = keep and chosen in paths
        if kept:
            self.path_box.setCurrentText(chosen)  # its range stays as the user set it
        self.path_box.blockSignals(False)
        if not kept:
            self._path_changed(self.path_box.currentText())

    def choose(self, text: str) -> None:
        self.path_box.setCurrentText(text)

    def chosen(self) -> str | None:
        text = self.path_box.currentText()
        return text if text in self._paths else None

    def _path_changed(self, text: str) -> None:
        entry = self._paths.get(text)
        enabled = entry is not None
        for widget in (self.start, self.stop, self.points, self.log):
            widget.setEnabled(enabled)
        if entry is not None:
            path, value = entry
            low, high = default_range(path, value)
            self.start.setText(f"{low:.6g}")
            self.stop.setText(f"{high:.6g}")
            self.unit.setText(path.field.unit)
            self.log.setChecked(False)
        else:
            self.unit.setText("")
        self.changed.emit()

    def axis(self) -> SweepAxis | None:
        path = self.chosen()
        if path is None:
            return None
        return SweepAxis(
            path,
            _number(self.start, f"{path} from"),
            _number(self.stop, f"{path} to"),
            self.points.value(),
            self.log.isChecked(),
        )
