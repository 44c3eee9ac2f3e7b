"""The palette finds materials by role, formula and source; the thin-film template is a thin-film
cell (issue 16, item 10)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHeaderView

from cellstack.core.material import Role
from cellstack.core.stack import StackKind
from cellstack.gui.document import Document
from cellstack.gui.templates import project_from, templates
from cellstack.gui.widgets.palette import MaterialsPalette
from cellstack.io.library import Library


@pytest.fixture
def palette(qtbot, document: Document) -> MaterialsPalette:  # type: ignore[no-untyped-def]
    widget = MaterialsPalette(document)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(("query", "expected"), [("substrate", "alumina_96"), ("encapsulation", "parylene_c"),
                                                 ("current collector", "cu"), ("LiCoO2", "lco")])  # fmt: skip
def test_search_finds_roles_and_formulas(palette: MaterialsPalette, query: str, expected: str) -> None:
    palette.search.setText(query)
    assert expected in palette.material_ids()


def test_search_finds_a_source(palette: MaterialsPalette, library: Library) -> None:
    lipon = library.material("lipon")
    conductivity = lipon.properties.ionic_conductivity_S_m
    assert conductivity is not None and conductivity.source
    palette.search.setText(conductivity.source)
    assert "lipon" in palette.material_ids()


def test_names_are_elided_not_pushed_out(palette: MaterialsPalette) -> None:
    header = palette.tree.header()
    assert header.sectionResizeMode(0) is QHeaderView.ResizeMode.Stretch
    palette.resize(260, 400)
    palette.show()
    assert header.sectionSize(0) + header.sectionSize(1) <= palette.tree.viewport().width()


def test_thin_film_template_is_a_thin_film_cell(library: Library) -> None:
    template = next(t for t in templates() if t.kind is StackKind.SSTFB and t.example is None)
    stack = project_from(template, library).stack
    roles = [layer.role for layer in stack.layers]
    assert roles[0] is Role.SUBSTRATE and roles[-1] is Role.ENCAPSULATION
    cathode = stack.layers[roles.index(Role.CATHODE)].material
    assert cathode.thin_film and cathode.id != "lco"
    assert Document(library, project_from(template, library)).metrics.valid
