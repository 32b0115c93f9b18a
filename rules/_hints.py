"""Cheap tests run before a rule's regex pass: most articles hold nothing a pattern could
match, and `str.find` rules that out many times faster than a regex scan of the text.

Each test is a necessary condition of a match, so skipping the pass never changes findings.
"""
from __future__ import annotations

from collections.abc import Iterable


def contains_any(text: str, needles: Iterable[str]) -> bool:
    """Whether any of the strings occurs in text."""
    return any(n in text for n in needles)


def after_space(text: str, needles: Iterable[str]) -> bool:
    """Whether any of the strings occurs right after a white-space character."""
    for needle in needles:
        i = text.find(needle, 1)
        while i > 0:
            if text[i - 1].isspace():
                return True
            i = text.find(needle, i + 1)
    return False
