"""A spin box that stores exactly what the user types, or refuses it where the user can see it.

QDoubleSpinBox drops every keystroke its validator dislikes and clamps what is left to its range:
"-5" became 5, "1e3" became 13, "5,5" became 55 and "500" °C became 50 °C, without a word. Here
any number is accepted as typed (scientific notation, "," or "." as the decimal mark); one outside
the range is refused on Enter or when the field loses focus, with a red frame, a tooltip and a
status-bar message naming the field, the value and the allowed range, and the field goes back to
the value the design holds.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QToolTip, QWidget

from cellstack.gui.status import show_status

# What a number can look like while it is being typed: "-", "1e", "5," are on their way to one.
_PARTIAL = re.compile(r"[+-]?\d*[.,]?\d*(?:[eE][+-]?\d*)?")
# On the text only: a style sheet on the spin box itself redraws its arrows in another style.
REFUSED_STYLE = "QLineEdit { border: 1px solid #d32f2f; }"
SIGNIFICANT_DIGITS = 9


def parse_number(text: str) -> float | None:
    """The number in ``text`` ("1e3", "5,5", " 0.25 "), or None. Both "," and "." are decimal
    marks: a thickness or temperature is never typed with thousands separators."""
    text = text.strip().replace(",", ".")
    if not text or not _PARTIAL.fullmatch(text):
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def plain_number(value: float, decimal_point: str = ".") -> str:
    """``value`` to nine significant digits without an exponent or trailing zeros: 0.0000001, 1000."""
    text = format(Decimal(f"{value:.{SIGNIFICANT_DIGITS}g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", decimal_point)


def round_step(value: float, smallest: float) -> float:
    """A round step for ``value``: the 1, 2 or 5 times a power of ten at or below a tenth of it
    (50 steps by 5, 30 by 2, 12 by 1), never below ``smallest``."""
    tenth = abs(value) / 10.0
    if not tenth > smallest:
        return smallest
    decade = 10.0 ** math.floor(math.log10(tenth))
    return max(m * decade for m in (1.0, 2.0, 5.0) if m * decade <= tenth * (1 + 1e-9))


class NumberSpin(QDoubleSpinBox):
    """A QDoubleSpinBox for one named quantity; emits refused(message) when typed text is refused."""

    refused = Signal(str)

    def __init__(
        self, field: str, unit: str = "", *, round_steps: bool = False, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.field = field  # "Thickness": the start of a refusal message
        self.unit = unit  # the unit the value is in, for messages ("" when the suffix says it)
        self.allowed = ""  # the allowed range in words; empty: from the range and the unit
        self._round_steps = round_steps
        self._pending = ""  # set by fixup, shown when the edit ends
        self._shown = ""
        self.setDecimals(10)  # the value keeps what was typed; textFromValue shows it plainly
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.lineEdit().textEdited.connect(self._clear_refusal)
        self.valueChanged.connect(self._clear_refusal)
        self.editingFinished.connect(self._show_refusal)

    # -- text <-> value ---------------------------------------------------------------------------
    def _number_text(self, text: str) -> str:
        """The text without prefix and suffix (also when the user shortened the suffix)."""
        text = text.strip()
        for part in (self.prefix().strip(), self.suffix().strip()):
            if part and text.startswith(part):
                text = text[len(part) :]
            if part and text.endswith(part):
                text = text[: -len(part)]
        return text.strip()

    def textFromValue(self, value: float) -> str:
        return plain_number(value, self.locale().decimalPoint())

    def valueFromText(self, text: str) -> float:
        if self.specialValueText() and text == self.specialValueText():
            return self.minimum()
        value = parse_number(self._number_text(text))
        return self.value() if value is None else value

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return self._state(text), text, pos

    def _state(self, text: str) -> QValidator.State:
        if self.specialValueText() and text == self.specialValueText():
            return QValidator.State.Acceptable
        number = self._number_text(text)
        value = parse_number(number)
        if value is not None and self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable
        if value is not None or _PARTIAL.fullmatch(number.replace(",", ".")):
            return QValidator.State.Intermediate  # refused only when the edit ends (fixup)
        return QValidator.State.Invalid

    def fixup(self, text: str) -> str:
        # Qt asks for a fix when an edit ends on text that is not acceptable, then shows the value
        # it had: the design is unchanged, and the message says why.
        number = self._number_text(text)
        value = parse_number(number)
        if value is None:
            typed = number or "an empty field"
            self._pending = f"{self.field}: {typed} is not a number ({self.allowed_text()})"
        else:
            shown = f"{number} {self.unit_text()}".strip()
            self._pending = f"{self.field}: {shown} is outside the allowed range {self.allowed_text()}"
        return text

    def allowed_text(self) -> str:
        if self.allowed:
            return self.allowed
        low, high = (plain_number(v, self.locale().decimalPoint()) for v in (self.minimum(), self.maximum()))
        return f"{low} to {high} {self.unit_text()}".strip()

    def unit_text(self) -> str:
        return self.unit or self.suffix().strip()

    # -- steps -------------------------------------------------------------------------------------
    def stepBy(self, steps: int) -> None:
        if not self._round_steps:
            super().stepBy(steps)
            return
        value = self.value()
        # Downwards the step of the value just below: 10 goes to 9.5, not to 9.
        step = round_step(value * (1 - 1e-9) if steps < 0 else value, 10.0**-3)
        multiples = math.floor(value / step + 1e-9) if steps > 0 else math.ceil(value / step - 1e-9)
        self.setValue((multiples + steps) * step)
        self.selectAll()

    # -- refusal -----------------------------------------------------------------------------------
    def refusal(self) -> str:
        """The message of the refusal still shown ("" once the field holds a new value)."""
        return self._shown

    def _show_refusal(self) -> None:
        message, self._pending = self._pending, ""
        if not message:
            return
        self._shown = message
        self.lineEdit().setStyleSheet(REFUSED_STYLE)
        self.setToolTip(message)
        QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
        show_status(self, message)
        self.refused.emit(message)

    def _clear_refusal(self, *_: object) -> None:
        if self._shown:
            self.lineEdit().setStyleSheet("")
            self.setToolTip("")
        self._pending = self._shown = ""
