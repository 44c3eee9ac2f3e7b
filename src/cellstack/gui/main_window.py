"""The main window: docks around the stack view, menus, and the document's life cycle."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QWidget,
)

from cellstack.gui.actions_conventions import ConventionActions
from cellstack.gui.compute_status import ComputeStatus
from cellstack.gui.display_units import show_units
from cellstack.gui.explore_actions import ExploreActions
from cellstack.gui.file_controller import FileController
from cellstack.gui.mime import dropped_project
from cellstack.gui.own_data_actions import OwnDataActions
from cellstack.gui.panel_on_show import PanelOnShow
from cellstack.gui.settings import Settings
from cellstack.gui.uncertainty_actions import UncertaintyActions
from cellstack.gui.undo_actions import wire_undo_actions
from cellstack.gui.window_parts import (
    LoadingNote,
    about_text,
    default_dock_sizes,
    default_size,
    dock_sizes,
    restore_dock_sizes,
)

LAYOUT_VERSION = 1  # of the docks' saved arrangement: 1 added the Cell dock

# Only Qt and the settings are imported with this module: the window appears before numpy, the
# library and pyqtgraph are loaded, and the panels arrive with the first document (set_document).
if TYPE_CHECKING:
    from cellstack.gui.autosave_controller import AutosaveController
    from cellstack.gui.document import Document
    from cellstack.gui.widgets.cell_panel import CellPanel
    from cellstack.gui.widgets.layer_editor import LayerEditor
    from cellstack.gui.widgets.metrics_panel import MetricsPanel
    from cellstack.gui.widgets.palette import MaterialsPalette
    from cellstack.gui.widgets.plots import PlotsPanel
    from cellstack.gui.widgets.stack_view import StackView
    from cellstack.io.library import Library


class MainWindow(QMainWindow):
    documentShown = Signal()  # set_document has put a document's panels in place

    stack_view: StackView
    plots: PlotsPanel
    palette_widget: MaterialsPalette
    metrics_panel: MetricsPanel
    layer_editor: LayerEditor

    def __init__(
        self,
        document: Document | None = None,
        settings: Settings | None = None,
        autosave_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        show_units(self.settings.display_units())  # before any panel draws a number
        self.files = FileController(self)
        self._document: Document | None = None
        self._autosave: AutosaveController | None = None
        self._autosave_folder = autosave_folder
        self.setAcceptDrops(True)
        self.resize(default_size())
        self.statusBar().setObjectName("statusBar")  # hints and refusals of typed values
        self.compute_status = ComputeStatus()  # what the numbers describe, and how long they took
        self.statusBar().addPermanentWidget(self.compute_status)
        self._docks: dict[str, QDockWidget] = {}
        for name, title, area in (
            ("paletteDock", "Materials", Qt.DockWidgetArea.LeftDockWidgetArea),
            ("metricsDock", "Metrics", Qt.DockWidgetArea.RightDockWidgetArea),
            ("editorDock", "Layer", Qt.DockWidgetArea.RightDockWidgetArea),
            ("cellDock", "Cell", Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            self.addDockWidget(area, dock)
            self._docks[name] = dock
        # The cell shares the layer editor's place: one is edited at a time, and at 768 px two
        # docks under the metrics would each be too short to use.
        self.tabifyDockWidget(self._docks["editorDock"], self._docks["cellDock"])
        self._docks["editorDock"].raise_()
        # Made when its tab first comes to the front: building it (and importing its drawing)
        # held back the first numbers and curves of a start-up by about 50 ms.
        self._cell = PanelOnShow(self._docks["cellDock"], self._make_cell_panel)
        # Side panels stay readable but never take the middle from the stack and the plots.
        self._docks["paletteDock"].setMinimumWidth(240)
        self._docks["paletteDock"].setMaximumWidth(400)
        self._docks["metricsDock"].setMinimumWidth(380)
        self._docks["metricsDock"].setMaximumWidth(520)
        self.loading_note = LoadingNote()
        self.setCentralWidget(self.loading_note)
        self._build_actions()
        geometry, state = self.settings.geometry(), self.settings.state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        # A layout saved before the Cell dock existed is not restored: the dock would land
        # wherever Qt puts a newcomer instead of beside the layer editor.
        restored = state is not None and self.restoreState(state, LAYOUT_VERSION)
        self._first_layout = not restored
        self.setWindowTitle("CellStack")
        if document is not None:
            self.set_document(document)

    # -- document ------------------------------------------------------------------------------
    @property
    def has_document(self) -> bool:
        return self._document is not None

    @property
    def document(self) -> Document:
        if self._document is None:
            raise RuntimeError("the window shows no document yet")
        return self._document

    @property
    def library(self) -> Library:
        return self.document.library

    @property
    def autosave(self) -> AutosaveController:
        if self._autosave is None:
            raise RuntimeError("autosaving starts with the first document")
        return self._autosave

    def show_progress(self, text: str) -> None:
        """A step of the first load, shown where the panels will appear."""
        self.loading_note.setText(text)

    def set_document(self, document: Document) -> None:
        """Show a new document: its panels replace the previous ones (or the loading note)."""
        from cellstack.core.material import Role

        if self._document is not None:
            self.autosave.document_replaced()
        sizes = dock_sizes(self._docks)
        self._document = document
        self._place_panels(document)
        if self.isVisible():
            # New panels bring new size hints that move the docks; nothing is painted until the
            # docks are back where they were (at start-up a frame of misplaced panels flickered).
            self.setUpdatesEnabled(False)
            QTimer.singleShot(0, lambda: restore_dock_sizes(self, self._docks, sizes))
        self._wire_undo(document)
        self.compute_status.follow(document)
        document.undo_stack.cleanChanged.connect(self._update_title)
        document.pathChanged.connect(self._update_title)
        cathodes = document.stack.indices_with_role(Role.CATHODE)
        document.select(cathodes[0] if cathodes else 0)
        if self.new_menu.isEmpty():
            self.files.populate_new_menu(self.new_menu)
        for action in self._document_actions:
            action.setEnabled(True)
        if self._autosave is None:  # autosaving starts with the first document
            from cellstack.gui.autosave_controller import AutosaveController

            self._autosave = AutosaveController(self, self._autosave_folder)
        self._update_title()
        self.stack_view.setFocus()
        self.documentShown.emit()

    def _place_panels(self, document: Document) -> None:
        from cellstack.gui.widgets.layer_editor import LayerEditor
        from cellstack.gui.widgets.metrics_panel import MetricsPanel
        from cellstack.gui.widgets.palette import MaterialsPalette
        from cellstack.gui.widgets.plots import PlotsPanel
        from cellstack.gui.widgets.stack_view import StackView

        old = self.centralWidget()
        self.stack_view = StackView(document)
        self.stack_view.set_log_scale(self.settings.log_scale())
        self.stack_view.logScaleChanged.connect(self._log_scale_from_view)
        self.plots = PlotsPanel(document)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("centralSplitter")
        splitter.addWidget(self.stack_view)
        splitter.addWidget(self.plots)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        # 5:4 of the height from the start, whatever the panels' size hints (a plot tab is built
        # only when first drawn, so its hint would leave the plots a sliver of a shown window).
        # At 768 px the plots need the larger share: their bar names overlapped at 5:4.
        splitter.setSizes([5000, 4000] if self.height() >= 900 else [4000, 5000])
        self.setCentralWidget(splitter)
        if old is not None:
            old.deleteLater()
        self.palette_widget = MaterialsPalette(document)
        self.metrics_panel = MetricsPanel(document)
        self.layer_editor = LayerEditor(document)
        # Scrolled, so the metrics give up height on a small screen: unscrolled, their minimum
        # height left the layer editor 170 px at 768 px.
        metrics_scroll = QScrollArea()
        metrics_scroll.setObjectName("metricsScroll")
        metrics_scroll.setWidgetResizable(True)
        metrics_scroll.setFrameShape(QFrame.Shape.NoFrame)
        metrics_scroll.setWidget(self.metrics_panel)
        for dock_name, widget in (
            ("paletteDock", self.palette_widget),
            ("metricsDock", metrics_scroll),
            ("editorDock", self.layer_editor),
        ):
            previous = self._docks[dock_name].widget()
            self._docks[dock_name].setWidget(widget)
            if previous is not None:
                previous.deleteLater()
        self._cell.reset()

    @property
    def cell_panel(self) -> CellPanel:
        return self._cell.panel()

    def _make_cell_panel(self) -> CellPanel:
        from cellstack.gui.widgets.cell_panel import CellPanel

        return CellPanel(self.document)

    def refresh_title(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        try:
            clean = self.document.undo_stack.isClean()
        except RuntimeError:  # the undo stack is already gone while the application shuts down
            return
        self.setWindowTitle(f"{self.document.title}[*] — CellStack")
        self.setWindowModified(not clean)

    # -- actions -------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.new_menu = file_menu.addMenu("&New from template")
        self.new_menu.setObjectName("newMenu")  # filled with the first document (it needs the library)
        open_action = self._action("&Open…", self.files.open, QKeySequence.StandardKey.Open, "actionOpen")
        file_menu.addAction(open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(lambda: self.files.populate_recent_menu(self.recent_menu))
        file_menu.addSeparator()
        save = self._action("&Save", self.files.save, QKeySequence.StandardKey.Save, "actionSave")
        save_as_key = QKeySequence.StandardKey.SaveAs
        save_as = self._action("Save &As…", self.files.save_as, save_as_key, "actionSaveAs")
        file_menu.addAction(save)
        file_menu.addAction(save_as)
        export = file_menu.addMenu("&Export")
        self.files.populate_export_menu(export)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "actionQuit"))

        edit = menu.addMenu("&Edit")
        self.undo_action = QAction("Undo", self)
        self.redo_action = QAction("Redo", self)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(
            self._action(
                "&Delete layer",
                self._delete_layer,
                None,
                "actionDeleteLayer",
            )
        )
        edit.addAction(self._action("Move layer &up", lambda: self._move(+1), "Ctrl+Up", "actionMoveUp"))
        edit.addAction(
            self._action("Move layer do&wn", lambda: self._move(-1), "Ctrl+Down", "actionMoveDown")
        )

        view = menu.addMenu("&View")
        self.log_action = self._action(
            "&Logarithmic thickness scale", self._toggle_log, "Ctrl+L", "actionLogScale"
        )
        self.log_action.setCheckable(True)
        self.log_action.setChecked(self.settings.log_scale())
        view.addAction(self.log_action)
        view.addSeparator()
        for dock in self._docks.values():
            view.addAction(dock.toggleViewAction())

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self._action("&About CellStack", self.about, None, "actionAbout"))
        self.conventions = ConventionActions(self)
        needs_document = self.conventions.install(file_menu, edit, help_menu)
        self.explore = ExploreActions(self)
        needs_document = [*needs_document, *self.explore.install(menu, help_menu, file_menu)]
        self.uncertainty = UncertaintyActions(self)
        needs_document += self.uncertainty.install(menu)
        self.own_data = OwnDataActions(self)
        needs_document += self.own_data.install(file_menu)
        # Until the first document is shown, only Quit, View and About have something to act on.
        self._document_actions = [
            self.new_menu.menuAction(), open_action, self.recent_menu.menuAction(), save, save_as,
            export.menuAction(), edit.menuAction(), *needs_document,
        ]  # fmt: skip
        for action in self._document_actions:
            action.setEnabled(False)

    def _wire_undo(self, document: Document) -> None:
        texts = (self._undo_text, self._redo_text)
        wire_undo_actions(self.undo_action, self.redo_action, document.undo_stack, texts)

    def _undo_text(self, text: str) -> None:
        self.undo_action.setText(f"Undo {text}".strip())

    def _redo_text(self, text: str) -> None:
        self.redo_action.setText(f"Redo {text}".strip())

    def _delete_layer(self) -> None:
        self.stack_view.delete_selected()  # made with the first document, after the menus

    def _move(self, step: int) -> None:
        index = self.document.selected
        if index >= 0:
            self.document.move_layer(index, index + step)

    def _log_scale_from_view(self, on: bool) -> None:
        self.settings.set_log_scale(on)
        self.log_action.setChecked(on)

    def _toggle_log(self, on: bool) -> None:
        self.settings.set_log_scale(on)
        self.stack_view.set_log_scale(on)

    def about(self) -> None:
        QMessageBox.about(self, "About CellStack", about_text())

    # -- window events -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_layout:
            # First start: the docks take their sizes before anything is in them, so the panels
            # arrive where they stay.
            self._first_layout = False
            QTimer.singleShot(0, self._default_dock_sizes)  # after the first layout pass

    def _default_dock_sizes(self) -> None:
        default_dock_sizes(self, self._docks)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_document and not self.files.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState(LAYOUT_VERSION))
        self.files.stop_loading()
        if self._autosave is not None:
            self._autosave.clean_exit()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.has_document and dropped_project(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if (path := dropped_project(event.mimeData())) is not None:
            self.files.open_path(path)
            event.acceptProposedAction()

    def panel(self, name: str) -> QWidget:
        found = self.findChild(QWidget, name)
        assert found is not None, name
        return found
