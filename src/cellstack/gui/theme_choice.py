"""The colour theme the user chose: light or dark whatever the system says, or the system's.
Qt only, so the window can apply it before anything else loads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cellstack.gui.scheme import apply_scheme

THEMES = (("system", "As the system"), ("light", "Light"), ("dark", "Dark"))
_SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


def apply_theme(theme: str) -> None:
    """Override the system's colour scheme (or stop overriding it, for "system"), and switch the
    palette at once: platforms without a theme plugin (a bare X server) ignore the override."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hints = app.styleHints()
    hints.setColorScheme(_SCHEMES.get(theme, Qt.ColorScheme.Unknown))
    dark = theme == "dark" or (theme == "system" and hints.colorScheme() == Qt.ColorScheme.Dark)
    apply_scheme(app, dark)
