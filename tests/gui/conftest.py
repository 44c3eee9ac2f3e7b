"""Fixtures for the widget tests: a document opened from a shipped example."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from cellstack.gui.document import Document
from cellstack.io.library import Library, default_library
from cellstack.io.project import load_project

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


@pytest.fixture
def document(qapp, library: Library) -> Document:  # type: ignore[no-untyped-def]
    """The NMC811 | argyrodite | Li example: a bulk cell with five layers."""
    return Document(library, load_project(EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack", library))


@pytest.fixture
def thin_film_document(qapp, library: Library) -> Document:  # type: ignore[no-untyped-def]
    return Document(library, load_project(EXAMPLES / "thin_film_licoo2_lipon_li.cellstack", library))
