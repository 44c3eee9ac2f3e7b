"""Measured and default interface resistances, and how a stack interface finds its value."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from cellstack.core.material import Material, Role
from cellstack.core.sourced import Quality
from cellstack.core.units import ROOM_TEMPERATURE

# Solid/solid interfaces are thermally activated with Ea of typically 0.3-0.7 eV
# (physics-and-data §3.4, a recalled range); 0.4 eV is our assumption where none is measured.
DEFAULT_INTERFACE_ACTIVATION_EV = 0.4


class InterfaceKind(StrEnum):
    """What an interface resistance stands for, and so how it enters the voltage.

    A charge-transfer resistance is the small-signal slope of Butler–Volmer kinetics: the discharge
    model turns it into an exchange current, and its overpotential grows as asinh of the current.
    An ohmic one (a current constriction at voids, a contact, a resistive interphase) drops i·R at
    every current.
    """

    CHARGE_TRANSFER = "charge_transfer"
    OHMIC = "ohmic"


@dataclass(frozen=True, slots=True)
class InterfaceRecord:
    """A measured interface resistance from the literature (the review's Tables 4 and 5)."""

    id: str
    side: Role  # CATHODE or ANODE
    electrode: str  # family id
    electrolyte: str  # material id
    electrolyte_family: str  # its family id, so a record can speak for sibling materials
    electrolyte_category: str  # e.g. "garnet": the last resort before a default (an estimate)
    buffer: str | None  # family id, None for a bare interface
    coating_method: str
    asr_with_buffer_ohm_m2: float | None
    asr_without_buffer_ohm_m2: float | None
    source: str
    temperature_K: float = ROOM_TEMPERATURE
    note: str = ""
    kind: InterfaceKind = InterfaceKind.CHARGE_TRANSFER  # of the value with the buffer
    kind_without_buffer: InterfaceKind = InterfaceKind.CHARGE_TRANSFER
    kind_note: str = ""  # why a value is ohmic: what a finding tells the user


@dataclass(frozen=True, slots=True)
class InterfaceDefault:
    """A documented default for interfaces nobody has measured (an estimate)."""

    id: str
    side: Role
    electrode_families: tuple[str, ...]  # ("*",) matches any
    electrolyte_families: tuple[str, ...]
    asr_ohm_m2: float
    source: str
    quality: Quality = Quality.ESTIMATE
    note: str = ""
    buffer_families: tuple[str, ...] = ("*",)  # ("none",) for a bare interface only
    kind: InterfaceKind = InterfaceKind.CHARGE_TRANSFER
    kind_note: str = ""

    def specificity(self) -> int:
        return int("*" not in self.electrode_families) + int("*" not in self.electrolyte_families)

    def matches(self, electrode: str, electrolyte: str, buffer: str | None) -> bool:
        return (
            _in(electrode, self.electrode_families)
            and _in(electrolyte, self.electrolyte_families)
            and _in(buffer or "none", self.buffer_families)
        )


def _in(family: str, accepted: tuple[str, ...]) -> bool:
    return "*" in accepted or family in accepted


@dataclass(frozen=True, slots=True)
class InterfaceValue:
    """What the ledger uses for one electrode|electrolyte interface at the reference temperature."""

    asr_ohm_m2: float
    source: str
    quality: Quality
    temperature_K: float
    description: str
    includes_buffer_bulk: bool  # a measured value with a buffer already contains its bulk term
    record_id: str
    kind: InterfaceKind = InterfaceKind.CHARGE_TRANSFER
    kind_note: str = ""


# What a lookup reads of its materials: side, electrode family, electrolyte id, family and
# category, buffer family.
_LookupKey = tuple[Role, str, str, str, str, str | None]
_MAX_REMEMBERED = 4096  # distinct interfaces a table remembers before it starts afresh


@dataclass(frozen=True, slots=True)
class InterfaceTable:
    records: tuple[InterfaceRecord, ...] = ()
    defaults: tuple[InterfaceDefault, ...] = ()
    # Answers already found. Every live recompute asks the same few interfaces again, and walking
    # three tiers of records costs more than the rest of a stack's resistance ledger.
    _answers: dict[_LookupKey, InterfaceValue | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def lookup(
        self,
        side: Role,
        electrode: Material,
        electrolyte: Material,
        buffer: Material | None,
    ) -> InterfaceValue | None:
        """The best value for an interface: a measured record, else the most specific default."""
        key = (
            side,
            electrode.family_id,
            electrolyte.id,
            electrolyte.family_id,
            electrolyte.category,
            buffer.family_id if buffer is not None else None,
        )
        answers = self._answers
        if key in answers:
            return answers[key]
        found = self._measured(side, electrode, electrolyte, buffer)
        if found is None:
            found = self._default(side, electrode, electrolyte, buffer)
        if len(answers) >= _MAX_REMEMBERED:
            answers.clear()
        answers[key] = found
        return found

    def _measured(
        self, side: Role, electrode: Material, electrolyte: Material, buffer: Material | None
    ) -> InterfaceValue | None:
        buffer_family = buffer.family_id if buffer is not None else None
        tiers = ("same material", "same material family", "measured on another electrolyte of the same class")
        for tier, matched in enumerate(tiers):
            for record in self.records:
                if record.side is not side or record.electrode != electrode.family_id:
                    continue
                if not _electrolyte_matches(record, electrolyte, tier):
                    continue
                value = self._record_value(record, buffer_family)
                if value is None:
                    continue
                kind = record.kind if buffer_family is not None else record.kind_without_buffer
                return InterfaceValue(
                    asr_ohm_m2=value[0],
                    source=record.source,
                    # A value borrowed from another electrolyte is only a guide.
                    quality=Quality.REPORTED if tier < 2 else Quality.ESTIMATE,
                    temperature_K=record.temperature_K,
                    description=f"measured ({value[1]}, {matched})",
                    includes_buffer_bulk=buffer_family is not None,
                    record_id=record.id,
                    kind=kind,
                    kind_note=record.kind_note if kind is InterfaceKind.OHMIC else "",
                )
        return None

    @staticmethod
    def _record_value(record: InterfaceRecord, buffer_family: str | None) -> tuple[float, str] | None:
        if buffer_family is None:
            if record.asr_without_buffer_ohm_m2 is None:
                return None
            return record.asr_without_buffer_ohm_m2, "bare interface"
        if record.buffer != buffer_family or record.asr_with_buffer_ohm_m2 is None:
            return None
        return record.asr_with_buffer_ohm_m2, f"with {record.buffer} buffer"

    def _default(
        self, side: Role, electrode: Material, electrolyte: Material, buffer: Material | None
    ) -> InterfaceValue | None:
        buffer_family = buffer.family_id if buffer is not None else None
        candidates = [
            d
            for d in self.defaults
            if d.side is side and d.matches(electrode.family_id, electrolyte.family_id, buffer_family)
        ]
        if not candidates:
            return None
        best = max(candidates, key=InterfaceDefault.specificity)
        return InterfaceValue(
            asr_ohm_m2=best.asr_ohm_m2,
            source=best.source,
            quality=best.quality,
            temperature_K=ROOM_TEMPERATURE,
            description="default estimate" if best.quality is Quality.ESTIMATE else "default",
            includes_buffer_bulk=False,
            record_id=best.id,
            kind=best.kind,
            kind_note=best.kind_note,
        )


def _electrolyte_matches(record: InterfaceRecord, electrolyte: Material, tier: int) -> bool:
    if tier == 0:
        return record.electrolyte == electrolyte.id
    if tier == 1:
        return record.electrolyte_family == electrolyte.family_id
    return bool(electrolyte.category) and record.electrolyte_category == electrolyte.category
