"""The compiled core (lintnews._speedups) gives the same analysis as the pure-Python one,
the reference, on any text; LINTNEWS_PURE=1 forces the pure one; --version names it."""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import unicodedata
import zlib
from array import array

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from lintnews import core, text as textlib
from lintnews.rules import _data, _dictionary, repeated_word

try:
    from lintnews import _speedups
except ImportError:             # (no compiler at install: the pure core alone, tested by the rest)
    _speedups = None

needs_core = pytest.mark.skipif(_speedups is None, reason="the compiled core is not built (no C compiler at install)")


def analysis(text: str) -> dict:
    """Everything text.py works out for a text, in plain lists."""
    tokens = textlib.Tokens(text)
    paras = textlib.paragraphs(text)
    quotes = textlib.quotations(text, paras)
    return {
        "texts": tokens.texts, "starts": list(tokens.starts), "folded": tokens.folded,
        "offsets": tokens.offsets(range(0, len(tokens), 3)),
        "paragraphs": list(paras), "sentences": list(textlib.sentences(text, paras)),
        "double": list(quotes.double), "inner": list(quotes.inner), "strays": quotes.stray_closers,
        "punctuation": list(textlib.offsets_of(text, ",.;:!?")),
    }


def both(text: str) -> tuple[dict, dict]:
    """(pure, compiled) analyses of text."""
    was = textlib.speedups
    try:
        textlib.speedups = None
        pure = analysis(text)
        textlib.speedups = _speedups
        return pure, analysis(text)
    finally:
        textlib.speedups = was


# Pieces where the two could part: line ends (\r\n, \r, \n, U+2028/9), every quotation and
# apostrophe shape, stops, abbreviations, joiners, combining marks, characters that are \w
# to one engine and not the other (½ No, Ⓐ So, ‿ Pc, Ⅻ Nl, 一 Lo with a numeric value),
# capitals and figures outside ASCII, NUL, lone surrogates (as surrogateescape makes them).
PIECES = ["the", "The", "Mr", "Dr.", "U.S.", "e.g.", "Inc.", "J.", "don't", "Al-Kadhimi’s", "rock’n’roll", "-", "'",
          "’", "‘", '"', "“", "”", "„", "«", "»", "(", ")", "[", "]", ".", "..", "!", "?", "?!", "…", ",", ";", ":",
          " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r", "\u2028", "\u2029", "\x85", "\xa0",
          "\u3000", "\u200a", "\x1c", "\u0301", "e\u0301", "é", "½", "Ⓐ", "‿", "Ⅻ", "一", "_", "x_y", "5", "١٢", "£5", "$", "€", "É",
          "Ω", "ǅ", "\x00", "\udc80", "\ud800", "🙂", "\u200d", "said", "5'", "10\"", "'90s", "’em", "—", "–"]
CATEGORIES = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
              "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"]
pieces = st.sampled_from(PIECES) | st.characters(categories=CATEGORIES)
texts = st.lists(pieces, max_size=120).map("".join) | st.lists(pieces, max_size=60).map(" ".join)
# the same without combining marks: the texts the compiled core splits itself
unmarked = texts.map(lambda t: "".join(c for c in t if not unicodedata.category(c).startswith("M")))


@needs_core
@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
@example('He said: "Yes. No." ‘Then’ it ended… 5\' tall\r\n\r\nA. B. Mr. Smith’s U.S. Inc. The end.')
@example("A.\u2028B. Ⓐ. ½. Ⅻ. 一.\u2029É.  Ω")
def test_the_compiled_core_gives_the_pure_analysis_on_any_text(text):
    pure, compiled = both(text)
    assert compiled == pure


@needs_core
@settings(max_examples=400, deadline=None)
@given(unmarked)
@example("½ Ⓐ a‿b Ⅻ 一 x_y ١٢ don't-know ’tis -a a- a'")
def test_its_words_are_the_stdlib_engines_on_a_text_without_marks(text):
    # regex's \w differs from the stdlib's (½ is a word character to the stdlib only, Ⓐ
    # and ‿ to regex only): text.py splits a text without combining marks with the stdlib
    # engine, and the compiled core must give just those tokens
    texts, starts = _speedups.split_words(text, False)
    found = list(re.finditer(r"\w++(?:[-'’]\w++)*+", text))
    assert texts == [m.group() for m in found]
    assert list(textlib._array(len(text), starts)) == [m.start() for m in found]


