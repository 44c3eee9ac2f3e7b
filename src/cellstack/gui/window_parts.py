"""The window's frame before any document: its size on this screen and its docks' first sizes,
the loading note, About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from cellstack import __version__

REVIEW_CITATION = (
    "Yang, G.; Abraham, C.; Ma, Y.; Lee, M.; Helfrick, E.; Oh, D.; Lee, D. Advances in Materials "
    "Design for All-Solid-state Batteries: From Bulk to Thin Films. Appl. Sci. 2020, 10, 4727. "
    "doi:10.3390/app10144727"
)


PREFERRED_SIZE = QSize(1440, 900)
FRAME_ALLOWANCE = QSize(16, 40)  # the window manager's title bar and borders around the window


def default_dock_sizes(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """The docks of a first start: the stack view and plots get the middle, the docks a readable
    width. Laid out for 1366 x 768 and up: on a small screen the palette gives up width first,
    and the layer editor gets half the height (a third left it 170 px at 768)."""
    small = window.width() < 1600
    widths = [260, 450] if small else [340, 470]
    window.resizeDocks([docks["paletteDock"], docks["metricsDock"]], widths, Qt.Orientation.Horizontal)
    height = docks["metricsDock"].height() + docks["editorDock"].height()
    share = 0.5 if window.height() < 900 else 0.58
    heights = [int(height * share), height - int(height * share)]
    window.resizeDocks([docks["metricsDock"], docks["editorDock"]], heights, Qt.Orientation.Vertical)


DockSizes = tuple[list[int], list[int]]  # widths of the palette and metrics, heights of metrics and editor


def dock_sizes(docks: dict[str, QDockWidget]) -> DockSizes:
    side = [docks[n].width() for n in ("paletteDock", "metricsDock")]
    return side, [docks[n].height() for n in ("metricsDock", "editorDock")]


def restore_dock_sizes(window: QMainWindow, docks: dict[str, QDockWidget], sizes: DockSizes) -> None:
    """SIZES back after new panels moved the docks, and the window's painting back on."""
    try:
        # The new panels' layout requests first: otherwise they resize the docks afterwards.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        window.resizeDocks([docks["paletteDock"], docks["metricsDock"]], sizes[0], horizontal)
        window.resizeDocks([docks["metricsDock"], docks["editorDock"]], sizes[1], vertical)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # laid out, then painted
    finally:
        window.setUpdatesEnabled(True)


def default_size() -> QSize:
    """1440 x 900, or less where the screen has less room (1366 x 768 laptops)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED_SIZE
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    return PREFERRED_SIZE.boundedTo(room)


class LoadingNote(QLabel):
    """What the middle of the window says until the first document is shown; tells when it has
    been painted, so the slow loading starts only once the window is on the screen."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__("Loading the materials library…")
        self.setObjectName("loadingNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)  # a reason the start failed can be long
        self.setEnabled(False)  # drawn dimmed: a state, not content
        self._told = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._told:
            self._told = True
            self.painted.emit()


def about_text() -> str:
    return (
        f"<h3>CellStack {__version__}</h3>"
        "<p>Design all-solid-state and thin-film battery stacks layer by layer; every number "
        "traced to its source.</p><p>Licence: MIT.</p>"
        f"<p>Materials library built on:<br><small>{REVIEW_CITATION}</small></p>"
    )
