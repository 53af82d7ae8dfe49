"""The README's commands work as written (in a fresh folder, on the sample corpus)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_commands() -> list[list[str]]:
    """Every `dckg ...` line of the README's sh blocks, comments removed."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("dckg "):
                commands.append(shlex.split(line, comments=True))
    return commands


def test_readme_names_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "pip install -e . && dckg build" in text
    assert "pip install -e '.[test]' && pytest" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in ci


def test_readme_commands_run(tmp_path: Path) -> None:
    commands = readme_commands()
    assert commands and commands[0][:2] == ["dckg", "build"]
    exe = shutil.which("dckg") or ""
    prefix = [exe] if exe else [sys.executable, "-m", "kg.cli"]
    for argv in commands:
        result = subprocess.run(
            [*prefix, *argv[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{shlex.join(argv)}\n{result.stderr[-2000:]}"
        assert result.stdout.strip(), f"{shlex.join(argv)} printed nothing"
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("argv", readme_commands(), ids=lambda a: " ".join(a[1:3]))
def test_readme_commands_have_help(argv: list[str]) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, [argv[1], "--help"])
    assert result.exit_code == 0
