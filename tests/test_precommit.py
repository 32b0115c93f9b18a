"""The pre-commit hook, run by the real `pre-commit try-repo` in a temporary git repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

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
