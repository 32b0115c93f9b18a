"""--jobs: several processes, the same output in the same order as one."""
from __future__ import annotations

import shutil

from conftest import REPO, run_cli, text_of

SEEDS = REPO / "seeds"


def many_articles(folder, copies=6):
    """The seed articles several times over, in subfolders (enough files for workers)."""
    for n in range(copies):
        shutil.copytree(SEEDS, folder / f"batch{n}")
    (folder / "broken.txt").write_bytes(b"\x00binary")
    return folder


def test_jobs_give_the_output_of_one_process(tmp_path):
    folder = many_articles(tmp_path)
    serial = run_cli("--jobs", "1", "--format", "json", str(folder))
    parallel = run_cli("--jobs", "2", "--format", "json", str(folder))
    assert serial.returncode == parallel.returncode == 2
    assert text_of(parallel) == text_of(serial)
    assert len(text_of(serial)[0]) > 1000


def test_jobs_with_fix_write_the_same_files(tmp_path):
    one = many_articles(tmp_path / "one")
    two = many_articles(tmp_path / "two")
    first = run_cli("--jobs", "1", "--fix", ".", cwd=one)
    second = run_cli("--jobs", "2", "--fix", ".", cwd=two)
    assert text_of(first) == text_of(second)
    for path in sorted(one.rglob("*.txt")):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes()
    assert (one / "batch0" / "000_c414c113dae7f080.txt").read_text(encoding="utf-8") != \
        (SEEDS / "000_c414c113dae7f080.txt").read_text(encoding="utf-8")


def test_jobs_must_be_a_positive_number():
    proc = run_cli("--jobs", "0", "seeds")
    assert proc.returncode == 2
    assert "expected a whole number of at least 1" in text_of(proc)[1]
