"""Where the stack view puts its bands and labels: pixel heights of layers to scale (with a
minimum so that a 10 nm buffer stays visible beside a 500 µm substrate) and label positions
that do not overlap. Plain numbers, no Qt, so the rules are tested on their own."""

from __future__ import annotations

import math
from collections.abc import Sequence

from cellstack.core import units as u

MIN_LINEAR_PX = 3.0  # thinner than this a layer cannot be seen or clicked
MIN_LOG_PX = 8.0


def band_heights(
    thicknesses: Sequence[float], available: float, log_scale: bool
) -> tuple[list[float], list[bool]]:
    """Pixel heights filling ``available``, none under the minimum, and which were enlarged: layers
    under the minimum are pinned to it and the rest share what is left, until none falls under."""
    # +1 keeps a 1 nm layer at a non-zero weight; the log compresses 10 nm..1 mm into 2..7.
    weights = [math.log10(max(t / u.NM, 1.0)) + 1.0 if log_scale else t for t in thicknesses]
    minimum = MIN_LOG_PX if log_scale else MIN_LINEAR_PX
    count = len(weights)
    if available <= minimum * count:  # (also the empty stack)
        return [available / count] * count, [True] * count
    pinned = [False] * count
    while True:
        free = available - minimum * sum(pinned)
        scale = free / sum(w for w, p in zip(weights, pinned, strict=True) if not p)
        newly = [not p and w * scale < minimum for w, p in zip(weights, pinned, strict=True)]
        if not any(newly):
            break
        pinned = [p or n for p, n in zip(pinned, newly, strict=True)]
    return [minimum if p else w * scale for w, p in zip(weights, pinned, strict=True)], pinned


def spread_labels(desired: Sequence[float], height: float, top: float, bottom: float) -> list[float]:
    """Label centres near ``desired`` (ascending), ``height`` apart, within [top, bottom].

    Overlapping labels merge into clusters centred on their mean wish, so a run of thin layers
    fans out around where it is drawn instead of drifting to one side."""
    clusters: list[tuple[int, int, float]] = []  # (first label, count, top edge)
    for i, centre in enumerate(desired):
        clusters.append((i, 1, centre - height / 2))
        while len(clusters) > 1:
            (first, n_a, y_a), (_, n_b, y_b) = clusters[-2], clusters[-1]
            if y_a + n_a * height <= y_b:
                break
            count = n_a + n_b
            mean = sum(desired[first : first + count]) / count
            clusters[-2:] = [(first, count, mean - count * height / 2)]
    tops = [y + k * height for _, n, y in clusters for k in range(n)]
    step = min(height, (bottom - top) / max(len(tops), 1))
    for i in range(len(tops)):  # push down off the top edge and off the label above
        tops[i] = max(tops[i], top if i == 0 else tops[i - 1] + step)
    for i in reversed(range(len(tops))):  # then up off the bottom edge and the label below
        tops[i] = min(tops[i], bottom - step if i == len(tops) - 1 else tops[i + 1] - step)
    return [y + step / 2 for y in tops]
