"""The command line's --fix, --diff and --unsafe-fixes."""
from __future__ import annotations

from conftest import run_cli
from output_helpers import text_without_summary
from test_fix import DEFECTIVE, FIXED

def test_fix_writes_the_file_and_exits_0_when_nothing_remains(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    proc = run_cli("--fix", str(path))
    out, err = text_without_summary(proc)
    assert (out, proc.returncode) == ("", 0)
    assert err == "lintnews: fixed 4 findings in 1 file (LN101 2, LN202 1, LN203 1); 0 findings remain\n"
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_reports_what_remains_and_exits_1(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("It was the the end. TK\n", encoding="utf-8")
    proc = run_cli("--fix", "--quiet", str(path))
    assert text_without_summary(proc) == (f"{path}:1:17: error: LN503 placeholder 'TK' left in the copy: fill it in or delete it\n", "")
    assert proc.returncode == 1


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nIt was the the end.\n", encoding="utf-8")
    proc = run_cli("--diff", "a.txt", cwd=tmp_path)
    out, err = text_without_summary(proc)
    assert out == ("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n Headline\n \n"
                   "-It was the the end.\n+It was the end.\n")
    assert err == "lintnews: would fix 1 finding in 1 file (LN101 1)\n"
    assert proc.returncode == 1
    assert path.read_text(encoding="utf-8") == "Headline\n\nIt was the the end.\n"
    proc = run_cli("--diff", str(path), "--ignore", "LN101")
    assert text_without_summary(proc)[0] == "" and proc.returncode == 0


def test_fix_on_standard_input_writes_the_fixed_text_to_standard_output():
    proc = run_cli("--fix", "--stdin-filename", "story.txt", "-", stdin="It was the the end. TK\r\n".encode())
    out, err = text_without_summary(proc)
    assert out == "It was the end. TK\r\n"
    assert err.splitlines()[0] == "story.txt:1:17: error: LN503 placeholder 'TK' left in the copy: fill it in or delete it"
    assert proc.returncode == 1


def test_unsafe_fixes_need_fix_or_diff(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The talks ended,. Nobody spoke.\n", encoding="utf-8")
    proc = run_cli("--unsafe-fixes", str(path))
    assert proc.returncode == 2 and "--unsafe-fixes needs --fix or --diff" in text_without_summary(proc)[1]
    assert run_cli("--fix", "--fail-on", "warning", str(path)).returncode == 1
    assert run_cli("--fix", "--fail-on", "warning", "--unsafe-fixes", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == "The talks ended. Nobody spoke.\n"
