"""The stack's interfaces as field paths: each electrode|electrolyte contact of the ASR ledger,
the project record that gives its value (``interfaces[i].asr_ohm_cm2``), and a record made for one
whose value still comes from the library.

A record made here holds the contact's present value at the temperature that value was measured
at, so the ledger is unchanged until the record is edited or fitted. Its electrode and buffer are
named by family and its electrolyte by id, which the project's look-up matches first. (Where a
buffer layer lies between, a project record is read as a measured value is: including the
buffer's bulk, which the ledger then no longer counts on its own.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable, InterfaceValue
from cellstack.core.material import Material, Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.units import kelvin_to_celsius
from cellstack.io.file_numbers import number, scaled
from cellstack.io.interface_fields import MAX_INTERFACES, project_interface_table
from cellstack.io.project import Project, loads_project, project_document

ASR_PATH = "interfaces[{index}].asr_ohm_cm2"
SERIES_PATH = "series_resistance_ohm"
_PROJECT_RECORD = "project_"  # interface_fields names the file's records project_1, project_2, …


@dataclass(frozen=True)
class StackInterface:
    side: Role
    electrode: Material
    electrolyte: Material
    buffer: Material | None
    value: InterfaceValue | None  # None: no record or default speaks for it (it counts as zero)
    record_index: int | None  # the project record that gives the value, if one does

    @property
    def label(self) -> str:
        buffer = f"{self.buffer.name} | " if self.buffer is not None else ""
        return f"{self.electrode.name} | {buffer}{self.electrolyte.name}"

    @property
    def path(self) -> str | None:
        return None if self.record_index is None else ASR_PATH.format(index=self.record_index)


@dataclass(frozen=True, slots=True)
class _Recording(InterfaceTable):
    """Answers as ``inner`` does and notes every question (the ledger asks once per contact)."""

    inner: InterfaceTable = field(default_factory=InterfaceTable)
    asked: list[StackInterface] = field(default_factory=list, compare=False, hash=False)

    def lookup(
        self, side: Role, electrode: Material, electrolyte: Material, buffer: Material | None
    ) -> InterfaceValue | None:
        value = self.inner.lookup(side, electrode, electrolyte, buffer)
        record_id = value.record_id if value is not None else ""
        own = record_id.startswith(_PROJECT_RECORD) and record_id[len(_PROJECT_RECORD) :].isdigit()
        index = int(record_id[len(_PROJECT_RECORD) :]) - 1 if own else None
        self.asked.append(StackInterface(side, electrode, electrolyte, buffer, value, index))
        return value


def stack_interfaces(project: Project, installed: InterfaceTable) -> list[StackInterface]:
    """The contacts of the project's stack in ledger order, with the value each has now."""
    recording = _Recording(inner=project_interface_table(project.interfaces, installed))
    compute_metrics(project.stack, recording)
    seen: dict[tuple[Role, str, str, str], StackInterface] = {}
    for contact in recording.asked:
        key = (contact.side, contact.electrode.id, contact.electrolyte.id, getattr(contact.buffer, "id", ""))
        seen.setdefault(key, contact)
    return list(seen.values())


def with_interface_record(project: Project, contact: StackInterface, source: str) -> tuple[Project, str]:
    """``project`` with a record of its own for ``contact`` (its present value), and the record's
    path; the project itself and the record's path where it has one already."""
    if contact.path is not None:
        return project, contact.path
    if contact.value is None:
        raise InputError(
            "interfaces", contact.label, "an interface with a resistance to start from (none is known)"
        )
    if len(project.interfaces) >= MAX_INTERFACES:
        raise InputError("interfaces", len(project.interfaces), f"at most {MAX_INTERFACES} records")
    record: dict[str, object] = {
        "side": contact.side.value,
        "electrode": contact.electrode.family_id,
        "electrolyte": contact.electrolyte.id,
        "electrolyte_family": contact.electrolyte.family_id,
    }
    if contact.electrolyte.category:
        record["electrolyte_category"] = contact.electrolyte.category
    if contact.buffer is not None:
        record["buffer"] = contact.buffer.family_id
    record["asr_ohm_cm2"] = scaled(contact.value.asr_ohm_m2, u.OHM_CM2)
    record["temperature_C"] = number(kelvin_to_celsius(contact.value.temperature_K))
    record["source"] = source
    document = project_document(project)
    document.setdefault("interfaces", []).append(record)
    loaded = loads_project(json.dumps(document, allow_nan=False).encode("utf-8"))
    index = len(document["interfaces"]) - 1
    return replace(loaded, format_version=project.format_version), ASR_PATH.format(index=index)
