"""A small CSV table read from an untrusted file: a header row of column names, then data rows.

Lines starting with ``#`` and blank lines are skipped (instrument exports put notes there). Every
error names the file, the line and the column, and says what was expected.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from cellstack.core.errors import InputError
from cellstack.io.bounded_read import read_bounded

MAX_CSV_BYTES = 32 * 1024 * 1024
MAX_ROWS = 200_000


@dataclass(frozen=True)
class CsvTable:
    origin: str  # the file, for messages
    header: tuple[str, ...]
    lines: tuple[int, ...]  # line number of each data row in the file
    cells: tuple[tuple[str, ...], ...]

    def has(self, column: str) -> bool:
        return column in self.header

    def _header_error(self, allowed: str) -> InputError:
        return InputError("header", ", ".join(self.header), allowed, self.origin)

    def require(self, *columns: str) -> None:
        for column in columns:
            if not self.has(column):
                raise self._header_error(f'a column "{column}"')

    def one_of(self, *columns: str) -> str:
        """The one of ``columns`` the file has; InputError unless exactly one."""
        present = [column for column in columns if self.has(column)]
        if len(present) != 1:
            names = " and ".join(f'"{column}"' for column in columns)
            raise self._header_error(f"exactly one of the columns {names}")
        return present[0]

    def refuse_other_units(self, meant: dict[str, str]) -> None:
        """A column named as in ``meant`` (e.g. voltage_mV) where its key (voltage_V) is missing
        is named, with the column to use: a unit is never guessed."""
        for name, wanted in meant.items():
            if self.has(name) and not self.has(wanted):
                raise InputError(
                    f"column {name}",
                    name,
                    f'a column named "{wanted}" (the unit is part of the name)',
                    self.origin,
                )

    def error(self, row: int, column: str, value: object, allowed: str) -> InputError:
        return InputError(f"line {self.lines[row]}, column {column}", value, allowed, self.origin)

    def texts(self, column: str) -> list[str]:
        k = self.header.index(column)
        return [cells[k] for cells in self.cells]

    def numbers(self, column: str, unit: str = "") -> NDArray[np.float64]:
        """The column as finite numbers; the first cell that is not one is named."""
        k = self.header.index(column)
        values = np.empty(len(self.cells))
        for i, cells in enumerate(self.cells):
            text = cells[k]
            try:
                number = float(text)
            except ValueError:
                raise self.error(i, column, text, f"a number{f' in {unit}' if unit else ''}") from None
            if not math.isfinite(number):
                raise self.error(i, column, text, "a finite number")
            values[i] = number
        return values


def read_csv_table(path: Path, what: str = "CSV file") -> CsvTable:
    origin = str(path)
    raw = read_bounded(path, MAX_CSV_BYTES, origin, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("(encoding)", f"byte {exc.start}", "UTF-8 text", origin) from None
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1)
        if row and any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
    ]
    if not rows:
        raise InputError("(file)", "no header row", "a first row naming the columns", origin)
    header = tuple(cell.strip() for cell in rows[0][1])
    if len(set(header)) != len(header):
        repeated = next(name for name in header if header.count(name) > 1)
        raise InputError(f"line {rows[0][0]}", repeated, "each column named once", origin)
    data = rows[1:]
    if len(data) > MAX_ROWS:
        raise InputError("(file)", f"{len(data)} rows", f"at most {MAX_ROWS} data rows", origin)
    cells = []
    for number, row in data:
        if len(row) != len(header):
            raise InputError(
                f"line {number}", f"{len(row)} cells", f"{len(header)} cells, one per column", origin
            )
        cells.append(tuple(cell.strip() for cell in row))
    return CsvTable(origin, header, tuple(n for n, _ in data), tuple(cells))
