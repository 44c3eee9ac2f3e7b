"""Python's cycle collector runs on the GUI thread only, on a timer.

CPython collects cycles in whichever thread crosses an allocation threshold. In a worker (a
sweep's designs on the thread pool, a project read in the background) that can destroy Qt
objects: the wrappers of widgets closed earlier that sat in a reference cycle. Qt's destructor
then takes a lock the GUI thread may hold while it waits for the GIL, and the app freezes (a
sweep test hung this way; gdb showed the worker in ~QObject from a dict freed by the collector
and the GUI thread in ~QObject waiting for its lock). Automatic collection is switched off and
the GUI thread collects instead, generation by generation, as CPython's own thresholds say.

pyqtgraph has a collector of this kind, but importing pyqtgraph at start-up would delay the
first paint of the window by a third of a second; this one needs only QtCore.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500  # often enough that garbage never piles up between two looks


class GuiThreadCollector(QObject):
    """Owns the timer; while it lives, automatic collection stays off."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> int:
        """Collect the oldest generation whose count is over its threshold; the number freed."""
        counts = gc.get_count()
        generation = -1
        for candidate in range(3):
            if counts[candidate] <= self._thresholds[candidate]:
                break
            generation = candidate
        return gc.collect(generation) if generation >= 0 else 0

    def stop(self) -> None:
        """Back to CPython's automatic collection (the tests of other layers expect it)."""
        self._timer.stop()
        gc.enable()


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Install the collector once for PARENT (the application); later calls return it."""
    existing = parent.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(parent)
