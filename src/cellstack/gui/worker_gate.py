"""Start work on a thread pool so that the work, and the Qt objects it holds, are let go on the GUI
thread.

A job holds Qt objects: the signals it reports through. If the pool thread dropped the last
reference (a window that replaced a cancelled job no longer holds the old one), the Qt object
would be destroyed on the pool thread, taking a Qt lock there while the GUI thread may hold the
GIL and wait for that lock: the freeze that ``gui_thread_gc`` also guards against. So every job
started here is held until it has returned and its pool has no thread still running it (its last
signal reaches the GUI thread a moment before that), and is then let go on the GUI thread.
"""

from __future__ import annotations

import functools
import sys

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, SignalInstance

# How often to look again whether the pools are idle once the last job said it ended.
IDLE_POLL_MS = 5


class _Guarded(QRunnable):
    def __init__(self, job: QRunnable, ended: SignalInstance) -> None:
        super().__init__()
        self._job = job
        self._ended = ended

    def run(self) -> None:
        try:
            self._job.run()
        except Exception:  # reported as any fault is; left to Qt, the job was kept by its report
            sys.excepthook(*sys.exc_info())
        finally:
            self._ended.emit()


class WorkerGate(QObject):
    """Holds the jobs started through it; lives on the GUI thread."""

    ended = Signal()  # emitted by a pool thread, delivered on the GUI thread

    def __init__(self) -> None:
        super().__init__()
        self._running = 0
        self._held: list[QRunnable] = []
        self._pools: list[QThreadPool] = []
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.setInterval(IDLE_POLL_MS)
        self._poll.timeout.connect(self._release_when_idle)
        self.ended.connect(self._job_ended)

    @property
    def holding(self) -> int:
        """How many jobs are held: running, or returned while their pool thread finishes."""
        return len(self._held)

    def start(self, job: QRunnable, pool: QThreadPool | None = None) -> None:
        pool = pool or QThreadPool.globalInstance()
        self._running += 1
        self._held.append(job)
        if pool not in self._pools:
            self._pools.append(pool)
        pool.start(_Guarded(job, self.ended))

    def _job_ended(self) -> None:
        self._running -= 1
        if self._running == 0:
            self._release_when_idle()

    def _release_when_idle(self) -> None:
        if self._running:
            return  # a job started since: it is released with that one
        # A pool deleted with its owner waited for its threads then: it is idle.
        self._pools = [pool for pool in self._pools if shiboken6.isValid(pool)]
        if any(pool.activeThreadCount() for pool in self._pools):
            self._poll.start()
            return
        self._held.clear()


@functools.cache
def _gate() -> WorkerGate:
    return WorkerGate()  # made on first use, on the GUI thread


def start_off_gui_thread(job: QRunnable, pool: QThreadPool | None = None) -> None:
    """Run ``job`` on ``pool`` (the global pool by default); call on the GUI thread."""
    _gate().start(job, pool)
