"""The layer editor: thickness, role, porosity, deposition method and property overrides."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.text_input import clean_text
from cellstack.gui.widgets.composite_editor import CompositeEditor
from cellstack.gui.widgets.lab_unit_fields import LabUnitFields
from cellstack.gui.widgets.number_spin import NumberSpin
from cellstack.gui.widgets.overrides_table import OverridesTable
from cellstack.gui.widgets.quantity_spin import ThicknessEdit
from cellstack.gui.widgets.sweep_this import install_sweep_this
from cellstack.io.material_records import SPEC_BY_KEY
from cellstack.io.project_model import MAX_LABEL_CHARS


class LayerEditor(QScrollArea):
    """Edits the selected layer; every change is one undoable command on the document."""

    sweepRequested = Signal(str)  # the field path of an input to sweep (right-click "Sweep this…")
    uncertaintyRequested = Signal(str)  # the field path of an input to set the uncertainty of

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("layerEditor")
        self.document = document
        self.setWidgetResizable(True)
        self._gesture = 0  # increments when an edit gesture ends, so the next one is a new undo step
        self._loading = False
        self._loaded: tuple[int, str] | None = None  # (index, material id) the fields show
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        self.heading = QLabel("Select a layer to edit it.")
        self.heading.setObjectName("layerHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        self.basic = self._basic_group()
        layout.addWidget(self.basic)
        self.lab_units = LabUnitFields()
        layout.addWidget(self.lab_units)

        self.composite = CompositeEditor(document)
        layout.addWidget(self.composite)
        self.overrides = OverridesTable(document)
        # The property names and library values share the width the override column leaves:
        # sized to their contents they pushed the override column out of the dock.
        header = self.overrides.table.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.overrides)
        self.status = QLabel("")
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #c0392b")
        layout.addWidget(self.status)
        layout.addStretch(1)
        # Combo boxes are as wide as their longest entry (a library name of 60 characters), which
        # pushed the thickness field out of the dock behind a horizontal scroll bar; the lists
        # that drop down still show the whole names.
        for combo in body.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self._install_field_menus()
        self._connect()
        document.selectionChanged.connect(self.load)
        document.stackChanged.connect(self.load)
        document.editRefused.connect(self._refused)
        self.load()

    def _connect(self) -> None:
        self.thickness.valueChanged.connect(self._thickness_changed)
        self.porosity.valueChanged.connect(self._porosity_changed)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.label_edit.editingFinished.connect(self._label_changed)
        self.deposition.currentIndexChanged.connect(self._deposition_changed)
        self.lab_units.thicknessWanted.connect(self._lab_thickness)
        self.lab_units.layerWanted.connect(self._apply)
        self.composite.edited.connect(self._apply)
        self.overrides.edited.connect(self._apply)
        for ended in (self.thickness.editingFinished, self.porosity.editingFinished,
                      self.lab_units.gestureEnded, self.composite.gestureEnded):  # fmt: skip
            ended.connect(self._end_gesture)
        for refused in (self.thickness.refused, self.porosity.refused, self.lab_units.refused):
            refused.connect(self.status.setText)
        self.composite.refused.connect(self._refused)

    def _basic_group(self) -> QGroupBox:
        group = QGroupBox("Layer")
        form = QFormLayout(group)
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("layerLabel")
        self.label_edit.setPlaceholderText("name shown in the stack")
        # What the file format keeps: a longer label could not be saved.
        self.label_edit.setMaxLength(MAX_LABEL_CHARS)
        self.role = QComboBox()
        self.role.setObjectName("layerRole")
        self.thickness = ThicknessEdit()
        self.porosity = NumberSpin("Porosity", "(volume fraction)")
        self.porosity.setObjectName("porositySpin")
        self.porosity.setRange(0.0, 0.95)
        self.porosity.setSingleStep(0.01)
        self.deposition = QComboBox()
        self.deposition.setObjectName("depositionMethod")
        self.deposition.addItem("—", "")
        for method_id, method in sorted(self.document.library.deposition.items(), key=lambda kv: kv[1].name):
            self.deposition.addItem(method.name, method_id)
        form.addRow("Label", self.label_edit)
        form.addRow("Role", self.role)
        form.addRow("Thickness", self.thickness)
        form.addRow("Porosity", self.porosity)
        form.addRow("Deposition", self.deposition)
        return group

    # -- model -> widgets ----------------------------------------------------------------------
    def load(self, *_: object) -> None:
        layer = self.document.selected_layer()
        self._loading = True
        try:
            self.basic.setEnabled(layer is not None)
            self.lab_units.set_layer(layer, self.document.selected, self.document.metrics)
            self.composite.set_layer(layer)
            self.overrides.set_layer(layer)
            if layer is None:
                self.heading.setText("Select a layer to edit it.")
                self._loaded = None
                return
            same_layer = self._loaded == (self.document.selected, layer.material.id)
            self._loaded = (self.document.selected, layer.material.id)
            material = layer.material
            formula = f" — {material.formula}" if material.formula else ""
            self.heading.setText(
                f"<b>{material.name}</b>{formula}<br><small>library id: {material.id}</small>"
            )
            if self.label_edit.text() != layer.label:
                self.label_edit.setText(layer.label)
            roles = [r.value for r in dict.fromkeys((layer.role, *material.roles)) if r is not Role.ADDITIVE]
            if roles != [self.role.itemData(i) for i in range(self.role.count())]:
                self.role.clear()
                for role in roles:
                    self.role.addItem(role.replace("_", " "), role)
            self.role.setCurrentIndex(self.role.findData(layer.role.value))
            self.thickness.set_metres(layer.thickness_m, keep_unit=same_layer)
            self.porosity.setEnabled(layer.composite is None)
            self.porosity.setValue(layer.porosity)
            index = self.deposition.findData(layer.deposition_method or "")
            self.deposition.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False

    # -- widgets -> model ----------------------------------------------------------------------
    def _apply(self, layer: Layer, text: str, merge_field: str | None = None) -> None:
        index = self.document.selected
        if index < 0 or self._loading:
            return
        merge_key = f"{merge_field}:{index}:{self._gesture}" if merge_field else None
        self.status.setText("")
        self.document.replace_layer(index, layer, text, merge_key)

    def _edit(self, text: str, merge_field: str | None = None, **changes: object) -> None:
        layer = self.document.selected_layer()
        if layer is None or self._loading:
            return
        try:
            changed = replace(layer, **changes)  # type: ignore[arg-type]
        except InputError as exc:
            self.status.setText(exc.one_line())
            self.load()  # the fields show what the design holds, not the refused value
            return
        self._apply(changed, text, merge_field)

    def _refused(self, reason: str) -> None:
        # The widgets go back to what the document holds; the reason stays in view.
        self.load()
        self.status.setText(reason)

    def _end_gesture(self) -> None:
        self._gesture += 1

    def _install_field_menus(self) -> None:
        """Right-click on a numeric field: "Sweep this…" and "Uncertainty…" for its field path."""
        c = self.composite
        for field, key, composite in (
            (self.thickness.spin, "thickness_um", False),
            (self.porosity, "porosity", False),
            (c.active, "active_fraction", True),
            (c.electrolyte_fraction, "electrolyte_fraction", True),
            (c.additive_fraction, "additive_fraction", True),
            (c.radius, "particle_radius_um", True),
            (c.bruggeman, "bruggeman", True),
            (c.coating_thickness, "coating_thickness_nm", True),
        ):
            path = partial(self._field_path, key, composite)
            install_sweep_this(field, path, self.sweepRequested.emit, self.uncertaintyRequested.emit)
        for key, edit in self.overrides.edits.items():
            path = partial(self._override_path, key)
            install_sweep_this(edit, path, self.sweepRequested.emit, self.uncertaintyRequested.emit)

    def _field_path(self, key: str, composite: bool = False) -> str | None:
        """The path of the selected layer's field ``key`` (None: no layer, or no composite)."""
        index = self.document.selected
        layer = self.document.selected_layer()
        if layer is None or (composite and layer.composite is None):
            return None
        return f"stack.layers[{index}].{'composite.' if composite else ''}{key}"

    def _override_path(self, key: str) -> str | None:
        """The path of the selected layer's override ``key`` (None: the layer does not override it)."""
        layer = self.document.selected_layer()
        if layer is None or SPEC_BY_KEY[key].field not in dict(layer.overrides):
            return None
        return f"stack.layers[{self.document.selected}].overrides.{key}"

    def _thickness_path(self) -> str | None:
        return self._field_path("thickness_um")

    def _thickness_changed(self, metres: float) -> None:
        self._edit("Change thickness", "thickness", thickness_m=metres)

    def _lab_thickness(self, metres: float, text: str, key: str) -> None:
        # One undoable thickness change, merged over a drag like the thickness field's own.
        self._edit(text, f"lab-{key}", thickness_m=metres)

    def _porosity_changed(self, value: float) -> None:
        self._edit("Change porosity", "porosity", porosity=value)

    def _role_changed(self) -> None:
        value = self.role.currentData()
        if isinstance(value, str):
            layer = self.document.selected_layer()
            if layer is not None and layer.role.value != value:
                composite = layer.composite if Role(value).is_electrode else None
                self._edit("Change role", role=Role(value), composite=composite)

    def _label_changed(self) -> None:
        self._edit("Rename layer", label=clean_text(self.label_edit.text().strip()))

    def _deposition_changed(self) -> None:
        value = self.deposition.currentData()
        if isinstance(value, str):
            self._edit("Change deposition method", deposition_method=value)
