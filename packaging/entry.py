"""The frozen executable's entry point: the same dispatcher as the `cellstack` command.

`cellstack` with no arguments or a FILE opens the desktop app; `cellstack compute|discharge|
materials|--version …` prints to standard output, as the installed command does.
"""

from __future__ import annotations

import multiprocessing
import sys


def _attach_windows_console() -> None:
    """A windowed Windows executable has no standard streams: borrow the console it was started from.

    Without this, `cellstack.exe compute FILE` typed in a terminal would print nothing. When the
    app is started from Explorer there is no parent console and nothing changes.
    """
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):  # type: ignore[attr-defined,unused-ignore]
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115


def run() -> int:
    _attach_windows_console()
    from cellstack.cli import main

    return main(sys.argv[1:])


if __name__ == "__main__":
    # Needed before anything else in a frozen program that may start worker processes.
    multiprocessing.freeze_support()
    sys.exit(run())
