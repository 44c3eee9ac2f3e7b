"""The cell drawing: every format paints its sketch's views with a legend, light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from cellstack.core.cell.sketch import Part
from cellstack.gui.document import Document
from cellstack.gui.widgets.cell_defaults import FORMAT_NAMES, default_format
from cellstack.gui.widgets.cell_view import HARDWARE_COLOURS, CellView, part_colour


@pytest.mark.parametrize("kind", list(FORMAT_NAMES))
def test_each_format_is_drawn_with_its_legend(qtbot, document: Document, kind: str) -> None:  # type: ignore[no-untyped-def]
    view = CellView(document)
    qtbot.addWidget(view)
    view.resize(420, 320)
    view.show()
    assert document.set_cell_format(default_format(kind), "format")
    sketch = view.canvas.sketch
    assert sketch is not None and sketch.format == kind
    image: QImage = view.canvas.grab().toImage()
    background = image.pixelColor(1, image.height() - 2)
    drawn = {
        image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(drawn - {background.name()}) > 3  # parts in several colours, not a blank canvas
    first_part = sketch.views[0].legend[0][1].split(" ")[0]
    assert first_part in view.legend.text().replace("&nbsp;", " ")


def test_hardware_colours_differ_between_light_and_dark() -> None:
    from PySide6.QtGui import QColor

    text = QColor("black")
    for part in HARDWARE_COLOURS:
        assert part_colour(part, False, text) != part_colour(part, True, text)
    assert part_colour(Part.ANNOTATION, False, text) == text


def test_a_hidden_view_draws_when_shown(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    view = CellView(document)
    qtbot.addWidget(view)
    assert document.set_cell_format(default_format("coin"), "format")
    assert view.canvas.sketch is None  # hidden behind the layer editor: nothing computed
    view.show()
    assert view.canvas.sketch is not None and view.canvas.sketch.format == "coin"


def test_the_stack_view_says_it_shows_the_repeat_unit(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from cellstack.gui.widgets.cell_defaults import default_pouch
    from cellstack.gui.widgets.stack_view import StackView

    view = StackView(document)
    qtbot.addWidget(view)
    assert view.caption_text().startswith("Log thickness scale") or view.caption_text().startswith("Linear")
    document.set_cell_format(replace(default_pouch(), units=12), "pouch")
    assert view.caption_text().startswith("Repeat unit, 12 in the cell · ")


def test_a_fixture_redraws_the_pouch(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from cellstack.core.cell.sketch import Part
    from cellstack.gui.widgets.cell_defaults import default_fixture, default_pouch

    view = CellView(document)
    qtbot.addWidget(view)
    view.show()
    document.set_cell_format(default_pouch(), "pouch")

    def parts() -> set[Part]:
        sketch = view.canvas.sketch
        assert sketch is not None
        return {getattr(p, "part", None) for v in sketch.views for p in v.primitives}  # type: ignore[misc]

    assert Part.FIXTURE_PLATE not in parts()
    document.set_fixture(default_fixture(0.06, 0.06), "fixture")
    assert Part.FIXTURE_PLATE in parts()


def test_a_thickness_edit_repaints_the_side_view_only(qtbot, document: Document, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from cellstack.core.material import Role

    view = CellView(document)
    qtbot.addWidget(view)
    view.resize(700, 320)
    view.show()
    assert document.set_cell_format(default_format("stacked_pouch"), "format")
    qtbot.waitExposed(view)
    qtbot.wait(20)
    painted: list[str] = []
    original = view.canvas._paint_view

    def record(painter, shown, area):  # type: ignore[no-untyped-def]
        painted.append(shown.kind.value)
        original(painter, shown, area)

    monkeypatch.setattr(view.canvas, "_paint_view", record)
    index = document.stack.indices_with_role(Role.CATHODE)[0]
    layer = document.stack.layers[index]
    document.replace_layer(index, replace(layer, thickness_m=layer.thickness_m * 1.5), "thicker")
    qtbot.waitUntil(lambda: bool(painted), timeout=2000)
    assert painted == ["side"]  # the top view's outline and sheets are as they were
    document.undo_stack.undo()
