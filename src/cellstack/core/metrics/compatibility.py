"""Compatibility warnings drawn from the review's text, each citing where it says so."""

from __future__ import annotations

import re

from cellstack.core.layer import Layer
from cellstack.core.material import AirSensitivity, Material, Role
from cellstack.core.metrics.results import Finding, Severity
from cellstack.core.metrics.structure import LI_METAL_FAMILY, Sides
from cellstack.core.stack import Stack

_ELEMENT = re.compile(r"[A-Z][a-z]?")
TI_FAMILIES = frozenset({"latp", "llto"})
GE_FAMILIES = frozenset({"lagp"})
GARNET_FAMILIES = frozenset({"llzo", "llzo_al", "llzo_ta", "llzo_nb", "llzo_ga", "llta", "llno"})
SULFIDE_CATEGORIES = ("sulfide", "argyrodite", "thio")
RIGID_OXIDE_CATEGORIES = ("garnet", "nasicon", "perovskite", "lisicon")
LLTO_INSERTION_V = 1.7  # Li intercalates into LLTO at 1.7 V vs Li/Li+ (the review, refs 210-212)
LARGE_VOLUME_CHANGE = 0.20  # fraction; Si (>300 %) and In (105.6 %) are far beyond it
PERCOLATION_FRACTION = 0.25  # warn below this SE fraction (physics-and-data §3.5, an assumption)

# Enum members read off their class cost 0.25 µs each on Python 3.11 (EnumType.__getattr__
# defeats the attribute cache): the checks run per layer on every recompute read these names.
_ELECTROLYTE, _BUFFER = Role.ELECTROLYTE, Role.BUFFER


def elements(formula: str) -> set[str]:
    return set(_ELEMENT.findall(formula))


def is_sulfide(material: Material) -> bool:
    category = material.category.lower()
    return any(word in category for word in SULFIDE_CATEGORIES) or (
        "S" in elements(material.formula) and "O" not in elements(material.formula)
    )


def is_garnet(material: Material) -> bool:
    return material.family_id in GARNET_FAMILIES or "garnet" in material.category.lower()


def _electrolytes_between(stack: Stack, sides: Sides) -> list[tuple[int, Material]]:
    return [
        (i, stack.layers[i].effective_material) for i in sides.between if stack.layers[i].role is _ELECTROLYTE
    ]


def _nearest_electrolyte(stack: Stack, sides: Sides, electrode: int) -> tuple[int, Material] | None:
    found = _electrolytes_between(stack, sides)
    if not found:
        return None
    return min(found, key=lambda item: abs(item[0] - electrode))


def _buffered(stack: Stack, electrode: int, electrolyte: int) -> bool:
    low, high = sorted((electrode, electrolyte))
    if any(stack.layers[i].role is _BUFFER for i in range(low + 1, high)):
        return True
    composite = stack.layers[electrode].composite
    return composite is not None and composite.coating is not None


def compatibility_findings(stack: Stack, sides: Sides, cathode_top_V: float | None) -> list[Finding]:
    findings: list[Finding] = []
    cathode = stack.layers[sides.cathode] if sides.cathode is not None else None
    anode_material, anode_index = _anode(stack, sides)
    for index, electrolyte in _electrolytes_between(stack, sides):
        findings.extend(_air(electrolyte, index))
        if anode_material is not None:
            findings.extend(_reduction(stack, sides, electrolyte, index, anode_material, anode_index))
        if cathode is not None and sides.cathode is not None:
            findings.extend(_cathode_side(stack, sides, cathode, electrolyte, index, cathode_top_V))
        for layer_index in (sides.cathode, sides.anode):
            if layer_index is not None:
                findings.extend(_volume_change(stack.layers[layer_index], layer_index, electrolyte))
    for layer_index in (sides.cathode, sides.anode):
        if layer_index is not None:
            findings.extend(_percolation(stack.layers[layer_index], layer_index))
    return _unique(findings)


def _anode(stack: Stack, sides: Sides) -> tuple[Material | None, int | None]:
    if sides.anode is not None:
        return stack.layers[sides.anode].effective_material, sides.anode
    return stack.plated_anode, sides.anode_side_collector


def _air(electrolyte: Material, index: int) -> list[Finding]:
    if electrolyte.air_sensitivity is AirSensitivity.STABLE:
        return []
    if is_garnet(electrolyte):
        return [
            Finding(
                "air_sensitive",
                Severity.WARNING,
                f"{electrolyte.name}: garnets react with moisture and CO2 in air; a Li2CO3 surface layer "
                "raised the area-specific resistance tenfold after 24 h (Al-LLZO). Process dry or "
                "remove the carbonate.",
                "yang2020:189",
                index,
            )
        ]
    if is_sulfide(electrolyte):
        return [
            Finding(
                "air_sensitive",
                Severity.WARNING,
                f"{electrolyte.name}: sulfide electrolytes hydrolyse in humid air and release H2S; "
                "handle in a dry room or glove box.",
                "muramatsu2011",
                index,
            )
        ]
    return [
        Finding(
            "air_sensitive",
            Severity.WARNING,
            f"{electrolyte.name} is sensitive to {electrolyte.air_sensitivity.value}; handle it in a "
            "dry atmosphere (no specific study is cited for this material).",
            "",
            index,
        )
    ]


