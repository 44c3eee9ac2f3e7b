"""Start the desktop app: `cellstack [FILE]` or `python -m cellstack [FILE]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

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
    window.autosave.offer_recovery()
    return app.exec()
