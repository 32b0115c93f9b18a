"""Quick paths that stand in for a slower, plainer test must agree with it on any input:
a prefilter may only rule out what could never be found."""
from __future__ import annotations

import regex
from hypothesis import example, given, strategies as st

from lintnews.diagnostics import Diagnostic
from lintnews.rules._hints import contains_lower
from lintnews.document import Document
from lintnews.fixes import _overlaps, applicable, select_fixes, well_formed
from lintnews.reporting.full import LEAD, WIDTH, Layout, _cell
from lintnews.patterns import alternation
from lintnews.suppression import Screen, Suppression, suppressions
from lintnews.rules.dates import WEEKDAYS, _EXPLICIT, _explicit_dates
from lintnews.rules.house_style import FoldedPieces, Group, _folded, form_pattern
from lintnews.rules.names import _may_be_variants, _variant
from lintnews.rules.punctuation import _double_spaces
from lintnews.text import find_all
from test_properties import text_and_fixes

_DOUBLE_SPACE = regex.compile(r"(?<=\S)( {2,})(?=\S)")


@given(st.text(alphabet=" ab.\n\r\t\x1c\x85\u00a0\u2003", max_size=30))
@example("a  b.  \tc   \x1c  d  \n  e  ")
def test_double_spaces_are_where_the_regex_finds_them(text):
    assert list(_double_spaces(text)) == [m.span(1) for m in _DOUBLE_SPACE.finditer(text)]


_ENTRIES = st.lists(st.text(alphabet="ab- ", min_size=1, max_size=5), min_size=1, max_size=8)


@given(_ENTRIES, st.text(alphabet="abAB- \t.", max_size=40), st.sampled_from(["", r"(?![\w-])"]))
@example(["told", "told reporters", "tells"], "He told  reporters, then tells", r"(?![\w-])")
@example(["a", "a b", "a bb"], "a bbb a b", r"(?![\w-])")
def test_a_trie_of_words_matches_what_their_alternation_matches(entries, text, after):
    plain = "(?:" + "|".join(sorted((r"\s+".join(map(regex.escape, e.split())) for e in entries),
                                   key=len, reverse=True)) + ")"
    for flags in (0, regex.I):
        expected = [m.span() for m in regex.finditer(r"(?<![\w-])" + plain + after, text, flags)]
        got = [m.span() for m in regex.finditer(r"(?<![\w-])" + alternation(entries, escape=regex.escape) + after,
                                                text, flags)]
        assert got == expected


_NAME = st.from_regex(r"[A-Z][a-z]{4,9}", fullmatch=True)


@st.composite
def _spelt_two_ways(draw):
    """A name and a misspelling of it that name-variant reports: a vowel changed, a letter
    doubled, a final i for y."""
    name = draw(_NAME)
    i = draw(st.integers(1, len(name) - 1))
    how = draw(st.sampled_from(["vowel", "double", "final"]))
    if how == "vowel":
        other = name[:i] + draw(st.sampled_from("aeiou")) + name[i + 1:]
    elif how == "double":
        other = name[:i] + name[i] + name[i:]
    else:
        other = name[:-1] + ("y" if name[-1] == "i" else "i")
    return name, other


@given(_spelt_two_ways(), st.lists(_NAME, max_size=5), st.booleans())
def test_no_pair_of_variants_is_ruled_out_by_its_skeleton(pair, others, possessive):
    name, other = pair
    words = [*others, name, other + ("'s" if possessive else "")]
    kept, skeleton = _may_be_variants(words)
    if _variant(name, other):
        assert name in kept and other + ("'s" if possessive else "") in kept
        assert skeleton[name] == skeleton[other]


_DATE_PIECES = ["Monday", "Tuesday", "Sundays", "xFriday", " ", "  ", ",", "(", "\n", "5", "12th", "31st",
                "May", "Sept.", "June", "of", "the", "2021", "19999", "-"]


@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map("".join))
@example("On Monday 5 May 2021, Tuesday (the 12th of June) and xFriday 31st May, Sundays, Monday, Sept. 5")
def test_explicit_dates_are_what_the_pattern_finds(text):
    found = [m.span() for m in _explicit_dates(text, find_all(text, WEEKDAYS))]
    assert found == [m.span() for m in _EXPLICIT.finditer(text)]


@given(st.text(alphabet="oremORΣİx ", max_size=40), st.sampled_from(["orem", "or", "x"]), st.integers(4, 9))
@example("xxxxxLOREMxxxx", "orem", 5)
def test_lowering_a_piece_at_a_time_finds_what_lowering_the_whole_finds(text, needle, piece):
    assert contains_lower(text, needle, piece) == (needle in text.lower())


@given(st.text(alphabet="abAB\u00dfx", max_size=60), st.sampled_from(["a", "ab", "bab", "ss", "abab"]),
       st.integers(0, 70), st.integers(2, 7))
