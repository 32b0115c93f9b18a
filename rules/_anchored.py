"""Where a few words occur in a document, and what follows them: the cheap first step of
rules that look only near some words.

Rules name their words once (`watch`); the first rule to ask about a document has the
shared token list searched in C, once, for the words of all of them (`around`); each then
keeps the places it wants, also in C (`select`).
"""
from __future__ import annotations

from array import array
from itertools import compress, repeat
from operator import and_, or_
from weakref import WeakKeyDictionary

from lintnews.document import Document

_watched: set[str] = set()
_found: WeakKeyDictionary[Document, tuple[frozenset[str], tuple[list[int], list[str], list[str]]]] \
    = WeakKeyDictionary()


def watch(words: frozenset[str]) -> frozenset[str]:
    """Add words (lower case) to those looked for in every document; returns them."""
    _watched.update(words)
    return words


def around(doc: Document) -> tuple[list[int], list[str], list[str]]:
    """(indexes, words, next words): every token whose case-folded text is a watched word,
    that text, and the case-folded text of the token after it ("" at the end)."""
    watched, found = _found.get(doc, (None, None))
    if watched is None or len(watched) != len(_watched):
        watched, folded = frozenset(_watched), doc.tokens.folded
        # (an array: in a text that is one watched word again and again, an int object each cost 28 bytes)
        hits = array("q", compress(range(len(folded)), map(watched.__contains__, folded)))
        words = list(map(folded.__getitem__, hits))
        last = hits and hits[-1] == len(folded) - 1           # (no token after the last)
        nexts = list(map(folded.__getitem__, map((1).__add__, hits[:-1] if last else hits)))
        found = hits, words, nexts + [""] if last else nexts
        _found[doc] = watched, found
    return found


def select(doc: Document, pairs: frozenset[tuple[str, str]], alone: frozenset[str] = frozenset(),
           before_plural: frozenset[str] = frozenset()) -> list[int]:
    """The indexes of the watched tokens that make one of `pairs` (word, next word) with
    the next token, that are one of `alone` (whatever follows), or that are one of
    `before_plural` with a next word ending in "s"."""
    hits, words, nexts = around(doc)
    keep = map(pairs.__contains__, zip(words, nexts))
    if alone:
        keep = map(or_, keep, map(alone.__contains__, words))
    if before_plural:
        keep = map(or_, keep, map(and_, map(before_plural.__contains__, words), map(str.endswith, nexts, repeat("s"))))
    return list(compress(hits, keep))
