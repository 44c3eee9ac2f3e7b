"""Render the main window with every example, and each dialog, into docs/screenshots/.

    python tools/screenshots.py

Needs xvfb-run (Xvfb): a real window on an X server, so fonts and styles are what a user sees.
Every example is shot at 1366 x 768 and 1920 x 1080, light and dark, in a window filling the
screen as a maximised one would; the dialogs (Preferences, "Why this number?", Protocol, Sweep, Optimise,
Compare, Fit, the material editor, the Manual, the metrics panel's Uncertainty box and the
Tornado window) light and dark at 1366 x 768, the smallest
screen the app is laid out for. Each screen size and theme runs in its own process under its own
Xvfb, in a temporary user profile: no settings, autosave or materials of the user's show up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SCREENS = ("1366x768", "1920x1080")
THEMES = ("light", "dark")
DIALOG_SCREEN = "1366x768"
SETTLE_MS = 600  # plots and deferred layouts drawn before a shot


def _linked_from_docs() -> set[str]:
    pages = [*(ROOT / "docs").glob("*.md"), ROOT / "README.md"]
    return {m for page in pages for m in re.findall(r"screenshots/([^)\s]+\.png)", page.read_text("utf-8"))}


def main() -> None:
    if sys.argv[1:2] == ["--shoot"]:
        shoot(sys.argv[2], sys.argv[3])
        return
    OUT.mkdir(parents=True, exist_ok=True)
    linked = _linked_from_docs()
    for old in OUT.glob("*.png"):
        if old.name not in linked:  # shots a page links were taken by hand: kept
            old.unlink()  # a shot no longer taken is not left behind, out of date
    for screen in SCREENS:
        for theme in THEMES:
            with tempfile.TemporaryDirectory(prefix="cellstack-shots-") as home:
                command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24"]
                command += [sys.executable, str(Path(__file__).resolve()), "--shoot", screen, theme]
                subprocess.run(command, check=True, env=_profile_env(Path(home)), timeout=600)


def _profile_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELLSTACK_")}
    env.pop("QT_QPA_PLATFORM", None)  # the X server, not offscreen
    env["HOME"] = str(home)
    for name, folder in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                         ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state")):  # fmt: skip
        env[name] = str(home / folder)
    return env


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > end:
            raise SystemExit("screenshots: a window did not get ready in time")
        _wait(50)


def _save(widget: Any, name: str) -> None:
    _wait(SETTLE_MS)
    target = OUT / f"{name}.png"
    if not widget.grab().save(str(target), "PNG", 0):  # 0: the smallest file
        raise SystemExit(f"screenshots: could not write {target}")
    print(target, flush=True)


def shoot(screen: str, theme: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication(["cellstack"])
    from cellstack.gui.app import configure, create_window
    from cellstack.gui.settings import Settings
    from cellstack.gui.window_parts import FRAME_ALLOWANCE
    from cellstack.io.resources import examples_dir

    configure(app)
    Settings().set_theme(theme)  # in the temporary profile; the window applies it as it opens
    examples = sorted(examples_dir().glob("*.cellstack"))
    window = create_window([str(examples[0])])
    primary = app.primaryScreen()
    assert primary is not None
    window.resize(primary.availableGeometry().size() - FRAME_ALLOWANCE)  # as maximised
    window.move(0, 0)
    window.show()
    for path in examples:
        window.files.open_path(path, ask=False)  # read in the background
        _wait_until(lambda p=path: window.document.path == p)
        _save(window, f"{path.stem}-{screen}-{theme}")
    _pouch(window, examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", f"pouch_cell-{screen}-{theme}")
    if screen == DIALOG_SCREEN:
        _dialogs(window, examples, theme)
    window.document.undo_stack.setClean()
    window.close()
    # The window before the application: left to the interpreter's exit, the order is not kept
    # and Qt crashed on the way out after the last shot was written.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _pouch(window: Any, bulk: Path, name: str) -> None:
    """The bulk example built into a ten-unit pouch in a pressure fixture: the Cell dock with its
    drawing, the levels side by side and the cell's breakdown."""
    from PySide6.QtWidgets import QDockWidget

    from cellstack.gui.widgets.cell_defaults import default_fixture, default_pouch

    window.files.open_path(bulk, ask=False)
    _wait_until(lambda: window.document.path == bulk)
    pouch = default_pouch()
    window.document.set_cell_format(pouch, "Stacked pouch")
    window.document.set_fixture(default_fixture(pouch.outline.width_m, pouch.outline.height_m), "Fixture")
    dock = window.findChild(QDockWidget, "cellDock")
    if dock is not None:
        dock.raise_()
    window.plots.tabs.setCurrentIndex(window.plots.tabs.count() - 1)
    _save(window, name)
    window.plots.tabs.setCurrentIndex(0)
    window.findChild(QDockWidget, "editorDock").raise_()


