"""The README opens with the two commands a newcomer runs (CI runs the second one), then a
tour whose example output is real, then links to the reference in docs/."""
from __future__ import annotations

import re
import shlex

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


README = REPO / "README.md"


def section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_example_output_is_what_its_command_shows_on_a_terminal():
    from output_helpers import run_on_terminal

    text = README.read_text(encoding="utf-8")
    block = section(text, "A tour").split("```\n$ ", 1)[1].split("\n```", 1)[0]
    command, shown = block.split("\n", 1)
    program, *args = shlex.split(command)
    assert program == "lintnews"
    assert run_on_terminal(*args) == (shown + "\n", 1)


def test_installation_from_git_is_documented_with_the_hooks_repository():
    from packaging.requirements import Requirement

    text = README.read_text(encoding="utf-8")
    install = section(text, "Install")
    repo = re.search(r"- repo: (\S+)", text).group(1)
    assert re.search(rf"^pipx install git\+{re.escape(repo)}\s", install, re.M)
    requirement = Requirement(re.search(r"^pip install '([^']+)'", install, re.M).group(1))     # PEP 508
    assert (requirement.name, requirement.extras, requirement.url) == ("lintnews", {"archive"}, f"git+{repo}")
    assert "pip install 'lintnews[archive]'" not in text + (REPO / "docs" / "archive.md").read_text(encoding="utf-8")


def test_the_readme_is_a_tour_and_the_reference_lives_in_docs():
    text = README.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[:3] == ["Install", "A tour", "More"]
    for step in ("**Lint a file.**", "**Fix it.**", "**Add the hook.**", "**Configure.**", "**Suppress one finding.**"):
        assert step in section(text, "A tour")
    for moved, where, marker in [("bench/speed.py", "performance.md", "## Speed"),
                                 ("bench/memory.py", "performance.md", "## Memory"),
                                 ("bench/archive.py", "archive.md", "## Benchmark"),
                                 ("--format-column", "archive.md", "How it works"),
                                 ("max-findings-per-rule =", "configuration.md", "[tool.lintnews.per-file-ignores]")]:
        assert moved not in text
        doc = REPO / "docs" / where
        assert moved in doc.read_text(encoding="utf-8") and marker in doc.read_text(encoding="utf-8"), where
        assert f"(docs/{where})" in section(text, "More")
    assert "(docs/rules.md)" in section(text, "More")


def test_every_relative_link_of_the_readme_and_docs_leads_somewhere():
    for page in [README, *sorted((REPO / "docs").glob("*.md"))]:
        prose = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.S)   # not code
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", prose):
            if "://" not in target:
                assert (page.parent / target).exists(), f"{page.name}: {target}"
