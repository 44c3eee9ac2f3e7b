"""Cycles are collected on the GUI thread only, between events: a Qt object left in a reference
cycle is destroyed there, even when a worker thread allocates enough to cross the collector's
thresholds. (PySide defers a widget's deletion to the GUI thread itself; any other QObject, a timer
or an action, it destroys where the collector runs.) The collections follow CPython's own rules,
so that full collections, the long pauses, stay as rare as CPython keeps them."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject, Qt

from cellstack.gui.gui_thread_gc import OLDEST, GuiThreadCollector


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


def _collections_over(collector: GuiThreadCollector, rounds: int) -> list[int]:
    """The generations collected while ROUNDS batches of live objects are allocated and looked at."""
    collected: list[int] = []
    kept: list[list[object]] = []
    for _ in range(rounds):
        kept.extend([object()] for _ in range(2 * gc.get_threshold()[0]))
        generation = collector.collect()
        if generation is not None:
            collected.append(generation)
    return collected


def test_each_look_past_the_threshold_collects_and_the_middle_generation_every_tenth(
    gui_thread_gc: GuiThreadCollector,
) -> None:
    gc.collect(1)  # a middle collection just happened: no young one counted since
    collected = _collections_over(gui_thread_gc, 24)
    assert len(collected) == 24  # every batch crossed the first threshold
    # As CPython does: a middle (or full) collection once the young ones since pass 10.
    assert [index for index, generation in enumerate(collected) if generation > 0] == [11, 23]


def test_the_oldest_generation_waits_until_a_quarter_of_it_is_new(
    gui_thread_gc: GuiThreadCollector, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gui_thread_gc, "_long_lived_total", 10**9)
    assert OLDEST not in _collections_over(gui_thread_gc, 250)
    # What the middle collections moved on counts towards the quarter: these rounds kept objects.
    assert gui_thread_gc._long_lived_pending > 0
    monkeypatch.setattr(gui_thread_gc, "_long_lived_total", 4 * gui_thread_gc._long_lived_pending)
    assert OLDEST in _collections_over(gui_thread_gc, 250)


def test_what_lived_through_the_start_up_is_frozen_out_of_later_collections(
    gui_thread_gc: GuiThreadCollector,
) -> None:
    # Settled when the first document was shown (here: when the GUI tests began).
    assert gc.get_freeze_count() > 10_000
