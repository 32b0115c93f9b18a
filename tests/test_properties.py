"""Property tests over the public API: any text lints, positions are sane, newlines don't matter."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings, strategies as st

import lintnews
from lintnews.diagnostics import Diagnostic, Edit, Fix
from lintnews.engine import default_linter
from lintnews.fixes import apply_fixes, select_fixes, well_formed

from conftest import assert_positions_inside

PIECES = ["the", "The", "the the", "Biden", "Biden's", "Biden 's", "’s", "'", '"', "“", "”", "‘", "’", ",", ".",
          " ", "  ", "\n", "\n\n", "I", "we", "our", "said", "he said", "Mr.", "U.S.", "Al-Kadhimis’s", "Al-Kadhimi",
          "é", "🙂", "\u200d", "\u2028", "\t", "(", ")", ":", "?", "!", "—"]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join) | st.text(max_size=200)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_any_text_lints_with_positions_inside_it(text):
    result = lintnews.lint_string(text)
    assert result.problems == []
    assert_positions_inside(text, result.diagnostics)
    assert lintnews.lint_string(text).diagnostics == result.diagnostics


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
@example('" \n the the "')      # a quotation over a CR-only line end counted as one line
def test_newline_style_does_not_change_findings(text):
    def key(t):
        return [(d.line, d.column, d.end_line, d.end_column, d.code) for d in lintnews.lint_string(t).diagnostics]
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    assert key(unix) == key(unix.replace("\n", "\r\n")) == key(unix.replace("\n", "\r"))


@settings(max_examples=200, deadline=None)
@given(texts, st.booleans())
def test_fixing_twice_equals_fixing_once(text, unsafe):
    linter = default_linter()
    once = linter.fix_text(text, unsafe=unsafe)
    assert once.converged
    again = linter.fix_text(once.text, unsafe=unsafe)
    assert again.text == once.text and again.count == 0


def rebuilt(text, edits):
    """The text with `edits` applied, computed character by character (an independent
    rebuilding, to check fixes.splice against): each position emits the content of the
    edits starting there, then its own character unless an edit covers it."""
    out = []
    for i in range(len(text) + 1):
        out += [e.content for e in sorted(edits, key=lambda e: e.end) if e.start == i]
        if i < len(text) and not any(e.start <= i < e.end for e in edits):
            out.append(text[i])
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_no_text_outside_the_edits_changes(text):
    diagnostics = lintnews.lint_string(text).diagnostics
    chosen = select_fixes(text, diagnostics, unsafe=True)
    fixed, count = apply_fixes(text, diagnostics, unsafe=True)
    assert count == len(chosen)
    assert fixed == rebuilt(text, [e for d in chosen for e in d.fix.edits])


def edit_in(size):
    return st.tuples(st.integers(-1, size + 1), st.integers(0, 4), st.text("XY", max_size=3)).map(
        lambda t: Edit(t[0], t[0] + t[1], t[2]))


@st.composite
def text_and_fixes(draw):
    text = draw(st.text("abcdef \n", max_size=30))
    fixes = draw(st.lists(st.lists(edit_in(len(text)), min_size=1, max_size=3), max_size=8))
    return text, [Diagnostic("t", 1, 1, 1, 1, "XX100", "x", "m", fix=Fix(tuple(edits))) for edits in fixes]


@settings(max_examples=500, deadline=None)
@given(text_and_fixes())
def test_overlapping_fixes_never_corrupt_the_text(case):
    text, diagnostics = case
    chosen = select_fixes(text, diagnostics)
    taken = [e for d in chosen for e in d.fix.edits]
    # every chosen fix lies inside the text, and no two chosen edits touch the same characters
    for i, a in enumerate(taken):
        assert 0 <= a.start <= a.end <= len(text)
        for b in taken[i + 1:]:
            assert a.end <= b.start or b.end <= a.start
            assert not (a.start == a.end == b.start == b.end)
            assert not (a.start == a.end and b.start <= a.start <= b.end)
            assert not (b.start == b.end and a.start <= b.start <= a.end)
    # a fix is applied whole or not at all, and the rest of the text is untouched
    assert apply_fixes(text, diagnostics)[0] == rebuilt(text, taken)
    # a fix left out was malformed or collides with one taken (it is left for the next pass)
    for d in diagnostics:
        if d not in chosen and well_formed(sorted(d.fix.edits, key=lambda e: (e.start, e.end)), len(text)):
            assert any(e.start <= t.end and t.start <= e.end for e in d.fix.edits for t in taken)


def test_overlapping_fixes_the_first_wins_and_the_second_waits():
    text = "It was the the the end."
    first = Diagnostic("t", 1, 1, 1, 1, "LN101", "r", "m", fix=Fix.replace(10, 14, ""))
    second = Diagnostic("t", 1, 1, 1, 1, "LN101", "r", "m", fix=Fix.replace(13, 18, " a"))
    assert apply_fixes(text, [second, first]) == ("It was the the end.", 1)
