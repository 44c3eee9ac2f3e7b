"""Python's cycle collector runs on the GUI thread only, between two events.

CPython collects reference cycles at whichever allocation crosses its threshold. Two places where
that froze the app, both seen under gdb: a worker thread, where destroying a Qt object left in a
cycle takes a Qt lock the GUI thread holds while it waits for the GIL; and the GUI thread inside
Qt's own disconnect, which holds a Qt lock while it calls back into Python, so a Qt object the
collector destroys there waits for that lock forever. From the event loop no Qt lock is held.

Automatic collection is switched off and a timer applies CPython's rules instead: a collection is
due once the count of new objects passes the first threshold; the oldest generation whose count
passes its threshold is collected, the oldest of all only once the objects moved into it since its
last collection are a quarter of those it held then (that rule keeps full collections rare).
Between collections the timer looks often, so little garbage piles up and each pause is short.

Collections start once the start-up is over (the first document shown): what exists then (modules,
classes, the library, the window) lives as long as the app, so it is frozen out of every later
collection; collecting it in the middle of the start-up took 40 ms before the first curves.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# Idle, a look ten times a second costs nothing; while something allocates, look every 10 ms so
# that each collection has only a few milliseconds' worth of new objects to go through.
IDLE_MS = 100
BUSY_MS = 10
OLDEST = 2
# A start-up that never shows a document (a damaged installation) still ends for the collector.
SETTLE_AFTER_MS = 10_000


class GuiThreadCollector(QObject):
    """Owns the timer; while it runs, automatic collection stays off."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived_total: int | None = None  # counted when first needed: not at start-up
        self._long_lived_pending = 0
        self._resume = gc.isenabled()
        self._settled = False
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        QTimer.singleShot(SETTLE_AFTER_MS, self, self.settle)

    def settle(self) -> None:
        """The start-up is over: freeze what exists now out of later collections, start looking."""
        if self._settled:
            return
        self._settled = True
        gc.freeze()
        self._timer.start(IDLE_MS)

    def due(self) -> int | None:
        """The generation CPython would collect now, or None."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return None
        for generation in (OLDEST, 1):
            if counts[generation] <= self._thresholds[generation]:
                continue
            if generation == OLDEST and self._long_lived_pending < self._long_lived() // 4:
                continue
            return generation
        return 0

    def _long_lived(self) -> int:
        if self._long_lived_total is None:
            self._long_lived_total = len(gc.get_objects(generation=OLDEST))
        return self._long_lived_total

    def collect(self) -> int | None:
        """Collect the generation that is due; the generation collected, or None."""
        generation = self.due()
        if generation is None:
            return None
        young = (
            len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1)) if generation == 1 else 0
        )
        unreachable = gc.collect(generation)
        if generation == 1:  # the survivors moved into the oldest generation
            self._long_lived_pending += max(young - unreachable, 0)
        elif generation == OLDEST:
            self._long_lived_pending = 0
            self._long_lived_total = len(gc.get_objects(generation=OLDEST))
        return generation

    def _tick(self) -> None:
        collected = self.collect() is not None
        self._timer.start(BUSY_MS if collected else IDLE_MS)

    def stop(self) -> None:
        """Back to CPython's automatic collection (the tests of the other layers expect it)."""
        self._timer.stop()
        gc.unfreeze()
        if self._resume:
            gc.enable()


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Install the collector once for PARENT (the application); later calls return it."""
    existing = parent.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(parent)


def settle_start_up() -> None:
    """Tell the application's collector that the start-up is over (see GuiThreadCollector.settle)."""
    app = QCoreApplication.instance()
    collector = app.findChild(GuiThreadCollector) if app is not None else None
    if collector is not None:
        collector.settle()
