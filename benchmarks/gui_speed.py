"""How responsive is the desktop app? Run offscreen:

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_speed.py

- edit-to-repaint: a thickness edit in the layer editor until the metrics panel, the stack view
  and the plots have repainted (target: median <= 16 ms, one frame);
- start-up: launching the app as `cellstack` does until its first window is shown and painted,
  as a ratio to launching a bare PySide6 window, both measured here side by side (target <= 2x).
  The window appears before numpy, the library and pyqtgraph load; the time until it shows the
  example's numbers and discharge curves is printed too, against the same bare window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_BARE = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1440, 900); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""

_APP = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from cellstack.gui.app import configure, launch
configure(app)
w = launch([]); app.processEvents()
first = time.perf_counter() - t0
while not (w.has_document and w.plots.current_series()):  # the discharge curves drawn
    app.processEvents()
app.processEvents()  # and painted
print(first, time.perf_counter() - t0)
w.close(); app.processEvents()
"""


def startup_seconds(code: str, runs: int = 5) -> list[float]:
    """Medians over ``runs`` fresh processes of the times ``code`` prints (seconds)."""
    samples: list[list[float]] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        samples.append([float(v) for v in out.stdout.strip().splitlines()[-1].split()])
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def edit_to_repaint_ms(example: Path, edits: int = 80, pouch: bool = False) -> float:
    """POUCH: the example built into the app's default ten-unit pouch, its Cell tab in front
    (the drawing and the cell's levels repaint too)."""
    from PySide6.QtWidgets import QApplication, QDockWidget

    from cellstack.core.material import Role
    from cellstack.gui.app import create_window

    app = QApplication.instance() or QApplication([])
    window = create_window([str(example)])
    window.resize(1500, 950)
    window.show()
    app.processEvents()
    document = window.document
    if pouch:
        from cellstack.gui.widgets.cell_defaults import default_pouch

        document.set_cell_format(default_pouch(), "Stacked pouch")
        dock = window.findChild(QDockWidget, "cellDock")
        assert dock is not None
        dock.raise_()
        app.processEvents()
    document.select(document.stack.indices_with_role(Role.CATHODE)[0])
    spin = window.layer_editor.thickness.spin
    samples = []
    for k in range(edits):
        start = time.perf_counter()
        if k % 2:
            spin.stepDown()
        else:
            spin.stepUp()
        # Deferred plot updates and the repaints of the widgets that changed happen here, as they
        # would in the event loop (a full-window repaint would also redraw untouched panels).
        app.processEvents()
        samples.append(time.perf_counter() - start)
    window.document.undo_stack.setClean()
    window.close()
    return statistics.median(samples[10:]) * 1e3  # after the first edits have warmed the caches


def main() -> None:
    from cellstack.io.resources import examples_dir

    for example in sorted(examples_dir().glob("*.cellstack")):
        ms = edit_to_repaint_ms(example)
        print(
            f"thickness edit -> metrics, stack view and plots repainted ({example.stem}): "
            f"median {ms:.1f} ms (target <= 16 ms)"
        )
    bulk = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
    ms = edit_to_repaint_ms(bulk, pouch=True)
    print(
        f"thickness edit -> metrics, cell drawing and plots repainted ({bulk.stem} as a 10-unit pouch): "
        f"median {ms:.1f} ms (target <= 16 ms)"
    )
    (bare,) = startup_seconds(_BARE)
    first, ready = startup_seconds(_APP)
    print(
        f"start-up to first window: bare PySide6 {bare * 1e3:.0f} ms, CellStack {first * 1e3:.0f} ms, "
        f"ratio {first / bare:.2f}x (target <= 2x)"
    )
    print(f"start-up to the example's numbers and curves: {ready * 1e3:.0f} ms, ratio {ready / bare:.2f}x")


if __name__ == "__main__":
    main()
