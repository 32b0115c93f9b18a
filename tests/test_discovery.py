"""Finding the articles in a directory: extensions, exclude globs and .gitignore."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run_cli, tree
from output_helpers import text_without_summary

DEFECT = "It was the the end.\n"


def linted(cwd, *args) -> list[str]:
    proc = run_cli(*args, cwd=cwd)
    out, err = text_without_summary(proc)
    assert "error" not in err and proc.returncode in (0, 1), err
    return sorted({line.split(":")[0] for line in out.splitlines()})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_files_git_ignores_are_skipped(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    tree(tmp_path, {".gitignore": "drafts/\n*.bak.md\n", "a.md": DEFECT, "drafts/b.md": DEFECT,
                    "old.bak.md": DEFECT, "sub/.gitignore": "secret.txt\n", "sub/secret.txt": DEFECT,
                    "sub/c.txt": DEFECT, "page.html": f"<p>{DEFECT}</p>"})
    assert linted(tmp_path, ".") == ["a.md", "page.html", "sub/c.txt"]
    assert linted(tmp_path / "sub", ".") == ["c.txt"]
    # a file named on the command line is linted even if git ignores it
    assert linted(tmp_path, "drafts/b.md") == ["drafts/b.md"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_ignores_by_where_a_file_is_however_the_search_reached_it(tmp_path):
    # each folder is resolved once and its files matched by name: a search through a link
    # to the tree, or by a path with "..", must still find each .gitignore's folder
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    tree(repo, {".gitignore": "draft.txt\nold/\n", "a.txt": DEFECT, "old/b.txt": DEFECT,
                "sub/.gitignore": "*.md\n", "sub/c.txt": DEFECT, "sub/d.md": DEFECT, "other/e.md": DEFECT})
    (repo / "draft.txt").symlink_to(repo / "a.txt")          # an ignored link to a file that is not
    (tmp_path / "link").symlink_to(repo, target_is_directory=True)
    assert linted(repo, ".") == ["a.txt", "other/e.md", "sub/c.txt"]
    assert linted(tmp_path, "link") == ["link/a.txt", "link/other/e.md", "link/sub/c.txt"]
    assert linted(repo / "other", "../sub", ".") == ["../sub/c.txt", "e.md"]


def test_exclude_extensions_and_force_exclude(tmp_path):
    tree(tmp_path, {"lintnews.toml": 'exclude = ["archive/**"]\nextensions = ["md"]\n',
                    "a.md": DEFECT, "b.txt": DEFECT, "archive/c.md": DEFECT})
    assert linted(tmp_path, ".") == ["a.md"]
    assert linted(tmp_path, "archive/c.md") == ["archive/c.md"]
    assert linted(tmp_path, "--force-exclude", "archive/c.md", "a.md") == ["a.md"]
    assert linted(tmp_path, "--exclude", "a.md", ".") == []


def test_stdin_filename_picks_the_loader_and_names_the_file(tmp_path):
    proc = run_cli("-", "--stdin-filename", "news/story.md", stdin=b"It was the **the** end.\n")
    assert text_without_summary(proc)[0] == "news/story.md:1:14: error: LN101 repeated-word 'the' is repeated: delete one\n"


SITE = {"content/a.md": DEFECT, "content/README.md": DEFECT, "README.md": DEFECT, "CHANGELOG.md": DEFECT,
        "LICENSE.txt": DEFECT, "layouts/_default/single.html": f"<p>{DEFECT}</p>",
        "themes/t/layouts/index.html": f"<p>{DEFECT}</p>", "_layouts/post.html": f"<p>{DEFECT}</p>",
        "_includes/x.html": f"<p>{DEFECT}</p>", "static/s.txt": DEFECT, "assets/a.md": DEFECT,
        "public/index.html": f"<p>{DEFECT}</p>", "_site/b.html": f"<p>{DEFECT}</p>",
        "node_modules/m/readme.md": DEFECT}


def test_a_sites_templates_build_output_and_readme_are_not_articles(tmp_path):
    tree(tmp_path, SITE)
    assert linted(tmp_path, ".") == ["content/a.md"]
    # the folder searched may itself sit below one of those names
    assert linted(tmp_path / "public", ".") == ["index.html"]
    # named on the command line, a file is linted unless --force-exclude
    assert linted(tmp_path, "README.md", "layouts/_default/single.html") == ["README.md", "layouts/_default/single.html"]
    assert linted(tmp_path, "--force-exclude", "README.md", "layouts/_default/single.html", "content/a.md") \
        == ["content/a.md"]


def test_exclude_replaces_the_default_excludes_and_extend_exclude_adds_to_them(tmp_path):
    tree(tmp_path, {**SITE, "lintnews.toml": 'exclude = ["content/README.md"]\n'})
    assert "README.md" in linted(tmp_path, ".") and "content/README.md" not in linted(tmp_path, ".")
    (tmp_path / "lintnews.toml").write_text('extend-exclude = ["drafts/"]\n', encoding="utf-8")
    tree(tmp_path, {"drafts/d.md": DEFECT})
    assert linted(tmp_path, ".") == ["content/a.md"]
    assert linted(tmp_path, "--exclude", "content/a.md", ".") == []


def test_include_names_the_files_a_search_takes_instead_of_the_extensions(tmp_path):
    tree(tmp_path, {"content/a.md": DEFECT, "content/b.txt": DEFECT, "content/notes/c.md": DEFECT,
                    "content/d.story": DEFECT, "other/e.md": DEFECT,
                    "lintnews.toml": 'include = ["content/**/*.md", "*.story"]\n'})
    assert linted(tmp_path, ".") == ["content/a.md", "content/d.story", "content/notes/c.md"]
    # a nested configuration's include is relative to its own folder
    (tmp_path / "other" / "lintnews.toml").write_text('include = ["*.txt"]\n', encoding="utf-8")
    tree(tmp_path, {"other/f.txt": DEFECT})
    assert "other/f.txt" in linted(tmp_path, ".") and "other/e.md" not in linted(tmp_path, ".")