@needs_core
def test_a_text_with_a_combining_mark_is_split_in_python(monkeypatch):
    # (the compiled core knows the stdlib's \w only; with a mark, regex's \w decides)
    text = "re\u0301sume\u0301 and ½ of Ⓐ"
    monkeypatch.setattr(textlib, "speedups", _speedups)
    assert textlib._native_split(text) is None
    assert textlib.Tokens(text).texts == ["re\u0301sume\u0301", "and", "of", "Ⓐ"]
    assert textlib._native_split("resume and ½ of Ⓐ")[0] == ["resume", "and", "½", "of"]


@needs_core
@pytest.mark.parametrize("marked", [False, True])
def test_a_long_text_gives_the_same_analysis_and_shares_its_words(monkeypatch, marked):
    rng = random.Random(23)
    text = "".join(rng.choice(PIECES) for _ in range(120_000)) + " " + "x" * 70_000 + " The end."
    text = text.replace("\u0301", "") if not marked else text
    assert len(text) > textlib._SHARE_ABOVE
    pure, compiled = both(text)
    assert compiled == pure
    tokens = textlib.Tokens(text)
    the = [t for t in tokens.texts if t == "the"]
    assert len(the) > 100 and all(t is the[0] for t in the)         # one string for each distinct word


@needs_core
def test_a_text_dense_with_marks_has_them_in_arrays_on_both_cores(monkeypatch):
    text = '"a" ' * 20_000 + "A. " * 20_000                         # (past objects_up_to)
    pure, compiled = both(text)
    assert compiled == pure
    monkeypatch.setattr(textlib, "speedups", _speedups)
    assert type(textlib.offsets_of(text, '"')).__name__ == "array"
    assert type(textlib.offsets_of('"a" ' * 100, '"')) is list


def test_lintnews_pure_forces_the_python_core_and_version_names_the_core():
    def version(**env):
        proc = subprocess.run([sys.executable, "-m", "lintnews", "--version"], capture_output=True, text=True,
                              env={**os.environ, **env}, timeout=60)
        return proc.stdout
    assert version(LINTNEWS_PURE="1") == "lintnews 0.1.0 (core: python)\n"
    built = "c" if _speedups is not None else "python"
    assert version(LINTNEWS_PURE="0") == f"lintnews 0.1.0 (core: {built})\n"
    assert core.NAME == ("python" if os.environ.get("LINTNEWS_PURE", "") not in ("", "0") else built)


# The spelling dictionary's two native helpers and their Python twins (rules/_dictionary.py)
words = st.text(st.one_of(st.sampled_from("abcdefghijklmnopqrstuvwxyz'-éïß"), st.characters(exclude_categories=["Cs"])),
                max_size=14)


@needs_core
@settings(max_examples=400, deadline=None)
@given(words, st.text(max_size=30), st.randoms(use_true_random=False))
@example("definately", _dictionary.LETTERS, random.Random(1))
@example("", "ab", random.Random(2))
@example("aa", "a", random.Random(3))
def test_near_words_is_the_python_edits_in_the_set(word, letters, rng):
    edits = _dictionary._edits(word, letters)
    held = {e for e in edits if rng.random() < 0.3} | {word, word + "zz", "colour"}
    assert _speedups.near_words(word, letters, frozenset(held)) == edits & held
    assert _speedups.near_words(word, letters, held) == edits & held
    assert _speedups.near_words(word, letters, edits | {word}) == edits        # (never the word itself)


@needs_core
@settings(max_examples=400, deadline=None)
@given(st.lists(words, max_size=40), words, st.booleans(), st.randoms(use_true_random=False))
@example(["colour", "naïve"], "naïve", True, random.Random(1))
@example([], "", True, random.Random(1))
def test_crc_holds_is_the_python_lookup(held, word, ordered, rng):
    codes = array("I", [zlib.crc32(w.encode("utf-8")) for w in held] + [rng.getrandbits(32) for _ in range(5)])
    if ordered:
        codes = array("I", sorted(codes))
    else:
        rng.shuffle(codes)          # (unsorted: both search where bisect_left would)
    assert _speedups.crc_holds(codes, word) == _dictionary._py_crc_holds(codes, word)
    if ordered and word in held:
        assert _speedups.crc_holds(codes, word)


@needs_core
def test_crc_holds_refuses_what_the_python_lookup_refuses():
    with pytest.raises(UnicodeEncodeError):
        _dictionary._py_crc_holds(array("I"), "a\udc80")
    with pytest.raises(UnicodeEncodeError):
        _speedups.crc_holds(array("I"), "a\udc80")
    with pytest.raises(TypeError):
        _speedups.crc_holds(array("H", [1, 2]), "a")
    with pytest.raises(TypeError):
        _speedups.near_words("a", "ab", ["a"])


