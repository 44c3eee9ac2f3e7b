"""Where an export goes: the name typed in a save dialog, with the extension of its filter."""

from __future__ import annotations

import re
from pathlib import Path


def filter_suffixes(name_filter: str) -> list[str]:
    """ "PNG image (*.png)" -> [".png"]; "Images (*.png *.jpg)" -> [".png", ".jpg"]."""
    return [s.lower() for s in re.findall(r"\*(\.[\w.]+)", name_filter)]


def with_filter_suffix(name: str, name_filter: str) -> Path:
    """``name`` as typed, plus the filter's first extension unless it already ends in one of the
    filter's: a plot exported as "rate" is written to "rate.png", not to an extensionless file
    (or, by the image writer that guesses the format from the extension, to nothing at all)."""
    path = Path(name)
    suffixes = filter_suffixes(name_filter)
    if suffixes and path.suffix.lower() not in suffixes:
        path = path.with_name(path.name + suffixes[0])
    return path
