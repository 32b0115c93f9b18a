"""Where a few words occur in a document followed by words that a rule wants there: the
cheap first step of rules that look only near some words.

Rules name their places once (`watch`: each word, and what may follow it); the first rule
to ask about a document has the shared token list searched, once, for the places of
all of them (`places`): the watched words, kept only where the next word is one that some
rule wants after them. Each rule then keeps its own from those few (`indexes`), and asks
for the offsets of those it still wants after a look at the tokens around them (`offsets`:
summing the lengths before a token costs a pass over the text up to it).
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Container, Mapping
from itertools import compress
from operator import contains
from weakref import ref

from lintnews.core import speedups
from lintnews.document import Document


class _AnyWord:
    """Every next word (and the end of the text)."""

    def __contains__(self, word: str) -> bool:
        return True


class AllBut:
    """Every next word but some."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def __contains__(self, word: str) -> bool:
        return word not in self.words


class _Either:
    """The next words that one of two rules wants."""

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, word: str) -> bool:
        return word in self.first or word in self.second


ANY_WORD: Container[str] = _AnyWord()

_screen: dict[str, Container[str]] = {}        # each watched word -> what any rule wants after it
_watched: frozenset[str] = frozenset()         # its words (a set is searched faster than a dict)
_version = 0                                   # how many times _screen has grown
# the places of the document asked about last (rules ask about one document after another):
# a weak reference to it, _version then, its places
_last: tuple = (None, -1, array("q"))


def watch(screen: Mapping[str, Container[str]]) -> Mapping[str, Container[str]]:
    """Add places to those looked for in every document: each word (lower case) and the
    next words (case-folded; "" is the end of the text) wanted after it: a frozenset,
    AllBut(a frozenset), ANY_WORD or any other container. Returns the screen."""
    global _version, _watched
    for word, after in screen.items():
        had = _screen.get(word)
        _screen[word] = after if had is None or had is after else union(had, after)
    _watched = frozenset(_screen)
    _version += 1
    return screen


def union(a: Container[str], b: Container[str]) -> Container[str]:
    """The next words that a or b holds."""
    if a is ANY_WORD or b is ANY_WORD:
        return ANY_WORD
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return a | b
    if isinstance(a, AllBut) or isinstance(b, AllBut):
        if isinstance(b, AllBut):
            a, b = b, a
        if isinstance(b, AllBut):
            return AllBut(a.words & b.words)
        if isinstance(b, frozenset):
            return AllBut(a.words - b)
    return _Either(a, b)


def places(doc: Document) -> array:
    """Indexes of the tokens whose case-folded text is a watched word followed by a word
    that some rule wants after it, in order (made once a document)."""
    global _last
    made_for, version, found = _last
    if made_for is None or made_for() is not doc or version != _version:
        found = watched_places(doc.tokens.folded, _screen, _watched)
        _last = ref(doc), _version, found
    return found


def watched_places(folded: list[str], screen: dict[str, Container[str]],
                   watched: frozenset[str] | None = None) -> array:
    """The indexes of the tokens that are words of the screen followed by a word (or "" at
    the end) that the screen wants after them: found in the compiled core where it is built
    (without hashing each token), else by _places_in_python (watched: the screen's words,
    if the caller keeps them)."""
    if speedups is None:
        return _places_in_python(folded, screen, frozenset(screen) if watched is None else watched)
    found = array("q")
    found.frombytes(speedups.watched_places(folded, screen))
    return found


def _places_in_python(folded: list[str], screen: Mapping[str, Container[str]], watched: frozenset[str]) -> array:
    """watched_places in Python, in C loops (map, compress) over the tokens (watched: the
    screen's words; a set is searched faster than a dict)."""
    # (arrays: in a text that is one watched word again and again, an int object each cost 28 bytes)
    hits = array("q", compress(range(len(folded)), map(watched.__contains__, folded)))
    last = hits and hits[-1] == len(folded) - 1           # (no token after the last)
    body = hits[:-1] if last else hits
    nexts = map(folded.__getitem__, map((1).__add__, body))
    found = array("q", compress(body, map(contains, map(screen.__getitem__, map(folded.__getitem__, body)), nexts)))
    if last and "" in screen[folded[-1]]:
        found.append(len(folded) - 1)
    return found


def indexes(doc: Document, screen: Mapping[str, Container[str]]) -> list[int]:
    """The indexes of the places (see `places`) that this screen wants: a word of it
    followed by one of the next words it gives for that word."""
    found = places(doc)
    if not found:
        return []
    folded = doc.tokens.folded
    end = len(folded) - 1
    return [i for i in found if (folded[i + 1] if i < end else "") in screen.get(folded[i], ())]


def offsets(doc: Document, at: list[int]) -> list[int]:
    """The offsets of the tokens at these indexes (ascending)."""
    return doc.tokens.offsets(at) if at else []


def select(doc: Document, screen: Mapping[str, Container[str]]) -> list[tuple[int, int]]:
    """(index, offset) of the places that this screen wants (see `indexes`)."""
    at = indexes(doc, screen)
    return list(zip(at, offsets(doc, at)))


_JOINS = re.compile(r"[-'’]")


def last_part(word: str) -> str:
    """A token's part after its last hyphen or apostrophe ("x-has": "has"): the word a
    pattern sees after a word boundary."""
    return _JOINS.split(word)[-1] if "-" in word or "'" in word or "’" in word else word


def first_part(word: str) -> str:
    """A token's part before its first hyphen or apostrophe ("is-it": "is")."""
    return _JOINS.split(word, 1)[0] if "-" in word or "'" in word or "’" in word else word
