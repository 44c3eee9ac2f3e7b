"""`--workers N` and `--scheduler`: the same outputs, bit for bit, wherever the designs are computed;
and one clear line when the cluster cannot be used."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pytest

from cellstack.cli import cluster, main
from cellstack.cli.progress import ProgressBar
from cellstack.cli.scatter import CHUNK_DESIGNS, StudyJob, local
from cellstack.core.explore.engine import Invalid
from cellstack.core.explore.grid import axis, grid
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
NMC = examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"
CATHODE = "stack.layers[1].thickness_um"
SEPARATOR = "stack.layers[2].thickness_um"
KEYS = ("delivered_energy_mWh", "delivered_fraction", "specific_energy_Wh_kg", "asr_ohm_cm2")


def _job() -> StudyJob:
    project = load_project(NMC, LIBRARY)
    return StudyJob(project, LIBRARY, (CATHODE, SEPARATOR), str(NMC), KEYS, 2.0, Invalid.RAISE)


POINTS = grid([axis(40.0, 160.0, 37), axis(10.0, 60.0, 41)])  # 1517 designs: four chunks


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


def test_one_two_and_a_local_dask_cluster_give_identical_outputs() -> None:
    assert len(POINTS) > 3 * CHUNK_DESIGNS
    one = local(_job(), POINTS, 1)
    two = local(_job(), POINTS, 2)
    assert _same(one, two)
    assert np.isfinite(one["delivered_energy_mWh"]).all()
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None) as dask_cluster,
        distributed.Client(dask_cluster) as client,
    ):
        on_dask = cluster.compute(client, _job(), POINTS)
    assert _same(one, on_dask)


def test_progress_is_reported_chunk_by_chunk_in_order() -> None:
    seen: list[tuple[int, int]] = []
    local(_job(), POINTS[:1200], 2, lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]


def _sweep(tmp_path: Path, name: str, *extra: str) -> bytes:
    out = tmp_path / name
    args = ["sweep", str(NMC), "--vary", f"{CATHODE}=40:160:30", "--vary", f"{SEPARATOR}=10:60:20"]
    assert main([*args, "--metric", "delivered_energy_mWh", "--csv", str(out), *extra]) == 0
    return out.read_bytes()


def test_sweep_csv_is_the_same_with_two_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _sweep(tmp_path, "one.csv") == _sweep(tmp_path, "two.csv", "--workers", "2")
    assert capsys.readouterr().err == ""  # no progress bar where stderr is not a terminal


def test_monte_carlo_is_the_same_with_two_workers(capsys: pytest.CaptureFixture[str]) -> None:
    # Open-circuit metrics of the vectorised sweep go 50,000 samples a task: three tasks here.
    args = ["compute", str(NMC), "--json", "--samples", "120000", "--uncertain", f"{CATHODE}=5"]
    assert main(args) == 0
    one = capsys.readouterr().out
    assert main([*args, "--workers", "2"]) == 0
    assert capsys.readouterr().out == one


def _bad(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_a_bad_worker_count_or_address_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sweep = ["sweep", str(NMC), "--vary", f"{CATHODE}=40:160:3", "--csv", str(tmp_path / "x.csv")]
    assert "--workers = 0 is not allowed" in _bad([*sweep, "--workers", "0"], capsys)
    assert "expected tcp://HOST:PORT" in _bad([*sweep, "--scheduler", "localhost:8786"], capsys)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1.0)
    pytest.importorskip("distributed")
    err = _bad([*sweep, "--scheduler", "tcp://127.0.0.1:9"], capsys)
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in err
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    err = _bad([*sweep, "--scheduler", "tcp://127.0.0.1:9"], capsys)
    assert "--scheduler tcp://127.0.0.1:9: needs dask.distributed" in err and "cellstack[cluster]" in err
    assert not (tmp_path / "x.csv").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    terminal, piped = _Terminal(), io.StringIO()
    for stream in (terminal, piped):
        bar = ProgressBar("sweep", stream)
        bar(500, 1200)
        bar(1200, 1200)
    assert piped.getvalue() == ""
    lines = terminal.getvalue().split("\r")[1:]
    assert lines[0].startswith("sweep [############..") and "41 % (500/1200 designs)" in lines[0]
    assert lines[1].endswith("100 % (1200/1200 designs)\n")


def test_sweep_on_a_scheduler_address_gives_the_same_csv(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as dask_cluster:
        address = dask_cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        on_dask = _sweep(tmp_path, "dask.csv", "--scheduler", address)
    assert on_dask == _sweep(tmp_path, "here.csv")


def test_a_project_with_its_own_interface_records_discharges_alike_batched_or_alone() -> None:
    from dataclasses import replace

    from cellstack.core.explore.engine import evaluate_designs
    from cellstack.io.design_space import design_space

    project = load_project(Path(__file__).resolve().parent / "golden" / "v2.cellstack", LIBRARY)
    space, _, _ = design_space(project, LIBRARY, [CATHODE, SEPARATOR])
    one_by_one = replace(space, knobs=(None, None))
    points = np.array([[60.0, 20.0], [80.0, 30.0], [110.0, 45.0]])
    keys = ["delivered_energy_mWh", "delivered_capacity_mAh"]
    batched = evaluate_designs(space, points, keys, 2.0)
    alone = evaluate_designs(one_by_one, points, keys, 2.0)
    for key in keys:
        np.testing.assert_allclose(batched[key], alone[key], rtol=1e-9, atol=0.0, err_msg=key)
