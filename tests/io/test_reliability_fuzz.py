"""Hostile and broken project files: whatever the bytes, loading raises InputError or succeeds.

Hypothesis generates the inputs from the shipped examples and golden files: byte-level damage
(truncation, bit flips, inserted or deleted bytes, invalid UTF-8), structural mutations of the
parsed JSON (values of the wrong type, huge or negative numbers, NaN, deep nesting, removed and
unknown keys) and free-form JSON. With CI=true the profile runs at least 10,000 inputs in total
(budget: 60 s); locally about 1,000. The count is printed with the results.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cellstack.core.errors import InputError
from cellstack.io.project import loads_project
from cellstack.io.resources import examples_dir
from cellstack.io.strict_json import MAX_BYTES, MAX_DEPTH, parse_json

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = [
    p.read_bytes() for p in [*sorted(examples_dir().glob("*.cellstack")), *sorted(GOLDEN.glob("*.cellstack"))]
]
DOCUMENTS = [json.loads(seed) for seed in SEEDS]

IN_CI = os.environ.get("CI", "").lower() == "true"
PROFILE = "cellstack-fuzz-ci" if IN_CI else "cellstack-fuzz-dev"
settings.register_profile(
    "cellstack-fuzz-ci",
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure in CI reproduces locally
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
settings.register_profile("cellstack-fuzz-dev", settings.get_profile("cellstack-fuzz-ci"))
# Inputs per test in CI (10,000 together, about 35 s on a 2-core VM); locally a twentieth of that.
BUDGET = {"bytes": 4500, "structure": 3000, "free-form": 500, "pathological": 2000}
SCALE = 1 if IN_CI else 20
TOTAL: dict[str, int] = {}


def fuzz(name: str) -> settings:
    return settings(settings.get_profile(PROFILE), max_examples=BUDGET[name] // SCALE)


def _load(data: bytes) -> str:
    """Load, and return "ok" or "error"; anything but InputError fails the test."""
    try:
        loads_project(data, "fuzz.cellstack")
    except InputError as exc:
        # Every refusal says where, what and what would have been allowed.
        assert exc.field and exc.allowed and exc.source == "fuzz.cellstack", repr(exc)
        assert str(exc).startswith("fuzz.cellstack: ")
        return "error"
    return "ok"


def _run(name: str, test: Callable[[], None], capsys: pytest.CaptureFixture[str]) -> None:
    start = time.perf_counter()
    test()
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(f"\n[fuzz {name}] {TOTAL[name]} inputs in {elapsed:.1f} s ({PROFILE}): only InputError escaped")


def _count(name: str) -> None:
    TOTAL[name] = TOTAL.get(name, 0) + 1


# ---- byte-level damage ----------------------------------------------------------------------


# Hypothesis draws which file, how many kinds of damage and a seed; the kinds and places come from
# that seed. Drawing every position through Hypothesis costs about 0.25 ms a draw, which
# would put 10,000 inputs far beyond the CI budget.
DAMAGE = ("truncate", "flip", "insert", "delete", "overwrite", "duplicate")
BAD_CHUNKS = (b"\xff\xfe", b"\xc3(", b"\xed\xa0\x80", b"NaN", b"-Infinity", b"1e999", b"\x00", b'"')


def damage(data: bytes, count: int, seed: int) -> bytes:
    """``count`` random kinds of damage at random places, all decided by ``seed``."""
    rng = random.Random(seed)
    out = bytearray(data)
    for kind in rng.choices(DAMAGE, k=count):
        at = rng.randrange(max(len(out), 1))
        if kind == "truncate":
            del out[at:]
        elif kind == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == "delete":
            del out[at : at + rng.randint(1, 64)]
        elif kind == "overwrite":
            chunk = rng.choice(BAD_CHUNKS)
            out[at : at + len(chunk)] = chunk
        elif kind == "duplicate":
            out[at:at] = out[at : at + rng.randint(1, 200)]
    return bytes(out)


DAMAGED_BYTES = st.builds(
    damage,
    st.sampled_from(SEEDS),
    st.integers(1, 4),
    st.integers(0, 2**32),
)


def test_fuzz_damaged_bytes(capsys: pytest.CaptureFixture[str]) -> None:
    @fuzz("bytes")
    @given(DAMAGED_BYTES)
    def check(data: bytes) -> None:
        _count("bytes")
        _load(data)

    _run("bytes", check, capsys)


# ---- structural mutations of valid documents ------------------------------------------------

HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**310),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -0.0, -1, 1e-320, 1e308, -1e308, 2**63, 10**4000 // 10**3990]),
    st.text(max_size=30),
    st.sampled_from(
        ["", "NaN", "__import__('os').system('touch canary')", "__class__", "\ud800", "x" * 5000]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _container_paths(value: Any, keys: tuple[Any, ...], out: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Key paths of every object and array, computed once per seed (walking per input is slow)."""
    if isinstance(value, (dict, list)):
        out.append(keys)
        for key, inner in value.items() if isinstance(value, dict) else enumerate(value):
            _container_paths(inner, (*keys, key), out)
    return out


PATHS = [_container_paths(document, (), []) for document in DOCUMENTS]


def _follow(document: Any, keys: tuple[Any, ...]) -> Any:
    """The container at ``keys``, or the whole document when an earlier mutation removed it."""
    target = document
    for key in keys:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return document
    return target if isinstance(target, (dict, list)) else document


