"""Parsing JSON from untrusted files: size and depth limits, no duplicate keys, no NaN, no lone surrogates."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from cellstack.core.errors import InputError
from cellstack.io.error_text import one_line_error, shown_value
from cellstack.io.safe_text import first_lone_surrogate, may_hold_surrogates

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64


_NO_SURROGATES = "text without lone surrogates (\\ud800 to \\udfff outside a pair), which UTF-8 cannot hold"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"key {shown_value(key)!r}", shown_value(value), "each key once per object")
        result[key] = value
    return result


def _no_constants(name: str) -> float:
    raise InputError("number", name, "a finite number (NaN and Infinity are not JSON)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InputError("number", text[:40], "a finite number within double precision")
    return value


# A JSON string (possibly unterminated: then it runs to the end, as a parser would read it).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _depth(raw: str, limit: int = MAX_DEPTH) -> int:
    """Deepest nesting of [ and { outside strings (stops counting past ``limit``).

    The regular expressions drop the strings and everything that is not a bracket in C, so the
    Python loop only sees brackets: a 2 MB file with long texts is scanned in milliseconds.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", raw))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def parse_json(data: bytes, origin: str) -> Any:
    """Strictly parsed JSON; refusals are :class:`InputError`, one line of bounded length."""
    try:
        return _parse_json(data, origin)
    except InputError as exc:
        raise one_line_error(exc) from None


def _parse_json(data: bytes, origin: str) -> Any:
    if len(data) > MAX_BYTES:
        raise InputError("(file size)", f"{len(data)} bytes", f"at most {MAX_BYTES} bytes", origin)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("(encoding)", f"byte {exc.start}", "UTF-8 text", origin) from None
    if _depth(text) > MAX_DEPTH:
        raise InputError("(nesting)", f"deeper than {MAX_DEPTH}", f"at most {MAX_DEPTH} levels", origin)
    try:
        document = json.loads(
            text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_finite_float
        )
    except InputError as exc:
        raise exc.located(origin) from None
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise InputError("(syntax)", str(exc)[:120], "valid JSON", origin) from None
    if may_hold_surrogates(text):
        found = first_lone_surrogate(document)
        if found is not None:
            raise InputError(found[0], found[1], _NO_SURROGATES, origin)
    return document
