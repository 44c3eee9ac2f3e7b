"""TOML text of a material record (the shapes write_material produces), for files users keep.

Only what a record holds is written: texts, numbers, booleans, lists of those, tables and arrays of
tables. Texts are written as basic strings with JSON's escapes, which TOML reads the same way.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a record holds no {value}")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _table(lines: list[str], path: str, data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if not isinstance(value, Mapping) and not _is_table_array(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        sub = f"{path}.{_key(key)}" if path else _key(key)
        if isinstance(value, Mapping):
            lines.extend(["", f"[{sub}]"])
            _table(lines, sub, value)
        elif _is_table_array(value):
            for item in value:
                lines.extend(["", f"[[{sub}]]"])
                _table(lines, sub, item)


def dumps_toml(data: Mapping[str, Any]) -> str:
    lines: list[str] = []
    _table(lines, "", data)
    return "\n".join(lines).lstrip("\n") + "\n"