def mutate(seed: int, values: list[Any], choices: int) -> bytes:
    """Put each hostile value somewhere in a copy of a seed document (where: from ``choices``)."""
    rng = random.Random(choices)
    document = json.loads(SEEDS[seed])  # a fresh copy
    for value in values:
        target = _follow(document, rng.choice(PATHS[seed]))
        action = rng.choice(["replace", "replace", "replace", "delete", "nest", "repeat"])
        if isinstance(target, dict):
            key = rng.choice([*target, "zz_unknown", "version"]) if target else "zz_unknown"
            if action == "delete":
                target.pop(key, None)
            elif action == "nest":
                target[key] = _nest(target.get(key), rng.randint(1, 3 * MAX_DEPTH))
            else:
                target[key] = value
        elif target:
            index = rng.randrange(len(target))
            if action == "delete":
                del target[index]
            elif action == "repeat":
                target.extend([target[index]] * rng.randint(1, 250))
            else:
                target[index] = value
    return json.dumps(document, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


MUTATED_DOCUMENTS = st.builds(
    mutate,
    st.integers(0, len(SEEDS) - 1),
    st.lists(HOSTILE_VALUES, min_size=1, max_size=2),
    st.integers(0, 2**32),
)


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def test_fuzz_mutated_documents(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes: dict[str, int] = {}

    @fuzz("structure")
    @given(MUTATED_DOCUMENTS)
    def check(data: bytes) -> None:
        _count("structure")
        result = _load(data)
        outcomes[result] = outcomes.get(result, 0) + 1

    _run("structure", check, capsys)
    assert not Path("canary").exists()


# ---- free-form JSON and pathological shapes -------------------------------------------------

# Keys the loader knows, so free-form documents reach past the first check now and then.
KEYS = st.sampled_from(
    ["stack", "layers", "material", "thickness_um", "materials", "id", "roles", "name", "x"]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def free_form(draw: st.DrawFn) -> bytes:
    body = draw(st.dictionaries(KEYS, JSON_VALUES, max_size=3))
    if draw(st.booleans()):
        body.update(format="cellstack", version=draw(st.sampled_from([1, 2, 0, 1.0, "1", None])))
    return json.dumps(body).encode("utf-8", "surrogatepass")


def test_fuzz_free_form_json(capsys: pytest.CaptureFixture[str]) -> None:
    @fuzz("free-form")
    @given(free_form())
    def check(data: bytes) -> None:
        _count("free-form")
        assert _load(data) == "error"

    _run("free-form", check, capsys)


def _nested(depth: int, brackets: tuple[str, str], closed: bool) -> bytes:
    opener, closer = brackets
    return (opener * depth + ("1" + closer * depth if closed else "")).encode()


BRACKETS = st.sampled_from([("[", "]"), ('{"a":', "}")])
PATHOLOGICAL = st.one_of(
    st.builds(_nested, st.integers(MAX_DEPTH + 1, 5000), BRACKETS, st.booleans()),
    st.integers(10, 20000).map(lambda n: b'{"format": "cellstack", "version": ' + b"9" * n + b"}"),
    st.integers(300, 100000).map(lambda n: b'{"format": "cellstack", "version": 1e%d}' % n),
    st.sampled_from(SEEDS).map(lambda seed: b"\xef\xbb\xbf" + seed),  # a byte-order mark
    st.binary(max_size=200),
    st.integers(1, 50).map(lambda n: b'{"a": "' + b"\\ud800" * n + b'"}'),
    st.just(b'{"stack": 1, "stack": 2}'),
    st.integers(0, 100000).map(lambda n: b"[" + b"0," * n + b"0]"),
)


def test_fuzz_pathological_shapes(capsys: pytest.CaptureFixture[str]) -> None:
    @fuzz("pathological")
    @given(PATHOLOGICAL)
    def check(data: bytes) -> None:
        _count("pathological")
        assert _load(data) == "error"

    _run("pathological", check, capsys)


# ---- fixed cases ------------------------------------------------------------------------------


def test_files_over_the_size_limit_are_refused_before_parsing() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="file size"):
        loads_project(b" " * (MAX_BYTES + 1))
    assert time.perf_counter() - start < 1.0


def test_deep_nesting_is_refused_quickly_even_at_the_size_limit() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="nesting"):
        parse_json(b"[" * (MAX_BYTES - 1), "deep")
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": -Infinity}',
        b'{"a": "\\ud800"}',
        b'{"format": "cellstack", "version": 1, "stack": {}, "__class__": 1}',
        b'"just a string"',
        b"[]",
        b"null",
        b'{"format": "cellstack", "version": 1, "stack": {"layers": [' + b'{"a": 1},' * 300 + b"1]}}",
    ],
)
def test_odd_but_valid_json_is_an_input_error(raw: bytes) -> None:
    with pytest.raises(InputError):
        loads_project(raw, "odd.cellstack")


def _reference_depth(raw: str) -> int:
    """The obvious character-by-character scan that strict_json's fast scan must agree with."""
    depth = deepest = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet='[]{}"\\ a\n', max_size=80))
def test_fast_depth_scan_agrees_with_the_obvious_one(raw: str) -> None:
    from cellstack.io.strict_json import _depth

    assert min(_depth(raw), MAX_DEPTH + 1) == min(_reference_depth(raw), MAX_DEPTH + 1)


def test_totals_meet_the_ci_target(capsys: pytest.CaptureFixture[str]) -> None:
    """Runs last in this file: the inputs the fuzz tests above tried, all together."""
    if len(TOTAL) < len(BUDGET):
        pytest.skip("only part of the fuzz tests ran")
    total = sum(TOTAL.values())
    with capsys.disabled():
        print(f"\n[fuzz total] {total} generated inputs ({PROFILE}), only InputError escaped")
    assert total >= (10_000 if IN_CI else 500), TOTAL
