"""Opening a file at the size limit stays fast (issue 11, defect 8).

The speed itself is measured by benchmarks/load_speed.py; these tests pin the limits that keep
it bounded, the depth scan that had to become fast, and that loading can run in worker threads.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from cellstack.core.errors import InputError
from cellstack.io.library import default_library
from cellstack.io.material_records import MAX_MEASUREMENTS
from cellstack.io.project import MAX_MATERIALS, dumps_project, load_project, loads_project
from cellstack.io.resources import examples_dir
from cellstack.io.strict_json import MAX_DEPTH, _depth

EXAMPLE = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


def _document() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_bytes())


def _with_unused_records(count: int) -> dict[str, Any]:
    document = _document()
    template = next(iter(document["materials"].values()))
    for i in range(count - len(document["materials"])):
        document["materials"][f"unused_{i}"] = dict(template, id=f"unused_{i}")
    return document


def test_embedded_records_up_to_the_limit_load() -> None:
    document = _with_unused_records(MAX_MATERIALS)
    assert len(document["materials"]) == MAX_MATERIALS
    loads_project(json.dumps(document).encode())


def test_more_embedded_records_than_the_limit_are_refused_with_the_count() -> None:
    document = _with_unused_records(MAX_MATERIALS + 1)
    with pytest.raises(InputError) as refused:
        loads_project(json.dumps(document).encode(), "p.cellstack")
    assert str(refused.value) == (
        f"p.cellstack: materials = '{MAX_MATERIALS + 1} records' is not allowed; "
        f"expected at most {MAX_MATERIALS} embedded material records"
    )


def test_every_saved_stack_fits_the_record_limit() -> None:
    # A stack embeds at most 4 materials per layer and the plated one.
    assert MAX_MATERIALS >= 200 * 4 + 1
    assert all(len(m.measurements) <= MAX_MEASUREMENTS for m in default_library().materials.values())


def test_more_measurements_than_the_limit_are_refused() -> None:
    document = _document()
    record = next(iter(document["materials"].values()))
    record["measurements"] = [{"capacity_practical": 140.0, "source": "user"}] * (MAX_MEASUREMENTS + 1)
    with pytest.raises(InputError, match=f"at most {MAX_MEASUREMENTS} measurement tables"):
        loads_project(json.dumps(document).encode())
    record["measurements"] = record["measurements"][:MAX_MEASUREMENTS]
    loads_project(json.dumps(document).encode())


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ('["' + "[" * (1 << 20) + '"]', 1),  # a string across the scan's chunks
        ("[" * ((1 << 20) + 5) + "]" * ((1 << 20) + 5), MAX_DEPTH + 1),
        ('{"a": "\\"[[[", "b": [[1]]}', 3),  # an escaped quote does not end the string
        ('"unterminated [[[[', 0),
        ("]]]][[", 0),
    ],
)
def test_depth_scan_on_large_and_tricky_texts(text: str, depth: int) -> None:
    assert _depth(text) == depth
    assert _depth(text.encode()) == depth


def test_loading_is_pure_and_can_run_in_worker_threads() -> None:
    library = default_library()
    paths = sorted(examples_dir().glob("*.cellstack"))
    expected = [load_project(path, library) for path in paths]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda path: load_project(path, library), paths * 8))
    assert results == expected * 8
    assert [dumps_project(p) for p in results[: len(paths)]] == [dumps_project(p) for p in expected]
