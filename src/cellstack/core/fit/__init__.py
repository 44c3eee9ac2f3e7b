"""Fitting model parameters to measured curves (least squares, with confidence intervals)."""

from cellstack.core.fit.measured import MeasuredCurve
from cellstack.core.fit.solver import FitFailed, FitResult, FitVariable, fit_least_squares

__all__ = ["FitFailed", "FitResult", "FitVariable", "MeasuredCurve", "fit_least_squares"]
