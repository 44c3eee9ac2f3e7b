"""Cycles are collected on the GUI thread only: a Qt object left in a reference cycle is destroyed
there, even when a worker thread allocates enough to cross the collector's thresholds. (PySide
defers a widget's deletion to the GUI thread itself; any other QObject, a timer or an action, it
destroys where the collector runs.)"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Qt

from cellstack.gui.gui_thread_gc import GuiThreadCollector


def test_a_qt_object_in_a_cycle_is_destroyed_on_the_gui_thread(
    qtbot,
    gui_thread_gc: GuiThreadCollector,  # type: ignore[no-untyped-def]
) -> None:
    assert not gc.isenabled()  # collected on the timer, never where the allocation happens
    destroyed_on: list[int] = []

    def remember(_: QObject | None = None) -> None:
        destroyed_on.append(threading.get_ident())

    action = QObject()
    action.destroyed.connect(remember, Qt.ConnectionType.DirectConnection)
    holder: dict[str, object] = {"action": action}
    holder["self"] = holder  # a cycle: only the collector frees it
    del action, holder

    kept: list[list[object]] = []

    def allocate() -> None:  # a sweep's worker: results kept, far over the collector's threshold
        kept.extend([object()] for _ in range(20 * gc.get_threshold()[0]))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert destroyed_on == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: bool(destroyed_on), timeout=5000)
    assert destroyed_on == [threading.main_thread().ident]
    kept.clear()