@needs_core
@pytest.mark.parametrize("word", ["definately", "politicial", "accomodate", "teh", "naïvete", "colour", "xqzv"])
def test_the_dictionary_finds_the_same_neighbours_on_both_cores(monkeypatch, word):
    found = {}
    for native in (None, _speedups):
        monkeypatch.setattr(_dictionary, "speedups", native)
        monkeypatch.setattr(_dictionary, "_crc_holds", native.crc_holds if native else _dictionary._py_crc_holds)
        words = _dictionary.Dictionary(_data.data_bytes("spelling.idx"))
        words.common                                        # (the set branch, where near_words serves)
        found[native] = (words.neighbours(word), word in words, words.british(word), words.american(word))
    assert found[None] == found[_speedups]
    if word == "definately":
        assert "definitely" in found[None][0]


# LN101's search for words written again at once (rules/repeated_word.py)
def repeats_both(f: list[str], phrases: bool = True) -> tuple[list, list]:
    """(pure, compiled) candidates of LN101 over folded tokens f."""
    rule = repeated_word.RepeatedWord(repeated_word.RepeatedWord.Options(phrases=phrases))
    was = repeated_word.speedups
    try:
        repeated_word.speedups = None
        pure = list(rule._candidates(f))
        repeated_word.speedups = _speedups
        return pure, list(rule._candidates(f))
    finally:
        repeated_word.speedups = was


@needs_core
@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "the", "é", "e\u0301", "€", "🙂", "a\x00", ""]), max_size=60), st.booleans())
@example(["the", "the"], True)
@example(["a", "b", "a", "b", "a", "b", "c"], True)
@example(["a", "b", "c", "a", "b", "c"], False)
def test_repeats_are_the_python_candidates(f, phrases):
    pure, compiled = repeats_both([w for w in f], phrases)      # (fresh list, equal strings distinct objects)
    assert compiled == pure


@needs_core
def test_repeats_of_one_word_throughout_come_a_chunk_at_a_time(monkeypatch):
    f = [str("word" + " ")[:-1] for _ in range(3 * repeated_word._CHUNK)]     # (equal, not one object)
    pure, compiled = repeats_both(f)
    assert compiled == pure and len(pure) == 2 * len(f) - 6                   # (i, 1) and (i, 3) at each i
    assert _speedups.repeats(f, 0, 0) == ([1, 3], 1)                          # (one i's matches at least)
    with pytest.raises(TypeError):
        _speedups.repeats(["a", b"a"], 0, 10)


# issue 17: where watched words occur (rules/_anchored.watched_places) --------------------

_some_words = st.sampled_from(["a", "an", "it’s", "it's", "the", "Aé", "é", "ß", "naïve", "husbands",
                               "longerthan8", "", "x\0", "一", "A", "AN"])
_screens = st.dictionaries(_some_words, st.one_of(st.frozensets(_some_words), st.just("AllBut"), st.just("any")))


@needs_core
@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_some_words, st.text(max_size=10))), _screens)
@example(["a", "an", "it’s", "a"], {"a": frozenset({"an", ""}), "it’s": frozenset({"a"})})
@example(["x" * 9, "a"], {"x" * 9: frozenset({"a"}), "a": frozenset({""})})
def test_the_compiled_core_finds_the_watched_places_the_python_twin_finds(tokens, screen):
    from lintnews.rules import _anchored
    # what may follow a word: a set, every word but some (a Python __contains__), or any word
    screen = {w: _anchored.AllBut(frozenset({"a", ""})) if after == "AllBut" else
              _anchored.ANY_WORD if after == "any" else after for w, after in screen.items()}
    want = list(_anchored._places_in_python(tokens, screen, frozenset(screen)))
    assert list(_anchored.watched_places(tokens, screen)) == want
    assert want == [i for i, t in enumerate(tokens)                 # (what the twin is meant to find)
                    if t in screen and (tokens[i + 1] if i + 1 < len(tokens) else "") in screen[t]]


@needs_core
def test_the_compiled_core_finds_watched_places_among_many_words_and_case_matters():
    from lintnews.rules import _anchored
    screen = {f"w{i}": frozenset({"x"}) for i in range(300)}       # (more than its table holds)
    screen["It"] = frozenset({"x"})
    tokens = ["w5", "x", "it", "x", "It", "x", "w299", "y", "w299", "x"]
    assert list(_anchored.watched_places(tokens, screen)) == [0, 4, 8]
    assert list(_anchored._places_in_python(tokens, screen, frozenset(screen))) == [0, 4, 8]
