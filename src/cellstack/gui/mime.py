"""Drag-and-drop payloads: material ids from the palette, layer indices within the stack view."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData

from cellstack.io.migrations import FILE_SUFFIX

MATERIAL_MIME = "application/x-cellstack-material"
LAYER_MIME = "application/x-cellstack-layer"


def material_mime(material_id: str) -> QMimeData:
    data = QMimeData()
    data.setData(MATERIAL_MIME, json.dumps({"material": material_id}).encode("utf-8"))
    data.setText(material_id)
    return data


def layer_mime(index: int) -> QMimeData:
    data = QMimeData()
    data.setData(LAYER_MIME, json.dumps({"layer": index}).encode("utf-8"))
    return data


def _decode(data: QMimeData, mime: str, key: str) -> object | None:
    if not data.hasFormat(mime):
        return None
    try:
        payload: object = json.loads(bytes(data.data(mime).data()).decode("utf-8"))
    except ValueError:
        return None
    return payload.get(key) if isinstance(payload, dict) else None


def material_from_mime(data: QMimeData) -> str | None:
    value = _decode(data, MATERIAL_MIME, "material")
    return value if isinstance(value, str) else None


def layer_from_mime(data: QMimeData) -> int | None:
    value = _decode(data, LAYER_MIME, "layer")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def dropped_project(data: QMimeData) -> Path | None:
    """The first project file among dropped files, if any."""
    for url in data.urls():
        if url.toLocalFile().endswith(FILE_SUFFIX):
            return Path(url.toLocalFile())
    return None
