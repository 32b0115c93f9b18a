"""Fuzzing the Markdown and HTML readers through the public API: any input lints without an
exception, every position lies inside the file, output is deterministic, and the newline
style changes nothing."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings, strategies as st

import lintnews

from conftest import assert_positions_inside

WORDS = ["the", "the the", "Biden", "Biden's", "'s", "’s", '"', "“", "”", "’", ",", ".", " ", "\n", "\n\n",
         "I", "our", "said", "é", "🙂", "\u200d", "\u202e", "\xa0", "\t", "(", ")", "—", "&amp;", "&rsquo;",
         "&#39;", "&", "&bogus;", "<", ">"]
MARKDOWN = WORDS + ["**", "*", "_", "__", "~~", "`", "```\n", "[", "](", "](https://x.org/a b)", "![", "<br>",
                    "<!--", "-->", "> ", "- ", "1. ", "# ", "| a | b |\n|---|---|\n", "[^1]", "[^1]: ",
                    "$", "$$", "\\", "---\n", "+++\n", "title: x\n", "[r]: https://x.org\n", "    code\n", "<div>"]
HTML = WORDS + ["<p>", "</p>", "<b>", "</b>", "<a href='x'>", "</a>", "<br>", "<br/>", "<img alt='the the'>",
                "<script>", "</script>", "<pre>", "</pre>", "<code>", "</code>", "<!--", "-->", "<li>", "<title>",
                "</title>", "<meta name='date' content='2021-07-27'>", "<![CDATA[", "]]>", "<!DOCTYPE html>"]


def documents(pieces):
    return st.lists(st.sampled_from(pieces), max_size=50).map("".join) | st.text(max_size=150)


def check_positions(text: str, name: str) -> list:
    result = lintnews.lint_string(text, name)
    assert [p for p in result.problems if p.kind != "input"] == []
    assert_positions_inside(text, result.diagnostics)
    assert lintnews.lint_string(text, name).diagnostics == result.diagnostics
    return result.diagnostics


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents(MARKDOWN))
def test_any_markdown_lints_with_positions_inside_it(text):
    check_positions(text, "story.md")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents(HTML))
def test_any_html_lints_with_positions_inside_it(text):
    check_positions(text, "story.html")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["story.md", "story.html", "story.txt"]),
       st.lists(st.sampled_from(MARKDOWN + HTML), max_size=40).map("".join))
@example("story.txt", "<I---\n]]>")      # a tag across lines was quoted with its line break
def test_newline_style_does_not_change_findings(name, text):
    def key(t):
        return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message)
                for d in lintnews.lint_string(t, name).diagnostics]
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    assert key(unix) == key(unix.replace("\n", "\r\n")) == key(unix.replace("\n", "\r"))
