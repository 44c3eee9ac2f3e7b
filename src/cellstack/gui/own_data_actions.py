"""Bring your own data, added to the main window: File ▸ Import measured discharge… (drawn as
markers on the discharge plot), Simulate ▸ Fit to measured discharge…, and the menus' entries for
BPX files and the user's own materials. What they open is imported when they run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from cellstack.core.units import MAH as MAH_C
from cellstack.gui.display_units import units_shown

if TYPE_CHECKING:
    from cellstack.core.fit import MeasuredCurve
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.widgets.plot_parts import Axes, PlotPage

MEASURED_FILTER = "Measured discharge (*.csv *.json);;All files (*)"
BPX_FILTER = "BPX parameter file (*.json);;All files (*)"
MATERIAL_FILTER = "Material record (*.toml);;All files (*)"
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
            self._action("Import &BPX…", self.import_bpx, "actionImportBpx"),
            self._action("Export BP&X…", self.export_bpx, "actionExportBpx"),
            self._action("&New material…", self.new_material, "actionNewMaterial"),
            self._action("New material from layer…", self.material_from_layer, "actionMaterialFromLayer"),
            self._action("Import material file…", self.import_material, "actionImportMaterial"),
            self._action("Export layer's material…", self.export_material, "actionExportMaterial"),
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
        # In the capacity unit of the Preferences, as the modelled curves beside it.
        x = measured_capacity_mAh(self.measured, capacity) * (MAH_C / units_shown().capacity_factor)
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

    def import_bpx(self) -> None:
        """A BPX parameter file opened as a new, unsaved document (what was approximated is said)."""
        from cellstack.core.errors import InputError
        from cellstack.gui.document import open_document
        from cellstack.io.bounded_read import read_bounded
        from cellstack.io.bpx_import import bpx_to_project
        from cellstack.io.strict_json import MAX_BYTES, parse_json

        window = self.window
        if not window.files.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(window, "Import BPX", window.settings.last_folder(), BPX_FILTER)
        if not name:
            return
        try:
            document = parse_json(read_bounded(Path(name), MAX_BYTES, name, "BPX file"), name)
            imported = bpx_to_project(document, window.library, name)
            opened = open_document(window.library, imported.project, None)
        except InputError as exc:
            QMessageBox.warning(window, "Import BPX", exc.one_line())
            return
        except OSError as exc:
            QMessageBox.warning(window, "Import BPX", f"{name}: {exc.strerror or exc}")
            return
        window.set_document(opened)
        if imported.notes:
            text = "\n".join(f"• {note}" for note in imported.notes)
            QMessageBox.information(window, "Import BPX", f"Imported from {Path(name).name}.\n\n{text}")

    def export_bpx(self) -> None:
        """The design's electrodes and cell as BPX 1.1, written atomically; a failure is said."""
        import json

        from cellstack.core.errors import InputError
        from cellstack.io.atomic import write_text_atomically
        from cellstack.io.bpx_check import check_bpx
        from cellstack.io.bpx_export import finite_check, stack_to_bpx
        from cellstack.io.project_compute import interface_table, series_asr_ohm_m2

        window = self.window
        project = window.document.project
        suggested = str(
            Path(window.settings.last_folder()) / f"{window.document.title.rsplit('.', 1)[0]}.json"
        )
        name, _ = QFileDialog.getSaveFileName(window, "Export BPX", suggested, BPX_FILTER)
        if not name:
            return
        try:
            document = stack_to_bpx(
                project.stack,
                interface_table(project, window.library),
                project.name,
                series_asr_ohm_m2(project),
            )
            finite_check(document)
            check_bpx(document, name)
            write_text_atomically(Path(name), json.dumps(document, indent=2, allow_nan=False) + "\n")
        except InputError as exc:
            QMessageBox.warning(window, "Export BPX", f"Not exported: {exc.one_line()}")
        except OSError as exc:
            QMessageBox.warning(window, "Export BPX", f"Not exported: {name}: {exc.strerror or exc}")

    def import_material(self) -> None:
        from cellstack.gui.my_materials import import_material_file

        window = self.window
        name, _ = QFileDialog.getOpenFileName(
            window, "Import material", window.settings.last_folder(), MATERIAL_FILTER
        )
        if name:
            import_material_file(window.document, Path(name), window)

    def export_material(self) -> None:
        from cellstack.gui.my_materials import export_layer_material

        window = self.window
        layer = window.document.selected_layer()
        if layer is None:
            return
        suggested = str(Path(window.settings.last_folder()) / f"{layer.material.id}.toml")
        name, _ = QFileDialog.getSaveFileName(window, "Export material", suggested, MATERIAL_FILTER)
        if name:
            export_layer_material(window.document, Path(name), window)

    def new_material(self) -> None:
        """A material from scratch: the editor on a blank record whose role the user chooses."""
        from cellstack.core.material import Role
        from cellstack.gui.my_materials import new_material

        layer = self.window.document.selected_layer()
        role = layer.role if layer is not None else Role.CATHODE
        new_material(self.window.document, self.window, role)

    def material_from_layer(self) -> None:
        """Open the material editor on a copy of the selected layer's material (with its overrides)."""
        from cellstack.gui.my_materials import open_editor

        document = self.window.document
        layer = document.selected_layer()
        if layer is None:
            return
        open_editor(document, layer.effective_material, self.window)
