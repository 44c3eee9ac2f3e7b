"""What the design-study commands (sweep, seek, optimize, compute --samples) read from the command
line: inputs by field path with ranges, outputs by key, targets and constraints.

Each problem is one InputError naming the option, the text typed and what would be accepted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cellstack.core.discharge.model import MAX_C_RATE
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import DesignSpace, Invalid, batched, evaluate_designs
from cellstack.core.explore.optimize import BatchEvaluator, Constraint
from cellstack.core.explore.outputs import check_keys
from cellstack.core.sweep import FloatArray
from cellstack.io.design_space import design_space
from cellstack.io.field_paths import FieldPath, NumericField, ProjectEditor
from cellstack.io.library import Library
from cellstack.io.project import Project

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_CONSTRAINT = re.compile(rf"^\s*([A-Za-z0-9_.]+)\s*(>=|<=)\s*({_NUMBER})\s*$")


@dataclass(frozen=True)
class Assignment:
    """``PATH=...`` split into the path and the numbers after "=" (separated by ":")."""

    path: str
    numbers: tuple[float, ...]


def assignment(text: str, option: str, counts: Sequence[int], form: str, source: Path) -> Assignment:
    path, sep, rest = text.partition("=")
    words = rest.split(":") if sep else []
    if not sep or not path.strip() or len(words) not in counts:
        raise InputError(option, text, form, str(source))
    try:
        numbers = tuple(float(w) for w in words)
    except ValueError:
        raise InputError(option, text, f"{form} with numbers after =", str(source)) from None
    if not all(math.isfinite(n) for n in numbers):
        raise InputError(option, text, f"{form} with finite numbers", str(source))
    return Assignment(path.strip(), numbers)


def point_count(value: float, option: str, text: str, source: Path) -> int:
    if value != int(value) or value < 2:
        raise InputError(
            option, text, "a whole number of points N of 2 or more after START:STOP:", str(source)
        )
    return int(value)


def check_in_range(
    field: NumericField, values: Sequence[float], option: str, path: str, source: Path
) -> None:
    for value in values:
        if not field.contains(value):
            raise InputError(option, f"{path}={value:g}", f"{path} as {field.allowed()}", str(source))


def inner_range(field: NumericField) -> tuple[float, float]:
    """The field's range with an open lower bound moved just inside (what samples may take)."""
    return field.inner_range()


def output_keys(keys: Sequence[str], option: str, source: Path) -> tuple[str, ...]:
    try:
        return check_keys(keys)
    except InputError as exc:
        raise InputError(option, exc.value, exc.allowed, str(source)) from None


def c_rate(value: float, source: Path) -> float:
    if not math.isfinite(value) or not 0.0 < value <= MAX_C_RATE:
        raise InputError("--c-rate", value, f"a C-rate above 0 and up to {MAX_C_RATE:g}", str(source))
    return value


def constraint(text: str, source: Path) -> Constraint:
    match = _CONSTRAINT.match(text)
    if match is None or not math.isfinite(float(match[3])):
        raise InputError(
            "--constraint", text, '"KEY>=VALUE" or "KEY<=VALUE" with a finite VALUE', str(source)
        )
    key = output_keys([match[1]], "--constraint", source)[0]
    return Constraint(key, match[2] == ">=", float(match[3]))


MAX_SEED = 2**32 - 1


def seed(value: int, source: Path) -> int:
    """A seed numpy and scipy both accept."""
    if not 0 <= value <= MAX_SEED:
        raise InputError("--seed", value, f"a whole number from 0 to {MAX_SEED}", str(source))
    return value


@dataclass(frozen=True)
class Study:
    """A project's design space over some paths, and what builds its variants."""

    space: DesignSpace
    editor: ProjectEditor
    paths: tuple[FieldPath, ...]

    def vectorised(self, keys: Sequence[str]) -> bool:
        """Whether every design of a batch is computed at once (else one design at a time)."""
        return batched(self.space, keys)

    def evaluator(self, keys: Sequence[str], rate: float, invalid: Invalid = Invalid.RAISE) -> BatchEvaluator:
        def evaluate(points: FloatArray) -> dict[str, FloatArray]:
            return evaluate_designs(self.space, np.asarray(points), keys, rate, invalid)

        return evaluate


def study(project: Project, library: Library, paths: Sequence[str], option: str, source: Path) -> Study:
    """The study of ``paths``; a path this project lacks is refused naming the option."""
    try:
        # The project's own interface values count in every design, as in compute.
        space, editor, parsed = design_space(project, library, paths, str(source))
    except InputError as exc:
        shown = exc.value if exc.field == "field path" else exc.field
        raise InputError(option, shown, exc.allowed, str(source)) from None
    if len({p.text for p in parsed}) < len(parsed):
        raise InputError(option, [p.text for p in parsed], "different paths", str(source))
    return Study(space, editor, parsed)
