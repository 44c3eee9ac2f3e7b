"""Bring your own data, added to the main window: File ▸ Import measured discharge… (drawn as
markers on the discharge plot), Simulate ▸ Fit to measured discharge…, and the menus' entries for
BPX files and the user's own materials. What they open is imported when they run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

if TYPE_CHECKING:
    from cellstack.core.fit import MeasuredCurve
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.widgets.plot_parts import Axes, PlotPage

MEASURED_FILTER = "Measured discharge (*.csv *.json);;All files (*)"
SECONDS_PER_HOUR = 3600.0


def measured_capacity_mAh(measured: MeasuredCurve, capacity_C: float | None) -> Any:
    """The charge delivered at each point (mAh): measured where the file has it, else the current
    integrated over time, else the C-rate times the design's capacity (``capacity_C``)."""
    import numpy as np  # not at start-up: the window appears before numpy is loaded

    if measured.capacity_C is not None:
        return measured.capacity_C / 3.6
    t = measured.time_s - measured.time_s[0]
    if measured.current_A is not None:
        steps = np.diff(t) * (measured.current_A[1:] + measured.current_A[:-1]) / 2.0
        return np.concatenate([[0.0], np.cumsum(steps)]) / 3.6
    assert measured.c_rate is not None
    return measured.c_rate * t / SECONDS_PER_HOUR * (capacity_C or 0.0) / 3.6


class OwnDataActions:
    """Owns the measured curve shown over the discharge plot (one per document) and the actions."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.measured: MeasuredCurve | None = None
        self.fit_action: QAction | None = None
        window.documentShown.connect(self._document_shown)

    def _action(self, text: str, slot: object, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def install(self, file_menu: QMenu) -> list[QAction]:
        """Add the entries before Quit; returns them (each needs a document)."""
        quit_action = next(a for a in file_menu.actions() if a.objectName() == "actionQuit")
        entries = [
            self._action("Import &measured discharge…", self.import_measured, "actionImportMeasured"),
            self._action("&Fit to measured discharge…", self.show_fit, "actionFit"),
        ]
        self.fit_action = entries[1]
        for action in entries:
            file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)
        return entries

    def _document_shown(self) -> None:
        self.measured = None  # measured data belong to the design they were held against
        self.window.plots.discharge_overlays.append(self._draw_measured)

    def _draw_measured(self, page: PlotPage, axes: Axes) -> None:
        if self.measured is None:
            return
        capacity = self.window.document.metrics.capacity_C
        x = measured_capacity_mAh(self.measured, capacity)
        page.line(
            axes, f"measured ({self.measured.name})", x, self.measured.voltage_V,
            symbol="o", symbolSize=5, style=Qt.PenStyle.NoPen,
        )  # fmt: skip

    def import_measured(self) -> None:
        from cellstack.core.errors import InputError
        from cellstack.io.measured import read_measured

        name, _ = QFileDialog.getOpenFileName(
            self.window, "Import measured discharge", self.window.settings.last_folder(), MEASURED_FILTER
        )
        if not name:
            return
        try:
            measured = read_measured(Path(name))
            measured.constant()  # one constant-current discharge, or said now rather than at the fit
        except InputError as exc:
            QMessageBox.warning(self.window, "Import measured discharge", exc.one_line())
            return
        except OSError as exc:
            QMessageBox.warning(self.window, "Import measured discharge", f"{name}: {exc.strerror}")
            return
        self.measured = measured
        plots = self.window.plots
        plots.tabs.setCurrentIndex(0)  # the discharge tab
        plots.refresh_now()

    def show_fit(self) -> None:
        from cellstack.gui.widgets.fit_dialog import FitDialog

        if self.measured is None:
            self.import_measured()
        if self.measured is None:
            return
        dialog = FitDialog(self.window.document, self.measured, self.window)
        dialog.exec()
