"""The README opens with the two commands a newcomer runs, and CI runs the second one."""
from __future__ import annotations

from conftest import REPO


def readme_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_two_commands():
    setup_and_run, setup_and_test = readme_commands()
    assert setup_and_run.endswith("lintnews seeds/")
    assert "pytest" in setup_and_test


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
