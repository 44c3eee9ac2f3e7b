"""The one error type that bad input raises, everywhere in CellStack."""

from __future__ import annotations


class InputError(ValueError):
    """A value is outside what CellStack can compute with.

    ``field`` names where the value sits (a dotted or JSON path), ``value`` is what was given
    and ``allowed`` says what would have been accepted. ``source`` names the file or record it
    came from, when there is one.
    """

    def __init__(self, field: str, value: object, allowed: str, source: str = "") -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        self.source = source
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        shown = f"{self.value:.6g}" if isinstance(self.value, float) else repr(self.value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{where}{self.field} = {shown} is not allowed; expected {self.allowed}"

    def located(self, source: str) -> InputError:
        """The same error, naming the file or record it came from."""
        return InputError(self.field, self.value, self.allowed, source)
