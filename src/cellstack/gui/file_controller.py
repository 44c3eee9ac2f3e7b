"""File ▸ New/Open/Save/Save As/Recent/Export for the main window, with the prompts around them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from cellstack.core.errors import InputError
from cellstack.io.migrations import FILE_SUFFIX

# The main window builds its menus before numpy and the library are loaded (it appears at once):
# what the actions need is imported when they run.
if TYPE_CHECKING:
    from cellstack.gui.document import Document
    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.project_loader import LoadedProject, ProjectLoader
    from cellstack.gui.templates import Template
    from cellstack.report.inputs import ReportOptions

FILE_FILTER = f"CellStack projects (*{FILE_SUFFIX})"
PDF_FILTER = "PDF (*.pdf)"
CSV_FILTER = "CSV (*.csv)"


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._loader: ProjectLoader | None = None

    @property
    def document(self) -> Document:
        return self.window.document

    # -- menus ---------------------------------------------------------------------------------
    def populate_new_menu(self, menu: QMenu) -> None:
        from cellstack.gui.templates import templates

        for template in templates():
            action = menu.addAction(template.title)
            action.triggered.connect(lambda _=False, t=template: self.new_from(t))

    def populate_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.window.settings.recent_files()
        for path in recent:
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            menu.addAction("(no recent files)").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear list").triggered.connect(self.window.settings.clear_recent)

    def populate_export_menu(self, menu: QMenu) -> None:
        pdf = menu.addAction("PDF summary…")
        pdf.setObjectName("actionExportPdf")
        pdf.triggered.connect(self.export_pdf)
        menu.addAction("Metrics as JSON…").triggered.connect(self.export_metrics_json)
        menu.addAction("Metrics as CSV…").triggered.connect(lambda: self.export_table("metrics"))
        menu.addAction("Layer table as CSV…").triggered.connect(lambda: self.export_table("layers"))
        menu.addAction("Current plot as PNG…").triggered.connect(lambda: self._export_plot("png"))
        menu.addAction("Current plot as SVG…").triggered.connect(lambda: self._export_plot("svg"))
        menu.addAction("Current plot data as CSV…").triggered.connect(lambda: self._export_plot("csv"))

    # -- life cycle ----------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to discard the current document (saved, discarded, or clean)."""
        if self.document.undo_stack.isClean():
            return True
        answer = QMessageBox.warning(
            self.window,
            "Unsaved changes",
            f"“{self.document.title}” has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_from(self, template: Template) -> None:
        from cellstack.gui.document import Document
        from cellstack.gui.templates import project_from

        if not self.maybe_save():
            return
        try:
            project = project_from(template, self.window.library)
        except InputError as exc:
            self.error("Cannot create the project", exc.one_line())
            return
        self.window.set_document(Document(self.window.library, project, None))

    def open(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Open project", self.window.settings.last_folder(), FILE_FILTER
        )
        if name:
            self.open_path(Path(name), ask=False)

    @property
    def loader(self) -> ProjectLoader:
        if self._loader is None:
            from cellstack.gui.project_loader import ProjectLoader

            self._loader = ProjectLoader(self.window)
            self._loader.loaded.connect(self._opened)
            self._loader.failed.connect(self._open_failed)
        return self._loader

    def stop_loading(self) -> None:
        """Drop a load in progress and wait for its worker (the window is closing)."""
        if self._loader is not None:
            self._loader.cancel()
            self._loader.wait()

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Start opening PATH in the background; False if the user kept the current document.

        The window stays responsive while a large file is read; the document is replaced when
        the file has been read and checked (or an error is shown, the current document kept).
        """
        if ask and not self.maybe_save():
            return False
        self.loader.start(path, self.window.library)
        return True

    def _opened(self, loaded: LoadedProject) -> None:
        from cellstack.gui.document import Document

        library = self.window.library
        self.window.set_document(Document(library, loaded.project, loaded.path, loaded.metrics))
        self.window.settings.add_recent(loaded.path)
        self.window.settings.set_last_folder(loaded.path.parent)

    def _open_failed(self, path: Path, problem: Exception) -> None:
        if isinstance(problem, InputError):
            self.error("Cannot open the project", problem.one_line())
            return
        # A fault, not bad input: the application's error handler logs and reports it.
        raise problem

    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        return self._write(path)

    def save_as(self) -> bool:
        # A design with a file is offered under its own name in its own folder; the title of a
        # file-backed document already ends in the suffix, so appending it again would double it.
        path = self.document.path
        folder = path.parent if path is not None else Path(self.window.settings.last_folder())
        stem = path.stem if path is not None else self.document.title
        suggested = str(folder / f"{stem}{FILE_SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self.window, "Save project as", suggested, FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix != FILE_SUFFIX:
            path = path.with_suffix(FILE_SUFFIX)
        return self._write(path)

    def save_copy(self) -> bool:
        """Write the document to a file the user picks; the document keeps its own file and
        stays modified (offered after an unexpected error, when the user may not trust Save)."""
        path = self.document.path
        stem = path.stem if path is not None else self.document.title
        folder = path.parent if path is not None else Path(self.window.settings.last_folder())
        suggested = str(folder / f"{stem} (copy){FILE_SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self.window, "Save a copy", suggested, FILE_FILTER)
        if not name:
            return False
        chosen = Path(name)
        return self._write_file(chosen if chosen.suffix == FILE_SUFFIX else chosen.with_suffix(FILE_SUFFIX))

    def _write_file(self, path: Path) -> bool:
        """Save the document's project atomically to PATH; any failure is shown, nothing lost."""
        from cellstack.io.migrations import refuses_overwrite
        from cellstack.io.project import save_project

        project = self.document.project
        refusal = refuses_overwrite(path)
        if refusal is not None:  # a file from a newer CellStack keeps what that version wrote
            self.error("Cannot save over this file", f"{refusal.one_line()}\nUse Save As to save a copy.")
            return False
        try:
            save_project(project, path)
        except InputError as exc:  # e.g. a file from a newer CellStack, never overwritten
            self.error("Cannot save the project", exc.one_line())
            return False
        except OSError as exc:
            # The document stays modified; the file on disk is untouched (atomic save).
            self.error("Cannot save the project", str(exc))
            return False
        return True

    def _write(self, path: Path) -> bool:
        if not self._write_file(path):
            return False
        self.document.mark_saved(path)
        self.window.autosave.document_saved()
        self.window.settings.add_recent(path)
        self.window.settings.set_last_folder(path.parent)
        return True

    # -- export --------------------------------------------------------------------------------
    def export_metrics_json(self) -> None:
        from cellstack.io.atomic import write_atomically
        from cellstack.io.metrics_export import json_text, metrics_to_json

        target = self._export_target("Export metrics", "JSON (*.json)")
        if target is None:
            return
        data = metrics_to_json(self.document.metrics, self.window.library)
        try:
            write_atomically(target, (json_text(data) + "\n").encode())
        except OSError as exc:
            self.error("Cannot export", f"{target}: {exc}")

    def export_table(self, which: str) -> None:
        """The metrics (key, value, unit) or the layer table as CSV, written atomically."""
        from cellstack.io.csv_export import layers_csv, metrics_csv, write_csv
        from cellstack.io.metrics_export import metrics_to_json

        target = self._export_target("Export as CSV", CSV_FILTER)
        if target is None:
            return
        data = metrics_to_json(self.document.metrics, self.window.library)
        text = metrics_csv(data) if which == "metrics" else layers_csv(data)
        try:
            write_csv(target, text)
        except OSError as exc:
            self.error("Cannot export", f"{target}: {exc}")

    def report_options(self) -> ReportOptions:
        """The design's own C-rates; its temperature is the stack's, which the report reads."""
        from cellstack.report.inputs import ReportOptions

        source = self.document.path.name if self.document.path is not None else ""
        rates = tuple(sorted(self.document.project.simulation.c_rates))
        return ReportOptions(c_rates=rates, temperature_K=None, source_name=source)

    def export_pdf(self) -> None:
        from cellstack.report.pdf import export_pdf

        path = self.document.path
        # Project names hold "|", ":" and "/": fine in a title, not in a file name on every system.
        stem = path.stem if path is not None else re.sub(r"[^\w.\- ]+", "_", self.document.title).strip()
        suggested = str(Path(self.window.settings.last_folder()) / f"{stem or 'summary'}.pdf")
        target = self._export_target("Export PDF summary", PDF_FILTER, suggested)
        if target is None:
            return
        problem = ""
        # About a quarter of a second for a typical stack: a busy cursor says enough.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_pdf(self.document.project, target, self.window.library, self.report_options())
        except InputError as exc:
            problem = exc.one_line()
        except OSError as exc:  # the atomic write leaves any earlier file untouched
            problem = str(exc)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problem:
            self.error("Cannot export the PDF summary", problem)

    def _export_plot(self, kind: str) -> None:
        filters = {"png": "PNG image (*.png)", "svg": "SVG image (*.svg)", "csv": CSV_FILTER}
        target = self._export_target("Export plot", filters[kind])
        if target is None:
            return
        plots = self.window.plots
        exporter = {"png": plots.export_png, "svg": plots.export_svg, "csv": plots.export_csv}[kind]
        try:
            exporter(target)
        except (OSError, ValueError, RuntimeError) as exc:  # pyqtgraph's exporters raise all three
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.error("Cannot export", f"{target}: {reason}")
        else:
            if not target.is_file():
                self.error("Cannot export", f"{target}: the file was not written")

    def _export_target(self, title: str, name_filter: str, suggested: str = "") -> Path | None:
        """The file the user chose, with the extension of the filter; None when cancelled."""
        from cellstack.gui.export_paths import with_filter_suffix

        name, _ = QFileDialog.getSaveFileName(self.window, title, suggested, name_filter)
        return with_filter_suffix(name, name_filter) if name else None

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)
