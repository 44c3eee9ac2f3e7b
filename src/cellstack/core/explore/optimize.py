"""Optimisation of one output over bounded inputs, under bounds on other outputs.

Differential evolution (seeded, so a run repeats exactly) searches the whole box on a
penalised objective, evaluating each generation as one batch; SLSQP then polishes its best
design with the constraints as true inequalities. Inputs are scaled to [0, 1] for both.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import differential_evolution, minimize

from cellstack.core.errors import InputError
from cellstack.core.sweep import FloatArray

BatchEvaluator = Callable[[FloatArray], dict[str, FloatArray]]  # designs (n, d) -> key -> (n,)
BINDING_RTOL = 1e-3  # a constraint within 0.1 % of its limit at the optimum holds the optimum back
_PENALTY = 1e3
_NO_VALUE = 1e9


@dataclass(frozen=True)
class Objective:
    key: str
    maximize: bool

    def cost(self, values: FloatArray) -> FloatArray:
        """What the minimisers minimise: the output, negated to maximise it."""
        return -values if self.maximize else values


@dataclass(frozen=True)
class Constraint:
    key: str
    at_least: bool  # KEY >= limit, else KEY <= limit
    limit: float

    def slack(self, values: FloatArray) -> FloatArray:
        """How far inside the limit (negative: violated)."""
        return values - self.limit if self.at_least else self.limit - values

    @property
    def scale(self) -> float:
        return max(abs(self.limit), 1e-12)

    def __str__(self) -> str:
        return f"{self.key}{'>=' if self.at_least else '<='}{self.limit:g}"


@dataclass(frozen=True)
class Optimum:
    point: FloatArray  # the inputs, in their own units
    objective: float
    outputs: dict[str, float]  # the objective's and constraints' keys at the optimum
    binding: tuple[Constraint, ...]
    at_bounds: tuple[tuple[int, str], ...]  # (input index, "lower" or "upper")
    evaluations: int


class Infeasible(Exception):
    """No design found within the bounds meets every constraint."""

    def __init__(self, constraint: Constraint, closest: float) -> None:
        super().__init__(f"no design meets {constraint} (closest: {closest:g})")
        self.constraint = constraint
        self.closest = closest


class _Problem:
    def __init__(
        self,
        evaluate: BatchEvaluator,
        bounds: FloatArray,
        objective: Objective,
        constraints: Sequence[Constraint],
        integer: Sequence[bool] = (),
    ) -> None:
        self.evaluate = evaluate
        self.low, self.high = bounds[:, 0], bounds[:, 1]
        self.counts = np.asarray(integer, dtype=bool) if any(integer) else None  # mask of the counts
        self.objective = objective
        self.constraints = tuple(constraints)
        self.keys = tuple(dict.fromkeys([objective.key, *(c.key for c in constraints)]))
        self.evaluations = 0
        centre = self.outputs(np.full((1, len(self.low)), 0.5))[objective.key][0]
        self.scale = abs(float(centre)) if math.isfinite(centre) and centre != 0.0 else 1.0

    def inputs(self, unit: FloatArray) -> FloatArray:
        unit = np.clip(unit, 0.0, 1.0)
        values = self.low + unit * (self.high - self.low)
        if (mask := self.counts) is not None:
            # A count gets equal shares of the unit interval, its two ends included: rounding the
            # plain mapping gave the lowest and highest counts half a share each.
            span = self.high[mask] - self.low[mask] + 1.0
            counts = np.floor(self.low[mask] + unit[..., mask] * span)
            values[..., mask] = np.minimum(counts, self.high[mask])
        return values

    def unit_of(self, values: FloatArray) -> FloatArray:
        """The unit coordinates of VALUES (a count: the middle of its share)."""
        unit = (values - self.low) / (self.high - self.low)
        if (mask := self.counts) is not None:
            span = self.high[mask] - self.low[mask] + 1.0
            unit[..., mask] = (values[..., mask] - self.low[mask] + 0.5) / span
        return unit

    def outputs(self, unit: FloatArray) -> dict[str, FloatArray]:
        self.evaluations += len(unit)
        return self.evaluate(self.inputs(unit))

    def violation(self, values: dict[str, FloatArray]) -> FloatArray:
        total = np.zeros(len(values[self.objective.key]))
        for c in self.constraints:
            total = total + np.maximum(-c.slack(values[c.key]) / c.scale, 0.0)
        return total

    def penalised(self, unit_columns: FloatArray) -> FloatArray:
        values = self.outputs(np.atleast_2d(unit_columns.T))
        cost = self.objective.cost(values[self.objective.key]) / self.scale
        result = cost + _PENALTY * self.violation(values)
        return np.where(np.isfinite(result), result, _NO_VALUE)

    def scalar(self, key: str, unit: FloatArray) -> float:
        value = float(self.outputs(unit.reshape(1, -1))[key][0])
        return value if math.isfinite(value) else -_NO_VALUE


def optimize(
    evaluate: BatchEvaluator,
    bounds: FloatArray,
    objective: Objective,
    constraints: Sequence[Constraint] = (),
    *,
    seed: int = 0,
    maxiter: int = 60,
    popsize: int = 12,
    integer: Sequence[bool] = (),
) -> Optimum:
    """The best design in the box ``bounds`` (one row of low, high per input). ``integer`` marks
    the inputs that are counts (units, cells): they are evaluated, and returned, whole.

    Raises Infeasible when no design the search met satisfies every constraint.
    """
    bounds = np.asarray(bounds, dtype=float)
    if bounds.ndim != 2 or bounds.shape[1] != 2 or not np.all(bounds[:, 0] < bounds[:, 1]):
        raise InputError("bounds", bounds.tolist(), "one (low, high) pair per input with low < high")
    problem = _Problem(evaluate, bounds, objective, constraints, integer)
    dimension = len(bounds)
    search = differential_evolution(
        problem.penalised,
        [(0.0, 1.0)] * dimension,
        seed=seed,
        maxiter=maxiter,
        popsize=popsize,
        tol=1e-10,
        polish=False,
        vectorized=True,
        updating="deferred",
    )
    best = _polished(problem, np.asarray(search.x, dtype=float))
    if problem.counts is not None:
        best = _neighbouring_counts(problem, best, problem.counts)
    values = {k: float(v[0]) for k, v in problem.outputs(best.reshape(1, -1)).items()}
    _check_feasible(problem, values)
    point = problem.inputs(best)
    near = 1e-6 * (problem.high - problem.low)
    return Optimum(
        point=point,
        objective=values[objective.key],
        outputs=values,
        binding=tuple(c for c in problem.constraints if _binding(c, values[c.key])),
        at_bounds=tuple(
            (i, "lower" if point[i] <= problem.low[i] + near[i] else "upper")
            for i in range(len(point))
            if point[i] <= problem.low[i] + near[i] or point[i] >= problem.high[i] - near[i]
        ),
        evaluations=problem.evaluations,
    )


def _neighbouring_counts(
    problem: _Problem, start: FloatArray, mask: npt.NDArray[np.bool_], steps: int = 100
) -> FloatArray:
    """From START, step a count up or down by one while that lowers the penalised cost: the
    evolution lands on a count's share of the interval only by chance, and the best count is
    often at a bound (the most units the box allows)."""
    counts = np.flatnonzero(mask)
    best = start
    cost = problem.penalised(best.reshape(-1, 1))[0]
    for _ in range(steps):
        values = problem.inputs(best)
        moves = []
        for i in counts:
            for step in (-1.0, 1.0):
                if problem.low[i] <= values[i] + step <= problem.high[i]:
                    moved = values.copy()
                    moved[i] += step
                    moves.append(problem.unit_of(moved))
        if not moves:
            return best
        candidates = np.array(moves)
        costs = problem.penalised(candidates.T)
        if costs.min() >= cost:
            return best
        best, cost = candidates[int(np.argmin(costs))], float(costs.min())
    return best


def _polished(problem: _Problem, start: FloatArray) -> FloatArray:
    """SLSQP from the evolution's best; kept only when feasible and better."""
    key = problem.objective.key
    constraints = [
        {
            "type": "ineq",
            "fun": lambda u, c=c: float(c.slack(np.array([problem.scalar(c.key, u)]))[0]) / c.scale,
        }
        for c in problem.constraints
    ]
    result = minimize(
        lambda u: float(problem.objective.cost(np.array([problem.scalar(key, u)]))[0]) / problem.scale,
        start,
        method="SLSQP",
        bounds=[(0.0, 1.0)] * len(start),
        constraints=constraints,
        options={"maxiter": 100, "ftol": 1e-12},
    )
    candidate: FloatArray = np.clip(np.asarray(result.x, dtype=float), 0.0, 1.0)
    both = problem.outputs(np.vstack([start, candidate]))
    costs = problem.objective.cost(both[key])
    violations = problem.violation(both)
    if np.isfinite(costs[1]) and violations[1] <= 1e-9 and (violations[0] > 1e-9 or costs[1] <= costs[0]):
        return candidate
    return start


