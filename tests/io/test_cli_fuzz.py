"""Mutated project files through `cellstack compute --json` and `cellstack discharge`.

Each shipped example is mutated in fixed, seeded ways (keys deleted, values of the wrong type,
extreme, tiny and huge numbers, NaN and Infinity as text and as bare tokens, odd Unicode,
truncated bytes, several at once) into 264 files. Each file goes through `compute --json`,
`discharge` (the summary) and `discharge --csv`. Every run must either exit 0 with valid output
(JSON without NaN or Infinity, a CSV of finite numbers, a summary without a NaN or infinite
quantity), or exit 2 with exactly one line on standard error and nothing written. A traceback,
exit 1 or a run longer than RUN_LIMIT_S fails, and the failures are listed by input class.

The runs call the command's main() in this process (a process per run would take minutes); a
few files also go through a real `python -m cellstack` process. A one-line summary is printed.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from cellstack.cli import main
from cellstack.io.resources import examples_dir

EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
FILES_PER_KIND = 24
SEED = 20261203
RUN_LIMIT_S = 20.0
SUBPROCESS_FILES = 6
CSV_HEADER = ["time_s", "capacity_mAh", "voltage_V"]
# A quantity printed as nan or inf ("nan mAh", "inf V", "-inf %"): never a result to show.
NOT_FINITE_QUANTITY = re.compile(r"(?<![\w.])-?(nan|inf)\s*(mAh|mWh|mA|mV|V|min|%|°C)(?!\w)", re.IGNORECASE)

Keys = tuple[str | int, ...]

# ---- mutations --------------------------------------------------------------------------------

EXTREME_NUMBERS: tuple[float | int, ...] = (
    0,
    -0.0,
    0.0,
    -1,
    -1e-300,
    5e-324,
    1e-300,
    1e-12,
    1e12,
    1e300,
    1.7976931348623157e308,
    -1e308,
    2**63,
    10**30,
    123456789.123,
)
SCALES = (1e-12, 1e-6, 1e-3, 1e3, 1e6, 1e12)
# At the bottom of what a positive field may hold: where division by (almost) zero hides.
TINY_POSITIVE = (5e-324, 1e-300, 1e-100, 1e-30, 1e-15, 1e-9, 1e-6)
NAN_TEXT = ("NaN", "nan", "Infinity", "-Infinity", "inf", "1e999", "")
BARE_TOKENS = ("NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999")
ODD_TEXT = (
    "\ud800",  # a lone surrogate (written as the JSON escape)
    "\udfff tail",
    "line one\nline two",
    "tab\tand\rreturn",
    "nul\x00byte",
    "\u202eright to left",
    "😀" * 500,
    "é" * 3,
    "",
    " ",
    "x" * 100_000,
    "=cmd|' /C calc'!A0",
    "\ufeffbom",
)
OTHER_TYPES: tuple[Any, ...] = (None, True, False, 0, 1.5, -3, "text", "", [], [1, 2], {}, {"a": 1})
TOKEN = "@@cellstack-fuzz-token@@"


def _walk(value: Any, keys: Keys = ()) -> Iterator[tuple[Keys, Any]]:
    yield keys, value
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(inner, (*keys, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, (*keys, index))


def _parent(document: Any, keys: Keys) -> Any:
    for key in keys[:-1]:
        document = document[key]
    return document


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pick(rng: random.Random, document: Any, wanted: Callable[[Any], bool]) -> Keys | None:
    places = [keys for keys, value in _walk(document) if keys and wanted(value)]
    return rng.choice(places) if places else None


def _set(document: Any, keys: Keys, value: Any) -> None:
    _parent(document, keys)[keys[-1]] = value


def delete_key(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, lambda _: True)
    if keys is not None:
        del _parent(document, keys)[keys[-1]]
    return document


def wrong_type(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, lambda _: True)
    if keys is not None:
        current = _parent(document, keys)[keys[-1]]
        _set(document, keys, rng.choice([v for v in OTHER_TYPES if type(v) is not type(current)]))
    return document


def extreme_number(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, _is_number)
    if keys is not None:
        _set(document, keys, rng.choice(EXTREME_NUMBERS))
    return document


def scaled_number(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, _is_number)
    if keys is not None:
        _set(document, keys, _parent(document, keys)[keys[-1]] * rng.choice(SCALES))
    return document


def tiny_positive(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, lambda v: _is_number(v) and v > 0)
    if keys is not None:
        _set(document, keys, rng.choice(TINY_POSITIVE))
    return document


def nudged_number(rng: random.Random, document: Any) -> Any:
    """Two values moved a little: most such files are accepted and reach the model."""
    for _ in range(2):
        keys = _pick(rng, document, _is_number)
        if keys is not None:
            _set(document, keys, _parent(document, keys)[keys[-1]] * rng.uniform(0.1, 3.0))
    return document


def nan_as_text(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, _is_number)
    if keys is not None:
        _set(document, keys, rng.choice(NAN_TEXT))
    return document


def bare_token(rng: random.Random, document: Any) -> Any:
    """A number replaced by NaN, Infinity or an overflowing literal, outside any string."""
    keys = _pick(rng, document, _is_number)
    if keys is not None:
        _set(document, keys, TOKEN)
    return document


def odd_unicode(rng: random.Random, document: Any) -> Any:
    keys = _pick(rng, document, lambda v: isinstance(v, str) or (isinstance(v, dict) and bool(v)))
    if keys is None:
        return document
    target = _parent(document, keys)[keys[-1]]
    if isinstance(target, dict) and rng.random() < 0.5:  # a key, not a value
        old = rng.choice(list(target))
        target[rng.choice(ODD_TEXT)] = target.pop(old)
    elif isinstance(target, str):
        _set(document, keys, rng.choice(ODD_TEXT))
    return document


def several(rng: random.Random, document: Any) -> Any:
    for _ in range(rng.randint(2, 4)):
        mutation = rng.choice([delete_key, wrong_type, extreme_number, scaled_number, odd_unicode])
        document = mutation(rng, document)
    return document


def _serialise(rng: random.Random, document: Any) -> bytes:
    text = json.dumps(document, indent=2, ensure_ascii=True)
    while f'"{TOKEN}"' in text:
        text = text.replace(f'"{TOKEN}"', rng.choice(BARE_TOKENS), 1)
    return text.encode("utf-8")


def truncated(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


STRUCTURAL: dict[str, Callable[[random.Random, Any], Any]] = {
    "key deleted": delete_key,
    "wrong type": wrong_type,
    "extreme number": extreme_number,
    "huge or tiny value": scaled_number,
    "tiny positive value": tiny_positive,
    "nudged values": nudged_number,
    "NaN or Infinity as text": nan_as_text,
    "bare NaN, Infinity or overflow": bare_token,
    "odd Unicode": odd_unicode,
    "several at once": several,
}
KINDS = (*STRUCTURAL, "truncated")


@dataclass(frozen=True)
class Mutant:
    kind: str
    source: str
    path: Path
    change: str  # where the file differs from its source, for the failure report


def _dotted(keys: Keys) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys).lstrip(".") or "(top)"


def _shown(value: Any) -> str:
    text = "NaN/Infinity/overflow token" if value == TOKEN else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def differences(old: Any, new: Any, keys: Keys = ()) -> Iterator[str]:
    """Where ``new`` differs from ``old``: "path: old -> new" for each changed place."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old.keys() - new.keys():
            yield f"{_dotted((*keys, key))} deleted"
        for key in new.keys() - old.keys():
            yield f"{_dotted(keys)} gained key {_shown(key)}"
        for key in old.keys() & new.keys():
            yield from differences(old[key], new[key], (*keys, key))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from differences(a, b, (*keys, index))
    elif old != new or type(old) is not type(new):
        yield f"{_dotted(keys)}: {_shown(old)} -> {_shown(new)}"


