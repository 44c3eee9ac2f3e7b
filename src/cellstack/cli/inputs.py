"""What every command reads first: the project file and the options shared by several commands.

Each problem is refused with a message that names the file or option, the value and what would
have been accepted, in the units the user typed.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from cellstack.cli.errors import EXPECTED_PROJECT, CommandLineError
from cellstack.cli.paths import PathKind, path_kind, shown_path
from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.stack import MAX_TEMPERATURE_K, MIN_TEMPERATURE_K, Stack
from cellstack.io.library import Library
from cellstack.io.project import Project, load_project

PROJECT_SUFFIX = ".cellstack"
# Rounded, so that the documented -100 °C is not refused by 173.15 - 273.15 = -99.99999999999997.
MIN_TEMPERATURE_C = round(u.kelvin_to_celsius(MIN_TEMPERATURE_K), 6)
MAX_TEMPERATURE_C = round(u.kelvin_to_celsius(MAX_TEMPERATURE_K), 6)
# Load errors that mean "this is not a project file at all" rather than "a value in it is wrong".
_NOT_A_PROJECT = {
    "(syntax)": "it is not JSON",
    "(encoding)": "it is not UTF-8 text",
    "(nesting)": "it is not a project's JSON",
    "format": 'its JSON has no "format": "cellstack"',
}


def read_project(path: Path, library: Library) -> Project:
    """The project in ``path``; CommandLineError or InputError saying why it cannot be read."""
    kind = path_kind(path)
    if kind is not PathKind.FILE:  # a FIFO would block the read forever, a device never end
        raise CommandLineError(f"{shown_path(path)}: {kind.value}; {EXPECTED_PROJECT}")
    try:
        return load_project(path, library)
    except InputError as exc:
        reason = _NOT_A_PROJECT.get(exc.field)
        if reason is None or path.suffix.lower() == PROJECT_SUFFIX:
            raise
        raise CommandLineError(
            f"{shown_path(path)}: not a CellStack project file ({reason}); {EXPECTED_PROJECT}"
        ) from None


def temperature_K(celsius: float | None, source: Path, option: str = "--temperature") -> float | None:
    """The option's temperature in K, checked in °C, the unit it was typed in."""
    if celsius is None:
        return None
    if not math.isfinite(celsius) or not MIN_TEMPERATURE_C <= celsius <= MAX_TEMPERATURE_C:
        allowed = f"a temperature from {MIN_TEMPERATURE_C:g} to {MAX_TEMPERATURE_C:g} °C"
        raise InputError(option, celsius, allowed, str(source))
    # Within the limits in °C, the sum can still miss the limits in K by the last bit.
    return min(max(u.celsius_to_kelvin(celsius), MIN_TEMPERATURE_K), MAX_TEMPERATURE_K)


def at_temperature(stack: Stack, celsius: float | None, source: Path) -> Stack:
    kelvin = temperature_K(celsius, source)
    return stack if kelvin is None else replace(stack, temperature_K=kelvin)


def c_rate_list(text: str, source: Path, option: str = "--c-rates") -> str:
    """``text`` with each comma-separated item checked: a finite number above 0.

    Returns the text for the report's own parser, which checks the count and the upper limit.
    """
    items = text.split(",")
    for position, item in enumerate(items, start=1):
        word = item.strip()
        if not word:
            raise InputError(
                option, text, f"C-rates separated by single commas (item {position} is empty)", str(source)
            )
        try:
            value = float(word)
        except ValueError:
            raise InputError(
                option, word, "a number (a C-rate above 0), separated by commas", str(source)
            ) from None
        if not math.isfinite(value) or value <= 0.0:
            raise InputError(option, word, "a finite C-rate above 0", str(source))
    return text


def check_output(output: Path, inputs: Sequence[Path], option: str) -> None:
    """InputError when ``output`` cannot name a file or is one of ``inputs`` (the same path, a
    link to it or a hard link): an output never replaces what it was computed from."""
    if "\x00" in str(output):
        raise InputError(option, str(output), "a path without a NUL character")
    for source in inputs:
        try:
            same = os.path.samefile(output, source)
        except (OSError, ValueError):  # one of them does not exist (yet): then they cannot be one file
            same = False
        if same:
            raise InputError(option, str(output), "a path other than the project file", str(source))
