"""Changing a project's uncertainties, and keeping them on their fields while the stack changes.

An uncertainty names its input by path (``stack.layers[2].thickness_um``), so moving or deleting
a layer would leave it on another layer or on none, and a file that names a missing field
cannot be saved. :func:`following_the_layers` moves each entry with its layer and drops the
entries whose field is gone, so every project the app holds saves and loads again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import Distribution
from cellstack.core.layer import Layer
from cellstack.io.field_table import parse_path, read_in_document
from cellstack.io.project import project_document
from cellstack.io.project_model import Project
from cellstack.io.uncertainties import InputUncertainty, checked_uncertainty

_LAYER_PATH = re.compile(r"^stack\.layers\[(\d+)\]")


def with_uncertainty(project: Project, path: str, distribution: Distribution, source: str = "") -> Project:
    """``project`` with ``path``'s uncertainty set (replacing any); InputError as the loader's."""
    item = checked_uncertainty(project_document(project), path, distribution, source.strip())
    kept = [u for u in project.uncertainties if u.path != path]
    return replace(project, uncertainties=tuple(sorted([*kept, item], key=lambda u: u.path)))


def without_uncertainty(project: Project, path: str) -> Project:
    return replace(project, uncertainties=tuple(u for u in project.uncertainties if u.path != path))


def uncertainty_of(project: Project, path: str) -> InputUncertainty | None:
    return next((u for u in project.uncertainties if u.path == path), None)


def _new_indices(before: tuple[Layer, ...], after: tuple[Layer, ...]) -> dict[int, int]:
    """Where each old layer went: by identity when layers moved or went (the stack's edits keep
    the Layer objects), by place when the count is unchanged and only values changed."""
    placed: dict[int, int] = {}
    taken: set[int] = set()
    for old, layer in enumerate(before):
        for new, candidate in enumerate(after):
            if new not in taken and candidate is layer:
                placed[old] = new
                taken.add(new)
                break
    if len(before) == len(after) and len(placed) < len(before):
        # A layer replaced by an edited copy keeps its place.
        for old in range(len(before)):
            if old not in placed and old not in taken:
                placed[old] = old
                taken.add(old)
    return placed


def following_the_layers(before: Project, after: Project) -> Project:
    """``after`` with its uncertainties moved along with their layers from ``before``, and the
    ones whose field ``after`` no longer has dropped."""
    if not after.uncertainties:
        return after
    moves = _new_indices(before.stack.layers, after.stack.layers)
    document = project_document(after)
    kept = []
    for item in after.uncertainties:
        path = item.path
        match = _LAYER_PATH.match(path)
        if match is not None and before.stack.layers != after.stack.layers:
            new = moves.get(int(match[1]))
            if new is None:
                continue
            path = f"stack.layers[{new}]{path[match.end() :]}"
        try:
            read_in_document(document, parse_path(path))
        except InputError:  # a field the design no longer has: the entry goes with it
            continue
        kept.append(replace(item, path=path))
    result = tuple(sorted(kept, key=lambda u: u.path))
    return after if result == after.uncertainties else replace(after, uncertainties=result)
