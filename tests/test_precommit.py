"""The pre-commit hook, run by the real `pre-commit try-repo` in a temporary git repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t.invalid"})


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    pytest.importorskip("pre_commit", reason="pre-commit is part of the [test] extra")
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(newsroom: Path, home: Path, hook: str = "lintnews") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook,
                           "--all-files", "--color", "never"],
                          cwd=newsroom, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home)})


def newsroom_repo(path: Path, article: str) -> Path:
    path.mkdir()
    git("init", "-q", cwd=path)
    (path / "story.txt").write_text(article, encoding="utf-8")
    git("add", "story.txt", cwd=path)
    git("commit", "-qm", "story", cwd=path)
    return path


def test_hook_passes_clean_copy_and_fails_defective_copy(tmp_path, pre_commit_home):
    clean = newsroom_repo(tmp_path / "clean", "The council met on Tuesday. It approved the budget.\n")
    proc = try_repo(clean, pre_commit_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout

    warned = newsroom_repo(tmp_path / "warned", '"We will not accept these terms under any circumstances."\n')
    proc = try_repo(warned, pre_commit_home)       # (only a warning: below the default fail-on)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout

    defective = newsroom_repo(tmp_path / "defective", "The council met on the the last day of March. TK\n")
    proc = try_repo(defective, pre_commit_home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout
    assert "story.txt:1:24: error: LN101 repeated-word 'the' is repeated: delete one" in proc.stdout
    assert "story.txt:1:47: error: LN503 placeholder 'TK' left in the copy: fill it in or delete it" in proc.stdout


def test_fix_hook_fixes_the_file_fails_once_then_passes(tmp_path, pre_commit_home):
    newsroom = newsroom_repo(tmp_path / "fix", "The council met on the the last day of March.\n")
    proc = try_repo(newsroom, pre_commit_home, "lintnews-fix")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout and "files were modified by this hook" in proc.stdout
    assert (newsroom / "story.txt").read_text(encoding="utf-8") == "The council met on the last day of March.\n"

    proc = try_repo(newsroom, pre_commit_home, "lintnews-fix")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_fix_hook_still_fails_on_what_it_cannot_fix(tmp_path, pre_commit_home):
    newsroom = newsroom_repo(tmp_path / "unfixable", "The the council met. Her plan TK was bold.\n")
    proc = try_repo(newsroom, pre_commit_home, "lintnews-fix")
    assert proc.returncode == 1
    assert (newsroom / "story.txt").read_text(encoding="utf-8") == "The council met. Her plan TK was bold.\n"
    proc = try_repo(newsroom, pre_commit_home, "lintnews-fix")
    assert proc.returncode == 1 and "files were modified" not in proc.stdout
    assert "story.txt:1:27: error: LN503 placeholder 'TK' left in the copy: fill it in or delete it" in proc.stdout


def test_hooks_respect_exclude_for_the_files_pre_commit_names(tmp_path, pre_commit_home):
    newsroom = tmp_path / "excluding"
    newsroom.mkdir()
    git("init", "-q", cwd=newsroom)
    files = {"lintnews.toml": 'exclude = ["drafts/**"]\n',
             "drafts/x.md": "The council met on the the last day of March.\n",
             "content/lintnews.toml": 'extend = "../lintnews.toml"\nexclude = ["old/**"]\n',
             "content/old/y.md": "The council met on the the last day of March.\n",
             "content/story.md": "The council met on Tuesday.\n"}
    tree(newsroom, files)
    git("add", ".", cwd=newsroom)
    git("commit", "-qm", "articles", cwd=newsroom)
    for hook in ("lintnews", "lintnews-fix"):
        proc = try_repo(newsroom, pre_commit_home, hook)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the the" in (newsroom / "drafts" / "x.md").read_text(encoding="utf-8")
    assert "the the" in (newsroom / "content" / "old" / "y.md").read_text(encoding="utf-8")


def readme_pre_commit_snippet() -> str:
    """The README's one YAML block: the hook, as a newcomer copies it."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    [snippet] = [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]
    return snippet


def copy_of_this_repository(path: Path) -> Path:
    """The repository as it is now (committed or not) in a new git repository whose branch
    is main, as a newsroom's copy of lintnews would be."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (REPO / name).is_file():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, path / name)
    git("init", "-q", "-b", "main", cwd=path)
    git("add", "-A", cwd=path)
    git("commit", "-qm", "lintnews", cwd=path)
    return path


def test_the_readme_snippet_works_as_written(tmp_path, pre_commit_home):
    snippet = readme_pre_commit_snippet()
    url = "https://example.org/newsroom/lintnews"
    assert snippet.count(url) == 1
    lintnews = copy_of_this_repository(tmp_path / "lintnews")
    newsroom = newsroom_repo(tmp_path / "newsroom", "The council met on the the last day of March.\n")
    config = newsroom / ".pre-commit-config.yaml"
    config.write_text(snippet.replace(url, lintnews.as_uri()), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)}

    def pre_commit(*args):
        return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=newsroom,
                              capture_output=True, text=True, timeout=900, env=env)

    proc = pre_commit("run", "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "story.txt:1:24: error: LN101 repeated-word 'the' is repeated" in proc.stdout
    # as the README says: autoupdate --freeze pins the rev to main's commit, and the hook still runs
    proc = pre_commit("autoupdate", "--freeze")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    head = subprocess.run(["git", "rev-parse", "main"], cwd=lintnews, capture_output=True, text=True).stdout.strip()
    assert f"rev: {head}" in config.read_text(encoding="utf-8")
    proc = pre_commit("run", "--all-files")
    assert proc.returncode == 1 and "LN101 repeated-word" in proc.stdout, proc.stdout + proc.stderr
