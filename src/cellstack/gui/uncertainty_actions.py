"""Explore → Uncertainties… and Tornado…, and the layer editor's right-click "Uncertainty…".

Each set, change or removal of an uncertainty is one undoable command on the document. The
windows work on the document shown when they were opened; a new document closes them. Nothing
here loads numpy or plotting until a window or dialog is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from cellstack.gui.undo_actions import share_undo_shortcuts

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.widgets.tornado_window import TornadoWindow
    from cellstack.gui.widgets.uncertainty_dialog import UncertaintyDialog
    from cellstack.gui.widgets.uncertainty_list import UncertaintyList

LIST_SIZE = (720, 360)
TORNADO_SIZE = (820, 480)


class UncertaintyActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.list: UncertaintyList | None = None
        self.tornado: TornadoWindow | None = None
        self.dialog: UncertaintyDialog | None = None  # the one open, for tests and for focus
        window.documentShown.connect(self._document_shown)

    def install(self, menu_bar: QMenuBar) -> list[QAction]:
        """Uncertainties… and Tornado… at the end of the Explore menu; returns what needs a document."""
        explore = menu_bar.findChild(QMenu, "exploreMenu")
        if explore is None:  # the Explore menu is installed first; without it, a menu of our own
            explore = menu_bar.addMenu("E&xplore")
        explore.addSeparator()
        listed = QAction("&Uncertainties…", self.window)
        listed.setObjectName("actionUncertainties")
        listed.triggered.connect(self.open_list)
        tornado = QAction("&Tornado…", self.window)
        tornado.setObjectName("actionTornado")
        tornado.triggered.connect(self.open_tornado)
        explore.addAction(listed)
        explore.addAction(tornado)
        return [listed, tornado]

    def edit(self, path: str) -> bool:
        """Ask for ``path``'s uncertainty and apply the answer as one undoable step; False when
        nothing changed (cancelled, or a field the design does not hold)."""
        from cellstack.core.errors import InputError
        from cellstack.core.explore.uncertainty import Distribution
        from cellstack.gui.widgets.uncertainty_dialog import UncertaintyDialog
        from cellstack.io.field_paths import parse_path, read_value
        from cellstack.io.uncertainty_edits import uncertainty_of, with_uncertainty, without_uncertainty

        document = self.window.document
        project = document.project
        try:
            parsed = parse_path(path)
            value = read_value(project, parsed)
        except InputError as exc:
            document.editRefused.emit(exc.one_line())
            return False

        def check(distribution: Distribution, source: str) -> None:
            with_uncertainty(project, path, distribution, source)

        self.dialog = UncertaintyDialog(
            path, parsed.field, value, uncertainty_of(project, path), check, self.window
        )
        try:
            if not self.dialog.exec():
                return False
            if self.dialog.removed:
                return document.push_project(
                    without_uncertainty(project, path), f"Remove uncertainty of {path}"
                )
            changed = with_uncertainty(project, path, self.dialog.distribution(), self.dialog.source_text())
            return document.push_project(changed, f"Set uncertainty of {path}")
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    def open_list(self) -> UncertaintyList:
        from cellstack.gui.widgets.uncertainty_list import UncertaintyList

        if self.list is None:
            self.list = _as_window(UncertaintyList(self.window.document, self.edit, self.window), LIST_SIZE)
            share_undo_shortcuts(self.list, self.window.undo_action, self.window.redo_action)
        return _shown(self.list)

    def open_tornado(self) -> TornadoWindow:
        from cellstack.gui.widgets.tornado_window import TornadoWindow

        if self.tornado is None:
            self.tornado = _as_window(TornadoWindow(self.window.document, self.window), TORNADO_SIZE)
        return _shown(self.tornado)

    def _document_shown(self) -> None:
        # Each window shows the document it was opened on: a new document closes them.
        for window in (self.list, self.tornado):
            if window is not None:
                window.close()
                window.deleteLater()
        self.list, self.tornado = None, None
        self.window.layer_editor.uncertaintyRequested.connect(self.edit)


W = TypeVar("W", bound=QWidget)


def _as_window(widget: W, size: tuple[int, int]) -> W:
    widget.setWindowFlag(Qt.WindowType.Window)
    widget.resize(*size)
    return widget


def _shown(widget: W) -> W:
    widget.show()
    widget.raise_()
    return widget
