"""The "Uncertainty…" dialog of one input: ± a standard deviation or low/high bounds, and a source.

The numbers are typed as text in the field's file unit (a conductivity of 3e-4 S/cm and a
thickness of 4 µm alike) and checked as the loader checks a file, so a refusal reads the same.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import Distribution, Normal, Uniform
from cellstack.gui.text_input import clean_text
from cellstack.io.field_table import NumericField
from cellstack.io.uncertainties import MAX_SOURCE_CHARS, InputUncertainty

# What the dialog proposes for a new uncertainty: ±5 % of the value, a common first guess
# for a measured quantity, for the user to change.
_FIRST_GUESS = 0.05
MIN_WIDTH = 460

Check = Callable[[Distribution, str], None]  # raises InputError when the loader would refuse it


def _number(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        return float("nan")  # refused by the check with the field's allowed range


class UncertaintyDialog(QDialog):
    """Set, change or remove one input's uncertainty; ``removed`` tells the caller to remove it."""

    def __init__(
        self,
        path: str,
        field: NumericField,
        value: float,
        current: InputUncertainty | None,
        check: Check,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uncertaintyDialog")
        self.setWindowTitle("Uncertainty")
        self.setMinimumWidth(MIN_WIDTH)  # the path and the allowed range on a line each, unclipped
        self.removed = False
        self._check = check
        unit = f" {field.unit}" if field.unit else ""
        # Escaped: the range reads "<= 25", which rich text would take for the start of a tag.
        heading = QLabel(f"<b>{html.escape(path)}</b><br>value {value:.6g}{html.escape(unit)}; "
                         f"allowed: {html.escape(field.allowed())}")  # fmt: skip
        heading.setObjectName("uncertaintyHeading")
        heading.setWordWrap(True)
        self.normal = QRadioButton("± standard deviation (normal)")
        self.normal.setObjectName("uncertaintyNormal")
        self.bounds = QRadioButton("between bounds (uniform)")
        self.bounds.setObjectName("uncertaintyBounds")
        guess = abs(value) * _FIRST_GUESS or 1.0
        self.sigma = self._edit("uncertaintySigma", f"{guess:.6g}")
        self.low = self._edit("uncertaintyLow", f"{value - guess:.6g}")
        self.high = self._edit("uncertaintyHigh", f"{value + guess:.6g}")
        self.source = QLineEdit()
        self.source.setObjectName("uncertaintySource")
        self.source.setMaxLength(MAX_SOURCE_CHARS)
        self.source.setPlaceholderText("where the spread comes from, e.g. micrometer, 5 positions")
        self.status = QLabel("")
        self.status.setObjectName("uncertaintyStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # refusals read "<= 25": never markup
        self.status.setStyleSheet("color: #c0392b")
        form = QFormLayout()
        form.addRow(self.normal)
        form.addRow(f"σ ({field.unit or 'no unit'})", self.sigma)
        form.addRow(self.bounds)
        form.addRow(f"Low ({field.unit or 'no unit'})", self.low)
        form.addRow(f"High ({field.unit or 'no unit'})", self.high)
        form.addRow("Source", self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.remove_button = buttons.addButton("Remove", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove_button.setObjectName("uncertaintyRemove")
        self.remove_button.setEnabled(current is not None)
        self.remove_button.clicked.connect(self._remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.normal.toggled.connect(self._kind_changed)
        self._show(current)

    def _edit(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        return edit

    def _show(self, current: InputUncertainty | None) -> None:
        d = current.distribution if current is not None else None
        if isinstance(d, Uniform):
            self.low.setText(f"{d.low:.12g}")
            self.high.setText(f"{d.high:.12g}")
            self.bounds.setChecked(True)
        else:
            if isinstance(d, Normal):
                self.sigma.setText(f"{d.sigma:.12g}")
            self.normal.setChecked(True)
        if current is not None:
            self.source.setText(current.source)
        self._kind_changed()

    def _kind_changed(self) -> None:
        normal = self.normal.isChecked()
        self.sigma.setEnabled(normal)
        self.low.setEnabled(not normal)
        self.high.setEnabled(not normal)

    def distribution(self) -> Distribution:
        if self.normal.isChecked():
            return Normal(_number(self.sigma.text()))
        return Uniform(_number(self.low.text()), _number(self.high.text()))

    def source_text(self) -> str:
        return clean_text(self.source.text()).strip()  # as every typed text, so a save cannot fail on it

    def accept(self) -> None:
        """Closes only with an uncertainty the file format accepts; otherwise says why."""
        try:
            self._check(self.distribution(), self.source_text())
        except InputError as exc:
            self.status.setText(exc.one_line())
            return
        super().accept()

    def _remove(self) -> None:
        self.removed = True
        super().accept()
