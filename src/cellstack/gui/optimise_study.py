"""What the Optimise window computes, without Qt: the optimum of one output over bounded inputs
under constraints, or the Pareto front of two outputs.

The same core functions as `cellstack optimize` (core.explore.optimize over the explore engine),
with the same sample counts, so the app and the command line find the same designs. Every batch
of designs is cut into chunks, so that a long run reports progress and stops between two chunks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.explore.engine import DesignSpace, Invalid, evaluate_designs
from cellstack.core.explore.optimize import (
    Constraint,
    Infeasible,
    Objective,
    Optimum,
    ParetoFront,
    optimize,
    pareto_front,
)
from cellstack.core.explore.outputs import check_keys, vectorisable
from cellstack.core.sweep import FloatArray
from cellstack.io.design_space import design_space
from cellstack.io.field_paths import FieldPath, ProjectEditor
from cellstack.io.library import Library
from cellstack.io.project_model import Project

# As `cellstack optimize`: a dense sample when the vectorised path computes it at once, fewer when
# each design is built (and maybe discharged) on its own.
FRONT_SAMPLES = 2500
FRONT_SAMPLES_ONE_BY_ONE = 400
MAX_INPUTS = 6
CHUNK_DESIGNS = 16  # designs computed one by one between two progress reports
DE_MAXITER, DE_POPSIZE = 60, 12  # core.explore.optimize's defaults, for the progress estimate
_CONSTRAINT = re.compile(r"^\s*([A-Za-z0-9_.]+)\s*(>=|<=)\s*([-+0-9.eE]+)\s*$")


@dataclass(frozen=True)
class Bound:
    """One varied input: from ``low`` to ``high`` in the file's unit."""

    path: str
    low: float
    high: float


@dataclass(frozen=True)
class Goal:
    key: str
    maximize: bool


def parse_constraint(text: str) -> Constraint:
    """ "asr_ohm_cm2<=50" -> Constraint; InputError naming the text otherwise."""
    match = _CONSTRAINT.match(text)
    try:
        limit = float(match[3]) if match is not None else math.nan
    except ValueError:
        limit = math.nan
    if match is None or not math.isfinite(limit):
        raise InputError("constraint", text, '"KEY>=VALUE" or "KEY<=VALUE" with a finite VALUE')
    return Constraint(check_keys([match[1]])[0], match[2] == ">=", limit)


class Cancelled(Exception):
    """The user stopped the run between two chunks."""


@dataclass(frozen=True)
class OptimiseResult:
    """An optimum (one goal) or a front (two), with the current design's outputs beside it."""

    optimum: Optimum | None
    front: ParetoFront | None
    current: dict[str, float]  # the objectives' and constraints' keys at the open design


