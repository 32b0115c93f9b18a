"""Whole-article snapshots: every seed article gives exactly its stored output."""
from __future__ import annotations

import pytest

from conftest import REPO, run_cli
from output_helpers import text_without_summary

SEEDS = REPO / "seeds"
SNAPSHOTS = sorted(SEEDS.glob("*.expected"))
CLEAN = sorted((SEEDS / "clean").glob("*.txt"))


@pytest.mark.parametrize("expected", SNAPSHOTS, ids=[p.stem for p in SNAPSHOTS])
def test_seed_snapshot(expected):
    article = expected.with_suffix(".txt")
    proc = run_cli(str(article.relative_to(REPO)))
    out, err = text_without_summary(proc)
    assert err == ""
    assert out == expected.read_text(encoding="utf-8")
    # (exit 1 only for a finding of severity error, the default --fail-on)
    assert proc.returncode == (1 if any(": error: " in line for line in out.splitlines()) else 0)


def test_seed_article_has_the_defects_the_issue_names():
    out, _ = text_without_summary(run_cli("seeds/000_c414c113dae7f080.txt"))
    found = {(line.split(":")[1], line.split()[3]) for line in out.splitlines()}
    for line, name in [("7", "repeated-word"), ("23", "repeated-word"), ("31", "mangled-possessive"),
                       ("17", "unmarked-quote"), ("25", "unmarked-quote")]:
        assert (line, name) in found
    assert "'assisting' is repeated" in out and "'advisory' is repeated" in out


@pytest.mark.parametrize("article", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_seed_is_clean(article):
    proc = run_cli(str(article))
    assert text_without_summary(proc) == ("", "")
    assert proc.returncode == 0


def test_there_are_clean_articles():
    assert len(CLEAN) >= 3
