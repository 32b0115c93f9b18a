"""Regular expressions compiled on first use.

Compiling the rule pack's patterns costs more than running them on one article, and a
cheap test often makes a pattern unnecessary for the article at hand. `lazy(regex.compile,
r"...")` stands for the compiled pattern: the first call of one of its methods compiles
it (with the same engine and flags), and from then on its methods are the compiled ones.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

# The characters regex's \s matches, as the inside of a character class: stdlib \s also
# takes U+001C-U+001F, so a stdlib pattern that must agree with a regex one spells them out
SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
HSPACE = SPACE.replace("\n", "").replace("\r", "")     # regex's [^\S\r\n]
# the same characters one by one, for tests without a pattern
HSPACE_CHARS = frozenset(HSPACE.replace("\u2000-\u200a", "".join(map(chr, range(0x2000, 0x200b)))))

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A pattern compiled when first used; `.pattern` is known without compiling."""

    __slots__ = ("pattern", "_flags", "_compile", *_METHODS)

    def __init__(self, compile: Callable[..., Any], pattern: str, flags: int = 0) -> None:
        self._compile, self.pattern, self._flags = compile, pattern, flags

    def __getattr__(self, name: str) -> Any:
        # called only for what is not set yet: compile, keep the methods, answer
        compiled = self._compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(compile: Callable[..., Any], pattern: str, flags: int = 0) -> Any:
    """The pattern compiled by `compile` (re.compile or regex.compile) when first used."""
    return LazyPattern(compile, pattern, flags)


def alternation(entries: Iterable[str], space: str = r"\s+", escape: Callable[[str], str] = re.escape) -> str:
    """A pattern matching what `(?:e1|e2|...)` of the entries, longest first, matches
    (the words of an entry joined by `space`), written as a trie: "told", "tells" and
    "told reporters" make `t(?:ells|old(?:\\s+reporters)?)`. Where the plain alternation
    tries each entry at every offset, the trie reads each character once, several times
    quicker for a long list of words. Entries that differ only in case should be given once
    for a pattern that ignores case (so that two branches never match the same text)."""
    trie: dict = {}
    for entry in {" ".join(e.split()) for e in entries}:
        node = trie
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}                       # an entry ends here

    def branches(node: dict) -> str:
        alternatives = [(space if char == " " else escape(char)) + branches(child)
                        for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if "" not in node:
            return body
        return ("(?:" + body + ")" if len(alternatives) > 1 or len(body) > 1 else body) + "?"  # longer first

    return "(?:" + branches(trie) + ")"
