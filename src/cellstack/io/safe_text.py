"""Text that can always be written as UTF-8: no lone surrogates.

Python strings may hold lone surrogate code points (U+D800 to U+DFFF not in a pair): JSON's
``"\\ud800"`` escape reads as one, and some input methods and clipboard paths produce them. They
cannot be encoded as UTF-8, so a text holding one makes every save, autosave and JSON output
fail. Project files holding one are refused at load (:mod:`cellstack.io.strict_json`), the app
passes typed text through :func:`sanitize_text`, and the writer does the same as a last guard.
"""

from __future__ import annotations

import re

from cellstack.io.json_walk import leaves

REPLACEMENT = "\ufffd"  # U+FFFD REPLACEMENT CHARACTER, what decoders put for what they cannot read
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A \uD800 to \uDFFF escape in JSON text (also the first half of a valid pair): only a file with
# one can hold a lone surrogate, so the others are never walked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def has_lone_surrogate(text: str) -> bool:
    return _LONE_SURROGATE.search(text) is not None


def sanitize_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it can be saved as UTF-8.

    For text typed or pasted in the app; other text comes back unchanged (the same object).
    """
    return _LONE_SURROGATE.sub(REPLACEMENT, text) if has_lone_surrogate(text) else text


def may_hold_surrogates(json_text: str) -> bool:
    """Whether JSON text has a surrogate escape at all (cheap; a valid pair also counts)."""
    return _SURROGATE_ESCAPE.search(json_text) is not None


def first_lone_surrogate(document: object) -> tuple[str, str] | None:
    """The path and text of the first key or text holding a lone surrogate, or None."""
    for path, item in leaves(document):
        if isinstance(item, str) and has_lone_surrogate(item):
            return path, item
    return None
