"""File → Compare with…: every `compute --json` number side by side, the differences right,
discharge curves of each design overlaid, and a bad file named in one line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cellstack.gui.compare_data import compare_rows, design_numbers
from cellstack.gui.document import Document

from ..compute_json import computed, json_at
from .conftest import EXAMPLES

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow

POUCH = EXAMPLES / "pouch_nmc811_llzo_li.cellstack"
GARNET = EXAMPLES / "ssb_lco_garnet_li.cellstack"


def test_compare_with_shows_every_metric_and_the_right_differences(
    shown_window: Callable[[Document], MainWindow],
    document: Document,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = shown_window(document)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(POUCH), str(GARNET)], ""))
    compare_action = next(
        a for a in window.findChildren(type(window.undo_action)) if a.objectName() == "actionCompare"
    )
    compare_action.trigger()
    compare = window.explore.compare
    assert compare is not None and compare.isVisible()
    table = compare.table
    assert table.columnCount() == 6  # metric, open design, then value and difference per file
    open_json = computed(EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack", capsys)
    pouch_json = computed(POUCH, capsys)
    # Each row by its name and unit; its key in the tooltip.
    rows = {compare.rows[r].key: r for r in range(table.rowCount())}
    assert table.item(rows["energy_mWh"], 0).text() == "Stack energy (mWh)"
    assert "energy_mWh" in table.item(rows["energy_mWh"], 0).toolTip()
    assert "levels.full_stack.mass_g" not in rows  # the same number as mass_g: one row
    for key in (
        "energy_mWh",
        "asr_ohm_cm2",
        "mass_g",
        "cell.levels.cell.specific_energy_Wh_kg",
    ):
        row = compare.rows[rows[key]]
        mine, theirs = json_at(open_json, key), json_at(pouch_json, key)
        assert isinstance(mine, float) and isinstance(theirs, float)
        assert row.values[0] == pytest.approx(mine) and row.values[1] == pytest.approx(theirs)
        assert row.difference(1) == pytest.approx(theirs - mine)
        assert table.item(rows[key], 3).text().startswith(f"{theirs - mine:+.4g}")
    # The units chosen in Preferences (mWh by default).
    assert table.item(rows["cell.energy_Wh"], 0).text() == "Cell energy (mWh)"
    assert any(name.startswith("open design") for name in compare.curve_names)
    assert any(name.startswith("pouch_nmc811_llzo_li") for name in compare.curve_names)


def test_the_table_follows_an_edit_of_the_open_design(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    compare = window.explore.open_comparison([POUCH])
    assert compare is not None
    before = {row.key: row for row in compare.rows}["thickness_um"].values[0]
    layer = document.stack.layers[2]
    document.replace_layer(2, replace(layer, thickness_m=layer.thickness_m * 2), "Change thickness")
    after = {row.key: row for row in compare.rows}["thickness_um"].values[0]
    assert after is not None and before is not None and after > before
    compare.close()  # a closed window does not compute on every edit, and catches up when shown
    document.undo_stack.undo()
    assert {row.key: row for row in compare.rows}["thickness_um"].values[0] == after
    compare.show()
    assert {row.key: row for row in compare.rows}["thickness_um"].values[0] == before


def test_an_unreadable_file_is_named_in_one_line_and_the_rest_compared(
    shown_window: Callable[[Document], MainWindow],
    document: Document,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = shown_window(document)
    broken = tmp_path / "broken.cellstack"
    broken.write_text("{ not json", encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    compare = window.explore.open_comparison([broken, POUCH])
    assert compare is not None and [o.name for o in compare.others] == ["pouch_nmc811_llzo_li"]
    assert len(said) == 1 and "broken.cellstack" in said[0] and "\n" not in said[0]


def test_identical_designs_differ_by_nothing(document: Document) -> None:
    numbers = design_numbers(document.project, document.library)
    for row in compare_rows([numbers, numbers]):
        assert row.difference(1) in (None, 0.0)


def test_rate_ragone_and_drawings_show_every_design_in_its_colour(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    compare = window.explore.open_comparison([POUCH, GARNET])
    assert compare is not None
    plots = compare.plots
    names = ["open design", POUCH.stem, GARNET.stem]
    assert plots.rate_names == names and plots.ragone_names == names
    assert [plots.sections.text_at(i) for i in range(3)] == names
    colours = [colour for _, colour, _ in plots.sections.sections]
    assert len(set(colours)) == 3
    rate_colours = [
        item.opts["pen"].color().name().lower() for item in plots.rate.getPlotItem().listDataItems()
    ]
    assert rate_colours == [c.lower() for c in colours]
    header = compare.table.horizontalHeaderItem(2)
    assert header is not None and header.foreground().color().name().lower() == colours[1].lower()
    plots.setCurrentWidget(plots.sections)
    assert plots.sections.grab().width() > 0  # paints without error


def test_export_comparison_pdf_writes_the_report_and_refuses_an_input(
    shown_window: Callable[[Document], MainWindow],
    document: Document,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pypdf = pytest.importorskip("pypdf")
    window = shown_window(document)
    copy = tmp_path / "pouch.cellstack"
    copy.write_bytes(POUCH.read_bytes())
    compare = window.explore.open_comparison([copy])
    assert compare is not None
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: messages.append(text))
    assert not compare.export_pdf(copy)
    assert len(messages) == 1 and "compared files" in messages[0] and "\n" not in messages[0]
    assert copy.read_bytes() == POUCH.read_bytes()
    out = tmp_path / "cmp.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "cmp"), ""))
    compare.export_action.trigger()
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    assert "Comparisonof2designs" in text and "pouch" in text and "Δpouch" in text
    assert len(messages) == 1


def test_more_files_than_colours_are_named_and_the_first_seven_compared(
    shown_window: Callable[[Document], MainWindow], document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(document)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    compare = window.explore.open_comparison([POUCH] * 9)
    assert compare is not None and len(compare.others) == 7
    assert len(warnings) == 1 and "up to 7 files" in warnings[0]
