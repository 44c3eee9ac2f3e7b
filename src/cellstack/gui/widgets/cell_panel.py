"""The Cell panel: the format around the stack (planar, stacked pouch, coin, thin-film chip), its
dimensions and housing in lab units, a pressure fixture and a liquid fill. Every edit undoable."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.cell import Planar, StackedPouch
from cellstack.core.cell.repeat_unit import repeat_unit
from cellstack.gui.document import Document
from cellstack.gui.widgets.cell_defaults import FORMAT_NAMES, default_format
from cellstack.gui.widgets.cell_fields import (
    chip_fields,
    coin_fields,
    fill_fields,
    fixture_fields,
    simulation_fields,
)
from cellstack.gui.widgets.cell_view import CellView
from cellstack.gui.widgets.design_form import DesignForm
from cellstack.gui.widgets.pouch_fields import pouch_fields

PLANAR_NOTE = (
    "One stack over its own area, as the layer editor defines it: the substrate and packaging "
    "layers of the stack are the housing. Pick a format to build a cell around the stack."
)


class CellPanel(QScrollArea):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("cellPanel")
        self.document = document
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.view = CellView(document)
        layout.addWidget(self.view)

        layout.addWidget(self._format_group(document))

        fixture_box = QGroupBox("Pressure fixture")
        self.fixture_form = DesignForm(document, fixture_fields(), "fixtureForm")
        QVBoxLayout(fixture_box).addWidget(self.fixture_form)
        layout.addWidget(fixture_box)
        fill_box = QGroupBox("Electrolyte fill")
        self.fill_form = DesignForm(document, fill_fields(), "fillForm")
        QVBoxLayout(fill_box).addWidget(self.fill_form)
        layout.addWidget(fill_box)
        energy_box = QGroupBox("Energy")
        self.simulation_form = DesignForm(document, simulation_fields(), "simulationForm")
        QVBoxLayout(energy_box).addWidget(self.simulation_form)
        layout.addWidget(energy_box)

        self.notes = QLabel("")
        self.notes.setObjectName("cellNotes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.status = QLabel("")
        self.status.setObjectName("cellStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #c0392b")
        layout.addWidget(self.status)
        layout.addStretch(1)
        for combo in body.findChildren(QComboBox):  # long names must not widen the dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        for form in (*self.forms.values(), self.fixture_form, self.fill_form, self.simulation_form):
            form.refused.connect(self.status.setText)
        document.stackChanged.connect(self.load)
        document.editRefused.connect(self._refused)
        self.load()

    def _format_group(self, document: Document) -> QGroupBox:
        format_box = QGroupBox("Format")
        format_layout = QVBoxLayout(format_box)
        chooser = QFormLayout()
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("cellFormat")
        for kind, name in FORMAT_NAMES.items():
            self.format_combo.addItem(name, kind)
        chooser.addRow("Cell format", self.format_combo)
        format_layout.addLayout(chooser)
        self.planar_note = QLabel(PLANAR_NOTE)
        self.planar_note.setWordWrap(True)
        format_layout.addWidget(self.planar_note)
        self.forms = {
            "stacked_pouch": DesignForm(document, pouch_fields(), "pouchForm"),
            "coin": DesignForm(document, coin_fields(), "coinForm"),
            "thin_film_chip": DesignForm(document, chip_fields(), "chipForm"),
        }
        for form in self.forms.values():
            format_layout.addWidget(form)
        self.fill_box = QPushButton("Fill the box with units")
        self.fill_box.setObjectName("fillBoxUnits")
        self.fill_box.setToolTip("As many repeat units as the box thickness holds with its housing walls")
        self.fill_box.clicked.connect(self._fill_box)
        format_layout.addWidget(self.fill_box)
        return format_box

    def load(self) -> None:
        project = self.document.project
        kind = project.cell_format.kind
        with QSignalBlocker(self.format_combo):
            self.format_combo.setCurrentIndex(self.format_combo.findData(kind))
        self.planar_note.setVisible(isinstance(project.cell_format, Planar))
        fmt = project.cell_format
        self.fill_box.setVisible(isinstance(fmt, StackedPouch) and fmt.box_thickness_m is not None)
        for form_kind, form in self.forms.items():
            form.setVisible(form_kind == kind)
            if form_kind == kind:
                form.load(project)
        self.fixture_form.load(project)
        self.fill_form.load(project)
        self.simulation_form.load(project)
        notes = self.document.cell_metrics.notes
        self.notes.setText("".join(f"<p>ℹ {html.escape(n)}</p>" for n in notes))
        self.status.setText("")

    def _format_chosen(self) -> None:
        kind = self.format_combo.currentData()
        if not isinstance(kind, str) or kind == self.document.project.cell_format.kind:
            return
        name = FORMAT_NAMES[kind].split(" (")[0]
        if not self.document.set_cell_format(default_format(kind), f"Change cell format to {name}"):
            self.load()

    def _fill_box(self) -> None:
        fmt = self.document.project.cell_format
        if not isinstance(fmt, StackedPouch) or fmt.box_thickness_m is None:
            return
        unit = repeat_unit(self.document.stack, self.document.metrics)
        units = fmt.units_to_fill(unit, fmt.box_thickness_m)
        if units == 0:
            box_mm = fmt.box_thickness_m * 1e3
            self.status.setText(f"Box thickness = {box_mm:g} mm holds no unit with its housing walls")
            return
        self.document.set_cell_format(replace(fmt, units=units), "Fill the box with units")

    def _refused(self, reason: str) -> None:
        self.load()
        self.status.setText(reason)

    def refusal(self) -> str:
        return self.status.text()
