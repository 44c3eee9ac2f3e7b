"""The Explore menu (Sweep…), File → Compare with… and the layer editor's "Sweep this…".

Each window works on the document shown when it was opened; a new document closes it, so no
window applies a design to a document that is no longer on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.widgets.sweep_panel import SweepPanel

SWEEP_SIZE = (900, 620)  # fits a 1366 x 768 screen beside nothing else


class ExploreActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.sweep: SweepPanel | None = None
        window.documentShown.connect(self._document_shown)

    def install(self, menu_bar: QMenuBar, before: QMenu) -> list[QAction]:
        """The Explore menu, placed before ``before``; returns what needs a document."""
        explore = QMenu("E&xplore", menu_bar)
        explore.setObjectName("exploreMenu")
        menu_bar.insertMenu(before.menuAction(), explore)
        sweep = QAction("&Sweep…", self.window)
        sweep.setObjectName("actionSweep")
        sweep.setShortcut("Ctrl+Shift+W")
        sweep.triggered.connect(self._sweep_from_menu)
        explore.addAction(sweep)
        return [explore.menuAction()]

    def _sweep_from_menu(self) -> None:
        self.open_sweep()  # the menu's "checked" argument is no path

    def open_sweep(self, path: str | None = None) -> SweepPanel:
        from cellstack.gui.widgets.sweep_panel import SweepPanel

        if self.sweep is None:
            self.sweep = SweepPanel(self.window.document, self.window)
            self.sweep.setWindowFlag(Qt.WindowType.Window)
            self.sweep.resize(*SWEEP_SIZE)
        self.sweep.show()
        self.sweep.raise_()
        self.sweep.activateWindow()
        if path is not None:
            self.sweep.sweep_path(path)
        return self.sweep

    def _document_shown(self) -> None:
        self._close(self.sweep)
        self.sweep = None
        self.window.layer_editor.sweepRequested.connect(self.open_sweep)

    @staticmethod
    def _close(window: QWidget | None) -> None:
        if window is not None:
            window.close()
            window.deleteLater()
