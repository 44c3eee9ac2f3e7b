"""The conventions a desktop tool is expected to have, added to the main window: File ▸ New
(empty) and Close, Simulate ▸ Protocol, and "Why this number?" on the metrics. What they open is
imported when they run, so the window still appears before numpy and the library are loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.widgets.protocol_panel import ProtocolWindow
    from cellstack.gui.widgets.why_dialog import WhyOpener


class ConventionActions:
    """Owns the actions and the windows they open; one per main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.protocol_window: ProtocolWindow | None = None
        self.why: WhyOpener | None = None  # opens "Why this number?" from the metrics panel
        window.documentShown.connect(self._document_shown)

    def _action(
        self, text: str, slot: object, shortcut: str | QKeySequence.StandardKey, name: str
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def install(self, file_menu: QMenu, help_menu: QMenu) -> list[QAction]:
        """Add the entries; returns those that need a document (disabled until the first one)."""
        menu_bar = self.window.menuBar()
        simulate = QMenu("&Simulate", menu_bar)
        simulate.setObjectName("simulateMenu")
        menu_bar.insertMenu(help_menu.menuAction(), simulate)
        protocol = self._action("&Protocol…", self.show_protocol, "Ctrl+R", "actionProtocol")
        simulate.addAction(protocol)
        return [simulate.menuAction()]

    # -- protocol --------------------------------------------------------------------------------
    def show_protocol(self) -> ProtocolWindow:
        from cellstack.gui.widgets.protocol_panel import ProtocolWindow

        if self.protocol_window is None:
            self.protocol_window = ProtocolWindow(self.window.document, self.window)
        self.protocol_window.show()
        self.protocol_window.raise_()
        self.protocol_window.activateWindow()
        return self.protocol_window

    def _document_shown(self) -> None:
        from cellstack.gui.widgets.why_dialog import install_why

        panel = self.window.metrics_panel  # a new one with every document
        self.why = install_why(panel, self.window.document, panel.values)
        if self.protocol_window is not None:
            self.protocol_window.panel.set_document(self.window.document)
