"""The application's colour scheme: light or dark as the system asks, and the plot colours that go
with it. Qt only (no project modules): the main window applies it before anything else loads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    window = app.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def plot_colours() -> tuple[str, str]:
    """(background, foreground) for plots, from the application palette."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "#ffffff", "#202020"
    palette = app.palette()
    return (palette.color(QPalette.ColorRole.Base).name(), palette.color(QPalette.ColorRole.Text).name())


def _dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#3c3f41",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#3c3f41",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
        QPalette.ColorRole.Mid: "#5a5d60",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_scheme(app: QGuiApplication, dark: bool) -> None:
    """Switch the application palette (the light one is what the platform gave at start)."""
    light = app.property("cellstackLightPalette")
    if not isinstance(light, QPalette):
        light = QPalette(app.palette())
        app.setProperty("cellstackLightPalette", light)
    app.setPalette(_dark_palette() if dark else light)


def follow_system_scheme(app: QGuiApplication) -> None:
    """Use a dark palette when the system asks for dark, and keep following it.

    Platform themes (GNOME, KDE, macOS, Windows) already switch the palette; where there is none
    (a bare X server, some desktops) the scheme hint alone would leave the window light.
    """
    hints = app.styleHints()
    apply_scheme(app, hints.colorScheme() == Qt.ColorScheme.Dark)
    hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme == Qt.ColorScheme.Dark))
