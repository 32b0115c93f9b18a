"""--jobs: several processes, the same output in the same order as one."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

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


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a POSIX signal to a process group here")
def test_ctrl_c_during_a_parallel_run_is_one_line(tmp_path):
    for n in range(3000):
        (tmp_path / f"{n:04d}.txt").write_text(f"Story {n}. It was the the end of the day.\n" * 20, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "lintnews", "--isolated", "--jobs", "2", "."], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert proc.stdout.readline().startswith(b"0000.txt:1:")      # the workers are at work
        os.killpg(proc.pid, signal.SIGINT)                             # as a terminal's Ctrl-C: the group
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    # (each worker took the signal too and printed "Process ForkPoolWorker-1:" and more)
    assert (proc.returncode, err) == (130, b"lintnews: interrupted\n")


KILLER_PACK = '''
import os
import signal

import lintnews
from lintnews.ruleset import Rule


class Killer(Rule):
    """Kills its process on one article, as the out-of-memory killer would.

    ## Why it matters
    It tests a dying worker.
    ## Example
    x
    ## Use instead
    y
    """

    code = "XK101"
    name = "killer"

    def check(self, doc):
        if "poison" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return ()


@lintnews.hookimpl
def lintnews_rules():
    return [Killer]
'''


def test_a_worker_that_dies_is_noticed_not_waited_for(tmp_path):
    from test_plugins import install

    from output_helpers import text_without_summary

    site = tmp_path / "site"
    install(site, "killer-pack", "killer_pack", KILLER_PACK, entry="killer")
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(40):
        text = "A poison pen letter.\n" if i == 25 else "It was the end.\n"
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    proc = run_cli("--isolated", "--jobs", "2", "articles", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    out, err = text_without_summary(proc)
    assert proc.returncode == 2 and out == ""
    lost = [line for line in err.splitlines() if "not linted: a worker process died" in line]
    assert "articles/25.txt: error: not linted: a worker process died" in err
    assert lost and len(lost) == len(err.splitlines())      # (every line says which file and why)