def _check_feasible(problem: _Problem, values: dict[str, float]) -> None:
    for c in problem.constraints:
        value = values[c.key]
        if not math.isfinite(value) or c.slack(np.array([value]))[0] < -1e-9 * c.scale:
            raise Infeasible(c, value)
    if not math.isfinite(values[problem.objective.key]):
        raise Infeasible(Constraint(problem.objective.key, True, -math.inf), math.nan)


def _binding(constraint: Constraint, value: float) -> bool:
    return abs(value - constraint.limit) <= BINDING_RTOL * constraint.scale


@dataclass(frozen=True)
class ParetoFront:
    points: FloatArray  # (m, d) inputs of the non-dominated designs, by the first objective
    values: dict[str, FloatArray]  # key -> (m,)
    sampled: int  # designs evaluated


def _whole_counts(values: FloatArray, integer: Sequence[bool]) -> FloatArray:
    """VALUES (designs by row, or one design) with the columns marked ``integer`` rounded: a pouch
    of 12.4 units does not exist, and every design with a fraction of one would have no value."""
    if not any(integer):
        return values
    rounded = np.array(values, dtype=float)
    mask = np.asarray(integer, dtype=bool)
    rounded[..., mask] = np.round(rounded[..., mask])
    return rounded


def sample_box(bounds: FloatArray, count: int, seed: int = 0) -> FloatArray:
    """About ``count`` designs filling the box: a grid for one or two inputs, Sobol points beyond."""
    bounds = np.asarray(bounds, dtype=float)
    dimension = len(bounds)
    if dimension <= 2:
        per_axis = max(2, round(count ** (1.0 / dimension)))
        axes = [np.linspace(low, high, per_axis) for low, high in bounds]
        mesh = np.meshgrid(*axes, indexing="ij")
        return np.column_stack([m.ravel() for m in mesh])
    from scipy.stats import qmc

    unit = qmc.Sobol(dimension, scramble=True, seed=seed).random(count)
    return np.asarray(bounds[:, 0] + unit * (bounds[:, 1] - bounds[:, 0]), dtype=float)


