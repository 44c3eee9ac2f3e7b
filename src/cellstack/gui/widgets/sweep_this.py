"""A field's right-click menu with "Sweep this…" and "Uncertainty…" under the usual editing actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

SWEEP_THIS = "Sweep this…"
UNCERTAINTY = "Uncertainty…"


def sweep_menu(
    field: QWidget,
    path: str | None,
    request: Callable[[str], None],
    uncertain: Callable[[str], None] | None = None,
) -> QMenu:
    """The field's own editing menu (cut, copy, paste…) with "Sweep this…" for ``path`` and,
    given ``uncertain``, "Uncertainty…" (set or change how sure the input is)."""
    edit = field if isinstance(field, QLineEdit) else field.findChild(QLineEdit)
    menu = edit.createStandardContextMenu() if edit is not None else QMenu(field)
    menu.setParent(field, menu.windowFlags())
    menu.addSeparator()
    action = menu.addAction(SWEEP_THIS)
    action.setObjectName("actionSweepThis")
    action.setEnabled(path is not None)
    if path is not None:
        action.triggered.connect(lambda: request(path))
    if uncertain is not None:
        spread = menu.addAction(UNCERTAINTY)
        spread.setObjectName("actionUncertainty")
        spread.setEnabled(path is not None)
        if path is not None:
            spread.triggered.connect(lambda: uncertain(path))
    return menu


def install_sweep_this(
    field: QWidget,
    path: Callable[[], str | None],
    request: Callable[[str], None],
    uncertain: Callable[[str], None] | None = None,
) -> None:
    """Right-click on ``field`` offers to sweep the input ``path()`` names (None: nothing to sweep)."""
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(at: QPoint) -> None:
        menu = sweep_menu(field, path(), request, uncertain)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(field.mapToGlobal(at))

    field.customContextMenuRequested.connect(show)
