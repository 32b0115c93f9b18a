"""Suppression comments in Markdown and HTML, and per-file-ignores in configuration."""
from __future__ import annotations

from conftest import run_cli
from output_helpers import text_without_summary
from lintnews.config import Config
from lintnews.engine import Linter


def codes(text: str, name: str = "a.md", **config) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in Linter(Config(**config)).lint_text(text, name).diagnostics]


def test_ignore_on_the_same_line_and_on_the_line_before():
    text = ("It was the the end. <!-- lintnews: ignore LN101 -->\n\n"
            "<!-- lintnews: ignore repeated-word -->\nIt was the the start.\n\n"
            "It was the the middle.\n")
    assert codes(text) == [(6, "LN101")]


def test_ignore_names_only_the_rules_it_names():
    text = "Biden 's aides said it was the the end. <!-- lintnews: ignore LN2 -->\n"
    assert codes(text) == [(1, "LN101")]


def test_ignore_file_and_disable_enable_regions():
    assert codes("<!-- lintnews: ignore-file -->\nIt was the the end.\n") == []
    text = ("It was the the start.\n\n<!-- lintnews: disable LN101 -->\n\nIt was the the middle.\n\n"
            "<!-- lintnews: enable LN101 -->\n\nIt was the the end.\n")
    assert codes(text) == [(1, "LN101"), (9, "LN101")]
    html = "<p>It was the the start.</p>\n<!-- lintnews: disable -->\n<p>It was the the end.</p>\n"
    assert codes(html, "a.html") == [(1, "LN101")]


def test_unused_suppressions_are_reported_on_request():
    text = "It was the end. <!-- lintnews: ignore LN101 -->\n\nIt was the the start. <!-- lintnews: ignore LN101 -->\n"
    assert codes(text) == []
    assert codes(text, report_unused_suppressions=True) == [(1, "LN001")]
    proc = run_cli("--report-unused-suppressions", "-", "--stdin-filename", "story.md", stdin=text.encode())
    out, _ = text_without_summary(proc)
    assert out == "story.md:1:17: warning: LN001 unused-suppression 'lintnews: ignore LN101' suppresses nothing\n"


def test_plain_text_has_no_suppression_comments():
    assert codes("It was the the end. <!-- lintnews: ignore LN101 -->\n", "a.txt") == [(1, "LN101")]


def test_per_file_ignores(tmp_path):
    (tmp_path / "lintnews.toml").write_text('[per-file-ignores]\n"wire/*.txt" = ["repeated-word"]\n', encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It was the the end.\n", encoding="utf-8")
    out, _ = text_without_summary(run_cli(".", cwd=tmp_path))
    assert out == "b.txt:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"


def test_per_file_ignores_must_name_known_rules(tmp_path):
    (tmp_path / "lintnews.toml").write_text('[per-file-ignores]\n"*.txt" = ["LN999"]\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Fine.\n", encoding="utf-8")
    proc = run_cli(".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "per-file-ignores: 'LN999' matches no rule" in text_without_summary(proc)[1]


def test_directives_and_codes_are_read_in_any_case():
    text = ("It was the the end. <!-- LINTNEWS: IGNORE ln101 -->\n\n"
            "<!-- LintNews : Disable Repeated-Word -->\n\nIt was the the start.\n")
    assert codes(text, report_unused_suppressions=True) == []
    assert codes("It was the the end. <!-- LINTNEWS: IGNORE ln101 -->\n") == []


def test_a_directive_lintnews_does_not_have_suppresses_nothing_and_is_reported():
    # (`disable-next-line` was read as `disable`, and turned LN101 off to the end of the file)
    text = "<!-- lintnews: disable-next-line LN101 -->\nIt was the the end.\n\nIt was a a day.\n"
    assert codes(text) == [(1, "LN002"), (2, "LN101"), (4, "LN101")]


def test_a_misspelt_suppression_is_reported_on_the_command_line():
    text = "It was the the end. <!-- lintnews: ignroe LN101 -->\n\n<!-- lintnews: ignore LN999 -->\nFine.\n"
    proc = run_cli("-", "--stdin-filename", "story.md", stdin=text.encode())
    out, _ = text_without_summary(proc)
    assert out == ("story.md:1:12: error: LN101 repeated-word 'the' is repeated: delete one [*]\n"
                   "story.md:1:36: error: LN002 invalid-suppression 'ignroe' is not a lintnews directive, so this "
                   "comment suppresses nothing: write 'ignore'\n"
                   "story.md:3:23: error: LN002 invalid-suppression no rule is called 'LN999', so nothing is "
                   "suppressed for it: use a code or name of lintnews --list-rules\n")
    assert codes(text, ignore=("invalid-suppression",)) == [(1, "LN101")]
