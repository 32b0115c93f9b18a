"""What a copy editor reads: the summary after the findings, the format a terminal gets, a
finding far along a long paragraph, --diff's paths and changed words (rule messages:
tests/test_messages.py)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli, text_of
from output_helpers import run_on_terminal

STORY = "It was the the end. TK\nThe talks ended,. Nobody spoke.\n"
SUMMARY = ("Found 5 findings in 2 files (3 fixable with `--fix`, 1 more with `--fix --unsafe-fixes`).\n"
           "[*] marks a finding `--fix` can fix safely.\n")


def three_files(folder: Path) -> list[str]:
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_text("Biden 's plan was the the one.\n", encoding="utf-8")
    (folder / "c.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    return ["a.txt", "b.txt", "c.txt"]


# ------------------------------------------------------------------------------- summary

def test_a_summary_and_the_legend_follow_the_findings_on_standard_error(tmp_path):
    proc = run_cli(*three_files(tmp_path), cwd=tmp_path)
    out, err = text_of(proc)
    assert out.count("\n") == 5 and proc.returncode == 1
    assert err == SUMMARY
    # (LN101 twice and LN201 are safe fixes, LN202's ",." -> "." an unsafe one, LN503 none)
    full = run_cli("--format", "full", *three_files(tmp_path), cwd=tmp_path)
    assert text_of(full)[1] == SUMMARY


def test_no_legend_without_a_safe_fix_and_all_clean_without_findings(tmp_path):
    three_files(tmp_path)
    assert text_of(run_cli("--select", "LN503", "a.txt", cwd=tmp_path))[1] == "Found 1 finding in 1 file.\n"
    proc = run_cli("c.txt", "b.txt", "--select", "LN503", cwd=tmp_path)
    assert text_of(proc) == ("", "All clean: no findings in 2 files.\n") and proc.returncode == 0
    # a file left unchecked is not "all clean"
    proc = run_cli("c.txt", "missing.txt", cwd=tmp_path)
    assert text_of(proc) == ("", "missing.txt: error: no such file\n") and proc.returncode == 2


def test_quiet_and_the_machine_formats_print_no_summary(tmp_path):
    names = three_files(tmp_path)
    proc = run_cli("-q", *names, cwd=tmp_path)
    assert text_of(proc)[1] == "" and text_of(proc)[0].count("\n") == 5
    for args in (["--format", "json"], ["--format", "sarif"], ["--format", "github"], ["--statistics"]):
        proc = run_cli(*args, *names, cwd=tmp_path)
        assert text_of(proc)[1] == "", args
    assert len(json.loads(text_of(run_cli("--format", "json", *names, cwd=tmp_path))[0])) == 5


# ---------------------------------------------------------------------- terminal or pipe

def test_a_terminal_gets_the_findings_grouped_by_file_with_their_lines(tmp_path):
    three_files(tmp_path)
    shown, status = run_on_terminal("a.txt", "b.txt", cwd=tmp_path)
    assert status == 1
    assert shown.startswith("a.txt:\n"
                            "1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
                            "  |\n"
                            "1 | It was the the end. TK\n"
                            "  |            ^^^\n")
    assert "\nb.txt:\n1:6: error: LN201 mangled-possessive" in shown
    assert shown.count("a.txt") == 1 and shown.endswith(
        "Found 5 findings in 2 files (3 fixable with `--fix`, 1 more with `--fix --unsafe-fixes`).\n"
        "[*] marks a finding `--fix` can fix safely.\n")
    # a pipe (scripts, the pre-commit hook) keeps one line a finding; --format wins everywhere
    assert text_of(run_cli("a.txt", cwd=tmp_path))[0].startswith(
        "a.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\na.txt:1:21: ")
    shown, _ = run_on_terminal("--format", "text", "a.txt", cwd=tmp_path)
    assert shown.startswith("a.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\na.txt:1:21:")


WORDS = ("The council said the new flood wall would be finished before the winter and that residents "
         "of the lower town would be told of any delay by letter as well as online. ")


def test_a_finding_far_along_a_markdown_paragraph_shows_the_whole_words_around_it(tmp_path):
    paragraph = WORDS * 8 + "The mayor said it was the the end of a long wait for the people of Lowmarsh. " + WORDS * 3
    (tmp_path / "story.md").write_text("# Flood wall\n\n" + paragraph.strip() + "\n", encoding="utf-8")
    shown, _ = run_on_terminal("story.md", cwd=tmp_path)
    lines = shown.splitlines()
    header = next(i for i, line in enumerate(lines) if "LN101" in line)
    assert lines[header].startswith(f"3:{paragraph.index('the the') + 5}: error: LN101")
    source, carets = lines[header + 2], lines[header + 3]
    text = source.split(" | ", 1)[1]
    assert text.startswith("…") and text.endswith("…") and len(text) <= 102
    assert "The mayor said it was the the end of a long wait" in text
    words = set(paragraph.split())
    assert all(word in words for word in text.strip("…").split())      # cut between words only
    at = carets.index("^")
    assert source[at:at + 8] == "the end " and carets.endswith("^^^")


# ------------------------------------------------------------------------------------ diff

def test_diff_paths_are_relative_to_the_working_directory(tmp_path):
    (tmp_path / "content").mkdir()
    story = tmp_path / "content" / "x.md"
    story.write_text("It was the the end.\n", encoding="utf-8")
    out = text_of(run_cli("--diff", str(story), cwd=tmp_path))[0]
    assert out.startswith("--- a/content/x.md\n+++ b/content/x.md\n@@ -1 +1 @@\n")
    out = text_of(run_cli("--diff", str(story), cwd=REPO))[0]       # a file outside it
    assert "//" not in out and out.startswith(f"--- a/{str(story).lstrip('/')}\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_unified_diff_of_a_pipe_applies_with_git_apply(tmp_path):
    (tmp_path / "content").mkdir()
    story = tmp_path / "content" / "x.md"
    story.write_text("# Talks\n\n" + WORDS * 4 + "It was the the end,, she said.\n", encoding="utf-8")
    patch = text_of(run_cli("--diff", str(story), cwd=tmp_path))[0]
    (tmp_path / "fix.patch").write_text(patch, encoding="utf-8")
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True, capture_output=True)
    assert story.read_text(encoding="utf-8").endswith("It was the end, she said.\n")


def test_diff_on_a_terminal_shows_the_changed_words_not_the_paragraph(tmp_path):
    (tmp_path / "content").mkdir()
    paragraph = WORDS * 4 + "It was the the end of the talks, said Biden 's aide. " + WORDS * 4
    (tmp_path / "content" / "x.md").write_text("# Talks\n\n" + paragraph.strip() + "\n", encoding="utf-8")
    shown, status = run_on_terminal("--diff", "content/x.md", cwd=tmp_path)
    assert status == 1
    assert shown == ("content/x.md:\n"
                     "3: …letter as well as online. It was the [-the -]end of the talks, said Biden[- -]'s aide. "
                     "The council said the new flood…\n"
                     "lintnews: would fix 2 findings in 1 file (LN101 1, LN201 1)\n")
