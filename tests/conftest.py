"""Shared test helpers: paths, running the real `lintnews` command, position checks."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LINTNEWS_SHARED", REPO.parent / "shared"))
NEWS_CORPUS = SHARED / "corpus" / "news"


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m lintnews ARGS` and capture its output as text."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "lintnews", *args], cwd=cwd or REPO, input=stdin,
                          capture_output=True, env=full_env, timeout=300)


def text_of(proc: subprocess.CompletedProcess) -> tuple[str, str]:
    return proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` ({relative path: text}) under `root`, making folders; returns root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def cli():
    return run_cli


def assert_positions_inside(text: str, diagnostics) -> None:
    """Every finding's offsets, lines, columns and fix edits lie inside `text`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        assert 1 <= d.line <= d.end_line <= len(lines)
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1
        if d.fix is not None:
            assert all(0 <= e.start <= e.end <= len(text) for e in d.fix.edits)


def needs_news_corpus():
    return pytest.mark.skipif(not NEWS_CORPUS.is_dir(),
                              reason=f"the news corpus is not at {NEWS_CORPUS} (it lives outside the project; "
                                     f"set LINTNEWS_SHARED to the folder holding corpus/news)")
