"""The stack cross-section, to scale or on a log scale, edited by click, keys and drag and drop."""

from __future__ import annotations

import html
from typing import NamedTuple

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip, QWidget

from cellstack.core import units as u
from cellstack.core.metrics import Severity
from cellstack.gui import formatting, mime, theme
from cellstack.gui.document import Document
from cellstack.gui.status import show_status
from cellstack.gui.widgets.stack_scale import band_heights, spread_labels
from cellstack.gui.widgets.text_cache import TextCache
from cellstack.io.quantity_text import thickness_text

MIN_ACTIVE_WIDTH = 0.6  # narrower active layers would read as a different device
_MARGIN = 10.0
_LEADER = 26.0  # room between the bars and the labels for the leader lines
_ENLARGED_NOTE = "* enlarged to stay visible (not to scale)"
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft


class _Band(NamedTuple):
    layer: int  # its index in the stack
    bar: QRectF  # the drawn layer (narrower than the row for active-area layers)
    row: QRectF  # the full-width row the layer occupies
    label: QRectF
    enlarged: bool


class _Layout(NamedTuple):
    stack: QRectF
    bands: tuple[_Band, ...]  # top of the drawing first
    notes: QRectF


class StackView(QWidget):
    """The cross-section of the document's stack. Layer 0 is drawn at the bottom."""

    logScaleChanged = Signal(bool)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stackView")
        self.setAccessibleName("Stack cross-section")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self._document = document
        self._log_scale = False
        self._layout: _Layout | None = None
        self._drop_index = -1
        self._press: tuple[QPointF, int] | None = None
        self._texts = self._text_caches()
        self._toggle = QToolButton(self)
        self._toggle.setObjectName("logScaleButton")
        self._toggle.setText("Log scale")
        self._toggle.setCheckable(True)
        self._toggle.setToolTip("Log thickness scale: keeps nm buffers visible next to mm substrates")
        self._toggle.toggled.connect(self.set_log_scale)
        # Bound methods, not lambdas: Qt drops them when the view goes and the document stays.
        document.stackChanged.connect(self._invalidate)
        document.selectionChanged.connect(self._invalidate)

    # -- public API ----------------------------------------------------------------------------
    @property
    def log_scale(self) -> bool:
        return self._log_scale

    def set_log_scale(self, on: bool) -> None:
        if on == self._log_scale:
            return
        self._log_scale = on
        self._toggle.setChecked(on)
        self._invalidate()
        self.logScaleChanged.emit(on)

    def error_text(self) -> str:
        """The first structural error of the stack, or "" when it is valid."""
        findings = self._document.metrics.findings
        return next((f.message for f in findings if f.severity is Severity.ERROR), "")

    def layer_at(self, pos: QPointF) -> int:
        """The layer whose bar row or label is under ``pos``, or -1."""
        for band in self._geometry().bands:
            if band.row.contains(pos) or band.label.contains(pos):
                return band.layer
        return -1

    def index_at(self, pos: QPointF) -> int:
        """Where a drop at ``pos`` inserts: above a layer on its upper half, below on its lower."""
        bands = self._geometry().bands
        if bands and pos.y() < bands[0].row.top():
            return len(bands)
        for band in bands:
            if band.row.top() <= pos.y() < band.row.bottom():
                return band.layer + 1 if pos.y() < band.row.center().y() else band.layer
        return 0

    def sizeHint(self) -> QSize:
        return QSize(360, 480)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 240)

    # -- geometry --------------------------------------------------------------------------------
    def _invalidate(self, *_signal_args: object) -> None:
        self._layout = None
        self.update()

    def _geometry(self) -> _Layout:
        self._layout = self._layout or self._compute_layout()  # cached until an edit or a resize
        return self._layout

    def _compute_layout(self) -> _Layout:
        stack = self._document.stack
        metrics = QFontMetricsF(self.font())
        width, height = float(self.width()), float(self.height())
        top = self._toggle.sizeHint().height() + 2 * _MARGIN
        inner_width = max(width - 2 * _MARGIN, 1.0)
        error = self.error_text()
        notes_height = metrics.lineSpacing() * 2 + 6  # room for the footnote even before it is known
        if error:
            wrap = Qt.TextFlag.TextWordWrap
            notes_height += metrics.boundingRect(QRectF(0, 0, inner_width, 1e4), wrap, error).height()
        available = max(height - top - notes_height - _MARGIN, 10.0)
        heights, pinned = band_heights([x.thickness_m for x in stack.layers], available, self._log_scale)
        bar_width = min(max(width * 0.38, 70.0), 240.0)
        ratio = max(min(stack.active_area_m2 / stack.footprint_area_m2, 1.0), MIN_ACTIVE_WIDTH)
        stack_rect = QRectF(_MARGIN, top, bar_width, sum(heights))
        label_x = stack_rect.right() + _LEADER
        label_h = metrics.height() + 2
        rows: list[tuple[int, QRectF, QRectF, bool]] = []
        y = top
        for index in reversed(range(len(stack.layers))):  # the top layer is drawn first
            layer, h = stack.layers[index], heights[index]
            row = QRectF(_MARGIN, y, bar_width, h)
            bar_w = bar_width if layer.role.spans_footprint else bar_width * ratio
            bar = QRectF(_MARGIN + (bar_width - bar_w) / 2, y, bar_w, h)
            rows.append((index, row, bar, pinned[index] and not self._log_scale))
            y += h
        centres = spread_labels(
            [r.center().y() for _, r, _, _ in rows], label_h, top - 4, stack_rect.bottom() + label_h
        )
        bands = tuple(
            _Band(i, bar, row, QRectF(label_x, c - label_h / 2, width - label_x - _MARGIN, label_h), big)
            for (i, row, bar, big), c in zip(rows, centres, strict=True)
        )
        notes_top = max(stack_rect.bottom(), bands[-1].label.bottom() if bands else 0.0) + 8
        return _Layout(stack_rect, bands, QRectF(_MARGIN, notes_top, inner_width, height - notes_top))

    # -- painting --------------------------------------------------------------------------------
    def caption_text(self) -> str:
        """What the view's top line says: the scale and total thickness, and that the stack is
        the repeat unit of the cell around it when there is one."""
        total = thickness_text(sum(x.thickness_m for x in self._document.stack.layers))
        scale = f"{'Log' if self._log_scale else 'Linear'} thickness scale · total {total}"
        if self._document.project.cell_format.kind == "planar":
            return scale
        units = self._document.cell_metrics.units
        return f"Repeat unit, {units} in the cell · {scale[0].lower()}{scale[1:]}"

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        layout = self._geometry()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        dim = QColor(text)
        dim.setAlphaF(0.6)
        red = QColor("#ff6b6b" if theme.is_dark() else "#c62828")
        layer_errors = self._layer_errors()
        painter.setPen(dim)
        caption = QRectF(_MARGIN, _MARGIN, self._toggle.x() - 2 * _MARGIN, self._toggle.height())
        scale = self.caption_text()
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(caption, _LEFT, QFontMetricsF(self.font()).elidedText(scale, elide, caption.width()))
        for band in layout.bands:
            texts = self._texts[band.layer == self._document.selected]  # the selected one in bold
            self._paint_band(painter, band, texts, (text, dim, red if band.layer in layer_errors else None))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for band in layout.bands:  # after the neighbours, so they never cover the outline
            if band.layer == self._document.selected:  # two tones: visible on any role colour
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3.0))
                painter.drawRect(band.bar.adjusted(-2.5, -2.5, 2.5, 2.5))
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.0))
                painter.drawRect(band.bar.adjusted(-0.5, -0.5, 0.5, 0.5))
        if error := self.error_text():
            painter.setPen(QPen(red, 2.0))
            painter.drawRoundedRect(layout.stack.adjusted(-5, -5, 5, 5), 4, 4)
        notes = QRectF(layout.notes)
        if any(band.enlarged for band in layout.bands):
            painter.setPen(dim)
            painter.drawText(notes, Qt.AlignmentFlag.AlignLeft, _ENLARGED_NOTE)
            notes.setTop(notes.top() + QFontMetricsF(self.font()).lineSpacing() + 2)
        painter.setPen(red)
        painter.drawText(notes, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), error)
        if self._drop_index >= 0 and layout.bands:  # the insertion line of a drag in progress
            k, bands = self._drop_index, layout.bands
            y = bands[0].row.top() if k >= len(bands) else bands[len(bands) - 1 - k].row.bottom()
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3.0))
            painter.drawLine(QLineF(layout.stack.left() - 6, y, layout.stack.right() + 6, y))
        painter.end()

    def _paint_band(
        self, painter: QPainter, band: _Band, texts: TextCache, colours: tuple[QColor, QColor, QColor | None]
    ) -> None:
        """One layer: its bar, leader line and label (in the font of ``texts``). Colours: the
        text's, the dimmed one of leaders and sizes, red for a layer with an error (else None)."""
        text, dim, red = colours
        layer = self._document.stack.layers[band.layer]
        colour = theme.role_colour(layer.role)
        painter.setPen(QPen(colour.darker(150), 1.0) if band.bar.height() > 4 else Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(band.bar)
        if red is not None:
            painter.setPen(QPen(red, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(band.bar.adjusted(-1, -1, 1, 1))
        # Leader: out of the row at its centre, then to the label wherever it was moved to.
        y0, y1 = band.row.center().y(), band.label.center().y()
        elbow = band.row.right() + 6
        painter.setPen(QPen(dim, 1.0))
        painter.drawLine(QLineF(band.bar.right() + 1, y0, elbow, y0))
        painter.drawLine(QLineF(elbow, y0, band.label.left() - 4, y1))
        if band.layer == self._document.selected:
            tint = self.palette().color(QPalette.ColorRole.Highlight)
            tint.setAlphaF(0.25)
            painter.fillRect(band.label.adjusted(-3, 0, 0, 0), tint)
        size = thickness_text(layer.thickness_m) + (" *" if band.enlarged else "")
        name_w = max(band.label.width() - texts.width(size) - 8, 0.0)  # the size is never cut
        name = texts.elided(layer.name, name_w)
        painter.setPen(red if red is not None else text)
        texts.draw_left(painter, band.label, name)
        painter.setPen(dim)
        offset = texts.width(name) + 8 if name else 0.0
        texts.draw_left(painter, band.label.adjusted(offset, 0, 0, 0), size)
        painter.setFont(self.font())

    def _text_caches(self) -> tuple[TextCache, TextCache]:
        """Label texts in the widget's font and in bold (the selected layer's)."""
        bold = QFont(self.font())
        bold.setBold(True)
        return TextCache(self.font()), TextCache(bold)

    def _layer_errors(self) -> dict[int, list[str]]:
        errors: dict[int, list[str]] = {}
        for f in self._document.metrics.findings:
            if f.severity is Severity.ERROR and f.layer_index is not None:
                errors.setdefault(f.layer_index, []).append(f.message)
        return errors

    # -- events ----------------------------------------------------------------------------------
    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        self._toggle.resize(self._toggle.sizeHint())
        self._toggle.move(self.width() - self._toggle.width() - int(_MARGIN), int(_MARGIN))
        self._invalidate()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._texts = self._text_caches()
            self._invalidate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QtGui.QHelpEvent):
            index = self.layer_at(QPointF(event.pos()))  # an empty text hides the tip off the layers
            QToolTip.showText(event.globalPos(), self.tooltip_for(index) if index >= 0 else "", self)
            return True
        return super().event(event)

    def tooltip_for(self, index: int) -> str:
        layer = self._document.stack.layers[index]
        row = next((r for r in self._document.metrics.layers if r.index == index), None)
        lines = [
            f"<b>{html.escape(layer.name)}</b>",
            f"{html.escape(layer.material.name)} · {html.escape(layer.material.formula)}",
            f"Role: {layer.role.value.replace('_', ' ')}",
            f"Thickness: {thickness_text(layer.thickness_m)}",
        ]
        mass = row.mass_per_area_kg_m2 if row else None
        lines.append(f"Areal mass: {formatting.with_unit(mass and mass / u.MG_PER_CM2, 'mg/cm²')}")
        if row is not None and row.areal_capacity_C_m2 is not None:
            capacity = row.areal_capacity_C_m2 / u.MAH_PER_CM2
            lines.append(f"Areal capacity: {formatting.with_unit(capacity, 'mAh/cm²')}")
        for error in self._layer_errors().get(index, []):
            lines.append(f"<span style='color:#d32f2f'>{html.escape(error)}</span>")
        return "<br>".join(lines)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.layer_at(event.position())
            self._document.select(index)
            self._press = (event.position(), index) if index >= 0 else None
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        start, index = self._press
        if (event.position() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        drag = QtGui.QDrag(self)
        drag.setMimeData(mime.layer_mime(index))
        drag.exec(Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        count, selected = len(self._document.stack.layers), self._document.selected
        key = event.key()
        if key == Qt.Key.Key_Up:
            self._document.select(min(selected + 1, count - 1) if selected >= 0 else 0)
        elif key == Qt.Key.Key_Down:
            self._document.select(max(selected - 1, 0) if selected >= 0 else count - 1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selected >= 0:
            self.delete_selected()
        else:
            super().keyPressEvent(event)  # ignores it, so the window's shortcuts still see it

    def delete_selected(self) -> None:
        """Remove the selected layer, or say why the last one stays."""
        if len(self._document.stack.layers) == 1:
            show_status(self, "The last layer cannot be deleted: a stack needs one. Add another layer first.")
        else:
            self._document.remove_layer(self._document.selected)

    # -- drag and drop ---------------------------------------------------------------------------
    def _accepts(self, event: QtGui.QDropEvent) -> bool:
        data = event.mimeData()
        if mime.material_from_mime(data) is not None:
            return True
        # Layer indices only mean something in this view: a synthetic drop has no source.
        return mime.layer_from_mime(data) is not None and event.source() in (self, None)

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        self.dragMoveEvent(event)  # the insertion line shows from the first moment

    def dragMoveEvent(self, event: QtGui.QDragMoveEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        index = self.index_at(event.position())
        if index != self._drop_index:
            self._drop_index = index
            self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QtGui.QDragLeaveEvent) -> None:
        self._drop_index = -1
        self.update()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        self._drop_index = -1
        self.update()
        if not self._accepts(event):
            event.ignore()
            return
        data, index = event.mimeData(), self.index_at(event.position())
        material_id = mime.material_from_mime(data)
        if material_id is not None:
            if material_id not in self._document.library.materials:
                event.ignore()
                return
            self._document.insert_material(index, self._document.library.material(material_id))
        else:
            source = mime.layer_from_mime(data)
            assert source is not None  # _accepts checked it
            # The stack pops the layer before inserting it, so drops above it land one lower.
            self._document.move_layer(source, index - 1 if index > source else index)
        event.acceptProposedAction()
