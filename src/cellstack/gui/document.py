"""The open document: one project, one undo stack, the metrics of its current stack."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics import Metrics, compute_metrics
from cellstack.core.stack import Stack
from cellstack.gui.commands import ReplaceStackCommand
from cellstack.gui.text_input import clean_text
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


def open_document(library: Library, project: Project, path: Path | None = None) -> Document:
    """A document for a project just read, its metrics computed first: a project the model
    cannot compute raises here (InputError for a value it refuses), before any panel shows it."""
    return Document(library, project, path, compute_metrics(project.stack, library.interfaces))


class Document(QObject):
    """Holds the project; every change goes through the undo stack as a command."""

    stackChanged = Signal()  # the stack (and so the metrics) changed
    editRefused = Signal(str)  # an edit the model cannot compute was not applied; says why
    selectionChanged = Signal(int)  # -1 for no selection
    pathChanged = Signal()

    def __init__(
        self, library: Library, project: Project, path: Path | None = None, metrics: Metrics | None = None
    ) -> None:
        """METRICS, when given, are those of PROJECT's stack (computed where it was loaded)."""
        super().__init__()
        self.library = library
        self.undo_stack = QUndoStack(self)
        self._project = project
        self._path = path
        self._selected = -1
        self._metrics: Metrics | None = metrics
        self._checked: tuple[Stack, Metrics] | None = None  # an edit's stack, computed before pushing

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
        self._project = replace(self._project, name=clean_text(name), description=clean_text(description))

    # -- edits (each one undoable) --------------------------------------------------------------
    def _apply(self, stack: Stack, selection: int | None) -> None:
        self._project = replace(self._project, stack=stack)
        checked = self._checked
        self._metrics = checked[1] if checked is not None and checked[0] is stack else None
        # The selection fits the new stack before anyone is told of it: an undo that removes
        # the selected layer must not leave panels reading an index past the end.
        before = self._selected
        target = selection if selection is not None else min(before, len(stack.layers) - 1)
        self._selected = target if 0 <= target < len(stack.layers) else -1
        self.stackChanged.emit()
        if self._selected != before:
            self.selectionChanged.emit(self._selected)

    def push(
        self, stack: Stack, text: str, *, merge_key: str | None = None, select: int | None = None
    ) -> None:
        if stack == self.stack or not self._computable(stack):
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

    def _computable(self, stack: Stack) -> bool:
        """Whether the model can compute STACK; a refused edit leaves the document as it was.

        The metrics are computed here, before the edit is applied, so the document never holds
        a stack whose numbers cannot be shown (every panel would fail on it). A value the model
        refuses is said in one line; any other failure is a fault, raised after the refusal so
        the application's error handler reports it while the document stays intact.
        """
        try:
            metrics = compute_metrics(stack, self.library.interfaces)
        except InputError as exc:
            self.editRefused.emit(exc.one_line())
            return False
        except Exception:
            self.editRefused.emit("This change could not be computed and was not applied.")
            raise
        self._checked = (stack, metrics)
        return True

    def insert_material(self, index: int, material: Material, role: Role | None = None) -> None:
        role = role or material.main_role
        if role is Role.ADDITIVE:
            role = Role.BUFFER
        thin = self.stack.kind.value == "SSTFB" or material.thin_film
        index = max(0, min(index, len(self.stack.layers)))
        try:  # e.g. a stack already at its most layers
            stack = self.stack.inserting(index, Layer(material, default_thickness(role, thin), role))
        except InputError as exc:
            self.editRefused.emit(exc.one_line())
            return
        self.push(stack, f"Add {material.name}", select=index)

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
