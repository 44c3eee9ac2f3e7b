"""What the commands raise for a wrong command line or file, and how any message becomes one line."""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # the shell's convention for a program stopped by Ctrl+C (128 + SIGINT)

EXPECTED_PROJECT = "expected a CellStack project file (.cellstack)"
MAX_MESSAGE_CHARS = 400  # a 1 MB key or file name must not become a 1 MB message


class CommandLineError(Exception):
    """Bad input that has no field of a file to name (a missing file, an unknown command, ...).

    The message is shown after ``cellstack: `` as it is; exit status 2.
    """


def shorten(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters, with "…" where it was cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def printable(text: str) -> str:
    """``text`` with line breaks, other control characters and lone surrogates escaped.

    A name or path from someone else's file may hold any of them; printed raw they would break
    a one-line message in two or fail to encode on the terminal.
    """
    if text.isprintable() and not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join(c if c.isprintable() and not "\ud800" <= c <= "\udfff" else repr(c)[1:-1] for c in text)


def one_line(message: str) -> str:
    """The message as one printable line of bounded length."""
    return shorten(printable(message), MAX_MESSAGE_CHARS)
