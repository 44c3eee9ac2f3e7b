"""The app leaves cleanly: `cellstack FILE` with the exploration windows open, closed as a window
manager closes it, exits with status 0 and nothing on stderr (a script that left the main window
to the interpreter's exit crashed in Qt on the way out)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES

# main() as `cellstack FILE` runs it; once the design is shown the Sweep, Compare and Protocol
# windows open, and the main window is closed as by the window manager's close button.
SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
import cellstack.gui.app as app

launched = app.launch

def launch(argv):
    window = launched(argv)
    def explore():
        window.explore.open_sweep()
        window.explore.open_comparison([Path(sys.argv[2])])
        next(a for a in window.findChildren(type(window.undo_action)) if "rotocol" in a.text()).trigger()
        QTimer.singleShot(300, window.close)
    window.documentShown.connect(lambda: QTimer.singleShot(100, explore))
    return window

app.launch = launch
sys.exit(app.main([sys.argv[1]]))
"""


def test_closing_the_window_with_explorations_open_exits_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name)  # a profile of its own: no recovery prompt, no settings
    files = [str(EXAMPLES / "pouch_nmc811_llzo_li.cellstack"), str(EXAMPLES / "ssb_lco_garnet_li.cellstack")]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *files],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # The offscreen platform's notes (no raise(), no size hints) are no fault of the app.
    lines = [line for line in done.stderr.splitlines() if not line.startswith("This plugin does not")]
    assert not lines, "\n".join(lines[-20:])
