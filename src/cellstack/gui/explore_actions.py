"""The Explore menu (Sweep…, Optimise…), File → Compare with… and the layer editor's "Sweep this…".

Like the main window, this module loads no numpy or plotting until a window is opened.
Each window works on the document shown when it was opened; a new document closes it, so no
window applies a design to a document that is no longer on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMenuBar, QMessageBox, QWidget

from cellstack.gui.undo_actions import share_undo_shortcuts

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.widgets.compare_window import CompareWindow
    from cellstack.gui.widgets.optimise_window import OptimiseWindow
    from cellstack.gui.widgets.sweep_panel import SweepPanel

SWEEP_SIZE = (900, 620)  # fits a 1366 x 768 screen beside nothing else
COMPARE_SIZE = (1300, 700)  # the table and the plots side by side on a 1366 x 768 screen
OPTIMISE_SIZE = (1000, 700)
PROJECT_FILTER = "CellStack projects (*.cellstack);;All files (*)"


class ExploreActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.sweep: SweepPanel | None = None
        self.compare: CompareWindow | None = None
        self.optimise: OptimiseWindow | None = None
        window.documentShown.connect(self._document_shown)

    def install(self, menu_bar: QMenuBar, before: QMenu, file_menu: QMenu) -> list[QAction]:
        """The Explore menu, placed before ``before``, and File → Compare with… (above File's
        first separator); returns what needs a document."""
        compare = QAction("Compare &with…", self.window)
        compare.setObjectName("actionCompare")
        compare.triggered.connect(self.choose_comparison)
        separators = [a for a in file_menu.actions() if a.isSeparator()]
        if separators:
            file_menu.insertAction(separators[0], compare)
        else:
            file_menu.addAction(compare)
        explore = QMenu("E&xplore", menu_bar)
        explore.setObjectName("exploreMenu")
        menu_bar.insertMenu(before.menuAction(), explore)
        sweep = QAction("&Sweep…", self.window)
        sweep.setObjectName("actionSweep")
        sweep.setShortcut("Ctrl+Shift+W")
        sweep.triggered.connect(self._sweep_from_menu)
        explore.addAction(sweep)
        optimise = QAction("&Optimise…", self.window)
        optimise.setObjectName("actionOptimise")
        optimise.triggered.connect(self._optimise_from_menu)
        explore.addAction(optimise)
        return [explore.menuAction(), compare]

    def _sweep_from_menu(self) -> None:
        self.open_sweep()  # the menu's "checked" argument is no path

    def open_sweep(self, path: str | None = None) -> SweepPanel:
        from cellstack.gui.widgets.sweep_panel import SweepPanel

        if self.sweep is None:
            self.sweep = SweepPanel(self.window.document, self.window)
            self.sweep.setWindowFlag(Qt.WindowType.Window)
            self.sweep.resize(*SWEEP_SIZE)
            share_undo_shortcuts(self.sweep, self.window.undo_action, self.window.redo_action)
        self.sweep.show()
        self.sweep.raise_()
        self.sweep.activateWindow()
        if path is not None:
            self.sweep.sweep_path(path)
        return self.sweep

    def _optimise_from_menu(self) -> None:
        self.open_optimise()

    def open_optimise(self) -> OptimiseWindow:
        from cellstack.gui.widgets.optimise_window import OptimiseWindow

        if self.optimise is None:
            self.optimise = OptimiseWindow(self.window.document, self.window)
            self.optimise.setWindowFlag(Qt.WindowType.Window)
            self.optimise.resize(*OPTIMISE_SIZE)
            share_undo_shortcuts(self.optimise, self.window.undo_action, self.window.redo_action)
        self.optimise.show()
        self.optimise.raise_()
        self.optimise.activateWindow()
        return self.optimise

    def choose_comparison(self) -> CompareWindow | None:
        """Ask for project files and compare them with the open design; a file that cannot be
        read is named in one line and the others are still compared."""
        folder = str(self.window.document.path.parent) if self.window.document.path else ""
        names, _ = QFileDialog.getOpenFileNames(self.window, "Compare with", folder, PROJECT_FILTER)
        return self.open_comparison([Path(n) for n in names]) if names else None

    def open_comparison(self, paths: list[Path]) -> CompareWindow | None:
        from cellstack.core.errors import InputError
        from cellstack.gui.widgets.compare_window import Compared, CompareWindow
        from cellstack.io.project import load_project
        from cellstack.report.comparison_figures import MAX_DESIGNS

        others, refusals = [], []
        if len(paths) >= MAX_DESIGNS:  # one plot colour per design, the open one included
            refusals.append(
                f"{len(paths)} files: up to {MAX_DESIGNS - 1} files can be compared with the open design"
            )
            paths = paths[: MAX_DESIGNS - 1]
        for path in paths:
            try:
                others.append(Compared(path.stem, load_project(path, self.window.library), path))
            except InputError as exc:
                refusals.append(exc.one_line())
        if refusals:
            QMessageBox.warning(self.window, "Cannot compare", "\n".join(refusals))
        if not others:
            return None
        self._close(self.compare)
        self.compare = CompareWindow(self.window.document, others, self.window)
        self.compare.setWindowFlag(Qt.WindowType.Window)
        self.compare.resize(*COMPARE_SIZE)
        self.compare.show()
        return self.compare

    def _document_shown(self) -> None:
        for window in (self.sweep, self.compare, self.optimise):
            self._close(window)
        self.sweep, self.compare, self.optimise = None, None, None
        self.window.layer_editor.sweepRequested.connect(self.open_sweep)

    @staticmethod
    def _close(window: QWidget | None) -> None:
        if window is not None:
            window.close()
            window.deleteLater()
