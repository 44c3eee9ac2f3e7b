"""Right-click menus where a desktop tool has them: on a layer of the stack view (duplicate,
delete, move up and down) and on a plot (export as PNG, copy the image, reset the view); and Enter
in the materials palette adds the selected entry, as a double-click does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QMenu, QTreeView, QWidget

from cellstack.core.errors import InputError
from cellstack.gui.document import Document

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def duplicate_layer(document: Document, index: int) -> None:
    """A copy of layer ``index`` just above it, selected; a refusal (too many layers) is said."""
    stack = document.stack
    if not 0 <= index < len(stack.layers):
        return
    layer = stack.layers[index]
    try:
        duplicated = stack.inserting(index + 1, layer)
    except InputError as exc:
        document.editRefused.emit(exc.one_line())
        return
    document.push(duplicated, f"Duplicate {layer.name}", select=index + 1)


def layer_menu(
    document: Document,
    index: int,
    delete: Callable[[], None],
    parent: QWidget,
    edit: Callable[[], None] | None = None,
) -> QMenu:
    """The menu of layer ``index`` (selected first, so Delete and the editor act on it)."""
    document.select(index)
    count = len(document.stack.layers)
    menu = QMenu(parent)
    menu.setObjectName("layerMenu")
    if edit is not None:
        menu.addAction("&Edit layer and material…").triggered.connect(edit)
        menu.addSeparator()
    menu.addAction("D&uplicate").triggered.connect(lambda: duplicate_layer(document, index))
    if document.stack.layers[index].overrides:  # a changed material is worth keeping
        from cellstack.gui.my_materials import save_layer_material

        save = menu.addAction("Save to &my materials")
        save.triggered.connect(lambda: save_layer_material(document, index, parent))
    remove = menu.addAction("&Delete")
    remove.triggered.connect(delete)
    remove.setEnabled(count > 1)  # a stack keeps one layer
    if count == 1:
        remove.setToolTip("The last layer cannot be deleted: a stack needs one")
    menu.addSeparator()
    up = menu.addAction("Move &up")
    up.triggered.connect(lambda: document.move_layer(index, index + 1))
    up.setEnabled(index < count - 1)
    down = menu.addAction("Move do&wn")
    down.triggered.connect(lambda: document.move_layer(index, index - 1))
    down.setEnabled(index > 0)
    return menu


def install_layer_menu(view: Any, document: Document, edit: Callable[[], None] | None = None) -> None:
    """Right-click on a layer of the stack view (a StackView: ``layer_at``, ``delete_selected``);
    ``edit`` brings the layer editor forward."""

    def show(point: QPoint) -> None:
        index = int(view.layer_at(QPointF(point)))
        if index >= 0:
            menu = layer_menu(document, index, view.delete_selected, view, edit)
            menu.exec(view.mapToGlobal(point))

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(show)


def plot_menu(view: Any, plots: Sequence[Any], export_png: Callable[[], None], parent: QWidget) -> QMenu:
    """Export, copy and reset for a pyqtgraph view and its plot items."""
    menu = QMenu(parent)
    menu.setObjectName("plotMenu")
    menu.addAction("&Export as PNG…").triggered.connect(export_png)
    menu.addAction("&Copy image").triggered.connect(lambda: copy_image(view))
    menu.addAction("&Reset view").triggered.connect(lambda: reset_view(plots))
    return menu


def copy_image(view: QWidget) -> None:
    QGuiApplication.clipboard().setImage(view.grab().toImage())


def reset_view(plots: Sequence[Any]) -> None:
    """Every plot back to showing all its data (after a zoom or a pan)."""
    for plot in plots:
        plot.enableAutoRange()


def install_plot_menu(owner: QWidget, current: Callable[[], tuple[Any, Sequence[Any]]],
                      export_png: Callable[[], None]) -> None:  # fmt: skip
    """Right-click anywhere over ``owner``'s plots: ``current`` gives the pyqtgraph view and plot
    items under it then (a tab's plots are made when first shown). pyqtgraph's own menus are
    turned off, so one menu shows, the same on every plot."""

    def show(point: QPoint) -> None:
        view, plots = current()
        if view is None:
            return
        for plot in plots:
            plot.setMenuEnabled(False)
        plot_menu(view, plots, export_png, owner).exec(owner.mapToGlobal(point))

    owner.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    owner.customContextMenuRequested.connect(show)


class EnterAdds(QObject):
    """Enter or Return on the palette's tree adds the current entry, as a double-click does."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            index = self._tree.currentIndex()
            if index.isValid():
                self._tree.doubleClicked.emit(index)
                return True
        return False
