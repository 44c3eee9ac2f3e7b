"""The open document: one design (stack, cell, simulation settings), one undo stack, its metrics."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cellstack.core.cell import CellFormat, CellMetrics, ElectrolyteFill, PressureFixture
from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics import Metrics
from cellstack.core.simulation import Simulation
from cellstack.core.stack import Stack
from cellstack.gui.commands import ReplaceProjectCommand
from cellstack.gui.text_input import clean_text
from cellstack.io.library import Library
from cellstack.io.project_compute import project_cell_metrics
from cellstack.io.project_model import Project
from cellstack.io.uncertainty_edits import following_the_layers

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


def compute_design(project: Project, library: Library) -> CellMetrics:
    """Every number of a design: the cell's levels, and its stack's metrics as ``repeat_unit``
    (computed once, with the design's own energy definition, its own interface resistances in
    front of the installed tables and its series resistance). Impossible geometry raises."""
    return project_cell_metrics(project, library)


def open_document(library: Library, project: Project, path: Path | None = None) -> Document:
    """A document for a project just read, its metrics computed first: a project the model
    cannot compute raises here (InputError for a value it refuses), before any panel shows it."""
    return Document(library, project, path, compute_design(project, library))


class Document(QObject):
    """Holds the project; every change goes through the undo stack as a command."""

    stackChanged = Signal()  # the design (stack, cell or simulation settings) and so its numbers changed
    editRefused = Signal(str)  # an edit the model cannot compute was not applied; says why
    selectionChanged = Signal(int)  # -1 for no selection
    pathChanged = Signal()

    def __init__(
        self,
        library: Library,
        project: Project,
        path: Path | None = None,
        metrics: CellMetrics | None = None,
    ) -> None:
        """METRICS, when given, are those of PROJECT (computed where it was loaded)."""
        super().__init__()
        self.library = library
        self.undo_stack = QUndoStack(self)
        self._project = project
        self._path = path
        self._selected = -1
        self._metrics: CellMetrics | None = metrics
        self._checked: tuple[Project, CellMetrics] | None = None  # an edit's design, computed before pushing
        self.compute_seconds: float | None = None  # how long the last computation of the numbers took

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
    def cell_metrics(self) -> CellMetrics:
        """The cell's levels and breakdown (a planar cell: the stack's own levels)."""
        if self._metrics is None:
            started = time.perf_counter()
            self._metrics = compute_design(self._project, self.library)
            self.compute_seconds = time.perf_counter() - started
        return self._metrics

    @property
    def metrics(self) -> Metrics:
        """The stack's (repeat unit's) metrics at the design's temperature and energy definition."""
        return self.cell_metrics.repeat_unit

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
    def _apply(self, project: Project, selection: int | None) -> None:
        self._project = project
        checked = self._checked
        self._metrics = checked[1] if checked is not None and checked[0] is project else None
        stack = project.stack
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
        if stack == self.stack:
            return
        self.push_project(replace(self._project, stack=stack), text, merge_key=merge_key, select=select)

    def push_project(
        self, project: Project, text: str, *, merge_key: str | None = None, select: int | None = None
    ) -> bool:
        """Apply PROJECT as one undoable step; False (with editRefused) when it cannot be computed.

        The design's uncertainties follow their layers when layers move or go (io.uncertainty_edits),
        in the same step, so an undo brings them back with the layer."""
        project = following_the_layers(self._project, project)
        if project == self._project:
            return True
        if not self._computable(project):
            return False
        self.undo_stack.push(
            ReplaceProjectCommand(
                self._apply,
                self._project,
                project,
                text,
                merge_key=merge_key,
                selection_after=select,
                selection_before=self._selected,
            )
        )
        return True

    def _computable(self, project: Project) -> bool:
        """Whether the model can compute PROJECT; a refused edit leaves the document as it was.

        The metrics are computed here, before the edit is applied, so the document never holds
        a design whose numbers cannot be shown (every panel would fail on it). A value the model
        refuses (a stack it cannot compute, a cell that cannot be built around it) is said in
        one line; any other failure is a fault, raised after the refusal so the application's
        error handler reports it while the document stays intact.
        """
        started = time.perf_counter()
        try:
            metrics = compute_design(project, self.library)
        except InputError as exc:
            self.editRefused.emit(exc.one_line())
            return False
        except Exception:
            self.editRefused.emit("This change could not be computed and was not applied.")
            raise
        self._checked = (project, metrics)
        self.compute_seconds = time.perf_counter() - started
        return True

    def set_cell_format(self, cell_format: CellFormat, text: str, merge_key: str | None = None) -> bool:
        return self.push_project(replace(self._project, cell_format=cell_format), text, merge_key=merge_key)

    def set_fixture(self, fixture: PressureFixture | None, text: str, merge_key: str | None = None) -> bool:
        return self.push_project(replace(self._project, fixture=fixture), text, merge_key=merge_key)

    def set_fill(self, fill: ElectrolyteFill | None, text: str, merge_key: str | None = None) -> bool:
        return self.push_project(replace(self._project, fill=fill), text, merge_key=merge_key)

    def set_simulation(self, simulation: Simulation, text: str, merge_key: str | None = None) -> bool:
        return self.push_project(replace(self._project, simulation=simulation), text, merge_key=merge_key)

    def set_temperature(self, kelvin: float, merge_key: str | None = None) -> bool:
        """The design's one temperature (the stack's): every number and curve follows it."""
        if kelvin == self.stack.temperature_K:
            return True
        try:
            stack = replace(self.stack, temperature_K=kelvin)
        except InputError as exc:
            self.editRefused.emit(exc.one_line())
            return False
        return self.push_project(
            replace(self._project, stack=stack), "Change temperature", merge_key=merge_key
        )

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
