"""Start the desktop app: `cellstack [FILE]` or `python -m cellstack [FILE]`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cellstack import __version__
from cellstack.core.errors import InputError
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import APPLICATION, ORGANIZATION
from cellstack.gui.templates import default_example
from cellstack.gui.theme import follow_system_scheme
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import resources_dir

# Set to a number of milliseconds, the app closes its window that long after showing it, prints
# one line and exits: the smoke test of a packaged build (tests/test_bundle.py) uses it.
SMOKE_QUIT_ENV = "CELLSTACK_SMOKE_QUIT_MS"


def create_window(files: Sequence[str] = ()) -> MainWindow:
    """The main window showing FILE, or the thin-film example for a first look."""
    library = default_library()
    example = load_project(default_example(), library)
    # The example opens as an untitled copy, so Save never overwrites the shipped file.
    window = MainWindow(library, Document(library, example, None))
    if files:
        path = Path(files[0])
        try:
            project = load_project(path, library)
        except InputError as exc:
            QMessageBox.critical(window, "Cannot open the project", exc.one_line())
        else:
            window.set_document(Document(library, project, path))
            window.settings.add_recent(path)
    return window


def main(argv: Sequence[str] = ()) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    follow_system_scheme(app)
    icon = resources_dir() / "icons" / "cellstack.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    window = create_window([a for a in argv if not a.startswith("-")])
    window.show()
    _quit_after_smoke_test(app, window)
    window.autosave.offer_recovery()
    return app.exec()


def _quit_after_smoke_test(app: QApplication, window: MainWindow) -> None:
    delay = os.environ.get(SMOKE_QUIT_ENV, "")
    if not delay.isdigit():
        return

    def close() -> None:
        closed = window.close()  # the usual path: saves the window state, ends the autosave
        layers = len(window.document.stack.layers)
        verdict = "OK" if closed else "FAILED (the window refused to close)"
        print(f"cellstack smoke test {verdict}: {window.document.title!r}, {layers} layers", flush=True)
        app.exit(0 if closed else 1)

    QTimer.singleShot(int(delay), close)
