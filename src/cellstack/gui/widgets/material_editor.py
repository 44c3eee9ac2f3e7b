"""A material of the user's own, made by duplicating a library record: every property with its
unit, source text and quality, saved to the user's folder (docs/own-data.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.material import Material
from cellstack.core.sourced import Quality, Sourced
from cellstack.io.material_records import RECORD_SPECS
from cellstack.io.user_library import USER_ORIGIN, save_user_material

_QUALITIES = [q.value for q in Quality]


class MaterialEditor(QDialog):
    """Edits a copy of ``material``; ``save`` writes it to the user's folder (or says why not)."""

    def __init__(self, material: Material, installed: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialEditor")
        self.setWindowTitle(f"My material from {material.name}")
        self._base = material
        self._installed = installed
        self.saved_to: Path | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.id_edit = QLineEdit(f"{material.id}_mine", self)
        self.name_edit = QLineEdit(f"{material.name} (mine)", self)
        form.addRow("Id (file name):", self.id_edit)
        form.addRow("Name:", self.name_edit)
        layout.addLayout(form)
        self.table = QTableWidget(len(RECORD_SPECS), 4, self)
        self.table.setObjectName("materialProperties")
        self.table.setHorizontalHeaderLabels(["Value", "Unit", "Source", "Quality"])
        self.table.setVerticalHeaderLabels([spec.key.replace("_", " ") for spec in RECORD_SPECS])
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, spec in enumerate(RECORD_SPECS):
            value = getattr(material.properties, spec.field)
            shown = "" if value is None else f"{value.value / spec.factor:.6g}"
            self.table.setItem(row, 0, QTableWidgetItem(shown))
            unit = QTableWidgetItem(spec.unit)
            unit.setFlags(unit.flags() & ~unit.flags().ItemIsEditable)
            self.table.setItem(row, 1, unit)
            self.table.setItem(row, 2, QTableWidgetItem("" if value is None else value.source))
            quality = QComboBox(self.table)
            quality.addItems(_QUALITIES)
            quality.setCurrentText(Quality.REPORTED.value if value is None else value.quality.value)
            self.table.setCellWidget(row, 3, quality)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        self.message = QLabel(self)
        self.message.setObjectName("materialMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 600)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def set_value(self, key: str, text: str, source: str = "") -> None:
        row = [spec.key for spec in RECORD_SPECS].index(key)
        self.table.setItem(row, 0, QTableWidgetItem(text))
        self.table.setItem(row, 2, QTableWidgetItem(source))

    def material(self) -> Material:
        """The edited record; InputError naming the property for a value that is not a number."""
        changes: dict[str, Any] = {}
        for row, spec in enumerate(RECORD_SPECS):
            text = self._text(row, 0)
            if not text:
                changes[spec.field] = None
                continue
            try:
                number = float(text)
            except ValueError:
                raise InputError(spec.key, text, f"a number in {spec.unit}") from None
            if not spec.low <= number <= spec.high or (spec.positive and number == 0):
                raise InputError(spec.key, number, f"a number from {spec.low:g} to {spec.high:g} {spec.unit}")
            source = self._text(row, 2) or "user"
            widget = self.table.cellWidget(row, 3)
            quality = Quality(widget.currentText()) if isinstance(widget, QComboBox) else Quality.USER
            changes[spec.field] = Sourced(number * spec.factor, source, quality)
        properties = replace(self._base.properties, **changes)
        return replace(
            self._base,
            id=self.id_edit.text().strip(),
            name=self.name_edit.text().strip(),
            properties=properties,
            origin=USER_ORIGIN,
        )

    def save(self) -> None:
        try:
            self.saved_to = save_user_material(self.material(), self._installed)
        except InputError as exc:
            self.message.setText(f"Not saved: {exc.one_line()}")
            return
        except OSError as exc:
            self.message.setText(f"Not saved: {exc}")
            return
        self.accept()
