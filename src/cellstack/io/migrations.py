"""Format versions of project files, and the migrations that bring an old file up to date.

Every change to the file format bumps ``FORMAT_VERSION`` and adds one function to
``MIGRATIONS``: ``MIGRATIONS[n]`` turns a version-n document (the parsed JSON) into a version n+1
document. Loading applies them in order, so a file of any released version reaches the current
one through the same, separately tested steps. The file on disk is never rewritten by loading;
it changes only when the user saves, and the save keeps the old file as ``NAME.cellstack.bak``.

To introduce version 2:

1. write ``_v1_to_v2(document) -> document``: pure (it must not modify its argument; return a
   new dict), it sets ``"version": 2``, and it expects only what a valid v1 file can hold;
2. register it as ``MIGRATIONS[1] = _v1_to_v2`` and set ``FORMAT_VERSION = 2``;
3. teach the reader and writer in project.py the new shape, publish the v2 JSON Schema;
4. keep ``tests/io/golden/v1*.cellstack`` unchanged and add ``tests/io/golden/v2.cellstack``.

A file whose version is newer than ``FORMAT_VERSION`` is refused with
:class:`NewerFormatError`, and :func:`refuses_overwrite` tells the GUI and the saver that such a
file must not be saved over. Both look at the version first, with a cheap scan of the file's
first bytes (:func:`newer_version_in`), so a newer file is recognised even when something else
in it (its size, a byte-order mark, a duplicate key, ``"version": 2.0``) would make this
CellStack refuse it for another reason: a newer CellStack may well write such files.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cellstack import __version__
from cellstack.core.errors import InputError
from cellstack.io.bounded_read import read_head
from cellstack.io.json_walk import leaves

FILE_SUFFIX = ".cellstack"
FORMAT_NAME = "cellstack"
FORMAT_VERSION = 3

Migration = Callable[[dict[str, Any]], dict[str, Any]]

_V2_SECTIONS = ("cell", "fixture", "fill", "simulation", "interfaces", "series_resistance_ohm")


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 held one stack on its own area: in version 2 that is a planar cell, simulated
    with the default settings, with no interfaces or series resistance of its own. Every v1 file
    therefore computes exactly as it did."""
    for key in _V2_SECTIONS:
        if key in document:  # a version 1 reader refused it as unknown: it must not be replaced silently
            raise InputError(key, "(present)", "no such key in a version 1 file (set its version to 2)")
    result = dict(document)
    result["version"] = 2
    result["cell"] = {"format": "planar"}
    result["simulation"] = {"c_rates": [0.1, 1.0, 2.0], "energy_definition": "auto"}
    return result


# What version 3 added: per-input uncertainties, and the quality "measured" of a sourced value.
_V3_SECTION = "uncertainties"
_V3_QUALITY = "measured"
_V2_QUALITIES = "one of reported, computed, estimate, user"


def _v2_to_v3(document: dict[str, Any]) -> dict[str, Any]:
    """Version 3 lets an input carry an uncertainty and a value be "measured"; a version 2 file
    has neither, so it gains nothing and computes exactly as it did. What a version 2 reader
    refused is still refused, never read as if the file were newer than it says."""
    if _V3_SECTION in document:
        raise InputError(_V3_SECTION, "(present)", "no such key in a version 2 file (set its version to 3)")
    for where, value in leaves(document):
        if value == _V3_QUALITY and where.endswith(".quality"):
            raise InputError(where, value, f"{_V2_QUALITIES} (measured needs version 3)")
    result = dict(document)
    result["version"] = 3
    return result


# MIGRATIONS[n]: version n -> version n + 1.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}

HEAD_BYTES = 64 * 1024  # CellStack writes "format" and "version" in the first lines
# Keys as CellStack writes them; the look-behind skips the same text inside a JSON string.
_FORMAT_KEY = re.compile(rb'(?<!\\)"format"\s*:\s*"' + FORMAT_NAME.encode() + rb'"')
_VERSION_KEY = re.compile(rb'(?<!\\)"version"\s*:\s*"?\s*([0-9]{1,9})(?:\.[0-9]*)?\s*"?')
_GENERATOR_KEY = re.compile(rb'(?<!\\)"generator"\s*:\s*"([^"\\]{0,80})"')
_RELEASE = re.compile(r"^[0-9]+(\.[0-9]+){0,3}([.+-]?[A-Za-z0-9.+-]{0,20})?$")


