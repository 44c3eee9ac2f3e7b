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
            window.document.undo_stack.setClean()
            app.quit()
            return
        path = queue.pop(0)
        window.files.open_path(path, ask=False)
        QTimer.singleShot(1500, lambda: save(path))

    def save(path: Path) -> None:
        target = OUT / f"{path.stem}-{scheme}.png"
        window.grab().save(str(target))
        print(target)
        next_shot()

    QTimer.singleShot(500, next_shot)
    app.exec()


if __name__ == "__main__":
    main()
