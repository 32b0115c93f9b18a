"""The spelling dictionary: SCOWL's lower-case words, common and rare, and its British and
American spellings, read from data/spelling.idx (built by bench/build_dictionary.py),
loaded once, on first use.

Most words are found in one set of strings (the common words); the rest are looked up by
their CRC-32 in sorted arrays (a binary search), which cost no parsing to load. A word whose
checksum merely collides with a dictionary word's is taken as known (about 1 in 10,000
unknown words): the price of an index that loads in a few milliseconds.
"""
from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from functools import cache

from lintnews.rules._data import data_bytes

MAGIC = b"lintnews-spelling 1\n"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Dictionary:
    """Lower-case words: `common` ones (a set) and rare ones, and which are British or American only."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise ValueError("data/spelling.idx is not a lintnews spelling index")
        header_end = data.index(b"\n", len(MAGIC))
        offset = header_end + 1
        self.common: frozenset[str] = frozenset()
        self.trigrams: frozenset[str] = frozenset()     # runs of three letters common words hold
        self._codes: dict[str, array] = {}
        for entry in data[len(MAGIC):header_end].decode("ascii").split():
            name, kind, size = entry.split(":")
            block = data[offset:offset + int(size)]
            offset += int(size)
            if kind == "text":
                setattr(self, name, frozenset(block.decode("utf-8").split("\n")))
            else:
                codes = array("I")
                codes.frombytes(block)
                if sys.byteorder != "little":
                    codes.byteswap()
                self._codes[name] = codes

    def _holds(self, section: str, word: str) -> bool:
        codes = self._codes[section]
        code = zlib.crc32(word.encode("utf-8"))
        i = bisect_left(codes, code)
        return i < len(codes) and codes[i] == code

    def __contains__(self, word: str) -> bool:
        return word in self.common or self._holds("rare", word)

    def looks_english(self, word: str) -> bool:
        """Whether every run of three letters of `word` (with its start and end) is one that
        two or more common words hold: "rapey" does, "fliht" does not."""
        marked = f"^{word}$"
        return all(marked[i:i + 3] in self.trigrams for i in range(len(marked) - 2))

    def british(self, word: str) -> bool:
        """Whether only the British lists hold `word` ("colour")."""
        return self._holds("british", word)

    def american(self, word: str) -> bool:
        """Whether only the American lists hold `word` ("color")."""
        return self._holds("american", word)

    def neighbours(self, word: str) -> set[str]:
        """The common words one edit away from `word`: a letter deleted, inserted or
        replaced, or two neighbours swapped."""
        letters = LETTERS if word.isascii() else LETTERS + "".join(sorted(set(word) - set(LETTERS)))
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        edits.update(a + c + b[1:] for a, b in splits if b for c in letters)
        edits.update(a + c + b for a, b in splits for c in letters)
        edits.discard(word)
        return edits & self.common


@cache
def dictionary() -> Dictionary:
    """The dictionary, read from data/spelling.idx once."""
    return Dictionary(data_bytes("spelling.idx"))
