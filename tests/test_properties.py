"""Property tests over the public API: any text lints, positions are sane, newlines don't matter."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import lintnews
from lintnews.fixes import apply_fixes

PIECES = ["the", "The", "the the", "Biden", "Biden's", "Biden 's", "’s", "'", '"', "“", "”", "‘", "’", ",", ".",
          " ", "  ", "\n", "\n\n", "I", "we", "our", "said", "he said", "Mr.", "U.S.", "Al-Kadhimis’s", "Al-Kadhimi",
          "é", "🙂", "\u200d", "\u2028", "\t", "(", ")", ":", "?", "!", "—"]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join) | st.text(max_size=200)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_any_text_lints_with_positions_inside_it(text):
    result = lintnews.lint_string(text)
    assert result.problems == []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        assert 1 <= d.line <= d.end_line <= len(lines)
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1
    assert lintnews.lint_string(text).diagnostics == result.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_newline_style_does_not_change_findings(text):
    def key(t):
        return [(d.line, d.column, d.end_line, d.end_column, d.code) for d in lintnews.lint_string(t).diagnostics]
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    assert key(unix) == key(unix.replace("\n", "\r\n")) == key(unix.replace("\n", "\r"))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_fixing_twice_equals_fixing_once(text):
    def fix(t):
        for _ in range(10):
            t, n = apply_fixes(t, lintnews.lint_string(t).diagnostics)
            if not n:
                return t
        return t
    once = fix(text)
    assert fix(once) == once
