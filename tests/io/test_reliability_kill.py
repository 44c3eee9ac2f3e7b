"""kill -9 in the middle of a save: the file is always the old version or the new one.

The trials run in a fresh Python process (``python this_file.py FOLDER TRIALS SEED``) that
imports CellStack once and then forks one writer per trial: forking a clean single-threaded
process is fast and safe, where forking pytest (which may host Qt threads) is not. The writer
saves the "new" project over the "old" one; the parent SIGKILLs it after a random delay drawn
with a fixed seed from 0 to 1.5 times the measured save duration, then looks at the file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

TRIALS = 200
SEED = 20240605


def _projects() -> tuple[object, object]:
    """Two large-ish (about 1 MB) valid projects that differ in name, a thickness and the notes."""
    from cellstack.io.project import load_project
    from cellstack.io.resources import examples_dir

    base = load_project(examples_dir() / "ssb_lco_garnet_li.cellstack")
    layers = list(base.stack.layers)
    cathode = next(i for i, layer in enumerate(layers) if layer.role.value == "cathode")
    material = layers[cathode].material
    notes = tuple(f"note {i}: " + "lorem ipsum dolor sit amet " * 36 for i in range(1000))
    layers[cathode] = replace(layers[cathode], material=replace(material, notes=notes))
    old = replace(base, stack=replace(base.stack, layers=tuple(layers)), name="old version")
    layers[cathode] = replace(layers[cathode], thickness_m=layers[cathode].thickness_m * 1.5)
    new = replace(base, stack=replace(base.stack, layers=tuple(layers)), name="new version")
    return old, new


def run_trials(folder: Path, trials: int, seed: int) -> dict[str, object]:
    from cellstack.io.atomic import TEMP_PATTERN, sweep_stray_temporaries, write_atomically
    from cellstack.io.project import Project, dumps_project, loads_project, save_project

    old, new = _projects()
    assert isinstance(old, Project) and isinstance(new, Project)
    old_bytes, new_bytes = dumps_project(old), dumps_project(new)
    target = folder / "big.cellstack"
    durations = []
    for _ in range(5):
        write_atomically(target, old_bytes)
        start = time.perf_counter()
        save_project(new, target)
        durations.append(time.perf_counter() - start)
    duration = statistics.median(durations)
    rng = random.Random(seed)
    counts = {"old": 0, "new": 0, "corrupt": 0, "missing": 0}
    backups_bad = stray_seen = 0
    for _ in range(trials):
        write_atomically(target, old_bytes, backup=True)  # also sweeps the previous trial's strays
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer: signal the parent, save, and never return into this code
            try:
                os.close(ready_r)
                os.write(ready_w, b"!")
                save_project(new, target)
            finally:
                os._exit(0)
        os.close(ready_w)
        os.read(ready_r, 1)
        os.close(ready_r)
        # Up to 2.5 save times: the forked writer runs slower than the timed saves when the
        # machine is busy, and the kills must still land after the rename often enough.
        time.sleep(rng.uniform(0.0, 2.5 * duration))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        if not target.exists():
            counts["missing"] += 1
        else:
            data = target.read_bytes()
            outcome = "old" if data == old_bytes else "new" if data == new_bytes else "corrupt"
            counts[outcome] += 1
        backup = target.with_name(target.name + ".bak")
        if backup.exists() and backup.read_bytes() not in (old_bytes, new_bytes):
            backups_bad += 1
        stray_seen += sum(1 for p in folder.iterdir() if TEMP_PATTERN.match(p.name))
    strays_before = sum(1 for p in folder.iterdir() if TEMP_PATTERN.match(p.name))
    sweep_stray_temporaries(folder)
    strays_after = sum(1 for p in folder.iterdir() if TEMP_PATTERN.match(p.name))
    loads_project(old_bytes)
    loads_project(new_bytes)
    return {
        "trials": trials,
        **counts,
        "bad_backups": backups_bad,
        "stray_temporaries_seen_after_kills": stray_seen,
        "stray_before_final_sweep": strays_before,
        "stray_after_final_sweep": strays_after,
        "file_bytes": len(new_bytes),
        "save_ms_median": round(duration * 1e3, 2),
        "save_ms_max": round(max(durations) * 1e3, 2),
    }


@pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_kill_9_during_save_leaves_old_or_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = subprocess.run(
        [sys.executable, __file__, str(tmp_path), str(TRIALS), str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    with capsys.disabled():
        print(f"\n[kill -9 during save] {json.dumps(report)}")
    assert report["trials"] >= 200
    assert report["corrupt"] == 0 and report["missing"] == 0
    assert report["old"] + report["new"] == report["trials"]
    assert report["bad_backups"] == 0
    assert report["stray_after_final_sweep"] == 0
    # The random delays must really land on both sides of the rename, or the test proves nothing.
    assert report["old"] >= 10 and report["new"] >= 10, report


if __name__ == "__main__":
    print(json.dumps(run_trials(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