def pareto_front(
    evaluate: BatchEvaluator,
    bounds: FloatArray,
    objectives: Sequence[Objective],
    constraints: Sequence[Constraint] = (),
    *,
    samples: int = 2500,
    seed: int = 0,
    integer: Sequence[bool] = (),
) -> ParetoFront:
    """The feasible designs of a dense sample that no other sampled design beats on every objective.
    Counts (``integer``) are sampled whole, each design once."""
    points = sample_box(bounds, samples, seed)
    if any(integer):
        points = np.unique(_whole_counts(points, integer), axis=0)
    values = evaluate(points)
    feasible = np.ones(len(points), dtype=bool)
    for c in constraints:
        feasible &= np.isfinite(values[c.key]) & (c.slack(values[c.key]) >= 0.0)
    costs = np.column_stack([o.cost(values[o.key]) for o in objectives])
    feasible &= np.all(np.isfinite(costs), axis=1)
    if not feasible.any():
        raise _front_infeasible(values, objectives, constraints)
    index = np.flatnonzero(feasible)
    keep = index[_non_dominated(costs[index])]
    order = keep[np.argsort(costs[keep, 0], kind="stable")]
    return ParetoFront(points[order], {k: v[order] for k, v in values.items()}, len(points))


def _front_infeasible(
    values: dict[str, FloatArray], objectives: Sequence[Objective], constraints: Sequence[Constraint]
) -> Infeasible:
    """The first constraint no sampled design meets (else the first, when only their combination
    fails), with the sampled value nearest its limit: the value, not its distance to the limit."""
    if not constraints:
        return Infeasible(Constraint(objectives[0].key, True, -math.inf), math.nan)
    nearest = []
    for c in constraints:
        reached = values[c.key][np.isfinite(values[c.key])]
        closest = float(reached.max() if c.at_least else reached.min()) if reached.size else math.nan
        if not np.any(c.slack(reached) >= 0.0):
            return Infeasible(c, closest)
        nearest.append(closest)
    return Infeasible(constraints[0], nearest[0])


def _non_dominated(costs: FloatArray) -> npt.NDArray[np.intp]:
    """Indices of the rows no other row is at least as good as on every column and better on one."""
    n = len(costs)
    keep = np.ones(n, dtype=bool)
    for i in range(n):
        if not keep[i]:
            continue
        dominated = np.all(costs <= costs[i], axis=1) & np.any(costs < costs[i], axis=1)
        if dominated.any():
            keep[i] = False
    return np.flatnonzero(keep)
