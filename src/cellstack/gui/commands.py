"""Undo commands. Every edit of the document replaces its (immutable) project with a new one:
the stack, the cell around it and the simulation settings are one design, undone alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from cellstack.io.project_model import Project

# Commands that share a merge key and follow each other merge into one undo step: a spin-box
# drag over a thickness becomes one "Change thickness" step, not fifty.
_MERGE_ID = 1


class ReplaceProjectCommand(QUndoCommand):
    def __init__(
        self,
        apply: Callable[[Project, int | None], None],
        before: Project,
        after: Project,
        text: str,
        *,
        merge_key: str | None = None,
        selection_after: int | None = None,
        selection_before: int | None = None,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self._selection_before = selection_before
        self._selection_after = selection_after

    def redo(self) -> None:
        self._apply(self.after, self._selection_after)

    def undo(self) -> None:
        self._apply(self.before, self._selection_before)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ReplaceProjectCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        self._selection_after = other._selection_after
        return True
