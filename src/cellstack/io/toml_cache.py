"""A per-user cache of parsed TOML files, so a start-up reads one JSON file instead of the whole library.

Parsing the library's TOML with ``tomllib`` (pure Python) is most of the time it takes to load; the
JSON parser is written in C and reads the same data some thirty times faster. The cache holds, for
each file under the resources folder (keyed by its path relative to that folder), the SHA-256 of the
file's bytes and the parsed tables. A file is served from the cache only when the hash of its current
bytes matches: size and ``mtime`` can stay the same across an edit (copies that keep times, coarse
clocks), while hashing the whole library costs under a millisecond next to reading it.

The cache file is a one-line JSON header (format, version, the Python version whose ``tomllib``
parsed the files, and the length and SHA-256 of the body) followed by the JSON body, as autosaves
are. A missing, unreadable, damaged or foreign cache is ignored and the TOML is parsed instead; a
cache that cannot be written is not written. Only JSON is read back, never pickle, so a cache file
can at worst hold wrong data, never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tomllib
from pathlib import Path

from cellstack.io.atomic import write_atomically
from cellstack.io.bounded_read import read_bounded

ENV_CACHE_DIR = "CELLSTACK_CACHE_DIR"
CACHE_FORMAT = "cellstack-toml-cache"
CACHE_VERSION = 1
CACHE_NAME = f"library-toml.v{CACHE_VERSION}.json"
MAX_BYTES = 64 * 1024 * 1024  # the shipped library needs under 1 MB; anything far larger is not ours
MAX_TOML_BYTES = 4 * 1024 * 1024  # one library file; the largest shipped one is a few kB
_HEADER_LIMIT = 4096
_HEADER_KEYS = frozenset({"format", "version", "python", "length", "sha256"})
_ENTRY_KEYS = frozenset({"sha256", "data"})
# A tomllib fix in a newer Python could parse the same bytes differently.
_PYTHON = ".".join(str(part) for part in sys.version_info[:3])

Table = dict[str, object]


def cache_dir() -> Path:
    """$CELLSTACK_CACHE_DIR, else the platform's per-user cache folder for CellStack."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    # Imported here: tests and the frozen bundle set the variable and never need it.
    import platformdirs

    return Path(platformdirs.user_cache_dir("CellStack", appauthor=False))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _no_constant(name: str) -> object:
    # TOML's nan and inf are never cached (allow_nan=False), so one in the file was not written by us.
    raise ValueError(f"{name} in the TOML cache")


def _parse_body(body: bytes) -> dict[str, tuple[str, Table]]:
    payload = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    if not isinstance(payload, dict):
        raise ValueError("the TOML cache body is not an object")
    entries: dict[str, tuple[str, Table]] = {}
    for key, entry in payload.items():
        if not isinstance(entry, dict) or entry.keys() != _ENTRY_KEYS:
            raise ValueError(f"malformed TOML cache entry {key!r}")
        digest, data = entry["sha256"], entry["data"]
        if not isinstance(digest, str) or not isinstance(data, dict):
            raise ValueError(f"malformed TOML cache entry {key!r}")
        entries[key] = (digest, data)
    return entries


def read_cache(file: Path) -> dict[str, tuple[str, Table]]:
    """The entries of a cache file, ``{relative path: (sha256, parsed table)}``; empty if unusable."""
    try:
        raw = read_bounded(file, MAX_BYTES, what="TOML cache")
        head, newline, body = raw.partition(b"\n")
        if not newline or len(head) > _HEADER_LIMIT:
            return {}
        header = json.loads(head.decode("utf-8"), parse_constant=_no_constant)
        if (
            not isinstance(header, dict)
            or header.keys() != _HEADER_KEYS
            or header["format"] != CACHE_FORMAT
            or header["version"] != CACHE_VERSION
            or header["python"] != _PYTHON
            or header["length"] != len(body)
            or header["sha256"] != _digest(body)
        ):
            return {}
        return _parse_body(body)
    except Exception:  # whatever a damaged or hostile file provokes, parsing the TOML is the answer
        return {}


def encode_cache(entries: dict[str, tuple[str, str]]) -> bytes:
    """The bytes of a cache file from ``{relative path: (sha256, parsed table as JSON text)}``."""
    parts = [
        f'{json.dumps(key)}:{{"sha256":"{digest}","data":{text}}}' for key, (digest, text) in entries.items()
    ]
    body = ("{" + ",".join(parts) + "}").encode("utf-8")
    header = {
        "format": CACHE_FORMAT,
        "version": CACHE_VERSION,
        "python": _PYTHON,
        "length": len(body),
        "sha256": _digest(body),
    }
    return json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + body


def _to_json(data: Table) -> str | None:
    """``data`` as JSON text, or None if JSON cannot hold it faithfully (dates and times, nan, inf)."""
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None


class TomlCache:
    """Parsed TOML files under one resources folder, for one load of the library.

    Call :meth:`load` for every file, then :meth:`save` once whatever was built from them has
    passed its checks, so a library that fails to load never leaves a cache behind. Neither raises
    because of the cache: only the errors reading or parsing the TOML itself get through, exactly
    as ``tomllib`` raises them. The tables returned are shared with the cache: do not modify them.
    """

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self._root = root
        self._folder = folder
        self._known: dict[str, tuple[str, Table]] | None = None
        self._hits: dict[str, tuple[str, Table]] = {}
        self._parsed: dict[str, tuple[str, str]] = {}  # parsed this time: the JSON text to cache

    def _file(self) -> Path:
        return (self._folder if self._folder is not None else cache_dir()) / CACHE_NAME

    def _entries(self) -> dict[str, tuple[str, Table]]:
        if self._known is None:
            try:
                self._known = read_cache(self._file())
            except Exception:  # no usable cache folder (platformdirs failing): work without one
                self._known = {}
        return self._known

    def load(self, path: Path) -> Table:
        """The parsed contents of the TOML file at ``path``.

        Raises as ``tomllib.loads`` would, and :class:`InputError` for a file that is not a regular
        file or is larger than ``MAX_TOML_BYTES``.
        """
        data = read_bounded(path, MAX_TOML_BYTES, what="library file")
        try:
            key = path.relative_to(self._root).as_posix()
        except ValueError:  # outside the resources folder: nothing to key it by
            return tomllib.loads(data.decode())
        digest = _digest(data)
        known = self._entries().get(key)
        if known is not None and known[0] == digest:
            self._hits[key] = known
            return known[1]
        table = tomllib.loads(data.decode())
        text = _to_json(table)
        if text is not None:
            self._parsed[key] = (digest, text)
        return table

    def save(self) -> None:
        """Write what this load read, if it differs from the cache on disk; never raises."""
        try:
            wanted = {key: digest for key, (digest, _) in self._hits.items()}
            wanted.update((key, digest) for key, (digest, _) in self._parsed.items())
            if wanted == {key: digest for key, (digest, _) in self._entries().items()}:
                return
            entries = {
                key: (digest, text)
                for key, (digest, table) in self._hits.items()
                if (text := _to_json(table)) is not None
            }
            entries.update(self._parsed)
            file = self._file()
            if Path(os.path.realpath(file)).is_relative_to(os.path.realpath(self._root)):
                return  # the resources may be shipped read-only or tracked by git: keep them clean
            file.parent.mkdir(parents=True, exist_ok=True)
            if file.is_symlink():
                return  # write_atomically would replace the link's target, which may be anything
            write_atomically(file, encode_cache(dict(sorted(entries.items()))))
        except Exception:  # a read-only disk or a racing writer just means the next start parses again
            return
