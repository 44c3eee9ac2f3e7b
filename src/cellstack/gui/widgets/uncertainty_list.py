"""Explore → Uncertainties…: every uncertainty the design carries, to edit or remove, and any
numeric input of the design (a material's density, a cell dimension) to give one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cellstack.gui.document import Document
from cellstack.io.field_listing import numeric_paths
from cellstack.io.field_table import parse_path
from cellstack.io.uncertainties import entry_text
from cellstack.io.uncertainty_edits import without_uncertainty

_COLUMNS = ("Input", "Uncertainty", "Unit", "Source")


class UncertaintyList(QWidget):
    """A table of the design's uncertainties; Edit… opens the input's dialog, Remove is undoable."""

    def __init__(
        self, document: Document, edit: Callable[[str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uncertaintyList")
        self.setWindowTitle("Uncertainties — CellStack")
        self.document = document
        self._edit = edit
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("uncertaintyListTable")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._edit_row(row))
        self.table.itemSelectionChanged.connect(self._enable_row_buttons)
        self.empty = QLabel(
            "No input carries an uncertainty. Right-click a field of the layer editor → Uncertainty…."
        )
        self.empty.setWordWrap(True)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("uncertaintyEdit")
        self.edit_button.clicked.connect(lambda: self._edit_row(self.table.currentRow()))
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("uncertaintyListRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.choice = QComboBox()
        self.choice.setObjectName("uncertaintyInputChoice")
        self.choice.setToolTip("Any numeric input of the design, by field path")
        self.add_button = QPushButton("&Set…")
        self.add_button.setObjectName("uncertaintyAdd")
        self.add_button.clicked.connect(self.set_chosen)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Input"))
        buttons.addWidget(self.choice, 1)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        document.stackChanged.connect(self.refresh)
        self.refresh()

    def paths(self) -> list[str]:
        return [u.path for u in self.document.project.uncertainties]

    def refresh(self) -> None:
        items = self.document.project.uncertainties
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            unit = parse_path(item.path).field.unit
            for column, text in enumerate((item.path, entry_text(item), unit, item.source)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not items)
        self._enable_row_buttons()
        chosen = self.choice.currentText()
        self.choice.blockSignals(True)
        self.choice.clear()
        # Counts (units, plates) cannot be uncertain: the samples would not be whole numbers.
        self.choice.addItems([p.text for p in numeric_paths(self.document.project) if not p.field.integer])
        self.choice.setCurrentIndex(max(self.choice.findText(chosen), 0))
        self.choice.blockSignals(False)

    def _enable_row_buttons(self) -> None:
        """Edit and Remove act on the selected row: with none selected they would do nothing."""
        selected = self.table.selectionModel().hasSelection() and 0 <= self.table.currentRow() < len(
            self.paths()
        )
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(selected)

    def set_chosen(self) -> None:
        """Set or change the uncertainty of the input chosen in the list of all inputs."""
        if self.choice.currentText():
            self._edit(self.choice.currentText())

    def _edit_row(self, row: int) -> None:
        paths = self.paths()
        if 0 <= row < len(paths):
            self._edit(paths[row])

    def remove_selected(self) -> None:
        paths = self.paths()
        row = self.table.currentRow()
        if 0 <= row < len(paths):
            path = paths[row]
            self.document.push_project(
                without_uncertainty(self.document.project, path), f"Remove uncertainty of {path}"
            )
