"""One-line messages in the main window's status bar, from any widget inside it."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

STATUS_TIMEOUT_MS = 10000


def show_status(widget: QWidget, message: str) -> None:
    """Show ``message`` in the status bar of the window that holds ``widget`` (if it has one)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, STATUS_TIMEOUT_MS)
