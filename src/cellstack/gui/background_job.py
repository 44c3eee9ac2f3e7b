"""One computation off the GUI thread, reporting progress and stopping when asked between steps.

The work gets two callables: ``progress(done)`` and ``cancelled()``; it returns its result (None
when it stopped) or raises. Its signals arrive on the GUI thread, so a window can update itself
from them; a failure is reported by the one line ``describe`` makes of the exception.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

Work = Callable[[Callable[[int], None], Callable[[], bool]], object]


class JobSignals(QObject):
    progress = Signal(int)
    finished = Signal(object)  # the work's result, or None when cancelled
    failed = Signal(str)


class BackgroundJob(QRunnable):
    """Runs ``work`` on the thread pool; exceptions of the ``expected`` types become ``failed``."""

    def __init__(
        self,
        work: Work,
        expected: tuple[type[Exception], ...],
        describe: Callable[[Exception], str],
    ) -> None:
        super().__init__()
        self._work = work
        self._expected = expected
        self._describe = describe
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit, self._cancel.is_set)
        except self._expected as exc:
            self.signals.failed.emit(self._describe(exc))
            return
        self.signals.finished.emit(result)
