"""Composite electrode settings: the electrolyte phase, volume fractions, particles, coating."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Material, Role
from cellstack.gui.document import Document

# A starting composite for a user who ticks the box: a typical sulfide-SSB cathode recipe
# (about 60 vol% active, 35 vol% solid electrolyte), for them to adjust.
_START_ACTIVE = 0.60
_START_ELECTROLYTE = 0.35
_PREFERRED_ELECTROLYTE = "li6ps5cl"
# The smallest active fraction the box shows above zero. An electrode without active material
# stores no charge, and the voltage and capacity models divide by the active amount.
MIN_ACTIVE_FRACTION = 0.001
# Divided, not multiplied by 1e-9: 1000 nm * 1e-9 is 1.0000000000000002e-06 m, a hair above the
# model's 1 µm limit for a coating, while 1000 / 1e9 is exactly the limit the box shows.
_NM_PER_M = 1e9
_UM_PER_M = 1e6


def _spin(name: str, low: float, high: float, step: float, decimals: int = 3) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    spin.setKeyboardTracking(False)
    return spin


class CompositeEditor(QGroupBox):
    edited = Signal(object, str, object)  # new layer, undo text, merge field (or None)
    gestureEnded = Signal()
    refused = Signal(str)  # a value the model does not accept: the one-line reason

    def __init__(self, document: Document) -> None:
        super().__init__("Composite electrode")
        self.setObjectName("compositeEditor")
        self.document = document
        self._layer: Layer | None = None
        self._loading = False
        library = document.library
        self.enabled_box = QCheckBox("Particles in a solid-electrolyte matrix")
        self.enabled_box.setObjectName("compositeEnabled")
        self.electrolyte = self._material_combo(
            "compositeElectrolyte", library.by_role(Role.ELECTROLYTE), False
        )
        self.active = _spin("activeFraction", 0.0, 1.0, 0.01)
        self.electrolyte_fraction = _spin("electrolyteFraction", 0.0, 1.0, 0.01)
        self.additive = self._material_combo("compositeAdditive", library.by_role(Role.ADDITIVE), True)
        self.additive_fraction = _spin("additiveFraction", 0.0, 1.0, 0.005)
        self.radius = _spin("particleRadius", 0.01, 1000.0, 0.5, 2)
        self.radius.setSuffix(" µm")
        self.bruggeman = _spin("bruggemanExponent", 1.0, 10.0, 0.1, 2)
        self.coating = self._material_combo("compositeCoating", library.by_role(Role.BUFFER), True)
        self.coating_thickness = _spin("coatingThickness", 0.0, 1000.0, 1.0, 1)
        self.coating_thickness.setSuffix(" nm")
        self.porosity = QLabel("—")
        self.porosity.setObjectName("compositePorosity")
        form = QFormLayout(self)
        form.addRow(self.enabled_box)
        form.addRow("Electrolyte phase", self.electrolyte)
        form.addRow("Active fraction (vol)", self.active)
        form.addRow("Electrolyte fraction (vol)", self.electrolyte_fraction)
        form.addRow("Additive", self.additive)
        form.addRow("Additive fraction (vol)", self.additive_fraction)
        form.addRow("Porosity (remainder)", self.porosity)
        form.addRow("Particle radius", self.radius)
        form.addRow("Bruggeman exponent", self.bruggeman)
        form.addRow("Particle coating", self.coating)
        form.addRow("Coating thickness", self.coating_thickness)
        self.enabled_box.toggled.connect(self._toggled)
        for combo in (self.electrolyte, self.additive, self.coating):
            combo.currentIndexChanged.connect(lambda *_: self._changed(None))
        for spin, field in (
            (self.active, "active"),
            (self.electrolyte_fraction, "electrolyte"),
            (self.additive_fraction, "additive"),
            (self.radius, "radius"),
            (self.bruggeman, "bruggeman"),
            (self.coating_thickness, "coating"),
        ):
            spin.valueChanged.connect(lambda _v, f=field: self._changed(f"composite.{f}"))
            spin.editingFinished.connect(self.gestureEnded)

    def _material_combo(self, name: str, materials: list[Material], optional: bool) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        if optional:
            combo.addItem("none", "")
        for material in materials:
            combo.addItem(material.name, material.id)
        return combo

    def set_layer(self, layer: Layer | None) -> None:
        self._layer = layer
        electrode = layer is not None and layer.role.is_electrode
        self.setVisible(electrode)
        if layer is None or not electrode:
            return
        self._loading = True
        try:
            composite = layer.composite
            self.enabled_box.setChecked(composite is not None)
            for widget in (
                self.electrolyte,
                self.active,
                self.electrolyte_fraction,
                self.additive,
                self.additive_fraction,
                self.radius,
                self.bruggeman,
                self.coating,
                self.coating_thickness,
            ):
                widget.setEnabled(composite is not None)
            if composite is None:
                self.porosity.setText("—")
                return
            self.electrolyte.setCurrentIndex(max(self.electrolyte.findData(composite.electrolyte.id), 0))
            self.active.setValue(composite.active_fraction)
            self.electrolyte_fraction.setValue(composite.electrolyte_fraction)
            additive = composite.additive.id if composite.additive is not None else ""
            self.additive.setCurrentIndex(max(self.additive.findData(additive), 0))
            self.additive_fraction.setValue(composite.additive_fraction)
            self.radius.setValue(composite.particle_radius_m / u.UM)
            self.bruggeman.setValue(composite.bruggeman)
            coating = composite.coating.id if composite.coating is not None else ""
            self.coating.setCurrentIndex(max(self.coating.findData(coating), 0))
            self.coating_thickness.setValue(composite.coating_thickness_m / u.NM)
            self.porosity.setText(f"{composite.porosity:.3f}")
        finally:
            self._loading = False

    def _material(self, combo: QComboBox) -> Material | None:
        material_id = combo.currentData()
        return self.document.library.materials.get(material_id) if material_id else None

    def _toggled(self, on: bool) -> None:
        layer = self._layer
        if self._loading or layer is None:
            return
        if not on:
            self.edited.emit(replace(layer, composite=None), "Make layer dense", None)
            return
        library = self.document.library.materials
        electrolyte = (
            library.get(_PREFERRED_ELECTROLYTE) or self.document.library.by_role(Role.ELECTROLYTE)[0]
        )
        composite = Composite(electrolyte, _START_ACTIVE, _START_ELECTROLYTE)
        self.edited.emit(replace(layer, composite=composite, porosity=0.0), "Make layer composite", None)

    def _changed(self, merge_field: str | None) -> None:
        layer = self._layer
        if self._loading or layer is None or layer.composite is None:
            return
        electrolyte = self._material(self.electrolyte)
        if electrolyte is None:
            return
        try:
            if self.active.value() < MIN_ACTIVE_FRACTION:
                raise InputError(
                    "composite.active_fraction", self.active.value(), f"{MIN_ACTIVE_FRACTION:g} to 1"
                )
            composite = Composite(
                electrolyte=electrolyte,
                active_fraction=self.active.value(),
                electrolyte_fraction=self.electrolyte_fraction.value(),
                additive=self._material(self.additive),
                additive_fraction=self.additive_fraction.value() if self._material(self.additive) else 0.0,
                particle_radius_m=self.radius.value() / _UM_PER_M,
                bruggeman=self.bruggeman.value(),
                coating=self._material(self.coating),
                coating_thickness_m=self.coating_thickness.value() / _NM_PER_M
                if self._material(self.coating)
                else 0.0,
            )
        except InputError as exc:
            self.refused.emit(exc.one_line())
            self.porosity.setText(f"<span style='color:#c0392b'>{html.escape(exc.allowed)}</span>")
            return
        self.edited.emit(replace(layer, composite=composite), "Change composite", merge_field)
