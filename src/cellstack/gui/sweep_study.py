"""What the Sweep panel computes, without Qt: a grid of one or two inputs and one output.

The designs are computed by the explore engine exactly as `cellstack sweep` computes them, in
chunks so that a long sweep can report progress and stop between two chunks: a few designs
where each is built on its own, a few hundred where the batched discharge computes them
together (``delivered_*`` over thicknesses and fractions: about ten thousand a second).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.explore.engine import DesignSpace, Invalid, batched, evaluate_designs
from cellstack.core.explore.grid import axis, grid, whole_axis
from cellstack.core.explore.outputs import check_keys, vectorisable
from cellstack.core.sweep import FloatArray
from cellstack.io.design_space import design_space
from cellstack.io.field_paths import FieldPath, ProjectEditor
from cellstack.io.library import Library
from cellstack.io.project_model import Project

CHUNK_DESIGNS = 16  # designs computed one by one between two progress reports
CHUNK_BATCHED = 250  # designs of a batched discharge between two (a few tens of milliseconds)


@dataclass(frozen=True)
class SweepAxis:
    """One varied input: ``count`` values from ``start`` to ``stop`` in the file's unit."""

    path: str
    start: float
    stop: float
    count: int
    log: bool = False


@dataclass(frozen=True)
class SweepResult:
    """The output over the grid: ``values`` has one axis per input (the first input first)."""

    axes: tuple[FloatArray, ...]
    paths: tuple[str, ...]
    key: str
    values: FloatArray


class SweepStudy:
    """A sweep of ``project`` ready to run; building it checks paths, ranges and the output."""

    def __init__(
        self, project: Project, library: Library | None, axes: Sequence[SweepAxis], key: str, c_rate: float
    ) -> None:
        if not 1 <= len(axes) <= 2:
            raise InputError("inputs", len(axes), "one or two inputs")
        self.key = check_keys([key])[0]
        self.c_rate = c_rate
        space, editor, paths = design_space(project, library, [a.path for a in axes])
        if len({p.text for p in paths}) < len(paths):
            raise InputError("inputs", [p.text for p in paths], "two different inputs")
        self._space: DesignSpace = space
        self.editor: ProjectEditor = editor
        self.paths: tuple[FieldPath, ...] = paths
        self.axes = tuple(_axis_values(a, p) for a, p in zip(axes, paths, strict=True))
        self.points = grid(self.axes)

    @property
    def design_count(self) -> int:
        return len(self.points)

    @property
    def vectorised(self) -> bool:
        """Whether every design is computed in one call (fast enough to run at once)."""
        return all(k is not None for k in self._space.knobs) and vectorisable([self.key])

    @property
    def chunk(self) -> int:
        """Designs computed between two progress reports (and two looks at Cancel)."""
        return CHUNK_BATCHED if batched(self._space, [self.key]) else CHUNK_DESIGNS

    def current(self) -> tuple[float, ...]:
        """The project's own values of the inputs: where the current design sits."""
        return tuple(self.editor.read(p) for p in self.paths)

    def run_at_once(self) -> SweepResult | None:
        """The result when the vectorised sweep computes every design in one call, else None
        (a design it refuses, or an input or output it cannot compute): then :meth:`run`."""
        if not self.vectorised:
            return None
        try:
            found = evaluate_designs(self._space, self.points, (self.key,), self.c_rate, only_vectorised=True)
        except InputError:
            return None
        return self._result(found[self.key])

    def run(
        self, progress: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None
    ) -> SweepResult | None:
        """The result computed in chunks, or None when ``cancelled`` said so between two."""
        values = np.full(len(self.points), math.nan)
        size = self.chunk
        for start in range(0, len(self.points), size):
            if cancelled is not None and cancelled():
                return None
            chunk = self.points[start : start + size]
            found = evaluate_designs(self._space, chunk, (self.key,), self.c_rate, Invalid.NAN)
            values[start : start + len(chunk)] = found[self.key]
            if progress is not None:
                progress(start + len(chunk))
        return self._result(values)

    def _result(self, values: FloatArray) -> SweepResult:
        shape = tuple(len(a) for a in self.axes)
        return SweepResult(self.axes, tuple(p.text for p in self.paths), self.key, values.reshape(shape))

    def label(self, index: int) -> str:
        """Input ``index``'s path with the unit and, inside a layer, the layer's name."""
        path = self.paths[index]
        layer = path.layer_index
        unit = f" ({path.field.unit})" if path.field.unit else ""
        name = f" · {self.editor.project.stack.layers[layer].name}" if layer is not None else ""
        return f"{path.text}{unit}{name}"

    def design(self, values: Sequence[float]) -> Project:
        """The project with the inputs at ``values``: InputError when the loader refuses it."""
        return self.editor.with_values(dict(zip(self.paths, values, strict=True)))


def _axis_values(spec: SweepAxis, path: FieldPath) -> FloatArray:
    for value in (spec.start, spec.stop):
        if not path.field.contains(value):
            raise InputError(path.text, value, path.field.allowed())
    values = axis(spec.start, spec.stop, spec.count, spec.log, path.text)
    return whole_axis(values, path.text) if path.field.integer else values
