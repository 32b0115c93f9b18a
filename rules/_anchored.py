"""Where a few words occur in a document: the cheap first step of rules that look only near them.

Rules name their words once (`watch`); the first rule to ask about a document has the
shared token list searched in C, once, for the words of all of them.
"""
from __future__ import annotations

from itertools import compress
from weakref import WeakKeyDictionary

from lintnews.document import Document

_watched: set[str] = set()
_found: WeakKeyDictionary[Document, tuple[frozenset[str], dict[str, list[int]]]] = WeakKeyDictionary()


def watch(words: frozenset[str]) -> frozenset[str]:
    """Add words (lower case) to those looked for in every document; returns them."""
    _watched.update(words)
    return words


def where(doc: Document) -> dict[str, list[int]]:
    """Each watched word that the document holds, with the indexes of the tokens whose
    case-folded text it is."""
    watched, found = _found.get(doc, (None, None))
    if watched is None or len(watched) != len(_watched):
        watched, found = frozenset(_watched), {}
        folded = doc.tokens.folded
        for i in compress(range(len(folded)), map(watched.__contains__, folded)):
            found.setdefault(folded[i], []).append(i)
        _found[doc] = watched, found
    return found
