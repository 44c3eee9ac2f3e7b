"""Why a number is what it is: the formula of a metric, the inputs it used with their values,
units and sources, and the level it refers to. Pure (no Qt, no files): the app's "Why this
number?" dialog shows it, with the same value texts and reference numbers the PDF prints."""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core import units as u
from cellstack.core.cell import CellLevel, CellMetrics
from cellstack.core.cell_power import cell_power_W
from cellstack.core.material import Role
from cellstack.core.metrics import Metrics
from cellstack.core.metrics.layer_quantities import active_volume_fraction, charge_density
from cellstack.core.ocp import get_curve
from cellstack.core.sourced import Sourced
from cellstack.core.stack import Stack
from cellstack.io.exact_units import si_to_scaled
from cellstack.io.library import Library
from cellstack.io.quantity_text import thickness_text
from cellstack.report.citations import Citations, number
from cellstack.report.content import DEFINITIONS
from cellstack.report.elements import Citation, Table
from cellstack.report.layer_table import value_text

DESIGN = "the design"  # an input the user set, not a library value
CELL = "the cell (every level)"
LEVEL_SCOPES = {
    CellLevel.ELECTRODE_PAIR: "electrode pair: electrodes, electrolytes and buffers over the capacity area",
    CellLevel.REPEAT_UNIT: "repeat unit: the electrode pair with its current collectors",
    CellLevel.CELL: "cell: everything inside and including the package, over the cell's outer box",
    CellLevel.CELL_WITH_FIXTURE: "cell with fixture: the cell with the end plates and bolts that hold it",
}
PLANAR_SCOPES = {
    CellLevel.REPEAT_UNIT: "cell stack: the stack with its current collectors, over the active area",
    CellLevel.CELL: "full stack: every layer incl. substrate and packaging, over the footprint, + extra mass",
}
LEVEL_ROWS = {
    "mass": ("Mass", "m = Σ (areal mass of each part counted × its area)"),
    "volume": ("Volume", "V = area × thickness of the parts counted (the outer box for a packaged cell)"),
    "thickness": ("Thickness", "t = Σ thicknesses of the parts counted"),
    "wh_kg": ("Specific energy", "e = E / m: the cell's energy over the mass counted at this level"),
    "wh_l": ("Energy density", "E / V: the cell's energy over the volume counted at this level"),
}
HEADERS = ("Input", "Value", "From")


@dataclass(frozen=True)
class Explanation:
    title: str
    value: str
    formula: str
    level: str
    inputs: Table
    references: tuple[Citation, ...]


@dataclass(frozen=True)
class ShownUnits:
    """The unit each quantity is written in, with its SI value (C, J, W, kg per unit)."""

    capacity: tuple[str, float] = ("mAh", u.MAH)
    energy: tuple[str, float] = ("mWh", u.MWH)
    power: tuple[str, float] = ("mW", 1e-3)
    mass: tuple[str, float] = ("g", 1e-3)


