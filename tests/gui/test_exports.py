"""Exports write the file they say, with the extension of the chosen filter, or say why not
(issue 16, item 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cellstack.gui.document import Document
from cellstack.gui.export_paths import with_filter_suffix
from cellstack.gui.main_window import MainWindow


@pytest.fixture
def window(document: Document, shown_window: Callable[[Document], MainWindow]) -> MainWindow:
    return shown_window(document)


@pytest.fixture
def errors(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: seen.append(text))
    return seen


def choose(monkeypatch, name: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(name), ""))


def test_the_filter_extension_is_added_once() -> None:
    assert with_filter_suffix("/tmp/rate", "PNG image (*.png)") == Path("/tmp/rate.png")
    assert with_filter_suffix("/tmp/rate.PNG", "PNG image (*.png)") == Path("/tmp/rate.PNG")
    assert with_filter_suffix("/tmp/v1.2", "CSV (*.csv)") == Path("/tmp/v1.2.csv")


@pytest.mark.parametrize(("kind", "suffix", "magic"), [("png", ".png", b"\x89PNG"), ("svg", ".svg", b"<")])
def test_a_plot_exports_under_a_name_without_extension(  # type: ignore[no-untyped-def]
    window: MainWindow, monkeypatch, tmp_path: Path, errors: list[str], kind: str, suffix: str, magic: bytes
) -> None:
    choose(monkeypatch, tmp_path / "rate")
    window.files._export_plot(kind)
    written = tmp_path / f"rate{suffix}"
    assert errors == []
    assert written.read_bytes().lstrip()[: len(magic)] == magic
    assert not (tmp_path / "rate").exists()


def test_csv_exports_get_their_extension(
    window: MainWindow, monkeypatch, tmp_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    choose(monkeypatch, tmp_path / "curves")
    window.files._export_plot("csv")
    choose(monkeypatch, tmp_path / "layers")
    window.files.export_table("layers")
    choose(monkeypatch, tmp_path / "metrics")
    window.files.export_metrics_json()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == [
        "curves.csv", "layers.csv", "metrics.json"
    ]  # fmt: skip


def test_a_failed_plot_export_is_reported(
    window: MainWindow, monkeypatch, tmp_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    choose(monkeypatch, tmp_path / "no such folder" / "rate.png")
    window.files._export_plot("png")
    assert len(errors) == 1 and "rate.png" in errors[0]
    choose(monkeypatch, tmp_path / "no such folder" / "data.csv")
    window.files._export_plot("csv")
    assert len(errors) == 2 and "data.csv" in errors[1]
