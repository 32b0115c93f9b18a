"""Cheap tests run before a rule's regex pass: most articles hold nothing a pattern could
match, and `str.find` rules that out many times faster than a regex scan of the text.

Each test is a necessary condition of a match, so skipping the pass never changes findings.
"""
from __future__ import annotations

from collections.abc import Iterable


def contains_any(text: str, needles: Iterable[str]) -> bool:
    """Whether any of the strings occurs in text (looked for only where its first character
    occurs: a search for one character is tens of times quicker than for two or more)."""
    return any(n[0] in text and n in text for n in needles)


def after_space(text: str, needles: Iterable[str]) -> bool:
    """Whether any of the strings occurs right after a white-space character."""
    for needle in needles:
        if needle[0] not in text:
            continue
        i = text.find(needle, 1)
        while i > 0:
            if text[i - 1].isspace():
                return True
            i = text.find(needle, i + 1)
    return False


def contains_lower(text: str, needle: str, piece: int = 1 << 16) -> bool:
    """Whether `needle` (in lower case) occurs in text.lower(), a long text lowered a piece at
    a time (the pieces overlapping by len(needle) - 1): str.lower of a whole text not in
    ASCII works in a buffer four times its size."""
    if len(text) <= piece:
        return needle in text.lower()
    step = piece - len(needle) + 1
    return any(needle in text[i:i + piece].lower() for i in range(0, len(text), step))
