"""Every command example in docs/explore.md runs on the shipped examples and succeeds."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cellstack.cli import main
from cellstack.io.resources import examples_dir

DOC = Path(__file__).resolve().parents[2] / "docs" / "explore.md"
if not DOC.exists():  # an installed wheel without the source tree
    pytest.skip("docs/explore.md is not beside the tests", allow_module_level=True)

EXAMPLES = [
    line
    for block in re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    for line in block.splitlines()
    if line.startswith("cellstack ")
]


def test_the_page_has_an_example_of_every_command() -> None:
    for command in ("sweep", "seek", "optimize", "compute"):
        assert any(e.startswith(f"cellstack {command} ") for e in EXAMPLES), command


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_runs(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    words = [w.replace("resources/examples/", f"{examples_dir()}/") for w in shlex.split(example)[1:]]
    assert main(words) == 0, capsys.readouterr().err
