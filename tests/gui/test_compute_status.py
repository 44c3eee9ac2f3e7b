"""The status bar says what the numbers describe and how long computing them took."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cellstack.core.material import Role
from cellstack.gui.compute_status import compute_text
from cellstack.gui.document import Document, compute_design
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.gui.widgets.cell_defaults import default_pouch
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    library = default_library()
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(Document(library, project), settings)
    yield main
    # Nothing to save at teardown: closing must not open the unsaved-changes prompt.
    main.document.undo_stack.setClean()
    main.close()
    main.deleteLater()


def test_every_edit_says_what_was_computed_and_how_long_it_took(window: MainWindow) -> None:
    status = window.compute_status
    assert status.text().startswith("Planar stack · 3 levels · computed in ")
    document = window.document
    assert document.set_cell_format(default_pouch(), "format")
    units = document.cell_metrics.units
    assert status.text().startswith(f"Stacked pouch, {units} units · ")
    seconds = document.compute_seconds
    assert seconds is not None and seconds > 0 and f"{seconds * 1e3:.1f} ms" in status.text()
    index = document.stack.indices_with_role(Role.ELECTROLYTE)[0]
    window.document.select(index)
    window.layer_editor.thickness.spin.stepUp()
    assert document.compute_seconds is not seconds  # the edit's own computation is reported


def test_an_invalid_design_is_said_to_be_so() -> None:
    from dataclasses import replace

    library = default_library()
    project = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)
    layers = list(project.stack.layers)
    cathode = project.stack.indices_with_role(Role.CATHODE)[0]
    composite = layers[cathode].composite
    assert composite is not None
    layers[cathode] = replace(layers[cathode], composite=replace(composite, active_fraction=0.0))
    broken = replace(project, stack=replace(project.stack, layers=tuple(layers)))
    assert "(invalid: see Findings)" in compute_text(compute_design(broken, library), None)
