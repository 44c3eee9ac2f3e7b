"""A progress bar on standard error for long study runs, shown only on a terminal.

Scripts and tests read standard error too: where it is not a terminal nothing is written.
"""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class ProgressBar:
    """Called with (designs done, designs in all) as chunks come back."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.shown = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not self.shown or total <= 0:
            return
        filled = WIDTH * done // total
        bar = "#" * filled + "." * (WIDTH - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.label} [{bar}] {100 * done // total:3d} % ({done}/{total} designs){end}")
        self.stream.flush()
