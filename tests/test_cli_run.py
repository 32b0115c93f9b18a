"""The command line's --exit-zero and --quiet."""
from __future__ import annotations

from conftest import run_cli
from output_helpers import text_without_summary


def test_exit_zero_even_with_findings_but_not_with_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli("--exit-zero", str(bad))
    assert proc.returncode == 0 and "LN101" in text_without_summary(proc)[0]
    proc = run_cli("--exit-zero", str(bad), str(tmp_path / "missing.txt"))
    assert proc.returncode == 2 and text_without_summary(proc)[1] == f"{tmp_path / 'missing.txt'}: error: no such file\n"


def test_quiet_prints_findings_and_errors_only(tmp_path):
    (tmp_path / "empty").mkdir()
    bad = tmp_path / "bad.txt"
    bad.write_text("It was the the end. TK\n", encoding="utf-8")
    proc = run_cli(str(tmp_path / "empty"), str(bad), "--fix")
    assert "no articles found" in text_without_summary(proc)[1] and "lintnews: fixed 1 finding" in text_without_summary(proc)[1]
    bad.write_text("It was the the end. TK\n", encoding="utf-8")
    proc = run_cli(str(tmp_path / "empty"), str(bad), "--fix", "--quiet")
    assert text_without_summary(proc) == (f"{bad}:1:17: error: LN503 placeholder 'TK' left in the copy: fill it in or delete it\n", "")


def test_a_folder_called_archive_is_linted_not_swept(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    proc = run_cli("archive", cwd=tmp_path)
    assert text_without_summary(proc)[0] == "archive/a.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
