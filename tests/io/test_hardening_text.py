"""Text from files and from the keyboard: lone surrogates, and error messages that stay one line.

Regression tests for issue 11, defects 3 (lone surrogates loaded, then every save failing) and
10 (a key with a newline gave a two-line error, a 1 MB key a 1 MB message).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cellstack.core.errors import InputError
from cellstack.io.autosave import list_recoveries
from cellstack.io.error_text import one_line_error, printable
from cellstack.io.library import load_library
from cellstack.io.project import Project, dumps_project, load_project, loads_project
from cellstack.io.resources import examples_dir
from cellstack.io.safe_text import REPLACEMENT, sanitize_text

EXAMPLE = examples_dir() / "thin_film_licoo2_lipon_li.cellstack"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_bytes())


def _bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=True).encode()  # ASCII: surrogates travel as \\udXXX


# ---- 3: lone surrogates ----------------------------------------------------------------------------


def _texts(document: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """A text of every kind the format has, as (expected field, keys to it)."""
    material = next(iter(document["materials"]))
    return [
        ("name", ["name"]),
        ("description", ["description"]),
        ("stack.layers[1].label", ["stack", "layers", 1, "label"]),
        ("stack.layers[0].deposition_method", ["stack", "layers", 0, "deposition_method"]),
        (f"materials.{material}.name", ["materials", material, "name"]),
        (f"materials.{material}.notes[0]", ["materials", material, "notes"]),
    ]


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "a\udc80b"])
def test_a_lone_surrogate_in_any_text_is_refused_naming_the_field(
    document: dict[str, Any], index: int, surrogate: str
) -> None:
    field, keys = _texts(document)[index]
    changed = json.loads(json.dumps(document))
    holder = changed
    for key in keys[:-1]:
        holder = holder[key]
    holder[keys[-1]] = [surrogate] if keys[-1] == "notes" else surrogate
    with pytest.raises(InputError) as refused:
        loads_project(_bytes(changed), "p.cellstack")
    message = str(refused.value)
    assert message.startswith(f"p.cellstack: {field} = ")
    assert "lone surrogates" in message
    message.encode("utf-8")  # the message itself can be printed and logged


def test_a_lone_surrogate_in_a_key_is_refused(document: dict[str, Any]) -> None:
    changed = json.loads(json.dumps(document))
    changed["stack"]["\ud801"] = 1
    with pytest.raises(InputError, match="lone surrogates") as refused:
        loads_project(_bytes(changed))
    str(refused.value).encode("utf-8")


def test_surrogate_pairs_are_ordinary_text(document: dict[str, Any]) -> None:
    changed = json.loads(json.dumps(document))
    changed["name"] = "cell \U0001f50b"
    project = loads_project(_bytes(changed))  # the ASCII file holds "\ud83d\udd0b", a valid pair
    assert project.name == "cell \U0001f50b"
    assert loads_project(dumps_project(project)) == project


def test_sanitize_text_replaces_only_lone_surrogates() -> None:
    assert sanitize_text("a\ud800b\udfffc") == f"a{REPLACEMENT}b{REPLACEMENT}c"
    plain = "LiCoO₂ \U0001f50b"
    assert sanitize_text(plain) is plain
    sanitize_text("x\udc80").encode("utf-8")


def test_a_project_holding_a_surrogate_still_saves(document: dict[str, Any]) -> None:
    project = loads_project(_bytes(document))
    broken = Project(stack=project.stack, name="typed \ud800 here", description=project.description)
    saved = loads_project(dumps_project(broken))  # the writer's last guard: no UnicodeEncodeError
    assert saved.name == f"typed {REPLACEMENT} here"


# ---- 10: one line, bounded length -----------------------------------------------------------------


def _refusal(data: bytes) -> str:
    with pytest.raises(InputError) as refused:
        loads_project(data, "p.cellstack")
    return str(refused.value)


def _assert_one_short_line(message: str) -> None:
    assert "\n" not in message and "\r" not in message
    assert "\u2028" not in message and "\x00" not in message
    assert len(message) < 1200
    message.encode("utf-8")


@pytest.mark.parametrize(
    "key",
    ["bad\nkey", "bad\r\nkey", "tab\there", "nul\x00", "sep\u2028arator", "esc\x1b[31m", "k" * 1_000_000],
)
def test_an_unknown_key_gives_one_short_line(document: dict[str, Any], key: str) -> None:
    changed = json.loads(json.dumps(document))
    changed["stack"]["layers"][0][key] = 1
    message = _refusal(_bytes(changed))
    _assert_one_short_line(message)
    assert message.startswith("p.cellstack: stack.layers[0].")


@pytest.mark.parametrize("key", ["dup\nkey", "d" * 1_000_000])
def test_a_duplicate_key_gives_one_short_line(key: str) -> None:
    text = json.dumps(key)
    message = _refusal(f'{{"format": "cellstack", {text}: 1, {text}: 2}}'.encode())
    _assert_one_short_line(message)
    assert "each key once" in message


@pytest.mark.parametrize("value", ["line\nbreak", "x" * 1_000_000, ["y" * 1_000_000] * 3, {"a\nb": 1}])
def test_a_bad_value_gives_one_short_line(document: dict[str, Any], value: object) -> None:
    changed = json.loads(json.dumps(document))
    changed["stack"]["layers"][0]["role"] = value
    message = _refusal(_bytes(changed))
    _assert_one_short_line(message)
    assert "stack.layers[0].role = " in message


def test_long_values_are_cut_with_an_ellipsis(document: dict[str, Any]) -> None:
    changed = json.loads(json.dumps(document))
    changed["stack"]["layers"][0]["role"] = "r" * 500
    message = _refusal(_bytes(changed))
    assert "r" * 70 in message and "r" * 90 not in message and "…" in message


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.cellstack"
    path.write_text("{")
    with pytest.raises(InputError) as refused:
        load_project(path)
    _assert_one_short_line(str(refused.value))
    assert "two\\nlines.cellstack" in str(refused.value)


def test_library_and_autosave_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "materials" / "cathodes").mkdir(parents=True)
    (tmp_path / "materials" / "cathodes" / "x.toml").write_text('id = "x"\n"bad\\nkey" = 1\n')
    with pytest.raises(InputError) as refused:
        load_library(tmp_path)
    _assert_one_short_line(str(refused.value))
    folder = tmp_path / "data" / "autosave"
    folder.mkdir(parents=True)
    header = {"format": "cellstack-autosave", "version": 1, "k\n" * 1000: 1}
    (folder / "doc-1.autosave").write_text(json.dumps(header) + "\n{}")
    _, broken = list_recoveries(tmp_path / "data")
    _assert_one_short_line(broken[0].reason)


def test_one_line_error_keeps_every_part_and_its_meaning() -> None:
    error = one_line_error(InputError("a\nb", "v\n", "ok\n", "f\n"))
    assert str(error) == "f\\n: a\\nb = 'v\\n' is not allowed; expected ok\\n"
    short = InputError("thickness_um", -1.0, "a number > 0", "p.cellstack")
    assert str(one_line_error(short)) == str(short)
    assert one_line_error(short).value == -1.0


def test_printable_cuts_and_escapes() -> None:
    assert printable("abc") == "abc"
    assert printable("a\nb") == "a\\nb"
    assert printable("x" * 100, 10) == "x" * 9 + "…"
    assert printable("\x00" * 100, 10).endswith("…") and len(printable("\x00" * 100, 10)) == 10


def test_long_layer_names_in_the_text_summary_are_cut_with_an_ellipsis() -> None:
    from dataclasses import replace

    from cellstack.core.metrics import compute_metrics
    from cellstack.io.library import default_library
    from cellstack.io.metrics_text import format_metrics

    library = default_library()
    project = load_project(EXAMPLE, library)
    layers = list(project.stack.layers)
    layers[1] = replace(layers[1], label="A very long name for the titanium adhesion layer")
    stack = replace(project.stack, layers=tuple(layers))
    text = format_metrics("t", compute_metrics(stack, library.interfaces), library)
    assert "A very long name for the titanium adhes…" in text
