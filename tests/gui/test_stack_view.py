"""The stack view: drops insert where they land, drags reorder, keys edit, undo restores."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent

from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.stack import StackKind
from cellstack.gui import mime
from cellstack.gui.document import Document
from cellstack.gui.widgets.stack_scale import MIN_LINEAR_PX, MIN_LOG_PX, band_heights, spread_labels
from cellstack.gui.widgets.stack_view import StackView


@pytest.fixture
def view(qtbot, document: Document) -> StackView:  # type: ignore[no-untyped-def]
    widget = StackView(document)
    qtbot.addWidget(widget)
    widget.resize(360, 480)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def point_for(view: StackView, index: int) -> QPointF:
    """A point over the stack that inserts at ``index`` (scanning down the bar column)."""
    x = view.width() * 0.15
    for y in range(view.height()):
        if view.index_at(QPointF(x, y + 0.5)) == index:
            return QPointF(x, y + 0.5)
    raise AssertionError(f"no position inserts at {index}")


def drop(view: StackView, data: QMimeData, pos: QPointF) -> QDropEvent:
    event = QDropEvent(
        pos, Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, data,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    view.dropEvent(event)
    return event


def test_object_name_and_size_hints(view: StackView) -> None:
    assert view.objectName() == "stackView"
    assert view.sizeHint().width() >= 300 and view.sizeHint().height() >= 400
    assert view.minimumSizeHint().width() < view.sizeHint().width()


def test_material_drop_inserts_at_the_drop_position(view: StackView, document: Document) -> None:
    before = document.stack
    energy_before = document.metrics.full_stack.mass_kg
    pos = point_for(view, 2)  # between the cathode and the separator
    data = mime.material_mime("lipon")
    event = drop(view, data, pos)
    assert event.isAccepted()
    assert len(document.stack.layers) == len(before.layers) + 1
    assert document.stack.layers[2].material.id == "lipon"
    assert document.stack.layers[:2] == before.layers[:2]
    assert document.stack.layers[3:] == before.layers[2:]
    assert document.selected == 2
    assert document.metrics.full_stack.mass_kg != energy_before
    document.undo_stack.undo()
    assert document.stack is before


def test_drop_on_the_top_and_bottom_edges(view: StackView, document: Document) -> None:
    count = len(document.stack.layers)
    assert view.index_at(QPointF(20, 1)) == count  # above the stack
    assert view.index_at(QPointF(20, view.height() - 1)) == 0  # below it
    data = mime.material_mime("parylene_c")
    drop(view, data, point_for(view, count))
    assert document.stack.layers[-1].material.id == "parylene_c"


def test_unknown_material_is_ignored(view: StackView, document: Document) -> None:
    before = document.stack
    data = mime.material_mime("no_such_material")
    event = drop(view, data, point_for(view, 1))
    assert not event.isAccepted()
    assert document.stack is before


def test_internal_drag_reorders(view: StackView, document: Document) -> None:
    before = document.stack
    count = len(before.layers)
    data = mime.layer_mime(0)  # the aluminium collector, dropped on top of the stack
    drop(view, data, point_for(view, count))
    assert document.stack.layers[-1] == before.layers[0]
    assert document.stack.layers[:-1] == before.layers[1:]
    data = mime.layer_mime(count - 1)  # and back to the bottom
    drop(view, data, point_for(view, 0))
    assert document.stack == before
    # Dropping a layer next to itself changes nothing and pushes no undo step.
    steps = document.undo_stack.count()
    data = mime.layer_mime(2)
    drop(view, data, point_for(view, 3))
    assert document.stack == before
    assert document.undo_stack.count() == steps


# Qt 6 deprecates the QPoint constructor of drag events, but PySide6 offers no other.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_drag_move_accepts_both_payloads(view: StackView) -> None:
    for data in (mime.material_mime("lipon"), mime.layer_mime(1)):
        event = QDragMoveEvent(
            QPoint(30, 200), Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, data,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QEvent.Type.DragMove,
        )  # fmt: skip
        view.dragMoveEvent(event)
        assert event.isAccepted()
    other = QMimeData()
    other.setText("plain text")
    event = QDragMoveEvent(
        QPoint(30, 200), Qt.DropAction.CopyAction, other,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QEvent.Type.DragMove,
    )  # fmt: skip
    view.dragMoveEvent(event)
    assert not event.isAccepted()


def test_click_selects_and_keys_move_the_selection(qtbot, view: StackView, document: Document) -> None:  # type: ignore[no-untyped-def]
    cathode = document.stack.indices_with_role(Role.CATHODE)[0]
    pos = point_for(view, cathode)  # the lower half of the cathode's row
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert document.selected == cathode
    assert view.layer_at(pos) == cathode
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert document.selected == cathode + 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert document.selected == cathode - 1
    qtbot.keyClick(view, Qt.Key.Key_Down)  # stays on the bottom layer
    assert document.selected == 0


def test_delete_key_removes_and_undo_restores_the_exact_stack(  # type: ignore[no-untyped-def]
    qtbot, view: StackView, document: Document
) -> None:
    before = document.stack
    asr_before = document.metrics.asr_total_ohm_m2
    document.select(2)  # the separator
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(document.stack.layers) == len(before.layers) - 1
    assert all(x.role is not Role.ELECTROLYTE for x in document.stack.layers)
    assert document.metrics.asr_total_ohm_m2 != asr_before
    document.undo_stack.undo()
    assert document.stack is before
    document.undo_stack.redo()
    assert len(document.stack.layers) == len(before.layers) - 1
    document.undo_stack.undo()
    document.select(0)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert document.stack.layers == before.layers[1:]


def test_invalid_stack_paints_and_reports_its_error(view: StackView, document: Document) -> None:
    assert view.error_text() == ""
    document.remove_layer(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    assert not document.metrics.valid
    assert "short-circuit" in view.error_text()
    for log in (False, True):
        view.set_log_scale(log)
        assert not view.grab().isNull()


def test_tooltip_names_the_material_and_its_numbers(view: StackView, document: Document) -> None:
    cathode = document.stack.indices_with_role(Role.CATHODE)[0]
    text = view.tooltip_for(cathode)
    layer = document.stack.layers[cathode]
    for part in (layer.material.formula, "cathode", "µm", "mg/cm²", "mAh/cm²"):
        assert part in text


def test_log_toggle_button_and_signal(qtbot, view: StackView) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.logScaleChanged) as blocker:
        view.set_log_scale(True)
    assert blocker.args == [True]
    assert view.log_scale
    button = view.findChild(object, "logScaleButton")
    assert button is not None and button.isChecked()


def test_nm_buffer_next_to_a_substrate_stays_visible_in_log_mode(view: StackView, document: Document) -> None:
    # 10 nm over 500 µm: linear mode pins it to the minimum and says so, log mode draws it tall.
    heights, pinned = band_heights([500e-6, 10e-9, 5e-6], 400.0, log_scale=False)
    assert heights[1] == pytest.approx(MIN_LINEAR_PX) and pinned[1]
    assert sum(heights) == pytest.approx(400.0)
    log_heights, _ = band_heights([500e-6, 10e-9, 5e-6], 400.0, log_scale=True)
    assert log_heights[1] >= MIN_LOG_PX and log_heights[1] > 40
    assert log_heights[0] > log_heights[2] > log_heights[1]
    # The same through the widget, on a real stack.
    substrate = document.library.by_role(Role.SUBSTRATE)[0]
    stack = document.stack.inserting(0, Layer(substrate, 500e-6, Role.SUBSTRATE))
    document.replace_stack(replace(stack, kind=StackKind.SSTFB, footprint_area_m2=2e-4), "test")
    view.set_log_scale(True)
    assert not view.grab().isNull()


def test_labels_never_overlap_and_stay_in_bounds() -> None:
    desired = [100.0, 101.0, 102.0, 103.0, 300.0, 301.0, 5.0][::-1]
    desired.sort()
    centres = spread_labels(desired, 18.0, 0.0, 400.0)
    assert all(b - a >= 18.0 - 1e-9 for a, b in itertools.pairwise(centres))
    assert centres[0] >= 9.0 and centres[-1] <= 391.0
    # A lone label stays where its layer is.
    assert spread_labels([200.0], 18.0, 0.0, 400.0) == [200.0]


def test_an_error_tied_to_a_layer_is_in_its_tooltip(view: StackView, document: Document) -> None:
    document.insert_material(0, document.library.material("lco"))  # a second cathode
    cathodes = document.stack.indices_with_role(Role.CATHODE)
    assert len(cathodes) == 2
    assert "more than one cathode" in view.error_text()
    assert "more than one cathode" in view.tooltip_for(cathodes[1])
    assert "more than one cathode" not in view.tooltip_for(cathodes[0])
    assert not view.grab().isNull()
