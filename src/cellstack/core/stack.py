"""The stack: ordered layers (bottom to top) and the design choices around them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.units import ROOM_TEMPERATURE
from cellstack.core.validation import require_fraction, require_positive, require_range


class StackKind(StrEnum):
    SSB = "SSB"  # bulk all-solid-state battery
    SSTFB = "SSTFB"  # all-solid-state thin-film battery


MIN_TEMPERATURE_K = 173.15  # -100 °C
MAX_TEMPERATURE_K = 673.15  # 400 °C


@dataclass(frozen=True, slots=True)
class Stack:
    """A cell design. Areas in m², temperature in K, extra mass in kg.

    Layers with a substrate or encapsulation role cover the footprint area; all other layers
    cover the active area. ``extra_mass_kg`` lumps tabs, terminals or a pressure fixture.
    An anode-free stack has no anode layer: on first charge lithium from the cathode plates on
    the anode-side current collector, losing ``first_cycle_loss`` of the cathode's lithium.
    ``plated_anode`` is the material that plates (Li metal from the library); setting it makes
    the stack anode-free.
    """

    layers: tuple[Layer, ...]
    kind: StackKind = StackKind.SSB
    active_area_m2: float = 1e-4
    footprint_area_m2: float = 1e-4
    temperature_K: float = ROOM_TEMPERATURE
    plated_anode: Material | None = None
    first_cycle_loss: float = 0.0
    extra_mass_kg: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        if not self.layers:
            raise InputError("layers", [], "at least one layer")
        require_positive("active_area", self.active_area_m2)
        require_positive("footprint_area", self.footprint_area_m2)
        if self.footprint_area_m2 < self.active_area_m2 * (1 - 1e-12):
            raise InputError(
                "footprint_area",
                self.footprint_area_m2,
                f"at least the active area ({self.active_area_m2:g} m²)",
            )
        require_range("temperature", self.temperature_K, MIN_TEMPERATURE_K, MAX_TEMPERATURE_K, "K")
        require_fraction("first_cycle_loss", self.first_cycle_loss, below_one=True)
        require_range("extra_mass", self.extra_mass_kg, 0.0, 1e3, "kg")

    @property
    def anode_free(self) -> bool:
        return self.plated_anode is not None

    # Edits return new stacks; the document in the GUI keeps the old one for undo.
    def with_layers(self, layers: tuple[Layer, ...]) -> Stack:
        return replace(self, layers=layers)

    def inserting(self, index: int, layer: Layer) -> Stack:
        layers = list(self.layers)
        layers.insert(max(0, min(index, len(layers))), layer)
        return self.with_layers(tuple(layers))

    def removing(self, index: int) -> Stack:
        self._check_index(index)
        return self.with_layers(self.layers[:index] + self.layers[index + 1 :])

    def replacing(self, index: int, layer: Layer) -> Stack:
        self._check_index(index)
        return self.with_layers((*self.layers[:index], layer, *self.layers[index + 1 :]))

    def moving(self, source: int, destination: int) -> Stack:
        self._check_index(source)
        layers = list(self.layers)
        layer = layers.pop(source)
        layers.insert(max(0, min(destination, len(layers))), layer)
        return self.with_layers(tuple(layers))

    def scaled_area(self, factor: float) -> Stack:
        require_positive("area scale factor", factor)
        return replace(
            self,
            active_area_m2=self.active_area_m2 * factor,
            footprint_area_m2=self.footprint_area_m2 * factor,
        )

    def indices_with_role(self, role: Role) -> list[int]:
        return [i for i, layer in enumerate(self.layers) if layer.role is role]

    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self.layers):
            raise InputError("layer index", index, f"0 to {len(self.layers) - 1}")
