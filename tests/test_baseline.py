"""Baselines: record an archive's findings, then fail only on new ones."""
from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import run_cli
from output_helpers import text_without_summary

UNIT = "Then came a long and quiet pause. It was the the end of the game. "
TAIL = "Then came a long and quiet pause.\n"


def newsroom(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("Headline\n\nThe council met on the the last day of March.\n", encoding="utf-8")
    (archive / "b.txt").write_text("Biden 's plan was approved. It was costly.\n", encoding="utf-8")
    return archive


def test_a_baseline_hides_todays_findings_and_shows_new_ones(tmp_path):
    archive = newsroom(tmp_path)
    proc = run_cli("archive", "--write-baseline", "lintnews-baseline.json", cwd=tmp_path)
    assert text_without_summary(proc) == ("", "lintnews: recorded 2 findings in the baseline lintnews-baseline.json\n")
    assert proc.returncode == 0

    proc = run_cli("archive", "--baseline", "lintnews-baseline.json", cwd=tmp_path)
    assert text_without_summary(proc) == ("", "lintnews: 2 findings recorded in the baseline not reported\n")
    assert proc.returncode == 0

    # lines move (a new first paragraph, CRLF line endings): the old findings still match
    a = archive / "a.txt"
    a.write_bytes(("Updated: a correction was added.\r\n\r\n" + a.read_text(encoding="utf-8")).replace(
        "\n", "\r\n").replace("\r\r\n", "\r\n").encode())
    # a new defect: only it is reported
    (archive / "b.txt").write_text("Biden 's plan was approved. It was costly,, said the the mayor.\n",
                                   encoding="utf-8")
    proc = run_cli("archive", "--baseline", "lintnews-baseline.json", "--quiet", "--fail-on", "warning",
                   cwd=tmp_path)
    assert text_without_summary(proc)[0].splitlines() == [
        "archive/b.txt:1:42: error: LN202 doubled-punctuation doubled punctuation ',,': keep one ',' [*]",
        "archive/b.txt:1:54: error: LN101 repeated-word 'the' is repeated: delete one [*]",
    ]
    assert proc.returncode == 1


def test_counts_matter(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(UNIT * 2 + TAIL, encoding="utf-8")
    assert run_cli("story.txt", "--write-baseline", "base.json", cwd=tmp_path).returncode == 0
    [entry] = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]
    assert entry["count"] == 2
    story.write_text(UNIT * 3 + TAIL, encoding="utf-8")
    proc = run_cli("story.txt", "--baseline", "base.json", cwd=tmp_path)
    assert text_without_summary(proc)[0] == "story.txt:1:178: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
    assert text_without_summary(proc)[1] == "lintnews: 2 findings recorded in the baseline not reported\n"


def test_the_file_is_versioned_sorted_and_relative_to_its_folder(tmp_path):
    archive = newsroom(tmp_path)
    run_cli(str(archive / "b.txt"), str(archive / "a.txt"), "--write-baseline", str(tmp_path / "base.json"),
            cwd=archive)
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert data == {"version": 1, "findings": [
        {"path": "archive/a.txt", "code": "LN101", "text": "the", "before": "adline The council met on the ",
         "after": " last day of March. ", "count": 1},
        {"path": "archive/b.txt", "code": "LN201", "text": " 's", "before": "Biden",
         "after": " plan was approved. It was cos", "count": 1},
    ]}
    # used from another folder, with other spellings of the same paths, it still matches
    proc = run_cli("a.txt", "./b.txt", "--baseline", "../base.json", cwd=archive)
    assert proc.returncode == 0 and text_without_summary(proc)[0] == ""


def test_a_missing_or_broken_baseline_is_a_one_line_error(tmp_path):
    newsroom(tmp_path)
    proc = run_cli("archive", "--baseline", "nope.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert text_without_summary(proc)[1] == ("lintnews: error: baseline nope.json: no such file "
                                "(make one with --write-baseline)\n")
    (tmp_path / "old.json").write_text('{"version": 99, "findings": []}', encoding="utf-8")
    proc = run_cli("archive", "--baseline", "old.json", cwd=tmp_path)
    assert proc.returncode == 2 and "not a lintnews baseline of format version 1" in text_without_summary(proc)[1]
    (tmp_path / "bad.json").write_text('{"version": 1, "findings": [{"path": "x"}]}', encoding="utf-8")
    proc = run_cli("archive", "--baseline", "bad.json", cwd=tmp_path)
    assert proc.returncode == 2 and "malformed finding" in text_without_summary(proc)[1]
    assert "Traceback" not in text_without_summary(proc)[1]


def test_write_baseline_does_not_mix_with_fixing(tmp_path):
    newsroom(tmp_path)
    proc = run_cli("archive", "--fix", "--write-baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2 and "--write-baseline records findings as they are" in text_without_summary(proc)[1]
    assert not (tmp_path / "b.json").exists()


def test_fix_then_baseline_reports_only_new_unfixable_findings(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Her plan TK was bold. It was the the end.\n", encoding="utf-8")
    run_cli("story.txt", "--write-baseline", "base.json", cwd=tmp_path)
    proc = run_cli("story.txt", "--fix", "--baseline", "base.json", cwd=tmp_path)
    assert proc.returncode == 0 and text_without_summary(proc)[0] == ""
    assert story.read_text(encoding="utf-8") == "Her plan TK was bold. It was the end.\n"


def test_a_baseline_of_a_file_name_that_is_not_utf_8_reads_back_and_keeps_its_mode(tmp_path):
    # json.dumps of the name's surrogates raised while the file was open: the old baseline
    # was left empty and the run ended in "internal error"
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as fh:
            fh.write(b"It was the the end.\n")
    except OSError:
        pytest.skip("this file system takes only UTF-8 file names")
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{}", encoding="utf-8")
    baseline.chmod(0o640)
    proc = run_cli("--write-baseline", "baseline.json", ".", cwd=tmp_path)
    assert proc.returncode == 0 and "recorded 1 finding" in text_without_summary(proc)[1]
    assert stat.S_IMODE(baseline.stat().st_mode) == 0o640
    assert json.loads(baseline.read_bytes())["findings"][0]["path"] == "caf\udce9.txt"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".lintnews-tmp")]
    proc = run_cli("--baseline", "baseline.json", ".", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_a_baseline_that_would_overwrite_an_article_is_refused(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    for named, baseline in (("a.txt", "a.txt"), (".", "./a.txt")):
        proc = run_cli(named, "--write-baseline", baseline, cwd=tmp_path)
        assert (proc.returncode, text_without_summary(proc)) == (2, ("", (
            f"lintnews: error: --write-baseline {baseline}: that is one of the articles to lint; name another file\n")))
        assert article.read_text(encoding="utf-8") == "It was the the end.\n"
