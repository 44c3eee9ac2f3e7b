"""How long does opening a project file at the 20 MB size limit take? Target: at most 2 s each.

    python benchmarks/load_speed.py

Files generated at (just under) the size limit, side by side with the shipped example:

- example: the thin-film example as shipped (the everyday case, for scale);
- unused materials: the example plus small material records under new ids until the file
  reaches the limit (~110,000 records nobody uses: issue 11's reproducer);
- long texts: 200 layers and the embedded records' notes filled up to the limit (accepted);
- most records: as many embedded records as accepted, each with as many measurements as
  accepted, and notes up to the limit (the most reading work an accepted file can ask for).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from cellstack.core.errors import InputError
from cellstack.io.material_records import MAX_MEASUREMENTS
from cellstack.io.project import MAX_MATERIALS, load_project
from cellstack.io.resources import examples_dir
from cellstack.io.strict_json import MAX_BYTES
from timing import median_seconds

EXAMPLE = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"
TARGET_S = 2.0


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


def _with_unused(document: dict[str, Any], records: list[dict[str, Any]], count: int) -> bytes:
    materials = dict(document["materials"])
    for i in range(count):
        record = dict(records[i % len(records)], id=f"unused_{i}")
        materials[record["id"]] = record
    return _encode({**document, "materials": materials})


def unused_materials_file() -> bytes:
    document = json.loads(EXAMPLE.read_bytes())
    density = {"value": 2.0, "unit": "g/cm3", "source": "user"}
    records = [{"id": "", "name": "Unused", "roles": ["electrolyte"], "properties": {"density": density}}]
    base = len(_encode(document))
    sample = 1000
    per_record = (len(_with_unused(document, records, sample)) - base) / sample
    count = int((MAX_BYTES - base) / per_record)
    data = _with_unused(document, records, count)
    while len(data) > MAX_BYTES:  # the estimate was a little high: a few records fewer
        count -= int((len(data) - MAX_BYTES) / per_record) + 1
        data = _with_unused(document, records, count)
    return data


def _fill_notes(document: dict[str, Any], records: list[dict[str, Any]]) -> bytes:
    """``document`` with its records' notes (2000-character texts) filling it up to the size limit."""
    note = "n" * 2000
    per_note = len(json.dumps(note)) + 8  # quotes, comma, indentation
    room = MAX_BYTES - len(_encode(document)) - 64 * 1024
    for record in records:
        record["notes"] = [note] * max(0, room // (per_note * len(records)))
    data = _encode(document)
    assert len(data) <= MAX_BYTES, len(data)
    return data


def long_texts_file() -> bytes:
    document = json.loads(EXAMPLE.read_bytes())
    layers = document["stack"]["layers"]
    document["stack"]["layers"] = [dict(layers[i % len(layers)], label=f"layer {i}") for i in range(200)]
    return _fill_notes(document, list(document["materials"].values()))


def most_records_file() -> bytes:
    document = json.loads(EXAMPLE.read_bytes())
    records = list(document["materials"].values())
    measurement = {"capacity_practical": 140.0, "source": "user", "rate_C": 0.1, "note": "3.0-4.2 V"}
    for i in range(MAX_MATERIALS - len(records)):
        record = dict(records[i % len(records)], id=f"unused_{i}")
        record["measurements"] = [measurement] * MAX_MEASUREMENTS
        document["materials"][record["id"]] = record
    return _fill_notes(document, list(document["materials"].values()))


def _load(path: Path) -> str:
    try:
        load_project(path)
    except InputError as exc:
        return f"refused: {str(exc).partition(': ')[2][:70]}"
    return "loaded"


def main() -> None:
    cases = {
        "example": EXAMPLE.read_bytes(),
        "unused materials": unused_materials_file(),
        "long texts": long_texts_file(),
        "most records": most_records_file(),
    }
    with tempfile.TemporaryDirectory(prefix="cellstack-bench-load-") as folder:
        print(f"{'file':<18} {'size':>9} {'load':>9}  outcome")
        for name, data in cases.items():
            path = Path(folder) / f"{name.replace(' ', '_')}.cellstack"
            path.write_bytes(data)
            outcome = _load(path)
            seconds = median_seconds(lambda path=path: _load(path), 3)
            verdict = "" if seconds <= TARGET_S else f"  SLOWER THAN {TARGET_S:g} s"
            print(f"{name:<18} {len(data) / 2**20:>6.1f} MiB {seconds:>6.2f} s  {outcome}{verdict}")


if __name__ == "__main__":
    main()
