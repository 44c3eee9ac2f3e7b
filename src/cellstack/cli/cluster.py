"""``--scheduler tcp://HOST:PORT``: a study's chunks computed on a Dask cluster.

dask.distributed is an optional extra (``pip install 'cellstack[cluster]'``): it is imported only
here, when a scheduler is named. The chunks are scatter.py's, so the outputs are those of local
workers, bit for bit. The workers need CellStack installed at the same version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cellstack.cli.errors import CommandLineError
from cellstack.cli.scatter import ChunkResult, Progress, StudyJob, chunks, gather, run_chunk
from cellstack.core.sweep import FloatArray

CONNECT_TIMEOUT_S = 10.0
_ADDRESS = re.compile(r"^(tcp|tls|inproc|ucx)://[^\s/]+$")


def check_address(address: str) -> str:
    if not _ADDRESS.match(address):
        raise CommandLineError(
            f"--scheduler: {address!r} is not a scheduler address; expected tcp://HOST:PORT"
        )
    return address


def _client(address: str) -> Any:
    try:
        import distributed
    except ImportError:
        raise CommandLineError(
            f"--scheduler {address}: needs dask.distributed, the optional cluster extra "
            "(pip install 'cellstack[cluster]')"
        ) from None
    try:
        connect: Any = distributed.Client  # untyped: its own stubs do not cover the call
        return connect(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CommandLineError(
            f"--scheduler: no Dask scheduler answers at {address} within {CONNECT_TIMEOUT_S:g} s ({reason})"
        ) from None


def on_cluster(
    job: StudyJob, points: FloatArray, address: str, progress: Progress | None = None
) -> dict[str, FloatArray]:
    """``job``'s outputs for ``points``, each chunk a task on the cluster at ``address``."""
    client = _client(address)
    try:
        return compute(client, job, points, progress)
    finally:
        client.close()


def compute(
    client: Any, job: StudyJob, points: FloatArray, progress: Progress | None = None
) -> dict[str, FloatArray]:
    """The same with a client already connected (a test's LocalCluster)."""
    pieces = chunks(points, job.chunk)
    shared = client.scatter(job, broadcast=True)  # the project and library go out once
    futures = [client.submit(run_chunk, shared, piece, pure=False) for piece in pieces]
    try:
        results: Iterator[ChunkResult] = (future.result() for future in futures)
        return gather(results, [len(p) for p in pieces], progress)
    finally:
        client.cancel(futures)
