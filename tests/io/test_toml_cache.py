"""The parsed-TOML cache: a warm load gives the same library without tomllib, and never a stale one."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import threading
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cellstack.core.errors import InputError
from cellstack.io import toml_cache
from cellstack.io.atomic import SaveError
from cellstack.io.library import (
    Library,
    load_deposition,
    load_interfaces,
    load_library,
    load_materials,
    load_references,
)
from cellstack.io.resources import resources_dir
from cellstack.io.toml_cache import CACHE_NAME, ENV_CACHE_DIR, TomlCache, encode_cache, read_cache

LI_METAL = Path("materials", "anodes", "li_metal.toml")


@pytest.fixture
def resources(tmp_path: Path) -> Path:
    """A private copy of the library's TOML folders, safe to edit."""
    root = tmp_path / "resources"
    for folder in ("materials", "references", "interfaces", "vocabulary"):
        shutil.copytree(resources_dir() / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def shipped() -> Library:
    return parsed_without_cache(resources_dir())


@pytest.fixture(scope="module")
def sound_cache(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The cache file a load of the shipped library writes."""
    folder = tmp_path_factory.mktemp("sound-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_CACHE_DIR, str(folder))
        load_library()
    return (folder / CACHE_NAME).read_bytes()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV_CACHE_DIR, str(folder))
    return folder


def parsed_without_cache(root: Path) -> Library:
    """The library as the loaders build it from tomllib alone."""
    materials = load_materials(root / "materials")
    return Library(
        materials=materials,
        references=load_references(root / "references"),
        interfaces=load_interfaces(root / "interfaces", materials),
        deposition=load_deposition(root / "vocabulary" / "deposition.toml"),
    )


def assert_same_library(got: Library, expected: Library) -> None:
    # repr as well as ==: it tells 1 from 1.0 and 0.0 from -0.0, which == does not.
    assert list(got.materials) == list(expected.materials)
    for key, material in expected.materials.items():
        assert got.materials[key] == material, key
        assert repr(got.materials[key]) == repr(material), key
    assert list(got.references.items()) == list(expected.references.items())
    assert got.interfaces.records == expected.interfaces.records
    assert got.interfaces.defaults == expected.interfaces.defaults
    assert repr(got.interfaces) == repr(expected.interfaces)
    assert list(got.deposition.items()) == list(expected.deposition.items())


def forbid_tomllib(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("tomllib was called although the cache was valid")

    monkeypatch.setattr(tomllib, "loads", refuse)
    monkeypatch.setattr(tomllib, "load", refuse)


def count_tomllib(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    parse = tomllib.loads

    def counting(text: str) -> dict[str, object]:
        calls[0] += 1
        return parse(text)

    monkeypatch.setattr(tomllib, "loads", counting)
    return calls


def test_a_warm_load_gives_the_same_library(shipped: Library, cache_dir: Path) -> None:
    cold = load_library()
    assert (cache_dir / CACHE_NAME).is_file()
    warm = load_library()
    assert_same_library(cold, shipped)
    assert_same_library(warm, shipped)


def test_a_copy_of_the_library_loads_warm(
    resources: Path, shipped: Library, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same_library(load_library(resources), shipped)
    forbid_tomllib(monkeypatch)
    assert_same_library(load_library(resources), shipped)


def test_a_warm_load_does_not_parse_toml(
    shipped: Library, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_library()
    forbid_tomllib(monkeypatch)
    assert_same_library(load_library(), shipped)


def test_an_unchanged_library_does_not_rewrite_the_cache(cache_dir: Path) -> None:
    load_library()
    file = cache_dir / CACHE_NAME
    before = file.stat()
    load_library()
    after = file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_an_edited_file_is_parsed_again(resources: Path, cache_dir: Path) -> None:
    load_library(resources)
    path = resources / LI_METAL
    old = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "value = 0.534\n" in text
    # Same size and same modification time: only the contents tell the edit apart.
    path.write_text(text.replace("value = 0.534\n", "value = 0.535\n"), encoding="utf-8")
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert path.stat().st_size == old.st_size

    density = load_library(resources).materials["li_metal"].properties.density_kg_m3
    assert density is not None
    assert math.isclose(density.value, 535.0)
    assert_same_library(load_library(resources), parsed_without_cache(resources))


def test_added_and_removed_files_are_never_served_stale(resources: Path, cache_dir: Path) -> None:
    load_library(resources)
    (resources / LI_METAL).unlink()
    (resources / "references" / "extra.toml").write_text('[extra2099]\ntext = "A new source."\n')
    library = load_library(resources)
    assert "li_metal" not in library.materials
    assert library.references["extra2099"].text == "A new source."
    assert_same_library(library, parsed_without_cache(resources))
    assert LI_METAL.as_posix() not in read_cache(cache_dir / CACHE_NAME)


def test_a_broken_file_fails_as_before_and_leaves_no_cache(resources: Path, cache_dir: Path) -> None:
    path = resources / LI_METAL
    path.write_text(path.read_text(encoding="utf-8") + "\nbroken = \n", encoding="utf-8")
    with pytest.raises(InputError) as uncached:
        load_materials(resources / "materials")
    with pytest.raises(InputError) as cached:
        load_library(resources)
    assert str(cached.value) == str(uncached.value)
    assert not (cache_dir / CACHE_NAME).exists()


def test_a_library_that_fails_its_checks_leaves_no_cache(resources: Path, cache_dir: Path) -> None:
    path = resources / LI_METAL
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('source = "crc_handbook"', 'source = "nobody2099"'), encoding="utf-8")
    with pytest.raises(InputError, match="nobody2099"):
        load_library(resources)
    assert not (cache_dir / CACHE_NAME).exists()


def _flip_a_digit(data: bytes) -> bytes:
    at = data.index(b"0.534")
    return data[:at] + b"0.535" + data[at + 5 :]


def _wrong_shape(data: bytes) -> bytes:
    # Checksum and file hash right, but the entry is not a table: served, it would break the load.
    digest = hashlib.sha256((resources_dir() / LI_METAL).read_bytes()).hexdigest()
    return encode_cache({LI_METAL.as_posix(): (digest, "[1, 2]")})


def _stale_entry(data: bytes) -> bytes:
    # Right shape and checksum, but the recorded hash belongs to other bytes.
    return encode_cache({LI_METAL.as_posix(): ("0" * 64, '{"id": "li_metal"}')})


def _replace_header(data: bytes, **changes: object) -> bytes:
    head, _, body = data.partition(b"\n")
    header = json.loads(head)
    header.update(changes)
    return json.dumps(header).encode() + b"\n" + body


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "not json": lambda data: b"\x00\xff garbage \x80\n{{{",
    "truncated": lambda data: data[: len(data) // 2],
    "header only": lambda data: data.partition(b"\n")[0],
    "a byte changed": _flip_a_digit,
    "deeply nested": lambda data: b'{"format":"cellstack-toml-cache"}\n' + b"[" * 200_000,
    "header is a list": lambda data: b"[1]\n" + data.partition(b"\n")[2],
    "nan in header": lambda data: b'{"length": NaN}\n{}',
    "other version": lambda data: _replace_header(data, version=999),
    "other python": lambda data: _replace_header(data, python="2.7.18"),
    "wrong shape": _wrong_shape,
    "stale entry": _stale_entry,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_cache_is_ignored_and_replaced(
    shipped: Library,
    sound_cache: bytes,
    cache_dir: Path,
    damage: Callable[[bytes], bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache_dir.mkdir()
    (cache_dir / CACHE_NAME).write_bytes(damage(sound_cache))
    assert_same_library(load_library(), shipped)
    forbid_tomllib(monkeypatch)  # the damaged cache was replaced by a sound one
    assert_same_library(load_library(), shipped)


def test_a_cache_folder_that_is_a_file_is_not_an_error(
    shipped: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(ENV_CACHE_DIR, str(blocker / "cache"))
    assert_same_library(load_library(), shipped)
    assert_same_library(load_library(), shipped)


def test_a_read_only_stale_cache_is_ignored(resources: Path, cache_dir: Path) -> None:
    load_library(resources)
    file = cache_dir / CACHE_NAME
    file.chmod(0o444)
    try:
        path = resources / LI_METAL
        path.write_text(
            path.read_text(encoding="utf-8").replace("value = 0.534\n", "value = 0.600\n"), encoding="utf-8"
        )
        for _ in range(2):
            density = load_library(resources).materials["li_metal"].properties.density_kg_m3
            assert density is not None
            assert math.isclose(density.value, 600.0)
    finally:
        file.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_folder_is_not_an_error(shipped: Library, cache_dir: Path) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        assert_same_library(load_library(), shipped)
        assert not (cache_dir / CACHE_NAME).exists()
    finally:
        cache_dir.chmod(0o700)


def test_a_disk_that_refuses_the_write_is_not_an_error(
    shipped: Library, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> Path:
        raise SaveError(path, "Read-only file system", "creating a temporary file in the folder", 30)

    monkeypatch.setattr(toml_cache, "write_atomically", refuse)
    assert_same_library(load_library(), shipped)
    assert not (cache_dir / CACHE_NAME).exists()


def test_the_cache_is_never_written_into_the_resources(
    resources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(resources / "vocabulary"))
    before = sorted(p.relative_to(resources) for p in resources.rglob("*"))
    load_library(resources)
    assert sorted(p.relative_to(resources) for p in resources.rglob("*")) == before


def test_a_symbolic_link_in_place_of_the_cache_is_left_alone(
    shipped: Library, cache_dir: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    cache_dir.mkdir()
    try:
        (cache_dir / CACHE_NAME).symlink_to(victim)
    except OSError:
        pytest.skip("no symbolic links here")
    assert_same_library(load_library(), shipped)
    assert victim.read_text() == "keep me"


def test_concurrent_loads_agree_and_leave_a_valid_cache(shipped: Library, cache_dir: Path) -> None:
    results: list[Library] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(load_library())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for library in results:
        assert_same_library(library, shipped)
    # Every library file; resources/cells/ holds cell-format defaults, read by io.cell_formats.
    library_files = [p for p in resources_dir().rglob("*.toml") if p.parent.name != "cells"]
    assert len(read_cache(cache_dir / CACHE_NAME)) == len(library_files)
    assert not [p.name for p in cache_dir.iterdir() if p.name != CACHE_NAME]


def test_values_json_cannot_hold_are_parsed_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    dated, special, plain = root / "dated.toml", root / "special.toml", root / "plain.toml"
    dated.write_text("day = 1979-05-27\nat = 1979-05-27T07:32:00Z\n")
    special.write_text("x = nan\ny = -inf\n")
    plain.write_text("x = 1.0\ny = 1\nz = -0.0\nt = 'é'\n")
    cache = TomlCache(root, tmp_path / "cache")
    first = {path.name: cache.load(path) for path in (dated, special, plain)}
    cache.save()
    assert set(read_cache(tmp_path / "cache" / CACHE_NAME)) == {"plain.toml"}

    calls = count_tomllib(monkeypatch)
    again = TomlCache(root, tmp_path / "cache")
    second = {path.name: again.load(path) for path in (dated, special, plain)}
    assert calls[0] == 2  # dated and special; plain came from the cache
    assert second["dated.toml"]["day"] == date(1979, 5, 27)
    assert second["dated.toml"] == first["dated.toml"]
    assert math.isnan(second["special.toml"]["x"])  # type: ignore[arg-type]
    assert second["special.toml"]["y"] == -math.inf
    assert repr(second["plain.toml"]) == repr(first["plain.toml"])


def test_the_cache_folder_defaults_to_the_per_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    platformdirs = pytest.importorskip("platformdirs")
    monkeypatch.delenv(ENV_CACHE_DIR, raising=False)
    assert toml_cache.cache_dir() == Path(platformdirs.user_cache_dir("CellStack", appauthor=False))
    monkeypatch.setenv(ENV_CACHE_DIR, "/somewhere/else")
    assert toml_cache.cache_dir() == Path("/somewhere/else")
