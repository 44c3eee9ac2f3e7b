"""Text typed into the app, made safe to store: what the user types ends up in saved files."""

from __future__ import annotations

REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """TEXT with every lone surrogate replaced by U+FFFD; well-formed pairs become one character.

    Qt hands Python the UTF-16 it holds, and an unpaired surrogate (from a paste or an input
    method) is not encodable as UTF-8: a document holding one could never be saved or autosaved.
    """
    if text.isascii():
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
