"""Outputs never written over inputs.

``cellstack discharge P.cellstack --csv P.cellstack`` replaced the project with CSV data: an
output path must be checked against every input before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cellstack.core.errors import InputError
from cellstack.io.error_text import one_line_error


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # also through links, hard links and another spelling
    except (OSError, ValueError):
        # One of them does not exist (yet): compare where the names lead.
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_overwriting_input(out_path: Path, input_paths: Iterable[Path], option: str = "output") -> None:
    """Raise :class:`InputError` (one line) when ``out_path`` is, or leads to, one of the inputs.

    ``option`` names the output in the message (for example ``"--csv"``).
    """
    for input_path in input_paths:
        if _same_file(out_path, input_path):
            raise one_line_error(
                InputError(
                    option,
                    str(out_path),
                    f"a file other than the input {input_path}, which it would replace",
                )
            )
