"""Monte Carlo and tornado over a project's uncertain inputs, as the CLI, the app and the report run them.

The inputs are the project's own ``uncertainties`` (file format v3), or any list of them (the
command line adds its own). Each is sampled around the project's value within the range its field
allows, and every sample is computed through the core's design space: at once on the vectorised
path for layer thicknesses and composite fractions, one loaded design at a time otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cellstack.core.explore.engine import DesignSpace, Invalid, evaluate_designs
from cellstack.core.explore.outputs import OUTPUTS
from cellstack.core.explore.uncertainty import (
    BatchEvaluator,
    MonteCarlo,
    Swing,
    UncertainInput,
    monte_carlo,
    tornado,
)
from cellstack.core.sweep import FloatArray
from cellstack.io.design_space import design_space
from cellstack.io.field_paths import FieldPath, ProjectEditor
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.io.uncertainties import InputUncertainty

# The headline metrics the vectorised path computes for every sample at once.
UNCERTAIN_KEYS = tuple(key for key, output in OUTPUTS.items() if output.from_sweep is not None)
# The app's Monte Carlo: seeded, so a design always shows the same spread. On the vectorised path
# 2000 samples take milliseconds and give a stable 95 % interval; loading each design costs a few
# ms, so then fewer samples keep the answer within a second.
APP_SAMPLES = 2000
APP_SAMPLES_LOADED = 200
APP_SEED = 0


@dataclass(frozen=True)
class UncertaintyStudy:
    """A project's uncertain inputs as a design space, ready to sample."""

    space: DesignSpace
    editor: ProjectEditor
    paths: tuple[FieldPath, ...]
    inputs: tuple[UncertainInput, ...]
    sources: tuple[InputUncertainty, ...]

    @property
    def vectorised(self) -> bool:
        """Whether every sample is computed at once (else one loaded design per sample)."""
        return all(k is not None for k in self.space.knobs)

    def evaluator(self, keys: Sequence[str] = UNCERTAIN_KEYS) -> BatchEvaluator:
        wanted = tuple(keys)

        def evaluate(points: FloatArray) -> dict[str, FloatArray]:
            return evaluate_designs(self.space, np.asarray(points), wanted, 1.0, Invalid.NAN)

        return evaluate

    def monte_carlo(self, samples: int, seed: int) -> MonteCarlo:
        return monte_carlo(self.evaluator(), self.inputs, samples, seed)

    def nominal(self) -> dict[str, float]:
        """The outputs of the design itself (every input at its value), as the samples compute them."""
        values = self.evaluator()(np.array([[i.nominal for i in self.inputs]]))
        return {key: float(array[0]) for key, array in values.items()}

    def tornado(self) -> dict[str, tuple[Swing, ...]]:
        return tornado(self.evaluator(), self.inputs)


def uncertainty_study(
    project: Project, library: Library | None, items: Sequence[InputUncertainty], origin: str = ""
) -> UncertaintyStudy:
    """The study of ``items`` (distinct paths) on ``project``; InputError for a path it lacks."""
    space, editor, parsed = design_space(project, library, [item.path for item in items], origin)
    inputs = tuple(
        UncertainInput(editor.read(path), item.distribution, *path.field.inner_range())
        for path, item in zip(parsed, items, strict=True)
    )
    return UncertaintyStudy(space, editor, parsed, inputs, tuple(items))


def app_samples(study: UncertaintyStudy) -> int:
    return APP_SAMPLES if study.vectorised else APP_SAMPLES_LOADED