class OptimiseStudy:
    """A run over ``project`` ready to start; building it checks paths, bounds, keys and constraints."""

    def __init__(
        self,
        project: Project,
        library: Library | None,
        bounds: Sequence[Bound],
        goals: Sequence[Goal],
        constraints: Sequence[str],
        c_rate: float,
        seed: int = 0,
    ) -> None:
        if not 1 <= len(bounds) <= MAX_INPUTS:
            raise InputError("inputs", len(bounds), f"1 to {MAX_INPUTS} inputs")
        if not 1 <= len(goals) <= 2:
            raise InputError("objectives", len(goals), "one objective, or two for a Pareto front")
        self.objectives = tuple(Objective(check_keys([g.key])[0], g.maximize) for g in goals)
        if len({o.key for o in self.objectives}) < len(self.objectives):
            raise InputError("objectives", [o.key for o in self.objectives], "two different outputs")
        self.constraints = tuple(parse_constraint(text) for text in constraints if text.strip())
        space, editor, paths = design_space(project, library, [b.path for b in bounds])
        if len({p.text for p in paths}) < len(paths):
            raise InputError("inputs", [p.text for p in paths], "different inputs")
        for bound, path in zip(bounds, paths, strict=True):
            for value in (bound.low, bound.high):
                if not path.field.contains(value):
                    raise InputError(path.text, value, path.field.allowed())
            if not bound.low < bound.high:
                raise InputError(
                    path.text, f"{bound.low:g} to {bound.high:g}", "a lower bound below the upper"
                )
        self._space: DesignSpace = space
        self.editor: ProjectEditor = editor
        self.paths: tuple[FieldPath, ...] = paths
        self.box = np.array([[b.low, b.high] for b in bounds], dtype=float)
        self.keys = tuple(
            dict.fromkeys([*(o.key for o in self.objectives), *(c.key for c in self.constraints)])
        )
        self.c_rate = c_rate
        self.seed = seed

    @property
    def vectorised(self) -> bool:
        return all(k is not None for k in self._space.knobs) and vectorisable(self.keys)

    @property
    def expected_designs(self) -> int:
        """About how many designs the run computes (for the progress bar)."""
        if len(self.objectives) == 2:
            return FRONT_SAMPLES if self.vectorised else FRONT_SAMPLES_ONE_BY_ONE
        return (DE_MAXITER + 1) * DE_POPSIZE * len(self.paths) + 400  # the evolution, then the polish

    def current(self) -> tuple[float, ...]:
        return tuple(self.editor.read(p) for p in self.paths)

    def run(
        self, progress: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None
    ) -> OptimiseResult | None:
        """The result, or None when ``cancelled`` said so between two chunks. Raises Infeasible
        when no design meets the constraints (see :meth:`infeasible_message`)."""
        done = [0]
        chunk = 10**9 if self.vectorised else CHUNK_DESIGNS

        def evaluate(points: FloatArray) -> dict[str, FloatArray]:
            parts = []
            for start in range(0, len(points), chunk):
                if cancelled is not None and cancelled():
                    raise Cancelled
                part = points[start : start + chunk]
                parts.append(evaluate_designs(self._space, part, self.keys, self.c_rate, Invalid.NAN))
                done[0] += len(part)
                if progress is not None:
                    progress(done[0])
            return {k: np.concatenate([p[k] for p in parts]) for k in self.keys}

        integer = [p.field.integer for p in self.paths]  # counts (units, cells): evaluated whole
        try:
            current_values = evaluate(np.array([self.current()], dtype=float))
            current = {k: float(v[0]) for k, v in current_values.items()}
            if len(self.objectives) == 2:
                samples = FRONT_SAMPLES if self.vectorised else FRONT_SAMPLES_ONE_BY_ONE
                front = pareto_front(
                    evaluate,
                    self.box,
                    self.objectives,
                    self.constraints,
                    samples=samples,
                    seed=self.seed,
                    integer=integer,
                )
                return OptimiseResult(None, front, current)
            best = optimize(
                evaluate, self.box, self.objectives[0], self.constraints, seed=self.seed, integer=integer
            )
            return OptimiseResult(best, None, current)
        except Cancelled:
            return None

    def infeasible_message(self, exc: Infeasible) -> str:
        """One line naming the constraint no design meets, and the closest value reached."""
        c, closest = exc.constraint, exc.closest
        if c.limit == -math.inf:
            return f"No design within the bounds has a value of {c.key}: widen or move the bounds."
        reached = f"{closest:.6g}" if math.isfinite(closest) else "no value"
        return (
            f"No design within the bounds meets the constraint {c} (closest reached: {c.key} = {reached}); "
            "loosen it or widen the bounds."
        )

    def value_text(self, index: int, value: float) -> str:
        """ "stack.layers[1].thickness_um = 79.6 µm (NMC811 composite cathode)": the input at ``value``."""
        path = self.paths[index]
        unit = f" {path.field.unit}" if path.field.unit else ""
        layer = path.layer_index
        name = f" ({self.editor.project.stack.layers[layer].name})" if layer is not None else ""
        shown = f"{value:.6g}" if math.isfinite(value) else "no value"
        return f"{path.text} = {shown}{unit}{name}"

    def design(self, values: Sequence[float]) -> Project:
        """The project with the inputs at ``values``: InputError when the loader refuses it."""
        return self.editor.with_values(dict(zip(self.paths, [float(v) for v in values], strict=True)))
