"""A form of design fields in lab units (mm, µm, g/cm³, mg), each editing the project undoably.

A field is described once (label, unit, range, how to read it from the project and how to make
the edited project); the form builds its spin box or combo box, shows what the design holds and
turns each edit into one command on the document. A value the model refuses (a cathode larger
than its separator) is said in one line naming the field, the value and the allowed range, and
the fields go back to what the design holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from cellstack.core.cell import CoinCell, Rectangle, StackedPouch, ThinFilmChip
from cellstack.core.errors import InputError
from cellstack.gui.document import Document
from cellstack.gui.widgets.number_spin import NumberSpin
from cellstack.io.exact_units import scaled_to_si, si_to_scaled
from cellstack.io.project_model import Project

Getter = Callable[[Project], float]
Setter = Callable[[Project, float], Project]


@dataclass(frozen=True)
class NumberField:
    """A number shown in ``unit`` (``scale`` SI per unit), allowed from ``low`` to ``high``.

    ``special`` is the text shown at ``low`` where ``low`` means "none" or "auto"; ``whole``
    fields (units, spacers) pass only whole numbers to the model, which refuses any other.
    """

    key: str
    label: str
    unit: str
    scale: float
    low: float
    high: float
    get: Getter
    set: Setter
    special: str = ""
    whole: bool = False
    visible: Callable[[Project], bool] | None = None
    tip: str = ""


@dataclass(frozen=True)
class ChoiceField:
    """One of several values (a coin size, a housing, a layout); ``options`` are (text, value)."""

    key: str
    label: str
    options: Sequence[tuple[str, object]]
    get: Callable[[Project], object]
    set: Callable[[Project, object], Project]
    visible: Callable[[Project], bool] | None = None
    tip: str = ""


@dataclass(frozen=True)
class FlagField:
    key: str
    label: str
    get: Callable[[Project], bool]
    set: Callable[[Project, bool], Project]
    visible: Callable[[Project], bool] | None = None
    tip: str = ""


Field = NumberField | ChoiceField | FlagField


def rectangle_fields(
    key: str,
    label: str,
    get: Callable[[Project], Rectangle],
    put: Callable[[Project, Rectangle], Project],
    low_high_mm: tuple[float, float] = (0.01, 10_000.0),
) -> list[NumberField]:
    """Width and height (mm) of a sheet, a die or a lid."""

    def side(name: str) -> NumberField:
        attribute = f"{name}_m"
        return NumberField(
            f"{key}_{name}",
            f"{label} {name}",
            "mm",
            1e-3,
            *low_high_mm,
            lambda p: float(getattr(get(p), attribute)),
            lambda p, value: put(p, replace(get(p), **{attribute: value})),
        )

    return [side("width"), side("height")]


FormatT = TypeVar("FormatT", StackedPouch, CoinCell, ThinFilmChip)
PartT = TypeVar("PartT")


def format_access(cls: type[FormatT]) -> tuple[Callable[[Project], FormatT], Callable[..., Project]]:
    """How a format's fields read the project's format and make a project with it changed."""

    def read(project: Project) -> FormatT:
        fmt = project.cell_format
        if not isinstance(fmt, cls):  # a form is shown only for its own format
            raise TypeError(f"not a {cls.kind} cell: {fmt.kind}")
        return fmt

    def edit(project: Project, **changes: Any) -> Project:
        return replace(project, cell_format=replace(read(project), **changes))

    return read, edit


def edited_part(current: PartT | None, default: Callable[[], PartT], **changes: float | None) -> PartT:
    """An optional part (a lid, a fill) with the given values changed, made from DEFAULT when
    the design has none yet; a change of None leaves that value as it is."""
    base = current if current is not None else default()
    return replace(base, **{name: value for name, value in changes.items() if value is not None})  # type: ignore[type-var]


def whole_or_float(value: float) -> int | float:
    """An integer where the value is one; else the float, which the model refuses with its range."""
    return int(value) if float(value).is_integer() else value


class DesignForm(QWidget):
    """Builds a QFormLayout of FIELDS; emits refused(message) for a value the model refuses."""

    refused = Signal(str)

    def __init__(self, document: Document, fields: Sequence[Field], name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.document = document
        self.fields = tuple(fields)
        self.widgets: dict[str, QWidget] = {}
        self._gesture = 0  # an ended gesture makes the next edit a new undo step
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in self.fields:
            widget = self._build(field)
            widget.setObjectName(f"cell_{field.key}")
            if field.tip:
                widget.setToolTip(field.tip)
            self.widgets[field.key] = widget
            unit = field.unit if isinstance(field, NumberField) else ""
            label = f"{field.label} ({unit})" if unit else field.label
            self._form.addRow(label, widget)

    def _build(self, field: Field) -> QWidget:
        if isinstance(field, NumberField):
            spin = NumberSpin(field.label, field.unit, round_steps=not field.whole)
            spin.setRange(field.low, field.high)
            if field.whole:
                spin.setSingleStep(1.0)
            if field.special:
                spin.setSpecialValueText(field.special)
            spin.valueChanged.connect(lambda value, f=field: self._number_edited(f, value))
            spin.editingFinished.connect(self._end_gesture)
            spin.refused.connect(self.refused)
            return spin
        if isinstance(field, ChoiceField):
            combo = QComboBox()
            # The items carry their position: Qt hands an enum member back as a plain str.
            for position, (text, _value) in enumerate(field.options):
                combo.addItem(text, position)
            combo.currentIndexChanged.connect(lambda _i, f=field, c=combo: self._choice_edited(f, c))
            return combo
        box = QCheckBox()
        box.toggled.connect(lambda on, f=field: self._edit(f.label, f.key, lambda p: f.set(p, on)))
        return box

    # -- model -> widgets ----------------------------------------------------------------------
    def load(self, project: Project) -> None:
        for field in self.fields:
            widget = self.widgets[field.key]
            shown = field.visible is None or field.visible(project)
            self._form.setRowVisible(widget, shown)
            if not shown:
                continue
            with QSignalBlocker(widget):
                if isinstance(field, NumberField) and isinstance(widget, NumberSpin):
                    value = si_to_scaled(field.get(project), field.scale)
                    if widget.value() != value:
                        widget.setValue(value)
                elif isinstance(field, ChoiceField) and isinstance(widget, QComboBox):
                    current = field.get(project)
                    values = [value for _text, value in field.options]
                    widget.setCurrentIndex(values.index(current) if current in values else 0)
                elif isinstance(field, FlagField) and isinstance(widget, QCheckBox):
                    widget.setChecked(field.get(project))

    # -- widgets -> model ----------------------------------------------------------------------
    def _end_gesture(self) -> None:
        self._gesture += 1

    def _number_edited(self, field: NumberField, value: float) -> None:
        si = scaled_to_si(value, field.scale)
        self._edit(field.label, field.key, lambda p: field.set(p, si), merge=True)

    def _choice_edited(self, field: ChoiceField, combo: QComboBox) -> None:
        value = field.options[combo.currentIndex()][1]
        self._edit(field.label, field.key, lambda p: field.set(p, value))

    def _edit(self, label: str, key: str, make: Callable[[Project], Project], merge: bool = False) -> None:
        project = self.document.project
        try:
            changed = make(project)
        except InputError as exc:
            self.refused.emit(exc.one_line())
            self.load(project)  # the fields show what the design holds, not the refused value
            return
        merge_key = f"cell:{key}:{self._gesture}" if merge else None
        if not self.document.push_project(changed, f"Change {label.lower()}", merge_key=merge_key):
            self.load(self.document.project)
