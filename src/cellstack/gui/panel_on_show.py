"""A dock whose panel is made the first time the dock comes to the front.

A dock tabbed behind another is still "visible" to Qt (isVisible), so what counts is the dock's
visibilityChanged signal: true when its tab is in front or it floats on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDockWidget, QWidget

P = TypeVar("P", bound=QWidget)


class PanelOnShow(Generic[P]):
    def __init__(self, dock: QDockWidget, make: Callable[[], P]) -> None:
        self._dock = dock
        self._make = make
        self._panel: P | None = None
        self._armed = False  # a document to make the panel for
        self._in_view = False
        dock.visibilityChanged.connect(self._visibility)

    def reset(self) -> None:
        """A new document: the old panel goes, the new one is made now if the dock is in front."""
        self._armed = True
        self._panel = None
        self._set_widget(QWidget())
        if self._in_view:
            self.panel()

    def panel(self) -> P:
        """The panel, made now if it was not yet (a menu action or a test may ask first)."""
        if self._panel is None:
            self._panel = self._make()
            self._set_widget(self._panel)
        return self._panel

    def made(self) -> bool:
        return self._panel is not None

    def _set_widget(self, widget: QWidget) -> None:
        previous = self._dock.widget()
        self._dock.setWidget(widget)
        if previous is not None:
            previous.deleteLater()

    def _visibility(self, visible: bool) -> None:
        self._in_view = visible
        if visible and self._armed:
            self.panel()
