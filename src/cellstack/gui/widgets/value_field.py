"""A read-only value that reads like a label, for panels that change on every edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit


class ValueField(QLineEdit):
    """A value that reads like a label and can be selected and copied. Unlike a QLabel, a new
    text does not ask the window for a new layout: on a spin-box drag that halves a repaint."""

    def __init__(self, name: str) -> None:
        super().__init__("—")
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setFrame(False)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # The field fills its own background in the window colour (and so follows the colour
        # scheme): an opaque widget repaints alone, without the group box and dock beneath it.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
        self.setPalette(palette)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)
        self.setTextMargins(0, 0, 0, 0)

    def show_text(self, text: str) -> None:
        if text == self.text():
            return
        self.setText(text)
        self.setCursorPosition(0)  # a text wider than the field shows its start
        # A field only ever widens to its longest text so far: the panel is laid out again when a
        # value needs more room, not on every new value of a drag.
        needed = self.fontMetrics().horizontalAdvance(text) + 8
        if needed > self.minimumWidth():
            self.setMinimumWidth(needed)
        self.setToolTip(text if needed > self.width() else "")