@example("xxxAbxxab", "ab", 0, 4)
def test_a_text_folded_in_pieces_reads_as_the_text_folded(text, needle, start, piece):
    whole = text.casefold()
    pieces = _pieces(text, piece)
    assert len(pieces) == len(whole) and (needle in pieces) == (needle in whole)
    assert pieces.find(needle, start) == whole.find(needle, start)


def _pieces(text: str, size: int) -> FoldedPieces:
    class Small(FoldedPieces):
        PIECE = size
    return Small(text)


_GROUPS = [Group("US", ("US", "U.S.", "U.S"), case=True),
           Group("per cent", ("per cent", "percent", "%", "cent"), after_number=frozenset({"per cent", "percent", "%"}))]
_FORM_PIECES = ["US", "U.S.", "U.S", "per cent", "percent", "Per Cent", "%", "cent", "5", " ", ". ", "-", "x"]


@given(st.lists(st.sampled_from(_FORM_PIECES), max_size=16).map("".join), st.sampled_from(_GROUPS))
@example("5 per cent and 5 percent, US and U.S. and U.S", _GROUPS[0])
def test_occurrences_are_the_longest_forms_first_none_overlapping(text, group):
    taken = []                              # the plain version: every match against every one taken
    for form in sorted(group.forms, key=len, reverse=True):
        for m in form_pattern(form, group.case, form in group.after_number).finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in taken):
                taken.append((m.start(), m.end(), form))
    assert group.occurrences(text, _folded(text)) == sorted(taken)


_RULES = [("LN101", "repeated-word"), ("LN102", "made-up"), ("LN201", "mangled-possessive"), ("LN301", "x")]
_SELECTORS = ["LN1", "LN101", "LN10", "LN2", "L", "ALL", "repeated-word", "x", "LN3"]


@st.composite
def _diagnostics_and_suppressions(draw):
    diagnostics = [Diagnostic("a.md", line, 1, line, 2, code, name, "m", "error", None, 0, 1)
                   for line, (code, name) in draw(st.lists(st.tuples(st.integers(1, 12), st.sampled_from(_RULES)),
                                                           max_size=12))]
    found = []
    for first, length, selectors in draw(st.lists(st.tuples(st.integers(1, 12), st.integers(0, 6),
                                                           st.lists(st.sampled_from(_SELECTORS), max_size=2)),
                                                  max_size=6)):
        found.append(Suppression("disable", tuple(selectors), 0, 1, first, first + length))
    return diagnostics, found


@given(_diagnostics_and_suppressions())
def test_suppressions_cover_what_each_one_covers_on_its_own(case):
    diagnostics, found = case

    def covers(s, d):                       # the plain definition, one pair at a time
        names_it = not s.selectors or any(sel in ("ALL", d.name) or d.code.startswith(sel) for sel in s.selectors)
        return s.first_line <= d.line <= s.last_line and names_it

    expected_kept = [d for d in diagnostics if not any(covers(s, d) for s in found)]
    expected_used = [any(covers(s, d) for d in diagnostics) for s in found]
    screen = Screen(found)                  # (as the engine does: one rule at a time)
    kept_at = set()
    for code, name in _RULES:
        kept_at.update(i for i, d in enumerate(diagnostics)
                       if d.code == code and screen.keeps(screen.selectors(code, name), d.line))
        screen.rule_done()
    screen.mark_used()
    assert [d for i, d in enumerate(diagnostics) if i in kept_at] == expected_kept
    assert [s.used for s in found] == expected_used


@given(st.lists(st.tuples(st.sampled_from(["disable", "enable"]), st.lists(st.sampled_from(["LN1", "LN2", "x"]),
                                                                          max_size=2)), max_size=12))
def test_an_enable_closes_the_regions_it_names_once(directives):
    text = "\n\n".join(f"<!-- lintnews: {kind} {' '.join(sel)} -->" for kind, sel in directives) + "\n"
    last = text.count("\n") + 1
    expected, open_regions = [], []        # the plain version: every open region looked at
    for number, (kind, selectors) in enumerate(directives):
        line = 2 * number + 1
        if kind == "disable":
            region = [kind, tuple(selectors), line, last]
            expected.append(region)
            open_regions.append(region)
        else:
            for region in [r for r in open_regions if not selectors or set(r[1]) & set(selectors)]:
                region[3] = line
                open_regions.remove(region)
    doc = Document(text, "a.md", kind="markdown")
    assert [[s.directive, s.selectors, s.first_line, s.last_line] for s in suppressions(doc)] == expected


