"""What happens when an error escapes a Qt slot: a log entry, a dialog, and the document lives on.

Without this, an exception raised inside a slot or a virtual method (a paint event, a spin box's
valueChanged) is printed to a terminal the user never sees, and PySide6 aborts the process in
some of them: an afternoon's design gone. The guard replaces ``sys.excepthook`` and
``threading.excepthook``: the full traceback goes to a rotating log file in the per-user log
folder, and a dialog says what happened and offers to save a copy of the document.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow

LOG_FILE_NAME = "cellstack.log"
LOG_MAX_BYTES = 1_000_000  # a few hundred tracebacks; older ones rotate out
LOG_BACKUPS = 2
_LOGGER_NAME = "cellstack.gui.errors"


def default_log_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("cellstack", appauthor=False))


class ErrorDialog(QMessageBox):
    """Says that something failed, that the design is still open, and where the details went."""

    def __init__(self, parent: QWidget | None, summary: str, details: str, log_note: str) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("CellStack ran into an error")
        self.setText(
            "An unexpected error interrupted what CellStack was doing. Your design is still open "
            "and you can keep working on it."
        )
        self.setInformativeText(
            f"{summary}\n\n{log_note}\nTo be safe, save a copy of your design under a new name."
        )
        self.setDetailedText(details)
        self.save_copy_button = self.addButton("Save a copy…", QMessageBox.ButtonRole.ActionRole)
        self.continue_button = self.addButton("Continue", QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.continue_button)
        self.setEscapeButton(self.continue_button)


class ExceptionGuard(QObject):
    """Catches what escapes slots and threads; one dialog at a time, every error logged."""

    # Emitted from any thread; delivered on the GUI thread (queued), so the dialog never opens
    # inside a paint event or a half-finished slot.
    _report = Signal(str, str)

    def __init__(self, window: MainWindow | None = None, log_folder: Path | None = None) -> None:
        super().__init__()
        self.window = window
        self.log_folder = log_folder
        self.dialog_open = False
        self._shown: set[str] = set()  # places already reported: a repeat is only logged
        self._logger: logging.Logger | None = None
        self._previous: tuple[object, object] | None = None
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- installing ----------------------------------------------------------------------------
    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    # -- handling ------------------------------------------------------------------------------
    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self._log(details)
        summary = " ".join(f"{exc_type.__name__}: {exc}".split())  # one line in the dialog
        if len(summary) > 300:
            summary = summary[:299] + "…"
        # RuntimeError: the guard is already gone (the app is shutting down); it is logged.
        with contextlib.suppress(RuntimeError):
            self._report.emit(summary, details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        place = _where(details)
        if self.dialog_open or place in self._shown:
            return  # logged already; a second dialog over the first would help nobody
        self._shown.add(place)
        self.dialog_open = True
        try:
            parent = self.window if self.window is not None and self.window.isVisible() else None
            dialog = ErrorDialog(parent, summary, details, self._log_note())
            dialog.exec()
            if dialog.clickedButton() is dialog.save_copy_button and self._has_document():
                assert self.window is not None
                self.window.files.save_copy()
        finally:
            self.dialog_open = False

    def _has_document(self) -> bool:
        return self.window is not None and self.window.has_document

    # -- the log -------------------------------------------------------------------------------
    @property
    def log_path(self) -> Path:
        return (self.log_folder or default_log_folder()) / LOG_FILE_NAME

    def _log_note(self) -> str:
        if self._logger is None:
            return "The details below could not be written to a log file."
        return f"The details are in {self.log_path}."

    def _log(self, details: str) -> None:
        logger = self._logger or self._open_log()
        if logger is not None:
            logger.error("Uncaught error (pid %d)\n%s", os.getpid(), details.rstrip())
        else:
            sys.stderr.write(details)

    def _open_log(self) -> logging.Logger | None:
        try:
            path = self.log_path
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except Exception:  # no writable log folder: the dialog still shows the details
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger = logging.getLogger(f"{_LOGGER_NAME}.{id(self)}")
        logger.propagate = False
        logger.addHandler(handler)
        logger.setLevel(logging.ERROR)
        self._logger = logger
        return logger

    def close_log(self) -> None:
        if self._logger is not None:
            for handler in list(self._logger.handlers):
                self._logger.removeHandler(handler)
                handler.close()
            self._logger = None


def _where(details: str) -> str:
    """The innermost frame and the error type: the same fault repeating is reported once."""
    lines = details.strip().splitlines()
    frames = [line for line in lines if line.lstrip().startswith("File ")]
    return (frames[-1].strip() if frames else "") + "|" + (lines[-1].split(":")[0] if lines else "")


def install_exception_guard(
    window: MainWindow | None = None, log_folder: Path | None = None
) -> ExceptionGuard:
    """Route every uncaught error of the app (GUI thread and workers) through one guard."""
    guard = ExceptionGuard(window, log_folder)
    guard.install()
    return guard
