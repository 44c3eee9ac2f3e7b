"""The README's promises about the command line: two set-up commands, CI running the same test
command, and a command table that lists every command and option the parser knows."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from cellstack.cli.parser import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"

if not README.exists():  # an installed wheel without the source tree
    pytest.skip("README.md is not beside the tests", allow_module_level=True)


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def _shell_blocks(section: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_the_readme_has_exactly_two_set_up_commands_in_a_virtual_environment() -> None:
    blocks = _shell_blocks(_section("Set up"))
    assert len(blocks) == 2 and all("\n" not in block for block in blocks), blocks
    app, tests = blocks
    for block in blocks:
        assert block.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert app.endswith("&& cellstack")
    assert '".[test]"' in tests and tests.endswith("python3 -m pytest")


def test_ci_runs_the_readme_test_command_and_installs_the_packages_the_readme_names() -> None:
    tests_command = _shell_blocks(_section("Set up"))[1]
    script = CI_RUN.read_text(encoding="utf-8")
    assert tests_command in script.splitlines()
    installed = set(re.search(r"apt-get install (.*?)>/dev/null", script, re.DOTALL)[1].split())  # type: ignore[index]
    for package in ("python3-venv", "libegl1", "libgl1", "libglib2.0-0", "poppler-utils", "binutils"):
        assert package in installed
        assert package in _section("Set up")


def _options(parser: argparse.ArgumentParser) -> list[list[str]]:
    """The spellings of each option (`-o`, `--output`), without -h/--help."""
    return [
        a.option_strings for a in parser._actions if a.option_strings and "--help" not in a.option_strings
    ]


def test_the_command_table_lists_every_command_and_option() -> None:
    table = _section("Command line")
    rows = {line.split("`")[1]: line for line in table.splitlines() if line.startswith("| `cellstack")}
    assert "cellstack [FILE]" in rows and "cellstack --version" in rows
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subparsers.choices) == set(COMMANDS)
    for command, sub in subparsers.choices.items():
        row = next((r for usage, r in rows.items() if usage.startswith(f"cellstack {command} ")), "")
        assert row, f"no README row for `cellstack {command}`"
        usage = row.split("`")[1]
        for spellings in _options(sub):
            assert any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", usage) for o in spellings), (
                f"`{spellings[-1]}` of `cellstack {command}` is missing in the README"
            )