def _render_every_cell(source: str, start: int, end: int) -> tuple[str, str]:
    """full.Layout.render written plainly: every character of the line looked at for each
    finding; the window of WIDTH cells around the span, narrowed to whole words."""
    cells, columns = [], [0]
    for ch in source:
        shown, width = _cell(ch, columns[-1])
        cells.append(shown)
        columns.append(columns[-1] + width)
    left, right = columns[start], max(columns[end], columns[start] + 1)
    lo = max(0, min(left - LEAD, columns[-1] - WIDTH)) if columns[-1] > WIDTH else 0
    hi = lo + WIDTH
    inside = [i for i in range(len(cells)) if columns[i] >= lo and columns[i + 1] <= hi]
    first = inside[0] if inside else next((i for i in range(len(cells)) if columns[i] >= lo), len(cells))
    stop = inside[-1] + 1 if inside else first
    if 0 < first < start and not source[first - 1].isspace() and " " in source[first:start]:
        first = source.index(" ", first, start) + 1
    if max(end, first) < stop < len(source) and not source[stop].isspace() and " " in source[max(end, first, 1):stop]:
        stop = source.rindex(" ", max(end, first, 1), stop)
    prefix, suffix = "…" if first > 0 else "", "…" if stop < len(cells) else ""
    carets = " " * (len(prefix) + left - columns[first]) + "^" * max(1, min(right, max(columns[stop], left + 1)) - left)
    return prefix + "".join(cells[first:stop]) + suffix, carets


@given(st.lists(st.sampled_from(["word ", "\t", "漢", "e\u0301", "\u200b", "x" * 30, "\x01"]), max_size=40)
       .map("".join), st.integers(0, 400), st.integers(0, 400))
@example("x" * 95 + "漢漢" + "\t" * 3, 96, 98)
def test_a_line_laid_out_once_renders_as_before(source, a, b):
    start = min(a, len(source))
    end = min(max(b, start), len(source))
    assert Layout(source).render(start, end) == _render_every_cell(source, start, end)


@given(text_and_fixes())
def test_fixes_are_chosen_as_when_each_edit_met_every_edit_taken(case):
    text, diagnostics = case
    taken, expected = [], []                # the plain version: each edit against every one taken
    for d in sorted(applicable(diagnostics), key=lambda d: (min(e.start for e in d.fix.edits), d.code)):
        edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if well_formed(edits, len(text)) and not any(_overlaps(e, t) for e in edits for t in taken):
            taken.extend(edits)
            expected.append(d)
    assert select_fixes(text, diagnostics) == expected


# ------------------------------------------------------------- words looked for near others

@given(st.lists(st.sampled_from(["it's", "It’s", "the", "a", "stars", "has", "HAD", "had", "more", "than", "then",
                                 "lead", "its", "been", "would", "of", "x", "parties"]), max_size=30),
       st.sampled_from([" ", "  ", ", ", "\n"]))
def test_the_places_are_the_watched_words_each_rule_wants_there(words, gap):
    from lintnews.rules import _anchored, agreement, confusables
    from lintnews.text import fold
    doc = Document(gap.join(words))
    for screen in (confusables._screen(), agreement._screen()):
        folded = [fold(t) for t in doc.tokens.texts]
        want = [i for i, w in enumerate(folded) if w in screen and (folded[i + 1] if i + 1 < len(folded) else "") in screen[w]]
        assert [i for i, _ in _anchored.select(doc, screen)] == want


# LN103 and LN104 look at the tokens around a place (the word before it, the word after the
# next) before they ask for its offset and try their patterns; that look may only save work

_AROUND = ["it's", "It’s", "IT'S", "of", "to", "x-to", "reach", "has", "had", "was", "been", "x-has", "lead",
           "team", "is", "would", "own", "way", "on", "the", "a", "A", "an", "stars", "cars", "stars,", "series",
           "news", "politics", "his", "her", "its", "x-his", "parties", "parties’", "parties'", "wives’", "then",
           "continues", "is-it", "remains", "less", "affect", "side", "affects", "loose", "their", "Nestle", "x"]


@given(st.lists(st.sampled_from(_AROUND), max_size=14), st.sampled_from([" ", ", ", ". ", "\n"]))
@example(["reach", "it's", "first", "moulting"], " ")
@example(["It’s", "team", "continues"], " ")
@example(["has", "lead", "to"], " ")
@example(["of", "his", "parties’", "chances"], " ")
@example(["a", "stars,"], " ")
def test_the_look_at_the_tokens_around_a_place_drops_no_finding(words, gap):
    from unittest import mock
    from lintnews.rules import _anchored, agreement, confusables
    from lintnews.rules.agreement import Agreement
    text = gap.join(words)

    def found() -> tuple[list, list]:
        doc = Document(text)
        return confusables.matches(doc), [(f.start, f.end, f.message) for f in Agreement().check(doc)]

    looked = found()
    with mock.patch.object(confusables.Slip, "fits_around", lambda self, folded, i: True), \
            mock.patch.object(agreement._Plural, "__contains__", lambda self, word: word.endswith("s")), \
            mock.patch.object(agreement, "_OWNERS", _anchored.ANY_WORD):
        assert looked == found()
