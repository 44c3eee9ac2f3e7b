"""Parsing JSON from untrusted files: size and depth limits, no duplicate keys, no NaN, no lone surrogates."""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

from cellstack.core.errors import InputError
from cellstack.io.error_text import one_line_error, shown_value
from cellstack.io.safe_text import first_lone_surrogate, may_hold_surrogates

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64


_NO_SURROGATES = "text without lone surrogates (\\ud800 to \\udfff outside a pair), which UTF-8 cannot hold"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; only a short object, or one with a duplicate, takes the loop below
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    for key, value in pairs:
        if key in seen:
            raise InputError(f"key {shown_value(key)!r}", shown_value(value), "each key once per object")
        seen.add(key)
    raise AssertionError("a duplicate key that is not there")


def _no_constants(name: str) -> float:
    raise InputError("number", name, "a finite number (NaN and Infinity are not JSON)")


# A JSON string (possibly unterminated: then it runs to the end, as a parser would read it).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'[]{}"'))
_QUOTE, _OPENING = ord('"'), (ord("["), ord("{"))
_CHUNK = 1 << 20


def _depth(raw: str | bytes, limit: int = MAX_DEPTH) -> int:
    """Deepest nesting of [ and { outside strings (anything deeper than ``limit`` as ``limit + 1``).

    UTF-8 never uses the bytes of [ ] { } " and \\ inside another character, so the bytes of a
    file serve as well as its text. A text with escapes has its strings dropped by a regular
    expression (an escaped quote does not end a string); otherwise only quotes and brackets are
    kept, and numpy tells which are inside a string by counting quotes, in chunks, so a 20 MB
    file costs milliseconds and little memory.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if b"\\" in data:
        data = _STRING.sub(b"", data)
    structure = data.translate(None, _NOT_STRUCTURE)
    depth = deepest = 0
    in_string = 0
    for start in range(0, len(structure), _CHUNK):
        chunk = np.frombuffer(structure, np.uint8, min(_CHUNK, len(structure) - start), start)
        quotes = chunk == _QUOTE
        # Odd after an odd number of quotes so far: inside a string (quotes themselves never count).
        parity = (np.cumsum(quotes, dtype=np.int64) + in_string) & 1
        in_string = int(parity[-1])
        brackets = chunk[(parity == 0) & ~quotes]
        if brackets.size == 0:
            continue
        opening = (brackets == _OPENING[0]) | (brackets == _OPENING[1])
        running = depth + np.cumsum(np.where(opening, 1, -1), dtype=np.int64)
        deepest = max(deepest, int(running.max()))
        depth = int(running[-1])
        if deepest > limit:
            return limit + 1
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
    if _depth(data) > MAX_DEPTH:
        raise InputError("(nesting)", f"deeper than {MAX_DEPTH}", f"at most {MAX_DEPTH} levels", origin)
    try:
        # Without a parse_float the parser stays in C. A number beyond double precision (1e999)
        # reads as infinity, which every range check refuses where the number is used.
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except InputError as exc:
        raise exc.located(origin) from None
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise InputError("(syntax)", str(exc)[:120], "valid JSON", origin) from None
    if may_hold_surrogates(text):
        found = first_lone_surrogate(document)
        if found is not None:
            raise InputError(found[0], found[1], _NO_SURROGATES, origin)
    return document
