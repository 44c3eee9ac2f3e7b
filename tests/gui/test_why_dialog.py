"""“Why this number?”: every value of the metrics panel opens to its formula, inputs and level."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from cellstack.core import units as u
from cellstack.gui.document import Document
from cellstack.report.explanations import explain, metric_keys


def test_every_value_of_the_panel_has_an_explanation(shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(document)
    panel = window.metrics_panel
    shown = [key for key, field in panel.values.items() if not field.isHidden()]
    assert set(shown) <= set(metric_keys(document.cell_metrics))
    for key in shown:
        explanation = explain(key, document.stack, document.cell_metrics, document.library)
        assert explanation.formula and explanation.level and explanation.inputs.rows, key


def test_double_click_opens_the_formula_inputs_sources_and_level(  # type: ignore[no-untyped-def]
    qtbot, shown_window, document: Document
) -> None:
    window = shown_window(document)
    field = window.metrics_panel.values["capacity"]
    qtbot.mouseDClick(field, Qt.MouseButton.LeftButton)
    assert window.conventions.why is not None
    dialog = window.conventions.why.dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    capacity_mAh = document.cell_metrics.capacity_C / u.MAH  # type: ignore[operator]
    assert f"{capacity_mAh:.4g} mAh" in text
    assert "Formula" in text and "Level" in text and "q practical" in text
    assert "Why this number?" in field.statusTip()  # the way to it is said on hover
    # The cathode's density is cited with the reference text the PDF lists.
    first = dialog.explanation.references[0]
    assert f"[{first.number}]" in text and first.text[:30] in text


def test_an_estimate_says_so_and_the_asr_names_its_temperature(document: Document) -> None:
    explanation = explain("asr", document.stack, document.cell_metrics, document.library)
    rows = explanation.inputs.rows
    assert rows[0] == ("Temperature", "25 °C", "the design")
    assert any("estimate" in origin for _name, _value, origin in rows)
    assert len(rows) == 1 + len(document.metrics.asr)


def test_a_level_value_names_its_level_and_parts(document: Document) -> None:
    cell = document.cell_metrics
    level = cell.levels[-1].level
    explanation = explain(f"{level.value}_wh_kg", document.stack, cell, document.library)
    assert explanation.title == "Specific energy"
    assert "E / m" in explanation.formula
    names = [row[0] for row in explanation.inputs.rows]
    assert "Cell energy" in names and "Mass at this level" in names


def test_an_unknown_key_is_refused(document: Document) -> None:
    with pytest.raises(KeyError):
        explain("no_such_metric", document.stack, document.cell_metrics, document.library)


def test_the_context_menu_offers_the_explanation(qtbot, shown_window, document: Document) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMenu

    window = shown_window(document)
    field = window.metrics_panel.values["asr"]
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(action.text() for action in menu.actions())
        menu.actions()[0].trigger()
        menu.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, pick)
    field.customContextMenuRequested.emit(QPoint(2, 2))
    assert seen[0] == "Why this number?"
    assert window.conventions.why is not None and window.conventions.why.dialog is not None
    assert "ASR total" in window.conventions.why.dialog.windowTitle()


def test_an_invalid_design_explains_without_inventing_numbers(library) -> None:  # type: ignore[no-untyped-def]
    from cellstack.gui.new_design import empty_project

    document = Document(library, empty_project(library, (1.0,), u.ROOM_TEMPERATURE))
    assert not document.metrics.valid
    for key in metric_keys(document.cell_metrics):
        explanation = explain(key, document.stack, document.cell_metrics, document.library)
        assert "nan" not in explanation.value.lower() and "inf" not in explanation.value.lower(), key
    assert explain("capacity", document.stack, document.cell_metrics, document.library).value == "n/a"


def test_the_explanations_load_only_when_one_is_opened() -> None:
    # Loaded with the panels, the report modules behind them cost every start a tenth of a second.
    import subprocess
    import sys

    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from cellstack.gui.main_window import MainWindow; from cellstack.gui.document import open_document;"
        "from cellstack.io.library import default_library; from cellstack.io.project import load_project;"
        "from cellstack.gui.templates import default_example; lib = default_library();"
        "w = MainWindow(open_document(lib, load_project(default_example(), lib)));"
        "print('cellstack.report.explanations' in sys.modules, w.conventions.why is not None)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("name", ["pouch_nmc811_llzo_li", "ssb_nmc811_argyrodite_li"])
def test_the_explained_value_is_the_panels_own(qtbot, library, name: str) -> None:  # type: ignore[no-untyped-def]
    # A ten-unit pouch: the panel gave the whole cell's power, the explanation one unit's.
    from cellstack.gui.display_units import units_shown
    from cellstack.gui.widgets.metrics_panel import MetricsPanel
    from cellstack.gui.widgets.why_dialog import report_units
    from cellstack.io.project import load_project

    from .conftest import EXAMPLES

    document = Document(library, load_project(EXAMPLES / f"{name}.cellstack", library))
    panel = MetricsPanel(document)
    qtbot.addWidget(panel)
    for key in ("capacity", "energy", "power"):
        explanation = explain(
            key, document.stack, document.cell_metrics, library, report_units(units_shown())
        )
        # The same number; the panel groups its digits (23 800), the PDF's formatting does not.
        assert panel.text(key).replace("\u202f", "").startswith(explanation.value), key
