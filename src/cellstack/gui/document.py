"""The open document: one project, one undo stack, the metrics of its current stack."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics import Metrics, compute_metrics
from cellstack.core.stack import Stack
from cellstack.gui.commands import ReplaceStackCommand
from cellstack.io.library import Library
from cellstack.io.project import Project

# Thickness a freshly dropped layer starts with, by role and stack kind (m): a sensible starting
# point the user then edits, never a computed claim.
_DEFAULT_THICKNESS = {
    Role.CATHODE: (80e-6, 5e-6),
    Role.ANODE: (30e-6, 3e-6),
    Role.ELECTROLYTE: (30e-6, 1.5e-6),
    Role.BUFFER: (10e-9, 10e-9),
    Role.CURRENT_COLLECTOR: (10e-6, 0.3e-6),
    Role.SUBSTRATE: (500e-6, 100e-6),
    Role.ENCAPSULATION: (100e-6, 10e-6),
    Role.ADDITIVE: (1e-6, 1e-6),
}


_RANK = {
    Role.SUBSTRATE: 0,
    Role.CATHODE: 2,
    Role.BUFFER: 3,
    Role.ELECTROLYTE: 4,
    Role.ANODE: 5,
    Role.ENCAPSULATION: 7,
}


def default_thickness(role: Role, thin_film: bool) -> float:
    bulk, film = _DEFAULT_THICKNESS[role]
    return film if thin_film else bulk


class Document(QObject):
    """Holds the project; every change goes through the undo stack as a command."""

    stackChanged = Signal()  # the stack (and so the metrics) changed
    selectionChanged = Signal(int)  # -1 for no selection
    pathChanged = Signal()

    def __init__(self, library: Library, project: Project, path: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.undo_stack = QUndoStack(self)
        self._project = project
        self._path = path
        self._selected = -1
        self._metrics: Metrics | None = None

    # -- state ---------------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self._project

    @property
    def stack(self) -> Stack:
        return self._project.stack

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def title(self) -> str:
        if self._path is not None:
            return self._path.name
        return self._project.name or "Untitled"

    @property
    def metrics(self) -> Metrics:
        if self._metrics is None:
            self._metrics = compute_metrics(self.stack, self.library.interfaces)
        return self._metrics

    @property
    def selected(self) -> int:
        return self._selected

    def select(self, index: int) -> None:
        index = index if 0 <= index < len(self.stack.layers) else -1
        if index != self._selected:
            self._selected = index
            self.selectionChanged.emit(index)

    def selected_layer(self) -> Layer | None:
        # Bounds-checked: stackChanged is emitted before a removal moves the selection.
        return self.stack.layers[self._selected] if 0 <= self._selected < len(self.stack.layers) else None

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self.undo_stack.setClean()
        self.pathChanged.emit()

    def replace_project_metadata(self, name: str, description: str) -> None:
        self._project = replace(self._project, name=name, description=description)

    # -- edits (each one undoable) --------------------------------------------------------------
    def _apply(self, stack: Stack, selection: int | None) -> None:
        self._project = replace(self._project, stack=stack)
        self._metrics = None
        self.stackChanged.emit()
        if selection is not None:
            self.select(selection)
        elif self._selected >= len(stack.layers):
            self.select(len(stack.layers) - 1)

    def push(
        self, stack: Stack, text: str, *, merge_key: str | None = None, select: int | None = None
    ) -> None:
        if stack == self.stack:
            return
        self.undo_stack.push(
            ReplaceStackCommand(
                self._apply,
                self.stack,
                stack,
                text,
                merge_key=merge_key,
                selection_after=select,
                selection_before=self._selected,
            )
        )

    def insert_material(self, index: int, material: Material, role: Role | None = None) -> None:
        role = role or material.main_role
        if role is Role.ADDITIVE:
            role = Role.BUFFER
        thin = self.stack.kind.value == "SSTFB" or material.thin_film
        layer = Layer(material, default_thickness(role, thin), role)
        index = max(0, min(index, len(self.stack.layers)))
        self.push(self.stack.inserting(index, layer), f"Add {material.name}", select=index)

    def natural_index(self, material: Material) -> int:
        """Where a double-clicked material goes: among the layers it usually touches.

        Stacks are drawn substrate first, then cathode side, electrolyte, anode side, package.
        """
        layers = self.stack.layers
        role = material.main_role
        if role is Role.CURRENT_COLLECTOR:
            # Below the cathode if nothing collects there yet, otherwise beyond the anode.
            cathodes = self.stack.indices_with_role(Role.CATHODE)
            if cathodes and not any(x.role is Role.CURRENT_COLLECTOR for x in layers[: cathodes[0]]):
                return cathodes[0]
            anodes = self.stack.indices_with_role(Role.ANODE)
            return anodes[-1] + 1 if anodes else len(layers)
        target = _RANK.get(role, _RANK[Role.ELECTROLYTE])
        for i, layer in enumerate(layers):
            # A collector ranks with the electrode it sits next to.
            rank = _RANK.get(layer.role, 1 if i < len(layers) / 2 else 6)
            if rank > target:
                return i
        return len(layers)

    def remove_layer(self, index: int) -> None:
        if not 0 <= index < len(self.stack.layers):
            return
        if len(self.stack.layers) == 1:
            return  # a stack keeps at least one layer; the user replaces it instead
        name = self.stack.layers[index].name
        self.push(self.stack.removing(index), f"Remove {name}", select=min(index, len(self.stack.layers) - 2))

    def move_layer(self, source: int, destination: int) -> None:
        if source == destination or not 0 <= source < len(self.stack.layers):
            return
        name = self.stack.layers[source].name
        new_index = max(0, min(destination, len(self.stack.layers) - 1))
        self.push(self.stack.moving(source, new_index), f"Move {name}", select=new_index)

    def replace_layer(self, index: int, layer: Layer, text: str, merge_key: str | None = None) -> None:
        self.push(self.stack.replacing(index, layer), text, merge_key=merge_key, select=index)

    def replace_stack(self, stack: Stack, text: str, merge_key: str | None = None) -> None:
        self.push(stack, text, merge_key=merge_key)