class _Builder:
    """Collects input rows, citing each source as the PDF does: numbers in order of first use."""

    def __init__(
        self, stack: Stack, metrics: Metrics, cell: CellMetrics, library: Library, units: ShownUnits
    ) -> None:
        self.stack, self.metrics, self.cell, self.units = stack, metrics, cell, units
        self.citations = Citations(library)
        self.rows: list[tuple[str, str, str]] = []

    def shown(self, value: float | None, quantity: str) -> str:
        """``value`` (SI) in the unit chosen for ``quantity``, converted on its decimal."""
        unit, factor = getattr(self.units, quantity)
        return f"{number(si_to_scaled(value, factor))} {unit}" if value is not None else "n/a"

    def add(self, name: str, value: str, origin: str = DESIGN) -> None:
        self.rows.append((name, value, origin))

    def sourced(self, name: str, field: str, value: Sourced | None, layer: str) -> None:
        if value is None:
            self.add(name, "unknown", layer)
            return
        self.add(name, value_text(field, value, self.citations), f"{layer}; {value.quality.value}")

    def electrode(self, index: int) -> None:
        layer = self.stack.layers[index]
        material = layer.effective_material
        where = f"{_short(layer.name)} ({layer.role.value})"
        self.add(f"{where}: thickness", thickness_text(layer.thickness_m))
        self.sourced(f"{where}: ρ", "density_kg_m3", material.properties.density_kg_m3, material.name)
        charge = charge_density(layer)
        if charge is not None:
            field = f"capacity_{charge.basis}_C_kg"
            self.sourced(f"{where}: q {charge.basis}", field, charge.capacity, material.name)
        self.add(f"{where}: active volume fraction", f"{active_volume_fraction(layer):.3g}")
        row = next((r for r in self.metrics.layers if r.index == index), None)
        if row is not None and row.areal_capacity_C_m2 is not None:
            areal = row.areal_capacity_C_m2 / u.MAH_PER_CM2
            self.add(f"{where}: areal capacity", f"{number(areal)} mAh/cm²", "computed: t·ρ·q·fraction")

    def electrodes(self) -> None:
        for role in (Role.CATHODE, Role.ANODE):
            for index in self.stack.indices_with_role(role):
                self.electrode(index)

    def area(self) -> None:
        self.add("Active area", f"{number(self.metrics.active_area_m2 * 1e4)} cm²")
        if self.cell.units != 1:
            self.add("Repeat units in the cell", str(self.cell.units), f"{DESIGN} ({self.cell.format})")

    def voltage(self) -> None:
        voltage = self.metrics.voltage
        if voltage is None:
            self.add("Average voltage", "n/a", "the stack is not valid")
            return
        name = DEFINITIONS.get(voltage.definition.value, (voltage.definition.value, ""))[0]
        mark = self.citations.mark(voltage.source)
        self.add("Average voltage (stack)", f"{number(voltage.average_V)} V {mark}".rstrip(), name)
        for label, window in (("cathode", voltage.cathode_window), ("anode", voltage.anode_window)):
            if window is not None:
                self.add(f"Usable window, {label} (θ end → start)", f"{window[0]:.3g} → {window[1]:.3g}",
                         "computed from the OCP curves and cut-offs")  # fmt: skip
        for role in (Role.CATHODE, Role.ANODE):
            for index in self.stack.indices_with_role(role):
                material = self.stack.layers[index].effective_material
                curve = get_curve(material.ocp) if material.ocp else None
                if curve is not None:
                    mark = self.citations.mark(curve.source)
                    self.add(f"{_short(material.name)}: OCP curve", curve.name, mark)
                else:
                    average = material.properties.voltage_average_V
                    name = f"{_short(material.name)}: V average"
                    self.sourced(name, "voltage_average_V", average, material.name)

    def asr(self) -> None:
        celsius = u.kelvin_to_celsius(self.metrics.temperature_K)
        self.add("Temperature", f"{celsius:g} °C")
        for entry in self.metrics.asr:
            mark = self.citations.mark(entry.source)
            value = f"{number(entry.ohm_m2 / u.OHM_CM2)} Ω·cm² {mark}".rstrip()
            self.add(f"{entry.name} ({entry.kind})", value, f"{entry.detail}; {entry.quality.value}")

    def level_parts(self, level: CellLevel) -> None:
        if level in (CellLevel.ELECTRODE_PAIR, CellLevel.REPEAT_UNIT):
            pair = level is CellLevel.ELECTRODE_PAIR and self.cell.format != "planar"
            for row in self.metrics.layers:
                if pair and row.role not in _PAIR_ROLES:
                    continue
                if level is CellLevel.REPEAT_UNIT and row.role in _PACKAGE_ROLES:
                    continue
                mass = row.mass_per_area_kg_m2
                areal = f"{number(mass / u.MG_PER_CM2)} mg/cm²" if mass is not None else "unknown density"
                self.add(f"{row.name} ({row.role.value})", f"{thickness_text(row.thickness_m)}, {areal}",
                         f"area {number(row.area_m2 * 1e4)} cm²")  # fmt: skip
            return
        for part in self.cell.breakdown:
            mass_text = self.shown(part.mass_kg, "mass")
            volume_text = _with(part.volume_m3, 1e-6, "cm³")
            self.add(part.name, f"{mass_text}, {volume_text}", "cell breakdown")
        if level is CellLevel.CELL_WITH_FIXTURE:
            fixture = self.cell.level(level).mass_kg - self.cell.level(CellLevel.CELL).mass_kg
            self.add("Fixture (end plates, bolts)", self.shown(fixture, "mass"))

    def energy(self) -> None:
        self.add("Cell energy", self.shown(self.cell.energy_J, "energy"), "computed")

    def explanation(self, title: str, value: str, formula: str, level: str) -> Explanation:
        table = Table(HEADERS, tuple(self.rows), (1.6, 1.4, 1.4), (False, False, False))
        return Explanation(title, value, formula, level, table, self.citations.reference_list())


_PAIR_ROLES = frozenset({Role.CATHODE, Role.ANODE, Role.ELECTROLYTE, Role.BUFFER})
_PACKAGE_ROLES = frozenset({Role.SUBSTRATE, Role.ENCAPSULATION})


