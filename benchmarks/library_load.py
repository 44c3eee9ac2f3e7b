"""How much does the parsed-TOML cache save at start-up? Cold and warm loads measured side by side.

    python benchmarks/library_load.py

cold: no cache file, so every TOML file is parsed and the cache is written;
warm: the cache written by the previous load is read instead of the TOML.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cellstack.io.library import load_library
from cellstack.io.toml_cache import CACHE_NAME, ENV_CACHE_DIR
from timing import median_seconds


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cellstack-bench-cache-") as folder:
        os.environ[ENV_CACHE_DIR] = folder
        cache = Path(folder) / CACHE_NAME
        load_library()  # imports and first-touch costs belong to neither column

        def cold() -> None:
            cache.unlink(missing_ok=True)
            load_library()

        cold_s = median_seconds(cold, 9)
        warm_s = median_seconds(load_library, 9)
    print(
        f"library load: cold {cold_s * 1e3:.0f} ms, warm {warm_s * 1e3:.0f} ms, ratio {cold_s / warm_s:.1f}x"
    )


if __name__ == "__main__":
    main()
