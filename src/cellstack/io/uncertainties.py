"""The ``uncertainties`` object of a version 3 project file: how sure each uncertain input is.

Keys are field paths (field_table.py), values ``{"sigma": S}`` (normal, ± one standard
deviation) or ``{"low": L, "high": H}`` (uniform between the bounds), both in the field's file
unit, with an optional ``source`` text saying where the spread comes from. The path must name a
continuous input this project holds; the bounds must lie in the range the field allows, so every
sampled design is one the loader accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import Distribution, Normal, Uniform
from cellstack.io.field_table import FieldPath, parse_path, read_in_document
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import number

SECTION = "uncertainties"
MAX_UNCERTAINTIES = 1000  # far more than a design has inputs
MAX_SOURCE_CHARS = 500
_ENTRY_KEYS = frozenset({"sigma", "low", "high", "source"})


@dataclass(frozen=True)
class InputUncertainty:
    """One input's spread: its field path, its distribution (file units) and where it comes from."""

    path: str
    distribution: Distribution
    source: str = ""

    @property
    def sigma(self) -> float:
        """The standard deviation in the field's file unit ((high - low)/√12 for bounds)."""
        return self.distribution.std()


def entry_text(item: InputUncertainty) -> str:
    """``± 4`` or ``4.6 to 5`` (file units), as the app and the report show an uncertainty."""
    d = item.distribution
    return f"± {d.sigma:.4g}" if isinstance(d, Normal) else f"{d.low:.6g} to {d.high:.6g}"


def _field_path(section: Fields, key: str, document: Mapping[str, Any]) -> FieldPath:
    try:
        path = parse_path(key)
        if path.field.integer:
            raise InputError(key, None, "the path of a continuous input (a count cannot be uncertain)")
        read_in_document(document, path)
    except InputError as exc:
        raise section.error(key, key, exc.allowed) from None
    except (TypeError, ValueError):  # the field holds no number: its own reader refuses it first
        raise section.error(key, key, "the path of a field holding a number") from None
    return path


def _read_entry(f: Fields, path: FieldPath) -> InputUncertainty:
    f.check_keys(_ENTRY_KEYS)
    field = path.field
    source = f.string("source", "", max_length=MAX_SOURCE_CHARS)
    distribution: Distribution
    if f.has("sigma"):
        if f.has("low") or f.has("high"):
            raise f.error("sigma", f.data["sigma"], "either sigma or low and high, not both")
        span = field.high - field.low
        distribution = Normal(f.number("sigma", 0.0, span, field.unit, low_inclusive=False))
    else:
        if not (f.has("low") and f.has("high")):
            raise f.error("sigma", None, "a standard deviation sigma, or both bounds low and high")
        low, high = (
            f.number(key, field.low, field.high, field.unit, low_inclusive=field.low_inclusive)
            for key in ("low", "high")
        )
        if not low < high:
            raise f.error(
                "low", low, f"a bound below high ({high:g}{' ' + field.unit if field.unit else ''})"
            )
        distribution = Uniform(low, high)
    return InputUncertainty(path.text, distribution, source)


def read_uncertainties(top: Fields, document: Mapping[str, Any]) -> tuple[InputUncertainty, ...]:
    """The file's uncertainties sorted by path; ``document`` is the migrated file the paths name."""
    if not top.has(SECTION):
        return ()
    section = top.child(SECTION)
    if len(section.data) > MAX_UNCERTAINTIES:
        raise top.error(
            SECTION, f"{len(section.data)} entries", f"at most {MAX_UNCERTAINTIES} uncertain inputs"
        )
    result = []
    for key in section.data:
        path = _field_path(section, key, document)
        result.append(_read_entry(section.child(key), path))
    return tuple(sorted(result, key=lambda item: item.path))


def write_entry(item: InputUncertainty) -> dict[str, Any]:
    d = item.distribution
    entry: dict[str, Any] = (
        {"sigma": number(d.sigma)}
        if isinstance(d, Normal)
        else {"low": number(d.low), "high": number(d.high)}
    )
    if item.source:
        entry["source"] = item.source
    return entry


def write_uncertainties(items: Iterable[InputUncertainty]) -> dict[str, Any]:
    return {item.path: write_entry(item) for item in sorted(items, key=lambda i: i.path)}


def checked_uncertainty(
    document: Mapping[str, Any], path: str, distribution: Distribution, source: str = "", origin: str = ""
) -> InputUncertainty:
    """The uncertainty as the loader would read it from ``document`` (a project's document), or
    the loader's one-line InputError: the app and the loader check an entry the same way."""
    section = Fields({path: write_entry(InputUncertainty(path, distribution, source))}, SECTION, origin)
    return _read_entry(section.child(path), _field_path(section, path, document))
