"""Open a project file off the GUI thread, with a busy dialog the user can cancel.

A project file at the 20 MB limit takes seconds to read and check; done in a slot, that froze the
window. The file is read (and its metrics computed) in a worker thread, and the result is applied
on the GUI thread through a queued signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cellstack.core.cell import CellMetrics
from cellstack.gui.document import compute_design
from cellstack.gui.worker_gate import start_off_gui_thread
from cellstack.io.library import Library
from cellstack.io.project import Project, load_project

# A load that ends sooner shows no dialog at all: a flash of one would only distract.
SHOW_AFTER_MS = 400


@dataclass(frozen=True)
class LoadedProject:
    path: Path
    project: Project
    metrics: CellMetrics  # of the whole design: the cell's levels and the stack's metrics


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it, the slots run on the GUI thread."""

    done = Signal(int, object)  # job number, LoadedProject or the exception raised


class _LoadJob(QRunnable):
    def __init__(self, number: int, path: Path, library: Library, relay: _Relay) -> None:
        super().__init__()
        self.number = number
        self.path = path
        self.library = library
        self.relay = relay

    def run(self) -> None:
        try:
            project = load_project(self.path, self.library)
            metrics = compute_design(project, self.library)
        except Exception as exc:  # handed to the GUI thread, which reports it
            self.relay.done.emit(self.number, exc)
            return
        self.relay.done.emit(self.number, LoadedProject(self.path, project, metrics))


class ProjectLoader(QObject):
    """One load at a time; a newer load or Cancel makes the running one's result be ignored."""

    loaded = Signal(object)  # LoadedProject
    failed = Signal(object, object)  # path, the exception raised while loading
    cancelled = Signal(object)  # path

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._number = 0
        self._running: Path | None = None
        self.progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._running is not None

    def start(self, path: Path, library: Library) -> None:
        self._number += 1
        self._running = path
        self._show_progress(path)
        start_off_gui_thread(_LoadJob(self._number, path, library, self._relay), self._pool)

    def cancel(self) -> None:
        """Forget the running load; the worker finishes reading, its result is dropped."""
        path = self._running
        if path is None:
            return
        self._number += 1
        self._finish()
        self.cancelled.emit(path)

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the worker is idle (for shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)

    def _show_progress(self, path: Path) -> None:
        if self.progress is None:
            self.progress = QProgressDialog(self._parent)
            self.progress.setObjectName("loadProgress")
            self.progress.setWindowTitle("Opening project")
            self.progress.setRange(0, 0)  # reading gives no steps to count: a busy bar
            self.progress.setMinimumDuration(SHOW_AFTER_MS)
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setAutoReset(False)  # value 0 is the maximum of a busy bar
            self.progress.canceled.connect(self.cancel)
        self.progress.setLabelText(f"Opening {path.name}…")
        self.progress.setValue(0)  # starts the minimum-duration clock

    def _finish(self) -> None:
        self._running = None
        if self.progress is not None:
            self.progress.blockSignals(True)  # reset() of a shown dialog emits canceled
            self.progress.reset()
            self.progress.hide()
            self.progress.blockSignals(False)

    def _done(self, number: int, result: object) -> None:
        if number != self._number:
            return  # cancelled, or replaced by a newer load
        path = self._running
        self._finish()
        if isinstance(result, LoadedProject):
            self.loaded.emit(result)
        else:
            self.failed.emit(path, result)
