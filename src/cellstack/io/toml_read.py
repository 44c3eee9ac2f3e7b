"""One TOML file read whole, with a bounded size and a one-line error for bad text or syntax."""

from __future__ import annotations

import tomllib
from pathlib import Path

from cellstack.core.errors import InputError
from cellstack.io.bounded_read import read_bounded
from cellstack.io.toml_cache import MAX_TOML_BYTES


def read_toml(path: Path, what: str = "library file") -> dict[str, object]:
    origin = str(path)
    try:
        return tomllib.loads(read_bounded(path, MAX_TOML_BYTES, origin, what).decode())
    except UnicodeDecodeError as exc:
        raise InputError("(encoding)", f"byte {exc.start}", "UTF-8 text", origin) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError("(file)", path.name, f"valid TOML ({exc})", origin) from None
