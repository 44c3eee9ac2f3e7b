"""The ``interfaces`` list of a v2 project file: the project's own interface resistances.

A project may carry measured interface ASR values (an engineered Li|garnet interface, say, with
its source text and temperature). They override the installed tables for this project:
:func:`project_interface_table` consults them first, at every tier of the lookup (same material,
same family, same class), and only then the library's records and defaults. In the ASR ledger
their source reads "project's own: ..." so every view shows where the number came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cellstack.core import units as u
from cellstack.core.interfaces import InterfaceRecord, InterfaceTable, InterfaceValue
from cellstack.core.material import Material, Role
from cellstack.core.units import kelvin_to_celsius
from cellstack.io.exact_units import celsius_to_kelvin, scaled_to_si
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import number, scaled
from cellstack.io.material_records import ID_PATTERN

PROJECT_SOURCE = "project's own: "
MAX_INTERFACES = 100
MAX_ASR_OHM_CM2 = 1e7  # as the library's interface records
_KEYS = frozenset(
    {
        "side",
        "electrode",
        "electrolyte",
        "electrolyte_family",
        "electrolyte_category",
        "buffer",
        "asr_ohm_cm2",
        "temperature_C",
        "source",
    }
)
_SIDES = (Role.CATHODE.value, Role.ANODE.value)


@dataclass(frozen=True, slots=True)
class ProjectInterfaceTable(InterfaceTable):
    """The installed table with a project's own records in front of it."""

    own: InterfaceTable = field(default_factory=InterfaceTable)

    def lookup(
        self, side: Role, electrode: Material, electrolyte: Material, buffer: Material | None
    ) -> InterfaceValue | None:
        found = self.own.lookup(side, electrode, electrolyte, buffer)
        # Named on the class: dataclass(slots=True) makes a new class, which breaks bare super().
        return (
            found if found is not None else InterfaceTable.lookup(self, side, electrode, electrolyte, buffer)
        )


def project_interface_table(
    records: tuple[InterfaceRecord, ...], installed: InterfaceTable
) -> InterfaceTable:
    """What compute_metrics looks interfaces up in: the project's records first, then ``installed``."""
    if not records:
        return installed
    return ProjectInterfaceTable(installed.records, installed.defaults, InterfaceTable(records))


def read_interfaces(f: Fields, key: str, materials: dict[str, Material]) -> tuple[InterfaceRecord, ...]:
    """The list at ``key``; ``materials`` are those embedded in the file and the library's."""
    raw = f.data.get(key, [])
    if not isinstance(raw, list) or len(raw) > MAX_INTERFACES:
        raise f.error(key, raw, f"a list of at most {MAX_INTERFACES} interfaces")
    return tuple(
        _read_record(Fields(item, f"{f.at(key)}[{i}]", f.origin), i, materials) for i, item in enumerate(raw)
    )


def _family(f: Fields, key: str, materials: dict[str, Material]) -> str:
    """A material id gives its family; anything else must be a family id."""
    name = f.string(key, max_length=80)
    if name in materials:
        return materials[name].family_id
    # A family the file's own materials name is known whatever its spelling: the writer stores a
    # record's family, which may be a user material's free-text family.
    if not ID_PATTERN.match(name) and all(m.family_id != name for m in materials.values()):
        raise f.error(key, name, "a material id or a family id (lowercase letters, digits and _)")
    return name


def _read_record(f: Fields, index: int, materials: dict[str, Material]) -> InterfaceRecord:
    f.check_keys(_KEYS)
    side = Role(f.choice("side", _SIDES))
    electrode = _family(f, "electrode", materials)
    electrolyte = f.string("electrolyte", max_length=80)
    known = materials.get(electrolyte)
    if known is None and not ID_PATTERN.match(electrolyte):
        raise f.error("electrolyte", electrolyte, "a material id (lowercase letters, digits and _)")
    family = f.string(
        "electrolyte_family", known.family_id if known is not None else electrolyte, max_length=80
    )
    category = f.string("electrolyte_category", known.category if known is not None else "", max_length=80)
    buffer = _family(f, "buffer", materials) if f.has("buffer") else None
    asr = scaled_to_si(f.number("asr_ohm_cm2", 0.0, MAX_ASR_OHM_CM2, "Ω·cm²"), u.OHM_CM2)
    source = f.string("source", max_length=500).strip()
    if not source:
        raise f.error("source", source, "a text saying where the value comes from")
    return InterfaceRecord(
        id=f"project_{index + 1}",
        side=side,
        electrode=electrode,
        electrolyte=electrolyte,
        electrolyte_family=family,
        electrolyte_category=category,
        buffer=buffer,
        coating_method="",
        asr_with_buffer_ohm_m2=asr if buffer is not None else None,
        asr_without_buffer_ohm_m2=asr if buffer is None else None,
        source=PROJECT_SOURCE + source,
        temperature_K=celsius_to_kelvin(f.number("temperature_C", -100.0, 1000.0, "°C", 25.0)),
    )


def write_interfaces(records: tuple[InterfaceRecord, ...]) -> list[dict[str, Any]]:
    return [_write_record(r) for r in records]


def _write_record(record: InterfaceRecord) -> dict[str, Any]:
    asr = record.asr_with_buffer_ohm_m2 if record.buffer is not None else record.asr_without_buffer_ohm_m2
    entry: dict[str, Any] = {
        "side": record.side.value,
        "electrode": record.electrode,
        "electrolyte": record.electrolyte,
        "electrolyte_family": record.electrolyte_family,
    }
    if record.electrolyte_category:
        entry["electrolyte_category"] = record.electrolyte_category
    if record.buffer is not None:
        entry["buffer"] = record.buffer
    entry["asr_ohm_cm2"] = scaled(asr if asr is not None else 0.0, u.OHM_CM2)
    entry["temperature_C"] = number(kelvin_to_celsius(record.temperature_K))
    source = record.source
    entry["source"] = source[len(PROJECT_SOURCE) :] if source.startswith(PROJECT_SOURCE) else source
    return entry
