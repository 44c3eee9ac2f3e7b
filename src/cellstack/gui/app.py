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
from cellstack.gui.exception_guard import install_exception_guard
from cellstack.gui.gui_thread_gc import collect_on_gui_thread, settle_start_up
from cellstack.gui.main_window import MainWindow
from cellstack.gui.scheme import follow_system_scheme
from cellstack.gui.settings import APPLICATION, ORGANIZATION, Settings
from cellstack.io.resources import resources_dir

# Set to a number of milliseconds, the app closes its window that long after showing it, prints
# one line and exits: the smoke test of a packaged build (tests/test_bundle.py) uses it.
SMOKE_QUIT_ENV = "CELLSTACK_SMOKE_QUIT_MS"


def open_first_document(window: MainWindow, files: Sequence[str] = ()) -> bool:
    """Show FILE in a window that has no document yet, or the thin-film example for a first look.

    Loads numpy, the materials library and the plots (most of a start-up), saying which step it
    is at in the window, which is already on the screen. False, with the reason shown in the
    window and a message box, if neither the library nor the example can be read.
    """
    window.show_progress("Loading the materials library…")
    _repaint(window)
    from cellstack.core.errors import InputError
    from cellstack.gui.document import open_document
    from cellstack.gui.templates import default_example
    from cellstack.io.library import default_library
    from cellstack.io.project import load_project

    try:
        library = default_library()
        window.show_progress("Opening the project…")
        _repaint(window)
        problem = ""
        document = None
        if files:
            path = Path(files[0])
            try:
                document = open_document(library, load_project(path, library), path)
            except InputError as exc:
                problem = exc.one_line()
            else:
                window.settings.add_recent(path)
        if document is None:
            # The example opens as an untitled copy, so Save never overwrites the shipped file.
            document = open_document(library, load_project(default_example(), library), None)
    except (InputError, OSError) as exc:
        # A damaged installation: say what is wrong instead of a window that never fills.
        reason = exc.one_line() if isinstance(exc, InputError) else str(exc)
        window.show_progress(f"CellStack cannot start: {reason}\nReinstalling it should repair this.")
        QMessageBox.critical(window, "Cannot load the materials library", reason)
        return False
    window.set_document(document)
    if problem:
        QMessageBox.critical(window, "Cannot open the project", problem)
    return True


def create_window(files: Sequence[str] = ()) -> MainWindow:
    """The main window with its first document in place (tests, benchmarks and screenshots)."""
    window = MainWindow()
    open_first_document(window, files)
    return window


def launch(
    files: Sequence[str] = (), settings: Settings | None = None, autosave_folder: Path | None = None
) -> MainWindow:
    """Show the main window at once and fill it as soon as it has been painted: the window is on
    the screen in about the time a bare Qt window takes, the example's numbers follow."""
    window = MainWindow(settings=settings, autosave_folder=autosave_folder)

    def fill() -> None:
        if files:
            _open_in_background(window, Path(files[0]))
        elif open_first_document(window):
            window.autosave.offer_recovery()

    # After the first paint, not at once: a window still blank while the library loads would look
    # frozen. The timer lets the painted frame reach the screen first.
    window.loading_note.painted.connect(lambda: QTimer.singleShot(0, fill))
    window.documentShown.connect(settle_start_up)
    window.show()
    return window


def _open_in_background(window: MainWindow, path: Path) -> None:
    """FILE at start-up, read in a worker (a file at the size limit takes seconds) while the
    window says so and stays responsive; the example instead if it cannot be read."""
    from cellstack.core.errors import InputError
    from cellstack.gui.document import Document
    from cellstack.gui.project_loader import LoadedProject, ProjectLoader
    from cellstack.io.library import default_library

    window.show_progress("Loading the materials library…")
    _repaint(window)
    try:
        library = default_library()
    except (InputError, OSError):
        open_first_document(window)  # says in the window what is wrong with the installation
        return
    window.show_progress(f"Opening {path.name}…")
    loader = ProjectLoader(window)

    def loaded(result: LoadedProject) -> None:
        window.set_document(Document(library, result.project, result.path, result.metrics))
        window.settings.add_recent(result.path)
        window.autosave.offer_recovery()

    def example_instead(problem: Exception | None) -> None:
        if open_first_document(window):
            if isinstance(problem, InputError):
                QMessageBox.critical(window, "Cannot open the project", problem.one_line())
            window.autosave.offer_recovery()
        if problem is not None and not isinstance(problem, InputError):
            raise problem  # a fault, not bad input: the application's error handler reports it

    loader.loaded.connect(loaded)
    loader.failed.connect(lambda _path, problem: example_instead(problem))
    loader.cancelled.connect(lambda _path: example_instead(None))
    loader.start(path, library)


def configure(app: QApplication) -> None:
    """Names (for the settings), the colour scheme and the icon: what main() sets up first."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    collect_on_gui_thread(app)  # a collection elsewhere can freeze the app: see gui_thread_gc
    follow_system_scheme(app)
    icon = resources_dir() / "icons" / "cellstack.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def main(argv: Sequence[str] = ()) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    configure(app)
    window = launch([a for a in argv if not a.startswith("-")])
    # From here on an error escaping a slot is logged and shown; the window and its document stay.
    guard = install_exception_guard(window)
    _quit_after_smoke_test(app, window)
    try:
        return app.exec()
    finally:
        guard.uninstall()
        guard.close_log()


def _repaint(window: MainWindow) -> None:
    # The loading note's new text reaches the screen; clicks wait until the panels are in place.
    window.loading_note.repaint()


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

    # Counted from the first document on: the smoke test checks the window a user would work in.
    window.documentShown.connect(lambda: QTimer.singleShot(int(delay), close))
