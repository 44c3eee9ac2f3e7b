"""An interface table remembers its answers: a second question about a different interface must
not get the first one's answer (everything the lookup reads is part of what it remembers)."""

from __future__ import annotations

from dataclasses import replace

from cellstack.core.interfaces import InterfaceDefault, InterfaceRecord, InterfaceTable
from cellstack.core.material import Material, Role

_LI = Material("li", "Li", "Li", (Role.ANODE,), family="li_metal")
_LLZO = Material("llzo_a", "LLZO A", "Li7La3Zr2O12", (Role.ELECTROLYTE,), family="llzo", category="garnet")
_LLZO_B = replace(_LLZO, id="llzo_b", name="LLZO B")
_LATP = Material("latp", "LATP", "LiTiPO", (Role.ELECTROLYTE,), family="latp", category="nasicon")
_LATP_GARNET_CLASS = replace(_LATP, id="odd", family="odd", category="garnet")
_AL2O3 = Material("al2o3", "Al2O3", "Al2O3", (Role.BUFFER,), family="al2o3")


def _record(electrolyte: str, family: str, bare: float, buffered: float | None = None) -> InterfaceRecord:
    return InterfaceRecord(
        id=f"li_{electrolyte}",
        side=Role.ANODE,
        electrode="li_metal",
        electrolyte=electrolyte,
        electrolyte_family=family,
        electrolyte_category="garnet",
        buffer="al2o3" if buffered is not None else None,
        coating_method="",
        asr_with_buffer_ohm_m2=buffered,
        asr_without_buffer_ohm_m2=bare,
        source="test",
    )


_TABLE_RECORDS = (_record("llzo_a", "llzo", 1.0, 0.1), _record("other", "llzo", 2.0))
_DEFAULTS = (InterfaceDefault("any", Role.ANODE, ("*",), ("*",), 9.0, "test"),)


def _asr(table: InterfaceTable, electrolyte: Material, buffer: Material | None = None) -> float | None:
    value = table.lookup(Role.ANODE, _LI, electrolyte, buffer)
    return value.asr_ohm_m2 if value is not None else None


def test_each_interface_gets_its_own_answer_in_any_order() -> None:
    questions = [
        (_LLZO, None, 1.0),  # the same material
        (_LLZO_B, None, 1.0),  # another of its family: the first record of the family tier
        (_LLZO, _AL2O3, 0.1),  # with a buffer
        (_LATP, None, 9.0),  # nothing measured: the default
        (_LATP_GARNET_CLASS, None, 1.0),  # a garnet by category only
    ]
    for order in (questions, questions[::-1]):
        table = InterfaceTable(_TABLE_RECORDS, _DEFAULTS)
        for electrolyte, buffer, expected in order:
            assert _asr(table, electrolyte, buffer) == expected
        for electrolyte, buffer, expected in order:  # asked again: the remembered answer
            assert _asr(table, electrolyte, buffer) == expected


def test_the_side_is_part_of_the_question() -> None:
    table = InterfaceTable(_TABLE_RECORDS, _DEFAULTS)
    assert _asr(table, _LLZO) == 1.0
    assert table.lookup(Role.CATHODE, _LI, _LLZO, None) is None


def test_remembered_answers_do_not_make_tables_unequal() -> None:
    asked = InterfaceTable(_TABLE_RECORDS, _DEFAULTS)
    _asr(asked, _LLZO)
    fresh = InterfaceTable(_TABLE_RECORDS, _DEFAULTS)
    assert asked == fresh and hash(asked) == hash(fresh)
    assert "_answers" not in repr(asked)
