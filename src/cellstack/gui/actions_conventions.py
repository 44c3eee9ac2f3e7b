"""The conventions a desktop tool is expected to have, added to the main window: File ▸ New
(empty) and Close, Edit ▸ Preferences, Simulate ▸ Protocol, Help ▸ Manual (F1), and with every
document "Why this number?" on the metrics, right-click menus on layers and plots and Enter in the
palette. What they open is imported when they run, so the window still appears before numpy and
the library are loaded, and a start does not pay for the dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from cellstack.gui.theme_choice import apply_theme

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.manual import ManualWindow
    from cellstack.gui.widgets.protocol_panel import ProtocolWindow
    from cellstack.gui.widgets.why_dialog import WhyOpener


class ConventionActions:
    """Owns the actions and the windows they open; one per main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.protocol_window: ProtocolWindow | None = None
        self.why: WhyOpener | None = None  # opens "Why this number?" from the metrics panel
        self.manual: ManualWindow | None = None
        apply_theme(window.settings.theme())
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

    def install(self, file_menu: QMenu, edit_menu: QMenu, help_menu: QMenu) -> list[QAction]:
        """Add the entries; returns those that need a document (disabled until the first one)."""
        window = self.window
        new = self._action("New (&empty)", self.new_empty, QKeySequence.StandardKey.New, "actionNewEmpty")
        file_menu.insertAction(window.new_menu.menuAction(), new)
        close = self._action("&Close", self.close_document, QKeySequence.StandardKey.Close, "actionClose")
        _insert_after(file_menu, "actionSaveAs", close)
        edit_menu.addSeparator()
        preferences = self._action("&Preferences…", self.show_preferences, "Ctrl+,", "actionPreferences")
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(preferences)
        menu_bar = window.menuBar()
        simulate = QMenu("&Simulate", menu_bar)
        simulate.setObjectName("simulateMenu")
        menu_bar.insertMenu(help_menu.menuAction(), simulate)
        simulate.addAction(self._action("&Protocol…", self.show_protocol, "Ctrl+R", "actionProtocol"))
        help_key = QKeySequence.StandardKey.HelpContents  # F1
        manual = self._action("&Manual", self.show_manual, help_key, "actionManual")
        help_menu.insertAction(help_menu.actions()[0], manual)  # before About, added first
        return [new, close, simulate.menuAction()]

    # -- file ------------------------------------------------------------------------------------
    def new_empty(self) -> bool:
        """A new design with one separator layer and the preferred C-rates and temperature."""
        from cellstack.core.errors import InputError
        from cellstack.gui.document import Document
        from cellstack.gui.new_design import HINT, empty_project
        from cellstack.gui.preferences import design_defaults
        from cellstack.gui.status import show_status

        window = self.window
        if not window.files.maybe_save():
            return False
        rates, kelvin = design_defaults(window.settings)
        try:
            project = empty_project(window.library, rates, kelvin)
        except InputError as exc:
            window.files.error("Cannot create the design", exc.one_line())
            return False
        window.set_document(Document(window.library, project, None))
        show_status(window, HINT)
        return True

    def close_document(self) -> bool:
        """Close the file: after the usual question about unsaved changes, an empty design."""
        return self.new_empty()

    # -- preferences and help --------------------------------------------------------------------
    def show_preferences(self) -> bool:
        from cellstack.gui.preferences import PreferencesDialog

        accepted = (
            PreferencesDialog(self.window.settings, self.window).exec()
            == PreferencesDialog.DialogCode.Accepted
        )
        if accepted and self.window.has_document:
            self.window.plots.refresh_now()  # in the theme's colours, where no scheme signal came
        return accepted

    def show_manual(self) -> None:
        from cellstack.gui.manual import ManualWindow

        if self.manual is None:
            self.manual = ManualWindow(self.window)
        self.manual.show()
        self.manual.raise_()

    def _edit_layer(self) -> None:
        """The Layer dock in front (it shares its place with the Cell dock), its editor focused."""
        dock = self.window.findChild(QDockWidget, "editorDock")
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        self.window.layer_editor.setFocus()

    def _current_plot(self) -> tuple[Any, list[Any]]:
        page = self.window.plots.tabs.currentWidget()
        return getattr(page, "view", None), list(getattr(page, "plots", []))

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
        from cellstack.gui.context_menus import EnterAdds, install_layer_menu, install_plot_menu
        from cellstack.gui.widgets.why_dialog import install_why

        window = self.window  # its panels are new with every document
        self.why = install_why(window.metrics_panel, window.document, window.metrics_panel.values)
        install_layer_menu(window.stack_view, window.document, self._edit_layer)
        install_plot_menu(window.plots, self._current_plot, lambda: window.files._export_plot("png"))
        EnterAdds(window.palette_widget.tree)
        if self.protocol_window is not None:
            self.protocol_window.panel.set_document(self.window.document)


def _insert_after(menu: QMenu, name: str, action: QAction) -> None:
    """Put ``action`` behind the entry named ``name`` (at the end when there is none)."""
    actions = menu.actions()
    names = [a.objectName() for a in actions]
    at = names.index(name) + 1 if name in names else len(actions)
    if at < len(actions):
        menu.insertAction(actions[at], action)
    else:
        menu.addAction(action)
