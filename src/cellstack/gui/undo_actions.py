"""The Edit menu's Undo and Redo, following whichever document's undo stack is open."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget


def wire_undo_actions(
    undo: QAction,
    redo: QAction,
    stack: QUndoStack,
    texts: tuple[Callable[[str], None], Callable[[str], None]],
) -> None:
    """TEXTS set the undo and redo actions' texts: bound methods of the window, so Qt drops the
    connections with it (a lambda outlived the actions when the window closed)."""
    for action in (undo, redo):
        with contextlib.suppress(RuntimeError, TypeError):
            action.triggered.disconnect()
    undo.triggered.connect(stack.undo)
    redo.triggered.connect(stack.redo)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(texts[0])
    stack.redoTextChanged.connect(texts[1])
    undo.setEnabled(stack.canUndo())
    redo.setEnabled(stack.canRedo())
    undo.setText("Undo")
    redo.setText("Redo")


def share_undo_shortcuts(tool: QWidget, undo: QAction, redo: QAction) -> None:
    """Undo and Redo by keyboard in a window of its own (Sweep, Optimise, Uncertainties): an
    action's shortcut counts only in the windows it is added to, so Ctrl+Z there did nothing."""
    tool.addActions([undo, redo])