class NewerFormatError(InputError):
    """The file was written by a newer CellStack, in a format version this one cannot read.

    It is an :class:`InputError` like every other refusal; the GUI may use ``required`` (the
    CellStack release named in the file, or "") to say which release to install.
    """

    def __init__(self, version: int, required: str, source: str = "") -> None:
        self.version = version
        self.required = required
        self.writer = f"CellStack {required}" if required else f"a CellStack writing format version {version}"
        super().__init__(
            "version",
            version,
            f"format version {FORMAT_VERSION} or lower: this file was written by {self.writer} or later; "
            f"open it with that or a newer CellStack (this is CellStack {__version__})",
            source,
        )

    def located(self, source: str) -> NewerFormatError:
        return NewerFormatError(self.version, self.required, source)


def release_named_in(generator: object) -> str:
    """The release in a ``generator`` text such as "CellStack 0.3.0", or "" if there is none.

    The text comes from an untrusted file, so only a short, version-shaped string is accepted.
    """
    if not isinstance(generator, str):
        return ""
    text = generator.strip()
    if text.startswith("CellStack "):
        text = text[len("CellStack ") :].strip()
    return text if len(text) <= 40 and _RELEASE.match(text) else ""


def read_version(document: Mapping[str, Any], origin: str = "", current: int = FORMAT_VERSION) -> int:
    """The format version of a parsed project document; refuses bad and newer versions."""
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError("version", version, "a whole number >= 1", origin)
    if version > current:
        raise NewerFormatError(version, release_named_in(document.get("generator")), origin)
    return version


def newer_version_in(head: bytes, origin: str = "", current: int = FORMAT_VERSION) -> NewerFormatError | None:
    """The refusal of a file from a newer format version, found by scanning its first bytes.

    A cheap scan, not a parse: it accepts what strict parsing would refuse (a byte-order mark,
    ``2.0``, ``"2"``, a truncated or oversized file), so that no such file is ever taken for a
    broken file of this version. Returns None when ``head`` does not look like a project file of
    a newer version.
    """
    head = head[:HEAD_BYTES]
    if _FORMAT_KEY.search(head) is None:
        return None
    found = _VERSION_KEY.search(head)
    if found is None or int(found[1]) <= current:
        return None
    generator = _GENERATOR_KEY.search(head)
    release = release_named_in(generator[1].decode("utf-8", "replace")) if generator else ""
    return NewerFormatError(int(found[1]), release, origin)


def migrate(
    document: dict[str, Any],
    origin: str = "",
    *,
    current: int = FORMAT_VERSION,
    steps: Mapping[int, Migration] | None = None,
) -> tuple[dict[str, Any], int]:
    """Bring a parsed document up to version ``current``; return it and the version it had.

    ``document`` itself is never modified. ``current`` and ``steps`` exist so tests can exercise
    a chain of migrations before a second format version exists.
    """
    chain = MIGRATIONS if steps is None else steps
    original = read_version(document, origin, current)
    result = document
    for version in range(original, current):
        step = chain.get(version)
        if step is None:
            raise InputError("version", version, f"a version with a migration to {version + 1}", origin)
        try:
            # Each step gets its own copy: a step that forgot to be pure still cannot touch the
            # caller's document.
            result = step(copy.deepcopy(result))
        except InputError as exc:
            raise exc.located(origin) from None
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            # The steps work on raw JSON of an old file, which may be malformed in ways the
            # old reader would have refused: report it like any other bad input.
            raise InputError(
                f"(migration from version {version})",
                type(exc).__name__,
                f"a well-formed version {version} file",
                origin,
            ) from None
        if not isinstance(result, dict) or result.get("version") != version + 1:
            raise AssertionError(f"migration from version {version} did not produce version {version + 1}")
    return result, original


def refuses_overwrite(path: Path) -> NewerFormatError | None:
    """Why the file at ``path`` must not be saved over, or None when saving over it is fine.

    A CellStack project file from a newer format version would lose what that version stored,
    so it is never overwritten, whatever else is wrong with it. Only the first bytes of a regular
    file are read (never a pipe or a device, which could block or never end). Anything else (no
    file, another kind of file, a broken file) is left to the usual "replace it?" question of the
    save dialog.
    """
    try:
        head = read_head(path, HEAD_BYTES)
    except (OSError, InputError):
        return None
    return newer_version_in(head, str(path))
