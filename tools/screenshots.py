"""Render the main window with each example, light and dark, into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshots.py

Runs a real window on the X server (Xvfb) so fonts and styles are what a user sees.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    scheme = sys.argv[1] if len(sys.argv) > 1 else "light"
    app = QApplication(["cellstack"])
    app.setStyle("Fusion")
    # Fresh settings: screenshots show the default layout, not the last user's.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from cellstack.gui.app import create_window
    from cellstack.gui.theme import apply_scheme

    apply_scheme(app, scheme == "dark")
    from cellstack.io.resources import examples_dir

    OUT.mkdir(parents=True, exist_ok=True)
    examples = sorted(examples_dir().glob("*.cellstack"))
    window = create_window([str(examples[0])])
    window.resize(1500, 950)
    window.show()
    queue = list(examples)

    def next_shot() -> None:
        if not queue:
            pouch_shot()
            return
        path = queue.pop(0)
        window.files.open_path(path, ask=False)
        QTimer.singleShot(1500, lambda: save(path))

    def save(path: Path) -> None:
        target = OUT / f"{path.stem}-{scheme}.png"
        window.grab().save(str(target))
        print(target)
        next_shot()

    def pouch_shot() -> None:
        # The bulk example built into a ten-unit pouch in a pressure fixture: the Cell dock with
        # its drawing, the levels side by side and the cell's breakdown.
        window.files.open_path(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", ask=False)
        QTimer.singleShot(1500, build_pouch)  # the file is read in the background

    def build_pouch() -> None:
        from PySide6.QtWidgets import QDockWidget

        from cellstack.gui.widgets.cell_defaults import default_fixture, default_pouch

        document = window.document
        pouch = default_pouch()
        document.set_cell_format(pouch, "Stacked pouch")
        document.set_fixture(default_fixture(pouch.outline.width_m, pouch.outline.height_m), "Fixture")
        dock = window.findChild(QDockWidget, "cellDock")
        if dock is not None:
            dock.raise_()
        window.plots.tabs.setCurrentIndex(window.plots.tabs.count() - 1)
        QTimer.singleShot(1500, save_pouch)

    def save_pouch() -> None:
        target = OUT / f"pouch_cell-{scheme}.png"
        window.grab().save(str(target))
        print(target)
        window.document.undo_stack.setClean()
        app.quit()

    QTimer.singleShot(500, next_shot)
    app.exec()


if __name__ == "__main__":
    main()
