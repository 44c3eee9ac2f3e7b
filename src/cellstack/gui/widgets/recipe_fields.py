"""A composite electrode as a lab writes it: weight percents of active, solid electrolyte, carbon
and binder, and the porosity or calendered density of the coating. The volume fractions (and the
thickness that keeps the areal loading) follow from cellstack.core.cell.lab_units and are shown
before "Apply" makes them one undoable edit of the layer.

The composite model has one additive material: carbon and binder both count as it (its density),
and the active material counts its particle coating, so the density is the one the metrics use."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton

from cellstack.core import units as u
from cellstack.core.cell import lab_units
from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.metrics.layer_quantities import mass_coefficients
from cellstack.gui.widgets.number_spin import NumberSpin

_SUM_TOLERANCE_PCT = 1e-7  # typed percents that sum to 100 up to rounding of the decimals
_REFUSED = "color: #c0392b"


def _percent_spin(field: str, name: str) -> NumberSpin:
    spin = NumberSpin(field, "wt%")
    spin.setObjectName(name)
    spin.setRange(0.0, 100.0)
    spin.setSingleStep(1.0)
    return spin


class RecipeFields(QGroupBox):
    """Emits layerWanted(new layer, undo text, None) and refused(one-line message)."""

    layerWanted = Signal(object, str, object)
    refused = Signal(str)

    def __init__(self) -> None:
        super().__init__("Recipe (weight percents)")
        self.setObjectName("labRecipe")
        self.active = _percent_spin("Active", "recipeActive")
        self.active.setToolTip("Active material, with its particle coating if it has one")
        self.electrolyte = _percent_spin("Solid electrolyte", "recipeElectrolyte")
        self.electrolyte.setToolTip("The catholyte (or anolyte) mixed into the coating")
        self.carbon = _percent_spin("Carbon", "recipeCarbon")
        self.binder = _percent_spin("Binder", "recipeBinder")
        for spin in (self.carbon, self.binder):
            spin.setToolTip("Counted as the composite's additive material (its density)")
        self.porosity = NumberSpin("Porosity", "(volume fraction)")
        self.porosity.setObjectName("recipePorosity")
        self.porosity.setRange(0.0, 0.95)
        self.porosity.setSingleStep(0.01)
        self.density = NumberSpin("Calendered density", "g/cm³")
        self.density.setObjectName("recipeDensity")
        self.density.setRange(0.01, 30.0)
        self.density.setSingleStep(0.05)
        self.preview = QLabel("—")
        self.preview.setObjectName("recipePreview")
        self.apply_button = QPushButton("Apply recipe")
        self.apply_button.setObjectName("recipeApply")
        form = QFormLayout(self)
        form.addRow("Active (wt%)", self.active)
        form.addRow("Solid electrolyte (wt%)", self.electrolyte)
        form.addRow("Carbon (wt%)", self.carbon)
        form.addRow("Binder (wt%)", self.binder)
        form.addRow("Porosity", self.porosity)
        form.addRow("Calendered density (g/cm³)", self.density)
        form.addRow(self.preview)
        form.addRow(self.apply_button)
        for spin in (self.active, self.electrolyte, self.carbon, self.binder, self.porosity, self.density):
            spin.refused.connect(self.refused)  # a typed value out of its range: the editor's line
        for spin in (self.active, self.electrolyte, self.carbon, self.binder):
            spin.valueChanged.connect(self._recipe_edited)
        self.porosity.valueChanged.connect(lambda *_: self._held_edited(by_density=False))
        self.density.valueChanged.connect(lambda *_: self._held_edited(by_density=True))
        self.apply_button.clicked.connect(self.apply)
        self._layer: Layer | None = None
        self._loading_kg_m2: float | None = None
        self._by_density = False  # which of porosity and density the user gave; the other follows

    # -- model -> widgets ----------------------------------------------------------------------
    def set_layer(self, layer: Layer | None, loading_kg_m2: float | None) -> None:
        """Show LAYER's recipe; a layer unchanged keeps what the user is typing."""
        self._loading_kg_m2 = loading_kg_m2
        if layer == self._layer:
            self._refresh()
            return
        self._layer = layer
        composite = layer.composite if layer is not None else None
        coefficients = mass_coefficients(layer) if layer is not None else None
        if composite is None or coefficients is None:
            return
        additive = composite.additive.properties.density_kg_m3 if composite.additive else None
        masses = (
            composite.active_fraction * coefficients.per_active,
            composite.electrolyte_fraction * coefficients.per_electrolyte,
            composite.additive_fraction * additive.value if additive is not None else 0.0,
        )
        total = sum(masses)
        if total <= 0:
            return
        electrolyte, additive_pct = (round(100.0 * m / total, 2) for m in masses[1:])
        carbon, binder = self.carbon.value(), self.binder.value()
        if abs(carbon + binder - additive_pct) > 0.005:  # keep the user's split when it still holds
            carbon, binder = additive_pct, 0.0
        active = round(100.0 - electrolyte - carbon - binder, 2)
        shown = ((self.active, active), (self.electrolyte, electrolyte), (self.carbon, carbon),
                 (self.binder, binder), (self.porosity, round(composite.porosity, 4)),
                 (self.density, round(total / u.G_PER_CM3, 4)))  # fmt: skip
        for spin, value in shown:
            with QSignalBlocker(spin):
                spin.setValue(value)
        self._refresh()

    # -- widgets -> preview --------------------------------------------------------------------
    def _recipe_edited(self, *_: object) -> None:
        self._refresh()

    def _held_edited(self, by_density: bool) -> None:
        self._by_density = by_density
        self._refresh()

    def plan(self) -> tuple[lab_units.Recipe, float]:
        """The recipe the fields hold and the coating density (kg/m³) it is calendered to."""
        layer = self._layer
        composite = layer.composite if layer is not None else None
        coefficients = mass_coefficients(layer) if layer is not None else None
        if layer is None or composite is None or coefficients is None:
            raise InputError("recipe", None, "a composite electrode whose materials have densities")
        weights = [spin.value() for spin in (self.active, self.electrolyte, self.carbon, self.binder)]
        total = sum(weights)
        if abs(total - 100.0) > _SUM_TOLERANCE_PCT:
            allowed = "a sum of 100 wt%"
            raise InputError("recipe weight percents", total, allowed)
        additive = composite.additive.properties.density_kg_m3 if composite.additive else None
        if additive is None and weights[2] + weights[3] > 0:
            allowed = "0 wt% without an additive material"
            raise InputError("recipe carbon + binder", weights[2] + weights[3], allowed)
        additive_kg_m3 = additive.value if additive is not None else 1.0  # unused at 0 wt%
        active, electrolyte, carbon, binder = (w / 100.0 for w in weights)
        recipe = lab_units.Recipe(
            active,
            electrolyte,
            carbon,
            binder,
            active_kg_m3=coefficients.per_active,
            electrolyte_kg_m3=coefficients.per_electrolyte or 1.0,
            carbon_kg_m3=additive_kg_m3,
            binder_kg_m3=additive_kg_m3,
        )
        if not self._by_density:
            return recipe, lab_units.coating_density_from_porosity(recipe, self.porosity.value())
        solid = recipe.solid_density_kg_m3
        coating = self.density.value() * u.G_PER_CM3
        if coating > solid:
            raise InputError("calendered density", self.density.value(),
                             f"at most the solids' density, {solid / u.G_PER_CM3:.4g} g/cm³")  # fmt: skip
        return recipe, coating

    def _refresh(self) -> None:
        try:
            recipe, coating = self.plan()
            fractions = lab_units.volume_fractions(recipe, coating)
        except InputError as exc:
            self._show_refusal(exc)
            return
        # The follower shows what a lab writes; Apply uses the value held, with every digit.
        follower, value = ((self.porosity, round(fractions.porosity, 4)) if self._by_density
                           else (self.density, round(coating / u.G_PER_CM3, 4)))  # fmt: skip
        with QSignalBlocker(follower):
            follower.setValue(value)
        parts = [f"active {fractions.active:.4f}", f"electrolyte {fractions.electrolyte:.4f}",
                 f"carbon {fractions.carbon:.4f}", f"binder {fractions.binder:.4f}",
                 f"pores {fractions.porosity:.4f}"]  # fmt: skip
        # Explicit lines: a wrapped label in a form row is given too little height and clips.
        text = "Volume fractions: " + ", ".join(parts[:2]) + ",\n" + ", ".join(parts[2:])
        if self._loading_kg_m2:
            thickness = lab_units.thickness_from_loading(self._loading_kg_m2, coating)
            text += (f"\nThickness {thickness / u.UM:.4g} µm at "
                     f"{self._loading_kg_m2 / u.MG_PER_CM2:.4g} mg/cm²")  # fmt: skip
        self.preview.setText(text)

    def _show_refusal(self, exc: InputError) -> None:
        # Broken before what is allowed: unwrapped, the whole line would widen the dock.
        shown = html.escape(exc.one_line()).replace("; expected", ";<br>expected")
        self.preview.setText(f"<span style='{_REFUSED}'>{shown}</span>")

    # -- apply ---------------------------------------------------------------------------------
    def apply(self) -> None:
        """One edit of the layer: the recipe's volume fractions and the thickness that keeps the
        areal loading; a recipe that cannot exist is refused and changes nothing."""
        layer, loading = self._layer, self._loading_kg_m2
        try:
            recipe, coating = self.plan()
            if layer is None or layer.composite is None or loading is None:
                raise InputError("areal loading", None, "a composite electrode with a mass per area")
            fractions = lab_units.volume_fractions(recipe, coating)
            composite = replace(
                layer.composite,
                active_fraction=fractions.active,
                electrolyte_fraction=fractions.electrolyte,
                additive_fraction=fractions.carbon + fractions.binder,
            )
            thickness = lab_units.thickness_from_loading(loading, coating)
            changed = replace(layer, composite=composite, thickness_m=thickness)
        except InputError as exc:
            self._show_refusal(exc)
            self.refused.emit(exc.one_line())
            return
        self.layerWanted.emit(changed, "Apply recipe", None)