def _dialogs(window: Any, examples: list[Path], theme: str) -> None:
    from cellstack.gui.preferences import PreferencesDialog
    from cellstack.gui.widgets.material_editor import MaterialEditor

    bulk = next(p for p in examples if p.stem == "ssb_nmc811_argyrodite_li")
    window.files.open_path(bulk, ask=False)
    _wait_until(lambda: window.document.path == bulk)
    document = window.document
    material = document.selected_layer().effective_material
    shots: list[tuple[str, Callable[[], Any]]] = [
        ("preferences", lambda: PreferencesDialog(window.settings, window)),
        ("why-this-number", lambda: window.conventions.why.open("capacity")),
        ("protocol", lambda: _protocol(window)),
        ("sweep", lambda: _sweep(window)),
        ("optimise", lambda: _optimise(window)),
        ("compare", lambda: window.explore.open_comparison(examples[-3:-1])),
        ("fit", lambda: _fit_dialog(window)),
        ("material-editor", lambda: MaterialEditor(material, set(), window)),
        ("manual", lambda: _manual(window)),
        ("uncertainty", lambda: _uncertainty(window)),
        ("tornado", window.uncertainty.open_tornado),
    ]
    for name, make in shots:
        dialog = make()
        if not dialog.isVisible():
            dialog.show()
        _save(dialog, f"{name}-{theme}")
        if dialog is not window:  # the main window shown with its Uncertainty box stays open
            dialog.close()


def _protocol(window: Any) -> Any:
    protocol = window.conventions.show_protocol()
    protocol.panel.run()  # the example protocol's curves and table, not empty axes
    return protocol


def _sweep(window: Any) -> Any:
    """What the cathode's thickness does to the specific energy (the layer editor's "Sweep this…")."""
    from cellstack.core.material import Role

    cathode = window.document.stack.indices_with_role(Role.CATHODE)[0]
    sweep = window.explore.open_sweep(f"stack.layers[{cathode}].thickness_um")
    sweep.run()
    _wait_until(lambda: sweep.job is None)
    return sweep


def _optimise(window: Any) -> Any:
    """The Pareto front of cathode and separator thickness, Wh/kg against ASR, a point chosen."""
    from cellstack.core.material import Role

    stack = window.document.stack
    cathode = stack.indices_with_role(Role.CATHODE)[0]
    separator = stack.indices_with_role(Role.ELECTROLYTE)[0]
    optimise = window.explore.open_optimise()
    optimise.inputs[0].choose(f"stack.layers[{cathode}].thickness_um", 40, 200)
    optimise.inputs[1].choose(f"stack.layers[{separator}].thickness_um", 10, 60)
    optimise.goals[0].set_goal("Maximise", "specific_energy_Wh_kg")
    optimise.goals[1].set_goal("Minimise", "asr_ohm_cm2")
    optimise.run_button.click()
    _wait_until(lambda: optimise.job is None)
    front = optimise.result.front
    optimise.pick(len(front.points) // 2)
    return optimise


def _fit_dialog(window: Any) -> Any:
    """The fit dialog against a discharge simulated from the design itself, named as such."""
    import numpy as np

    from cellstack.core.discharge import simulate_discharge
    from cellstack.gui.widgets.fit_dialog import FitDialog
    from cellstack.io.measured import read_measured

    document = window.document
    curve = simulate_discharge(document.stack, document.library.interfaces, 1.0, points=300)
    t = np.linspace(0.0, curve.time_s[-1], 120)
    volts = np.interp(t, curve.time_s, curve.voltage_V)
    path = Path(tempfile.mkdtemp()) / "simulated_1C.csv"
    milliamps = float(curve.current_A) * 1e3
    pairs = zip(t.tolist(), volts.tolist(), strict=True)
    rows = "\n".join(f"{v!r},{s!r},{milliamps!r}" for s, v in pairs)
    path.write_text("voltage_V,time_s,current_mA\n" + rows, encoding="utf-8")
    return FitDialog(document, read_measured(path), window)


def _uncertainty(window: Any) -> Any:
    """The main window with the metrics scrolled to the Uncertainty box: a cathode measured to
    ±3 µm, a separator to ±2 µm and a cathode density known between two bounds."""
    from PySide6.QtWidgets import QScrollArea

    from cellstack.core.explore.uncertainty import Normal, Uniform
    from cellstack.io.uncertainty_edits import with_uncertainty

    document = window.document
    project = with_uncertainty(
        document.project, "stack.layers[1].thickness_um", Normal(3.0), "micrometer, 5 positions"
    )
    project = with_uncertainty(project, "stack.layers[2].thickness_um", Normal(2.0), "SEM cross-section")
    project = with_uncertainty(
        project, "materials.nmc811.properties.density", Uniform(4.6, 5.0), "supplier datasheet"
    )
    box = window.metrics_panel.uncertainty
    document.push_project(project, "Set uncertainties")
    _wait_until(lambda: "samples" in box.note.text())
    scroll = window.findChild(QScrollArea, "metricsScroll")
    scroll.ensureWidgetVisible(box, 0, 0)
    return window


def _manual(window: Any) -> Any:
    window.conventions.show_manual()
    return window.conventions.manual


if __name__ == "__main__":
    main()
