"""A material of the user's own: made from scratch, from a copy of any library record or layer, or
one of theirs edited again. Its id, name, formula and roles, and every property with its unit,
source text and quality, saved to the user's folder (docs/own-data.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.material import Material, Role
from cellstack.core.sourced import Quality, Sourced
from cellstack.io.material_records import RECORD_SPECS
from cellstack.io.user_library import USER_ORIGIN, delete_user_material, free_user_id, save_user_material

# What the user chooses between for a number of their own; computed and user stay offered on a
# row that already has them (a copied record keeps what it says).
OFFERED_QUALITIES = (Quality.MEASURED, Quality.REPORTED, Quality.ESTIMATE)
NEW_VALUE_QUALITY = Quality.MEASURED  # a number typed into the user's own record: their sample's
_VALUE, _UNIT, _SOURCE, _QUALITY = range(4)


def blank_material(role: Role, taken: set[str]) -> Material:
    """A record with a free id, a name and one role, and no properties yet."""
    return Material(
        id=free_user_id(f"my_{role.value}", taken),
        name=f"My {_words(role)}",
        formula="",
        roles=(role,),
        origin=USER_ORIGIN,
    )


def _words(role: Role) -> str:
    return role.value.replace("_", " ")


def quality_choices(current: Quality | None) -> list[str]:
    offered = list(OFFERED_QUALITIES)
    if current is not None and current not in offered:
        offered.append(current)
    return [q.value for q in offered]


class MaterialEditor(QDialog):
    """Edits ``material``; ``save`` writes it to the user's folder (or says why not).

    A copy (the default) gets an id and name of the user's own; ``editing`` keeps the record's id
    and replaces the user's file (renaming it when the id is changed); without ``as_copy`` the
    record (a blank one) keeps its id and name; ``title`` names the dialog.
    """

    def __init__(
        self,
        material: Material,
        installed: set[str],
        parent: QWidget | None = None,
        *,
        editing: bool = False,
        as_copy: bool = True,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("materialEditor")
        self.setWindowTitle(title or f"My material from {material.name}")
        self._base = material
        self._installed = installed
        self._editing = editing
        self.saved_to: Path | None = None
        self.saved: Material | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        copied = as_copy and not editing
        new_id = free_user_id(f"{material.id}_mine", installed) if copied else material.id
        self.id_edit = QLineEdit(new_id, self)
        self.id_edit.setObjectName("materialId")
        self.id_edit.setPlaceholderText("lowercase letters, digits and _")
        self.name_edit = QLineEdit(f"{material.name} (mine)" if copied else material.name, self)
        self.name_edit.setObjectName("materialName")
        self.formula_edit = QLineEdit(material.formula, self)
        self.formula_edit.setObjectName("materialFormula")
        form.addRow("Id (file name):", self.id_edit)
        form.addRow("Name:", self.name_edit)
        form.addRow("Formula:", self.formula_edit)
        form.addRow("Roles:", self._role_boxes(material))
        layout.addLayout(form)
        self.table = self._property_table(material)
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
        self.resize(760, 640)

    def _role_boxes(self, material: Material) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(_words(role), holder)
            box.setObjectName(f"materialRole_{role.value}")
            box.setChecked(role in material.roles)
            row.addWidget(box)
            self.role_boxes[role] = box
        row.addStretch(1)
        return holder

    def _property_table(self, material: Material) -> QTableWidget:
        table = QTableWidget(len(RECORD_SPECS), 4, self)
        table.setObjectName("materialProperties")
        table.setHorizontalHeaderLabels(["Value", "Unit", "Source", "Quality"])
        table.setVerticalHeaderLabels([spec.key.replace("_", " ") for spec in RECORD_SPECS])
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_SOURCE, QHeaderView.ResizeMode.Stretch)  # the longest texts
        for row, spec in enumerate(RECORD_SPECS):
            value = getattr(material.properties, spec.field)
            shown = "" if value is None else f"{value.value / spec.factor:.6g}"
            table.setItem(row, _VALUE, QTableWidgetItem(shown))
            unit = QTableWidgetItem(spec.unit)
            unit.setFlags(unit.flags() & ~unit.flags().ItemIsEditable)
            table.setItem(row, _UNIT, unit)
            table.setItem(row, _SOURCE, QTableWidgetItem("" if value is None else value.source))
            quality = QComboBox(table)
            quality.addItems(quality_choices(None if value is None else value.quality))
            quality.setCurrentText(NEW_VALUE_QUALITY.value if value is None else value.quality.value)
            table.setCellWidget(row, _QUALITY, quality)
        table.resizeColumnsToContents()
        table.setColumnWidth(_VALUE, max(table.columnWidth(_VALUE), 110))  # room to type 6.1e-04
        return table

    def _row(self, key: str) -> int:
        return [spec.key for spec in RECORD_SPECS].index(key)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def set_value(self, key: str, text: str, source: str = "", quality: Quality | None = None) -> None:
        row = self._row(key)
        self.table.setItem(row, _VALUE, QTableWidgetItem(text))
        self.table.setItem(row, _SOURCE, QTableWidgetItem(source))
        widget = self.table.cellWidget(row, _QUALITY)
        if quality is not None and isinstance(widget, QComboBox):
            widget.setCurrentText(quality.value)

    def quality_offered(self, key: str) -> list[str]:
        widget = self.table.cellWidget(self._row(key), _QUALITY)
        assert isinstance(widget, QComboBox)
        return [widget.itemText(i) for i in range(widget.count())]

    def material(self) -> Material:
        """The edited record; InputError naming the property for a value that is not a number
        (the loader's own checks, on saving, say what is out of range)."""
        changes: dict[str, Any] = {}
        for row, spec in enumerate(RECORD_SPECS):
            text = self._text(row, _VALUE)
            if not text:
                changes[spec.field] = None
                continue
            try:
                number = float(text)
            except ValueError:
                raise InputError(spec.key, text, f"a number in {spec.unit}") from None
            source = self._text(row, _SOURCE) or "user"
            widget = self.table.cellWidget(row, _QUALITY)
            quality = Quality(widget.currentText()) if isinstance(widget, QComboBox) else Quality.USER
            changes[spec.field] = Sourced(number * spec.factor, source, quality)
        roles = tuple(role for role, box in self.role_boxes.items() if box.isChecked())
        if not roles:
            raise InputError("roles", "none", "at least one role")
        return replace(
            self._base,
            id=self.id_edit.text().strip(),
            name=self.name_edit.text().strip(),
            formula=self.formula_edit.text().strip(),
            roles=roles,
            properties=replace(self._base.properties, **changes),
            origin=USER_ORIGIN,
        )

    def save(self) -> None:
        try:
            material = self.material()
            same_file = self._editing and material.id == self._base.id
            self.saved_to = save_user_material(material, self._installed, replace_own=same_file)
            if self._editing and not same_file:
                delete_user_material(self._base.id)  # renamed: the record lives on under its new id
        except InputError as exc:
            self.message.setText(f"Not saved: {exc.one_line()}")
            return
        except OSError as exc:
            self.message.setText(f"Not saved: {exc}")
            return
        self.saved = material
        self.accept()
