"""Shared set-up for the PDF summary tests: the shipped examples rendered once per session.

pypdf needs about a second to read back one report (Qt positions every glyph on its own), so
each example is rendered and read once and the tests share the result.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")

from cellstack import cli  # noqa: E402  (after the skips above)
from cellstack.io.library import Library, default_library  # noqa: E402
from cellstack.io.resources import examples_dir  # noqa: E402

EXAMPLES = sorted(examples_dir().glob("*.cellstack"))


@pytest.fixture(scope="session", autouse=True)
def _application(request: pytest.FixtureRequest) -> None:
    """A QApplication before any report code runs: the report would otherwise make a bare
    QGuiApplication, and the widget tests of the same session need the full one."""
    with contextlib.suppress(pytest.FixtureLookupError):
        request.getfixturevalue("qapp")


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def squeeze(text: str) -> str:
    """Text without any whitespace: extraction breaks lines (and sometimes words at symbols such
    as "Ω·cm²") wherever the layout did, so comparisons ignore spacing altogether."""
    return "".join(text.split())


@dataclass
class Rendered:
    source: Path
    pdf: Path
    data: dict[str, Any]  # `compute --json` for the same file and options
    pages: list[str]  # extracted text of each page
    sizes: list[tuple[float, float]]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def render_and_read(source: Path, pdf: Path, *options: str) -> Rendered:
    code, _, err = run_cli("report", str(source), "-o", str(pdf), *options)
    assert code == 0, err
    compute_options = [
        o
        for pair in zip(options[::2], options[1::2], strict=True)
        for o in pair
        if pair[0] == "--temperature"
    ]
    code, out, err = run_cli("compute", str(source), "--json", *compute_options)
    assert code == 0, err
    reader = pypdf.PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    return Rendered(source, pdf, json.loads(out), pages, sizes)


@pytest.fixture(scope="session")
def rendered_examples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Rendered]]:
    folder = tmp_path_factory.mktemp("reports")
    yield {source.stem: render_and_read(source, folder / f"{source.stem}.pdf") for source in EXAMPLES}
