"""The selected electrode's thickness as a lab states it: a cathode by its areal loading (mg/cm²)
or by the areal capacity it should hold (mAh/cm²), a lithium anode by its N/P ratio or its mass
per area (mg/cm²). Each is shown for the thickness the design holds and, when typed, becomes one
undoable thickness change (converted with cellstack.core.cell.lab_units, the same charge per
volume compute_metrics uses). A composite electrode also offers its recipe (recipe_fields), which
changes its fractions and thickness together."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox

from cellstack.core import units as u
from cellstack.core.cell import lab_units
from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import Metrics
from cellstack.gui.widgets.number_spin import NumberSpin
from cellstack.gui.widgets.recipe_fields import RecipeFields


def _single(metrics: Metrics, role: Role, index: int) -> bool:
    """Whether the layer at INDEX is the stack's only layer of ROLE (then the stack's per-area
    capacity of that electrode is this layer's own)."""
    rows = [row.index for row in metrics.layers if row.role is role]
    return rows == [index]


def _lithium_foil(layer: Layer | None) -> bool:
    """A dense lithium metal anode, whose excess a lab states in mg/cm²."""
    if layer is None or layer.role is not Role.ANODE or layer.composite is not None:
        return False
    return layer.material.family_id == "li_metal"


class LabUnitFields(QGroupBox):
    """Emits thicknessWanted(metres, undo text, field key), layerWanted(layer, undo text, None)
    for a recipe applied, and refused(message)."""

    thicknessWanted = Signal(float, str, str)
    layerWanted = Signal(object, str, object)
    refused = Signal(str)
    gestureEnded = Signal()  # a field's edit ended: the next change is a new undo step

    def __init__(self) -> None:
        super().__init__("Lab units")
        self.setObjectName("labUnits")
        form = QFormLayout(self)
        self._form = form
        self.loading = self._spin("Areal loading", "mg/cm²", "labLoading", 1e-4, 1e4)
        self.loading.setToolTip("Mass of the whole coating (all solids) per area; sets the thickness")
        self.capacity = self._spin("Areal capacity", "mAh/cm²", "labCapacity", 1e-5, 1e3)
        self.capacity.setToolTip("The capacity the cathode should hold per area; sets its thickness")
        self.np_ratio = self._spin("N/P ratio", "", "labNp", 0.01, 1000.0)
        self.np_ratio.setToolTip("Anode to cathode capacity per area; sets the lithium's thickness")
        form.addRow("Areal loading (mg/cm²)", self.loading)
        form.addRow("Areal capacity (mAh/cm²)", self.capacity)
        self.li_mass = self._spin("Lithium", "mg/cm²", "labLithiumMass", 1e-5, 1e3)
        self.li_mass.setToolTip("Mass of the lithium foil per area; sets its thickness")
        form.addRow("N/P ratio", self.np_ratio)
        form.addRow("Lithium (mg/cm²)", self.li_mass)
        self.recipe = RecipeFields()
        self.recipe.layerWanted.connect(self.layerWanted)
        self.recipe.refused.connect(self.refused)
        form.addRow(self.recipe)
        self.loading.valueChanged.connect(self._loading_edited)
        self.capacity.valueChanged.connect(self._capacity_edited)
        self.np_ratio.valueChanged.connect(self._np_edited)
        self.li_mass.valueChanged.connect(self._li_mass_edited)
        self._layer: Layer | None = None
        self._coating_kg_m3: float | None = None  # the layer's mass per volume, as computed
        self._cathode_C_m2: float | None = None

    def _spin(self, field: str, unit: str, name: str, low: float, high: float) -> NumberSpin:
        spin = NumberSpin(field, unit, round_steps=True)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.refused.connect(self.refused)
        spin.editingFinished.connect(self.gestureEnded)
        return spin

    # -- model -> widgets ----------------------------------------------------------------------
    def set_layer(self, layer: Layer | None, index: int, metrics: Metrics) -> None:
        self._layer = layer
        row = next((r for r in metrics.layers if r.index == index), None)
        cathode = layer is not None and layer.role is Role.CATHODE
        lithium_anode = layer is not None and layer.role is Role.ANODE and _single(metrics, Role.ANODE, index)
        mass = row.mass_per_area_kg_m2 if row is not None else None
        self._coating_kg_m3 = mass / row.thickness_m if row is not None and mass else None
        self._cathode_C_m2 = metrics.cathode_capacity_C_m2
        show_loading = cathode and self._coating_kg_m3 is not None
        show_capacity = cathode and _single(metrics, Role.CATHODE, index) and self._cathode_C_m2 is not None
        show_np = lithium_anode and metrics.np_ratio is not None and bool(self._cathode_C_m2)
        show_li = _lithium_foil(layer) and bool(self._coating_kg_m3)
        show_recipe = layer is not None and layer.composite is not None and bool(mass)
        for widget, shown in ((self.loading, show_loading), (self.capacity, show_capacity),
                              (self.np_ratio, show_np), (self.li_mass, show_li),
                              (self.recipe, show_recipe)):  # fmt: skip
            self._form.setRowVisible(widget, shown)
        self.setVisible(show_loading or show_capacity or show_np or show_li or show_recipe)
        self.recipe.set_layer(layer if show_recipe else None, mass)
        if show_loading and mass is not None:
            self._show(self.loading, mass / u.MG_PER_CM2)
        if show_capacity and self._cathode_C_m2 is not None:
            self._show(self.capacity, self._cathode_C_m2 / u.MAH_PER_CM2)
        if show_np and metrics.np_ratio is not None:
            self._show(self.np_ratio, metrics.np_ratio)
        if show_li and row is not None and self._coating_kg_m3 is not None:
            areal = lab_units.areal_mass_from_thickness(row.thickness_m, self._coating_kg_m3)
            self._show(self.li_mass, areal / u.MG_PER_CM2)

    @staticmethod
    def _show(spin: NumberSpin, value: float) -> None:
        rounded = float(f"{value:.4g}")  # what a lab writes; the thickness keeps every digit
        if spin.value() != rounded:
            with QSignalBlocker(spin):
                spin.setValue(rounded)

    # -- widgets -> model ----------------------------------------------------------------------
    def _want(self, compute: Callable[[], float], text: str, key: str) -> None:
        try:
            metres = compute()
        except InputError as exc:
            self.refused.emit(exc.one_line())
            return
        self.thicknessWanted.emit(metres, text, key)

    def _loading_edited(self, mg_cm2: float) -> None:
        coating = self._coating_kg_m3
        if coating is None:
            return
        self._want(lambda: lab_units.thickness_from_loading(mg_cm2 * u.MG_PER_CM2, coating),
                   "Change areal loading", "loading")  # fmt: skip

    def _capacity_edited(self, mah_cm2: float) -> None:
        layer = self._layer
        if layer is None:
            return
        self._want(lambda: lab_units.thickness_for_areal_capacity(layer, mah_cm2 * u.MAH_PER_CM2),
                   "Change areal capacity", "capacity")  # fmt: skip

    def _np_edited(self, ratio: float) -> None:
        layer, cathode = self._layer, self._cathode_C_m2
        if layer is None or cathode is None:
            return
        # The anode holds N/P times the cathode's capacity per area: its thickness for that charge.
        self._want(lambda: lab_units.thickness_for_areal_capacity(layer, ratio * cathode),
                   "Change N/P ratio", "np")  # fmt: skip

    def _li_mass_edited(self, mg_cm2: float) -> None:
        density = self._coating_kg_m3  # the foil's mass per volume as computed (porosity applied)
        if density is None:
            return
        self._want(lambda: lab_units.thickness_from_areal_mass(mg_cm2 * u.MG_PER_CM2, density),
                   "Change lithium mass per area", "li-mass")  # fmt: skip
