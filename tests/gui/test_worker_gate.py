"""A job started off the GUI thread is let go on the GUI thread, after its pool thread is done:
were the last reference dropped in the pool thread, the Qt objects the job holds (its signals)
would be destroyed there, and that can freeze the app."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRunnable, QThreadPool

from cellstack.gui.worker_gate import WorkerGate


class _Job(QRunnable):
    def __init__(self, body: Callable[[], None], let_go_on: list[int]) -> None:
        super().__init__()
        self._body = body
        self._let_go_on = let_go_on

    def run(self) -> None:
        self._body()

    def __del__(self) -> None:
        self._let_go_on.append(threading.get_ident())


@pytest.fixture
def gate(qapp) -> Iterator[tuple[WorkerGate, QThreadPool]]:  # type: ignore[no-untyped-def]
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    yield WorkerGate(), pool
    pool.waitForDone()


GUI = threading.main_thread().ident


def test_a_job_nobody_else_holds_is_let_go_on_the_gui_thread(qtbot, gate) -> None:  # type: ignore[no-untyped-def]
    made, pool = gate
    ran_on: list[int] = []
    let_go_on: list[int] = []
    made.start(_Job(lambda: ran_on.append(threading.get_ident()), let_go_on), pool)
    qtbot.waitUntil(lambda: made.holding == 0, timeout=5000)
    assert ran_on and ran_on != [GUI]
    assert let_go_on == [GUI]


def test_jobs_are_held_until_the_last_one_running_has_ended(qtbot, gate) -> None:  # type: ignore[no-untyped-def]
    made, pool = gate
    release = threading.Event()
    first_done = threading.Event()
    let_go_on: list[int] = []
    made.start(_Job(first_done.set, let_go_on), pool)
    made.start(_Job(lambda: release.wait(5), let_go_on), pool)
    assert first_done.wait(5)
    qtbot.wait(50)  # the first job's end reaches the GUI thread
    assert made.holding == 2 and let_go_on == []
    release.set()
    qtbot.waitUntil(lambda: made.holding == 0, timeout=5000)
    assert let_go_on == [GUI, GUI]


def test_a_job_that_raises_is_reported_and_let_go_on_the_gui_thread(qtbot, gate, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made, pool = gate

    def fail() -> None:
        raise RuntimeError("a fault in the worker")

    reported: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, _value, _tb: reported.append(kind))
    let_go_on: list[int] = []
    made.start(_Job(fail, let_go_on), pool)
    qtbot.waitUntil(lambda: made.holding == 0, timeout=5000)
    assert let_go_on == [GUI]
    assert reported == [RuntimeError]
