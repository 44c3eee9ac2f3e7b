"""The manual (docs/*.md) ships where io/resources.py looks for it: in the wheel and the bundle."""

from __future__ import annotations

import tomllib
from pathlib import Path

from cellstack.io import resources

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_the_docs_where_the_package_looks() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs"] == "cellstack/_docs"
    package_root = Path(resources.__file__).resolve().parent.parent
    assert package_root / "_docs" in resources._shipped("docs", "_docs")


def test_a_frozen_bundle_finds_its_docs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / resources.DOCS_MARKER).write_text("# What CellStack computes\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.docs_dir() == tmp_path / "docs"


def test_the_source_checkout_has_the_manual() -> None:
    assert resources.docs_dir().resolve() == (ROOT / "docs").resolve()
