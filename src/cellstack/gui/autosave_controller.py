"""Autosave every minute while the document is modified, and offer recovery after a crash."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from cellstack.core.errors import InputError
from cellstack.gui.document import open_document
from cellstack.io.autosave import (
    Recovery,
    autosave_path,
    discard,
    list_recoveries,
    new_untitled_id,
    remove_autosave,
    remove_own_autosaves,
    write_autosave,
)
from cellstack.io.project import dumps_project

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow

AUTOSAVE_INTERVAL_MS = 60_000  # a crash loses at most a minute of work


def _names(path: Path, untitled_id: str, folder: Path | None) -> bool:
    """Whether PATH is where an untitled document with this id is autosaved."""
    try:
        return autosave_path(None, untitled_id, folder) == path
    except InputError:  # an id this version would not write
        return False


class AutosaveController(QObject):
    def __init__(
        self, window: MainWindow, folder: Path | None = None, interval_ms: int = AUTOSAVE_INTERVAL_MS
    ) -> None:
        super().__init__(window)
        self.window = window
        self.folder = folder
        self._untitled_id = new_untitled_id()
        self._written_for: tuple[Path | None, str] | None = None
        # The autosave a recovered document came from: kept until that document is saved or
        # discarded, so a second crash before then still finds the work.
        self._recovered_from: Path | None = None
        self._warned = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave_now)
        self.timer.start()

    # -- writing -------------------------------------------------------------------------------
    def autosave_now(self) -> Path | None:
        """Write the autosave if the document has unsaved changes; return where."""
        document = self.window.document
        if document.undo_stack.isClean():
            return None
        key = (document.path, self._untitled_id)
        if self._written_for is not None and self._written_for != key:
            self._remove(self._written_for)  # saved under a new name since: drop the old copy
        try:
            path = write_autosave(
                dumps_project(document.project),
                document.path,
                untitled_id=self._untitled_id,
                folder=self.folder,
            )
        except (OSError, ValueError) as exc:  # ValueError: text no file can hold
            if not self._warned:  # say it once; keep trying every minute
                self._warned = True
                self.window.statusBar().showMessage(f"Autosave failed: {exc}", 15_000)
            return None
        self._written_for = key
        return path

    def document_saved(self) -> None:
        """The user's own save succeeded: the autosave has nothing more to offer."""
        if self._written_for is not None:
            self._remove(self._written_for)
            self._written_for = None
        if self._recovered_from is not None:
            discard(self._recovered_from)
            self._recovered_from = None

    def document_replaced(self) -> None:
        """Another document is open now (the old one was saved or its changes discarded)."""
        self.document_saved()
        self._untitled_id = new_untitled_id()

    def clean_exit(self) -> None:
        self.timer.stop()
        self.document_saved()
        remove_own_autosaves(self.folder)

    def _remove(self, key: tuple[Path | None, str]) -> None:
        remove_autosave(key[0], key[1] if key[0] is None else None, folder=self.folder)

    # -- recovery ------------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """Ask about what a crashed session left behind; True when a document was recovered."""
        recoveries, broken = list_recoveries(self.folder, self.window.library)
        if broken:
            listing = "\n".join(f"{b.path}: {b.reason}" for b in broken[:5])
            QMessageBox.warning(
                self.window,
                "Damaged autosave",
                f"Some autosaved work cannot be recovered and is skipped:\n\n{listing}",
            )
        for recovery in recoveries:
            answer = self._ask(recovery)
            if answer == QMessageBox.StandardButton.Cancel:
                return False  # keep it for the next start
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    self._recover(recovery)
                except InputError as exc:  # kept on disk: a later CellStack may compute it
                    QMessageBox.warning(self.window, "Cannot recover this work", exc.one_line())
                    return False
                return True
            discard(recovery.path)
        return False

    def _ask(self, recovery: Recovery) -> QMessageBox.StandardButton:
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        where = f"\nIts file: {recovery.original}" if recovery.original else "\nIt was never saved."
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Recover unsaved work?",
            f"CellStack did not exit cleanly. Unsaved changes to “{recovery.title}” were "
            f"autosaved at {when}.{where}\n\nRecover them?",
            parent=self.window,
        )
        box.setObjectName("recoveryPrompt")
        recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
        discard_button = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        if clicked is recover:
            return QMessageBox.StandardButton.Yes
        if clicked is discard_button:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Cancel

    def _recover(self, recovery: Recovery) -> None:
        document = open_document(self.window.library, recovery.project, recovery.original)
        self.window.set_document(document)
        # The recovered stack is not what is on disk: the document starts out modified.
        document.undo_stack.resetClean()
        self.window.refresh_title()
        if recovery.original is None and _names(recovery.path, recovery.untitled_id, self.folder):
            self._untitled_id = recovery.untitled_id  # its autosave keeps the same name
        self._recovered_from = recovery.path
        # At once, not a minute later: this session now owns the autosave, so a crash of this
        # session offers the recovered work again at the next start.
        self.autosave_now()
