"""The ``diffusivity_curve`` table of a material record <-> core DiffusivityCurve (D(θ)).

On disk, D is in cm²/s like the constant ``diffusivity`` property; expression parameters that are
diffusivities carry the same unit, the others are pure numbers (docs/materials-format.md).
"""

from __future__ import annotations

from typing import Any

from cellstack.core import units as u
from cellstack.core.diffusivity import FORM_PARAMETERS, DiffusivityCurve, DiffusivityForm
from cellstack.core.errors import InputError
from cellstack.io.fields import Fields

KEY = "diffusivity_curve"
UNIT = "cm2/s"
_FORMS = tuple(form.value for form in DiffusivityForm)
_BASE_KEYS = frozenset({"form", "unit", "source", "note"})
_TABLE_KEYS = _BASE_KEYS | {"theta", "value"}
_MAX_POINTS = 1000


def _numbers(f: Fields, key: str) -> tuple[float, ...]:
    raw = f.data.get(key)
    if not isinstance(raw, list) or not 2 <= len(raw) <= _MAX_POINTS:
        raise f.error(key, raw, f"a list of 2 to {_MAX_POINTS} numbers")
    item = Fields({str(i): v for i, v in enumerate(raw)}, f.at(key), f.origin)
    return tuple(item.number(str(i), -1e300, 1e300) for i in range(len(raw)))


def read_diffusivity_curve(record: Fields) -> DiffusivityCurve | None:
    """The record's D(θ), None where it gives none; InputError naming the field otherwise."""
    if not record.has(KEY):
        return None
    f = record.child(KEY)
    form = DiffusivityForm(f.choice("form", _FORMS))
    names = FORM_PARAMETERS.get(form, ())
    f.check_keys(_TABLE_KEYS if form is DiffusivityForm.TABLE else _BASE_KEYS | {n for n, _ in names})
    unit = f.string("unit")
    if unit != UNIT:
        raise f.error("unit", unit, f'"{UNIT}"')
    theta: tuple[float, ...] = ()
    values: tuple[float, ...] = ()
    parameters: tuple[float, ...] = ()
    if form is DiffusivityForm.TABLE:
        theta, values = _numbers(f, "theta"), _numbers(f, "value")
        if any(v <= 0.0 for v in values):
            raise f.error("value", list(values), f"diffusivities > 0 {UNIT}")
        values = tuple(v * u.CM2_PER_S for v in values)
    else:
        parameters = tuple(
            f.number(name, -1e300, 1e300) * (u.CM2_PER_S if is_diffusivity else 1.0)
            for name, is_diffusivity in names
        )
    try:
        return DiffusivityCurve(form, f.string("source"), theta, values, parameters, f.string("note", ""))
    except InputError as exc:
        raise InputError(f.at("form"), form.value, exc.allowed, f.origin) from None


def write_diffusivity_curve(curve: DiffusivityCurve) -> dict[str, Any]:
    entry: dict[str, Any] = {"form": curve.form.value, "unit": UNIT, "source": curve.source}
    if curve.form is DiffusivityForm.TABLE:
        entry["theta"] = list(curve.theta)
        entry["value"] = [float(f"{v / u.CM2_PER_S:.12g}") for v in curve.values_m2_s]
    else:
        for (name, is_diffusivity), value in zip(FORM_PARAMETERS[curve.form], curve.parameters, strict=True):
            entry[name] = float(f"{value / (u.CM2_PER_S if is_diffusivity else 1.0):.12g}")
    if curve.note:
        entry["note"] = curve.note
    return entry
