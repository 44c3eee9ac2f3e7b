"""Fixtures for the widget tests: a document opened from a shipped example."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from cellstack.gui.document import Document
from cellstack.gui.gui_thread_gc import GuiThreadCollector, collect_on_gui_thread
from cellstack.io.library import Library, default_library
from cellstack.io.project import load_project

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


@pytest.fixture(scope="package", autouse=True)
def gui_thread_gc(qapp) -> Iterator[GuiThreadCollector]:  # type: ignore[no-untyped-def]
    """Cycles collected on the GUI thread between events, as the app does (configure): collected
    anywhere else, they can freeze a test (see gui_thread_gc)."""
    collector = collect_on_gui_thread(qapp)
    collector.settle()
    yield collector
    collector.stop()
    collector.setParent(None)


@pytest.fixture
def document(qapp, library: Library) -> Document:  # type: ignore[no-untyped-def]
    """The NMC811 | argyrodite | Li example: a bulk cell with five layers."""
    return Document(library, load_project(EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack", library))


@pytest.fixture
def thin_film_document(qapp, library: Library) -> Document:  # type: ignore[no-untyped-def]
    return Document(library, load_project(EXAMPLES / "thin_film_licoo2_lipon_li.cellstack", library))


@pytest.fixture
def shown_window(qtbot, tmp_path: Path) -> Iterator[Callable[[Document], MainWindow]]:  # type: ignore[no-untyped-def]
    """Opens a document in a shown main window with settings of its own; closes it at teardown
    without the unsaved-changes prompt."""
    from PySide6.QtCore import QSettings

    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.settings import Settings

    windows: list[MainWindow] = []

    def show(document: Document) -> MainWindow:
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        windows.append(MainWindow(document, settings))
        windows[-1].show()
        return windows[-1]

    yield show
    for window in windows:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()


@pytest.fixture
def own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's materials folder, empty, in the test's own directory (the library read afresh)."""
    from cellstack.io.user_library import ENV_MATERIALS_DIR

    folder = tmp_path / "materials"
    monkeypatch.setenv(ENV_MATERIALS_DIR, str(folder))
    default_library.cache_clear()
    yield folder
    default_library.cache_clear()