def _short(name: str, limit: int = 28) -> str:
    """A library name cut to ``limit`` characters with an ellipsis; the full one is in "From"."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def _with(value: float | None, factor: float, unit: str) -> str:
    return f"{number(value / factor)} {unit}".strip() if value is not None else "n/a"


FORMULAS = {
    "capacity": "Q = min(q_cathode, q_anode) × active area × repeat units in parallel; "
    "q = thickness × ρ × q_specific × active volume fraction",
    "energy": "E = Q × average voltage",
    "np": "N/P = q_anode / q_cathode (areal capacities)",
    "lithium": "excess = t_Li × (q_anode − q_cell) / q_anode; plated (anode-free) = q_cell / (ρ_Li × q_Li)",
    "asr": "ASR = Σ terms: bulk t/σ(T) of each ion conductor (Arrhenius in T), composite and "
    "buffer terms, and the interfaces' resistances",
    "power": "P_max = V_avg² × active area / (4 × ASR): the matched-load bound, not a rating; "
    "the cell's is the repeat unit's × the cell's energy over the unit's (units in parallel and series)",
}


def _headline(key: str, b: _Builder) -> Explanation:
    m, cell = b.metrics, b.cell
    formula = FORMULAS.get(key, "")
    capacity = b.shown(cell.capacity_C, "capacity")
    if key == "capacity":
        b.electrodes()
        b.area()
        return b.explanation("Capacity", capacity, formula, CELL)
    voltage = _with(cell.voltage_V, 1.0, "V")
    if key == "voltage":
        b.voltage()
        definition = (
            DEFINITIONS[m.voltage.definition.value][1] if m.voltage else "none: the stack is not valid"
        )
        return b.explanation(
            "Average voltage", voltage, f"{definition}; series units add their voltages", CELL
        )
    if key == "energy":
        b.add("Capacity", capacity, "computed")
        b.add("Average voltage", voltage, "computed")
        b.voltage()
        return b.explanation("Energy", b.shown(cell.energy_J, "energy"), formula, CELL)
    if key in ("np", "lithium"):
        b.electrodes()
        if key == "np":
            return b.explanation("N/P ratio", _with(m.np_ratio, 1.0, ""), formula, "the electrodes")
        lithium = m.lithium_excess_m if m.lithium_excess_m is not None else m.plated_lithium_m
        return b.explanation("Li excess / plated", _with(lithium, u.UM, "µm"), formula, "the anode")
    asr = _with(m.asr_total_ohm_m2, u.OHM_CM2, "Ω·cm²")
    if key == "power":
        b.add("Average voltage (stack)", _with(m.average_voltage_V, 1.0, "V"), "computed")
        b.add("ASR total", asr, "computed")
        b.area()
    b.asr()
    if key == "power":
        b.add("Repeat unit's max power", b.shown(m.max_power_W, "power"), "computed")
        b.add(
            "Cell energy over the repeat unit's",
            _with(_ratio(cell.energy_J, m.energy_J), 1.0, ""),
            "computed",
        )
        return b.explanation("Max power (V²/4R)", b.shown(cell_power_W(m, cell), "power"), formula, CELL)
    return b.explanation("ASR total", asr, formula, CELL)


def _level(level: CellLevel, row: str, b: _Builder) -> Explanation:
    metrics = b.cell.level(level)
    name, formula = LEVEL_ROWS[row]
    values = {
        "mass": b.shown(metrics.mass_kg, "mass"),
        "volume": _with(metrics.volume_m3, 1e-6, "cm³"),
        "thickness": _with(metrics.thickness_m, u.UM, "µm"),
        "wh_kg": _with(metrics.specific_energy_J_kg, u.WH_PER_KG, "Wh/kg"),
        "wh_l": _with(metrics.energy_density_J_m3, u.WH_PER_L, "Wh/L"),
    }
    if row in ("wh_kg", "wh_l"):
        b.energy()
        b.add("Mass at this level", values["mass"], "computed")
        b.add("Volume at this level", values["volume"], "computed")
    b.level_parts(level)
    scopes = PLANAR_SCOPES if b.cell.format == "planar" else {}
    return b.explanation(name, values[row], formula, scopes.get(level, LEVEL_SCOPES[level]))


def metric_keys(cell: CellMetrics) -> tuple[str, ...]:
    """Every key ``explain`` answers for this cell: the headline ones and ``<level>_<row>``."""
    levels = tuple(f"{m.level.value}_{row}" for m in cell.levels for row in LEVEL_ROWS)
    return ("capacity", "voltage", "energy", "np", "lithium", "asr", "power", *levels)


def explain(
    key: str, stack: Stack, cell: CellMetrics, library: Library, units: ShownUnits | None = None
) -> Explanation:
    """The explanation of the metrics panel's value ``key`` in ``units`` (mAh, mWh, mW, g by
    default); KeyError for a key it does not show."""
    builder = _Builder(stack, cell.repeat_unit, cell, library, units or ShownUnits())
    for level in CellLevel:
        prefix = f"{level.value}_"
        if key.startswith(prefix) and key.removeprefix(prefix) in LEVEL_ROWS:
            if not cell.has_level(level):
                raise KeyError(key)
            return _level(level, key.removeprefix(prefix), builder)
    if key not in metric_keys(cell):
        raise KeyError(key)
    return _headline(key, builder)