def make_mutants(folder: Path) -> list[Mutant]:
    originals = [(p.name, p.read_bytes()) for p in EXAMPLES]
    mutants = []
    for number in range(FILES_PER_KIND * len(KINDS)):
        kind = KINDS[number % len(KINDS)]
        name, data = originals[(number // len(KINDS)) % len(originals)]
        rng = random.Random(SEED + number)
        if kind == "truncated":
            mutated = truncated(rng, data)
            change = f"cut after byte {len(mutated)} of {len(data)}"
        else:
            document = STRUCTURAL[kind](rng, copy.deepcopy(json.loads(data)))
            mutated = _serialise(rng, document)
            change = "; ".join(sorted(differences(json.loads(data), document))[:3]) or "no change"
        path = folder / f"m{number:03d}.cellstack"
        path.write_bytes(mutated)
        mutants.append(Mutant(kind, name, path, change))
    return mutants


# ---- running and judging ----------------------------------------------------------------------


class Hang(BaseException):
    """A run took longer than RUN_LIMIT_S (a BaseException, so no `except Exception` hides it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Outcome:
    code: int | str  # the exit status, or what escaped main()
    out: str
    err: str


def run_in_process(args: list[str]) -> Outcome:
    """main(args) with its output captured; a warning counts as printed on stderr, as in a shell."""
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # a fresh process shows each warning at least once
        try:
            with time_limit(RUN_LIMIT_S), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code: int | str = main(args)
        except Hang:
            code = f"no end within {RUN_LIMIT_S:g} s"
        except BaseException as exc:  # anything escaping main() is the finding
            code = f"{type(exc).__name__} escaped main(): {exc}"
    shown = "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in caught)
    return Outcome(code, out.getvalue(), err.getvalue() + shown)


def run_in_subprocess(args: list[str]) -> Outcome:
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cellstack", *args],
            capture_output=True,
            timeout=60,
            check=False,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired:
        return Outcome("no end within 60 s", "", "")
    return Outcome(
        result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
    )


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON (RFC 8259)")


def _encodes(text: str) -> str:
    """What a UTF-8 terminal would fail on (a lone surrogate), or ""."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"output cannot be encoded as UTF-8 ({exc.reason})"
    return ""


def judge_refusal(outcome: Outcome, csv_path: Path | None) -> str:
    lines = outcome.err.split("\n")
    if len(lines) != 2 or lines[1] != "" or not lines[0].startswith("cellstack: "):
        return f"exit 2 without exactly one line on stderr: {outcome.err[:300]!r}"
    if "Traceback" in outcome.err or outcome.out:
        return f"exit 2 with a traceback or output: {outcome.out[:200]!r}"
    if csv_path is not None and csv_path.exists():
        return "exit 2 but the CSV file was written"
    return _encodes(outcome.err)


def judge_json(outcome: Outcome) -> str:
    try:
        data = json.loads(outcome.out, parse_constant=_reject_constant)
    except ValueError as exc:
        return f"exit 0 with invalid JSON ({exc})"
    return "" if isinstance(data, dict) else "exit 0 with JSON that is not an object"


def judge_summary(outcome: Outcome) -> str:
    found = NOT_FINITE_QUANTITY.search(outcome.out)
    if not outcome.out.strip():
        return "exit 0 without a summary"
    return f"exit 0 showing {found.group(0)!r} as a result" if found else ""


def judge_csv(path: Path) -> str:
    if not path.exists():
        return "exit 0 without writing the CSV"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0] != CSV_HEADER or len(rows) < 2:
        return f"exit 0 with a CSV without the header and rows: {rows[:2]}"
    for row in rows[1:]:
        try:
            values = [float(cell) for cell in row]
        except ValueError:
            return f"exit 0 with a CSV row that is not numbers: {row}"
        if len(values) != len(CSV_HEADER) or not all(math.isfinite(v) for v in values):
            return f"exit 0 with a CSV row that is not three finite numbers: {row}"
    return ""


def judge(outcome: Outcome, what: str, csv_path: Path | None) -> str:
    """ "" when the run behaved; otherwise what went wrong, in one line."""
    if outcome.code == 2:
        return judge_refusal(outcome, csv_path)
    if outcome.code != 0:
        lines = outcome.err.strip().splitlines() or [""]
        reason = next((line for line in lines if line.startswith("cellstack: ")), lines[0])
        return f"exit {outcome.code}: {reason[:300]}"
    problem = _encodes(outcome.out + outcome.err)
    if problem or outcome.err:
        return problem or f"exit 0 with stderr: {outcome.err[:200]!r}"
    if what == "compute --json":
        return judge_json(outcome)
    if what == "discharge --csv":
        assert csv_path is not None
        return judge_csv(csv_path)
    return judge_summary(outcome)


def commands(mutant: Mutant, out_folder: Path) -> list[tuple[str, list[str], Path | None]]:
    target = out_folder / f"{mutant.path.stem}.csv"
    file = str(mutant.path)
    return [
        ("compute --json", ["compute", file, "--json"], None),
        ("discharge", ["discharge", file, "--c-rate", "1"], None),
        ("discharge --csv", ["discharge", file, "--c-rate", "2", "--csv", str(target)], target),
    ]


def _report(failures: list[tuple[Mutant, str, str]], most: int = 60) -> str:
    """The failures by input class (mutation and command), each with its file and change."""
    by_class = Counter(f"{m.kind} / {what}" for m, what, _ in failures)
    lines = []
    for name, count in by_class.most_common():
        lines.append(f"{count:4d}  {name}")
        lines += [
            f"        {m.path.name} ({m.source} with {m.change}): {problem}"
            for m, what, problem in failures
            if f"{m.kind} / {what}" == name
        ]
    return "\n".join(
        lines[:most] + ([f"  ... and {len(lines) - most} more lines"] if len(lines) > most else [])
    )


# ---- the test ---------------------------------------------------------------------------------


def test_mutated_files_exit_0_with_valid_output_or_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, outputs = tmp_path / "files", tmp_path / "out"
    files.mkdir()
    outputs.mkdir()
    mutants = make_mutants(files)
    assert len(mutants) >= 200
    started = time.perf_counter()
    failures: list[tuple[Mutant, str, str]] = []
    codes: Counter[str] = Counter()
    for mutant in mutants:
        for what, args, csv_path in commands(mutant, outputs):
            outcome = run_in_process(args)
            codes[str(outcome.code) if outcome.code in (0, 2) else "other"] += 1
            problem = judge(outcome, what, csv_path)
            if problem:
                failures.append((mutant, what, problem))
    # A few real processes: the same rules hold for what a shell sees (encoding, exit status).
    chosen = [next(m for m in mutants if m.kind == kind) for kind in KINDS][:SUBPROCESS_FILES]
    for mutant in chosen:
        for what, args, csv_path in commands(mutant, outputs / "process"):
            (outputs / "process").mkdir(exist_ok=True)
            problem = judge(run_in_subprocess(args), what, csv_path)
            if problem:
                failures.append((mutant, f"{what} (own process)", problem))
    elapsed = time.perf_counter() - started
    runs = sum(codes.values()) + 3 * len(chosen)
    with capsys.disabled():
        print(
            f"\n[fuzz cli] {runs} runs of {len(mutants)} mutated files in {elapsed:.1f} s "
            f"(exit 0: {codes['0']}, exit 2: {codes['2']}, other: {codes['other']}): "
            f"{len(failures)} failures"
        )
    if failures:
        pytest.fail(f"{len(failures)} runs misbehaved, by input class:\n{_report(failures)}", pytrace=False)
