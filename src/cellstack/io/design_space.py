"""A core DesignSpace over a project's inputs named by field path (field_paths.py).

Each design's stack is the project with those fields set and loaded again, so it passes the
loader's checks; inputs the vectorised sweep understands (layer thicknesses, composite
fractions) are also handed to it directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from cellstack.core.explore.engine import DesignSpace, Knob
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.stack import Stack
from cellstack.io.field_paths import FieldPath, ProjectEditor, parse_path
from cellstack.io.project import Project


def _knob(path: FieldPath) -> Knob | None:
    index = path.layer_index
    if path.field.vector is None or index is None:
        return None
    return Knob(index, path.field.vector, path.field.si_factor)


def design_space(
    project: Project, interfaces: InterfaceTable, paths: Sequence[FieldPath | str], origin: str = ""
) -> tuple[DesignSpace, ProjectEditor, tuple[FieldPath, ...]]:
    """The space of ``project``'s variants over ``paths``, with the editor that builds them.

    Raises InputError when a path names no numeric input of this project.
    """
    parsed = tuple(parse_path(p) if isinstance(p, str) else p for p in paths)
    editor = ProjectEditor(project, origin)
    for path in parsed:
        editor.read(path)  # a path the project does not have is refused before any design is made

    def build(values: Sequence[float]) -> Stack:
        return editor.with_values(dict(zip(parsed, values, strict=True))).stack

    space = DesignSpace(project.stack, interfaces, build, tuple(_knob(p) for p in parsed))
    return space, editor, parsed
