"""What the Sweep and the Optimise windows both ask for: rows choosing an input by its field path
with a range in the field's file unit (each window adds its own controls), and the C-rate of the
discharge behind the delivered_* outputs."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QWidget

from cellstack.core.errors import InputError
from cellstack.io.field_paths import FieldPath

NONE_TEXT = "(none)"
SPAN = 0.5  # a new input ranges from half to one and a half times its value


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


def c_rate_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.01, 100.0)
    box.setValue(1.0)
    box.setSuffix(" C")
    box.setToolTip("The C-rate of the discharge behind the delivered_* outputs")
    return box


def number_in(edit: QLineEdit, name: str) -> float:
    """The number typed in ``edit`` (a comma as the decimal separator too); InputError naming it."""
    try:
        return float(edit.text().replace(",", "."))
    except ValueError:
        raise InputError(name, edit.text(), "a number") from None


class PathRangeRow(QWidget):
    """``path_box`` (with "(none)" first on an optional row), ``low`` and ``high`` and ``unit``;
    subclasses lay them out with their own controls and react in ``path_chosen``."""

    def __init__(self, optional: bool, path_chars: int) -> None:
        super().__init__()
        self.path_box = QComboBox()
        self.path_box.setMinimumContentsLength(path_chars)
        self.path_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.path_box.setMaxVisibleItems(20)
        self._optional = optional
        self.low, self.high = QLineEdit(), QLineEdit()
        for edit in (self.low, self.high):
            edit.setMaximumWidth(90)
        self.unit = QLabel()
        self._paths: dict[str, tuple[FieldPath, float]] = {}
        self.path_box.currentIndexChanged.connect(lambda _index: self._path_changed())

    def set_paths(
        self, paths: dict[str, tuple[FieldPath, float]], keep: bool = True, layer_names: Sequence[str] = ()
    ) -> None:
        """The choices (path text -> (path, current value)), each listed with the name of the layer
        it is in (``layer_names`` by index: "stack.layers[1].thickness_um · NMC811 cathode"); the
        chosen one, and the range the user gave it, stay if it is still there and ``keep``."""
        chosen = self.chosen()
        self._paths = paths
        self.path_box.blockSignals(True)
        self.path_box.clear()
        if self._optional:
            self.path_box.addItem(NONE_TEXT, "")
        for text, (path, _value) in paths.items():
            layer = path.layer_index
            name = layer_names[layer] if layer is not None and layer < len(layer_names) else ""
            self.path_box.addItem(f"{text} · {name}" if name else text, text)
        kept = keep and chosen in paths
        if kept:
            self.choose_path(chosen)
            self.path_box.setToolTip(self.path_box.currentText())  # a renamed layer's new name
        self.path_box.blockSignals(False)
        if not kept:
            self._path_changed()

    def choose_path(self, path: str | None) -> None:
        """Select ``path`` ("" or None: "(none)" on an optional row); nothing if it is not listed."""
        index = self.path_box.findData(path or "")
        if index >= 0:
            self.path_box.setCurrentIndex(index)

    def chosen(self) -> str | None:
        text = self.path_box.currentData()
        return text if isinstance(text, str) and text in self._paths else None

    def bounds(self, path: str) -> tuple[float, float]:
        """The typed range of the chosen ``path``; InputError naming the box that is not a number."""
        return number_in(self.low, f"{path} from"), number_in(self.high, f"{path} to")

    def _path_changed(self) -> None:
        self.path_box.setToolTip(self.path_box.currentText())  # whole, where the box is narrow
        chosen = self.chosen()
        entry = self._paths.get(chosen) if chosen is not None else None
        for widget in (self.low, self.high):
            widget.setEnabled(entry is not None)
        if entry is None:
            self.unit.setText("")
        else:
            path, value = entry
            low, high = default_range(path, value)
            self.low.setText(f"{low:.6g}")
            self.high.setText(f"{high:.6g}")
            self.unit.setText(path.field.unit)
        self.path_chosen(entry is not None)

    def path_chosen(self, chosen: bool) -> None:
        """After the path changed (``chosen``: a path, not "(none)"); the range is already filled."""
