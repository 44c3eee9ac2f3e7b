"""Every numeric input one project has, by field path: what a study of it can vary.

The paths are those the file holds (each number, each sourced record's value) and those the
loader gives a default for (a layer's porosity, the stack's temperature), kept only when
:func:`~cellstack.io.field_paths.parse_path` names them and the project can read them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cellstack.core.errors import InputError
from cellstack.io.field_paths import NUMERIC_FIELDS, FieldPath, ProjectEditor, parse_path
from cellstack.io.project import Project, project_document

_LAYERS = "stack.layers[*]"


def _leaves(node: Any, prefix: str) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("value"), int | float) and not isinstance(node.get("value"), bool):
            yield prefix
        for key, child in node.items():
            yield from _leaves(child, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _leaves(child, f"{prefix}[{index}]")
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield prefix


def _defaults(layer_count: int) -> Iterator[str]:
    for field in NUMERIC_FIELDS:
        if field.default is None:
            continue
        if field.pattern.startswith(_LAYERS) and "*" not in field.pattern[len(_LAYERS) :]:
            for index in range(layer_count):
                yield field.pattern.replace("[*]", f"[{index}]", 1)
        elif "*" not in field.pattern:
            yield field.pattern


def numeric_paths(project: Project) -> tuple[FieldPath, ...]:
    """The project's numeric inputs, in the file's order, then those it leaves at their default."""
    document = project_document(project)
    editor = ProjectEditor(project)
    found: dict[str, FieldPath] = {}
    for text in (*_leaves(document, ""), *_defaults(len(project.stack.layers))):
        if text in found:
            continue
        try:
            path = parse_path(text)
            editor.read(path)
        except InputError:
            continue
        found[text] = path
    return tuple(found.values())
