"""Error messages that stay one short line, whatever the file put into them.

A refusal quotes the file: a key, a value, the file's own name. A key holding a newline made a
message of two lines, a 1 MB key a 1 MB message. Every :class:`InputError` that leaves the io
layer passes through :func:`one_line_error`, which escapes what cannot be shown on one line
(control characters, lone surrogates, line and paragraph separators) the way Python's ``repr``
does, and cuts long parts with "…".
"""

from __future__ import annotations

import reprlib

from cellstack.core.errors import InputError

MAX_FIELD_CHARS = 200  # the longest real path (a measurement condition of a material) is ~150
MAX_VALUE_CHARS = 80  # as docs/file-format.md promises
MAX_ALLOWED_CHARS = 400  # "one of the known keys: ..." of the largest object
MAX_SOURCE_CHARS = 300  # a file's path


def _escaped(char: str) -> str:
    return char if char.isprintable() else repr(char)[1:-1]


def printable(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """``text`` on one line of at most ``limit`` characters: unprintables escaped, long text cut with "…"."""
    # Escaping can grow a character to ten ("\U0010ffff"), so cut before and after.
    head = text[: limit + 1]
    shown = head if head.isprintable() else "".join(_escaped(c) for c in head)
    if len(shown) > limit or len(text) > len(head):
        return shown[: limit - 1] + "…"
    return shown


# Bounded repr of containers: a 20 MB list in a refused value must not be turned into text whole.
_BOUNDED = reprlib.Repr()
_BOUNDED.maxlevel = 3
_BOUNDED.maxstring = _BOUNDED.maxother = MAX_VALUE_CHARS
_BOUNDED.maxlist = _BOUNDED.maxdict = _BOUNDED.maxtuple = _BOUNDED.maxset = 8
_BOUNDED.fillvalue = "…"


def bounded_repr(value: object) -> str:
    """``repr(value)`` for containers and other objects, computed with bounded effort and length."""
    return _BOUNDED.repr(value)


class _Shown:
    """A value already turned into its shown text (``InputError`` prints ``repr`` of values)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def cut(self) -> _Shown:
        return _Shown(printable(self.text, MAX_VALUE_CHARS))


def shown_value(value: object) -> object:
    """``value`` itself when it shows in a few characters, else its shown text, cut with "…"."""
    if value is None or isinstance(value, (bool, int, float)):
        return value  # InputError shows these in a few characters
    if isinstance(value, str):
        if len(value) <= MAX_VALUE_CHARS and len(repr(value)) <= MAX_VALUE_CHARS:
            return value
        # repr escapes what cannot be shown; a megabyte is never turned into text to show 80.
        text = repr(value[: MAX_VALUE_CHARS + 1])
        return _Shown(text[:-1] if len(value) > MAX_VALUE_CHARS else text).cut()
    return _Shown(bounded_repr(value)).cut()


def one_line_error(error: InputError) -> InputError:
    """The same refusal as one line of bounded length (the one helper every io message uses)."""
    if type(error) is not InputError:
        # A subclass (NewerFormatError) builds its own, already safe, text from checked parts.
        return error.located(printable(error.source, MAX_SOURCE_CHARS))
    return InputError(
        printable(error.field, MAX_FIELD_CHARS),
        shown_value(error.value),
        printable(error.allowed, MAX_ALLOWED_CHARS),
        printable(error.source, MAX_SOURCE_CHARS),
    )
