"""Shared by the quote rules: finding speech cues ("said", "according to") in narration."""
from __future__ import annotations

import re
from functools import cache

import regex

from lintnews.document import Document
from lintnews.patterns import alternation, lazy
from lintnews.rules._data import word_list


_QUOTED_RUN = lazy(re.compile, rb"\x01+")


@cache
def cue_pattern(extra: tuple[str, ...] = (), lists: tuple[str, ...] = ("attribution_verbs", "speech_verbs")) -> regex.Pattern:
    """A pattern matching any entry of the word lists (or `extra`) as a whole word or phrase."""
    entries = {e for name in lists for e in word_list(name)} | set(extra)    # (all in lower case)
    return regex.compile(r"(?<![\w'’-])" + alternation(entries, escape=regex.escape) + r"(?![\w'’-])", regex.I)


def narration(doc: Document, start: int, end: int) -> str:
    """doc.prose[start:end] with every quotation blanked out (same length)."""
    mask = doc.quoted_mask
    if mask.find(1, start, end) < 0:
        return doc.prose[start:end]
    pieces, pos = [], start
    for run in _QUOTED_RUN.finditer(mask, start, end):
        pieces.append(doc.prose[pos:run.start()])
        pieces.append(" " * (run.end() - run.start()))
        pos = run.end()
    pieces.append(doc.prose[pos:end])
    return "".join(pieces)


def has_cue(doc: Document, start: int, end: int, pattern: regex.Pattern) -> bool:
    """Whether the narration (quotes left out) of doc.prose[start:end] attributes speech."""
    if start >= end:
        return False
    return pattern.search(narration(doc, start, end)) is not None
