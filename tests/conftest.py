"""Shared test set-up: Qt (if used at all) runs offscreen; the library cache stays out of the home folder."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from cellstack.io.toml_cache import ENV_CACHE_DIR
from cellstack.io.user_library import ENV_MATERIALS_DIR

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SESSION_CACHE = pytest.StashKey[tuple[str, str | None]]()


def pytest_configure(config: pytest.Config) -> None:
    # A hook rather than a session fixture: some test modules load the library at import time,
    # during collection, before any fixture runs. Set unconditionally, so a developer's own
    # $CELLSTACK_CACHE_DIR (possibly the real cache) is not written by the tests either.
    folder = tempfile.mkdtemp(prefix="cellstack-test-cache-")
    config.stash[_SESSION_CACHE] = (folder, os.environ.get(ENV_CACHE_DIR))
    os.environ[ENV_CACHE_DIR] = folder
    # Nor does a developer's own materials folder change what the tests compute: an empty one.
    os.environ[ENV_MATERIALS_DIR] = os.path.join(folder, "materials")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder, previous = config.stash.get(_SESSION_CACHE, ("", None))
    if not folder:
        return
    if previous is None:
        os.environ.pop(ENV_CACHE_DIR, None)
    else:
        os.environ[ENV_CACHE_DIR] = previous
    shutil.rmtree(folder, ignore_errors=True)