def _reduction(
    stack: Stack,
    sides: Sides,
    electrolyte: Material,
    index: int,
    anode: Material,
    anode_index: int | None,
) -> list[Finding]:
    findings: list[Finding] = []
    is_li = anode.family_id == LI_METAL_FAMILY
    v_anode = anode.properties.voltage_average_V
    anode_V = 0.0 if is_li else (v_anode.value if v_anode is not None else None)
    protected = anode_index is not None and _buffered(stack, anode_index, index)
    severity = Severity.INFO if protected else Severity.WARNING
    suffix = " A buffer layer separates them here." if protected else ""
    family = electrolyte.family_id
    if family == "llto" and anode_V is not None and anode_V < LLTO_INSERTION_V:
        findings.append(
            Finding(
                "llto_reduction",
                severity,
                f"{electrolyte.name} takes up Li at 1.7 V vs Li/Li+ and discolours against Li metal, "
                f"so it is unstable next to {anode.name}.{suffix}",
                "yang2020:210",
                index,
            )
        )
    elif family in TI_FAMILIES and is_li:
        findings.append(
            Finding(
                "ti_reduction",
                severity,
                f"Li metal reduces Ti4+ in {electrolyte.name}; the review notes it needs a protective "
                f"interlayer (e.g. ALD Al2O3) against Li.{suffix}",
                "yang2020:311",
                index,
            )
        )
    elif family in GE_FAMILIES and is_li:
        findings.append(
            Finding(
                "ge_reduction",
                severity,
                f"Li metal reduces Ge4+ in {electrolyte.name}; use an interlayer.{suffix}",
                "zhu2015",
                index,
            )
        )
    has_nb = "Nb" in electrolyte.dopants or "Nb" in elements(electrolyte.formula)
    if is_garnet(electrolyte) and (is_li or stack.anode_free) and has_nb:
        findings.append(
            Finding(
                "garnet_nb_li",
                Severity.WARNING,
                f"{electrolyte.name} contains Nb: Nb-containing LLZO turns black against Li metal, "
                "while Ta-doped LLZO is stable.",
                "yang2020:222",
                index,
            )
        )
    low = electrolyte.properties.stability_window_low_V
    if (
        anode_V is not None
        and low is not None
        and anode_V < low.value - 1e-9
        and not any(f.layer_index == index for f in findings)
    ):
        findings.append(
            Finding(
                "anode_below_window",
                Severity.INFO if protected else Severity.WARNING,
                f"{anode.name} ({anode_V:.2f} V vs Li) lies below the stability window of "
                f"{electrolyte.name} (from {low.value:.2f} V): expect a reduction interphase.{suffix}",
                low.source,
                index,
            )
        )
    return findings


def _cathode_side(
    stack: Stack,
    sides: Sides,
    cathode: Layer,
    electrolyte: Material,
    index: int,
    cathode_top_V: float | None,
) -> list[Finding]:
    assert sides.cathode is not None
    findings: list[Finding] = []
    material = cathode.effective_material
    buffered = _buffered(stack, sides.cathode, index)
    if is_sulfide(electrolyte) and "O" in elements(material.formula) and not buffered:
        findings.append(
            Finding(
                "sulfide_oxide_no_buffer",
                Severity.WARNING,
                f"{electrolyte.name} (sulfide) against the oxide cathode {material.name} without a "
                "buffer: Li+ drains into the oxide and a space-charge layer raises the interface "
                "resistance. Add a buffer such as LiNbO3 or Li3PO4.",
                "yang2020:243",
                index,
            )
        )
    if is_garnet(electrolyte) and elements(material.formula) & {"Mn", "Ni", "Fe"}:
        findings.append(
            Finding(
                "garnet_cathode_cosinter",
                Severity.WARNING,
                f"Garnets are stable with LiCoO2 up to 900 °C but react with Mn-, Ni- and Fe-based "
                f"cathodes such as {material.name} when co-sintered.",
                "yang2020:223",
                index,
            )
        )
    high = electrolyte.properties.stability_window_high_V
    if cathode_top_V is not None and high is not None and cathode_top_V > high.value + 1e-9:
        mitigated = " A buffer layer separates them here, the usual remedy." if buffered else ""
        findings.append(
            Finding(
                "cathode_above_window",
                Severity.INFO if buffered else Severity.WARNING,
                f"{material.name} charges to about {cathode_top_V:.2f} V vs Li, above the stability "
                f"window of {electrolyte.name} (up to {high.value:.2f} V).{mitigated}",
                high.source,
                index,
            )
        )
    return findings


def _volume_change(layer: Layer, index: int, electrolyte: Material) -> list[Finding]:
    material = layer.effective_material
    change = material.properties.volume_change_fraction
    # Li metal creeps instead of cracking its neighbours; its volume is a stack-pressure matter.
    if (
        material.family_id == LI_METAL_FAMILY
        or change is None
        or abs(change.value) < LARGE_VOLUME_CHANGE
        or is_sulfide(electrolyte)
    ):
        return []
    category = electrolyte.category.lower()
    if not (is_garnet(electrolyte) or any(word in category for word in RIGID_OXIDE_CATEGORIES)):
        return []
    return [
        Finding(
            "large_volume_change",
            Severity.WARNING,
            f"{layer.name} changes volume by {change.value * 100:.0f} % on cycling; a rigid oxide "
            f"electrolyte ({electrolyte.name}) loses contact and cracks (In: 105.6 %, severe fading).",
            "yang2020:233",
            index,
        )
    ]


def _percolation(layer: Layer, index: int) -> list[Finding]:
    composite = layer.composite
    if composite is None or composite.electrolyte_fraction >= PERCOLATION_FRACTION:
        return []
    return [
        Finding(
            "composite_percolation",
            Severity.WARNING,
            f"{layer.name} holds {composite.electrolyte_fraction * 100:.0f} vol% solid electrolyte: "
            "near the percolation threshold the ionic conductivity falls far below Bruggeman's "
            "estimate.",
            "bielefeld2019",
            index,
        )
    ]


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for finding in findings:
        key = (finding.code, finding.layer_index)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique
