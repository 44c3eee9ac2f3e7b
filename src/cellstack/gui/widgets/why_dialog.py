"""“Why this number?”: any value of the metrics panel opened (double-click or context menu) to its
formula, the inputs with values, units and sources, and the level it refers to."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from cellstack.gui.display_units import CAPACITY_UNITS, ENERGY_UNITS, MASS_UNITS, DisplayUnits, units_shown
from cellstack.gui.document import Document
from cellstack.gui.widgets.value_field import ValueField

# The explanations (and the report modules they share with the PDF) load when the first one is
# opened: imported with the panel, they added a tenth of a second to every start.
if TYPE_CHECKING:
    from cellstack.report.explanations import Explanation, ShownUnits

WHY_TEXT = "Why this number?"


def report_units(units: DisplayUnits) -> ShownUnits:
    """The units chosen in Preferences as the explanations write them (an automatic mass in g)."""
    from cellstack.report.explanations import ShownUnits

    mass = (units.mass, MASS_UNITS[units.mass]) if units.mass in MASS_UNITS else ("g", 1e-3)
    return ShownUnits(
        (units.capacity, CAPACITY_UNITS[units.capacity]),
        (units.energy, ENERGY_UNITS[units.energy]),
        units.power_unit(),
        mass,
    )


def explanation_html(explanation: Explanation) -> str:
    from cellstack.report.layer_table import ESTIMATE_MARK, OVERRIDE_MARK

    e = html.escape
    rows = "".join(
        "<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in explanation.inputs.rows
    )
    headers = "".join(f"<th align='left'>{e(h)}</th>" for h in explanation.inputs.headers)
    references = "".join(
        f"<li value='{c.number}'>[{c.number}] {e(c.text)} <small>({e(c.key)})</small></li>"
        for c in explanation.references
    )
    return (
        f"<h3>{e(explanation.title)}: {e(explanation.value)}</h3>"
        f"<p><b>Level:</b> {e(explanation.level)}</p>"
        f"<p><b>Formula:</b> {e(explanation.formula)}</p>"
        f"<p><b>Inputs</b></p><table cellspacing='0' cellpadding='3' border='1'>"
        f"<tr>{headers}</tr>{rows}</table>"
        + (f"<p><b>Sources</b></p><ul style='list-style: none'>{references}</ul>" if references else "")
        + "<p><small>Values as the computation used them, with the numbers of their sources, as in "
        f"the PDF summary. {OVERRIDE_MARK} value overridden for this layer; {ESTIMATE_MARK} an "
        "estimate (a typical value, not a measurement).</small></p>"
    )


class WhyDialog(QDialog):
    def __init__(self, explanation: Explanation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whyDialog")
        self.setWindowTitle(f"{WHY_TEXT} {explanation.title}")
        self.explanation = explanation
        self.browser = QTextBrowser()
        self.browser.setObjectName("whyText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(explanation_html(explanation))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 560)  # fits 1366 x 768


class WhyOpener(QObject):
    """Opens the dialog from the panel's value fields: double-click, or the context menu."""

    def __init__(self, document: Document, fields: dict[str, ValueField], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("whyOpener")
        self._document = document
        self._keys = {id(field): key for key, field in fields.items()}
        self.dialog: WhyDialog | None = None
        for key, field in fields.items():
            field.installEventFilter(self)
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            field.customContextMenuRequested.connect(lambda point, f=field, k=key: self._menu(f, k, point))
            hint = f"Double-click or right-click: {WHY_TEXT}"
            field.setWhatsThis(hint)
            field.setStatusTip(hint)  # shown in the status bar while the pointer is over the value

    def open(self, key: str) -> WhyDialog:
        from cellstack.report.explanations import explain

        document = self._document
        units = report_units(units_shown())
        explanation = explain(key, document.stack, document.cell_metrics, document.library, units)
        if self.dialog is not None:
            self.dialog.close()
        parent = self.parent()
        self.dialog = WhyDialog(explanation, parent if isinstance(parent, QWidget) else None)
        self.dialog.show()
        return self.dialog

    def _menu(self, field: ValueField, key: str, point: QPoint) -> None:
        menu = QMenu(field)
        menu.addAction(WHY_TEXT).triggered.connect(lambda: self.open(key))
        copy = menu.addAction("Copy")
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(field.text()))
        menu.exec(field.mapToGlobal(point))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            key = self._keys.get(id(watched))
            if key is not None:
                self.open(key)
                return True
        return False


def install_why(panel: QWidget, document: Document, fields: dict[str, ValueField]) -> WhyOpener:
    return WhyOpener(document, fields, panel)
