"""README facts: its test command is the one CI runs, and its CLI examples work as written."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, re.S)


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci_lines = [
        line for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines() if line.startswith("python3")
    ]
    assert len(ci_lines) == 1
    setup_blocks = [b.strip() for b in _bash_blocks() if b.strip().startswith("python3 -m venv")]
    assert len(setup_blocks) == 2, "exactly two set-up commands"
    assert ci_lines[0] in setup_blocks
    assert "pytest" in ci_lines[0]


def _cli_examples() -> list[list[str]]:
    commands = []
    for block in _bash_blocks():
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("nkterm "):
                commands.append(shlex.split(line)[1:])
    return commands


def test_readme_cli_examples_work_in_order(tmp_path: Path) -> None:
    """Every `nkterm ...` line of the README, run in order as a user would type them."""
    env = {**os.environ, "NKTERM_INDEX": str(tmp_path / "ix"), "NKTERM_DATA": str(tmp_path / "data")}
    examples = _cli_examples()
    assert len(examples) >= 8
    for argv in examples:
        result = subprocess.run(
            [sys.executable, "-m", "nkterm", *argv], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, (argv, result.stderr)
        assert result.stdout.strip() or "did you mean" in result.stderr, argv
